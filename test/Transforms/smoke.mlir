// RUN: aieconv-opt %s | FileCheck %s
// CHECK: module
module {}
