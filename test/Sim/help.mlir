// aieconv-sim --help lists the simulator's own options, not those of the
// LLVM libraries it links.
// RUN: aieconv-sim --help | FileCheck %s

// CHECK: USAGE: aieconv-sim [options] <input.mlir>
// CHECK-NOT: aarch64
// CHECK-NOT: amdgpu
// CHECK: aieconv-sim options:
// CHECK-DAG: --device=
// CHECK-DAG: --function=
// CHECK-DAG: --json
// CHECK-DAG: --max-steps=
// CHECK-DAG: --resources
// CHECK-DAG: --trace=
