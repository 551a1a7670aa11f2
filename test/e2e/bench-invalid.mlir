// RUN: not aieconv bench %S/Inputs/bad-suite.txt 2>&1 | FileCheck %s --check-prefix=SUITE
// RUN: not aieconv bench %S/Inputs/missing-suite.txt 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not aieconv bench 2>&1 | FileCheck %s --check-prefix=NOFILE
// RUN: not aieconv bench %S/Inputs/tiny-suite.txt --type f16 2>&1 | FileCheck %s --check-prefix=TYPE
// RUN: not aieconv bench %S/Inputs/tiny-suite.txt --conv "op=conv2d_nhwc_hwcf" 2>&1 | FileCheck %s --check-prefix=OPTION

// SUITE: aieconv: error: {{.+}}bad-suite.txt: line 2: missing key 'oc'
// MISSING: aieconv: error: cannot read '{{.+}}missing-suite.txt':
// NOFILE: aieconv: error: aieconv bench needs a SUITE file; see aieconv bench --help
// TYPE: aieconv: error: invalid value 'f16' for --type; expected one of bf16, i8
// OPTION: aieconv: error: unknown option '--conv' for aieconv bench
