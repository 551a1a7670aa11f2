//===- IREval.cpp - Memref views of the scheduled IR ----------------------===//

#include "IREval.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinAttributes.h"

#include "llvm/ADT/Hashing.h"

#include <algorithm>

using namespace mlir;

namespace aieconv::sim::detail {

std::optional<SmallVector<int64_t, 4>> evalOffsets(memref::SubViewOp subview,
                                                   const Env &env) {
  // The static offsets with the dynamic ones in their places, read without
  // getMixedOffsets, which makes an attribute per static offset.
  SmallVector<int64_t, 4> offsets;
  auto dynamic = subview.getOffsets().begin();
  for (int64_t offset : subview.getStaticOffsets()) {
    if (ShapedType::isDynamic(offset)) {
      std::optional<int64_t> v = evalIndex(*dynamic++, env);
      if (!v)
        return std::nullopt;
      offset = *v;
    }
    offsets.push_back(offset);
  }
  return offsets;
}

Value viewRoot(Value value) {
  while (Operation *op = value.getDefiningOp()) {
    if (isa<memref::SubViewOp, memref::CollapseShapeOp, memref::ExpandShapeOp,
            memref::CastOp, memref::ReinterpretCastOp>(op))
      value = op->getOperand(0);
    else
      break;
  }
  return value;
}

std::optional<RegionKey> regionKey(Value value, const Env &env) {
  // Each subview on the way mixes in its evaluated offsets, sizes and
  // strides; a reshape or cast mixes in a marker.
  llvm::hash_code key = llvm::hash_value(0);
  while (Operation *op = value.getDefiningOp()) {
    if (auto subview = dyn_cast<memref::SubViewOp>(op)) {
      std::optional<SmallVector<int64_t, 4>> offsets =
          evalOffsets(subview, env);
      if (!offsets)
        return std::nullopt;
      key = llvm::hash_combine(
          key, llvm::hash_combine_range(*offsets),
          llvm::hash_combine_range(subview.getStaticSizes()),
          llvm::hash_combine_range(subview.getStaticStrides()));
    } else if (isa<memref::CollapseShapeOp, memref::ExpandShapeOp,
                   memref::CastOp>(op)) {
      key = llvm::hash_combine(key, '~');
    } else {
      break;
    }
    value = op->getOperand(0);
  }
  return static_cast<size_t>(key);
}

std::optional<ElementRange> elementRange(Value value, const Env &env) {
  auto type = dyn_cast<MemRefType>(value.getType());
  if (!type || !type.hasStaticShape())
    return std::nullopt;
  SmallVector<int64_t> strides;
  int64_t ignoredOffset;
  if (failed(type.getStridesAndOffset(strides, ignoredOffset)) ||
      llvm::any_of(strides, ShapedType::isDynamic))
    return std::nullopt;
  int64_t span = 1;
  for (auto [size, stride] : llvm::zip(type.getShape(), strides)) {
    if (size == 0)
      return ElementRange{0, 0};
    span += (size - 1) * stride;
  }
  // Each subview on the way to the root adds its offsets times the strides
  // of the view it slices; reshapes and casts keep the offset.
  int64_t first = 0;
  while (Operation *op = value.getDefiningOp()) {
    if (auto subview = dyn_cast<memref::SubViewOp>(op)) {
      SmallVector<int64_t> sourceStrides;
      int64_t sourceOffset;
      if (failed(subview.getSourceType().getStridesAndOffset(sourceStrides,
                                                             sourceOffset)))
        return std::nullopt;
      std::optional<SmallVector<int64_t, 4>> offsets =
          evalOffsets(subview, env);
      if (!offsets)
        return std::nullopt;
      for (auto [offset, stride] : llvm::zip(*offsets, sourceStrides)) {
        if (ShapedType::isDynamic(stride))
          return std::nullopt;
        first += offset * stride;
      }
    } else if (isa<memref::ReinterpretCastOp>(op)) {
      return std::nullopt;
    } else if (!isa<memref::CollapseShapeOp, memref::ExpandShapeOp,
                    memref::CastOp>(op)) {
      break;
    }
    value = op->getOperand(0);
  }
  return ElementRange{first, first + span};
}

int64_t memorySpace(Value value) {
  auto type = dyn_cast<BaseMemRefType>(value.getType());
  if (!type)
    return 0;
  return type.getMemorySpaceAsInt();
}

std::optional<int64_t> staticBytes(Type type) {
  auto memref = dyn_cast<MemRefType>(type);
  if (!memref || !memref.hasStaticShape())
    return std::nullopt;
  int64_t bits = memref.getElementTypeBitWidth();
  return memref.getNumElements() * ((bits + 7) / 8);
}

TouchedElements::TouchedElements(MemRefType type) {
  for (int64_t size : type.getShape())
    touched.emplace_back(std::max<int64_t>(size, 0), false);
}

void TouchedElements::mark(Value view, const Env &env) {
  auto markAll = [&] {
    for (std::vector<bool> &dim : touched)
      std::fill(dim.begin(), dim.end(), true);
  };
  auto subview = view.getDefiningOp<memref::SubViewOp>();
  if (!subview ||
      subview.getSourceType().getRank() != static_cast<int64_t>(touched.size()))
    return markAll();
  std::optional<SmallVector<int64_t, 4>> offsets = evalOffsets(subview, env);
  if (!offsets)
    return markAll();
  for (size_t d = 0; d < touched.size(); ++d) {
    int64_t offset = (*offsets)[d];
    int64_t size = subview.getStaticSizes()[d];
    int64_t stride = subview.getStaticStrides()[d];
    if (ShapedType::isDynamic(size) || ShapedType::isDynamic(stride))
      return markAll();
    for (int64_t i = 0; i < size; ++i) {
      int64_t index = offset + i * stride;
      if (index >= 0 && index < static_cast<int64_t>(touched[d].size()))
        touched[d][index] = true;
    }
  }
}

int64_t TouchedElements::count() const {
  int64_t total = 1;
  for (const std::vector<bool> &dim : touched)
    total *= std::count(dim.begin(), dim.end(), true);
  return total;
}

} // namespace aieconv::sim::detail
