//===- Input.cpp - The driver's input and pipeline run --------------------===//

#include "Driver.h"

#include "aieconv/Host/ConvBuilder.h"
#include "aieconv/Host/Diagnostics.h"
#include "aieconv/Host/ScheduleStats.h"
#include "aieconv/Pipelines/Pipelines.h"
#include "aieconv/Spec/SpecParser.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <variant>

using namespace mlir;

namespace aieconv::driver {
namespace {

llvm::Expected<OwningOpRef<ModuleOp>> parseFile(MLIRContext &context,
                                                llvm::StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFileOrSTDIN(path, /*IsText=*/true);
  if (!buffer)
    return host::makeError(llvm::formatv("cannot read '{0}': {1}", path,
                                         buffer.getError().message()));
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  host::FirstErrorCollector errors(context);
  OwningOpRef<ModuleOp> module =
      parseSourceFile<ModuleOp>(sourceMgr, ParserConfig(&context));
  if (!module)
    return errors.takeError(llvm::formatv("cannot parse '{0}'", path));
  return std::move(module);
}

} // namespace

llvm::Expected<DriverInput>
loadInput(MLIRContext &context, const DriverOptions &options, bool needSpec) {
  DriverInput input;
  input.entry = host::kConvFunctionName.str();
  if (!options.convSpec.empty()) {
    std::variant<ConvSpec, SpecError> parsed = parseConvSpec(options.convSpec);
    if (auto *bad = std::get_if<SpecError>(&parsed))
      return host::makeError("invalid SPEC: " + bad->message);
    input.spec = std::get<ConvSpec>(parsed);
    if (options.inputFile.empty()) {
      input.module = host::buildConvModule(context, *input.spec);
      return std::move(input);
    }
  }
  llvm::Expected<OwningOpRef<ModuleOp>> module =
      parseFile(context, options.inputFile);
  if (!module)
    return module.takeError();
  input.module = std::move(*module);
  if (input.spec) {
    // The file's @conv is checked against the given SPEC as it is.
    if (!input.module->lookupSymbol<func::FuncOp>(input.entry))
      return host::makeError(
          llvm::formatv("{0}: no function @{1} to check against the SPEC",
                        options.inputFile, input.entry));
    return std::move(input);
  }
  if (needSpec) {
    llvm::Expected<host::ExtractedConv> conv =
        host::extractConvSpec(*input.module);
    if (!conv)
      return host::makeError(llvm::formatv("{0}: {1}", options.inputFile,
                                           llvm::toString(conv.takeError())));
    input.spec = conv->spec;
    input.entry = conv->function.getSymName().str();
  }
  return std::move(input);
}

llvm::Error compileModule(ModuleOp module, const DriverOptions &options,
                          std::vector<std::string> &remarks) {
  if (options.until == kNoStage)
    return llvm::Error::success();
  // The pipeline's first passes expect a conv on tensors; a compiled
  // module would fail deep inside them with an unhelpful message.
  bool scheduled = false;
  module.walk([&](Operation *op) {
    scheduled |= op->hasAttr("aieconv.schedule");
  });
  if (scheduled)
    return host::makeError(
        "the module is compiled already (it holds a scheduled core loop); "
        "pass --until none to take it as it is");
  MLIRContext &context = *module.getContext();
  PipelineOptions pipelineOptions;
  pipelineOptions.device = options.device;
  pipelineOptions.strategy = options.strategy;
  pipelineOptions.tile = options.tile;
  PassManager pm(&context);
  if (failed(buildConvPipeline(pm, pipelineOptions, options.until)))
    return host::makeError(
        llvm::formatv("unknown pipeline stage '{0}'", options.until));
  if (options.printIRAfterAll) {
    // Printing after each pass needs the passes to run one at a time.
    context.disableMultithreading();
    pm.enableIRPrinting(
        /*shouldPrintBeforePass=*/[](Pass *, Operation *) { return false; },
        /*shouldPrintAfterPass=*/[](Pass *, Operation *) { return true; },
        /*printModuleScope=*/true, /*printAfterOnlyOnChange=*/false);
  }
  host::FirstErrorCollector errors(context);
  LogicalResult result = pm.run(module);
  remarks.insert(remarks.end(), errors.remarks().begin(),
                 errors.remarks().end());
  if (failed(result))
    return errors.takeError(
        llvm::formatv("the pipeline failed (device {0}, strategy {1})",
                      options.device, options.strategy));
  return llvm::Error::success();
}

llvm::Expected<DriverOptions>
optionsForScheduledModule(ModuleOp module, const DriverOptions &options) {
  DriverOptions resolved = options;
  if (options.until != kNoStage)
    return resolved;
  std::optional<std::string> recorded =
      host::collectScheduleStats(module).scheduleValue("device");
  if (!recorded || *recorded == options.device)
    return resolved;
  if (options.deviceGiven)
    return host::makeError(llvm::formatv(
        "the module is scheduled for device {0}, not the {1} of --device",
        *recorded, options.device));
  resolved.device = *recorded;
  return resolved;
}

llvm::StringRef lastStageName(const DriverOptions &options) {
  if (!options.until.empty())
    return options.until;
  return stageNames().back();
}

std::unique_ptr<MLIRContext>
createDriverContext(const DialectRegistry &registry) {
  auto context = std::make_unique<MLIRContext>(
      registry, MLIRContext::Threading::DISABLED);
  // A pass error names the op's location; the whole op printed after it
  // would bury the one line that says what is wrong.
  context->printOpOnDiagnostic(false);
  return context;
}

int reportError(llvm::Error err) {
  std::string message = llvm::toString(std::move(err));
  for (char &c : message)
    if (c == '\n')
      c = ' ';
  llvm::errs() << "aieconv: error: " << message << "\n";
  return kExitInvalid;
}

} // namespace aieconv::driver
