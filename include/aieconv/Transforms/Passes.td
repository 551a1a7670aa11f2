//===- Passes.td - aieconv transformation passes -----------*- tablegen -*-===//

#ifndef AIECONV_TRANSFORMS_PASSES
#define AIECONV_TRANSFORMS_PASSES

include "mlir/Pass/PassBase.td"

def ConvToMatmulPass : Pass<"aieconv-conv-to-matmul"> {
  let summary = "Rewrite convolutions with a unit filter window into matmuls";
  let description = [{
    A convolution whose filter window is a single tap is a matmul: every
    output position reads exactly one input position. This pass rewrites such
    convolutions, on tensors and on memrefs, into `linalg.matmul` when every
    operand can be viewed as a 2-D matrix without a copy (batch and spatial
    dimensions fold into M, a stride becomes a leading dimension). When the
    fold would need a copy (e.g. stride 2 with batch 2, or NCHW with batch 2),
    the op becomes a plain contraction `linalg.generic` over a strided view,
    with no filter loops left; once tiling makes its outer dimensions unit,
    this pass turns it into a matmul. `aieconv-lower-to-ukernels` then matches
    the matmul. This is what remains in the innermost loop after the seed's
    conv tiling.

    Rewritten ops:
    * `linalg.conv_1d_nwc_wcf` with filter width 1, any N, W, C, F, stride;
    * `linalg.conv_2d_nhwc_hwcf` and `linalg.conv_2d_nchw_fchw` with a 1x1
      filter;
    * the `linalg.generic` that `generalizeNamedOp` makes of those (with its
      singleton reduction dimension), and any other generic that is a matmul
      up to unit dimensions, put into canonical matmul form.

    Element types and extension ops are kept: bf16 x bf16 -> f32 stays so, and
    i8 x i8 -> i32 keeps its `arith.extsi`.

    Example:
    ```mlir
    %0 = linalg.conv_1d_nwc_wcf
           ins(%in, %w : tensor<1x4x8xbf16>, tensor<1x8x4xbf16>)
           outs(%acc : tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    ```
    becomes
    ```mlir
    %a = tensor.collapse_shape %in [[0, 1], [2]] : ... to tensor<4x8xbf16>
    %b = tensor.collapse_shape %w [[0, 1], [2]] : ... to tensor<8x4xbf16>
    %c = tensor.collapse_shape %acc [[0, 1], [2]] : ... to tensor<4x4xf32>
    %m = linalg.matmul ins(%a, %b : ...) outs(%c : tensor<4x4xf32>)
    %0 = tensor.expand_shape %m [[0, 1], [2]] ... : tensor<4x4xf32> into tensor<1x4x4xf32>
    ```
  }];
  let dependentDialects = [
    "mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect",
    "mlir::memref::MemRefDialect", "mlir::arith::ArithDialect"
  ];
  let options = [
    Option<"strict", "strict", "bool", /*default=*/"false",
           "Make every convolution that cannot become a matmul an error">
  ];
  let statistics = [
    Statistic<"numRewritten", "num-rewritten",
              "Number of convolutions rewritten into matmuls">
  ];
}

def LowerToUKernelsPass : Pass<"aieconv-lower-to-ukernels", "mlir::ModuleOp"> {
  let summary = "Replace matmuls by calls of registry-checked matmul ukernels";
  let description = [{
    A `linalg.matmul`, or a `linalg.generic` in canonical matmul form, whose
    static shape, element types and operand layouts fit a variant of the
    ukernel registry (kernels/registry/Variants.def) for the target device
    becomes a call of that variant:

    * on memrefs: `func.call @matmul_<lhs>_<rhs>_<out>_<M>x<N>x<K>_<r>x<s>x<t>
      (%A, %B, %C)` plus the private declaration of that symbol;
    * on tensors: a canonical matmul `linalg.generic` carrying
      `library_call = "<symbol>"`, which stays in destination-passing style so
      that bufferization keeps the accumulator in place; running the pass
      again after bufferization turns it into the `func.call`.

    The registry is asked before any call is made, so a call whose shape the
    kernel was not built for cannot be produced (the seed's run-time crash).
    When no variant fits, the op is left for the default path and a remark
    names its shape and the nearest legal one; with `strict=true` that is an
    error and the pass fails.

    Example (npu1):
    ```mlir
    linalg.matmul ins(%a, %b : memref<4x8xbf16>, memref<8x4xbf16>)
                  outs(%c : memref<4x4xf32>)
    ```
    becomes
    ```mlir
    func.call @matmul_bf16_bf16_f32_4x4x8_4x8x4(%a, %b, %c)
        : (memref<4x8xbf16>, memref<8x4xbf16>, memref<4x4xf32>) -> ()
    ```
  }];
  let options = [
    Option<"device", "device", "std::string", /*default=*/"\"npu1\"",
           "Target device whose ukernel variants may be called (npu1|npu2)">,
    Option<"strict", "strict", "bool", /*default=*/"false",
           "Make a matmul that no variant fits an error instead of a remark">
  ];
  let dependentDialects = [
    "mlir::func::FuncDialect", "mlir::linalg::LinalgDialect"
  ];
  let statistics = [
    Statistic<"numCalls", "num-ukernel-calls",
              "Number of matmuls replaced by ukernel calls">,
    Statistic<"numUnmatched", "num-unmatched",
              "Number of matmuls no ukernel variant fits">
  ];
}

def NormalizeConvsPass : Pass<"aieconv-normalize-convs"> {
  let summary = "Relay every conv to channels-last conv_2d, gather strided 1x1 inputs";
  let description = [{
    The tiling stage handles `linalg.conv_2d_nhwc_hwcf` and
    `linalg.depthwise_conv_2d_nhwc_hwc`. This pass brings the other supported
    convs to that form, on tensors with static shapes:

    * `linalg.conv_2d_nchw_fchw` becomes `linalg.transpose` of the input
      (NCHW -> NHWC), the filter (FCHW -> HWCF) and the init, a
      `conv_2d_nhwc_hwcf`, and a transpose of the result back to NCHW;
    * `linalg.conv_1d_nwc_wcf` becomes a `conv_2d_nhwc_hwcf` of height 1
      between `tensor.expand_shape` and `tensor.collapse_shape`;
    * a 1x1 `conv_2d_nhwc_hwcf` with a stride reads its input through a
      strided `tensor.extract_slice` (the gather a DMA does while moving
      data) and runs at stride 1, so no transfer carries skipped pixels.

    A `linalg.fill` init is re-created at the new shape so that tiling can
    still fuse it.
  }];
  let dependentDialects = [
    "mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect"
  ];
}

def TileConvsPass : Pass<"aieconv-tile-convs"> {
  let summary = "Tile convolutions over the AIE array as the cost model says";
  let description = [{
    For every static `linalg.conv_2d_nhwc_hwcf` and
    `linalg.depthwise_conv_2d_nhwc_hwc` on tensors, asks the tile search
    (lib/Target) for a schedule on `device` under `strategy`, then:

    1. zero-pads channels to micro-tile multiples and the spatial sizes to
       whole core tiles (`tensor.pad`; the result is sliced back), so no size
       is ever refused;
    2. tiles the output over the cores with `scf.forall` (one iteration per
       core tile, mapped with `#gpu.block<linear_dim_i>`), fusing a
       `linalg.fill` producer of the accumulator;
    3. tiles the reduction with `scf.for`: `seed` and `decompose` step over
       kh, kw and the input-channel block, `im2col-l1` over the input-channel
       block only (one conv ukernel call covers all taps).

    The forall carries the schedule as `aieconv.schedule`; with `report`, a
    remark prints the decision (strategy, tiles, bytes per level, calls,
    estimated cycles).
  }];
  let options = [
    Option<"device", "device", "std::string", /*default=*/"\"npu1\"",
           "Target device (npu1|npu2)">,
    Option<"strategy", "strategy", "std::string", /*default=*/"\"auto\"",
           "Conv strategy (auto|seed|decompose|im2col-l1)">,
    Option<"report", "report", "bool", /*default=*/"false",
           "Emit the tiling decision of every conv as a remark">,
    Option<"fixedTile", "tile", "std::string", /*default=*/"\"\"",
           "Fixed tiling instead of the search, as the schedule's `tile` "
           "entry records it (th=..,tw=..,toc=..,icb=..[,acc,resident,l2icb,"
           "columns,rows,cores,split,last]); needs strategy decompose or "
           "im2col-l1">
  ];
  let dependentDialects = [
    "mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect",
    "mlir::scf::SCFDialect", "mlir::gpu::GPUDialect",
    "mlir::arith::ArithDialect"
  ];
}

def PromoteOperandsPass : Pass<"aieconv-promote-operands"> {
  let summary = "Stage core-tile operands in L2 and give ukernel operands L1 buffers";
  let description = [{
    Inside every core loop that `aieconv-tile-convs` made (an `scf.forall`
    carrying `aieconv.schedule`):

    * each slice of a layer-level (L3) tensor that the core tile reads is
      copied into a `bufferization.alloc_tensor` in memory space 1 (L2, the
      memtile) with `linalg.copy`;
    * every input of the innermost compute op is copied into a buffer in
      memory space 2 (L1): the core DMA's transfer, which also makes a
      strided window dense;
    * the accumulator that the reduction loop carries gets an L1 buffer (its
      fill writes there), so it stays resident across the whole reduction
      and leaves L1 once per core tile.

    After bufferization the copies are `memref.copy` between memory spaces:
    the DMA transfers the simulator times.

    L2 staging is per core tile: the sharing of one memtile tile by the
    cores of a column, which the schedule models, is not yet expressed in
    the IR.
  }];
  let dependentDialects = [
    "mlir::linalg::LinalgDialect", "mlir::bufferization::BufferizationDialect"
  ];
}

def LowerRelayoutsPass : Pass<"aieconv-lower-relayouts"> {
  let summary = "Lower linalg.pack and linalg.unpack to bufferizable ops";
  let description = [{
    Rewrites every `linalg.pack` into `tensor.pad` + `tensor.expand_shape` +
    `linalg.transpose`, and every `linalg.unpack` into `linalg.transpose` +
    `tensor.collapse_shape` + `tensor.extract_slice` (upstream `lowerPack`
    and `lowerUnPack`), so that One-Shot Bufferize can take the program. Run
    just before bufferization: until then the relayouts stay visible as what
    the DMAs do.
  }];
  let dependentDialects = [
    "mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect"
  ];
}

def SplitLastStepPass : Pass<"aieconv-split-last-step", "mlir::ModuleOp"> {
  let summary = "Split a core tile's last reduction step into drained parts";
  let description = [{
    For every core loop (an `scf.forall` carrying `aieconv.schedule`) whose
    schedule says `l1.last_step_parts` = P > 1: in the reduction loop that
    calls the conv ukernel on the tile's L1 accumulator, the last
    iteration of a tile in the array's last round (a condition on the
    core loop's indices, from the deal of the tiles to the cores that the
    schedule's grid entries give; none when there is one round) branches
    (`scf.if`) to P calls over consecutive groups of output-channel
    micro-tiles (dense slabs of the weights and the accumulator, declared
    under the symbol of the smaller shape) instead of the one call, and
    the tile's drain becomes P copies, each right after its part's call;
    the step keeps the loop's buffers, and the other tiles their call and
    drain. The part drained first leaves while the core computes the next,
    so less of the last round's output is written after compute ends.
    Runs on bufferized IR; a core loop it cannot split is an error.
  }];
  let dependentDialects = [
    "mlir::arith::ArithDialect", "mlir::func::FuncDialect",
    "mlir::memref::MemRefDialect", "mlir::scf::SCFDialect"
  ];
}

def EmitUKernelSourcesPass
    : Pass<"aieconv-emit-ukernel-sources", "mlir::ModuleOp"> {
  let summary = "Check every ukernel declaration and write its AIE source";
  let description = [{
    Every private function declaration of the module must name a symbol
    that the ukernel library defines (the registry parses it and the host
    library has its entry); anything else is an error naming it, so a call
    of an unbuilt kernel cannot reach a link step or a board. With
    `output-dir`, the complete AIE C++ source of each declared ukernel (the
    kernel sources and an `extern "C"` function instantiating the template
    for that shape) is written to `<output-dir>/<symbol>.cc`.
  }];
  let options = [
    Option<"outputDir", "output-dir", "std::string", /*default=*/"\"\"",
           "Directory to write one <symbol>.cc per ukernel into (none: check only)">
  ];
}

#endif // AIECONV_TRANSFORMS_PASSES
