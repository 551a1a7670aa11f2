//===- SimReport.cpp - Figures of one simulated layer ---------------------===//

#include "aieconv/Sim/SimReport.h"

#include "aieconv/Sim/BufferDescriptors.h"
#include "aieconv/Sim/Json.h"

#include <algorithm>
#include <sstream>

namespace aieconv::sim {
namespace {

int64_t ceilDiv(int64_t a, int64_t b) { return b > 0 ? (a + b - 1) / b : 0; }

} // namespace

const char *wholeTileCopies(bool inputs, bool outputs) {
  return inputs && outputs ? "both"
         : inputs          ? "input"
         : outputs         ? "output"
                           : "none";
}

SimReport makeReport(const SimProgram &program, const SimResult &result,
                     const LayerFacts &facts) {
  const target::DeviceModel &device = target::getDeviceModel(facts.device);
  SimReport report;
  report.function = facts.function;
  report.device = device.name;
  report.ok = result.ok;
  report.error = result.error;
  report.tasks = program.tasks().size();
  report.totalCycles = result.totalCycles;
  // The layer's own MACs when known: the calls' MACs include padding.
  report.macs = facts.layerMacs > 0 ? facts.layerMacs : result.macs;
  report.peakMacsPerCycle = device.cores() * device.macsPerCycle(facts.input);
  if (report.totalCycles > 0 && report.peakMacsPerCycle > 0)
    report.macUtilisation =
        double(report.macs) /
        (double(report.totalCycles) * double(report.peakMacsPerCycle));

  report.compulsoryReadBytes = facts.compulsoryReadBytes;
  report.compulsoryWriteBytes = facts.compulsoryWriteBytes;
  report.computeBoundCycles = ceilDiv(report.macs, report.peakMacsPerCycle);
  int64_t shimRate = device.columns * device.shimBytesPerCycle;
  report.shimBoundCycles = std::max(
      {ceilDiv(facts.compulsoryReadBytes, shimRate * device.shimDma.mm2s),
       ceilDiv(facts.compulsoryWriteBytes, shimRate * device.shimDma.s2mm),
       ceilDiv(facts.compulsoryReadBytes + facts.compulsoryWriteBytes,
               device.ddrBytesPerCycle)});
  report.rooflineCycles =
      std::max(report.computeBoundCycles, report.shimBoundCycles);
  report.rooflineBound =
      report.computeBoundCycles >= report.shimBoundCycles ? "compute" : "shim";
  if (report.rooflineCycles > 0)
    report.rooflineRatio =
        double(report.totalCycles) / double(report.rooflineCycles);

  bool anyCall = false;
  for (size_t t = 0; t < program.tasks().size() && t < result.tasks.size();
       ++t) {
    const TaskTiming &timing = result.tasks[t];
    // Zero fills, which need no operand, may run at once: only the calls
    // that do MACs tell where the work is.
    if (program.tasks()[t].kind != TaskKind::Compute ||
        program.tasks()[t].macs <= 0 || timing.start < 0)
      continue;
    report.firstCallCycle = anyCall
                                ? std::min(report.firstCallCycle, timing.start)
                                : timing.start;
    report.lastCallEndCycle = std::max(report.lastCallEndCycle, timing.end);
    anyCall = true;
  }

  report.l3ToL2Bytes = result.bytesMoved(Level::L3, Level::L2);
  report.l2ToL1Bytes = result.bytesMoved(Level::L2, Level::L1);
  report.l1ToL2Bytes = result.bytesMoved(Level::L1, Level::L2);
  report.l2ToL3Bytes = result.bytesMoved(Level::L2, Level::L3);
  report.l3ToL1Bytes = result.bytesMoved(Level::L3, Level::L1);

  int counts[4] = {0, 0, 0, 0};
  for (size_t r = 0; r < program.resources().size(); ++r) {
    const Resource &resource = program.resources()[r];
    ResourceUse use{resource.name, resource.kind, result.busyCycles[r], 0};
    if (report.totalCycles > 0)
      use.busyFraction = double(use.busyCycles) / double(report.totalCycles);
    int kind = static_cast<int>(resource.kind);
    report.meanBusy[kind] += use.busyFraction;
    ++counts[kind];
    report.resources.push_back(std::move(use));
  }
  for (int kind = 0; kind < 4; ++kind)
    if (counts[kind])
      report.meanBusy[kind] /= counts[kind];

  report.memtileDescriptorBudget = device.memtilePoolDescriptors();
  report.coreDescriptorBudget = device.coreBufferDescriptors;
  for (const TileDescriptors &tile : countBufferDescriptors(program)) {
    bool memtile = tile.kind == ResourceKind::MemtileDma;
    int64_t &most =
        memtile ? report.memtileDescriptors : report.coreDescriptors;
    if (tile.count > most) {
      most = tile.count;
      // A memtile's pools: its even and its odd channels.
      (memtile ? report.memtileDescriptorsTile : report.coreDescriptorsTile) =
          memtile ? tile.tile + (tile.pool % 2 ? ", odd" : ", even") +
                        " channels"
                  : tile.tile;
    }
  }
  report.wholeTileInputs = facts.wholeTileInputs;
  report.wholeTileOutputs = facts.wholeTileOutputs;
  report.analyticCycles = facts.analyticCycles;
  if (facts.analyticCycles > 0 && report.totalCycles > 0)
    report.analyticError = double(facts.analyticCycles - report.totalCycles) /
                           double(report.totalCycles);
  return report;
}

std::string formatReport(const SimReport &report, bool showResources) {
  std::ostringstream os;
  os << "function: " << report.function << "\n";
  os << "device: " << report.device << "\n";
  if (!report.ok) {
    os << "error: " << report.error << "\n";
    return os.str();
  }
  os << "tasks: " << report.tasks << "\n";
  os << "cycles: " << report.totalCycles << "\n";
  os << "macs: " << report.macs << "\n";
  os << "mac_utilisation: " << jsonNumber(report.macUtilisation) << " (peak "
     << report.peakMacsPerCycle << " MACs/cycle)\n";
  os << "roofline_cycles: " << report.rooflineCycles << " ("
     << report.rooflineBound << "; compute " << report.computeBoundCycles
     << ", shim " << report.shimBoundCycles << ")\n";
  os << "roofline_ratio: " << jsonNumber(report.rooflineRatio) << "\n";
  os << "phases: start " << report.startCycles() << " (before the first "
     << "call), calls " << report.lastCallEndCycle - report.firstCallCycle
     << ", tail " << report.tailCycles() << " (after the last)\n";
  os << "compulsory_bytes: read " << report.compulsoryReadBytes << ", write "
     << report.compulsoryWriteBytes << "\n";
  os << "bytes: L3->L2 " << report.l3ToL2Bytes << ", L2->L1 "
     << report.l2ToL1Bytes << ", L1->L2 " << report.l1ToL2Bytes << ", L2->L3 "
     << report.l2ToL3Bytes << ", L3->L1 " << report.l3ToL1Bytes << "\n";
  os << "busy_mean:";
  for (int kind = 0; kind < 4; ++kind)
    os << " " << toString(static_cast<ResourceKind>(kind)) << " "
       << jsonNumber(report.meanBusy[kind]);
  os << "\n";
  if (const ResourceUse *busiest = report.busiest())
    os << "busiest: " << busiest->name << " "
       << jsonNumber(busiest->busyFraction) << " (" << toString(busiest->kind)
       << ")\n";
  if (report.analyticCycles > 0)
    os << "analytic_cycles: " << report.analyticCycles << " (error "
       << jsonNumber(report.analyticError * 100.0) << "% of simulated)\n";
  os << "buffer_descriptors: memtile " << report.memtileDescriptors << " of "
     << report.memtileDescriptorBudget << " (" << report.memtileDescriptorsTile
     << "), core " << report.coreDescriptors << " of "
     << report.coreDescriptorBudget << " (" << report.coreDescriptorsTile
     << ")"
     << (report.descriptorsOverBudget()
             ? "; over budget: the DMA program as simulated does not fit"
             : "")
     << (report.wholeTileInputs || report.wholeTileOutputs
             ? std::string("; whole tiles, padding included, move ") +
                   (report.wholeTileInputs && report.wholeTileOutputs
                        ? "both ways"
                    : report.wholeTileInputs ? "from DDR"
                                             : "to DDR") +
                   ", as moving only the data would need more"
             : std::string())
     << "\n";
  if (showResources)
    for (const ResourceUse &use : report.resources)
      if (use.busyCycles > 0)
        os << "busy " << use.name << ": " << jsonNumber(use.busyFraction)
           << "\n";
  return os.str();
}

std::string reportToJson(const SimReport &report) {
  std::ostringstream os;
  os << "{\"function\":" << jsonQuote(report.function)
     << ",\"device\":" << jsonQuote(report.device)
     << ",\"ok\":" << (report.ok ? "true" : "false");
  if (!report.ok)
    os << ",\"error\":" << jsonQuote(report.error);
  os << ",\"tasks\":" << report.tasks << ",\"cycles\":" << report.totalCycles
     << ",\"macs\":" << report.macs
     << ",\"peak_macs_per_cycle\":" << report.peakMacsPerCycle
     << ",\"mac_utilisation\":" << jsonNumber(report.macUtilisation)
     << ",\"roofline_cycles\":" << report.rooflineCycles
     << ",\"roofline_bound\":" << jsonQuote(report.rooflineBound)
     << ",\"compute_bound_cycles\":" << report.computeBoundCycles
     << ",\"shim_bound_cycles\":" << report.shimBoundCycles
     << ",\"roofline_ratio\":" << jsonNumber(report.rooflineRatio)
     << ",\"start_cycles\":" << report.startCycles()
     << ",\"tail_cycles\":" << report.tailCycles()
     << ",\"compulsory_read_bytes\":" << report.compulsoryReadBytes
     << ",\"compulsory_write_bytes\":" << report.compulsoryWriteBytes
     << ",\"bytes\":{\"l3_l2\":" << report.l3ToL2Bytes
     << ",\"l2_l1\":" << report.l2ToL1Bytes
     << ",\"l1_l2\":" << report.l1ToL2Bytes
     << ",\"l2_l3\":" << report.l2ToL3Bytes
     << ",\"l3_l1\":" << report.l3ToL1Bytes << "}"
     << ",\"analytic_cycles\":" << report.analyticCycles
     << ",\"analytic_error\":" << jsonNumber(report.analyticError)
     << ",\"buffer_descriptors\":{\"memtile\":" << report.memtileDescriptors
     << ",\"memtile_budget\":" << report.memtileDescriptorBudget
     << ",\"core\":" << report.coreDescriptors
     << ",\"core_budget\":" << report.coreDescriptorBudget
     << ",\"over_budget\":"
     << (report.descriptorsOverBudget() ? "true" : "false")
     << ",\"whole_tiles\":" << jsonQuote(report.wholeTiles())
     << "}";
  if (const ResourceUse *busiest = report.busiest())
    os << ",\"busiest\":{\"resource\":" << jsonQuote(busiest->name)
       << ",\"kind\":" << jsonQuote(toString(busiest->kind))
       << ",\"busy_fraction\":" << jsonNumber(busiest->busyFraction) << "}";
  os << ",\"busy\":{";
  bool first = true;
  for (const ResourceUse &use : report.resources) {
    os << (first ? "" : ",") << jsonQuote(use.name) << ":"
       << jsonNumber(use.busyFraction);
    first = false;
  }
  os << "}}";
  return os.str();
}

} // namespace aieconv::sim
