// aieconv bench: every layer measured under the strategy and under seed,
// each run checked on the host before it is simulated.
// RUN: aieconv bench %S/Inputs/tiny-suite.txt 2>%t.progress | tee %t.table | FileCheck %s
// RUN: FileCheck %s --check-prefix=PROGRESS --input-file=%t.progress
// The measurements run on --jobs threads; the table does not depend on how
// many, and the progress lines come in the measurements' order.
// RUN: aieconv bench %S/Inputs/tiny-suite.txt --jobs 1 2>%t.progress1 | diff %t.table -
// RUN: aieconv bench %S/Inputs/tiny-suite.txt --jobs 3 2>%t.progress3 | diff %t.table -
// RUN: diff <(grep -v "measurements in" %t.progress) <(grep -v "measurements in" %t.progress1)
// RUN: diff <(grep -v "measurements in" %t.progress) <(grep -v "measurements in" %t.progress3)
// RUN: FileCheck %s --check-prefix=ONE --input-file=%t.progress1
// RUN: aieconv bench %S/Inputs/tiny-suite.txt --type i8 --device npu2 --strategy im2col-l1 --json 2>/dev/null | FileCheck %s --check-prefix=JSON
// RUN: python3 -c "import json,sys; d=json.load(sys.stdin); assert len(d['layers']) == 2; assert all(l['correct'] and l['seed_speedup'] > 1 and 0 < l['roofline_efficiency'] <= 1 and l['memtile_descriptors'] > 0 and l['busiest'] in ('core', 'core-dma', 'memtile-dma', 'shim-dma') and 0 < l['busiest_fraction'] <= 1 and 0 < l['start_cycles'] and 0 < l['tail_cycles'] and l['start_cycles'] + l['tail_cycles'] < l['cycles'] for l in d['layers']); assert d['layers_over_descriptor_budget'] == sum(l['descriptors_over_budget'] for l in d['layers']); assert d['layers_moving_whole_tiles'] == sum(l['whole_tiles'] != 'none' for l in d['layers'])" < <(aieconv bench %S/Inputs/tiny-suite.txt --json 2>/dev/null)
// The totals weigh the layers by their cycles, each as often as the suite
// says it occurs: the summed roofline over the summed cycles, the seed's
// summed cycles over ours.
// RUN: python3 -c "import json,sys; d=json.load(sys.stdin); L=d['layers']; assert [l['occurrences'] for l in L] == [1, 3] and d['total_runs'] == 4; c=sum(l['occurrences'] * l['cycles'] for l in L); assert d['total_cycles'] == c; assert abs(d['total_roofline_efficiency'] - sum(l['occurrences'] * l['cycles'] * l['roofline_efficiency'] for l in L) / c) < 1e-4; assert abs(d['total_seed_speedup'] - sum(l['occurrences'] * l['seed_cycles'] for l in L) / c) < 1e-9" < <(aieconv bench %S/Inputs/tiny-suite.txt --json 2>/dev/null)
// A layer's `tile` handed to run gives the program bench timed.
// RUN: aieconv bench %S/Inputs/tiny-suite.txt --json 2>/dev/null > %t.json
// RUN: aieconv run --json --strategy "$(python3 -c "import json; print(json.load(open('%t.json'))['layers'][1]['strategy'])")" --tile "$(python3 -c "import json; print(json.load(open('%t.json'))['layers'][1]['tile'])")" --conv "op=conv2d_nhwc_hwcf,n=1,ih=16,iw=16,ic=32,oc=64,kh=1,kw=1" > %t.run.json
// RUN: python3 -c "import json; b = json.load(open('%t.json'))['layers'][1]; r = json.load(open('%t.run.json')); assert b['tile'].startswith('th=') and r['schedule']['tile'] == b['tile'] and r['cycles'] == b['cycles'], (b, r['cycles'])"

// PROGRESS:      aieconv bench: [1/2] small3x3 (auto)
// PROGRESS-NEXT: aieconv bench: [1/2] small3x3 (seed)
// PROGRESS-NEXT: aieconv bench: [2/2] small1x1 (auto)
// PROGRESS-NEXT: aieconv bench: [2/2] small1x1 (seed)
// PROGRESS-NEXT: aieconv bench: 4 measurements in {{[0-9]+\.[0-9]}} s on {{[1-4]}} thread{{s?}}; the slowest pipeline {{[0-9]+\.[0-9][0-9]}} s ({{small3x3|small1x1}})

// ONE: aieconv bench: 4 measurements in {{[0-9]+\.[0-9]}} s on 1 thread; the slowest pipeline {{[0-9]+\.[0-9][0-9]}} s ({{small3x3|small1x1}}){{$}}

// CHECK: layer MACs strategy L1 tile cycles %peak %roofline bound busiest start/tail seed cycles speedup
// CHECK: small3x3 2359296 {{[a-z0-9-]+}} {{[0-9x]+}} {{[0-9]+}} {{[0-9.]+}}% {{[0-9.]+}}% {{compute|shim}} {{core|core-dma|memtile-dma|shim-dma}} {{[0-9]+}}% {{[0-9]+}}%/{{[0-9]+}}% {{[0-9]+}} {{[0-9.]+}}x
// CHECK: small1x1 524288
// CHECK: geomean over 2 layers (npu1, suite types, strategy auto): {{[0-9.]+}}% of roofline, {{[0-9.]+}}x over seed
// CHECK: total of 4 runs of the 2 layers, as often as each occurs: {{[0-9]+}} cycles ({{[0-9.]+}} ms at 1 GHz), {{[0-9.]+}}% of their summed roofline, {{[0-9.]+}}x faster than seed in total
// CHECK: buffer descriptors: {{[0-2]}} of 2 layers' DMA programs, as simulated, need more than a tile holds (busiest memtile pool: {{[1-9][0-9]*}})

// JSON: "device": "npu2"
// JSON: "geomean_roofline_efficiency":
// JSON: "geomean_seed_speedup":
// JSON: "layers": [
// JSON-DAG: "name": "small3x3"
// JSON-DAG: "strategy": "im2col-l1"
// JSON-DAG: "cycles":
// JSON-DAG: "peak_efficiency":
// JSON-DAG: "roofline_efficiency":
// JSON-DAG: "seed_cycles":
// JSON-DAG: "seed_speedup":
// JSON-DAG: "spec": "small3x3: op=conv2d_nhwc_hwcf,type=i8,
