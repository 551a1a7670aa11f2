//===- PromoteOperands.cpp - L2 staging and L1 buffers for core tiles -----===//
//
// Memory spaces follow the AIE hierarchy: 0 is DDR (L3), 1 the memtile (L2),
// 2 a core's data memory (L1). A copy into a buffer of another space is the
// DMA transfer between the levels; bufferization turns each linalg.copy into
// an alloc in that space and a memref.copy.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
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

/// The memory space `value` was copied (or relaid out) into, if it is such
/// a copy, looking through slices of it, the slab-by-slab fills of one
/// buffer (fillInSlabs) and the buffers reduction loops carry.
static std::optional<int64_t> promotedSpace(Value value) {
  bool copied = false;
  while (true) {
    if (auto slice = value.getDefiningOp<tensor::ExtractSliceOp>()) {
      value = slice.getSource();
    } else if (auto insert = value.getDefiningOp<tensor::InsertSliceOp>()) {
      value = insert.getSource(); // the slab's fill, into the same buffer
    } else if (auto arg = dyn_cast<BlockArgument>(value);
               arg && isa<scf::ForOp>(arg.getOwner()->getParentOp()) &&
               arg.getArgNumber() > 0) {
      value = cast<scf::ForOp>(arg.getOwner()->getParentOp())
                  .getTiedLoopInit(arg)
                  ->get();
    } else if (auto op = value.getDefiningOp<linalg::LinalgOp>();
               op && isa<linalg::CopyOp, linalg::TransposeOp>(op)) {
      value = op.getDpsInits()[0];
      copied = true;
    } else {
      break;
    }
  }
  auto alloc = value.getDefiningOp<bufferization::AllocTensorOp>();
  if (!copied || !alloc || !alloc.getMemorySpace())
    return std::nullopt;
  return cast<IntegerAttr>(*alloc.getMemorySpace()).getInt();
}

/// Offsets, sizes and unit strides of [offset, offset + size) along `dim`
/// of `type`, whole along every other dimension.
struct SlabBounds {
  SmallVector<OpFoldResult> offsets, sizes, strides;
};
static SlabBounds slabOf(OpBuilder &builder, RankedTensorType type,
                         int64_t dim, int64_t offset, int64_t size) {
  SlabBounds slab;
  slab.offsets.assign(type.getRank(), builder.getIndexAttr(0));
  slab.strides.assign(type.getRank(), builder.getIndexAttr(1));
  for (int64_t each : type.getShape())
    slab.sizes.push_back(builder.getIndexAttr(each));
  slab.offsets[dim] = builder.getIndexAttr(offset);
  slab.sizes[dim] = builder.getIndexAttr(size);
  return slab;
}

/// `source` with dimension `dim` cut to [offset, offset + size).
static Value sliceAlong(OpBuilder &builder, Location loc, Value source,
                        int64_t dim, int64_t offset, int64_t size) {
  SlabBounds slab = slabOf(builder, cast<RankedTensorType>(source.getType()),
                           dim, offset, size);
  return tensor::ExtractSliceOp::create(builder, loc, source, slab.offsets,
                                        slab.sizes, slab.strides);
}

/// Fills `buffer` in `parts` slabs along dimension `dim`, one op per slab
/// (`fillSlab` writes the slab at `offset` of `size` into `into` and
/// returns the result), so that each slab can come on its own DMA channel
/// of the core. Returns the filled buffer.
static Value
fillInSlabs(OpBuilder &builder, Location loc, Value buffer, int64_t dim,
            int64_t parts,
            function_ref<Value(int64_t offset, int64_t size, Value into)>
                fillSlab) {
  auto type = cast<RankedTensorType>(buffer.getType());
  int64_t size = type.getDimSize(dim) / parts;
  for (int64_t part = 0; part < parts; ++part) {
    SlabBounds slab = slabOf(builder, type, dim, part * size, size);
    Value into = tensor::ExtractSliceOp::create(builder, loc, buffer,
                                                slab.offsets, slab.sizes,
                                                slab.strides);
    Value filled = fillSlab(part * size, size, into);
    buffer = tensor::InsertSliceOp::create(builder, loc, filled, buffer,
                                           slab.offsets, slab.sizes,
                                           slab.strides);
  }
  return buffer;
}

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

/// The schedule's entry `key`, or "" when absent.
static StringRef scheduleEntry(scf::ForallOp forall, StringRef key) {
  auto schedule = forall->getAttrOfType<DictionaryAttr>("aieconv.schedule");
  auto value =
      schedule ? dyn_cast_or_null<StringAttr>(schedule.get(key)) : StringAttr();
  return value ? value.getValue() : StringRef();
}

/// The schedule's integer entry `key`, or `fallback` when absent.
static int64_t scheduleInt(scf::ForallOp forall, StringRef key,
                           int64_t fallback) {
  int64_t value;
  if (scheduleEntry(forall, key).getAsInteger(10, value))
    return fallback;
  return value;
}

/// The ops computing on the core tile (not fills or copies).
static SmallVector<linalg::LinalgOp> computeOpsOf(scf::ForallOp forall) {
  SmallVector<linalg::LinalgOp> ops;
  forall.getBody()->walk([&](linalg::LinalgOp op) {
    if (!isa<linalg::FillOp, linalg::CopyOp, linalg::TransposeOp>(op))
      ops.push_back(op);
  });
  return ops;
}

/// The reduction loops from the core loop body down to `op`'s, outermost
/// first; empty when another op lies between them.
static SmallVector<scf::ForOp> loopsAround(Operation *op,
                                           scf::ForallOp forall) {
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

/// The slices of the core loop body that the compute ops' weights (their
/// second input) are taken from, where nested reduction loops walk them
/// (taps): a resident block of those comes whole (keepResidentWeightsInL1).
static DenseSet<Operation *> weightsWalkedInNestedLoops(scf::ForallOp forall) {
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

/// `source` copied into `into` (of the same shape) in `parts` transfers,
/// each filling one slab along the outermost dimension that `parts`
/// divides, so that each can come on its own DMA channel of the core; one
/// copy when no dimension divides.
static Value copyInParts(OpBuilder &builder, Location loc, Value source,
                         Value into, int64_t parts) {
  auto type = cast<RankedTensorType>(source.getType());
  std::optional<int64_t> split;
  for (auto [d, size] : llvm::enumerate(type.getShape()))
    if (size > 1 && size % parts == 0) {
      split = d;
      break;
    }
  if (parts < 2 || !split)
    return linalg::CopyOp::create(builder, loc, source, into).getResult(0);
  return fillInSlabs(
      builder, loc, into, *split, parts,
      [&](int64_t offset, int64_t size, Value slab) {
        Value from = sliceAlong(builder, loc, source, *split, offset, size);
        return linalg::CopyOp::create(builder, loc, from, slab).getResult(0);
      });
}

/// The slice a reduction loop takes of a weight block staged outside it
/// (in the core loop body), found from the value a compute op reads, and
/// what the step has of it: the slice itself, or the slice's per-step copy
/// into L2.
struct WeightStep {
  tensor::ExtractSliceOp slice;
  Value staged;
};
static std::optional<WeightStep> weightStepOf(scf::ForallOp forall,
                                              Value read) {
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
  SmallVector<int64_t> walked;     ///< block dims the loops walk
  SmallVector<int64_t> shape;      ///< piece counts, then the piece
  SmallVector<int64_t> expanded;   ///< block dims split (count, piece)
  SmallVector<ReassociationIndices> groups; ///< block -> expanded
  SmallVector<int64_t> permutation; ///< expanded -> shape
};
static std::optional<ResidentLayout> residentLayout(ArrayRef<int64_t> block,
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
static SlabBounds residentSlab(OpBuilder &builder, Location loc,
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
static void fillResidentPieceByPiece(linalg::LinalgOp op, WeightStep step,
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
static void fillResidentBeforeLoops(tensor::ExtractSliceOp step,
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

/// Keeps a core tile's whole weight block in L1 when the schedule says the
/// weights stay resident (`l1.weights_resident`), in the layout of
/// residentLayout, filled piece by piece when one loop walks it, else
/// whole before the loops.
static void keepResidentWeightsInL1(scf::ForallOp forall) {
  if (scheduleEntry(forall, "l1.weights_resident") != "true")
    return;
  int64_t channels = scheduleInt(forall, "l1.weight_channels", 1);
  for (linalg::LinalgOp op : computeOpsOf(forall)) {
    if (op.getNumDpsInputs() < 2)
      continue;
    std::optional<WeightStep> step =
        weightStepOf(forall, op.getDpsInputOperand(1)->get());
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
    else if (step->staged == step->slice.getResult())
      fillResidentBeforeLoops(step->slice, *layout, channels);
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
/// input operand comes on both of the core's DMA channels when the
/// schedule counts on that (`l1.input_channels`).
static void bringInputsToL1(scf::ForallOp forall) {
  int64_t inputChannels = scheduleInt(forall, "l1.input_channels", 1);
  for (linalg::LinalgOp op : computeOpsOf(forall)) {
    OpBuilder builder(op);
    for (OpOperand *input : op.getDpsInputOperands()) {
      if (!isa<RankedTensorType>(input->get().getType()) ||
          promotedSpace(input->get()) == kL1MemorySpace)
        continue;
      bool isInput = input->getOperandNumber() == 0;
      input->set(copyIntoL1InParts(builder, op.getLoc(), input->get(),
                                   isInput ? inputChannels : 1));
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
      keepAccumulatorInL1(forall);
      bringInputsToL1(forall);
    });
  }
};

} // namespace
} // namespace aieconv
