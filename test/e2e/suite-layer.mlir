// scripts/suite-layer.sh gives a suite's layer as a SPEC for --conv (the
// demo takes ResNet-50's res2a_b2b that way), without the suite's
// occurrence count; a missing layer is an error.
// RUN: bash %aieconv_src/scripts/suite-layer.sh %aieconv_src/bench/resnet50.txt res2a_b2b | FileCheck %s
// RUN: aieconv compile --until tile -o /dev/null --conv "$(bash %aieconv_src/scripts/suite-layer.sh %aieconv_src/bench/resnet50.txt res2a_b2b)"
// RUN: bash %aieconv_src/scripts/suite-layer.sh %aieconv_src/bench/resnet50.txt conv1 | FileCheck %s --check-prefix=ONCE
// RUN: not bash %aieconv_src/scripts/suite-layer.sh %aieconv_src/bench/resnet50.txt res9z 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not bash %aieconv_src/scripts/suite-layer.sh %aieconv_src/bench/resnet50.txt 2>&1 | FileCheck %s --check-prefix=USAGE
// A dot in a name is a dot, not any character:
// RUN: bash %aieconv_src/scripts/suite-layer.sh %S/Inputs/dotted-suite.txt a.b | FileCheck %s --check-prefix=DOT --implicit-check-not=conv1d

// CHECK: res2a_b2b: op=conv2d_nhwc_hwcf,n=1,ih=56,iw=56,ic=64,oc=64,kh=3,kw=3,pad=1
// ONCE: conv1: op=conv2d_nhwc_hwcf,n=1,ih=224,iw=224,ic=3,oc=64,kh=7,kw=7,stride=2,pad=3
// MISSING: no layer 'res9z' in {{.*}}resnet50.txt
// USAGE: usage: {{.*}}suite-layer.sh SUITE NAME
// DOT: a.b: op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=8,oc=8,kh=1,kw=1
