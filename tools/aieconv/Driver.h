//===- Driver.h - The aieconv driver's shared pieces ------------*- C++ -*-===//
//
// The command line of `aieconv run` and `aieconv compile`, the input they
// share (a .mlir file or a SPEC), and the pipeline run. Every failure is an
// llvm::Error with a one-line message; main prints it and exits with 2.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_TOOLS_AIECONV_DRIVER_H
#define AIECONV_TOOLS_AIECONV_DRIVER_H

#include "aieconv/Host/HostExecutor.h"
#include "aieconv/Host/ScheduleStats.h"
#include "aieconv/Sim/SimReport.h"
#include "aieconv/Spec/ConvSpec.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace aieconv::driver {

/// Exit status of the driver.
enum ExitCode : int {
  kExitSuccess = 0,  ///< compiled (and, for run, the output matched)
  kExitMismatch = 1, ///< run: the output differs from the reference
  kExitInvalid = 2,  ///< invalid input or a failure to compile or run
};

enum class Command { Run, Compile, Bench };

/// --until value that runs no pipeline stage: the conv is executed as given,
/// which checks the host backend and the reference on their own.
inline constexpr llvm::StringLiteral kNoStage = "none";

struct DriverOptions {
  Command command = Command::Run;
  /// The .mlir file, or "" when the layer comes from --conv.
  std::string inputFile;
  /// The SPEC of --conv, or "".
  std::string convSpec;
  std::string device = "npu1";
  /// Whether --device was given (a compiled module otherwise brings its
  /// own).
  bool deviceGiven = false;
  /// "auto" unless --strategy is given; a --tile without --strategy runs
  /// im2col-l1, the strategy whose tiles the search records.
  std::string strategy = "auto";
  bool strategyGiven = false;
  /// A fixed tiling (the schedule's `tile` entry) instead of the search, or
  /// "".
  std::string tile;
  uint64_t seed = 1;
  bool json = false;
  bool printIRAfterAll = false;
  /// Last pipeline stage to run; "" for all, kNoStage for none.
  std::string until;
  /// compile: where the scheduled IR goes ("-" for stdout).
  std::string outputFile = "-";
  /// compile: directory for the AIE sources of the ukernels used, or "".
  std::string kernelsDir;
  /// run: where the simulator writes its Chrome/Perfetto trace, or "".
  std::string traceFile;
  /// bench: element type of every layer ("bf16" or "i8"), unless "".
  std::string type;
  /// bench: measurements run at once, each on a thread of its own.
  unsigned jobs = defaultJobs();

  /// The host's hardware threads (at least 1).
  static unsigned defaultJobs();
};

/// What parseCommandLine found: options to run, or help to print.
struct ParsedCommandLine {
  DriverOptions options;
  /// Set when --help was asked for: the text to print (exit 0).
  std::optional<std::string> help;
};

/// Parses `args` (without the program name). Errors are one line, e.g.
/// "unknown option '--foo' for 'aieconv run'".
llvm::Expected<ParsedCommandLine>
parseCommandLine(llvm::ArrayRef<const char *> args);

/// The help texts (Options.cpp).
std::string mainHelp();
std::string commandHelp(Command command);

/// The module to compile, and for a conv the spec it computes.
struct DriverInput {
  mlir::OwningOpRef<mlir::ModuleOp> module;
  /// The layer (from --conv, or read off the file's conv); set for `run`
  /// always, for `compile` when --conv was given.
  std::optional<ConvSpec> spec;
  /// The function that computes the layer.
  std::string entry = "conv";
};

/// A context for the driver's work, with every dialect of `registry`: one
/// thread's (no threads of its own, which only add start-up time to one
/// small module), and diagnostics of one line.
std::unique_ptr<mlir::MLIRContext>
createDriverContext(const mlir::DialectRegistry &registry);

/// Builds the module from --conv or parses the file; for `run` (`needSpec`)
/// also derives the spec of a file's conv. With both a file and a SPEC, the
/// file's @conv is taken as the layer's function as it is. Invalid SPECs,
/// unparsable files and unsupported convs are errors.
llvm::Expected<DriverInput> loadInput(mlir::MLIRContext &context,
                                      const DriverOptions &options,
                                      bool needSpec);

/// Runs the conv pipeline (up to --until) on `module`. Warnings and remarks
/// of the passes are appended to `remarks`.
llvm::Error compileModule(mlir::ModuleOp module, const DriverOptions &options,
                          std::vector<std::string> &remarks);

/// `options` for a module taken as it is (--until none) that holds a
/// schedule: the device is the one the schedule records, and a --device
/// that disagrees is an error. `options` unchanged otherwise.
llvm::Expected<DriverOptions>
optionsForScheduledModule(mlir::ModuleOp module, const DriverOptions &options);

/// The stage the pipeline ran to, for reports.
llvm::StringRef lastStageName(const DriverOptions &options);

/// One layer compiled, executed on the host and checked, and (when correct
/// and scheduled) simulated (Measure.cpp).
struct Measurement {
  /// Wall time of the aieconv pipeline on the module (0 with --until none).
  double pipelineSeconds = 0;
  host::ConvCheck check;
  host::ScheduleStats stats;
  std::vector<std::string> remarks;
  /// The simulation of the checked program; empty with the reason in
  /// `notSimulated` otherwise.
  std::optional<sim::SimReport> sim;
  std::string notSimulated;
};

/// Compiles `input` as `options` say, runs it on the host against the
/// reference and, when it matched, simulates the scheduled IR (writing the
/// trace when `options.traceFile` is set).
llvm::Expected<Measurement> measure(DriverInput &input, const ConvSpec &spec,
                                    const DriverOptions &options);

/// The commands (RunCommand.cpp, CompileCommand.cpp, BenchCommand.cpp); they
/// return the exit code, printing their own results and errors.
int runCommand(mlir::MLIRContext &context, const DriverOptions &options);
int compileCommand(mlir::MLIRContext &context, const DriverOptions &options);
int benchCommand(mlir::MLIRContext &context, const DriverOptions &options);

/// A JSON number, or null for infinities and NaNs, which JSON cannot hold.
llvm::json::Value jsonNumber(double value);

/// Prints "aieconv: error: <message>" on stderr and returns kExitInvalid.
int reportError(llvm::Error error);

} // namespace aieconv::driver

#endif // AIECONV_TOOLS_AIECONV_DRIVER_H
