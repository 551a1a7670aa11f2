// Cores that share the weights run neighbouring tiles side by side, whose
// input windows overlap by the window's halo: the memtile fetches a
// column's windows as one region, their hull, so the halo comes from DDR
// once (schedule key l2.input_hull), and each core's window is a region of
// that buffer.
//
// A 3x3 depthwise conv on 16 x 16 x 16 channels (bf16, padded by 1), one
// column of 4 cores in tiles of 4 x 4: a round's 4 tiles are a tile row,
// whose windows (6 x 6, padding included) span 6 x 18 together. Of the
// data, 5, 6, 6 and 5 rows by tile row, each 16 columns wide: 22 x 16 x 16
// x 2 B = 11264 bytes, plus the 3x3 x 16 x 2 B weights: 11552 (each window
// apart: 22 x 22 x 16 x 2 + 288 = 15776). The cores still get their whole
// windows: 16 x 6 x 6 x 16 x 2 + 288 = 18720. The cost model counts the
// same hull (its estimate within 5% of the simulated cycles).
// RUN: aieconv compile --device npu1 --conv "op=depthwise_nhwc_hwc,n=1,ih=16,iw=16,ic=16,kh=3,kw=3,pad=1" --strategy im2col-l1 --tile th=4,tw=4,toc=16,icb=16,acc=2,resident=0,l2icb=0,columns=1,rows=4,cores=share-weights,split=rows -o %t.row.mlir
// RUN: FileCheck %s --check-prefix=ROW-IR < %t.row.mlir
// RUN: aieconv-sim %t.row.mlir --json | FileCheck %s --check-prefix=ROW

// ROW-IR-DAG: l2.in_cols = "18"
// ROW-IR-DAG: l2.in_rows = "6"
// ROW-IR-DAG: l2.input_hull = "true"
// ROW: "bytes":{"l3_l2":11552,"l2_l1":18720,
// ROW-SAME: "analytic_error":{{-?0\.0[0-4][0-9]*}},

// On 12 x 12 the tiles are 3 to a tile row, so a round's 4 tiles are a
// whole tile row and the first tile of the next, or the last two of one
// tile row and the first two of the next: each tile row's run is one hull
// (a hull over both tile rows would hold more than the runs apart). Data
// rows 5, 6, 5 by tile row; columns 12 for a whole tile row, 9 for two
// tiles, 5 for one edge tile: (5 x 12 + 6 x 5) + (6 x 9 + 5 x 9) + 5 x 5
// = 214 elements of 16 x 2 B, plus the weights: 7136 bytes.
// RUN: aieconv compile --device npu1 --conv "op=depthwise_nhwc_hwc,n=1,ih=12,iw=12,ic=16,kh=3,kw=3,pad=1" --strategy im2col-l1 --tile th=4,tw=4,toc=16,icb=16,acc=2,resident=0,l2icb=0,columns=1,rows=4,cores=share-weights,split=rows -o %t.runs.mlir
// RUN: aieconv-sim %t.runs.mlir --json | FileCheck %s --check-prefix=RUNS

// RUNS: "bytes":{"l3_l2":7136,

// Where the columns split a conv's output channels they all read the same
// windows, and their shims fetch them one each, side by side: no hull.
// RUN: aieconv compile --device npu1 --conv "op=conv2d_nhwc_hwcf,n=1,ih=14,iw=14,ic=16,oc=16,kh=3,kw=3,pad=1,type=i8" --strategy im2col-l1 --tile th=4,tw=4,toc=16,icb=16,acc=2,resident=0,l2icb=16,columns=4,rows=4,cores=share-weights,split=channels | FileCheck %s --check-prefix=SHARED

// SHARED: l2.input_hull = "false"

// MobileNetV2 dw_576_s2 in i8 on npu1: the search takes a tiling whose
// column fetches the 14 x 14 input of its 7 x 7 outputs once (a hull of
// 17 x 17 with the padding), not in four windows of 9 x 9 (its pick took
// 7162 cycles before the hull).
// RUN: aieconv run --json --conv "op=depthwise_nhwc_hwc,n=1,ih=14,iw=14,ic=576,kh=3,kw=3,stride=2,pad=1,type=i8" | FileCheck %s --check-prefix=PICK
// RUN: aieconv run --conv "op=depthwise_nhwc_hwc,n=1,ih=14,iw=14,ic=576,kh=3,kw=3,stride=2,pad=1,type=i8" | FileCheck %s --check-prefix=TEXT

// PICK-DAG: "correct": true
// PICK-DAG: "cycles": 5742,
// PICK-DAG: "l2.input_hull": "true"

// TEXT: dma       a column's cores' overlapping input windows come from DDR as one region, their hull
