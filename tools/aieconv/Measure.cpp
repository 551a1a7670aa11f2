//===- Measure.cpp - Compile, check on the host, then simulate ------------===//
//
// The one measurement `run` and `bench` share. The simulator only ever times
// a program that the host executed and found correct in the same call: the
// scheduled IR is simulated after runAndCheckConv has run a lowered clone of
// it, and only when the output matched.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"

#include "aieconv/Host/Diagnostics.h"
#include "aieconv/Pipelines/Pipelines.h"
#include "aieconv/Sim/ProgramFromIR.h"
#include "aieconv/Sim/Simulator.h"
#include "aieconv/Sim/TraceWriter.h"
#include "aieconv/Target/DeviceModel.h"

#include "mlir/Dialect/SCF/IR/SCF.h"

#include "llvm/Support/FormatVariadic.h"

#include <chrono>
#include <cmath>
#include <fstream>

using namespace mlir;

namespace aieconv::driver {
namespace {

/// Simulates the scheduled function `entry`; nothing when it has no
/// scheduled core loop (e.g. --until stopped before tiling).
llvm::Expected<std::optional<sim::SimReport>>
simulateEntry(ModuleOp module, llvm::StringRef entry, const ConvSpec &spec,
              const DriverOptions &options) {
  for (func::FuncOp func : sim::scheduledFunctions(module)) {
    if (func.getSymName() != entry)
      continue;
    sim::ProgramOptions programOptions;
    programOptions.device = kernels::parseDevice(options.device);
    std::string error;
    std::optional<sim::LayerProgram> layer =
        sim::buildProgram(func, programOptions, error);
    if (!layer)
      return host::makeError("cannot simulate the scheduled IR: " + error);
    layer->facts.layerMacs = spec.macs();
    sim::SimResult result = sim::simulate(layer->program);
    if (!result.ok)
      return host::makeError("the simulation failed: " + result.error);
    if (!options.traceFile.empty()) {
      std::ofstream os(options.traceFile);
      if (!os)
        return host::makeError(
            llvm::formatv("cannot write the trace '{0}'", options.traceFile));
      sim::writeChromeTrace(
          layer->program, result,
          target::getDeviceModel(layer->facts.device).clockMHz, os);
    }
    return sim::makeReport(layer->program, result, layer->facts);
  }
  return std::nullopt;
}

/// Whether `module` has a scheduled core loop over memrefs: a forall
/// that bufferization left without results.
bool holdsBufferizedSchedule(ModuleOp module) {
  bool found = false;
  module.walk([&](scf::ForallOp forall) {
    found |= forall->hasAttr("aieconv.schedule") &&
             forall->getNumResults() == 0;
  });
  return found;
}

} // namespace

llvm::json::Value jsonNumber(double value) {
  if (std::isfinite(value))
    return value;
  return nullptr;
}

llvm::Expected<Measurement> measure(DriverInput &input, const ConvSpec &spec,
                                    const DriverOptions &options) {
  // Refuse a layer the host cannot hold before compiling or allocating.
  if (llvm::Error err = host::checkHostBudget(spec))
    return std::move(err);
  Measurement measurement;
  auto pipelineStart = std::chrono::steady_clock::now();
  if (llvm::Error err =
          compileModule(*input.module, options, measurement.remarks))
    return std::move(err);
  measurement.pipelineSeconds = std::chrono::duration<double>(
                                    std::chrono::steady_clock::now() -
                                    pipelineStart)
                                    .count();

  host::HostExecutorOptions hostOptions;
  hostOptions.entry = input.entry;
  // Optimising the JIT code costs 0.1 to 0.5 s on small layers (mostly the
  // bounds checks); below a few million MACs unoptimised code finishes the
  // whole run sooner, above it the optimised loops win.
  constexpr int64_t kOptimiseFromMacs = int64_t(1) << 22;
  hostOptions.optLevel = spec.macs() < kOptimiseFromMacs ? 0 : 2;
  llvm::Expected<host::ConvCheck> check =
      host::runAndCheckConv(*input.module, spec, options.seed, hostOptions);
  if (!check)
    return check.takeError();
  measurement.check = std::move(*check);
  measurement.stats = host::collectScheduleStats(*input.module);
  if (!measurement.check.compare.correct) {
    measurement.notSimulated = "the output does not match the reference";
    return measurement;
  }
  // Only the final, bufferized IR says where every buffer lives: the
  // pipeline's last stage, or a module compiled through it and taken as it
  // is.
  if (options.until == kNoStage) {
    if (measurement.stats.schedule.empty()) {
      measurement.notSimulated = "the module holds no scheduled core loop";
      return measurement;
    }
    if (!holdsBufferizedSchedule(*input.module)) {
      measurement.notSimulated =
          "the module's scheduled core loop is not bufferized (compiled up "
          "to an earlier stage)";
      return measurement;
    }
  } else if (lastStageName(options) != aieconv::stageNames().back()) {
    measurement.notSimulated = "the pipeline stopped before its last stage";
    return measurement;
  }
  llvm::Expected<std::optional<sim::SimReport>> simulated =
      simulateEntry(*input.module, input.entry, spec, options);
  if (!simulated)
    return simulated.takeError();
  measurement.sim = std::move(*simulated);
  if (!measurement.sim)
    measurement.notSimulated = "no scheduled core loop in the compiled IR";
  return measurement;
}

} // namespace aieconv::driver
