// The simulator follows a branch on the tile's indices (the last step of
// a reduction split in parts) into the side the tile takes, and refuses a
// branch whose condition it cannot evaluate per tile (here it compares
// the step with a dimension of the function's argument).
// RUN: aieconv compile --device npu1 --conv "op=conv2d_nhwc_hwcf,n=1,ih=1,iw=16,ic=64,oc=32,kh=1,kw=1" --strategy im2col-l1 --tile th=1,tw=16,toc=8,icb=32,acc=1,resident=0,l2icb=32,columns=4,rows=1,cores=share-input,split=rows,last=2 -o %t.mlir
// RUN: aieconv-sim %t.mlir | FileCheck %s --check-prefix=VALID
// RUN: sed 's/= arith.cmpi eq, \(%arg[0-9]*\), %c[0-9_]* : index/= arith.cmpi eq, \1, %dim : index/; s/^\( *\)\(%[0-9]* = arith.cmpi eq, %arg[0-9]*, %dim\)/\1%dim = memref.dim %arg0, %c0 : memref<1x1x16x64xbf16>\n\1\2/' %t.mlir | not aieconv-sim - 2>&1 | FileCheck %s

// VALID: cycles:
// CHECK: error: @conv: an scf.if whose condition is not known per tile
