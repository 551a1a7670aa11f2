// Every rejected input ends with exit status 2 and exactly one line on
// stderr naming the problem; nothing is printed on stdout.

// RUN: aieconv run %S/Inputs/malformed.mlir > %t.out 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=MALFORMED < %t.err && count 1 < %t.err && count 0 < %t.out
// MALFORMED: aieconv: error: cannot parse '{{.*}}malformed.mlir': {{.*}}malformed.mlir:3:{{[0-9]+}}: expected '>' in tensor type

// RUN: aieconv run %S/Inputs/dynamic.mlir > %t.out 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=DYNAMIC < %t.err && count 1 < %t.err && count 0 < %t.out
// DYNAMIC: aieconv: error: {{.*}}dynamic.mlir: 'linalg.conv_2d_nhwc_hwcf' has an operand of dynamic shape tensor<?x6x6x8xbf16>; only static shapes are supported

// RUN: aieconv run %S/Inputs/f64.mlir > %t.out 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=F64 < %t.err && count 1 < %t.err && count 0 < %t.out
// F64: aieconv: error: {{.*}}f64.mlir: unsupported element types f64 x f64 -> f64; supported: bf16 x bf16 -> f32, i8 x i8 -> i32

// RUN: aieconv run %S/Inputs/no-conv.mlir > %t.out 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=NOCONV < %t.err && count 1 < %t.err && count 0 < %t.out
// NOCONV: aieconv: error: {{.*}}no-conv.mlir: no convolution found: expected one of linalg.conv_2d_nhwc_hwcf,

// RUN: aieconv run %S/Inputs/two-convs.mlir > %t.out 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=TWO < %t.err && count 1 < %t.err
// TWO: aieconv: error: {{.*}}two-convs.mlir: found 2 convolutions; expected exactly one

// RUN: aieconv run %S/Inputs/conv3d.mlir > %t.out 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=CONV3D < %t.err && count 1 < %t.err
// CONV3D: aieconv: error: {{.*}}conv3d.mlir: unsupported convolution 'linalg.conv_3d_ndhwc_dhwcf'

// RUN: aieconv run %t.does-not-exist.mlir > %t.out 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=MISSING < %t.err && count 1 < %t.err
// MISSING: aieconv: error: cannot read '{{.*}}does-not-exist.mlir': No such file or directory

// The same checks hold for compile.
// RUN: aieconv compile %S/Inputs/malformed.mlir -o %t.compiled 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=MALFORMED < %t.err && count 1 < %t.err

// A program that reads outside a buffer is stopped by the host's bounds
// checks: exit status 2 and the failing access, never memory corruption.
// RUN: aieconv run %S/Inputs/out-of-bounds.mlir --until none > %t.out 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=BOUNDS < %t.err && count 1 < %t.err && count 0 < %t.out
// BOUNDS: aieconv: error: runtime check failed in the compiled program: {{.*}}memref.load {{.*}}out-of-bounds access {{.*}}out-of-bounds.mlir":12:11
