//===- HostTestSupport.h - Helpers of the host backend tests ----*- C++ -*-===//

#ifndef AIECONV_UNITTESTS_HOST_HOSTTESTSUPPORT_H
#define AIECONV_UNITTESTS_HOST_HOSTTESTSUPPORT_H

#include "aieconv/Spec/SpecParser.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/BuiltinOps.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>
#include <variant>

namespace aieconv::hosttest {

/// The layer of a SPEC the test knows to be valid; a test failure otherwise.
inline ConvSpec specOf(std::string_view text) {
  auto parsed = parseConvSpec(text);
  if (auto *err = std::get_if<SpecError>(&parsed)) {
    ADD_FAILURE() << text << ": " << err->message;
    return {};
  }
  return std::get<ConvSpec>(parsed);
}

/// The layers of bench/<file>; empty when the file is missing.
inline std::vector<ConvSpec> loadBenchSuite(const std::string &file) {
  std::ifstream in(std::string(AIECONV_BENCH_DIR) + "/" + file);
  std::stringstream text;
  text << in.rdbuf();
  return parseSuite(text.str()).specs;
}

/// Whether `op` only moves data: a generic whose body yields its one
/// input's element (a gather such as the window fold's).
inline bool isPlainCopy(mlir::Operation *op) {
  auto generic = mlir::dyn_cast<mlir::linalg::GenericOp>(op);
  if (!generic || generic.getNumDpsInputs() != 1 ||
      generic.getNumReductionLoops() != 0)
    return false;
  mlir::Block &body = generic.getRegion().front();
  auto yield = mlir::dyn_cast<mlir::linalg::YieldOp>(body.front());
  return yield && yield.getNumOperands() == 1 &&
         yield.getOperand(0) == body.getArgument(0);
}

/// Every contraction of the compiled `module` became a ukernel call: no
/// convolution, matmul or generic is left to run as plain loops, but for
/// generics that only move data.
inline void expectOnlyUKernelWork(mlir::ModuleOp module) {
  module->walk([](mlir::Operation *op) {
    EXPECT_FALSE((mlir::isa<mlir::linalg::GenericOp, mlir::linalg::MatmulOp,
                            mlir::linalg::ConvolutionOpInterface>(op) &&
                  !isPlainCopy(op)))
        << "left for plain loops: " << op->getName().getStringRef().str();
  });
}

} // namespace aieconv::hosttest

#endif // AIECONV_UNITTESTS_HOST_HOSTTESTSUPPORT_H
