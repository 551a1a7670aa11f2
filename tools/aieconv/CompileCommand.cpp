//===- CompileCommand.cpp - aieconv compile
//--------------------------------===//
//
// Writes the scheduled IR, and with --emit-kernels the AIE source of every
// ukernel call symbol in it.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"

#include "aieconv/Host/Diagnostics.h"

#include "aieconv/Host/ScheduleStats.h"

#include "host/HostUKernels.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/FileUtilities.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace aieconv::driver {
namespace {

llvm::Error writeFile(llvm::StringRef path,
                      llvm::function_ref<void(llvm::raw_ostream &)> write) {
  std::string message;
  std::unique_ptr<llvm::ToolOutputFile> file = openOutputFile(path, &message);
  if (!file)
    return host::makeError(
        llvm::formatv("cannot write '{0}': {1}", path, message));
  write(file->os());
  file->keep();
  return llvm::Error::success();
}

/// One file per ukernel symbol, named after it: the symbol encodes variant
/// and shape, so the files of two layers never collide unless they are the
/// same kernel.
llvm::Error emitKernels(ModuleOp module, llvm::StringRef dir) {
  if (std::error_code ec = llvm::sys::fs::create_directories(dir))
    return host::makeError(
        llvm::formatv("cannot create directory '{0}': {1}", dir, ec.message()));
  host::ScheduleStats stats = host::collectScheduleStats(module);
  for (const host::UKernelUse &use : stats.ukernels) {
    std::optional<std::string> source = kernels::aieSourceForSymbol(use.symbol);
    if (!source)
      return host::makeError(
          llvm::formatv("no AIE source for ukernel '{0}'", use.symbol));
    llvm::SmallString<128> path(dir);
    llvm::sys::path::append(path, use.symbol + ".cc");
    if (llvm::Error err =
            writeFile(path, [&](llvm::raw_ostream &os) { os << *source; }))
      return err;
  }
  llvm::errs() << llvm::formatv(
      "aieconv compile: wrote {0} ukernel source file(s) to {1}\n",
      stats.ukernels.size(), dir);
  return llvm::Error::success();
}

} // namespace

int compileCommand(MLIRContext &context, const DriverOptions &options) {
  llvm::Expected<DriverInput> input =
      loadInput(context, options, /*needSpec=*/false);
  if (!input)
    return reportError(input.takeError());
  std::vector<std::string> remarks;
  if (llvm::Error err = compileModule(*input->module, options, remarks))
    return reportError(std::move(err));
  for (const std::string &remark : remarks)
    llvm::errs() << "aieconv: remark: " << remark << "\n";
  if (llvm::Error err =
          writeFile(options.outputFile, [&](llvm::raw_ostream &os) {
            input->module->print(os);
            os << "\n";
          }))
    return reportError(std::move(err));
  if (!options.kernelsDir.empty())
    if (llvm::Error err = emitKernels(*input->module, options.kernelsDir))
      return reportError(std::move(err));
  return kExitSuccess;
}

} // namespace aieconv::driver
