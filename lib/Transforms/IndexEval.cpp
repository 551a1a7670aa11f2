//===- IndexEval.cpp - Index values at bound loop indices -----------------===//

#include "aieconv/Transforms/IndexEval.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinAttributes.h"

#include <algorithm>

using namespace mlir;

namespace aieconv {
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
bool foldMap(AffineMap map, ValueRange operands, const IndexEnv &env,
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

std::optional<int64_t> evalIndex(Value value, const IndexEnv &env) {
  auto it = env.find(value);
  if (it != env.end())
    return it->second;
  Operation *op = value.getDefiningOp();
  if (!op)
    return std::nullopt;
  if (auto c = dyn_cast<arith::ConstantOp>(op))
    if (auto i = dyn_cast<IntegerAttr>(c.getValue()))
      return i.getType().isInteger(1) ? int64_t(i.getValue().getZExtValue())
                                      : i.getInt();
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

} // namespace aieconv
