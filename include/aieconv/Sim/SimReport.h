//===- SimReport.h - What a simulation says about a layer -------*- C++ -*-===//
//
// The figures of one simulated layer: total cycles, MAC utilisation against
// the device peak, the roofline bound and our distance to it, busy fraction
// of every resource, bytes per level, and the analytic cost model's estimate
// beside the simulation.
//
// Roofline (a lower bound no schedule can beat on this device model):
//   compute = MACs / (cores x MACs per cycle per core)
//   shim    = max(compulsory reads / (columns x shim MM2S x rate),
//                 compulsory writes / (columns x shim S2MM x rate),
//                 (reads + writes) / DDR bytes per cycle)
//   roofline = max(compute, shim)
// where compulsory reads are the input elements the conv touches plus the
// weights, once, and compulsory writes the outputs, once.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_SIM_SIMREPORT_H
#define AIECONV_SIM_SIMREPORT_H

#include "aieconv/Sim/SimProgram.h"
#include "aieconv/Sim/Simulator.h"
#include "aieconv/Target/DeviceModel.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace aieconv::sim {

/// What the report needs beyond the simulation: the layer's identity and
/// compulsory traffic, and the analytic estimate.
struct LayerFacts {
  std::string function;
  kernels::Device device = kernels::Device::Npu1;
  /// Input type of the layer's MACs (sets the per-core peak).
  kernels::ElemType input = kernels::ElemType::BF16;
  int64_t compulsoryReadBytes = 0;
  int64_t compulsoryWriteBytes = 0;
  /// The schedule's `cycles.total`; 0 when there is none.
  int64_t analyticCycles = 0;
  /// The layer's own MACs, without the padding the tiles compute; 0 when
  /// unknown, and then the calls' MACs stand in. The roofline and the
  /// utilisation count these, so padding never flatters a layer.
  int64_t layerMacs = 0;
  /// The DMAs move whole input tiles from DDR, or whole output tiles to
  /// it, padding included: moving only the layer's data would need more
  /// buffer descriptors than a tile holds.
  bool wholeTileInputs = false, wholeTileOutputs = false;
};

/// Which of a layer's DMAs move whole tiles: "none", "input", "output" or
/// "both".
const char *wholeTileCopies(bool inputs, bool outputs);

struct ResourceUse {
  std::string name;
  ResourceKind kind;
  int64_t busyCycles = 0;
  double busyFraction = 0;
};

struct SimReport {
  std::string function;
  std::string device;
  bool ok = true;
  std::string error;
  size_t tasks = 0;

  int64_t totalCycles = 0;
  int64_t macs = 0;
  /// Whole array: cores x MACs per cycle of one core.
  int64_t peakMacsPerCycle = 0;
  double macUtilisation = 0;

  int64_t computeBoundCycles = 0;
  int64_t shimBoundCycles = 0;
  int64_t rooflineCycles = 0;
  /// "compute" or "shim".
  std::string rooflineBound;
  /// totalCycles / rooflineCycles (>= 1 unless the model breaks physics).
  double rooflineRatio = 0;
  int64_t compulsoryReadBytes = 0, compulsoryWriteBytes = 0;

  /// Where the cores' work lies in the run: the start of the first ukernel
  /// call that does MACs and the end of the last (both 0 without any).
  /// Before the first, the array only fills its pipeline; after the last,
  /// it drains and writes the output. Neither overlaps any MAC, so a layer
  /// whose start or tail is a large share of its cycles is bound by
  /// latency, whatever its busiest resource.
  int64_t firstCallCycle = 0, lastCallEndCycle = 0;
  int64_t startCycles() const { return firstCallCycle; }
  int64_t tailCycles() const {
    return lastCallEndCycle > 0 ? totalCycles - lastCallEndCycle : 0;
  }

  int64_t l3ToL2Bytes = 0, l2ToL1Bytes = 0, l1ToL2Bytes = 0, l2ToL3Bytes = 0;
  /// Streamed from DDR to the cores through the memtile's switch.
  int64_t l3ToL1Bytes = 0;

  std::vector<ResourceUse> resources;
  /// Mean busy fraction over the resources of each ResourceKind.
  double meanBusy[4] = {0, 0, 0, 0};
  /// The resource busy the longest (the first of equals), the one that
  /// limits the layer when it is busy nearly all the time; null when there
  /// are none.
  const ResourceUse *busiest() const {
    auto longer = [](const ResourceUse &a, const ResourceUse &b) {
      return a.busyCycles < b.busyCycles;
    };
    auto it = std::max_element(resources.begin(), resources.end(), longer);
    return it == resources.end() ? nullptr : &*it;
  }

  int64_t analyticCycles = 0;
  /// (analytic - simulated) / simulated; 0 without an analytic estimate.
  double analyticError = 0;

  /// Buffer descriptors the busiest memtile pool and core tile need
  /// (BufferDescriptors.h), which tile that is, and what one holds.
  int64_t memtileDescriptors = 0, coreDescriptors = 0;
  std::string memtileDescriptorsTile, coreDescriptorsTile;
  int64_t memtileDescriptorBudget = 0, coreDescriptorBudget = 0;
  /// LayerFacts::wholeTileInputs and wholeTileOutputs.
  bool wholeTileInputs = false, wholeTileOutputs = false;
  const char *wholeTiles() const {
    return wholeTileCopies(wholeTileInputs, wholeTileOutputs);
  }
  /// Whether a tile needs more descriptors than it holds: the DMA program
  /// as simulated does not fit the hardware.
  bool descriptorsOverBudget() const {
    return memtileDescriptors > memtileDescriptorBudget ||
           coreDescriptors > coreDescriptorBudget;
  }
};

SimReport makeReport(const SimProgram &program, const SimResult &result,
                     const LayerFacts &facts);

/// Human-readable lines ("key: value"); resources with `showResources`.
std::string formatReport(const SimReport &report, bool showResources = true);
/// One JSON object.
std::string reportToJson(const SimReport &report);

} // namespace aieconv::sim

#endif // AIECONV_SIM_SIMREPORT_H
