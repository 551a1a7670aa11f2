//===- UKernelSelection.cpp - Which ukernel computes an op ----------------===//

#include "aieconv/Transforms/UKernelSelection.h"

#include "aieconv/Transforms/MatmulForm.h"
#include "aieconv/Transforms/PackedConvForm.h"

#include "Promotion.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
namespace kernels = aieconv::kernels;

namespace aieconv {

//===----------------------------------------------------------------------===//
// Shared checks
//===----------------------------------------------------------------------===//

bool isZeroConstant(Value value) {
  return matchPattern(value, m_AnyZeroFloat()) || matchPattern(value, m_Zero());
}

bool isZeroFill(linalg::FillOp fill) {
  return isZeroConstant(fill.getInputs()[0]);
}

std::optional<kernels::ElemType> toRegistryElemType(Type type) {
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

static std::string join(ArrayRef<int64_t> sizes) {
  std::string text;
  for (int64_t size : sizes)
    text += (text.empty() ? "" : "x") + std::to_string(size);
  return text;
}

static std::string typeName(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << type;
  return text;
}

static Type elementType(linalg::LinalgOp op, unsigned operand) {
  return getElementTypeOrSelf(op->getOperand(operand).getType());
}

/// "(bf16 x bf16 -> f32)" for the op's three operands.
static std::string typeSignature(linalg::LinalgOp op) {
  return "(" + typeName(elementType(op, 0)) + " x " +
         typeName(elementType(op, 1)) + " -> " + typeName(elementType(op, 2)) +
         ")";
}

/// Whether the body widens an operand the way the ukernels do: floats by
/// extf (or not at all), integers by sign extension.
static std::string checkExtension(OperandExtension extension, Type input,
                                  Type output) {
  if (input == output)
    return extension == OperandExtension::None
               ? ""
               : "operand is extended to its own type";
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

/// The body must be a multiply-accumulate whose widening the ukernels share.
static std::string checkBody(linalg::LinalgOp op) {
  std::string why;
  std::optional<MultiplyAccumulateBody> body =
      matchMultiplyAccumulateBody(op, why);
  if (!body)
    return why;
  Type out = elementType(op, 2);
  for (auto [extension, operand] :
       {std::pair(body->lhs, 0u), std::pair(body->rhs, 1u)}) {
    std::string problem =
        checkExtension(extension, elementType(op, operand), out);
    if (!problem.empty())
      return problem;
  }
  return {};
}

/// The element types as the registry names them, or nothing.
static std::optional<std::array<kernels::ElemType, 3>>
registryTypes(linalg::LinalgOp op) {
  auto lhs = toRegistryElemType(elementType(op, 0));
  auto rhs = toRegistryElemType(elementType(op, 1));
  auto out = toRegistryElemType(elementType(op, 2));
  if (!lhs || !rhs || !out)
    return std::nullopt;
  return std::array<kernels::ElemType, 3>{*lhs, *rhs, *out};
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

/// Contiguous, in row-major order, at any offset.
static bool isDense(Type type) {
  auto memref = dyn_cast<MemRefType>(type);
  return !memref || memref.getLayout().isIdentity() ||
         memref.areTrailingDimsContiguous(memref.getRank());
}

static std::string noVariant(kernels::Device device) {
  return "no ukernel variant for these element types on " +
         std::string(kernels::toString(device));
}

//===----------------------------------------------------------------------===//
// Matmuls
//===----------------------------------------------------------------------===//

static std::optional<UKernelSelection>
selectMatmul(linalg::LinalgOp op, kernels::Device device, std::string &why) {
  auto lhsType = cast<ShapedType>(op->getOperand(0).getType());
  auto rhsType = cast<ShapedType>(op->getOperand(1).getType());
  kernels::MatmulShape shape{lhsType.getDimSize(0), rhsType.getDimSize(1),
                             lhsType.getDimSize(1)};
  std::string description =
      "matmul " + join({shape.m, shape.n, shape.k}) + " " + typeSignature(op);
  auto fail = [&](const std::string &reason) {
    why = description + ": " + reason;
    return std::nullopt;
  };
  if (std::string problem = checkBody(op); !problem.empty())
    return fail(problem);
  for (Value operand : op->getOperands())
    if (!hasRowMajorLayout(operand.getType()))
      return fail("operand layout is not row-major with unit inner stride");
  auto types = registryTypes(op);
  const kernels::MatmulVariant *variant =
      types ? kernels::findMatmulVariant(device, (*types)[0], (*types)[1],
                                         (*types)[2])
            : nullptr;
  if (!variant)
    return fail(noVariant(device));
  std::string illegal = variant->whyIllegal(shape);
  if (!illegal.empty()) {
    if (std::optional<kernels::MatmulShape> nearest =
            variant->nearestLegal(shape))
      return fail(illegal + "; nearest legal shape is " +
                  join({nearest->m, nearest->n, nearest->k}) + " (" +
                  variant->symbolName(*nearest) + ")");
    return fail(illegal +
                "; no legal shape near it fits in a core's data memory");
  }
  UKernelSelection selection;
  selection.symbol = variant->symbolName(shape);
  selection.acceptsLeadingDimension = true;
  return selection;
}

//===----------------------------------------------------------------------===//
// Packed convs
//===----------------------------------------------------------------------===//

/// How `op`'s accumulation starts at zero, if it does: the op zeroing the
/// accumulator and, when `op` runs in a reduction loop that zeroing
/// precedes, that loop (its first step starts the accumulation).
struct AccumulatorStart {
  Operation *zeroing = nullptr;
  scf::ForOp firstStepOf;
};

/// Looks before `from` in its block for the zeroing of `root`: a zero fill,
/// or the zero-fill ukernel call it became, with nothing in between but
/// views of `root`. Sets `blocked` when another op touches `root` first.
static Operation *zeroingBefore(Operation *from, Value root, bool &blocked) {
  for (Operation *prev = from->getPrevNode(); prev;
       prev = prev->getPrevNode()) {
    auto touchesRoot = [&](Value v) {
      return isa<MemRefType>(v.getType()) && promotion::viewRoot(v) == root;
    };
    if (!llvm::any_of(prev->getOperands(), touchesRoot))
      continue;
    if (auto fill = dyn_cast<linalg::FillOp>(prev))
      return isZeroFill(fill) ? prev : (blocked = true, nullptr);
    if (auto call = dyn_cast<func::CallOp>(prev))
      return kernels::parseZeroFillSymbolName(call.getCallee().str()) &&
                     call.getNumOperands() == 1
                 ? prev
                 : (blocked = true, nullptr);
    if (!isa<ViewLikeOpInterface>(prev)) {
      blocked = true;
      return nullptr;
    }
  }
  return nullptr;
}

/// On tensors, the zero fill producing `op`'s init. On buffers, the zeroing
/// just before `op`, or just before the reduction loop `op` runs in (with
/// at least one iteration), nothing else touching the accumulator between.
static AccumulatorStart accumulatorStart(linalg::LinalgOp op) {
  Value init = op.getDpsInits()[0];
  if (isa<RankedTensorType>(init.getType())) {
    auto fill = init.getDefiningOp<linalg::FillOp>();
    if (fill && isZeroFill(fill))
      return {fill.getOperation(), {}};
    return {};
  }
  Value root = promotion::viewRoot(init);
  bool blocked = false;
  if (Operation *zeroing = zeroingBefore(op, root, blocked))
    return {zeroing, {}};
  auto loop = dyn_cast<scf::ForOp>(op->getParentOp());
  std::optional<int64_t> lower =
      loop ? getConstantIntValue(loop.getLowerBound()) : std::nullopt;
  std::optional<int64_t> upper =
      loop ? getConstantIntValue(loop.getUpperBound()) : std::nullopt;
  if (blocked || !lower || !upper || *upper <= *lower ||
      !isa<IndexType>(loop.getInductionVar().getType()))
    return {};
  // The loop may carry the accumulator (a buffer iter_arg): before the
  // loop, it is the value the loop starts from.
  Value outerRoot = root;
  if (auto argument = dyn_cast<BlockArgument>(root))
    if (OpOperand *start = loop.getTiedLoopInit(argument))
      outerRoot = promotion::viewRoot(start->get());
  if (Operation *zeroing = zeroingBefore(loop, outerRoot, blocked))
    return {zeroing, loop};
  return {};
}

static std::optional<UKernelSelection>
selectPackedConv(linalg::GenericOp op, const PackedConvGeometry &geometry,
                 kernels::Device device, std::string &why) {
  ArrayRef<int64_t> in =
      cast<ShapedType>(op->getOperand(0).getType()).getShape();
  ArrayRef<int64_t> w =
      cast<ShapedType>(op->getOperand(1).getType()).getShape();
  ArrayRef<int64_t> out =
      cast<ShapedType>(op->getOperand(2).getType()).getShape();
  std::string description =
      std::string(geometry.depthwise ? "depthwise conv" : "conv") +
      " output " + join(out) + " " + typeSignature(op);
  auto fail = [&](const std::string &reason) {
    why = description + ": " + reason;
    return std::nullopt;
  };
  if (std::string problem = checkBody(op); !problem.empty())
    return fail(problem);
  if (in[0] != 1)
    return fail("batch " + std::to_string(in[0]) +
                ": a conv ukernel call takes one image");
  for (Value operand : op->getOperands())
    if (!isDense(operand.getType()))
      return fail("operands must be dense buffers");
  auto types = registryTypes(op);
  if (!types)
    return fail(noVariant(device));

  UKernelSelection selection;
  selection.scalars = {geometry.strideH, geometry.strideW, geometry.dilationH,
                       geometry.dilationW};
  selection.dropsBatch = {true, false, true};
  int64_t inputHeight, inputWidth;
  std::string illegal;
  if (geometry.depthwise) {
    const kernels::DepthwiseVariant *variant = kernels::findDepthwiseVariant(
        device, (*types)[0], (*types)[1], (*types)[2]);
    if (!variant)
      return fail(noVariant(device));
    if (in[4] != variant->lanes || w[3] != variant->lanes ||
        out[4] != variant->lanes)
      return fail("channel blocks are not the ukernel's " +
                  std::to_string(variant->lanes) + " lanes");
    kernels::DepthwiseShape shape{out[2],  out[3],  out[1] * out[4],
                                  w[1],    w[2],    geometry.strideH,
                                  geometry.strideW, geometry.dilationH,
                                  geometry.dilationW};
    inputHeight = shape.inputHeight();
    inputWidth = shape.inputWidth();
    illegal = variant->whyIllegal(shape);
    selection.symbol = variant->symbolName(shape);
  } else {
    const kernels::ConvVariant *variant = kernels::findConvVariant(
        device, (*types)[0], (*types)[1], (*types)[2]);
    if (!variant)
      return fail(noVariant(device));
    const kernels::MicroTile &tile = variant->tile;
    if (in[4] != tile.s || w[4] != tile.s || w[5] != tile.t ||
        out[4] != tile.t)
      return fail("channel blocks do not match the micro-tile " +
                  join({tile.r, tile.s, tile.t}));
    kernels::ConvShape shape{out[2],
                             out[3],
                             out[1] * out[4],
                             w[1],
                             w[2],
                             in[1] * in[4],
                             geometry.strideH,
                             geometry.strideW,
                             geometry.dilationH,
                             geometry.dilationW};
    // Starting from zero spares the zero-fill and the accumulator loads; in
    // a reduction loop the first step starts, and the call (priced as
    // accumulating) learns which step it is from its accumulate operand.
    AccumulatorStart start = accumulatorStart(op);
    shape.accumulate = !start.zeroing || start.firstStepOf;
    selection.scalars.push_back(shape.accumulate ? 1 : 0);
    selection.routesAccumulator = true;
    if (op.hasPureBufferSemantics()) {
      selection.replacesZeroing = start.zeroing;
      selection.firstStepOf = start.firstStepOf;
    }
    inputHeight = shape.inputHeight();
    inputWidth = shape.inputWidth();
    kernels::ConvShape callShape = shape.withPixelRowsJoined(tile.r);
    if (callShape.oh != shape.oh)
      selection.denseViews = {{in[1], 1, callShape.ow, in[4]},
                              {},
                              {out[1], 1, callShape.ow, out[4]}};
    illegal = variant->whyIllegal(callShape);
    selection.symbol = variant->symbolName(callShape);
  }
  if (in[2] != inputHeight || in[3] != inputWidth)
    return fail("input patch " + join({in[2], in[3]}) +
                " is not the output tile's window " +
                join({inputHeight, inputWidth}));
  if (!illegal.empty())
    return fail(illegal);
  return selection;
}

//===----------------------------------------------------------------------===//
// Zero fills
//===----------------------------------------------------------------------===//

/// A fill of zero into an L1 buffer: an accumulator being started.
static bool isL1ZeroFill(linalg::FillOp fill) {
  return promotion::memorySpaceOf(fill.getOutputs()[0]) ==
             promotion::kL1MemorySpace &&
         isZeroFill(fill);
}

static std::optional<UKernelSelection>
selectZeroFill(linalg::FillOp fill, kernels::Device device, std::string &why) {
  auto buffer = cast<MemRefType>(fill.getOutputs()[0].getType());
  std::string description = "zero fill " + join(buffer.getShape()) + " (" +
                            typeName(buffer.getElementType()) + ")";
  auto type = toRegistryElemType(buffer.getElementType());
  const kernels::ZeroFillVariant *variant =
      type ? kernels::findZeroFillVariant(device, *type) : nullptr;
  if (!variant) {
    why = description + ": " + noVariant(device);
    return std::nullopt;
  }
  if (!isDense(buffer)) {
    why = description + ": the buffer must be dense";
    return std::nullopt;
  }
  kernels::ZeroFillShape shape =
      variant->denseShape(buffer.getNumElements());
  if (std::string illegal = variant->whyIllegal(shape); !illegal.empty()) {
    why = description + ": " + illegal;
    return std::nullopt;
  }
  UKernelSelection selection;
  selection.symbol = variant->symbolName(shape);
  selection.buffers = {1};
  selection.dropsBatch = {false};
  selection.denseViews = {{shape.m, shape.n}};
  return selection;
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

bool isUKernelCandidate(linalg::LinalgOp op) {
  if (isa<linalg::MatmulOp>(op))
    return true;
  if (auto fill = dyn_cast<linalg::FillOp>(op.getOperation()))
    return isL1ZeroFill(fill);
  auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
  return generic && (hasCanonicalMatmulStructure(op) ||
                     matchPackedConv(generic).has_value());
}

std::optional<UKernelSelection>
selectUKernel(linalg::LinalgOp op, kernels::Device device, std::string &why) {
  if (op.hasDynamicShape()) {
    why = "dynamic shapes: a ukernel is built for one static shape";
    return std::nullopt;
  }
  if (auto fill = dyn_cast<linalg::FillOp>(op.getOperation()))
    return selectZeroFill(fill, device, why);
  if (auto generic = dyn_cast<linalg::GenericOp>(op.getOperation()))
    if (std::optional<PackedConvGeometry> geometry = matchPackedConv(generic))
      return selectPackedConv(generic, *geometry, device, why);
  return selectMatmul(op, device, why);
}

} // namespace aieconv
