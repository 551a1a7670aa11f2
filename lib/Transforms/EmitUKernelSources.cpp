//===- EmitUKernelSources.cpp - Declared ukernels exist, with sources -----===//

#include "aieconv/Transforms/Passes.h"

#include "host/HostUKernels.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#define DEBUG_TYPE "aieconv-emit-ukernel-sources"

namespace aieconv {
#define GEN_PASS_DEF_EMITUKERNELSOURCESPASS
#include "aieconv/Transforms/Passes.h.inc"
} // namespace aieconv

using namespace mlir;

namespace aieconv {
namespace {

struct EmitUKernelSourcesPass
    : public impl::EmitUKernelSourcesPassBase<EmitUKernelSourcesPass> {
  using Base::Base;

  void runOnOperation() override {
    if (!outputDir.empty())
      if (std::error_code ec = llvm::sys::fs::create_directories(outputDir)) {
        getOperation().emitError() << "cannot create directory '" << outputDir
                                   << "': " << ec.message();
        return signalPassFailure();
      }
    for (auto declaration : getOperation().getOps<func::FuncOp>()) {
      if (!declaration.isDeclaration())
        continue;
      StringRef symbol = declaration.getSymName();
      std::optional<std::string> source =
          kernels::lookupHostUKernel(symbol)
              ? kernels::aieSourceForSymbol(symbol)
              : std::nullopt;
      if (!source) {
        declaration.emitError() << "'" << symbol
                                << "' is not defined by the ukernel library";
        signalPassFailure();
        continue;
      }
      if (!outputDir.empty() && failed(write(symbol, *source, declaration)))
        signalPassFailure();
    }
  }

private:
  LogicalResult write(StringRef symbol, StringRef source, Operation *user) {
    llvm::SmallString<128> path(outputDir);
    llvm::sys::path::append(path, symbol + ".cc");
    std::error_code ec;
    llvm::raw_fd_ostream os(path, ec);
    if (!ec) {
      os << source;
      os.close();
      ec = os.error();
    }
    if (ec)
      return user->emitError() << "cannot write '" << path
                               << "': " << ec.message();
    return success();
  }
};

} // namespace
} // namespace aieconv
