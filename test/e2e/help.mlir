// RUN: aieconv --help | FileCheck %s
// CHECK: USAGE
// CHECK: aieconv run
// CHECK: aieconv compile
// CHECK: COMMANDS
// CHECK: run
// CHECK: compile
// CHECK: EXIT STATUS
// CHECK: SPEC: one convolution layer

// RUN: aieconv run --help | FileCheck %s --check-prefix=RUNHELP
// RUNHELP: --until STAGE
// RUNHELP: 'none' runs no stage
// RUNHELP: --seed N
// RUNHELP: --json

// RUN: aieconv compile --help | FileCheck %s --check-prefix=COMPILE
// COMPILE: -o OUT.mlir
// COMPILE: --emit-kernels DIR
