//===- ConvBuilder.h - ConvSpec <-> linalg conv functions -------*- C++ -*-===//
//
// The two directions between a layer described as data (ConvSpec) and the IR
// the compiler consumes:
//
//  * buildConvModule makes the canonical tensor function of a SPEC
//      func.func @conv(%input, %filter) -> %output
//    with an optional spatial zero `tensor.pad` of the input, a zero-filled
//    accumulator and the linalg named op in the layouts of ReferenceConv.h.
//  * extractConvSpec finds the one convolution of a user's module and derives
//    its ConvSpec, so a user file is checked against the same reference as a
//    SPEC.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_HOST_CONVBUILDER_H
#define AIECONV_HOST_CONVBUILDER_H

#include "aieconv/Spec/ConvSpec.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace mlir {
class DialectRegistry;
class MLIRContext;
} // namespace mlir

namespace aieconv::host {

/// Name of the function buildConvModule creates.
inline constexpr llvm::StringLiteral kConvFunctionName = "conv";

/// Registers the dialects the built functions use (func, arith, tensor,
/// linalg) in `registry`.
void registerConvBuilderDialects(mlir::DialectRegistry &registry);

/// Builds a module holding `func.func @<name>(%input, %filter) -> %output` for
/// `spec`: bf16 x bf16 -> f32 or i8 x i8 -> i32, input unpadded (the padding
/// is a `tensor.pad` inside the function, so the function's operands are
/// exactly what the reference convolution takes). The spec must be valid (as
/// parseConvSpec produces); the dialects are loaded into `context`.
mlir::OwningOpRef<mlir::ModuleOp>
buildConvModule(mlir::MLIRContext &context, const ConvSpec &spec,
                llvm::StringRef name = kConvFunctionName);

/// The convolution found in a module, as data.
struct ExtractedConv {
  ConvSpec spec;
  /// The function holding the convolution: the entry point to run. It takes
  /// (input, filter) and returns the output, in the types of the spec.
  mlir::func::FuncOp function;
};

/// Finds the single supported linalg convolution of `module` and derives its
/// spec: op kind, static shapes, strides, dilations, element types, and a
/// `tensor.pad` producer of the input folded into ph/pw when it pads only the
/// spatial dimensions, symmetrically, with zero. Fails with a one-line
/// message when the module has no convolution or several, when a shape is
/// dynamic, when the element types are not bf16 x bf16 -> f32 or
/// i8 x i8 -> i32, when the op is not one of the four supported named ops, or
/// when the enclosing function does not take (input, filter) and return the
/// output.
llvm::Expected<ExtractedConv> extractConvSpec(mlir::ModuleOp module);

} // namespace aieconv::host

#endif // AIECONV_HOST_CONVBUILDER_H
