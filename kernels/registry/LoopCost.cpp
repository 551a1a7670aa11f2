//===- LoopCost.cpp - Pricing of register-blocked loops -------------------===//
//
// Sources of the numbers: shared/design/aie2-facts.md; see LoopCost.h.
//
//===----------------------------------------------------------------------===//

#include "LoopCost.h"

#include <algorithm>
#include <cmath>

namespace aieconv::kernels::loopcost {

int64_t pipelinedLoopCycles(int64_t steps, int64_t macIssues, int64_t loads,
                            const CoreCostParams &params) {
  double interval = std::max(double(macIssues) / kSustainedIssueFraction,
                             double(loads) / double(params.loadSlots));
  return int64_t(std::ceil(double(steps) * interval)) +
         params.pipelineFillCycles;
}

int64_t accessesFor(int64_t rows, int64_t cols, int64_t elemBytes,
                    bool adjacent, int64_t slotBytes) {
  int64_t rowBytes = cols * elemBytes;
  if (adjacent)
    return ceilDiv(rows * rowBytes, slotBytes);
  if (rowBytes < kMinVectorBytes)
    return rows * cols;
  return rows * ceilDiv(rowBytes, slotBytes);
}

void addBlocks(UKernelCost &cost, const CoreCostParams &params,
               const TileTraffic &traffic, int64_t rb, int64_t cb,
               int64_t count, int64_t steps) {
  if (count <= 0)
    return;
  int64_t tiles = rb * cb;
  int64_t stepLoads = rb * traffic.lhsLoads + traffic.rhsLoadsFor(cb);
  int64_t accLoads = rb * traffic.accLoadsFor(cb);
  int64_t accStores = rb * traffic.accStoresFor(cb);
  int64_t loopCycles, loads;
  if (traffic.lhsPairLoads >= 0) {
    // K in pairs, then a lone step (charged like a loop of one) if odd.
    int64_t pairLoads = rb * traffic.lhsPairLoads + 2 * traffic.rhsLoadsFor(cb);
    loopCycles = pipelinedLoopCycles(steps / 2, 2 * tiles * traffic.issueCycles,
                                     pairLoads, params);
    loads = steps / 2 * pairLoads;
    if (steps % 2) {
      loopCycles += pipelinedLoopCycles(1, tiles * traffic.issueCycles,
                                        stepLoads, params);
      loads += stepLoads;
    }
  } else {
    loopCycles = pipelinedLoopCycles(steps, tiles * traffic.issueCycles,
                                     stepLoads, params);
    loads = steps * stepLoads;
  }
  int64_t perBlock = traffic.accInCycles(accLoads, params) + loopCycles +
                     traffic.accOutCycles(accStores, params) +
                     params.blockOverheadCycles;
  cost.cycles += count * perBlock;
  cost.macIssues += count * tiles * steps;
  cost.operandLoads += count * loads;
  (traffic.accInFromCascade ? cost.cascadeWords : cost.accumLoads) +=
      count * accLoads;
  (traffic.accOutToCascade ? cost.cascadeWords : cost.accumStores) +=
      count * accStores;
  cost.blocks += count;
  cost.loopIterations += count * steps;
}

void addBlockGrid(UKernelCost &cost, const CoreCostParams &params,
                  const TileTraffic &traffic, int64_t rows, int64_t cols,
                  int64_t repeat, int64_t steps) {
  int64_t rowPairs = rows / 2, rowRest = rows % 2;
  int64_t colPairs = cols / 2, colRest = cols % 2;
  addBlocks(cost, params, traffic, 2, 2, repeat * rowPairs * colPairs, steps);
  addBlocks(cost, params, traffic, 2, 1, repeat * rowPairs * colRest, steps);
  addBlocks(cost, params, traffic, 1, 2, repeat * rowRest * colPairs, steps);
  addBlocks(cost, params, traffic, 1, 1, repeat * rowRest * colRest, steps);
  cost.cycles += repeat * (rowPairs + rowRest) * params.blockOverheadCycles;
}

} // namespace aieconv::kernels::loopcost
