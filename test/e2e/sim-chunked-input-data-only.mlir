// MobileNetV2 pw_384_64 in bf16 on npu2, in core tiles of 4 x 4 pixels
// whose input comes in chunks of 64 channels: each chunk is a subview of
// the tile's subview of the zero-padded input (16 x 16 pixels). The memtile
// takes from DDR only the data of each chunk, its place in the input found
// through both subviews: the 14 x 14 x 384 input and the 384 x 64 weights
// once each, 150528 + 49152 = 199680 bytes; the cores get the whole tiles,
// 16 x 16 x 384 x 2 + 49152 = 245760.
// RUN: aieconv compile --device npu2 --conv "op=conv2d_nhwc_hwcf,n=1,ih=14,iw=14,ic=384,oc=64,kh=1,kw=1" --strategy im2col-l1 --tile th=4,tw=4,toc=16,icb=64,acc=1,resident=1,l2icb=64,columns=8,rows=4,cores=share-input,split=rows -o %t.mlir
// RUN: aieconv-sim %t.mlir --json | FileCheck %s

// CHECK: "bytes":{"l3_l2":199680,"l2_l1":245760,
// CHECK: "whole_tiles":"none"
