// Bad command lines: exit status 2 and one line, never a usage dump.

// RUN: aieconv frob 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=COMMAND < %t.err && count 1 < %t.err
// COMMAND: aieconv: error: unknown command 'frob'; expected run, compile or bench

// RUN: aieconv run 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=NOINPUT < %t.err && count 1 < %t.err
// NOINPUT: aieconv: error: aieconv run needs FILE.mlir or --conv SPEC

// RUN: aieconv compile %s --conv "op=conv1d_nwc_wcf,iw=8,ic=8,oc=8,kw=1" 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=BOTH < %t.err
// BOTH: aieconv: error: aieconv compile takes either FILE.mlir or --conv SPEC, not both

// RUN: aieconv run --bogus 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=OPTION < %t.err && count 1 < %t.err
// OPTION: aieconv: error: unknown option '--bogus' for aieconv run

// RUN: aieconv compile --json --conv "op=conv1d_nwc_wcf,iw=8,ic=8,oc=8,kw=1" 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=RUNONLY < %t.err
// RUNONLY: aieconv: error: unknown option '--json' for aieconv compile

// RUN: aieconv run --conv "op=conv1d_nwc_wcf,iw=8,ic=8,oc=8,kw=1" --device npu9 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=DEVICE < %t.err && count 1 < %t.err
// DEVICE: aieconv: error: invalid value 'npu9' for --device; expected one of npu1, npu2

// RUN: aieconv run --conv "op=conv1d_nwc_wcf,iw=8,ic=8,oc=8,kw=1" --strategy fast 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=STRATEGY < %t.err
// STRATEGY: aieconv: error: invalid value 'fast' for --strategy; expected one of auto, seed, decompose, im2col-l1

// RUN: aieconv run --conv "op=conv1d_nwc_wcf,iw=8,ic=8,oc=8,kw=1" --until lunch 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=UNTIL < %t.err
// UNTIL: aieconv: error: invalid value 'lunch' for --until; expected one of none, tile,

// RUN: aieconv run --conv "op=conv1d_nwc_wcf,iw=8,ic=8,oc=8,kw=1" --seed -3 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=SEED < %t.err
// SEED: aieconv: error: invalid value '-3' for --seed; expected a non-negative integer

// RUN: aieconv run --conv 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=VALUE < %t.err
// VALUE: aieconv: error: option --conv needs a value
