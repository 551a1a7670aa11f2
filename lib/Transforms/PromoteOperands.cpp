//===- PromoteOperands.cpp - L2 staging and L1 buffers for core tiles -----===//
//
// Memory spaces follow the AIE hierarchy: 0 is DDR (L3), 1 the memtile (L2),
// 2 a core's data memory (L1). A copy into a buffer of another space is the
// DMA transfer between the levels; bufferization turns each linalg.copy into
// an alloc in that space and a memref.copy.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"

#define DEBUG_TYPE "aieconv-promote-operands"

namespace aieconv {
#define GEN_PASS_DEF_PROMOTEOPERANDSPASS
#include "aieconv/Transforms/Passes.h.inc"
} // namespace aieconv

using namespace mlir;

namespace aieconv {
namespace {

constexpr int64_t kL2MemorySpace = 1;
constexpr int64_t kL1MemorySpace = 2;

/// An empty tensor that bufferizes to a buffer in `memorySpace`.
static Value allocIn(OpBuilder &builder, Location loc, RankedTensorType type,
                     int64_t memorySpace) {
  return bufferization::AllocTensorOp::create(
      builder, loc, type, ValueRange{}, /*copy=*/Value(),
      /*size_hint=*/Value(), builder.getI64IntegerAttr(memorySpace));
}

/// The memory space `value` was copied into, if it is such a copy.
static std::optional<int64_t> promotedSpace(Value value) {
  auto copy = value.getDefiningOp<linalg::CopyOp>();
  if (!copy)
    return std::nullopt;
  auto alloc = copy.getOutputs()[0].getDefiningOp<bufferization::AllocTensorOp>();
  if (!alloc || !alloc.getMemorySpace())
    return std::nullopt;
  return cast<IntegerAttr>(*alloc.getMemorySpace()).getInt();
}

/// `source` copied into a fresh buffer in `memorySpace`.
static Value copyInto(OpBuilder &builder, Location loc, Value source,
                      int64_t memorySpace) {
  auto type = cast<RankedTensorType>(source.getType());
  Value buffer = allocIn(builder, loc, type, memorySpace);
  return linalg::CopyOp::create(builder, loc, source, buffer).getResult(0);
}

/// Stages in L2 every slice of a tensor defined outside the core loop (the
/// layer's input and weights), except slices of the loop's own output.
static void stageSlicesInL2(scf::ForallOp forall) {
  SmallVector<tensor::ExtractSliceOp> slices;
  for (auto slice : forall.getBody()->getOps<tensor::ExtractSliceOp>()) {
    Value source = slice.getSource();
    if (forall->isProperAncestor(source.getParentBlock()->getParentOp()) ||
        source.getParentBlock() == forall.getBody())
      continue; // Defined inside the loop, or a shared output.
    slices.push_back(slice);
  }
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

/// Copies every input of the compute ops in the core loop into L1.
static void bringInputsToL1(scf::ForallOp forall) {
  SmallVector<linalg::LinalgOp> computeOps;
  forall.getBody()->walk([&](linalg::LinalgOp op) {
    if (!isa<linalg::FillOp, linalg::CopyOp>(op))
      computeOps.push_back(op);
  });
  for (linalg::LinalgOp op : computeOps) {
    OpBuilder builder(op);
    for (OpOperand *input : op.getDpsInputOperands()) {
      if (!isa<RankedTensorType>(input->get().getType()) ||
          promotedSpace(input->get()) == kL1MemorySpace)
        continue;
      input->set(copyInto(builder, op.getLoc(), input->get(), kL1MemorySpace));
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
      keepAccumulatorInL1(forall);
      bringInputsToL1(forall);
    });
  }
};

} // namespace
} // namespace aieconv
