//===- TileActions.h - One core tile of the scheduled IR as actions -------===//
//
// Private to lib/Sim. The forall of the scheduled IR is read once (its
// iteration space, which copies bring which operand, the compulsory bytes);
// then each iteration, with its indices bound, is read as the ordered list
// of what its core does: fill an L2 buffer from DDR, fill an L1 buffer from
// L2, zero the accumulator, call a ukernel, drain the accumulator.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_LIB_SIM_TILEACTIONS_H
#define AIECONV_LIB_SIM_TILEACTIONS_H

#include "BufferBoxes.h"
#include "IREval.h"

#include "aieconv/Target/DeviceModel.h"
#include "registry/ConvVariants.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace aieconv::sim::detail {

/// Content keys are 64-bit hashes: equal content, equal key (a collision
/// is not a practical concern).
template <typename... Parts> uint64_t combine(const Parts &...parts) {
  return static_cast<size_t>(llvm::hash_combine(parts...));
}

/// The range of a buffer whose written region is not known.
inline constexpr ElementRange kWholeBuffer = {
    0, std::numeric_limits<int64_t>::max()};

/// Which conv operand a copy from DDR brings (function argument 0 or 1,
/// through any relayout outside the forall).
enum class Role { Input, Weights, Other };

struct Action {
  enum Kind { L2Fill, L1Fill, Zero, Call, Drain } kind = Call;
  /// Short name for task names: the copy's operand ("in", "w") or the
  /// ukernel symbol (owned by the context: no copy per action).
  llvm::StringRef name;
  mlir::Operation *op = nullptr;
  /// Allocations (or arguments) the action reads from and writes to.
  mlir::Value source, target;
  /// Call: the allocations its memref operands view, and the elements of
  /// each that it reads.
  llvm::SmallVector<mlir::Value> operands;
  llvm::SmallVector<ElementRange> operandRanges;
  /// L1Fill: the elements of `target` it writes, when the tile keeps the
  /// allocation across its steps and fills it slab by slab (a resident
  /// weight block): it is then as many buffers as it has slabs. The whole
  /// allocation otherwise.
  ElementRange range = kWholeBuffer;
  /// Copies: the region read, equal for equal bytes of the same source.
  RegionKey key = 0;
  /// L2Fill: the box of its DDR source that holds the data it moves, the
  /// whole box it reads (padding included; swapped with `bytes`), and the
  /// bytes of an element (empty boxes when the copy reads no plain box):
  /// overlapping boxes of one step can come as one fetch of their hull.
  Box ddrBox, wholeDdrBox;
  int64_t elementBytes = 0;
  /// L1Fill: what the bytes are, whichever L2 buffer they come through
  /// (the DDR region the L2 copy read, and the region of it): a buffer
  /// that holds them already needs no fill.
  uint64_t content = 0;
  Role role = Role::Other;
  bool inLoop = false;
  /// L1Fill inside the reduction loop into a buffer the core tile keeps
  /// across its steps (resident weights, filled piece by piece).
  bool keptAcrossSteps = false;
  /// L1Fill straight from DDR (the memtile only switches the stream).
  bool fromDdr = false;
  /// Copies: position among the forall's DDR copies (L2Fill) or L2 -> L1
  /// copies (L1Fill); picks the channel.
  int copyIndex = 0;
  int64_t bytes = 0;
  /// Copies: the bytes with the padding that `bytes` may leave out (the
  /// DMA program moves them when the edge tiles' own transfers would need
  /// more buffer descriptors than a tile holds).
  int64_t wholeBytes = 0;
  int64_t cycles = 0;
  int64_t macs = 0;
  /// L1Fill: the transfers that fill the buffer together, one per core DMA
  /// channel (the IR copies the buffer in that many slabs).
  int64_t parts = 1;
  /// Reduction steps this action stands for (merged steps).
  int64_t count = 1;
  /// Reduction step (calls before it) of L1Fill and Call; -1 otherwise.
  int64_t step = -1;
  /// Call: a link of a cascade chain taking partial sums from the previous
  /// core, passing them on to the next; and one register block's cycles
  /// (how far a link trails the one before it).
  bool cascadeIn = false, cascadeOut = false;
  int64_t blockCycles = 0;
};

struct ForallTiles {
  mlir::scf::ForallOp forall;
  /// Iteration points (index values) in the forall's row-major order.
  std::vector<std::vector<int64_t>> points;
  /// Per column, its rounds, each the points run on its cores.
  std::vector<std::vector<std::vector<size_t>>> deal;
  kernels::ElemType inputType = kernels::ElemType::BF16;
  int64_t compulsoryReadBytes = 0, compulsoryWriteBytes = 0;
  int64_t layerOps = 0, layerOpBytes = 0;
  llvm::DenseMap<mlir::Operation *, int> copyIndex;
  llvm::DenseMap<mlir::Operation *, Role> roles;
  /// Each call op's symbol, parsed once: every tile calls the same ops.
  struct CallSite {
    std::optional<kernels::ParsedConvSymbol> conv;
    bool zeroFill = false;
  };
  llvm::DenseMap<mlir::Operation *, CallSite> callSites;
  /// Cost of each ukernel call met so far, by call op and cascade place.
  struct CallCost {
    int64_t cycles = 0, macs = 0, blocks = 0;
  };
  std::map<std::tuple<mlir::Operation *, bool, bool>, CallCost> callCost;
  /// Per DDR buffer the tiles copy from or write to, the part that holds
  /// the layer's data (dataBox, keptBox), where known.
  llvm::DenseMap<mlir::Value, std::optional<Box>> dataBoxes;
  /// Cores each tile's reduction is chained over (`grid.core_split =
  /// cascade`: the column's rows, reduction step i on row i), else 1.
  int64_t cascadeLinks = 1;
};

/// Reads the forall of `func`; nothing with `error` on dynamic bounds.
std::optional<ForallTiles> readForall(mlir::scf::ForallOp forall,
                                      mlir::func::FuncOp func,
                                      const target::DeviceModel &device,
                                      std::string &error);

/// The actions of iteration `index` (of tiles.points) in program order.
bool tileActions(ForallTiles &tiles, size_t index,
                 const target::DeviceModel &device,
                 std::vector<Action> &actions, std::string &error);

/// Calls in `actions`.
int64_t countSteps(const std::vector<Action> &actions);

/// Merges every `stepsPerTask` consecutive reduction steps of identical
/// structure into one (bytes, cycles, MACs and transfer counts summed).
void mergeSteps(std::vector<Action> &actions, int64_t stepsPerTask);

} // namespace aieconv::sim::detail

#endif // AIECONV_LIB_SIM_TILEACTIONS_H
