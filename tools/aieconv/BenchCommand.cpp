//===- BenchCommand.cpp - aieconv bench -----------------------------------===//
//
// Every layer of a suite is measured twice, under the chosen strategy and
// under `seed` (the baseline), each one compiled, executed on the host,
// checked against the reference and simulated. The speed-up and the
// efficiencies are ratios of simulated cycles of programs that ran correctly
// in this very invocation. The measurements are independent: they run on
// --jobs threads, each with an MLIR context of its own, and the rows come
// out in the suite's order whatever the threads' timing.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"

#include "aieconv/Host/ConvBuilder.h"
#include "aieconv/Host/Diagnostics.h"
#include "aieconv/Spec/SpecParser.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <mutex>
#include <thread>

using namespace mlir;

namespace aieconv::driver {
namespace {

/// One layer's two measurements, reduced to what the table shows.
struct BenchRow {
  ConvSpec spec;
  bool correct = false;
  std::string strategy, tile;
  /// The schedule's whole `tile` entry: `run --tile` with it gives the
  /// same program.
  std::string tiling;
  int64_t cycles = 0, seedCycles = 0;
  double peakEfficiency = 0, rooflineEfficiency = 0;
  std::string bound;
  /// The kind of the simulation's busiest resource and its busy fraction:
  /// what limits the layer when that is near 1; start-up, drain and waits
  /// between resources when no resource is.
  std::string busiest;
  double busiestFraction = 0;
  /// Cycles before the first ukernel call and after the last (SimReport):
  /// the pipeline's fill and the output's drain, which no compute hides.
  int64_t startCycles = 0, tailCycles = 0;
  /// The layer's roofline bound, in cycles.
  int64_t rooflineCycles = 0;
  /// How many times the layer occurs in its network (the suite's `xN`).
  int64_t occurrences = 1;
  /// Buffer descriptors the busiest memtile needs, and whether some tile
  /// needs more than it holds (SimReport).
  int64_t memtileDescriptors = 0;
  bool descriptorsOverBudget = false;
  /// Which DMAs move whole tiles, padding included (SimReport).
  std::string wholeTiles = "none";
  /// Why the seed strategy has no measurement of the layer (empty when it
  /// has one): the baseline can fail where the chosen strategy does not.
  std::string seedError;

  bool hasSeed() const { return seedCycles > 0; }
  double seedSpeedup() const {
    return cycles > 0 ? double(seedCycles) / double(cycles) : 0;
  }
};

/// Measures `spec` under `strategy`; the measurement must be correct and
/// simulated to count.
llvm::Expected<Measurement> measureLayer(MLIRContext &context,
                                         const ConvSpec &spec,
                                         DriverOptions options,
                                         llvm::StringRef strategy) {
  options.strategy = strategy.str();
  DriverInput input;
  input.module = host::buildConvModule(context, spec);
  input.spec = spec;
  return measure(input, spec, options);
}

/// One measurement as a worker thread leaves it: the measurement, or why
/// there is none.
struct Outcome {
  std::optional<Measurement> measurement;
  std::string error;
};

/// The row of a layer from its measurement under the chosen strategy and
/// under seed; an error when the chosen one has none.
llvm::Expected<BenchRow> benchRow(const ConvSpec &spec, Outcome &chosen,
                                  Outcome &seed) {
  BenchRow row;
  row.spec = spec;
  if (!chosen.measurement)
    return host::makeError(chosen.error);
  if (!seed.measurement)
    row.seedError = seed.error;
  const Measurement &ours = *chosen.measurement;
  const std::optional<Measurement> &base = seed.measurement;
  row.correct =
      ours.check.compare.correct && (!base || base->check.compare.correct);
  if (!row.correct || !ours.sim || (base && !base->sim))
    return row;
  row.strategy = ours.stats.scheduleValue("strategy").value_or("?");
  row.tile = ours.stats.scheduleValue("l1.tile").value_or("?");
  row.tiling = ours.stats.scheduleValue("tile").value_or("");
  row.cycles = ours.sim->totalCycles;
  row.seedCycles = base ? base->sim->totalCycles : 0;
  row.peakEfficiency = ours.sim->macUtilisation;
  row.rooflineEfficiency = 1.0 / ours.sim->rooflineRatio;
  row.rooflineCycles = ours.sim->rooflineCycles;
  row.bound = ours.sim->rooflineBound;
  if (const sim::ResourceUse *busiest = ours.sim->busiest()) {
    row.busiest = sim::toString(busiest->kind);
    row.busiestFraction = busiest->busyFraction;
  }
  row.startCycles = ours.sim->startCycles();
  row.tailCycles = ours.sim->tailCycles();
  row.memtileDescriptors = ours.sim->memtileDescriptors;
  row.descriptorsOverBudget = ours.sim->descriptorsOverBudget();
  row.wholeTiles = ours.sim->wholeTiles();
  return row;
}

/// Measures every layer of `specs` under the chosen strategy and under
/// seed: outcome 2i is layer i's under the chosen strategy, 2i + 1 its
/// seed's. `threads` threads take the measurements in that order, each in
/// a context of its own made from `registry`; progress goes to stderr, a
/// line per measurement as it starts. After a failure under the chosen
/// strategy, which ends the bench, no new measurement starts.
std::vector<Outcome> measureSuite(const DialectRegistry &registry,
                                  llvm::ArrayRef<ConvSpec> specs,
                                  const DriverOptions &options,
                                  unsigned threads) {
  std::vector<Outcome> outcomes(2 * specs.size());
  std::mutex progress;
  size_t next = 0;
  std::atomic<bool> failed = false;
  auto work = [&] {
    std::unique_ptr<MLIRContext> context = createDriverContext(registry);
    while (true) {
      size_t job;
      bool seed;
      llvm::StringRef strategy;
      {
        // Taken and announced under one lock: the lines come out in the
        // order of the measurements.
        std::lock_guard<std::mutex> lock(progress);
        if (failed || next == outcomes.size())
          return;
        job = next++;
        seed = job % 2 == 1;
        strategy = seed ? llvm::StringRef("seed")
                        : llvm::StringRef(options.strategy);
        llvm::errs() << llvm::formatv("aieconv bench: [{0}/{1}] {2} ({3})\n",
                                      job / 2 + 1, specs.size(),
                                      specs[job / 2].name, strategy);
      }
      llvm::Expected<Measurement> measured =
          measureLayer(*context, specs[job / 2], options, strategy);
      if (measured) {
        outcomes[job].measurement = std::move(*measured);
        continue;
      }
      outcomes[job].error = llvm::toString(measured.takeError());
      if (!seed)
        failed = true;
    }
  };
  std::vector<std::thread> helpers;
  for (unsigned t = 1; t < threads; ++t)
    helpers.emplace_back(work);
  work();
  for (std::thread &helper : helpers)
    helper.join();
  return outcomes;
}

double geomean(llvm::ArrayRef<double> values) {
  if (values.empty())
    return 0;
  double logSum = 0;
  for (double value : values)
    logSum += std::log(value);
  return std::exp(logSum / double(values.size()));
}

/// The suite's summary over the layers that ran correctly.
struct BenchSummary {
  /// Layers that ran correctly, and those of them the seed also ran.
  size_t layers = 0, seedLayers = 0;
  double rooflineEfficiency = 0, seedSpeedup = 0;
  /// Layers whose DMA program needs more buffer descriptors than a tile
  /// holds, and the most any memtile needs.
  int64_t overDescriptorBudget = 0, mostMemtileDescriptors = 0;
  /// Layers whose DMAs (some or all) move whole tiles, padding included.
  int64_t wholeTileDmas = 0;
  /// The suite's layers run one after another, each as often as it occurs
  /// in its network: the sum of their cycles, of their roofline bounds, and
  /// of the cycles of those the seed ran under ours and under the seed. The
  /// geomeans weigh every layer alike; these weigh them by their time, as a
  /// network's run does.
  int64_t runs = 0;
  int64_t totalCycles = 0, totalRooflineCycles = 0;
  int64_t seededCycles = 0, totalSeedCycles = 0;

  double totalRooflineEfficiency() const {
    return totalCycles > 0 ? double(totalRooflineCycles) / double(totalCycles)
                           : 0;
  }
  double totalSeedSpeedup() const {
    return seededCycles > 0 ? double(totalSeedCycles) / double(seededCycles)
                            : 0;
  }
};

BenchSummary summarize(llvm::ArrayRef<BenchRow> rows) {
  llvm::SmallVector<double> roofline, speedup;
  BenchSummary summary;
  for (const BenchRow &row : rows)
    if (row.correct) {
      roofline.push_back(row.rooflineEfficiency);
      summary.runs += row.occurrences;
      summary.totalCycles += row.occurrences * row.cycles;
      summary.totalRooflineCycles += row.occurrences * row.rooflineCycles;
      if (row.hasSeed()) {
        speedup.push_back(row.seedSpeedup());
        summary.seededCycles += row.occurrences * row.cycles;
        summary.totalSeedCycles += row.occurrences * row.seedCycles;
      }
      summary.overDescriptorBudget += row.descriptorsOverBudget ? 1 : 0;
      summary.wholeTileDmas += row.wholeTiles != "none" ? 1 : 0;
      summary.mostMemtileDescriptors =
          std::max(summary.mostMemtileDescriptors, row.memtileDescriptors);
    }
  summary.layers = roofline.size();
  summary.seedLayers = speedup.size();
  summary.rooflineEfficiency = geomean(roofline);
  summary.seedSpeedup = geomean(speedup);
  return summary;
}

void printTable(llvm::raw_ostream &os, llvm::ArrayRef<BenchRow> rows,
                const DriverOptions &options) {
  os << llvm::formatv("{0,-12} {1,12} {2,-10} {3,-14} {4,11} {5,7} {6,9} "
                      "{7,-8} {8,-16} {9,-11} {10,12} {11,8}\n",
                      "layer", "MACs", "strategy", "L1 tile", "cycles",
                      "%peak", "%roofline", "bound", "busiest", "start/tail",
                      "seed cycles", "speedup");
  for (const BenchRow &row : rows) {
    if (!row.correct) {
      os << llvm::formatv("{0,-12} {1,12} MISMATCH against the reference\n",
                          row.spec.name, row.spec.macs());
      continue;
    }
    std::string busiest = llvm::formatv("{0} {1:F0}%", row.busiest,
                                        100 * row.busiestFraction);
    // The shares of the run before the first call and after the last.
    auto share = [&](int64_t cycles) {
      return row.cycles > 0 ? 100.0 * double(cycles) / double(row.cycles) : 0;
    };
    std::string phases = llvm::formatv("{0:F0}%/{1:F0}%",
                                       share(row.startCycles),
                                       share(row.tailCycles));
    std::string seedCycles = row.hasSeed() ? std::to_string(row.seedCycles)
                                           : std::string("-");
    std::string speedup =
        row.hasSeed() ? std::string(llvm::formatv("{0:F1}x", row.seedSpeedup()))
                      : std::string("-");
    os << llvm::formatv("{0,-12} {1,12} {2,-10} {3,-14} {4,11} {5,6:F1}% "
                        "{6,8:F1}% {7,-8} {8,-16} {9,-11} {10,12} {11,8}\n",
                        row.spec.name, row.spec.macs(), row.strategy, row.tile,
                        row.cycles, 100 * row.peakEfficiency,
                        100 * row.rooflineEfficiency, row.bound, busiest,
                        phases, seedCycles, speedup);
  }
  for (const BenchRow &row : rows)
    if (!row.seedError.empty())
      os << llvm::formatv("{0}: no seed measurement: {1}\n", row.spec.name,
                          row.seedError);
  BenchSummary summary = summarize(rows);
  os << llvm::formatv("geomean over {0} layers ({1}, {2}, strategy {3}): "
                      "{4:F1}% of roofline, {5:F1}x over seed{6}\n",
                      summary.layers, options.device,
                      options.type.empty() ? "suite types" : options.type,
                      options.strategy, 100 * summary.rooflineEfficiency,
                      summary.seedSpeedup,
                      summary.seedLayers == summary.layers
                          ? std::string()
                          : llvm::formatv(" (seed ran {0} of them)",
                                          summary.seedLayers)
                                .str());
  // Cycles convert to time at the model's 1 GHz (aie2-facts.md, "clock").
  std::string runs =
      summary.runs == int64_t(summary.layers)
          ? llvm::formatv("the {0} layer{1}, each once", summary.layers,
                          summary.layers == 1 ? "" : "s")
                .str()
          : llvm::formatv("{0} runs of the {1} layers, as often as each "
                          "occurs",
                          summary.runs, summary.layers)
                .str();
  os << llvm::formatv("total of {0}: {1} cycles "
                      "({2:F3} ms at 1 GHz), {3:F1}% of their summed "
                      "roofline, {4:F1}x faster than seed in total{5}\n",
                      runs, summary.totalCycles,
                      double(summary.totalCycles) / 1e6,
                      100 * summary.totalRooflineEfficiency(),
                      summary.totalSeedSpeedup(),
                      summary.seedLayers == summary.layers
                          ? std::string()
                          : llvm::formatv(" (on the {0} seed ran)",
                                          summary.seedLayers)
                                .str());
  os << llvm::formatv("buffer descriptors: {0} of {1} layers' DMA programs, "
                      "as simulated, need more than a tile holds (busiest "
                      "memtile pool: {2}); {3} move whole tiles (some or all), "
                      "padding included, as moving only the data would need "
                      "more\n",
                      summary.overDescriptorBudget, summary.layers,
                      summary.mostMemtileDescriptors, summary.wholeTileDmas);
}

void printJson(llvm::raw_ostream &os, llvm::ArrayRef<BenchRow> rows,
               const DriverOptions &options) {
  BenchSummary summary = summarize(rows);
  llvm::json::Array layers;
  for (const BenchRow &row : rows) {
    llvm::json::Object layer{{"name", row.spec.name},
                             {"spec", formatConvSpec(row.spec)},
                             {"macs", row.spec.macs()},
                             {"occurrences", row.occurrences},
                             {"correct", row.correct}};
    if (row.correct) {
      layer["strategy"] = row.strategy;
      layer["l1_tile"] = row.tile;
      layer["tile"] = row.tiling;
      layer["cycles"] = row.cycles;
      layer["peak_efficiency"] = jsonNumber(row.peakEfficiency);
      layer["roofline_efficiency"] = jsonNumber(row.rooflineEfficiency);
      layer["bound"] = row.bound;
      layer["busiest"] = row.busiest;
      layer["busiest_fraction"] = jsonNumber(row.busiestFraction);
      layer["start_cycles"] = row.startCycles;
      layer["tail_cycles"] = row.tailCycles;
      if (row.hasSeed()) {
        layer["seed_cycles"] = row.seedCycles;
        layer["seed_speedup"] = jsonNumber(row.seedSpeedup());
      } else {
        layer["seed_cycles"] = nullptr;
        layer["seed_speedup"] = nullptr;
        layer["seed_error"] = row.seedError;
      }
      layer["memtile_descriptors"] = row.memtileDescriptors;
      layer["descriptors_over_budget"] = row.descriptorsOverBudget;
      layer["whole_tiles"] = row.wholeTiles;
    }
    layers.push_back(std::move(layer));
  }
  llvm::json::Object object{
      {"device", options.device},
      {"strategy", options.strategy},
      {"layers", std::move(layers)},
      {"geomean_roofline_efficiency", jsonNumber(summary.rooflineEfficiency)},
      {"geomean_seed_speedup", jsonNumber(summary.seedSpeedup)},
      {"total_runs", summary.runs},
      {"total_cycles", summary.totalCycles},
      {"total_roofline_efficiency",
       jsonNumber(summary.totalRooflineEfficiency())},
      {"total_seed_speedup", jsonNumber(summary.totalSeedSpeedup())},
      {"layers_over_descriptor_budget", summary.overDescriptorBudget},
      {"layers_moving_whole_tiles", summary.wholeTileDmas},
  };
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(object))) << "\n";
}

} // namespace

int benchCommand(MLIRContext &context, const DriverOptions &options) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
      llvm::MemoryBuffer::getFile(options.inputFile);
  if (!file)
    return reportError(host::makeError(llvm::formatv(
        "cannot read '{0}': {1}", options.inputFile,
        file.getError().message())));
  SuiteParseResult suite = parseSuite((*file)->getBuffer());
  if (!suite.ok())
    return reportError(host::makeError(llvm::formatv(
        "{0}: {1}", options.inputFile, suite.errors.front().message)));

  std::vector<ConvSpec> specs = suite.specs;
  if (!options.type.empty())
    for (ConvSpec &spec : specs)
      spec.type = options.type == "i8" ? ConvType::I8 : ConvType::BF16;
  // More threads than measurements would only wait.
  const unsigned threads = std::max<size_t>(
      1, std::min<size_t>(options.jobs, 2 * specs.size()));
  auto start = std::chrono::steady_clock::now();
  std::vector<Outcome> outcomes =
      measureSuite(context.getDialectRegistry(), specs, options, threads);
  // The wall times go to stderr with the progress: the table and the JSON
  // stay the same from run to run. The slowest pipeline is the compiler's
  // own time on the suite, under the chosen strategy.
  double slowestPipeline = 0;
  std::string slowestLayer;
  for (auto [index, spec] : llvm::enumerate(specs))
    if (const std::optional<Measurement> &chosen =
            outcomes[2 * index].measurement;
        chosen && chosen->pipelineSeconds >= slowestPipeline) {
      slowestPipeline = chosen->pipelineSeconds;
      slowestLayer = spec.name.empty() ? formatConvSpec(spec) : spec.name;
    }
  llvm::errs() << llvm::formatv(
      "aieconv bench: {0} measurements in {1:F1} s on {2} thread{3}; the "
      "slowest pipeline {4:F2} s ({5})\n",
      outcomes.size(),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count(),
      threads, threads == 1 ? "" : "s", slowestPipeline, slowestLayer);
  std::vector<BenchRow> rows;
  for (auto [index, spec] : llvm::enumerate(specs)) {
    llvm::Expected<BenchRow> row =
        benchRow(spec, outcomes[2 * index], outcomes[2 * index + 1]);
    if (!row)
      return reportError(host::makeError(
          llvm::formatv("layer '{0}': {1}", spec.name,
                        llvm::toString(row.takeError()))));
    row->occurrences = suite.occurrences[index];
    rows.push_back(std::move(*row));
  }
  if (options.json)
    printJson(llvm::outs(), rows, options);
  else
    printTable(llvm::outs(), rows, options);
  bool allCorrect =
      llvm::all_of(rows, [](const BenchRow &row) { return row.correct; });
  return allCorrect ? kExitSuccess : kExitMismatch;
}

} // namespace aieconv::driver
