//===- ConvVariants.cpp - Conv, depthwise and zero-fill variants ----------===//

#include "UKernelRegistry.h"

namespace aieconv::kernels {

using detail::joinNumbers;
using detail::takeNumbers;
using detail::takePrefix;

namespace {

/// Ends the symbol of a conv call that starts its accumulation.
constexpr std::string_view kConvInitSuffix = "_init";
/// Collects "X=v is not a multiple of n" style reasons, comma separated.
class Reasons {
public:
  void requireMultiple(const char *dim, int64_t size, int64_t step) {
    if (size % step != 0)
      add(std::string(dim) + "=" + std::to_string(size) +
          " is not a multiple of " + std::to_string(step));
  }
  void requireStride(const char *dim, int64_t stride) {
    if (!convTakesStride(stride))
      add(std::string(dim) + "=" + std::to_string(stride) + " is below 1");
  }
  void requireDilation(const char *dim, int64_t dilation) {
    if (dilation < 1)
      add(std::string(dim) + "=" + std::to_string(dilation) + " is below 1");
  }
  void requireFits(int64_t bytes) {
    if (text_.empty() && bytes > kCoreDataMemoryBytes)
      add("operands take " + std::to_string(bytes) + " bytes, more than the " +
          std::to_string(kCoreDataMemoryBytes) +
          " bytes of a core's data memory");
  }
  void add(const std::string &reason) {
    if (!text_.empty())
      text_ += ", ";
    text_ += reason;
  }
  const std::string &text() const { return text_; }

private:
  std::string text_;
};

bool allPositive(std::initializer_list<int64_t> values) {
  for (int64_t value : values)
    if (value <= 0)
      return false;
  return true;
}

std::string typesName(const char *kind, ElemType a, ElemType b, ElemType c) {
  std::string name = kind;
  for (ElemType type : {a, b, c}) {
    name += '_';
    name += toString(type);
  }
  return name;
}

/// "_s<SH>x<SW>_d<DH>x<DW>", shared by conv and depthwise symbols.
template <typename Shape> std::string windowSuffix(const Shape &shape) {
  return "_s" + joinNumbers({shape.strideH, shape.strideW}) + "_d" +
         joinNumbers({shape.dilationH, shape.dilationW});
}

template <typename Shape>
bool takeWindowSuffix(std::string_view &rest, Shape &shape) {
  int64_t stride[2], dilation[2];
  if (!takePrefix(rest, "_s") || !takeNumbers(rest, stride, 2) ||
      !takePrefix(rest, "_d") || !takeNumbers(rest, dilation, 2))
    return false;
  shape.strideH = stride[0];
  shape.strideW = stride[1];
  shape.dilationH = dilation[0];
  shape.dilationW = dilation[1];
  return true;
}

template <typename Shape>
void checkWindow(Reasons &reasons, const Shape &shape) {
  reasons.requireStride("strideH", shape.strideH);
  reasons.requireStride("strideW", shape.strideW);
  reasons.requireDilation("dilationH", shape.dilationH);
  reasons.requireDilation("dilationW", shape.dilationW);
}
} // namespace

//===----------------------------------------------------------------------===//
// Conv
//===----------------------------------------------------------------------===//

std::string ConvVariant::familyName() const {
  return typesName("conv2d", input, weight, out);
}

std::string ConvVariant::symbolName(const ConvShape &shape) const {
  return familyName() + "_" + joinNumbers({shape.oh, shape.ow, shape.oc}) +
         "_" + joinNumbers({shape.kh, shape.kw, shape.ic}) +
         windowSuffix(shape) + "_" + joinNumbers({tile.r, tile.s, tile.t}) +
         (shape.accumulate ? std::string() : std::string(kConvInitSuffix));
}

int64_t ConvVariant::operandBytes(const ConvShape &shape) const {
  return shape.inputHeight() * shape.inputWidth() * shape.ic *
             byteWidth(input) +
         shape.kh * shape.kw * shape.ic * shape.oc * byteWidth(weight) +
         shape.oh * shape.ow * shape.oc * byteWidth(out);
}

std::string ConvVariant::whyIllegal(const ConvShape &shape) const {
  if (!allPositive(
          {shape.oh, shape.ow, shape.oc, shape.kh, shape.kw, shape.ic}))
    return "sizes must be positive";
  Reasons reasons;
  reasons.requireMultiple("OW", shape.ow, tile.r);
  reasons.requireMultiple("OC", shape.oc, tile.t);
  reasons.requireMultiple("IC", shape.ic, tile.s);
  checkWindow(reasons, shape);
  if (shape.cascadeIn && !shape.accumulate)
    reasons.add("a call reading partial sums from the cascade accumulates");
  if ((shape.cascadeIn || shape.cascadeOut) &&
      (tile.r * tile.t) % kCascadeWordLanes != 0)
    reasons.add("an accumulator micro-tile is not whole cascade words");
  reasons.requireFits(operandBytes(shape));
  return reasons.text();
}

std::optional<AccumulatorRoute> decodeAccumulatorRoute(int64_t value) {
  if (value < 0 || value > 7 || value == 2 || value == 6)
    return std::nullopt;
  return AccumulatorRoute{(value & 1) != 0, (value & 2) != 0,
                          (value & 4) != 0};
}

int64_t encodeAccumulatorRoute(const AccumulatorRoute &route) {
  return (route.accumulate ? 1 : 0) | (route.cascadeIn ? 2 : 0) |
         (route.cascadeOut ? 4 : 0);
}

static int64_t roundUpTo(int64_t value, int64_t step) {
  return value <= 0 ? step : (value + step - 1) / step * step;
}

std::optional<ConvShape>
ConvVariant::nearestLegal(const ConvShape &shape) const {
  ConvShape rounded = shape;
  rounded.ow = roundUpTo(shape.ow, tile.r);
  rounded.oc = roundUpTo(shape.oc, tile.t);
  rounded.ic = roundUpTo(shape.ic, tile.s);
  if (!isLegal(rounded))
    return std::nullopt;
  return rounded;
}

//===----------------------------------------------------------------------===//
// Depthwise
//===----------------------------------------------------------------------===//

std::string DepthwiseVariant::familyName() const {
  return typesName("dwconv2d", input, weight, out);
}

std::string DepthwiseVariant::symbolName(const DepthwiseShape &shape) const {
  return familyName() + "_" + joinNumbers({shape.oh, shape.ow, shape.c}) + "_" +
         joinNumbers({shape.kh, shape.kw}) + windowSuffix(shape) + "_" +
         std::to_string(lanes);
}

int64_t DepthwiseVariant::operandBytes(const DepthwiseShape &shape) const {
  return shape.inputHeight() * shape.inputWidth() * shape.c * byteWidth(input) +
         shape.kh * shape.kw * shape.c * byteWidth(weight) +
         shape.oh * shape.ow * shape.c * byteWidth(out);
}

std::string DepthwiseVariant::whyIllegal(const DepthwiseShape &shape) const {
  if (!allPositive({shape.oh, shape.ow, shape.c, shape.kh, shape.kw}))
    return "sizes must be positive";
  Reasons reasons;
  reasons.requireMultiple("C", shape.c, lanes);
  checkWindow(reasons, shape);
  reasons.requireFits(operandBytes(shape));
  return reasons.text();
}

std::optional<DepthwiseShape>
DepthwiseVariant::nearestLegal(const DepthwiseShape &shape) const {
  DepthwiseShape rounded = shape;
  rounded.c = roundUpTo(shape.c, lanes);
  if (!isLegal(rounded))
    return std::nullopt;
  return rounded;
}

//===----------------------------------------------------------------------===//
// Zero-fill
//===----------------------------------------------------------------------===//

std::string ZeroFillVariant::familyName() const {
  return "zero_" + std::string(toString(type));
}

std::string ZeroFillVariant::symbolName(const ZeroFillShape &shape) const {
  return familyName() + "_" + joinNumbers({shape.m, shape.n}) + "_" +
         joinNumbers({r, t});
}

std::string ZeroFillVariant::whyIllegal(const ZeroFillShape &shape) const {
  if (!allPositive({shape.m, shape.n}))
    return "sizes must be positive";
  Reasons reasons;
  reasons.requireMultiple("M", shape.m, r);
  reasons.requireMultiple("N", shape.n, t);
  reasons.requireFits(shape.m * shape.n * byteWidth(type));
  return reasons.text();
}

//===----------------------------------------------------------------------===//
// Lists, lookup, parsing
//===----------------------------------------------------------------------===//

const std::vector<ConvVariant> &allConvVariants() {
  static const std::vector<ConvVariant> variants = {
#define AIECONV_CONV_VARIANT(DEVICE, IN, WEIGHT, OUT, R, S, T)                 \
  ConvVariant{Device::DEVICE, ElemType::IN, ElemType::WEIGHT, ElemType::OUT,   \
              MicroTile{R, S, T}},
#include "Variants.def"
  };
  return variants;
}

const std::vector<DepthwiseVariant> &allDepthwiseVariants() {
  static const std::vector<DepthwiseVariant> variants = {
#define AIECONV_DEPTHWISE_VARIANT(DEVICE, IN, WEIGHT, OUT, LANES)              \
  DepthwiseVariant{Device::DEVICE, ElemType::IN, ElemType::WEIGHT,             \
                   ElemType::OUT, LANES},
#include "Variants.def"
  };
  return variants;
}

const std::vector<ZeroFillVariant> &allZeroFillVariants() {
  static const std::vector<ZeroFillVariant> variants = {
#define AIECONV_ZERO_FILL_VARIANT(DEVICE, TYPE, R, T)                          \
  ZeroFillVariant{Device::DEVICE, ElemType::TYPE, R, T},
#include "Variants.def"
  };
  return variants;
}

const ConvVariant *findConvVariant(Device device, ElemType input,
                                   ElemType weight, ElemType out) {
  for (const ConvVariant &variant : allConvVariants())
    if (variant.device == device && variant.input == input &&
        variant.weight == weight && variant.out == out)
      return &variant;
  return nullptr;
}

const DepthwiseVariant *findDepthwiseVariant(Device device, ElemType input,
                                             ElemType weight, ElemType out) {
  for (const DepthwiseVariant &variant : allDepthwiseVariants())
    if (variant.device == device && variant.input == input &&
        variant.weight == weight && variant.out == out)
      return &variant;
  return nullptr;
}

const ZeroFillVariant *findZeroFillVariant(Device device, ElemType type) {
  for (const ZeroFillVariant &variant : allZeroFillVariants())
    if (variant.device == device && variant.type == type)
      return &variant;
  return nullptr;
}

std::optional<ParsedConvSymbol> parseConvSymbolName(std::string_view name) {
  for (const ConvVariant &variant : allConvVariants()) {
    std::string_view rest = name;
    int64_t out[3], window[3], tile[3];
    ConvShape shape;
    if (!takePrefix(rest, variant.familyName()) || !takePrefix(rest, "_") ||
        !takeNumbers(rest, out, 3) || !takePrefix(rest, "_") ||
        !takeNumbers(rest, window, 3) || !takeWindowSuffix(rest, shape) ||
        !takePrefix(rest, "_") || !takeNumbers(rest, tile, 3))
      continue;
    shape.accumulate = !takePrefix(rest, kConvInitSuffix);
    if (!rest.empty())
      continue;
    if (tile[0] != variant.tile.r || tile[1] != variant.tile.s ||
        tile[2] != variant.tile.t)
      continue;
    shape.oh = out[0], shape.ow = out[1], shape.oc = out[2];
    shape.kh = window[0], shape.kw = window[1], shape.ic = window[2];
    if (variant.isLegal(shape))
      return ParsedConvSymbol{&variant, shape};
  }
  return std::nullopt;
}

std::optional<ParsedDepthwiseSymbol>
parseDepthwiseSymbolName(std::string_view name) {
  for (const DepthwiseVariant &variant : allDepthwiseVariants()) {
    std::string_view rest = name;
    int64_t out[3], window[2], lanes;
    DepthwiseShape shape;
    if (!takePrefix(rest, variant.familyName()) || !takePrefix(rest, "_") ||
        !takeNumbers(rest, out, 3) || !takePrefix(rest, "_") ||
        !takeNumbers(rest, window, 2) || !takeWindowSuffix(rest, shape) ||
        !takePrefix(rest, "_") || !takeNumbers(rest, &lanes, 1) ||
        !rest.empty() || lanes != variant.lanes)
      continue;
    shape.oh = out[0], shape.ow = out[1], shape.c = out[2];
    shape.kh = window[0], shape.kw = window[1];
    if (variant.isLegal(shape))
      return ParsedDepthwiseSymbol{&variant, shape};
  }
  return std::nullopt;
}

std::optional<ParsedZeroFillSymbol>
parseZeroFillSymbolName(std::string_view name) {
  for (const ZeroFillVariant &variant : allZeroFillVariants()) {
    std::string_view rest = name;
    int64_t size[2], tile[2];
    if (!takePrefix(rest, variant.familyName()) || !takePrefix(rest, "_") ||
        !takeNumbers(rest, size, 2) || !takePrefix(rest, "_") ||
        !takeNumbers(rest, tile, 2) || !rest.empty() || tile[0] != variant.r ||
        tile[1] != variant.t)
      continue;
    ZeroFillShape shape{size[0], size[1]};
    if (variant.isLegal(shape))
      return ParsedZeroFillSymbol{&variant, shape};
  }
  return std::nullopt;
}

} // namespace aieconv::kernels
