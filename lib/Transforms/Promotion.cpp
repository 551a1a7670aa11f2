//===- Promotion.cpp - Helpers of the operand promotion -------------------===//
//
// Documented in Promotion.h.
//
//===----------------------------------------------------------------------===//

#include "Promotion.h"

#include "aieconv/Transforms/ScheduleEntries.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"

using namespace mlir;

namespace aieconv::promotion {

Value allocIn(OpBuilder &builder, Location loc, RankedTensorType type,
              int64_t memorySpace) {
  return bufferization::AllocTensorOp::create(
      builder, loc, type, ValueRange{}, /*copy=*/Value(),
      /*size_hint=*/Value(), builder.getI64IntegerAttr(memorySpace));
}

std::optional<int64_t> promotedSpace(Value value) {
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

Value sliceAlong(OpBuilder &builder, Location loc, Value source,
                 int64_t dim, int64_t offset, int64_t size) {
  SlabBounds slab = slabOf(builder, cast<RankedTensorType>(source.getType()),
                           dim, offset, size);
  return tensor::ExtractSliceOp::create(builder, loc, source, slab.offsets,
                                        slab.sizes, slab.strides);
}

Value
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

/// The schedule the tile pass recorded on `forall`, null when none.
static DictionaryAttr scheduleOf(scf::ForallOp forall) {
  return forall->getAttrOfType<DictionaryAttr>("aieconv.schedule");
}

StringRef scheduleEntry(scf::ForallOp forall, StringRef key) {
  return scheduleText(scheduleOf(forall), key);
}

int64_t scheduleInt(scf::ForallOp forall, StringRef key,
                    int64_t fallback) {
  return aieconv::scheduleInt(scheduleOf(forall), key, fallback);
}

SmallVector<linalg::LinalgOp> computeOpsOf(scf::ForallOp forall) {
  SmallVector<linalg::LinalgOp> ops;
  forall.getBody()->walk([&](linalg::LinalgOp op) {
    if (!isa<linalg::FillOp, linalg::CopyOp, linalg::TransposeOp>(op))
      ops.push_back(op);
  });
  return ops;
}

Value copyInParts(OpBuilder &builder, Location loc, Value source,
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

} // namespace aieconv::promotion
