//===- IREval.cpp - Index values and memref views -------------------------===//

#include "IREval.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinAttributes.h"

#include "llvm/ADT/Hashing.h"

#include <algorithm>

using namespace mlir;

namespace aieconv::sim::detail {
namespace {

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/// The value of `expr` at `dims` and `symbols`, computed on integers (no
/// attributes: the simulator evaluates every tile's indices).
std::optional<int64_t> evalExpr(AffineExpr expr, ArrayRef<int64_t> dims,
                                ArrayRef<int64_t> symbols) {
  if (auto c = dyn_cast<AffineConstantExpr>(expr))
    return c.getValue();
  if (auto d = dyn_cast<AffineDimExpr>(expr))
    return dims[d.getPosition()];
  if (auto s = dyn_cast<AffineSymbolExpr>(expr))
    return symbols[s.getPosition()];
  auto binary = cast<AffineBinaryOpExpr>(expr);
  std::optional<int64_t> a = evalExpr(binary.getLHS(), dims, symbols);
  std::optional<int64_t> b = evalExpr(binary.getRHS(), dims, symbols);
  if (!a || !b)
    return std::nullopt;
  switch (expr.getKind()) {
  case AffineExprKind::Add:
    return *a + *b;
  case AffineExprKind::Mul:
    return *a * *b;
  case AffineExprKind::Mod:
    return *b > 0 ? std::optional<int64_t>(*a - *b * floorDiv(*a, *b))
                  : std::nullopt;
  case AffineExprKind::FloorDiv:
    return *b > 0 ? std::optional<int64_t>(floorDiv(*a, *b)) : std::nullopt;
  case AffineExprKind::CeilDiv:
    return *b > 0 ? std::optional<int64_t>(-floorDiv(-*a, *b))
                  : std::nullopt;
  default:
    return std::nullopt;
  }
}

/// Folds an affine map with all operands known; results in `out`.
bool foldMap(AffineMap map, ValueRange operands, const Env &env,
             SmallVectorImpl<int64_t> &out) {
  SmallVector<int64_t, 8> values;
  for (Value operand : operands) {
    std::optional<int64_t> v = evalIndex(operand, env);
    if (!v)
      return false;
    values.push_back(*v);
  }
  ArrayRef<int64_t> all(values);
  ArrayRef<int64_t> dims = all.take_front(map.getNumDims());
  ArrayRef<int64_t> symbols = all.drop_front(map.getNumDims());
  for (AffineExpr result : map.getResults()) {
    std::optional<int64_t> v = evalExpr(result, dims, symbols);
    if (!v)
      return false;
    out.push_back(*v);
  }
  return !out.empty();
}

} // namespace

std::optional<int64_t> evalIndex(Value value, const Env &env) {
  auto it = env.find(value);
  if (it != env.end())
    return it->second;
  Operation *op = value.getDefiningOp();
  if (!op)
    return std::nullopt;
  if (auto c = dyn_cast<arith::ConstantOp>(op))
    if (auto i = dyn_cast<IntegerAttr>(c.getValue()))
      return i.getInt();
  if (auto apply = dyn_cast<affine::AffineApplyOp>(op)) {
    SmallVector<int64_t> r;
    if (foldMap(apply.getAffineMap(), apply.getOperands(), env, r))
      return r.front();
    return std::nullopt;
  }
  if (auto min = dyn_cast<affine::AffineMinOp>(op)) {
    SmallVector<int64_t> r;
    if (foldMap(min.getAffineMap(), min.getOperands(), env, r))
      return *std::min_element(r.begin(), r.end());
    return std::nullopt;
  }
  if (auto max = dyn_cast<affine::AffineMaxOp>(op)) {
    SmallVector<int64_t> r;
    if (foldMap(max.getAffineMap(), max.getOperands(), env, r))
      return *std::max_element(r.begin(), r.end());
    return std::nullopt;
  }
  if (isa<arith::IndexCastOp, arith::IndexCastUIOp>(op))
    return evalIndex(op->getOperand(0), env);
  if (op->getNumOperands() != 2 || op->getNumResults() != 1)
    return std::nullopt;
  std::optional<int64_t> a = evalIndex(op->getOperand(0), env);
  std::optional<int64_t> b = evalIndex(op->getOperand(1), env);
  if (!a || !b)
    return std::nullopt;
  if (isa<arith::AddIOp>(op))
    return *a + *b;
  if (isa<arith::SubIOp>(op))
    return *a - *b;
  if (isa<arith::MulIOp>(op))
    return *a * *b;
  if (isa<arith::AndIOp>(op))
    return *a & *b;
  if (isa<arith::OrIOp>(op))
    return *a | *b;
  if (auto cmp = dyn_cast<arith::CmpIOp>(op)) {
    switch (cmp.getPredicate()) {
    case arith::CmpIPredicate::eq:
      return *a == *b;
    case arith::CmpIPredicate::ne:
      return *a != *b;
    case arith::CmpIPredicate::slt:
    case arith::CmpIPredicate::ult:
      return *a < *b;
    case arith::CmpIPredicate::sle:
    case arith::CmpIPredicate::ule:
      return *a <= *b;
    case arith::CmpIPredicate::sgt:
    case arith::CmpIPredicate::ugt:
      return *a > *b;
    case arith::CmpIPredicate::sge:
    case arith::CmpIPredicate::uge:
      return *a >= *b;
    }
    return std::nullopt;
  }
  if (*b == 0)
    return std::nullopt;
  if (isa<arith::DivSIOp, arith::DivUIOp>(op))
    return *a / *b;
  if (isa<arith::FloorDivSIOp>(op))
    return floorDiv(*a, *b);
  if (isa<arith::CeilDivSIOp, arith::CeilDivUIOp>(op))
    return -floorDiv(-*a, *b);
  if (isa<arith::RemSIOp, arith::RemUIOp>(op))
    return *a % *b;
  if (isa<arith::MinSIOp, arith::MinUIOp>(op))
    return std::min(*a, *b);
  if (isa<arith::MaxSIOp, arith::MaxUIOp>(op))
    return std::max(*a, *b);
  return std::nullopt;
}

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
