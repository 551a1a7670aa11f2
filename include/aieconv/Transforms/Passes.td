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

#endif // AIECONV_TRANSFORMS_PASSES
