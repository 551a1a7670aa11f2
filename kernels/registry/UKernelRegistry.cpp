//===- UKernelRegistry.cpp - The matmul ukernel variants ------------------===//

#include "UKernelRegistry.h"

#include <cstdlib>

namespace aieconv::kernels {

std::string_view toString(ElemType type) {
  switch (type) {
  case ElemType::BF16:
    return "bf16";
  case ElemType::F32:
    return "f32";
  case ElemType::I8:
    return "i8";
  case ElemType::I32:
    return "i32";
  }
  return "?";
}

std::string_view toString(Device device) {
  return device == Device::Npu1 ? "npu1" : "npu2";
}

std::string_view toString(OperandLayout layout) {
  return layout == OperandLayout::RowMajor ? "row-major" : "blocked";
}

std::optional<ElemType> parseElemType(std::string_view text) {
  for (ElemType type :
       {ElemType::BF16, ElemType::F32, ElemType::I8, ElemType::I32})
    if (toString(type) == text)
      return type;
  return std::nullopt;
}

std::optional<Device> parseDevice(std::string_view text) {
  for (Device device : {Device::Npu1, Device::Npu2})
    if (toString(device) == text)
      return device;
  return std::nullopt;
}

int64_t byteWidth(ElemType type) {
  switch (type) {
  case ElemType::BF16:
    return 2;
  case ElemType::F32:
  case ElemType::I32:
    return 4;
  case ElemType::I8:
    return 1;
  }
  return 0;
}

std::string MatmulVariant::familyName() const {
  std::string name =
      layout == OperandLayout::Blocked ? "matmul_blocked_" : "matmul_";
  name += toString(lhs);
  name += '_';
  name += toString(rhs);
  name += '_';
  name += toString(out);
  return name;
}

std::string detail::joinNumbers(std::initializer_list<int64_t> values) {
  std::string text;
  for (int64_t value : values) {
    if (!text.empty())
      text += 'x';
    text += std::to_string(value);
  }
  return text;
}

std::string MatmulVariant::symbolName(const MatmulShape &shape) const {
  return familyName() + "_" + detail::joinNumbers({shape.m, shape.n, shape.k}) +
         "_" + detail::joinNumbers({tile.r, tile.s, tile.t});
}

int64_t MatmulVariant::operandBytes(const MatmulShape &shape) const {
  return shape.m * shape.k * byteWidth(lhs) +
         shape.k * shape.n * byteWidth(rhs) +
         shape.m * shape.n * byteWidth(out);
}

std::string MatmulVariant::whyIllegal(const MatmulShape &shape) const {
  if (shape.m <= 0 || shape.n <= 0 || shape.k <= 0)
    return "sizes must be positive";
  std::string reason;
  auto requireMultiple = [&](const char *dim, int64_t size, int64_t step) {
    if (size % step == 0)
      return;
    if (!reason.empty())
      reason += ", ";
    reason += std::string(dim) + "=" + std::to_string(size) +
              " is not a multiple of " + std::to_string(step);
  };
  requireMultiple("M", shape.m, tile.r);
  requireMultiple("N", shape.n, tile.t);
  requireMultiple("K", shape.k, tile.s);
  if (!reason.empty())
    return reason;
  int64_t bytes = operandBytes(shape);
  if (bytes > kCoreDataMemoryBytes)
    return "operands take " + std::to_string(bytes) + " bytes, more than the " +
           std::to_string(kCoreDataMemoryBytes) +
           " bytes of a core's data memory";
  return {};
}

static int64_t roundUp(int64_t value, int64_t step) {
  return value <= 0 ? step : (value + step - 1) / step * step;
}

std::optional<MatmulShape>
MatmulVariant::nearestLegal(const MatmulShape &shape) const {
  MatmulShape rounded{roundUp(shape.m, tile.r), roundUp(shape.n, tile.t),
                      roundUp(shape.k, tile.s)};
  if (!isLegal(rounded))
    return std::nullopt;
  return rounded;
}

int64_t MatmulVariant::estimateCycles(const MatmulShape &shape) const {
  return estimateCost(*this, shape).cycles;
}

const std::vector<MatmulVariant> &allMatmulVariants() {
  static const std::vector<MatmulVariant> variants = [] {
    std::vector<MatmulVariant> list;
    for (OperandLayout layout :
         {OperandLayout::RowMajor, OperandLayout::Blocked}) {
#define AIECONV_MATMUL_VARIANT(DEVICE, LHS, RHS, OUT, R, S, T)                 \
  list.push_back(MatmulVariant{Device::DEVICE, ElemType::LHS, ElemType::RHS,   \
                               ElemType::OUT, MicroTile{R, S, T}, layout});
#include "Variants.def"
    }
    return list;
  }();
  return variants;
}

const MatmulVariant *findMatmulVariant(Device device, ElemType lhs,
                                       ElemType rhs, ElemType out,
                                       OperandLayout layout) {
  for (const MatmulVariant &variant : allMatmulVariants())
    if (variant.device == device && variant.lhs == lhs && variant.rhs == rhs &&
        variant.out == out && variant.layout == layout)
      return &variant;
  return nullptr;
}

bool detail::takeNumbers(std::string_view &text, int64_t *values, int count) {
  std::string_view rest = text;
  for (int i = 0; i < count; ++i) {
    if (i > 0 && !takePrefix(rest, "x"))
      return false;
    size_t digits = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9')
      ++digits;
    if (digits == 0 || digits > 9)
      return false;
    values[i] =
        std::strtoll(std::string(rest.substr(0, digits)).c_str(), nullptr, 10);
    rest.remove_prefix(digits);
  }
  text = rest;
  return true;
}

bool detail::takePrefix(std::string_view &text, std::string_view prefix) {
  if (text.substr(0, prefix.size()) != prefix)
    return false;
  text.remove_prefix(prefix.size());
  return true;
}

/// Reads "AxBxC" from the front of `text`; on success consumes it.
static std::optional<MatmulShape> takeTriple(std::string_view &text) {
  int64_t values[3];
  if (!detail::takeNumbers(text, values, 3))
    return std::nullopt;
  return MatmulShape{values[0], values[1], values[2]};
}

std::optional<ParsedSymbol> parseSymbolName(std::string_view name) {
  for (const MatmulVariant &variant : allMatmulVariants()) {
    std::string prefix = variant.familyName() + "_";
    if (name.substr(0, prefix.size()) != prefix)
      continue;
    std::string_view rest = name.substr(prefix.size());
    std::optional<MatmulShape> shape = takeTriple(rest);
    if (!shape || rest.empty() || rest.front() != '_')
      continue;
    rest.remove_prefix(1);
    std::optional<MatmulShape> tile = takeTriple(rest);
    if (!tile || !rest.empty() || tile->m != variant.tile.r ||
        tile->n != variant.tile.s || tile->k != variant.tile.t)
      continue;
    if (!variant.isLegal(*shape))
      continue;
    return ParsedSymbol{&variant, *shape};
  }
  return std::nullopt;
}

} // namespace aieconv::kernels
