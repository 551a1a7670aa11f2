// Scheduled IR written by compile runs again with --conv giving the layer it
// computes; a SPEC that does not fit its operands is refused.

// RUN: aieconv compile --conv "op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=16,oc=16,kh=3,kw=3,pad=1" -o %t.mlir
// RUN: aieconv run %t.mlir --conv "op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=16,oc=16,kh=3,kw=3,pad=1" --until none --json | FileCheck %s
// CHECK-DAG: "correct": true
// CHECK-DAG: "ukernel_calls": {{[1-9][0-9]*}}

// RUN: aieconv run %t.mlir --conv "op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=16,oc=16,kh=3,kw=3,pad=2" --until none 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=SHAPE < %t.err
// SHAPE: aieconv: error: @conv does not take (input, filter) and produce the output of the spec

// Without --until none the pipeline would compile it again: refused, with
// the way out named.
// RUN: aieconv run %t.mlir --conv "op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=16,oc=16,kh=3,kw=3,pad=1" 2> %t.again; test $? -eq 2
// RUN: FileCheck %s --check-prefix=AGAIN < %t.again
// AGAIN: aieconv: error: the module is compiled already (it holds a scheduled core loop); pass --until none to take it as it is
