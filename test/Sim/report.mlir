// The simulator on the pipeline's output: a report with every key, bytes
// per level as hand-computed, the roofline below the simulated cycles, and
// the analytic estimate beside them. 3x3 conv, 32 -> 64 channels, 16x16
// output, input already padded; decompose on npu1 with the tiling fixed to
// 64 core tiles of 1x2x8x16 outputs, 9 steps each, weights shared by the
// cores of a column, each column's input kept in its memtile while it
// walks 4 channel blocks, each block of weights fetched once for all four
// columns. A column's 4 cores take 2 x 2 tiles, whose 4 x 10 windows
// overlap: the memtile fetches their 6 x 18 hull, so from DDR 4 x 6 x 18
// x 32 x 2 B of input and 3x3 x 32 x 64 x 2 B of weights, 64512 bytes.
// RUN: aieconv-opt %s --aieconv-pipeline="strategy=decompose tile={th=2,tw=8,toc=16,icb=32,acc=1,columns=4,rows=4,cores=share-weights,split=rows}" | aieconv-sim - --device npu1 --resources | FileCheck %s
// RUN: aieconv-opt %s --aieconv-pipeline="strategy=decompose tile={th=2,tw=8,toc=16,icb=32,acc=1,columns=4,rows=4,cores=share-weights,split=rows}" | aieconv-sim - --json | python3 -c "import json,sys; r=json.load(sys.stdin)[0]; assert r['ok'] and r['cycles'] >= r['roofline_cycles'] > 0, r; assert r['bytes']['l3_l2'] == 64512, r; assert 0 < r['start_cycles'] and 0 < r['tail_cycles'] and r['start_cycles'] + r['tail_cycles'] < r['cycles'], r; b=r['buffer_descriptors']; assert b['memtile'] > 0 and b['memtile_budget'] == 24 and b['core_budget'] == 16 and b['over_budget'] == (b['memtile'] > 24 or b['core'] > 16), b; m=r['busiest']; assert m['busy_fraction'] == max(r['busy'].values()) == r['busy'][m['resource']], m; print('json ok')" | FileCheck %s --check-prefix=JSON
// RUN: aieconv-opt %s --aieconv-pipeline="strategy=im2col-l1" | aieconv-sim - --trace %t.json > /dev/null
// RUN: python3 %S/Inputs/check_trace.py %t.json "core(0,0)" "core(3,3)" shim0.mm2s.0 mem3.s2mm.0 "core(0,0).s2mm.0" | FileCheck %s --check-prefix=TRACE
// RUN: aieconv-opt %s --aieconv-pipeline="strategy=decompose device=npu2" | aieconv-sim - | FileCheck %s --check-prefix=NPU2

// CHECK: function: small
// CHECK-NEXT: device: npu1
// CHECK-NEXT: tasks: 1388
// CHECK-NEXT: cycles: [[CYCLES:[0-9]+]]
// CHECK-NEXT: macs: 4718592
// CHECK-NEXT: mac_utilisation: 0.{{[0-9]+}} (peak 2048 MACs/cycle)
// CHECK-NEXT: roofline_cycles: 2304 (compute; compute 2304, shim 2239)
// CHECK-NEXT: roofline_ratio: {{[1-9][0-9.]*}}
// CHECK-NEXT: phases: start {{[1-9][0-9]*}} (before the first call), calls {{[1-9][0-9]*}}, tail {{[1-9][0-9]*}} (after the last)
// CHECK-NEXT: compulsory_bytes: read 57600, write 65536
// CHECK-NEXT: bytes: L3->L2 64512, L2->L1 626688, L1->L2 65536, L2->L3 65536, L3->L1 0
// CHECK-NEXT: busy_mean: core 0.{{[0-9]+}} core-dma 0.{{[0-9]+}} memtile-dma 0.{{[0-9]+}} shim-dma 0.{{[0-9]+}}
// CHECK-NEXT: busiest: [[BUSIEST:[a-z0-9().]+]] [[FRACTION:0.[0-9]+]] ({{core|core-dma|memtile-dma|shim-dma}})
// CHECK-NEXT: analytic_cycles: {{[0-9]+}} (error {{-?[0-9.e+-]+}}% of simulated)
// CHECK-NEXT: buffer_descriptors: memtile {{[1-9][0-9]*}} of 24 (column {{[0-3]}} memtile, {{even|odd}} channels), core {{[1-9][0-9]*}} of 16 (core({{[0-3]}},{{[0-3]}}))
// CHECK: busy shim0.mm2s.0: 0.
// CHECK: busy core(0,0): 0.
// CHECK: mapping: 64 core tiles on 4 columns x 4 rows, 4 rounds; 9 steps per tile, 1 per task

// JSON: json ok
// TRACE: trace ok: {{[0-9]+}} tracks, {{[1-9][0-9]*}} lock tracks, {{[0-9]+}} events

// NPU2: device: npu2
// NPU2: macs: 4718592
// NPU2: mapping: {{[0-9]+}} core tiles on {{[1-8]}} columns x {{[1-4]}} rows

func.func @small(%in: tensor<1x18x18x32xbf16>, %w: tensor<3x3x32x64xbf16>) -> tensor<1x16x16x64xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x16x16x64xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x16x16x64xf32>) -> tensor<1x16x16x64xf32>
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x18x18x32xbf16>, tensor<3x3x32x64xbf16>) outs(%f : tensor<1x16x16x64xf32>) -> tensor<1x16x16x64xf32>
  return %0 : tensor<1x16x16x64xf32>
}
