// Each kind of bad SPEC: exit status 2, one line on stderr.

// RUN: aieconv run --conv "op=conv2d_nhwc_hwcf,ih=6,iw=6,ic=8,oc=8,kh=3,kw=3,foo=1" 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=UNKNOWN < %t.err && count 1 < %t.err
// UNKNOWN: aieconv: error: invalid SPEC: unknown key 'foo'

// RUN: aieconv run --conv "op=conv2d_nhwc_hwcf,ih=6,iw=6,ic=8,kh=3,kw=3" 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=MISSING < %t.err && count 1 < %t.err
// MISSING: aieconv: error: invalid SPEC: missing key 'oc'

// RUN: aieconv run --conv "op=conv2d_nhwc_hwcf,ih=0,iw=6,ic=8,oc=8,kh=3,kw=3" 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=NONPOSITIVE < %t.err && count 1 < %t.err
// NONPOSITIVE: aieconv: error: invalid SPEC: 'ih' must be a positive integer, got '0'

// RUN: aieconv run --conv "op=conv2d_nhwc_hwcf,ih=2,iw=6,ic=8,oc=8,kh=3,kw=3" 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=EMPTY < %t.err && count 1 < %t.err
// EMPTY: aieconv: error: invalid SPEC: empty output: the dilated kernel height 3 {{.*}} exceeds the padded input height 2

// RUN: aieconv run --conv "op=conv2d_nhwc_hwcf,type=f16,ih=6,iw=6,ic=8,oc=8,kh=3,kw=3" 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=TYPE < %t.err && count 1 < %t.err
// TYPE: aieconv: error: invalid SPEC: unsupported type 'f16' (expected bf16 or i8)

// RUN: aieconv compile --conv "op=conv5d,ih=6" 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=OP < %t.err && count 1 < %t.err
// OP: aieconv: error: invalid SPEC: unknown op 'conv5d'

// A valid layer too large for the host is refused before anything is
// allocated (this one would need ~88 GiB; the run is immediate).
// RUN: aieconv run --conv "op=conv2d_nhwc_hwcf,n=64,ih=1024,iw=1024,ic=64,oc=64,kh=1,kw=1" > %t.out 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=BUDGET < %t.err && count 1 < %t.err && count 0 < %t.out
// BUDGET: aieconv: error: the layer needs at least 90112.0 MiB of host memory for a correctness run (operands, padded input, reference), over the budget of 2048.0 MiB
