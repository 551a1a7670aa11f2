// A wrong program is reported, not hidden: exit status 1 and MISMATCH.

// RUN: aieconv run %S/Inputs/wrong-init.mlir --until none > %t.out; test $? -eq 1
// RUN: FileCheck %s < %t.out
// CHECK: result    MISMATCH (INCORRECT: 128 of 128 elements out of tolerance, first at index 0: got {{.*}}; max abs error 1,

// RUN: aieconv run %S/Inputs/wrong-init.mlir --json > %t.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// JSON-DAG: "correct": false
// JSON-DAG: "max_abs_error": 1
// JSON-DAG: "mismatches": 128
