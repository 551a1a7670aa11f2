//===- Options.cpp - aieconv's command line and help ----------------------===//
//
// Hand-rolled rather than llvm::cl: the driver must exit with 2 and a single
// line for any bad argument, and libLLVM's own global options must not show
// up in (or be accepted by) aieconv's command line.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"

#include "aieconv/Host/Diagnostics.h"

#include "aieconv/Pipelines/Pipelines.h"
#include "aieconv/Spec/SpecParser.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <thread>

namespace aieconv::driver {
namespace {

const llvm::StringRef kDevices[] = {"npu1", "npu2"};
const llvm::StringRef kStrategies[] = {"auto", "seed", "decompose",
                                       "im2col-l1"};

std::string joined(llvm::ArrayRef<llvm::StringRef> values) {
  return llvm::join(values, ", ");
}

llvm::Error checkOneOf(llvm::StringRef option, llvm::StringRef value,
                       llvm::ArrayRef<llvm::StringRef> allowed) {
  if (llvm::is_contained(allowed, value))
    return llvm::Error::success();
  return host::makeError(
      llvm::formatv("invalid value '{0}' for {1}; expected one "
                    "of {2}",
                    value, option, joined(allowed)));
}

llvm::StringRef commandName(Command command) {
  switch (command) {
  case Command::Run:
    return "run";
  case Command::Compile:
    return "compile";
  case Command::Bench:
    return "bench";
  }
  return "?";
}

/// The options of a command: name, whether it takes a value, and which
/// commands accept it.
struct OptionInfo {
  llvm::StringLiteral name;
  bool takesValue;
  bool forRun, forCompile, forBench;

  bool accepts(Command command) const {
    switch (command) {
    case Command::Run:
      return forRun;
    case Command::Compile:
      return forCompile;
    case Command::Bench:
      return forBench;
    }
    return false;
  }
};
constexpr OptionInfo kOptions[] = {
    {"--conv", true, true, true, false},
    {"--device", true, true, true, true},
    {"--strategy", true, true, true, true},
    {"--tile", true, true, true, false},
    {"--until", true, true, true, false},
    {"--print-ir-after-all", false, true, true, false},
    {"--seed", true, true, false, true},
    {"--json", false, true, false, true},
    {"-o", true, false, true, false},
    {"--emit-kernels", true, false, true, false},
    {"--trace", true, true, false, false},
    {"--type", true, false, false, true},
    {"--jobs", true, false, false, true},
};

/// More threads than measurements in a suite would only wait.
constexpr unsigned kMostJobs = 256;

llvm::Error setOption(DriverOptions &options, llvm::StringRef name,
                      llvm::StringRef value) {
  options.deviceGiven |= name == "--device";
  options.strategyGiven |= name == "--strategy";
  if (name == "--conv")
    options.convSpec = value.str();
  else if (name == "--device")
    options.device = value.str();
  else if (name == "--strategy")
    options.strategy = value.str();
  else if (name == "--tile")
    options.tile = value.str();
  else if (name == "--until")
    options.until = value.str();
  else if (name == "--print-ir-after-all")
    options.printIRAfterAll = true;
  else if (name == "--json")
    options.json = true;
  else if (name == "-o")
    options.outputFile = value.str();
  else if (name == "--emit-kernels")
    options.kernelsDir = value.str();
  else if (name == "--trace")
    options.traceFile = value.str();
  else if (name == "--type")
    options.type = value.str();
  else if (name == "--jobs" &&
           (value.getAsInteger(10, options.jobs) || options.jobs == 0 ||
            options.jobs > kMostJobs))
    return host::makeError(llvm::formatv(
        "invalid value '{0}' for --jobs; expected an integer from 1 to {1}",
        value, kMostJobs));
  else if (name == "--seed" && value.getAsInteger(10, options.seed))
    return host::makeError(llvm::formatv(
        "invalid value '{0}' for --seed; expected a non-negative integer",
        value));
  return llvm::Error::success();
}

llvm::Error validate(const DriverOptions &options) {
  llvm::StringRef command = commandName(options.command);
  // run accepts both: the file's @conv is then checked against the SPEC
  // (for IR that has no linalg conv any more, e.g. scheduled IR).
  bool both = !options.inputFile.empty() && !options.convSpec.empty();
  if (options.command == Command::Bench && options.inputFile.empty())
    return host::makeError(
        "aieconv bench needs a SUITE file; see aieconv bench --help");
  if (!options.type.empty())
    if (llvm::Error err = checkOneOf("--type", options.type, {"bf16", "i8"}))
      return err;
  if (options.inputFile.empty() && options.convSpec.empty())
    return host::makeError(llvm::formatv(
        "aieconv {0} needs FILE.mlir or --conv SPEC; see aieconv {0} --help",
        command));
  if (both && options.command == Command::Compile)
    return host::makeError("aieconv compile takes either FILE.mlir or --conv "
                           "SPEC, not both");
  if (llvm::Error err = checkOneOf("--device", options.device, kDevices))
    return err;
  if (llvm::Error err = checkOneOf("--strategy", options.strategy, kStrategies))
    return err;
  if (!options.until.empty() && options.until != kNoStage) {
    llvm::SmallVector<llvm::StringRef> stages(aieconv::stageNames());
    stages.insert(stages.begin(), kNoStage);
    if (llvm::Error err = checkOneOf("--until", options.until, stages))
      return err;
  }
  return llvm::Error::success();
}

} // namespace

llvm::Expected<ParsedCommandLine>
parseCommandLine(llvm::ArrayRef<const char *> args) {
  ParsedCommandLine parsed;
  if (args.empty())
    return host::makeError("no command given; try aieconv --help");
  llvm::StringRef first = args.front();
  if (first == "--help" || first == "-h" || first == "help") {
    parsed.help = mainHelp();
    return parsed;
  }
  DriverOptions &options = parsed.options;
  if (first == "run")
    options.command = Command::Run;
  else if (first == "compile")
    options.command = Command::Compile;
  else if (first == "bench")
    options.command = Command::Bench;
  else
    return host::makeError(llvm::formatv(
        "unknown command '{0}'; expected run, compile or bench (see aieconv "
        "--help)",
        first));
  llvm::StringRef command = commandName(options.command);

  for (size_t i = 1; i < args.size(); ++i) {
    llvm::StringRef arg = args[i];
    if (arg == "--help" || arg == "-h") {
      parsed.help = commandHelp(options.command);
      return parsed;
    }
    if (!arg.starts_with("-") || arg == "-") {
      if (!options.inputFile.empty())
        return host::makeError(llvm::formatv(
            "aieconv {0} takes one input file; got '{1}' and '{2}'", command,
            options.inputFile, arg));
      options.inputFile = arg.str();
      continue;
    }
    auto [name, inlineValue] = arg.split('=');
    bool hasInlineValue = arg.contains('=');
    const OptionInfo *info = llvm::find_if(
        kOptions, [&](const OptionInfo &o) { return o.name == name; });
    bool accepted =
        info != std::end(kOptions) && info->accepts(options.command);
    if (!accepted)
      return host::makeError(llvm::formatv(
          "unknown option '{0}' for aieconv {1} (see aieconv {1} --help)", name,
          command));
    llvm::StringRef value = inlineValue;
    if (info->takesValue && !hasInlineValue) {
      if (i + 1 == args.size())
        return host::makeError(llvm::formatv("option {0} needs a value", name));
      value = args[++i];
    } else if (!info->takesValue && hasInlineValue) {
      return host::makeError(llvm::formatv("option {0} takes no value", name));
    }
    if (llvm::Error err = setOption(options, name, value))
      return std::move(err);
  }
  if (!options.tile.empty() && !options.strategyGiven)
    options.strategy = "im2col-l1";
  if (llvm::Error err = validate(options))
    return std::move(err);
  return parsed;
}

unsigned DriverOptions::defaultJobs() {
  return std::max(1u, std::thread::hardware_concurrency());
}

std::string mainHelp() {
  std::string text =
      R"(aieconv - compile convolutions into AIE matmul ukernel calls, and check them

USAGE
  aieconv run     [FILE.mlir | --conv SPEC | FILE.mlir --conv SPEC] [options]
  aieconv compile [FILE.mlir | --conv SPEC] [-o OUT.mlir] [--emit-kernels DIR]
  aieconv bench   SUITE [--type bf16|i8] [--device D] [--strategy S] [--json]
                  [--jobs N]
  aieconv <command> --help

COMMANDS
  run      Compile one convolution with the aieconv pipeline for the chosen
           device and strategy, JIT the compiled IR on this host with the host
           build of the very ukernel sources the AIE runs, execute it on seeded
           random operands and compare the output with an independent
           reference convolution; when it matched, times the same compiled
           program on the simulator of the AIE array. Prints the layer, the
           ukernel calls made, L1/L2 bytes, the verdict and the modelled
           cycles against the MAC peak and the roofline (or one JSON object
           with --json).
  compile  Compile a module (every function in it) and write the scheduled
           IR; with --emit-kernels, also the AIE C++ source of every ukernel
           variant the IR calls, one file per call symbol.
  bench    Run every layer of a suite file (one SPEC per line, e.g.
           bench/resnet50.txt) like `run`, under the chosen strategy and under
           `seed`: a row per layer with MACs, strategy and tiles, modelled
           cycles, % of MAC peak, % of roofline, the busiest resource kind
           and its busy fraction, and the speed-up over seed; geometric
           means at the end. Progress goes to stderr.

The input is a .mlir file holding exactly one supported linalg convolution
(conv_2d_nhwc_hwcf, conv_2d_nchw_fchw, depthwise_conv_2d_nhwc_hwc,
conv_1d_nwc_wcf on static shapes, bf16 x bf16 -> f32 or i8 x i8 -> i32), in a
function taking (input, filter) and returning the output (a tensor.pad of the
input becomes the layer's padding), or a SPEC (below) from which that function
is built.

With both FILE.mlir and --conv SPEC, run checks the function @conv of the
file against the SPEC, whatever its body (e.g. scheduled IR written by
compile, or a hand-edited schedule); pass --until none to run it as it is.

EXIT STATUS
  0  success (run: the output matched the reference)
  1  run: the output does not match the reference
  2  invalid input, or a failure to compile or run; one line on stderr says why

)";
  text += aieconv::specSyntaxHelp();
  return text;
}

std::string commandHelp(Command command) {
  std::string common =
      R"(  FILE.mlir            module with one linalg convolution (see aieconv --help)
  --conv SPEC          the layer as a SPEC instead of a file (see aieconv --help)
  --device npu1|npu2   target device (default npu1)
  --strategy S         auto | seed | decompose | im2col-l1 (default auto)
  --tile T             a fixed tiling instead of the search, written as the
                       schedule's `tile` entry records it, e.g.
                       th=1,tw=28,toc=32,icb=128,acc=2,resident=1,l2icb=0,
                       columns=4,rows=4,cores=share-input,split=rows
                       (th, tw, toc, icb required); strategy decompose or
                       im2col-l1 (the default with --tile). cores=cascade
                       (im2col-l1, icb = input channels / rows) chains a
                       column's cores over the reduction: one ic block
                       each, partial sums passed on the cascade stream;
                       the search does not pick it.
                       last=P (im2col-l1) splits the last step of the tiles
                       of the last round into P calls over their output
                       channels, each part drained after its call, and the
                       earlier rounds' tiles drain in P chunks (default 1;
                       the search tries 2, 4 and 8). keepin=1 (im2col-l1,
                       cores=share-input, split=rows) keeps each core's
                       input tile in L1 across the output-channel blocks.
                       form=F: the conv's shape the sizes are for,
                       as-given (default), one-row (a 1x1 conv at unit
                       stride, pixels as one row), folded-columns (the
                       window's columns folded into the channels),
                       folded-window (the whole window: a 1x1 conv) or
                       folded-window-one-row (folded, then its pixels as
                       one row); the search records the form it took
  --until STAGE        stop the pipeline after STAGE: )";
  common += joined(aieconv::stageNames()) +
            "\n                       (default: all); 'none' runs no stage, "
            "the conv as given\n"
            "                       (run: a module compiled through every "
            "stage is\n"
            "                       timed on the device its schedule "
            "records)\n";
  common += "  --print-ir-after-all print the IR after every pass on stderr\n";
  if (command == Command::Run)
    return "USAGE: aieconv run [FILE.mlir | --conv SPEC | FILE.mlir --conv "
           "SPEC] [options]\n\n"
           "Compiles the convolution, runs the compiled IR on this host with\n"
           "the host ukernels, and checks it against the reference. With a\n"
           "file and a SPEC, the file's @conv is checked against the SPEC.\n\n"
           "OPTIONS\n" +
           common +
           "  --seed N             seed of the random operands (default 1)\n"
           "  --trace FILE         write the simulator's Chrome/Perfetto "
           "trace\n"
           "                       (open it in ui.perfetto.dev)\n"
           "  --json               print one JSON object instead of the "
           "report:\n"
           "                       correct, max_abs_error, max_rel_error,\n"
           "                       tolerance (largest per-element bound; 0 "
           "for i8,\n"
           "                       which must be exact), macs, device, "
           "strategy,\n"
           "                       ukernel_calls (null when a loop bound or "
           "a\n"
           "                       branch on the indices is not constant),\n"
           "                       ukernels, l1_bytes, l2_bytes,\n"
           "                       schedule (the recorded tiling decision), "
           "and\n"
           "                       when simulated: cycles, peak_efficiency,\n"
           "                       roofline_cycles, roofline_efficiency, "
           "bound,\n"
           "                       start_cycles and tail_cycles (before the\n"
           "                       first ukernel call and after the last),\n"
           "                       analytic_cycles, buffer_descriptors (the\n"
           "                       busiest memtile's and core tile's, against\n"
           "                       what one holds), busiest (the resource busy\n"
           "                       the longest: resource, kind, "
           "busy_fraction), ...\n\n"
           "Exit status: 0 match, 1 mismatch, 2 invalid input or failure.\n";
  if (command == Command::Bench)
    return "USAGE: aieconv bench SUITE [options]\n\n"
           "Runs, checks and simulates every layer of SUITE (one SPEC per "
           "line,\n"
           "optionally 'name:' first; blank lines and '#' comments ignored)\n"
           "under --strategy and under seed, and prints a row per layer,\n"
           "the geometric means, and the totals of the layers run as often\n"
           "as the suite says they occur in their network (a name followed\n"
           "by xN, e.g. 'res2a_b2b x3:'; once without): cycles, % of their\n"
           "summed roofline, speed-up over seed's total, which weigh the\n"
           "layers by their time. A layer the seed\n"
           "tiling cannot compile is still measured under --strategy; its\n"
           "row says why seed has none, and the speed-up's geomean and\n"
           "total leave it out.\n\n"
           "OPTIONS\n"
           "  --type bf16|i8       element type of every layer (default: as "
           "the\n"
           "                       suite says, else bf16)\n"
           "  --device npu1|npu2   target device (default npu1)\n"
           "  --strategy S         auto | seed | decompose | im2col-l1 "
           "(default auto)\n"
           "  --seed N             seed of the random operands (default 1)\n"
           "  --jobs N             measurements run at once, each on a thread\n"
           "                       of its own (default: the host's hardware\n"
           "                       threads, here " +
           std::to_string(DriverOptions::defaultJobs()) +
           "); the results do not\n"
           "                       depend on it. Progress, and last the\n"
           "                       wall time, go to stderr\n"
           "  --json               one JSON object: {\"layers\": [{name, macs,\n"
           "                       occurrences,\n"
           "                       strategy, tile (the schedule's, which\n"
           "                       run --tile takes back), cycles,\n"
           "                       peak_efficiency,\n"
           "                       roofline_efficiency, busiest,\n"
           "                       busiest_fraction, start_cycles,\n"
           "                       tail_cycles, seed_cycles,\n"
           "                       seed_speedup (null, and seed_error\n"
           "                       saying why, when seed failed),\n"
           "                       memtile_descriptors,\n"
           "                       whole_tiles (none|input|output|both: "
           "the DMAs that\n"
           "                       move padding too), ...}],\n"
           "                       geomean_roofline_efficiency, "
           "geomean_seed_speedup,\n"
           "                       total_runs, total_cycles,\n"
           "                       total_roofline_efficiency,\n"
           "                       total_seed_speedup,\n"
           "                       layers_over_descriptor_budget,\n"
           "                       layers_moving_whole_tiles}\n\n"
           "Exit status: 0 every layer matched, 1 some layer did not, 2 "
           "invalid\ninput or failure.\n";
  return "USAGE: aieconv compile [FILE.mlir | --conv SPEC] [options]\n\n"
         "Compiles a module and writes the scheduled IR.\n\n"
         "OPTIONS\n" +
         common +
         "  -o OUT.mlir          output file (default: stdout)\n"
         "  --emit-kernels DIR   write the AIE source of each ukernel call\n"
         "                       symbol to DIR/<symbol>.cc\n\n"
         "Exit status: 0 success, 2 invalid input or failure.\n";
}

} // namespace aieconv::driver
