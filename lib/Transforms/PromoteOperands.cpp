//===- PromoteOperands.cpp - L2 staging and L1 buffers for core tiles -----===//
//
// Memory spaces follow the AIE hierarchy: 0 is DDR (L3), 1 the memtile (L2),
// 2 a core's data memory (L1). A copy into a buffer of another space is the
// DMA transfer between the levels; bufferization turns each linalg.copy into
// an alloc in that space and a memref.copy.
//
//===----------------------------------------------------------------------===//

#include "Promotion.h"

#include "aieconv/Transforms/Passes.h"

#define DEBUG_TYPE "aieconv-promote-operands"

namespace aieconv {
#define GEN_PASS_DEF_PROMOTEOPERANDSPASS
#include "aieconv/Transforms/Passes.h.inc"
} // namespace aieconv

using namespace mlir;

namespace aieconv {
namespace {

using namespace promotion;

/// `source` copied into a fresh buffer in `memorySpace`.
static Value copyInto(OpBuilder &builder, Location loc, Value source,
                      int64_t memorySpace) {
  auto type = cast<RankedTensorType>(source.getType());
  Value buffer = allocIn(builder, loc, type, memorySpace);
  return linalg::CopyOp::create(builder, loc, source, buffer).getResult(0);
}

/// True when `value` is defined outside `forall`.
static bool definedOutside(Value value, scf::ForallOp forall) {
  Operation *parent = value.getParentBlock()->getParentOp();
  return parent != forall.getOperation() && !forall->isProperAncestor(parent);
}

/// A core tile that covers a whole operand (every output channel of the
/// weights, or the whole image of the input) takes no slice of it in the
/// core loop body: its reduction loop slices the layer's tensor directly,
/// or the compute op reads the tensor itself. Takes the whole tensor as the
/// tile's block in the body first, so that it is staged in L2 (and kept)
/// like any other tile's block rather than read from DDR by the cores.
static void sliceWholeOperandsInTile(scf::ForallOp forall) {
  auto wholeSlice = [&](Value source, Location loc) -> Value {
    OpBuilder builder = OpBuilder::atBlockBegin(forall.getBody());
    auto type = cast<RankedTensorType>(source.getType());
    return sliceAlong(builder, loc, source, 0, 0, type.getDimSize(0));
  };
  for (linalg::LinalgOp op : computeOpsOf(forall)) {
    for (OpOperand *input : op.getDpsInputOperands()) {
      if (!isa<RankedTensorType>(input->get().getType()))
        continue;
      if (definedOutside(input->get(), forall)) {
        input->set(wholeSlice(input->get(), op.getLoc()));
        continue;
      }
      Value value = input->get();
      while (auto slice = value.getDefiningOp<tensor::ExtractSliceOp>()) {
        Value source = slice.getSource();
        if (definedOutside(source, forall)) {
          if (isa<scf::ForOp>(slice->getParentOp()))
            slice.getSourceMutable().assign(wholeSlice(source, slice.getLoc()));
          break;
        }
        value = source;
      }
    }
  }
}

/// True when every use of `slice` is a slice taken in a reduction loop.
static bool onlySlicedInLoops(tensor::ExtractSliceOp slice) {
  return llvm::all_of(slice->getUsers(), [](Operation *user) {
    return isa<tensor::ExtractSliceOp>(user) &&
           isa<scf::ForOp>(user->getParentOp());
  });
}

/// Stages in L2 the slices the cores read of tensors defined outside the
/// core loop (the layer's input and weights), except slices of the loop's
/// own output. When the schedule streams the reduction through the memtile
/// in chunks (`l2.chunks` > 1), a slice that the reduction loop slices again
/// is staged step by step inside the loop, so that the shim fetches the
/// next chunk while the cores compute on this one (weights that stay in L1
/// too: each step brings its piece); otherwise the whole slice is staged
/// once per core tile.
static void stageSlicesInL2(scf::ForallOp forall) {
  bool perStep = scheduleInt(forall, "l2.chunks", 1) > 1;
  sliceWholeOperandsInTile(forall);
  DenseSet<Operation *> keepWhole;
  if (scheduleEntry(forall, "l1.weights_resident") == "true")
    keepWhole = weightsWalkedInNestedLoops(forall);
  SmallVector<tensor::ExtractSliceOp> slices;
  DenseSet<Value> stagedInLoop;
  for (auto slice : forall.getBody()->getOps<tensor::ExtractSliceOp>()) {
    if (!definedOutside(slice.getSource(), forall))
      continue; // Defined inside the loop, or a shared output.
    if (perStep && !keepWhole.contains(slice) && onlySlicedInLoops(slice)) {
      stagedInLoop.insert(slice.getResult());
      continue;
    }
    slices.push_back(slice);
  }
  if (perStep)
    forall.getBody()->walk([&](tensor::ExtractSliceOp slice) {
      if (!isa<scf::ForOp>(slice->getParentOp()))
        return;
      Value source = slice.getSource();
      if (stagedInLoop.contains(source) || definedOutside(source, forall))
        slices.push_back(slice);
    });
  for (tensor::ExtractSliceOp slice : slices) {
    OpBuilder builder(slice->getContext());
    builder.setInsertionPointAfter(slice);
    Value staged = copyInto(builder, slice.getLoc(), slice.getResult(),
                            kL2MemorySpace);
    slice.getResult().replaceAllUsesExcept(staged,
                                           staged.getDefiningOp());
  }
}

/// Follows what the core loop writes back to the value the accumulation
/// starts from, through reduction loops and the compute op.
static OpOperand *accumulatorStart(scf::ForallOp forall) {
  auto terminator = forall.getTerminator();
  auto inserts = terminator.getYieldingOps();
  if (!llvm::hasSingleElement(inserts))
    return nullptr;
  auto insert = dyn_cast<tensor::ParallelInsertSliceOp>(*inserts.begin());
  if (!insert)
    return nullptr;
  Value value = insert.getSource();
  OpOperand *start = nullptr;
  while (auto result = dyn_cast<OpResult>(value)) {
    Operation *owner = result.getOwner();
    // Reshapes (a matmul's 2-D view of the tile) keep the same buffer.
    if (isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(owner)) {
      value = owner->getOperand(0);
      continue;
    }
    if (auto loop = dyn_cast<scf::ForOp>(owner))
      start = &loop.getInitArgsMutable()[result.getResultNumber()];
    else if (auto op = dyn_cast<DestinationStyleOpInterface>(owner))
      start = op.getTiedOpOperand(result);
    else
      break;
    if (isa<linalg::FillOp>(owner))
      break;
    value = start->get();
  }
  return start;
}

/// Gives the accumulator an L1 buffer: the fill that starts it writes there,
/// or, without a fill, the incoming tile is copied there.
static void keepAccumulatorInL1(scf::ForallOp forall) {
  OpOperand *start = accumulatorStart(forall);
  if (!start)
    return;
  Operation *owner = start->getOwner();
  OpBuilder builder(owner);
  auto type = cast<RankedTensorType>(start->get().getType());
  if (isa<linalg::FillOp>(owner)) {
    start->set(allocIn(builder, owner->getLoc(), type, kL1MemorySpace));
    return;
  }
  if (promotedSpace(start->get()) == kL1MemorySpace)
    return;
  start->set(copyInto(builder, owner->getLoc(), start->get(), kL1MemorySpace));
}

/// `source` copied into a fresh L1 buffer in `parts` transfers (copyInParts).
static Value copyIntoL1InParts(OpBuilder &builder, Location loc, Value source,
                               int64_t parts) {
  auto type = cast<RankedTensorType>(source.getType());
  return copyInParts(builder, loc, source,
                     allocIn(builder, loc, type, kL1MemorySpace), parts);
}

/// Copies every input of the compute ops in the core loop into L1. The
/// input operand, and a resident weight block of a single step, come on
/// both of the core's DMA channels when the schedule counts on that
/// (`l1.input_channels`, `l1.weight_channels`).
static void bringInputsToL1(scf::ForallOp forall) {
  int64_t inputChannels = scheduleInt(forall, "l1.input_channels", 1);
  int64_t weightChannels = scheduleInt(forall, "l1.weight_channels", 1);
  for (linalg::LinalgOp op : computeOpsOf(forall)) {
    OpBuilder builder(op);
    for (OpOperand *input : op.getDpsInputOperands()) {
      if (!isa<RankedTensorType>(input->get().getType()) ||
          promotedSpace(input->get()) == kL1MemorySpace)
        continue;
      bool isInput = input->getOperandNumber() == 0;
      // The input goes to the core as soon as it is staged, ahead of the
      // weight pieces staged after it: the core's channels take the
      // transfers in this order, and the memtile has the input first.
      OpBuilder::InsertionGuard guard(builder);
      if (Operation *def = input->get().getDefiningOp();
          isInput && def && def->getBlock() == op->getBlock())
        builder.setInsertionPointAfter(def);
      input->set(copyIntoL1InParts(builder, op.getLoc(), input->get(),
                                   isInput ? inputChannels : weightChannels));
    }
  }
}

struct PromoteOperandsPass
    : public impl::PromoteOperandsPassBase<PromoteOperandsPass> {
  void runOnOperation() override {
    getOperation()->walk([](scf::ForallOp forall) {
      if (!forall->hasAttr("aieconv.schedule"))
        return;
      stageSlicesInL2(forall);
      keepResidentWeightsInL1(forall);
      keepInputInL1(forall);
      keepAccumulatorInL1(forall);
      bringInputsToL1(forall);
    });
  }
};

} // namespace
} // namespace aieconv
