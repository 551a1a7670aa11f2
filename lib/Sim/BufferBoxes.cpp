//===- BufferBoxes.cpp - The part of a layer buffer that holds data -------===//

#include "BufferBoxes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

#include <algorithm>

using namespace mlir;

namespace aieconv::sim::detail {
namespace {

Box wholeBox(MemRefType type) {
  Box box;
  for (int64_t size : type.getShape())
    box.emplace_back(0, size);
  return box;
}

/// The region a static subview at unit strides spans of its source.
std::optional<Box> regionOf(memref::SubViewOp view) {
  Box box;
  for (auto [offset, size, stride] :
       llvm::zip(view.getStaticOffsets(), view.getStaticSizes(),
                 view.getStaticStrides())) {
    if (ShapedType::isDynamic(offset) || ShapedType::isDynamic(size) ||
        stride != 1)
      return std::nullopt;
    box.emplace_back(offset, offset + size);
  }
  return box;
}

/// Whether `op` fills all of `root` with one value (a zero padding).
bool fillsWithAConstant(Operation *op, Value root) {
  if (auto fill = dyn_cast<linalg::FillOp>(op))
    return fill.getDpsInits()[0] == root;
  auto map = dyn_cast<linalg::MapOp>(op);
  if (!map || map.getInit() != root || !map.getInputs().empty())
    return false;
  Block &body = map.getMapper().front();
  Value yielded = body.getTerminator()->getOperand(0);
  return yielded.getParentBlock() != &body;
}

/// `box` of a reshape's source carried to its result: a joined dimension
/// must be whole but for its outermost dimension. A split one spans the
/// blocks of its outermost non-unit dimension that its range touches,
/// each whole: where the range does not end on a block's edge (72 channels
/// in blocks of 16), the box holds the rest of the last block too, which
/// the DMAs then move with the data.
std::optional<Box> reshaped(const Box &box, Operation *reshape) {
  auto expand = dyn_cast<memref::ExpandShapeOp>(reshape);
  auto collapse = dyn_cast<memref::CollapseShapeOp>(reshape);
  if (!expand && !collapse)
    return std::nullopt;
  ArrayRef<int64_t> from =
      expand ? expand.getSrcType().getShape() : collapse.getSrcType().getShape();
  ArrayRef<int64_t> to = expand ? expand.getResultType().getShape()
                                : collapse.getResultType().getShape();
  SmallVector<ReassociationIndices> groups =
      expand ? expand.getReassociationIndices()
             : collapse.getReassociationIndices();
  Box result(to.size());
  for (auto [index, group] : llvm::enumerate(groups)) {
    if (expand) {
      const auto &range = box[index];
      for (int64_t d : group)
        result[d] = {0, to[d]};
      if (range.first == 0 && range.second == from[index])
        continue;
      // The outermost non-unit dimension takes the range, in its blocks.
      auto outer = llvm::find_if(group, [&](int64_t d) { return to[d] != 1; });
      const int64_t d = outer == group.end() ? group.front() : *outer;
      int64_t block = 1;
      for (int64_t inner : group)
        if (inner > d)
          block *= to[inner];
      result[d] = {range.first / block,
                   (range.second + block - 1) / block};
      continue;
    }
    int64_t inner = 1;
    for (size_t i = 1; i < group.size(); ++i) {
      const auto &range = box[group[i]];
      if (range.first != 0 || range.second != from[group[i]])
        return std::nullopt;
      inner *= from[group[i]];
    }
    const auto &outer = box[group.front()];
    result[index] = {outer.first * inner, outer.second * inner};
  }
  return result;
}

/// Whether `use` only reads its value: a copy's source, an op's input, or
/// a reshape only read in turn.
bool onlyReads(OpOperand &use) {
  Operation *user = use.getOwner();
  if (isa<memref::ExpandShapeOp, memref::CollapseShapeOp>(user))
    return llvm::all_of(user->getResult(0).getUses(), onlyReads);
  if (auto copy = dyn_cast<memref::CopyOp>(user))
    return copy.getSource() == use.get();
  if (auto op = dyn_cast<linalg::LinalgOp>(user))
    return op.isDpsInput(&use);
  return isa<memref::DeallocOp>(user);
}

} // namespace

Box keptBox(Value root, Operation *forall) {
  auto type = dyn_cast<MemRefType>(root.getType());
  if (!type || !type.hasStaticShape())
    return {};
  std::optional<Box> kept;
  for (Operation *user : root.getUsers()) {
    if (forall->isAncestor(user) || isa<memref::DeallocOp>(user))
      continue;
    auto view = dyn_cast<memref::SubViewOp>(user);
    std::optional<Box> region;
    if (view && view.getSourceType().getRank() == type.getRank())
      region = regionOf(view);
    if (!region || llvm::any_of(*region, [](const auto &range) {
          return range.first != 0;
        }))
      return wholeBox(type);
    kept = kept ? hull(*kept, *region) : *region;
  }
  return kept ? *kept : wholeBox(type);
}

std::optional<Box> dataBox(Value root, Operation *forall) {
  auto type = dyn_cast<MemRefType>(root.getType());
  if (!type || !type.hasStaticShape())
    return std::nullopt;
  if (isa<BlockArgument>(root))
    return wholeBox(type);
  if (!root.getDefiningOp<memref::AllocOp>())
    return std::nullopt;
  bool padded = false;
  std::optional<Box> written;
  auto write = [&](const Box &box) {
    written = written ? hull(*written, box) : box;
  };
  for (OpOperand &use : root.getUses()) {
    Operation *user = use.getOwner();
    if (forall->isAncestor(user) || isa<memref::DeallocOp>(user))
      continue;
    if (fillsWithAConstant(user, root)) {
      padded = true;
      continue;
    }
    if (auto view = dyn_cast<memref::SubViewOp>(user)) {
      // A copy into a region of the buffer.
      std::optional<Box> region = regionOf(view);
      bool copiedInto =
          region && llvm::all_of(view->getUsers(), [&](Operation *op) {
            auto copy = dyn_cast<memref::CopyOp>(op);
            return copy && copy.getTarget() == view.getResult();
          });
      if (!copiedInto)
        return std::nullopt;
      write(*region);
      continue;
    }
    if (auto transpose = dyn_cast<linalg::TransposeOp>(user);
        transpose && transpose.getInit() == root) {
      // A relayout of another buffer, through reshapes of it.
      SmallVector<Operation *> reshapes;
      Value source = transpose.getInput();
      while (Operation *op = source.getDefiningOp()) {
        if (!isa<memref::ExpandShapeOp, memref::CollapseShapeOp>(op))
          break;
        reshapes.push_back(op);
        source = op->getOperand(0);
      }
      std::optional<Box> box = dataBox(source, forall);
      for (auto it = reshapes.rbegin(); box && it != reshapes.rend(); ++it)
        box = reshaped(*box, *it);
      if (!box)
        return std::nullopt;
      Box permuted;
      for (int64_t d : transpose.getPermutation())
        permuted.push_back((*box)[d]);
      write(permuted);
      // It writes all of the buffer: the rest is the source's padding.
      padded = true;
      continue;
    }
    if (!onlyReads(use))
      return std::nullopt;
  }
  if (!written)
    return std::nullopt;
  // Without a padding fill, what the writes left out is not known to be
  // padding.
  if (!padded && *written != wholeBox(type))
    return std::nullopt;
  return written;
}

std::optional<Box> viewBox(Value view, const Env &env) {
  auto subview = view.getDefiningOp<memref::SubViewOp>();
  if (!subview)
    return std::nullopt;
  ArrayRef<int64_t> sizes = subview.getStaticSizes();
  const size_t rank = sizes.size();
  if (llvm::any_of(sizes, ShapedType::isDynamic))
    return std::nullopt;
  // The offsets in the root: those of every subview on the way, summed.
  SmallVector<int64_t, 4> first(rank, 0);
  Value source;
  for (auto step = subview; step;
       step = source.getDefiningOp<memref::SubViewOp>()) {
    source = step.getSource();
    std::optional<SmallVector<int64_t, 4>> offsets = evalOffsets(step, env);
    if (step.getSourceType().getRank() != static_cast<int64_t>(rank) ||
        !offsets || llvm::any_of(step.getStaticStrides(),
                                 [](int64_t stride) { return stride != 1; }))
      return std::nullopt;
    for (size_t d = 0; d < rank; ++d)
      first[d] += (*offsets)[d];
  }
  // Offsets of a reshaped or cast view are not the root's.
  if (source != viewRoot(view))
    return std::nullopt;
  Box box;
  for (size_t d = 0; d < rank; ++d)
    box.emplace_back(first[d], first[d] + sizes[d]);
  return box;
}

Box intersection(const Box &a, const Box &b) {
  Box both;
  for (size_t d = 0; d < a.size() && d < b.size(); ++d)
    both.emplace_back(std::max(a[d].first, b[d].first),
                      std::max(std::max(a[d].first, b[d].first),
                               std::min(a[d].second, b[d].second)));
  return both;
}

Box hull(const Box &a, const Box &b) {
  Box both;
  for (size_t d = 0; d < a.size() && d < b.size(); ++d)
    both.emplace_back(std::min(a[d].first, b[d].first),
                      std::max(a[d].second, b[d].second));
  return both;
}

int64_t volume(const Box &box) {
  int64_t elements = 1;
  for (auto [first, end] : box)
    elements *= std::max<int64_t>(0, end - first);
  return elements;
}

} // namespace aieconv::sim::detail
