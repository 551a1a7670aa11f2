//===- CompileCommand.cpp - aieconv compile -------------------------------===//
//
// Writes the scheduled IR, and with --emit-kernels the AIE source of every
// ukernel call symbol in it.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"

#include "aieconv/Host/Diagnostics.h"

#include "aieconv/Transforms/Passes.h"

#include "mlir/Pass/PassManager.h"

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

/// One file per ukernel symbol, named after it (the symbol encodes variant
/// and shape, so the files of two layers never collide unless they are the
/// same kernel), written by the aieconv-emit-ukernel-sources pass.
llvm::Error emitKernels(ModuleOp module, llvm::StringRef dir) {
  host::FirstErrorCollector errors(*module.getContext());
  PassManager pm(module.getContext(), ModuleOp::getOperationName());
  EmitUKernelSourcesPassOptions options;
  options.outputDir = dir.str();
  pm.addPass(createEmitUKernelSourcesPass(options));
  if (failed(pm.run(module)))
    return errors.takeError("cannot emit the ukernel sources");
  size_t written = llvm::count_if(module.getOps<func::FuncOp>(),
                                  [](func::FuncOp f) { return f.isDeclaration(); });
  llvm::errs() << llvm::formatv(
      "aieconv compile: wrote {0} ukernel source file(s) to {1}\n", written,
      dir);
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
