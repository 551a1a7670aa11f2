// compile writes the scheduled IR (ukernel calls on buffers) and the AIE
// source of each ukernel it calls.

// RUN: rm -rf %t.kernels
// RUN: aieconv compile --conv "op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=16,oc=8,kh=1,kw=1" -o %t.mlir --emit-kernels %t.kernels 2> %t.err
// RUN: FileCheck %s --check-prefix=IR < %t.mlir
// RUN: FileCheck %s --check-prefix=LOG < %t.err
// RUN: ls %t.kernels | FileCheck %s --check-prefix=FILES
// RUN: cat %t.kernels/*.cc | FileCheck %s --check-prefix=SOURCE

// IR: func.func private @[[SYM:[a-z0-9_]+]](memref<
// IR: func.func @conv(%{{.*}}: memref<1x8x8x16xbf16>
// IR: call @[[SYM]](
// LOG: aieconv compile: wrote {{[1-9][0-9]*}} ukernel source file(s) to
// FILES: {{^[a-z0-9_]+\.cc$}}
// SOURCE: extern "C"

// The scheduled IR is itself a valid input of aieconv-opt.
// RUN: aieconv-opt %t.mlir > /dev/null

// Without -o the IR goes to stdout.
// RUN: aieconv compile --conv "op=conv1d_nwc_wcf,iw=16,ic=8,oc=8,kw=3" --until tile | FileCheck %s --check-prefix=STDOUT
// STDOUT: func.func @conv(%{{.*}}: tensor<1x16x8xbf16>
