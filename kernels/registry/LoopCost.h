//===- LoopCost.h - Pricing of register-blocked loops -----------*- C++ -*-===//
//
// Private to kernels/registry: the pieces the cycle models of the matmul,
// conv, depthwise and zero-fill calls share (UKernelCost.cpp, ConvCost.cpp):
// access counts, pipelined loops, and register blocks of micro-tiles.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_KERNELS_REGISTRY_LOOPCOST_H
#define AIECONV_KERNELS_REGISTRY_LOOPCOST_H

#include "UKernelRegistry.h"

#include <cstdint>

namespace aieconv::kernels::loopcost {

inline int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

/// The largest fraction of peak MAC issue any loop sustains in the model:
/// the best published single-core figure, hand-written assembly at 86% of
/// the bf16 peak on npu1 ("Achieved results", tnzr.org "Hello XDNA"). A
/// reduction loop bound by the MAC unit therefore runs at an interval of
/// issues / 0.86, so no call can model faster than that figure however
/// well its overheads amortise.
inline constexpr double kSustainedIssueFraction = 0.86;

/// Cycles of `steps` iterations of a pipelined loop issuing `macIssues`
/// MAC-unit cycles and `loads` vector loads per iteration.
int64_t pipelinedLoopCycles(int64_t steps, int64_t macIssues, int64_t loads,
                            const CoreCostParams &params);

/// The narrowest AIE-ML vector, 128 bits, and the vector the zero-fill
/// stores, 256 bits (kernels/ukernels/Common.h).
inline constexpr int64_t kMinVectorBytes = 16;
inline constexpr int64_t kZeroFillStoreBytes = 32;

/// Memory accesses (loads or stores) for `rows` rows of `cols` elements of
/// `elemBytes` each: one run of slot-sized accesses when the rows are
/// adjacent; else per row, a vector access per slot-sized piece (a narrow
/// one still occupies a whole slot), or one scalar access per element when
/// a row is narrower than any vector (kernels/ukernels/Common.h, loadRows).
int64_t accessesFor(int64_t rows, int64_t cols, int64_t elemBytes,
                    bool adjacent, int64_t slotBytes);

/// Per micro-tile traffic of a register-blocked reduction loop.
struct TileTraffic {
  int64_t lhsLoads, rhsLoads;  // per reduction step, per lhs/rhs tile
  int64_t accLoads, accStores; // per accumulator tile, once per block
  int64_t issueCycles;         // vector-unit cycles per MAC instruction
  /// Accesses for two horizontally adjacent rhs / accumulator tiles moved
  /// together (row-major pairs, kernels/ukernels/Matmul.h); negative when
  /// pairs cost twice one tile.
  int64_t rhsPairLoads = -1, accPairLoads = -1, accPairStores = -1;
  /// Accesses for one lhs tile's two consecutive K steps read together
  /// (row-major int8 rows); negative when K steps go one by one.
  int64_t lhsPairLoads = -1;
  /// The accumulators come from, or go to, the cascade stream instead of
  /// memory: accLoads / accStores then count 512-bit cascade words, one a
  /// cycle (the stream is one word wide, AM020 "Cascade Stream Interface";
  /// one word a cycle is assumed), not vector slot accesses.
  bool accInFromCascade = false, accOutToCascade = false;

  int64_t accInCycles(int64_t accesses, const CoreCostParams &params) const {
    return accInFromCascade ? accesses : ceilDiv(accesses, params.loadSlots);
  }
  int64_t accOutCycles(int64_t accesses, const CoreCostParams &params) const {
    return accOutToCascade ? accesses : ceilDiv(accesses, params.storeSlots);
  }

  int64_t rhsLoadsFor(int64_t cb) const {
    return cb == 2 && rhsPairLoads >= 0 ? rhsPairLoads : cb * rhsLoads;
  }
  int64_t accLoadsFor(int64_t cb) const {
    return cb == 2 && accPairLoads >= 0 ? accPairLoads : cb * accLoads;
  }
  int64_t accStoresFor(int64_t cb) const {
    return cb == 2 && accPairStores >= 0 ? accPairStores : cb * accStores;
  }
};

/// Charges `count` register blocks of rb x cb accumulator tiles, each
/// running `steps` iterations of a pipelined reduction loop whose interval
/// is set by the MAC unit or by the two load slots, whichever is slower;
/// the accumulators are loaded before and stored after the loop (the model
/// assumes no overlap of that traffic with a neighbouring block's loop).
void addBlocks(UKernelCost &cost, const CoreCostParams &params,
               const TileTraffic &traffic, int64_t rb, int64_t cb,
               int64_t count, int64_t steps);

/// Charges an `rows` x `cols` grid of micro-tiles (times `repeat`) walked
/// in 2 x 2 blocks with 2 x 1, 1 x 2, 1 x 1 remainders, as the kernels do.
void addBlockGrid(UKernelCost &cost, const CoreCostParams &params,
                  const TileTraffic &traffic, int64_t rows, int64_t cols,
                  int64_t repeat, int64_t steps);

} // namespace aieconv::kernels::loopcost

#endif // AIECONV_KERNELS_REGISTRY_LOOPCOST_H
