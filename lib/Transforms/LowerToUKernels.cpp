//===- LowerToUKernels.cpp - Matmuls become registry-checked calls --------===//
//
// A matmul becomes a ukernel call only after the ukernel registry has agreed
// that one of its variants was built for exactly this shape, these element
// types and these operand layouts. Everything else stays for the default
// path, with a remark that says why and what the nearest legal shape is.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Transforms/MatmulForm.h"
#include "aieconv/Transforms/Passes.h"

#include "registry/UKernelRegistry.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/SymbolTable.h"

#define DEBUG_TYPE "aieconv-lower-to-ukernels"

namespace aieconv {
#define GEN_PASS_DEF_LOWERTOUKERNELSPASS
#include "aieconv/Transforms/Passes.h.inc"
} // namespace aieconv

using namespace mlir;
namespace kernels = aieconv::kernels;

namespace aieconv {
namespace {

//===----------------------------------------------------------------------===//
// Selection: which variant, if any, may compute this matmul
//===----------------------------------------------------------------------===//

/// A variant the registry accepted for a matmul, and the call's symbol.
struct Selection {
  const kernels::MatmulVariant *variant;
  kernels::MatmulShape shape;
  std::string symbol;
};

static std::optional<kernels::ElemType> toElemType(Type type) {
  if (type.isBF16())
    return kernels::ElemType::BF16;
  if (type.isF32())
    return kernels::ElemType::F32;
  if (type.isSignlessInteger(8))
    return kernels::ElemType::I8;
  if (type.isSignlessInteger(32))
    return kernels::ElemType::I32;
  return std::nullopt;
}

static std::string formatShape(const kernels::MatmulShape &shape) {
  return std::to_string(shape.m) + "x" + std::to_string(shape.n) + "x" +
         std::to_string(shape.k);
}

/// Whether the body widens an operand the way the variant's kernel does:
/// floats by extf (or not at all), integers by sign extension.
static std::string checkExtension(OperandExtension extension, Type input,
                                  Type output) {
  if (input == output)
    return extension == OperandExtension::None ? ""
                                               : "operand is extended to its "
                                                 "own type";
  if (isa<FloatType>(input))
    return extension == OperandExtension::Float
               ? ""
               : "float operand is not widened by arith.extf";
  if (extension == OperandExtension::Unsigned)
    return "unsigned extension: the integer ukernels multiply signed values";
  return extension == OperandExtension::Signed
             ? ""
             : "integer operand is not widened by arith.extsi";
}

/// Row-major with unit inner stride; any leading dimension and offset.
static bool hasRowMajorLayout(Type type) {
  auto memref = dyn_cast<MemRefType>(type);
  if (!memref)
    return true; // Tensors get a layout when they are bufferized.
  SmallVector<int64_t> strides;
  int64_t offset;
  return succeeded(memref.getStridesAndOffset(strides, offset)) &&
         strides.back() == 1;
}

/// Asks the registry for a variant that computes `op` on `device`. On
/// failure `why` explains, naming the nearest legal shape when there is one.
static std::optional<Selection> selectVariant(linalg::LinalgOp op,
                                              kernels::Device device,
                                              std::string &why) {
  if (op.hasDynamicShape()) {
    why = "dynamic shapes: a ukernel is built for one static shape";
    return std::nullopt;
  }
  auto lhsType = cast<ShapedType>(op.getDpsInputOperand(0)->get().getType());
  auto rhsType = cast<ShapedType>(op.getDpsInputOperand(1)->get().getType());
  auto outType = cast<ShapedType>(op.getDpsInitOperand(0)->get().getType());
  kernels::MatmulShape shape{lhsType.getDimSize(0), rhsType.getDimSize(1),
                             lhsType.getDimSize(1)};
  std::string description = "matmul " + formatShape(shape);
  auto typeName = [](Type type) {
    std::string text;
    llvm::raw_string_ostream os(text);
    os << type;
    return text;
  };
  description += " (" + typeName(lhsType.getElementType()) + " x " +
                 typeName(rhsType.getElementType()) + " -> " +
                 typeName(outType.getElementType()) + ")";

  std::optional<MultiplyAccumulateBody> body =
      matchMultiplyAccumulateBody(op, why);
  if (!body) {
    why = description + ": " + why;
    return std::nullopt;
  }
  for (auto [extension, type] :
       {std::pair(body->lhs, lhsType), std::pair(body->rhs, rhsType)}) {
    std::string problem = checkExtension(extension, type.getElementType(),
                                         outType.getElementType());
    if (!problem.empty()) {
      why = description + ": " + problem;
      return std::nullopt;
    }
  }
  for (Type type : {Type(lhsType), Type(rhsType), Type(outType)}) {
    if (!hasRowMajorLayout(type)) {
      why = description + ": operand layout is not row-major with unit inner "
                          "stride";
      return std::nullopt;
    }
  }
  auto lhs = toElemType(lhsType.getElementType());
  auto rhs = toElemType(rhsType.getElementType());
  auto out = toElemType(outType.getElementType());
  const kernels::MatmulVariant *variant =
      lhs && rhs && out ? kernels::findMatmulVariant(device, *lhs, *rhs, *out)
                        : nullptr;
  if (!variant) {
    why = description + ": no ukernel variant for these element types on " +
          std::string(kernels::toString(device));
    return std::nullopt;
  }
  std::string illegal = variant->whyIllegal(shape);
  if (!illegal.empty()) {
    why = description + ": " + illegal;
    if (std::optional<kernels::MatmulShape> nearest =
            variant->nearestLegal(shape))
      why += "; nearest legal shape is " + formatShape(*nearest) + " (" +
             variant->symbolName(*nearest) + ")";
    else
      why += "; no legal shape near it fits in a core's data memory";
    return std::nullopt;
  }
  return Selection{variant, shape, variant->symbolName(shape)};
}

//===----------------------------------------------------------------------===//
// Rewriting
//===----------------------------------------------------------------------===//

/// `memref<RxCxT, strided<[?, 1], offset: ?>, space>`: the one type each
/// ukernel declaration takes, so calls on differently laid out views of the
/// same shape share a declaration.
static MemRefType callOperandType(MemRefType type) {
  MLIRContext *context = type.getContext();
  auto layout = StridedLayoutAttr::get(
      context, ShapedType::kDynamic, {ShapedType::kDynamic, 1});
  return MemRefType::get(type.getShape(), type.getElementType(), layout,
                         type.getMemorySpace());
}

/// Returns the private declaration of `symbol` with `type`, creating it.
static FailureOr<func::FuncOp> getOrCreateDeclaration(ModuleOp module,
                                                      StringRef symbol,
                                                      FunctionType type,
                                                      Operation *user) {
  if (auto existing = module.lookupSymbol<func::FuncOp>(symbol)) {
    if (existing.getFunctionType() == type)
      return existing;
    return user->emitError() << "ukernel '" << symbol
                             << "' is already declared with type "
                             << existing.getFunctionType() << ", not " << type;
  }
  OpBuilder builder = OpBuilder::atBlockBegin(module.getBody());
  auto declaration =
      func::FuncOp::create(builder, module.getLoc(), symbol, type);
  declaration.setPrivate();
  return declaration;
}

/// On buffers: the op becomes `func.call @symbol(%A, %B, %C)`.
static LogicalResult replaceByCall(linalg::LinalgOp op,
                                   const Selection &selection,
                                   ModuleOp module) {
  OpBuilder builder(op);
  SmallVector<Value> operands;
  SmallVector<Type> operandTypes;
  for (Value operand : op->getOperands()) {
    MemRefType type = callOperandType(cast<MemRefType>(operand.getType()));
    operands.push_back(
        operand.getType() == type
            ? operand
            : memref::CastOp::create(builder, op.getLoc(), type, operand));
    operandTypes.push_back(type);
  }
  FunctionType type = builder.getFunctionType(operandTypes, {});
  if (failed(getOrCreateDeclaration(module, selection.symbol, type, op)))
    return failure();
  func::CallOp::create(builder, op.getLoc(), selection.symbol, TypeRange{},
                       operands);
  op->erase();
  return success();
}

/// On tensors: the op becomes a canonical matmul generic naming the ukernel
/// in `library_call`; it keeps destination-passing style for bufferization.
static void tagWithLibraryCall(linalg::LinalgOp op, const Selection &selection) {
  IRRewriter rewriter(op);
  auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
  if (!generic)
    generic = *linalg::generalizeNamedOp(rewriter, op);
  generic.setLibraryCallAttr(rewriter.getStringAttr(selection.symbol));
}

//===----------------------------------------------------------------------===//
// Pass
//===----------------------------------------------------------------------===//

struct LowerToUKernelsPass
    : public impl::LowerToUKernelsPassBase<LowerToUKernelsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    std::optional<kernels::Device> target = kernels::parseDevice(device);
    if (!target) {
      module.emitError() << "unknown device '" << device
                         << "' (expected npu1 or npu2)";
      return signalPassFailure();
    }
    SmallVector<linalg::LinalgOp> candidates;
    module.walk([&](linalg::LinalgOp op) {
      if (isa<linalg::MatmulOp>(op) ||
          (isa<linalg::GenericOp>(op) && hasCanonicalMatmulStructure(op)))
        candidates.push_back(op);
    });
    bool failedAny = false;
    for (linalg::LinalgOp op : candidates)
      failedAny |= failed(lower(op, *target, module));
    if (failedAny)
      signalPassFailure();
  }

private:
  LogicalResult lower(linalg::LinalgOp op, kernels::Device target,
                      ModuleOp module) {
    bool onTensors = op.hasPureTensorSemantics();
    if (!onTensors && !op.hasPureBufferSemantics())
      return success(); // Mixed semantics: not ours to touch.
    std::string why;
    std::optional<Selection> selection = selectVariant(op, target, why);
    auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
    std::optional<StringRef> chosen =
        generic ? generic.getLibraryCall() : std::nullopt;
    if (chosen && (!selection || selection->symbol != *chosen)) {
      // A tagged op whose shape no longer matches its tag must not become a
      // call of the tagged symbol.
      return op->emitError() << "library_call '" << *chosen
                             << "' does not fit this op: "
                             << (selection ? "its shape gives '" +
                                                 selection->symbol + "'"
                                           : why);
    }
    if (!selection) {
      ++numUnmatched;
      if (strict)
        return op->emitError() << "no ukernel fits " << why;
      op->emitRemark() << "left for the default path: " << why;
      return success();
    }
    ++numCalls;
    if (onTensors) {
      tagWithLibraryCall(op, *selection);
      return success();
    }
    return replaceByCall(op, *selection, module);
  }
};

} // namespace
} // namespace aieconv
