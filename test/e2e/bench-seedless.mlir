// A layer the seed tiling cannot compile is still measured under the
// chosen strategy: its row says why seed has no measurement, the JSON gives
// null seed figures and the reason, and the speed-up's geomean is over the
// layers seed ran. The bench succeeds.
// RUN: aieconv bench %S/Inputs/seedless-suite.txt --device npu2 2>/dev/null | FileCheck %s
// RUN: aieconv bench %S/Inputs/seedless-suite.txt --device npu2 --json 2>/dev/null | FileCheck %s --check-prefix=JSON

// CHECK: deep3x3 7225344 {{[a-z0-9-]+}} {{[0-9x]+}} {{[0-9]+}} {{.+}} - -
// CHECK: small1x1 262144 {{.+}} {{[0-9]+}} {{[0-9.]+}}x
// CHECK: deep3x3: no seed measurement: the pipeline failed (device npu2, strategy seed): no schedule for this convolution: memtile needs at least 590848 bytes (the fewest of the loop orders, what it loads more than once double-buffered), more than 524288
// CHECK: geomean over 2 layers (npu2, suite types, strategy auto): {{[0-9.]+}}% of roofline, {{[0-9.]+}}x over seed (seed ran 1 of them)
// CHECK: total of the 2 layers, each once: {{[0-9]+}} cycles ({{[0-9.]+}} ms at 1 GHz), {{[0-9.]+}}% of their summed roofline, {{[0-9.]+}}x faster than seed in total (on the 1 seed ran)

// JSON: "name": "deep3x3"
// JSON-NEXT: "occurrences": 1,
// JSON-NEXT: "peak_efficiency":
// JSON-NEXT: "roofline_efficiency":
// JSON-NEXT: "seed_cycles": null,
// JSON-NEXT: "seed_error": "the pipeline failed (device npu2, strategy seed): no schedule for this convolution: memtile needs
// JSON-NEXT: "seed_speedup": null,
// JSON: "name": "small1x1"
// JSON: "seed_cycles": {{[0-9]+}},
