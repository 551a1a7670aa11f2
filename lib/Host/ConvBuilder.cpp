//===- ConvBuilder.cpp - ConvSpec <-> linalg conv functions ---------------===//

#include "aieconv/Host/ConvBuilder.h"
#include "aieconv/Host/Diagnostics.h"

#include "aieconv/Spec/SpecParser.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/Matchers.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <variant>

using namespace mlir;

namespace aieconv::host {
namespace {

/// Operand shapes of a spec, in the layouts of the linalg named ops (and of
/// ReferenceConv.h). The input is the unpadded one.
struct OperandShapes {
  SmallVector<int64_t> input, paddedInput, filter, output;
  /// Input dimensions that padding applies to.
  SmallVector<unsigned> spatialDims;
};

OperandShapes operandShapes(const ConvSpec &s) {
  int64_t padH = s.ih + 2 * s.ph, padW = s.iw + 2 * s.pw;
  switch (s.op) {
  case ConvOp::Conv2dNhwcHwcf:
    return {{s.n, s.ih, s.iw, s.ic},
            {s.n, padH, padW, s.ic},
            {s.kh, s.kw, s.ic, s.oc},
            {s.n, s.oh(), s.ow(), s.oc},
            {1, 2}};
  case ConvOp::Conv2dNchwFchw:
    return {{s.n, s.ic, s.ih, s.iw},
            {s.n, s.ic, padH, padW},
            {s.oc, s.ic, s.kh, s.kw},
            {s.n, s.oc, s.oh(), s.ow()},
            {2, 3}};
  case ConvOp::DepthwiseNhwcHwc:
    return {{s.n, s.ih, s.iw, s.ic},
            {s.n, padH, padW, s.ic},
            {s.kh, s.kw, s.ic},
            {s.n, s.oh(), s.ow(), s.ic},
            {1, 2}};
  case ConvOp::Conv1dNwcWcf:
    return {{s.n, s.iw, s.ic},
            {s.n, padW, s.ic},
            {s.kw, s.ic, s.oc},
            {s.n, s.ow(), s.oc},
            {1}};
  }
  llvm_unreachable("unknown conv op");
}

/// Element types of a layer: {input and filter, output}.
std::pair<Type, Type> elementTypes(MLIRContext &ctx, ConvType type) {
  if (type == ConvType::BF16)
    return {BFloat16Type::get(&ctx), Float32Type::get(&ctx)};
  return {IntegerType::get(&ctx, 8), IntegerType::get(&ctx, 32)};
}

/// The window attributes (strides or dilations) of an op of `rank` spatial
/// dimensions, as the named ops spell them: dense<...> : tensor<Rxi64>.
DenseIntElementsAttr windowAttr(OpBuilder &b, ArrayRef<int64_t> values) {
  auto type = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                    b.getI64Type());
  return DenseIntElementsAttr::get(type, values);
}

} // namespace

void registerConvBuilderDialects(DialectRegistry &registry) {
  registry.insert<arith::ArithDialect, func::FuncDialect, linalg::LinalgDialect,
                  tensor::TensorDialect>();
}

OwningOpRef<ModuleOp> buildConvModule(MLIRContext &context,
                                      const ConvSpec &spec, StringRef name) {
  DialectRegistry registry;
  registerConvBuilderDialects(registry);
  context.appendDialectRegistry(registry);
  context.loadDialect<arith::ArithDialect, func::FuncDialect,
                      linalg::LinalgDialect, tensor::TensorDialect>();

  OpBuilder b(&context);
  Location loc = b.getUnknownLoc();
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  b.setInsertionPointToEnd(module->getBody());

  OperandShapes shapes = operandShapes(spec);
  auto [inType, outType] = elementTypes(context, spec.type);
  auto inputType = RankedTensorType::get(shapes.input, inType);
  auto filterType = RankedTensorType::get(shapes.filter, inType);
  auto outputType = RankedTensorType::get(shapes.output, outType);
  auto func = func::FuncOp::create(
      b, loc, name, b.getFunctionType({inputType, filterType}, {outputType}));
  Block *body = func.addEntryBlock();
  b.setInsertionPointToStart(body);

  Value input = body->getArgument(0);
  Value filter = body->getArgument(1);
  if (spec.ph > 0 || spec.pw > 0) {
    SmallVector<OpFoldResult> pad(shapes.input.size(), b.getIndexAttr(0));
    for (unsigned dim : shapes.spatialDims)
      pad[dim] =
          b.getIndexAttr(dim == shapes.spatialDims.back() ? spec.pw : spec.ph);
    Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(inType));
    input = tensor::PadOp::create(
        b, loc, RankedTensorType::get(shapes.paddedInput, inType), input, pad,
        pad, zero);
  }
  Value empty = tensor::EmptyOp::create(b, loc, shapes.output, outType);
  Value outZero = arith::ConstantOp::create(b, loc, b.getZeroAttr(outType));
  Value acc =
      linalg::FillOp::create(b, loc, ValueRange{outZero}, ValueRange{empty})
          .getResult(0);

  bool is1d = spec.op == ConvOp::Conv1dNwcWcf;
  DenseIntElementsAttr strides =
      is1d ? windowAttr(b, {spec.sw}) : windowAttr(b, {spec.sh, spec.sw});
  DenseIntElementsAttr dilations =
      is1d ? windowAttr(b, {spec.dw}) : windowAttr(b, {spec.dh, spec.dw});
  SmallVector<Value> ins = {input, filter};
  Operation *conv = nullptr;
  switch (spec.op) {
  case ConvOp::Conv2dNhwcHwcf:
    conv = linalg::Conv2DNhwcHwcfOp::create(b, loc, outputType, ins, acc,
                                            strides, dilations);
    break;
  case ConvOp::Conv2dNchwFchw:
    conv = linalg::Conv2DNchwFchwOp::create(b, loc, outputType, ins, acc,
                                            strides, dilations);
    break;
  case ConvOp::DepthwiseNhwcHwc:
    conv = linalg::DepthwiseConv2DNhwcHwcOp::create(b, loc, outputType, ins,
                                                    acc, strides, dilations);
    break;
  case ConvOp::Conv1dNwcWcf:
    conv = linalg::Conv1DNwcWcfOp::create(b, loc, outputType, ins, acc, strides,
                                          dilations);
    break;
  }
  func::ReturnOp::create(b, loc, conv->getResult(0));
  return module;
}

//===----------------------------------------------------------------------===//
// extractConvSpec
//===----------------------------------------------------------------------===//

namespace {

std::string typeString(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  type.print(os);
  return text;
}

/// The spec op of a supported named conv; nothing for other ops.
std::optional<ConvOp> convOpOf(Operation *op) {
  if (isa<linalg::Conv2DNhwcHwcfOp>(op))
    return ConvOp::Conv2dNhwcHwcf;
  if (isa<linalg::Conv2DNchwFchwOp>(op))
    return ConvOp::Conv2dNchwFchw;
  if (isa<linalg::DepthwiseConv2DNhwcHwcOp>(op))
    return ConvOp::DepthwiseNhwcHwc;
  if (isa<linalg::Conv1DNwcWcfOp>(op))
    return ConvOp::Conv1dNwcWcf;
  return std::nullopt;
}

llvm::Expected<ConvType> convTypeOf(Type in, Type filter, Type out) {
  if (in.isBF16() && filter.isBF16() && out.isF32())
    return ConvType::BF16;
  if (in.isInteger(8) && filter.isInteger(8) && out.isInteger(32))
    return ConvType::I8;
  return makeError(
      llvm::formatv("unsupported element types {0} x {1} -> {2}; "
                    "supported: bf16 x bf16 -> f32, i8 x i8 -> i32",
                    typeString(in), typeString(filter), typeString(out)));
}

/// Reads the two (or, for conv_1d, one) values of a strides or dilations
/// attribute into (h, w); conv_1d leaves h at 1.
void readWindow(DenseIntElementsAttr attr, int64_t &h, int64_t &w) {
  SmallVector<int64_t> values = llvm::to_vector(attr.getValues<int64_t>());
  w = values.back();
  if (values.size() == 2)
    h = values.front();
}

/// Folds a zero `tensor.pad` of the spatial dimensions, with equal low and
/// high amounts, into the spec; returns the unpadded input. Other pads are an
/// error (a SPEC cannot express them).
llvm::Expected<Value> foldInputPad(tensor::PadOp pad, ConvSpec &spec,
                                   ArrayRef<unsigned> spatialDims) {
  auto fail = [] {
    return makeError(
        "the tensor.pad of the convolution input is not a zero "
        "padding of the spatial dimensions with equal low and high "
        "amounts, which a SPEC cannot express");
  };
  ArrayRef<int64_t> low = pad.getStaticLow(), high = pad.getStaticHigh();
  if (low != high || llvm::is_contained(low, ShapedType::kDynamic))
    return fail();
  for (auto [dim, amount] : llvm::enumerate(low))
    if (amount != 0 && !llvm::is_contained(spatialDims, dim))
      return fail();
  Value padValue = pad.getConstantPaddingValue();
  if (!padValue || !(matchPattern(padValue, m_AnyZeroFloat()) ||
                     matchPattern(padValue, m_Zero())))
    return fail();
  spec.pw = low[spatialDims.back()];
  if (spatialDims.size() == 2)
    spec.ph = low[spatialDims.front()];
  return pad.getSource();
}

/// Same shape and element type, whether tensor or memref.
bool sameShapedType(Type a, Type b) {
  auto sa = dyn_cast<ShapedType>(a), sb = dyn_cast<ShapedType>(b);
  return sa && sb && sa.hasRank() && sb.hasRank() &&
         sa.getShape() == sb.getShape() &&
         sa.getElementType() == sb.getElementType();
}

/// The entry function must take the operands the reference takes: either
/// (input, filter) -> output on tensors, or (input, filter, output) on
/// buffers with no result.
llvm::Error checkSignature(func::FuncOp func, Type input, Type filter,
                           Type output) {
  FunctionType type = func.getFunctionType();
  bool tensorForm = type.getNumInputs() == 2 && type.getNumResults() == 1 &&
                    sameShapedType(type.getResult(0), output);
  bool bufferForm = type.getNumInputs() == 3 && type.getNumResults() == 0 &&
                    sameShapedType(type.getInput(2), output);
  if ((tensorForm || bufferForm) && sameShapedType(type.getInput(0), input) &&
      sameShapedType(type.getInput(1), filter))
    return llvm::Error::success();
  return makeError(llvm::formatv(
      "function @{0} has type {1}; expected ({2}, {3}) -> {4}: the "
      "unpadded input and the filter in, the output out",
      func.getSymName(), typeString(type), typeString(input),
      typeString(filter), typeString(output)));
}

} // namespace

llvm::Expected<ExtractedConv> extractConvSpec(ModuleOp module) {
  SmallVector<Operation *> convs;
  module.walk([&](Operation *op) {
    if (isa<linalg::ConvolutionOpInterface>(op) || convOpOf(op))
      convs.push_back(op);
  });
  if (convs.empty())
    return makeError(
        "no convolution found: expected one of "
        "linalg.conv_2d_nhwc_hwcf, linalg.conv_2d_nchw_fchw, "
        "linalg.depthwise_conv_2d_nhwc_hwc, linalg.conv_1d_nwc_wcf");
  if (convs.size() > 1)
    return makeError(llvm::formatv(
        "found {0} convolutions; expected exactly one", convs.size()));
  Operation *op = convs.front();
  std::optional<ConvOp> kind = convOpOf(op);
  if (!kind)
    return makeError(llvm::formatv("unsupported convolution '{0}'; supported: "
                                   "linalg.conv_2d_nhwc_hwcf, "
                                   "linalg.conv_2d_nchw_fchw, "
                                   "linalg.depthwise_conv_2d_nhwc_hwc, "
                                   "linalg.conv_1d_nwc_wcf",
                                   op->getName().getStringRef()));
  auto linalgOp = cast<linalg::LinalgOp>(op);
  Value input = linalgOp.getDpsInputOperand(0)->get();
  Value filter = linalgOp.getDpsInputOperand(1)->get();
  Value output = linalgOp.getDpsInitOperand(0)->get();
  for (Value operand : {input, filter, output}) {
    auto shaped = cast<ShapedType>(operand.getType());
    if (!shaped.hasStaticShape())
      return makeError(
          llvm::formatv("'{0}' has an operand of dynamic shape {1}; "
                        "only static shapes are supported",
                        op->getName().getStringRef(), typeString(shaped)));
  }
  auto elementType = [](Value v) {
    return cast<ShapedType>(v.getType()).getElementType();
  };
  llvm::Expected<ConvType> type =
      convTypeOf(elementType(input), elementType(filter), elementType(output));
  if (!type)
    return type.takeError();

  ConvSpec spec;
  spec.op = *kind;
  spec.type = *type;
  // Every supported named conv has `strides` and `dilations`; when absent
  // they default to 1, as in the spec.
  auto strides = op->getAttrOfType<DenseIntElementsAttr>("strides");
  auto dilations = op->getAttrOfType<DenseIntElementsAttr>("dilations");
  if (strides)
    readWindow(strides, spec.sh, spec.sw);
  if (dilations)
    readWindow(dilations, spec.dh, spec.dw);

  SmallVector<unsigned> spatialDims =
      spec.op == ConvOp::Conv2dNchwFchw ? SmallVector<unsigned>{2, 3}
      : spec.op == ConvOp::Conv1dNwcWcf ? SmallVector<unsigned>{1}
                                        : SmallVector<unsigned>{1, 2};
  Value unpadded = input;
  if (auto pad = input.getDefiningOp<tensor::PadOp>()) {
    llvm::Expected<Value> source = foldInputPad(pad, spec, spatialDims);
    if (!source)
      return source.takeError();
    unpadded = *source;
  }

  ArrayRef<int64_t> in = cast<ShapedType>(unpadded.getType()).getShape();
  ArrayRef<int64_t> f = cast<ShapedType>(filter.getType()).getShape();
  ArrayRef<int64_t> out = cast<ShapedType>(output.getType()).getShape();
  int64_t outH = 1, outW = 1;
  switch (spec.op) {
  case ConvOp::Conv2dNhwcHwcf:
    spec.n = in[0], spec.ih = in[1], spec.iw = in[2], spec.ic = in[3];
    spec.kh = f[0], spec.kw = f[1], spec.oc = f[3];
    outH = out[1], outW = out[2];
    break;
  case ConvOp::Conv2dNchwFchw:
    spec.n = in[0], spec.ic = in[1], spec.ih = in[2], spec.iw = in[3];
    spec.oc = f[0], spec.kh = f[2], spec.kw = f[3];
    outH = out[2], outW = out[3];
    break;
  case ConvOp::DepthwiseNhwcHwc:
    spec.n = in[0], spec.ih = in[1], spec.iw = in[2], spec.ic = in[3];
    spec.kh = f[0], spec.kw = f[1], spec.oc = in[3];
    outH = out[1], outW = out[2];
    break;
  case ConvOp::Conv1dNwcWcf:
    spec.n = in[0], spec.iw = in[1], spec.ic = in[2];
    spec.kw = f[0], spec.oc = f[2];
    outW = out[1];
    break;
  }

  // The parser owns the rules of a valid layer (positive sizes, non-empty
  // output, no overflow); going through it keeps one set of messages.
  std::variant<ConvSpec, SpecError> checked =
      parseConvSpec(formatConvSpec(spec));
  if (auto *bad = std::get_if<SpecError>(&checked))
    return makeError("the convolution is not a valid layer: " + bad->message);
  // linalg accepts an output smaller than the input allows; the reference
  // computes the full output, so the sizes must agree exactly.
  if (outH != spec.oh() || outW != spec.ow())
    return makeError(llvm::formatv(
        "output is {0}x{1} (height x width) but the input, filter, strides, "
        "dilations and padding give {2}x{3}",
        outH, outW, spec.oh(), spec.ow()));

  auto func = op->getParentOfType<func::FuncOp>();
  if (!func)
    return makeError("the convolution is not inside a func.func");
  if (llvm::Error bad = checkSignature(func, unpadded.getType(),
                                       filter.getType(), output.getType()))
    return std::move(bad);
  return ExtractedConv{spec, func};
}

} // namespace aieconv::host
