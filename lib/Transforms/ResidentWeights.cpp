//===- ResidentWeights.cpp - Weight blocks and inputs that stay in L1 -----===//
//
// Part of aieconv-promote-operands (Promotion.h): a core tile whose
// schedule keeps its weights in L1 (`l1.weights_resident`) gets its whole
// weight block in one L1 buffer, laid out so that every reduction step's
// piece is one dense slab, and the next tile on the same core with the same
// block finds it there. A kept input (`l1.input_kept`) is held the same
// way, for the next tile on the same pixels.
//
//===----------------------------------------------------------------------===//

#include "Promotion.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace aieconv::promotion {
namespace {

/// The reduction loops from the core loop body down to `op`'s, outermost
/// first; empty when another op lies between them.
SmallVector<scf::ForOp> loopsAround(Operation *op, scf::ForallOp forall) {
  SmallVector<scf::ForOp> loops;
  for (Operation *parent = op->getParentOp(); parent != forall;
       parent = parent->getParentOp()) {
    auto loop = dyn_cast<scf::ForOp>(parent);
    if (!loop)
      return {};
    loops.insert(loops.begin(), loop);
  }
  return loops;
}

/// The slice a reduction loop takes of a weight block staged outside it
/// (in the core loop body), found from the value a compute op reads, and
/// what the step has of it: the slice itself, or the slice's per-step copy
/// into L2.
struct WeightStep {
  tensor::ExtractSliceOp slice;
  Value staged;
};
std::optional<WeightStep> weightStepOf(scf::ForallOp forall, Value read) {
  tensor::ExtractSliceOp step;
  for (Value value = read; Operation *def = value.getDefiningOp();) {
    if (auto slice = dyn_cast<tensor::ExtractSliceOp>(def)) {
      if (isa<scf::ForOp>(slice->getParentOp()) &&
          slice.getSource().getParentBlock() == forall.getBody())
        step = slice;
      value = slice.getSource();
    } else if (auto copy = dyn_cast<linalg::CopyOp>(def);
               copy && promotedSpace(copy.getResult(0)) == kL2MemorySpace) {
      value = copy.getInputs().front();
    } else {
      break;
    }
  }
  if (!step || !step.hasUnitStride() ||
      step.getSourceType().getRank() != step.getResultType().getRank() ||
      !step.getSourceType().hasStaticShape())
    return std::nullopt;
  Value staged = step.getResult();
  if (staged.hasOneUse())
    if (auto copy = dyn_cast<linalg::CopyOp>(*staged.getUsers().begin());
        copy && promotedSpace(copy.getResult(0)) == kL2MemorySpace)
      staged = copy.getResult(0);
  return WeightStep{step, staged};
}

/// How a resident weight block is laid out in L1: one leading dimension
/// per block dimension the loops walk (its number of pieces), then the
/// piece, so that every step's piece is one dense slab.
struct ResidentLayout {
  SmallVector<int64_t> walked;              ///< block dims the loops walk
  SmallVector<int64_t> shape;               ///< piece counts, then piece
  SmallVector<int64_t> expanded;            ///< block dims (count, piece)
  SmallVector<ReassociationIndices> groups; ///< block -> expanded
  SmallVector<int64_t> permutation;         ///< expanded -> shape
};
std::optional<ResidentLayout> residentLayout(ArrayRef<int64_t> block,
                                             ArrayRef<int64_t> piece) {
  ResidentLayout layout;
  SmallVector<int64_t> counts, kept;
  for (auto [d, full] : llvm::enumerate(block)) {
    int64_t size = std::max<int64_t>(piece[d], 1);
    ReassociationIndices group;
    if (size != full) {
      if (full % size != 0)
        return std::nullopt;
      layout.walked.push_back(d);
      counts.push_back(layout.expanded.size());
      group.push_back(layout.expanded.size());
      layout.expanded.push_back(full / size);
      layout.shape.push_back(full / size);
    }
    kept.push_back(layout.expanded.size());
    group.push_back(layout.expanded.size());
    layout.expanded.push_back(size);
    layout.groups.push_back(group);
  }
  if (layout.walked.empty())
    return std::nullopt;
  layout.shape.append(piece.begin(), piece.end());
  layout.permutation = counts;
  layout.permutation.append(kept);
  return layout;
}

/// The slab of the resident block that `step` (a slice the loops take of
/// the block) reads: offset / piece size along each walked dim.
SlabBounds residentSlab(OpBuilder &builder, Location loc,
                        tensor::ExtractSliceOp step,
                        const ResidentLayout &layout) {
  SlabBounds slab;
  ArrayRef<int64_t> pieceShape = step.getResultType().getShape();
  for (int64_t d : layout.walked) {
    Value offset = getValueOrCreateConstantIndexOp(
        builder, loc, step.getMixedOffsets()[d]);
    Value pieceSize =
        arith::ConstantIndexOp::create(builder, loc, pieceShape[d]);
    slab.offsets.push_back(
        arith::DivUIOp::create(builder, loc, offset, pieceSize).getResult());
    slab.sizes.push_back(builder.getIndexAttr(1));
  }
  for (int64_t size : pieceShape) {
    slab.offsets.push_back(builder.getIndexAttr(0));
    slab.sizes.push_back(builder.getIndexAttr(size));
  }
  slab.strides.assign(slab.offsets.size(), builder.getIndexAttr(1));
  return slab;
}

/// A resident block the reduction walks in one loop (channel chunks): each
/// step copies its piece into its slab (on `channels` channels) just
/// before computing on it, so the first step waits for its piece only, and
/// a core that changes blocks loads the next one piece by piece while it
/// computes. The loop carries the block's buffer, so the IR says what
/// stays there from one step, and one tile, to the next.
void fillResidentPieceByPiece(linalg::LinalgOp op, WeightStep step,
                              scf::ForOp loop,
                              const ResidentLayout &layout,
                              int64_t channels) {
  tensor::ExtractSliceOp slice = step.slice;
  Location loc = slice.getLoc();
  IRRewriter rewriter(loop);
  Value resident = allocIn(
      rewriter, loc,
      RankedTensorType::get(layout.shape,
                            slice.getSourceType().getElementType()),
      kL1MemorySpace);
  SmallVector<OpOperand *> readers;
  for (OpOperand &use : step.staged.getUses())
    readers.push_back(&use);
  auto fillPiece = [&](OpBuilder &builder, Location,
                       ArrayRef<BlockArgument> carried) {
    builder.setInsertionPointAfterValue(step.staged);
    SlabBounds bounds = residentSlab(builder, loc, slice, layout);
    Value slab = tensor::ExtractSliceOp::create(
        builder, loc, slice.getResultType(), carried.front(), bounds.offsets,
        bounds.sizes, bounds.strides);
    Value piece = copyInParts(builder, loc, step.staged, slab, channels);
    for (OpOperand *use : readers)
      use->set(piece);
    // Put back after the compute op, the step's last read of the piece,
    // so that the buffer's update follows every read (bufferization
    // copies otherwise).
    builder.setInsertionPointAfter(op);
    return SmallVector<Value>{tensor::InsertSliceOp::create(
        builder, loc, piece, carried.front(), bounds.offsets, bounds.sizes,
        bounds.strides)};
  };
  (void)loop.replaceWithAdditionalYields(
      rewriter, resident, /*replaceInitOperandUsesInLoop=*/false, fillPiece);
}

/// A resident block the reduction walks in nested loops (taps, whose
/// pieces are small): the block comes whole before the loops, relaid out
/// (a DMA's address generation), in `channels` slabs of whole pieces, and
/// each step reads its piece in place.
void fillResidentBeforeLoops(tensor::ExtractSliceOp step,
                             const ResidentLayout &layout,
                             int64_t channels) {
  Location loc = step.getLoc();
  OpBuilder builder(step.getSource().getDefiningOp());
  builder.setInsertionPointAfter(step.getSource().getDefiningOp());
  auto elemType = step.getSourceType().getElementType();
  Value split = tensor::ExpandShapeOp::create(
      builder, loc, RankedTensorType::get(layout.expanded, elemType),
      step.getSource(), layout.groups);
  Value resident =
      allocIn(builder, loc, RankedTensorType::get(layout.shape, elemType),
              kL1MemorySpace);
  auto relayout = [&](Value from, Value into) {
    return linalg::TransposeOp::create(builder, loc, from, into,
                                       layout.permutation)
        .getResult()[0];
  };
  if (channels > 1 && layout.shape[0] % channels == 0)
    resident = fillInSlabs(
        builder, loc, resident, /*dim=*/0, channels,
        [&](int64_t offset, int64_t size, Value into) {
          return relayout(sliceAlong(builder, loc, split,
                                     layout.permutation[0], offset, size),
                          into);
        });
  else
    resident = relayout(split, resident);
  builder.setInsertionPoint(step);
  SlabBounds bounds = residentSlab(builder, loc, step, layout);
  Value piece = tensor::ExtractSliceOp::create(
      builder, loc, step.getResultType(), resident, bounds.offsets,
      bounds.sizes, bounds.strides);
  step.getResult().replaceAllUsesWith(piece);
  step->erase();
}

/// Keeps operand `operand` of the core tile's compute ops in L1 across the
/// steps, when the schedule's `flag` says so: piece by piece where one
/// loop walks it, else (`wholeBeforeNested`) whole before the loops.
void keepOperandInL1(scf::ForallOp forall, unsigned operand,
                     StringRef flag, StringRef channelsKey,
                     bool wholeBeforeNested) {
  if (scheduleEntry(forall, flag) != "true")
    return;
  int64_t channels = scheduleInt(forall, channelsKey, 1);
  for (linalg::LinalgOp op : computeOpsOf(forall)) {
    if (op.getNumDpsInputs() <= int64_t(operand))
      continue;
    std::optional<WeightStep> step =
        weightStepOf(forall, op.getDpsInputOperand(operand)->get());
    if (!step)
      continue;
    std::optional<ResidentLayout> layout =
        residentLayout(step->slice.getSourceType().getShape(),
                       step->slice.getResultType().getShape());
    SmallVector<scf::ForOp> loops = loopsAround(step->slice, forall);
    if (!layout || loops.empty())
      continue;
    if (loops.size() == 1)
      fillResidentPieceByPiece(op, *step, loops.front(), *layout, channels);
    else if (wholeBeforeNested && step->staged == step->slice.getResult())
      fillResidentBeforeLoops(step->slice, *layout, channels);
  }
}

} // namespace

void keepInputInL1(scf::ForallOp forall) {
  keepOperandInL1(forall, /*operand=*/0, "l1.input_kept", "l1.input_channels",
                  /*wholeBeforeNested=*/false);
}

void keepResidentWeightsInL1(scf::ForallOp forall) {
  keepOperandInL1(forall, /*operand=*/1, "l1.weights_resident",
                  "l1.weight_channels", /*wholeBeforeNested=*/true);
}

DenseSet<Operation *> weightsWalkedInNestedLoops(scf::ForallOp forall) {
  DenseSet<Operation *> result;
  for (linalg::LinalgOp op : computeOpsOf(forall)) {
    if (op.getNumDpsInputs() < 2)
      continue;
    Value value = op.getDpsInputOperand(1)->get();
    while (auto slice = value.getDefiningOp<tensor::ExtractSliceOp>()) {
      if (slice->getBlock() == forall.getBody()) {
        if (loopsAround(op, forall).size() > 1)
          result.insert(slice);
        break;
      }
      value = slice.getSource();
    }
  }
  return result;
}

} // namespace aieconv::promotion
