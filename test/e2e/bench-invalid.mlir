// RUN: not aieconv bench %S/Inputs/bad-suite.txt 2>&1 | FileCheck %s --check-prefix=SUITE
// RUN: not aieconv bench %S/Inputs/missing-suite.txt 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not aieconv bench 2>&1 | FileCheck %s --check-prefix=NOFILE
// RUN: not aieconv bench %S/Inputs/tiny-suite.txt --type f16 2>&1 | FileCheck %s --check-prefix=TYPE
// RUN: not aieconv bench %S/Inputs/tiny-suite.txt --conv "op=conv2d_nhwc_hwcf" 2>&1 | FileCheck %s --check-prefix=OPTION
// RUN: not aieconv bench %S/Inputs/tiny-suite.txt --jobs 0 2>&1 | FileCheck %s --check-prefix=JOBS0
// RUN: not aieconv bench %S/Inputs/tiny-suite.txt --jobs=two 2>&1 | FileCheck %s --check-prefix=JOBSNAN
// RUN: not aieconv bench %S/Inputs/tiny-suite.txt --jobs 257 2>&1 | FileCheck %s --check-prefix=JOBSMANY
// A layer that fails under the chosen strategy ends the bench with its
// error, whichever thread measured it.
// RUN: not aieconv bench %S/Inputs/seedless-suite.txt --device npu2 --strategy seed --jobs 2 2>&1 | FileCheck %s --check-prefix=CHOSEN

// SUITE: aieconv: error: {{.+}}bad-suite.txt: line 2: missing key 'oc'
// MISSING: aieconv: error: cannot read '{{.+}}missing-suite.txt':
// NOFILE: aieconv: error: aieconv bench needs a SUITE file; see aieconv bench --help
// TYPE: aieconv: error: invalid value 'f16' for --type; expected one of bf16, i8
// OPTION: aieconv: error: unknown option '--conv' for aieconv bench
// JOBS0: aieconv: error: invalid value '0' for --jobs; expected an integer from 1 to 256
// JOBSNAN: aieconv: error: invalid value 'two' for --jobs; expected an integer from 1 to 256
// JOBSMANY: aieconv: error: invalid value '257' for --jobs; expected an integer from 1 to 256
// CHOSEN: aieconv: error: layer 'deep3x3': the pipeline failed (device npu2, strategy seed): no schedule for this convolution
