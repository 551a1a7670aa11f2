// RUN: not aieconv-opt %s --aieconv-lower-to-ukernels="device=npu9" 2>&1 | FileCheck %s
// CHECK: error: unknown device 'npu9' (expected npu1 or npu2)
module {}
