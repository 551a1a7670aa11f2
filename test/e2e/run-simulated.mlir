// A run that matched is timed on the simulator; its trace is valid JSON
// with a track per core and per DMA channel.
// RUN: aieconv run --json --trace %t.trace.json --conv "op=conv2d_nhwc_hwcf,ih=16,iw=16,ic=32,oc=32,kh=3,kw=3,pad=1" | FileCheck %s
// RUN: python3 -c "import json,sys; d=json.load(open(sys.argv[1])); names=[e['args']['name'] for e in d['traceEvents'] if e.get('ph')=='M' and e.get('name')=='thread_name']; assert any('core' in n for n in names), names; assert any('dma' in n.lower() or 'mm2s' in n.lower() or 's2mm' in n.lower() for n in names), names" %t.trace.json
// RUN: aieconv run --conv "op=conv2d_nhwc_hwcf,ih=16,iw=16,ic=32,oc=32,kh=3,kw=3,pad=1" | FileCheck %s --check-prefix=TEXT
// RUN: aieconv run --until tile --json --conv "op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=8,oc=8,kh=3,kw=3" | FileCheck %s --check-prefix=UNSCHEDULED

// CHECK-DAG: "correct": true
// CHECK-DAG: "cycles":
// CHECK-DAG: "peak_efficiency":
// CHECK-DAG: "roofline_cycles":
// CHECK-DAG: "roofline_efficiency":
// CHECK-DAG: "bound":
// CHECK-DAG: "busy_fraction": {{0\.[0-9]+|1}},
// CHECK-DAG: "kind": "{{core|core-dma|memtile-dma|shim-dma}}",
// CHECK-DAG: "start_cycles": {{[1-9][0-9]*}},
// CHECK-DAG: "tail_cycles": {{[1-9][0-9]*}},

// TEXT: result    MATCH
// TEXT: simulated {{[0-9]+}} cycles: {{[0-9.]+}}% of the MAC peak, {{[0-9.]+}}% of the roofline
// TEXT-NEXT: busiest {{.+}} ({{core|core-dma|memtile-dma|shim-dma}}), busy {{[0-9]+}}% of the time
// TEXT-NEXT: phases    {{[1-9][0-9]*}} cycles ({{[0-9]+}}%) before the first call, {{[1-9][0-9]*}} ({{[0-9]+}}%) after the last

// UNSCHEDULED: "not_simulated": "the pipeline stopped before its last stage"
