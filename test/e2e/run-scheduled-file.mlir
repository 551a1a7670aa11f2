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

// The compiled file is timed as it is, on the device its schedule records:
// the same cycles as the run that compiled it.
// RUN: aieconv run --json --conv "op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=16,oc=16,kh=3,kw=3,pad=1" > %t.compiled.json
// RUN: aieconv run %t.mlir --conv "op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=16,oc=16,kh=3,kw=3,pad=1" --until none --json > %t.file.json
// RUN: python3 -c "import json,sys; a,b=(json.load(open(f)) for f in sys.argv[1:]); assert a['cycles'] > 0 and a['cycles'] == b['cycles'], (a['cycles'], b.get('cycles')); assert b['device'] == 'npu1'" %t.compiled.json %t.file.json
// RUN: aieconv compile --device npu2 --conv "op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=16,oc=16,kh=3,kw=3,pad=1" -o %t.npu2.mlir
// RUN: aieconv run %t.npu2.mlir --conv "op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=16,oc=16,kh=3,kw=3,pad=1" --until none | FileCheck %s --check-prefix=NPU2
// NPU2: target    device npu2, strategy auto, pipeline through 'none'
// NPU2: simulated {{[0-9]+}} cycles
// RUN: aieconv run %t.npu2.mlir --conv "op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=16,oc=16,kh=3,kw=3,pad=1" --until none --device npu1 2> %t.device; test $? -eq 2
// RUN: FileCheck %s --check-prefix=DEVICE < %t.device
// DEVICE: aieconv: error: the module is scheduled for device npu2, not the npu1 of --device

// IR compiled up to an earlier stage, or not at all, runs but is not timed.
// RUN: aieconv compile --until tile --conv "op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=16,oc=16,kh=3,kw=3,pad=1" -o %t.tiled.mlir
// RUN: aieconv run %t.tiled.mlir --conv "op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=16,oc=16,kh=3,kw=3,pad=1" --until none --json | FileCheck %s --check-prefix=TILED
// TILED: "not_simulated": "the module's scheduled core loop is not bufferized (compiled up to an earlier stage)"
// RUN: aieconv run --until none --json --conv "op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=16,oc=16,kh=3,kw=3,pad=1" | FileCheck %s --check-prefix=PLAIN
// PLAIN: "not_simulated": "the module holds no scheduled core loop"
