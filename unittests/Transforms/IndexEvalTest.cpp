//===- IndexEvalTest.cpp - Index values at bound loop indices -------------===//

#include "aieconv/Transforms/IndexEval.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

using namespace mlir;

namespace {

/// A function whose arguments are the indices bound in the tests and whose
/// results are the values evaluated.
class IndexEvalTest : public ::testing::Test {
protected:
  IndexEvalTest() {
    context.loadDialect<affine::AffineDialect, arith::ArithDialect,
                        func::FuncDialect>();
  }

  func::FuncOp parse(const char *source) {
    module = parseSourceString<ModuleOp>(source, &context);
    if (!module)
      return nullptr;
    return cast<func::FuncOp>(module->getBody()->front());
  }

  /// The function's returned values under its arguments bound to `args`.
  std::vector<std::optional<int64_t>> results(func::FuncOp func,
                                              std::vector<int64_t> args) {
    aieconv::IndexEnv env;
    for (auto [arg, value] : llvm::zip(func.getArguments(), args))
      env[arg] = value;
    std::vector<std::optional<int64_t>> values;
    for (Value result : func.front().getTerminator()->getOperands())
      values.push_back(aieconv::evalIndex(result, env));
    return values;
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
};

TEST_F(IndexEvalTest, ArithOnBoundIndices) {
  func::FuncOp func = parse(R"mlir(
    func.func @f(%i: index, %j: index) -> (index, index, index, index, index,
                                          index, i1, i1, i32, i1) {
      %c3 = arith.constant 3 : index
      %c0 = arith.constant 0 : index
      %sum = arith.addi %i, %j : index
      %diff = arith.subi %i, %j : index
      %prod = arith.muli %sum, %c3 : index
      %quot = arith.divui %prod, %c3 : index
      %rem = arith.remui %i, %c3 : index
      %byzero = arith.divui %i, %c0 : index
      %eq = arith.cmpi eq, %rem, %c3 : index
      %lt = arith.cmpi slt, %diff, %c0 : index
      %cast = arith.index_cast %sum : index to i32
      %true = arith.constant true
      return %quot, %diff, %prod, %rem, %byzero, %sum, %eq, %lt, %cast, %true
          : index, index, index, index, index, index, i1, i1, i32, i1
    })mlir");
  ASSERT_TRUE(func);
  std::vector<std::optional<int64_t>> values = results(func, {7, 9});
  EXPECT_EQ(values[0], 16);
  EXPECT_EQ(values[1], -2);
  EXPECT_EQ(values[2], 48);
  EXPECT_EQ(values[3], 1);
  EXPECT_EQ(values[4], std::nullopt) << "a division by zero has no value";
  EXPECT_EQ(values[5], 16);
  EXPECT_EQ(values[6], 0);
  EXPECT_EQ(values[7], 1);
  EXPECT_EQ(values[8], 16);
  EXPECT_EQ(values[9], 1) << "a true i1 constant is 1, not -1";
}

TEST_F(IndexEvalTest, AffineMapsRoundTowardsMinusInfinity) {
  func::FuncOp func = parse(R"mlir(
    func.func @f(%i: index, %n: index) -> (index, index, index, index) {
      %a = affine.apply affine_map<(d0)[s0] -> (d0 floordiv 4 + s0 * 2)>(%i)[%n]
      %b = affine.apply affine_map<(d0) -> (d0 mod 4)>(%i)
      %c = affine.min affine_map<(d0)[s0] -> (s0 - d0, 8)>(%i)[%n]
      %d = affine.max affine_map<(d0) -> (d0 ceildiv 4, 0)>(%i)
      return %a, %b, %c, %d : index, index, index, index
    })mlir");
  ASSERT_TRUE(func);
  EXPECT_EQ(results(func, {-5, 3}),
            (std::vector<std::optional<int64_t>>{4, 3, 8, 0}));
  EXPECT_EQ(results(func, {13, 20}),
            (std::vector<std::optional<int64_t>>{43, 1, 7, 4}));
}

TEST_F(IndexEvalTest, UnboundOrUnknownValuesHaveNone) {
  func::FuncOp func = parse(R"mlir(
    func.func @f(%i: index, %x: f32) -> (index, index) {
      %c1 = arith.constant 1 : index
      %sum = arith.addi %i, %c1 : index
      %s = arith.fptosi %x : f32 to i64
      %idx = arith.index_cast %s : i64 to index
      return %sum, %idx : index, index
    })mlir");
  ASSERT_TRUE(func);
  aieconv::IndexEnv env;
  Value sum = func.front().getTerminator()->getOperand(0);
  EXPECT_EQ(aieconv::evalIndex(sum, env), std::nullopt) << "%i is not bound";
  env[func.getArgument(0)] = 4;
  EXPECT_EQ(aieconv::evalIndex(sum, env), 5);
  Value cast = func.front().getTerminator()->getOperand(1);
  EXPECT_EQ(aieconv::evalIndex(cast, env), std::nullopt)
      << "a float conversion is not an index op";
}

} // namespace
