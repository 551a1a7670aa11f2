//===- RunCommand.cpp - aieconv run ---------------------------------------===//
//
// Compile, run on the host, compare with the reference, report.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"

#include "aieconv/Host/HostExecutor.h"
#include "aieconv/Host/ScheduleStats.h"
#include "aieconv/Spec/SpecParser.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace mlir;

namespace aieconv::driver {
namespace {

/// Everything a run reports.
struct RunReport {
  const DriverOptions &options;
  const ConvSpec &spec;
  std::string entry;
  const Measurement &measurement;
};

llvm::json::Value optionalCount(std::optional<int64_t> value) {
  if (value)
    return *value;
  return nullptr;
}

void printJson(llvm::raw_ostream &os, const RunReport &report) {
  const CompareResult &compare = report.measurement.check.compare;
  const host::ScheduleStats &stats = report.measurement.stats;
  llvm::json::Array ukernels;
  for (const host::UKernelUse &use : stats.ukernels)
    ukernels.push_back(llvm::json::Object{
        {"symbol", use.symbol},
        {"call_sites", use.callSites},
        {"calls", optionalCount(use.calls)},
    });
  llvm::json::Object schedule;
  for (const auto &[key, value] : stats.schedule)
    schedule[key] = value;
  llvm::json::Object object{
      {"correct", compare.correct},
      {"max_abs_error", jsonNumber(compare.maxAbsError)},
      {"max_rel_error", jsonNumber(compare.maxRelError)},
      {"tolerance", jsonNumber(compare.maxTolerance)},
      {"tolerance_rule", compare.toleranceRule},
      {"elements", compare.count},
      {"mismatches", compare.mismatches},
      {"macs", report.spec.macs()},
      {"spec", formatConvSpec(report.spec)},
      {"entry", report.entry},
      {"device", report.options.device},
      {"strategy", report.options.strategy},
      {"last_stage", lastStageName(report.options)},
      {"seed", static_cast<int64_t>(report.options.seed)},
      {"ukernel_calls", optionalCount(stats.calls)},
      {"ukernel_call_sites", stats.callSites},
      {"ukernels", std::move(ukernels)},
      {"l1_bytes", stats.l1Bytes},
      {"l2_bytes", stats.l2Bytes},
      {"schedule", std::move(schedule)},
      {"pipeline_seconds", report.measurement.pipelineSeconds},
      {"compile_seconds", report.measurement.check.compileSeconds},
      {"run_seconds", report.measurement.check.runSeconds},
      {"remarks", llvm::json::Array(report.measurement.remarks)},
  };
  if (const std::optional<sim::SimReport> &sim = report.measurement.sim) {
    object["cycles"] = sim->totalCycles;
    object["peak_efficiency"] = jsonNumber(sim->macUtilisation);
    object["roofline_cycles"] = sim->rooflineCycles;
    object["roofline_efficiency"] = jsonNumber(1.0 / sim->rooflineRatio);
    object["bound"] = sim->rooflineBound;
    object["start_cycles"] = sim->startCycles();
    object["tail_cycles"] = sim->tailCycles();
    object["analytic_cycles"] = sim->analyticCycles;
    object["analytic_error"] = jsonNumber(sim->analyticError);
    object["buffer_descriptors"] = llvm::json::Object{
        {"memtile", sim->memtileDescriptors},
        {"memtile_budget", sim->memtileDescriptorBudget},
        {"core", sim->coreDescriptors},
        {"core_budget", sim->coreDescriptorBudget},
        {"over_budget", sim->descriptorsOverBudget()},
        {"whole_tiles", sim->wholeTiles()}};
    if (const sim::ResourceUse *busiest = sim->busiest())
      object["busiest"] = llvm::json::Object{
          {"resource", busiest->name},
          {"kind", sim::toString(busiest->kind)},
          {"busy_fraction", jsonNumber(busiest->busyFraction)}};
  } else {
    object["not_simulated"] = report.measurement.notSimulated;
  }
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(object))) << "\n";
}

void printText(llvm::raw_ostream &os, const RunReport &report) {
  const DriverOptions &options = report.options;
  const host::ScheduleStats &stats = report.measurement.stats;
  const host::ConvCheck &check = report.measurement.check;
  os << "layer     " << formatConvSpec(report.spec) << "\n";
  os << "source    "
     << (options.convSpec.empty() ? options.inputFile : "--conv")
     << " (function @" << report.entry << ")\n";
  os << "target    device " << options.device << ", strategy "
     << options.strategy << ", pipeline through '" << lastStageName(options)
     << "'\n";
  os << "macs      " << report.spec.macs() << "\n";
  if (!stats.schedule.empty()) {
    auto value = [&](const char *key) {
      return stats.scheduleValue(key).value_or("?");
    };
    os << "schedule  strategy " << value("strategy") << ", planned L1 "
       << value("l1.total_bytes") << " B, L2 " << value("l2.total_bytes")
       << " B, modelled cycles " << value("cycles.total") << "\n";
    // The tiling, written as --tile takes it.
    if (std::optional<std::string> tile = stats.scheduleValue("tile"))
      os << "tile      " << *tile << "\n";
  }
  if (stats.ukernels.empty()) {
    os << "ukernels  none called: the compiled IR computes the conv with "
          "plain loops on the host\n";
  } else {
    os << "ukernels  ";
    if (stats.calls)
      os << *stats.calls << " calls";
    else
      os << "calls not static";
    os << " from " << stats.callSites << " call site(s)\n";
    for (const host::UKernelUse &use : stats.ukernels) {
      os << "          " << use.symbol << ": ";
      if (use.calls)
        os << *use.calls << " calls";
      else
        os << "dynamic call count";
      os << " at " << use.callSites << " call site(s)\n";
    }
  }
  // A cascade's core tile is its chain: its L1 allocations are spread over
  // the chain's cores, each holding its own block.
  std::string l1Scope;
  if (stats.scheduleValue("grid.core_split") == std::string("cascade"))
    l1Scope = " over a cascade of " +
              stats.scheduleValue("grid.rows").value_or("?") + " cores";
  os << "memory    L1 " << stats.l1Bytes << " B" << l1Scope << ", L2 "
     << stats.l2Bytes
     << " B (static allocations in memory spaces 2 and 1)\n";
  os << llvm::formatv("time      pipeline {0:F3} s, host lowering + JIT "
                      "{1:F3} s, run {2:F3} s\n",
                      report.measurement.pipelineSeconds, check.compileSeconds,
                      check.runSeconds);
  for (const std::string &remark : report.measurement.remarks)
    os << "remark    " << remark << "\n";
  const CompareResult &compare = check.compare;
  os << "result    " << (compare.correct ? "MATCH" : "MISMATCH") << " ("
     << compare.summary() << ")\n";
  const std::optional<sim::SimReport> &sim = report.measurement.sim;
  if (!sim) {
    os << "simulated (none: " << report.measurement.notSimulated << ")\n";
    return;
  }
  os << llvm::formatv(
      "simulated {0} cycles: {1:P1} of the MAC peak, {2:P1} of the roofline "
      "({3} cycles, {4}-bound); the tile search estimated {5}\n",
      sim->totalCycles, sim->macUtilisation, 1.0 / sim->rooflineRatio,
      sim->rooflineCycles, sim->rooflineBound, sim->analyticCycles);
  if (const sim::ResourceUse *busiest = sim->busiest())
    os << llvm::formatv("busiest   {0} ({1}), busy {2:P0} of the time\n",
                        busiest->name, sim::toString(busiest->kind),
                        busiest->busyFraction);
  if (sim->totalCycles > 0)
    os << llvm::formatv(
        "phases    {0} cycles ({1:P0}) before the first call, {2} "
        "({3:P0}) after the last\n",
        sim->startCycles(),
        double(sim->startCycles()) / double(sim->totalCycles),
        sim->tailCycles(),
        double(sim->tailCycles()) / double(sim->totalCycles));
  os << llvm::formatv(
      "dma       buffer descriptors: {0} of a memtile pool's {1}, {2} of a "
      "core tile's {3}{4}\n",
      sim->memtileDescriptors, sim->memtileDescriptorBudget,
      sim->coreDescriptors, sim->coreDescriptorBudget,
      sim->descriptorsOverBudget()
          ? " (over: the DMA program as simulated does not fit)"
          : "");
  if (sim->wholeTileInputs || sim->wholeTileOutputs)
    os << llvm::formatv("dma       whole tiles, padding included, for the "
                        "{0}: moving only the layer's data would need more "
                        "buffer descriptors\n",
                        sim->wholeTileInputs && sim->wholeTileOutputs
                            ? "input and the output"
                        : sim->wholeTileInputs ? "input"
                                               : "output");
  if (stats.scheduleValue("l2.input_hull") == std::string("true"))
    os << "dma       a column's cores' overlapping input windows come from "
          "DDR as one region, their hull\n";
}

} // namespace

int runCommand(MLIRContext &context, const DriverOptions &options) {
  llvm::Expected<DriverInput> input =
      loadInput(context, options, /*needSpec=*/true);
  if (!input)
    return reportError(input.takeError());
  llvm::Expected<DriverOptions> resolved =
      optionsForScheduledModule(*input->module, options);
  if (!resolved)
    return reportError(resolved.takeError());
  const ConvSpec &spec = *input->spec;
  llvm::Expected<Measurement> measurement = measure(*input, spec, *resolved);
  if (!measurement)
    return reportError(measurement.takeError());
  RunReport report{*resolved, spec, input->entry, *measurement};
  if (options.json)
    printJson(llvm::outs(), report);
  else
    printText(llvm::outs(), report);
  return measurement->check.compare.correct ? kExitSuccess : kExitMismatch;
}

} // namespace aieconv::driver
