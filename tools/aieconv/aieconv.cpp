//===- aieconv.cpp - The aieconv driver -----------------------------------===//
//
// `aieconv run`, `compile` and `bench`; see `aieconv --help`. Every failure
// ends in one line on stderr and exit status 2 (1 is reserved for a run whose
// output differs from the reference).
//
//===----------------------------------------------------------------------===//

#include "Driver.h"

#include "aieconv/Host/HostExecutor.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  // No LLVM signal handlers (InitLLVM): the driver reports failures as one
  // line, and a crash must not add LLVM's bug-report stack dump.
  using namespace aieconv::driver;

  llvm::Expected<ParsedCommandLine> parsed =
      parseCommandLine(llvm::ArrayRef<const char *>(argv + 1, argv + argc));
  if (!parsed)
    return reportError(parsed.takeError());
  if (parsed->help) {
    llvm::outs() << *parsed->help;
    return kExitSuccess;
  }

  // Every upstream dialect, so that any user file parses and the host
  // lowering finds its conversions.
  mlir::DialectRegistry registry;
  aieconv::host::registerHostDialects(registry);
  std::unique_ptr<mlir::MLIRContext> context = createDriverContext(registry);

  const DriverOptions &options = parsed->options;
  switch (options.command) {
  case Command::Run:
    return runCommand(*context, options);
  case Command::Compile:
    return compileCommand(*context, options);
  case Command::Bench:
    return benchCommand(*context, options);
  }
  return kExitInvalid;
}
