//===- ScheduleStatsTest.cpp - Facts read off scheduled IR ----------------===//

#include "aieconv/Host/ScheduleStats.h"

#include "aieconv/Host/HostExecutor.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

using namespace mlir;

namespace {

TEST(ScheduleStatsTest, CallsWeightedByTripCountsAndMemorySpaces) {
  DialectRegistry registry;
  aieconv::host::registerHostDialects(registry);
  MLIRContext context(registry);
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(R"mlir(
    func.func private @matmul_i8_i8_i32_4x8x8_4x8x8(
        memref<4x8xi8, strided<[?, 1], offset: ?>>,
        memref<8x8xi8, strided<[?, 1], offset: ?>>,
        memref<4x8xi32, strided<[?, 1], offset: ?>>)
    func.func private @helper()
    func.func @f(%a: memref<4x8xi8, strided<[?, 1], offset: ?>>,
                 %b: memref<8x8xi8, strided<[?, 1], offset: ?>>,
                 %c: memref<4x8xi32, strided<[?, 1], offset: ?>>, %n: index) {
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %c3 = arith.constant 3 : index
      %l2 = memref.alloc() : memref<16x16xi8, 1>
      scf.forall (%i, %j) in (2, 4) {
        %l1 = memref.alloc() : memref<4x8xi32, 2>
        scf.for %k = %c0 to %c3 step %c1 {
          func.call @matmul_i8_i8_i32_4x8x8_4x8x8(%a, %b, %c) : (memref<4x8xi8, strided<[?, 1], offset: ?>>, memref<8x8xi8, strided<[?, 1], offset: ?>>, memref<4x8xi32, strided<[?, 1], offset: ?>>) -> ()
        }
      } {aieconv.schedule = {strategy = "decompose", cycles.total = "99"}}
      func.call @matmul_i8_i8_i32_4x8x8_4x8x8(%a, %b, %c) : (memref<4x8xi8, strided<[?, 1], offset: ?>>, memref<8x8xi8, strided<[?, 1], offset: ?>>, memref<4x8xi32, strided<[?, 1], offset: ?>>) -> ()
      func.call @helper() : () -> ()
      return
    })mlir",
                                                             &context);
  ASSERT_TRUE(module);
  aieconv::host::ScheduleStats stats =
      aieconv::host::collectScheduleStats(*module);
  ASSERT_EQ(stats.ukernels.size(), 1u) << "@helper is no ukernel";
  EXPECT_EQ(stats.ukernels[0].symbol, "matmul_i8_i8_i32_4x8x8_4x8x8");
  EXPECT_EQ(stats.ukernels[0].callSites, 2);
  EXPECT_EQ(stats.ukernels[0].calls, 2 * 4 * 3 + 1);
  EXPECT_EQ(stats.callSites, 2);
  EXPECT_EQ(stats.calls, 25);
  EXPECT_EQ(stats.l1Bytes, 4 * 8 * 4);
  EXPECT_EQ(stats.l2Bytes, 16 * 16);
  EXPECT_EQ(stats.scheduleValue("strategy"), "decompose");
  EXPECT_EQ(stats.scheduleValue("cycles.total"), "99");
  EXPECT_EQ(stats.scheduleValue("missing"), std::nullopt);
}

TEST(ScheduleStatsTest, DynamicTripCountLeavesCallsUnknown) {
  DialectRegistry registry;
  aieconv::host::registerHostDialects(registry);
  MLIRContext context(registry);
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(R"mlir(
    func.func private @matmul_i8_i8_i32_4x8x8_4x8x8(
        memref<4x8xi8, strided<[?, 1], offset: ?>>,
        memref<8x8xi8, strided<[?, 1], offset: ?>>,
        memref<4x8xi32, strided<[?, 1], offset: ?>>)
    func.func @f(%a: memref<4x8xi8, strided<[?, 1], offset: ?>>,
                 %b: memref<8x8xi8, strided<[?, 1], offset: ?>>,
                 %c: memref<4x8xi32, strided<[?, 1], offset: ?>>, %n: index) {
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      scf.for %k = %c0 to %n step %c1 {
        func.call @matmul_i8_i8_i32_4x8x8_4x8x8(%a, %b, %c) : (memref<4x8xi8, strided<[?, 1], offset: ?>>, memref<8x8xi8, strided<[?, 1], offset: ?>>, memref<4x8xi32, strided<[?, 1], offset: ?>>) -> ()
      }
      return
    })mlir",
                                                             &context);
  ASSERT_TRUE(module);
  aieconv::host::ScheduleStats stats =
      aieconv::host::collectScheduleStats(*module);
  ASSERT_EQ(stats.ukernels.size(), 1u);
  EXPECT_EQ(stats.ukernels[0].calls, std::nullopt);
  EXPECT_EQ(stats.calls, std::nullopt);
  EXPECT_TRUE(stats.schedule.empty());
}

} // namespace
