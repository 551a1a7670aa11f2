//===- aieconv-sim.cpp - Simulate scheduled IR on the array model ---------===//
//
// Reads scheduled IR (the output of `aieconv-opt --aieconv-pipeline`),
// simulates every function holding a scheduled forall on the device model
// and prints the report (text, or JSON with --json); --trace writes the
// Chrome trace-event JSON of one function for ui.perfetto.dev.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Sim/ProgramFromIR.h"
#include "aieconv/Sim/SimReport.h"
#include "aieconv/Sim/Simulator.h"
#include "aieconv/Sim/TraceWriter.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <fstream>

using namespace llvm;

/// Only this tool's options show in --help, not those of the LLVM
/// libraries linked in.
static cl::OptionCategory simCategory("aieconv-sim options");

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<input.mlir>"),
                                      cl::init("-"), cl::cat(simCategory));
static cl::opt<std::string>
    deviceName("device",
               cl::desc("Device model: npu1 or npu2 (default: the "
                        "schedule's)"),
               cl::init(""), cl::cat(simCategory));
static cl::opt<std::string>
    traceFile("trace",
              cl::desc("Write a Chrome/Perfetto trace of the first "
                       "simulated function (or --function) here"),
              cl::init(""), cl::cat(simCategory));
static cl::opt<std::string>
    functionName("function", cl::desc("Simulate only this function"),
                 cl::init(""), cl::cat(simCategory));
static cl::opt<bool> json("json", cl::desc("Print the reports as JSON"),
                          cl::init(false), cl::cat(simCategory));
static cl::opt<bool> perResource("resources",
                                 cl::desc("List the busy fraction of every "
                                          "resource in the text report"),
                                 cl::init(false), cl::cat(simCategory));
static cl::opt<int64_t>
    maxSteps("max-steps",
             cl::desc("Reduction steps simulated one by one before "
                      "consecutive steps are merged"),
             cl::init(100000), cl::cat(simCategory));

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(simCategory);
  cl::ParseCommandLineOptions(argc, argv, "aieconv array simulator\n");

  aieconv::sim::ProgramOptions options;
  options.maxSteps = maxSteps;
  if (!deviceName.empty()) {
    options.device = aieconv::kernels::parseDevice(deviceName.getValue());
    if (!options.device) {
      errs() << "error: unknown device '" << deviceName << "'\n";
      return 1;
    }
  }

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  std::string message;
  std::unique_ptr<MemoryBuffer> file = mlir::openInputFile(inputFile, &message);
  if (!file) {
    errs() << "error: " << message << "\n";
    return 1;
  }
  SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(file), SMLoc());
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr, &context);
  if (!module)
    return 1;

  bool failed = false, traced = false, any = false;
  if (json)
    outs() << "[";
  for (mlir::func::FuncOp func : aieconv::sim::scheduledFunctions(*module)) {
    if (!functionName.empty() && func.getSymName() != functionName)
      continue;
    std::string error;
    std::optional<aieconv::sim::LayerProgram> layer =
        aieconv::sim::buildProgram(func, options, error);
    if (!layer) {
      errs() << "error: @" << func.getSymName() << ": " << error << "\n";
      failed = true;
      continue;
    }
    aieconv::sim::SimResult result = aieconv::sim::simulate(layer->program);
    aieconv::sim::SimReport report =
        aieconv::sim::makeReport(layer->program, result, layer->facts);
    failed |= !result.ok;
    if (json) {
      outs() << (any ? ",\n" : "\n") << aieconv::sim::reportToJson(report);
    } else {
      outs() << (any ? "\n" : "")
             << aieconv::sim::formatReport(report, perResource);
      outs() << "mapping: " << layer->coreTiles << " core tiles on "
             << layer->columns << " columns x " << layer->rows << " rows, "
             << layer->rounds << " rounds; " << layer->stepsPerTile
             << " steps per tile, " << layer->stepsPerTask << " per task\n";
      outs() << "layer_ops: " << layer->layerOps << " (" << layer->layerOpBytes
             << " bytes, done by the shim DMAs)\n";
    }
    any = true;
    if (!traceFile.empty() && !traced) {
      std::ofstream os(traceFile.getValue());
      if (!os) {
        errs() << "error: cannot write " << traceFile << "\n";
        return 1;
      }
      aieconv::sim::writeChromeTrace(
          layer->program, result,
          aieconv::target::getDeviceModel(layer->facts.device).clockMHz, os);
      traced = true;
    }
  }
  if (json)
    outs() << "\n]\n";
  if (!any && !failed) {
    errs() << "error: no function with a scheduled forall"
           << (functionName.empty() ? "" : " named " + functionName) << "\n";
    return 1;
  }
  return failed ? 1 : 0;
}
