//===- HostExecutorTest.cpp - Running IR on the host ----------------------===//

#include "aieconv/Host/HostExecutor.h"

#include "aieconv/Host/ConvBuilder.h"
#include "aieconv/Spec/SpecParser.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "HostTestSupport.h"

#include <gtest/gtest.h>

#include <variant>

using namespace aieconv;
using namespace mlir;

namespace {

class HostExecutorTest : public ::testing::Test {
protected:
  HostExecutorTest() {
    DialectRegistry registry;
    host::registerHostDialects(registry);
    context.appendDialectRegistry(registry);
  }

  OwningOpRef<ModuleOp> parse(llvm::StringRef ir) {
    OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(ir, &context);
    EXPECT_TRUE(module) << "test IR does not parse";
    return module;
  }

  MLIRContext context;
};

/// The unscheduled conv of every op and type runs through the host lowering
/// (bufferization included) and matches the reference, optimised or not.
TEST_F(HostExecutorTest, RawConvMatchesReference) {
  const char *specs[] = {
      "op=conv2d_nhwc_hwcf,n=2,ih=7,iw=9,ic=8,oc=4,kh=3,kw=2,sh=2,dw=2,ph=1,"
      "pw=2",
      "op=conv2d_nhwc_hwcf,type=i8,ih=6,iw=6,ic=16,oc=8,kh=3,kw=3,pad=1",
      "op=conv2d_nchw_fchw,n=2,ih=7,iw=9,ic=8,oc=4,kh=3,kw=2,sw=2,dh=2,pad=1",
      "op=conv2d_nchw_fchw,type=i8,ih=5,iw=5,ic=3,oc=5,kh=3,kw=3",
      "op=depthwise_nhwc_hwc,ih=7,iw=7,ic=16,kh=3,kw=3,stride=2,pad=1",
      "op=depthwise_nhwc_hwc,type=i8,n=3,ih=6,iw=7,ic=8,kh=2,kw=3,dilation=2",
      "op=conv1d_nwc_wcf,iw=12,ic=8,oc=4,kw=3,stride=2,pad=1",
      "op=conv1d_nwc_wcf,type=i8,n=2,iw=9,ic=4,oc=8,kw=2,dilation=3",
  };
  // Unoptimised code, as small convs run, also copies bf16 values through
  // the compiler runtime's f32 -> bf16 conversion.
  for (unsigned optLevel : {2u, 0u}) {
    host::HostExecutorOptions options;
    options.optLevel = optLevel;
    for (const char *text : specs) {
      ConvSpec layer = hosttest::specOf(text);
      auto module = host::buildConvModule(context, layer);
      llvm::Expected<host::ConvCheck> check =
          host::runAndCheckConv(*module, layer, /*seed=*/7, options);
      ASSERT_TRUE(static_cast<bool>(check))
          << text << " at -O" << optLevel << ": "
          << llvm::toString(check.takeError());
      EXPECT_TRUE(check->compare.correct)
          << text << ": " << check->compare.summary();
      EXPECT_EQ(check->compare.count, layer.outputElements());
    }
  }
}

/// The check can fail: an accumulator filled with one instead of zero is
/// off by one everywhere.
TEST_F(HostExecutorTest, WrongProgramIsAMismatch) {
  ConvSpec layer =
      hosttest::specOf("op=conv2d_nhwc_hwcf,type=i8,ih=4,iw=4,ic=8,oc=4,"
                       "kh=3,kw=3,pad=1");
  auto module = host::buildConvModule(context, layer);
  module->walk([](linalg::FillOp fill) {
    auto zero = fill.getInputs()[0].getDefiningOp<arith::ConstantOp>();
    zero.setValueAttr(IntegerAttr::get(zero.getType(), 1));
  });
  llvm::Expected<host::ConvCheck> check =
      host::runAndCheckConv(*module, layer, /*seed=*/1);
  ASSERT_TRUE(static_cast<bool>(check)) << llvm::toString(check.takeError());
  EXPECT_FALSE(check->compare.correct);
  EXPECT_EQ(check->compare.mismatches, layer.outputElements());
  EXPECT_EQ(check->compare.maxAbsError, 1.0);
}

/// A scheduled-IR-like function: an operand staged through an L1 buffer
/// (memory space 2), a ukernel call on strided views, a dealloc. The call
/// must reach the host ukernel and compute C += A * B exactly.
TEST_F(HostExecutorTest, UKernelCallOnL1Buffers) {
  auto module = parse(R"mlir(
    func.func private @matmul_i8_i8_i32_4x8x8_4x8x8(
        memref<4x8xi8, strided<[?, 1], offset: ?>, 2>,
        memref<8x8xi8, strided<[?, 1], offset: ?>>,
        memref<4x8xi32, strided<[?, 1], offset: ?>>)
    func.func @mm(%a: memref<4x8xi8>, %b: memref<8x8xi8>, %c: memref<4x8xi32>) {
      %l1 = memref.alloc() : memref<4x8xi8, 2>
      memref.copy %a, %l1 : memref<4x8xi8> to memref<4x8xi8, 2>
      %va = memref.cast %l1 : memref<4x8xi8, 2> to memref<4x8xi8, strided<[?, 1], offset: ?>, 2>
      %vb = memref.cast %b : memref<8x8xi8> to memref<8x8xi8, strided<[?, 1], offset: ?>>
      %vc = memref.cast %c : memref<4x8xi32> to memref<4x8xi32, strided<[?, 1], offset: ?>>
      func.call @matmul_i8_i8_i32_4x8x8_4x8x8(%va, %vb, %vc) : (memref<4x8xi8, strided<[?, 1], offset: ?>, 2>, memref<8x8xi8, strided<[?, 1], offset: ?>>, memref<4x8xi32, strided<[?, 1], offset: ?>>) -> ()
      memref.dealloc %l1 : memref<4x8xi8, 2>
      return
    })mlir");
  host::HostExecutorOptions options;
  options.entry = "mm";
  auto executor = host::HostExecutor::create(*module, options);
  ASSERT_TRUE(static_cast<bool>(executor))
      << llvm::toString(executor.takeError());
  EXPECT_EQ((*executor)->boundSymbols().size(), 1u);

  std::vector<int8_t> a(32), b(64);
  for (int i = 0; i < 32; ++i)
    a[i] = static_cast<int8_t>(i * 7 % 23 - 11);
  for (int i = 0; i < 64; ++i)
    b[i] = static_cast<int8_t>(i * 5 % 19 - 9);
  std::vector<int32_t> c(32, 3);
  host::HostBuffer buffers[] = {
      {a.data(), {4, 8}, 8}, {b.data(), {8, 8}, 8}, {c.data(), {4, 8}, 32}};
  ASSERT_FALSE(static_cast<bool>((*executor)->run(buffers)));
  for (int m = 0; m < 4; ++m)
    for (int n = 0; n < 8; ++n) {
      int32_t expected = 3;
      for (int k = 0; k < 8; ++k)
        expected += a[m * 8 + k] * b[k * 8 + n];
      EXPECT_EQ(c[m * 8 + n], expected) << "at " << m << "," << n;
    }

  // Buffers that do not fit the entry are refused, not run.
  host::HostBuffer wrong[] = {
      {a.data(), {8, 4}, 8}, {b.data(), {8, 8}, 8}, {c.data(), {4, 8}, 32}};
  llvm::Error err = (*executor)->run(wrong);
  ASSERT_TRUE(static_cast<bool>(err));
  EXPECT_NE(llvm::toString(std::move(err)).find("buffer #0"),
            std::string::npos);
}

/// Fills and copies of whole dense buffers are lowered as one loop over
/// all their elements (nested loops of short rows unroll into blocks whose
/// JIT time grows with their square); a map that reads its indices keeps
/// its loop nest. The values are those of the ops as written.
TEST_F(HostExecutorTest, DenseFillsAndCopiesBecomeOneLoop) {
  const char *ir = R"mlir(
    func.func @f(%a: memref<2x3x5x8xf32>, %b: memref<2x3x5x8xf32>,
                 %c: memref<2x3xi32>) {
      %seven = arith.constant 7.0 : f32
      linalg.fill ins(%seven : f32) outs(%a : memref<2x3x5x8xf32>)
      linalg.copy ins(%a : memref<2x3x5x8xf32>)
                  outs(%b : memref<2x3x5x8xf32>)
      linalg.map outs(%c : memref<2x3xi32>) (%init: i32) {
        %i = linalg.index 0 : index
        %j = linalg.index 1 : index
        %ten = arith.constant 10 : index
        %s = arith.muli %i, %ten : index
        %v = arith.addi %s, %j : index
        %r = arith.index_cast %v : index to i32
        linalg.yield %r : i32
      }
      return
    })mlir";
  auto lowered = parse(ir);
  ASSERT_FALSE(static_cast<bool>(
      host::lowerForHost(*lowered, "f", /*checkBounds=*/false).takeError()));
  int loops = 0;
  lowered->walk([&](Operation *op) {
    loops += op->getName().getStringRef() == "llvm.cond_br";
  });
  EXPECT_EQ(loops, 1 + 1 + 2);

  auto module = parse(ir);
  host::HostExecutorOptions options;
  options.entry = "f";
  auto executor = host::HostExecutor::create(*module, options);
  ASSERT_TRUE(static_cast<bool>(executor))
      << llvm::toString(executor.takeError());
  std::vector<float> a(240, 0.0f), b(240, 0.0f);
  std::vector<int32_t> c(6, -1);
  host::HostBuffer buffers[] = {{a.data(), {2, 3, 5, 8}, 32},
                                {b.data(), {2, 3, 5, 8}, 32},
                                {c.data(), {2, 3}, 32}};
  ASSERT_FALSE(static_cast<bool>((*executor)->run(buffers)));
  for (int i = 0; i < 240; ++i) {
    EXPECT_EQ(a[i], 7.0f) << "at " << i;
    EXPECT_EQ(b[i], 7.0f) << "at " << i;
  }
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      EXPECT_EQ(c[i * 3 + j], 10 * i + j);
}

/// A program that writes outside its buffer is stopped by the bounds checks
/// with an error, instead of corrupting the host's memory; the executor
/// stays usable.
TEST_F(HostExecutorTest, OutOfBoundsAccessIsCaught) {
  auto module = parse(R"mlir(
    func.func @f(%a: memref<4xf32>) {
      %c0 = arith.constant 0 : index
      %c4 = arith.constant 4 : index
      %c1 = arith.constant 1 : index
      %c5 = arith.constant 5 : index
      %one = arith.constant 1.0 : f32
      scf.for %i = %c0 to %c5 step %c1 {
        memref.store %one, %a[%i] : memref<4xf32>
      }
      return
    })mlir");
  host::HostExecutorOptions options;
  options.entry = "f";
  auto executor = host::HostExecutor::create(*module, options);
  ASSERT_TRUE(static_cast<bool>(executor))
      << llvm::toString(executor.takeError());
  std::vector<float> a(8, 0.0f);
  host::HostBuffer buffers[] = {{a.data(), {4}, 32}};
  for (int attempt = 0; attempt < 2; ++attempt) {
    llvm::Error err = (*executor)->run(buffers);
    ASSERT_TRUE(static_cast<bool>(err));
    std::string message = llvm::toString(std::move(err));
    EXPECT_NE(message.find("runtime check failed in the compiled program"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("memref.store"), std::string::npos) << message;
  }
  EXPECT_EQ(a[4], 0.0f) << "the out-of-bounds store must not happen";
}

/// A ukernel handed operands that break its variant's rules (here M = 6 for
/// a 4-row micro-tile, through a declaration with dynamic sizes) refuses the
/// call: the run ends with the entry's message, not the process.
TEST_F(HostExecutorTest, UKernelRefusingItsCallIsAnError) {
  auto module = parse(R"mlir(
    func.func private @matmul_bf16_bf16_f32_4x4x8_4x8x4(
        memref<?x8xbf16, strided<[?, 1], offset: ?>>,
        memref<8x4xbf16, strided<[?, 1], offset: ?>>,
        memref<?x4xf32, strided<[?, 1], offset: ?>>)
    func.func @mm(%a: memref<6x8xbf16>, %b: memref<8x4xbf16>, %c: memref<6x4xf32>) {
      %va = memref.cast %a : memref<6x8xbf16> to memref<?x8xbf16, strided<[?, 1], offset: ?>>
      %vb = memref.cast %b : memref<8x4xbf16> to memref<8x4xbf16, strided<[?, 1], offset: ?>>
      %vc = memref.cast %c : memref<6x4xf32> to memref<?x4xf32, strided<[?, 1], offset: ?>>
      func.call @matmul_bf16_bf16_f32_4x4x8_4x8x4(%va, %vb, %vc) : (memref<?x8xbf16, strided<[?, 1], offset: ?>>, memref<8x4xbf16, strided<[?, 1], offset: ?>>, memref<?x4xf32, strided<[?, 1], offset: ?>>) -> ()
      return
    })mlir");
  host::HostExecutorOptions options;
  options.entry = "mm";
  auto executor = host::HostExecutor::create(*module, options);
  ASSERT_TRUE(static_cast<bool>(executor))
      << llvm::toString(executor.takeError());
  std::vector<uint16_t> a(48), b(32);
  std::vector<float> c(24, 0.0f);
  host::HostBuffer buffers[] = {
      {a.data(), {6, 8}, 16}, {b.data(), {8, 4}, 16}, {c.data(), {6, 4}, 32}};
  for (int attempt = 0; attempt < 2; ++attempt) {
    llvm::Error err = (*executor)->run(buffers);
    ASSERT_TRUE(static_cast<bool>(err));
    std::string message = llvm::toString(std::move(err));
    EXPECT_NE(message.find("aieconv host ukernel"), std::string::npos)
        << message;
  }
}

TEST_F(HostExecutorTest, UnknownDeclarationIsAnErrorNamingIt) {
  auto module = parse(R"mlir(
    func.func private @not_a_ukernel(memref<4xf32>)
    func.func @f(%a: memref<4xf32>) {
      func.call @not_a_ukernel(%a) : (memref<4xf32>) -> ()
      return
    })mlir");
  host::HostExecutorOptions options;
  options.entry = "f";
  auto executor = host::HostExecutor::create(*module, options);
  ASSERT_FALSE(static_cast<bool>(executor));
  EXPECT_NE(llvm::toString(executor.takeError()).find("@not_a_ukernel"),
            std::string::npos);
}

TEST_F(HostExecutorTest, MissingEntryIsAnError) {
  auto module = parse("func.func @f() { return }");
  auto executor = host::HostExecutor::create(*module, {});
  ASSERT_FALSE(static_cast<bool>(executor));
  EXPECT_NE(llvm::toString(executor.takeError()).find("no function @conv"),
            std::string::npos);
}

TEST_F(HostExecutorTest, HostBudget) {
  ConvSpec small =
      hosttest::specOf("op=conv2d_nhwc_hwcf,ih=56,iw=56,ic=64,oc=64,kh=3,"
                       "kw=3,pad=1");
  EXPECT_FALSE(static_cast<bool>(host::checkHostBudget(small)));
  // bf16: 2 B per input, 4 B per output, 16 B of reference per output.
  EXPECT_EQ(host::estimateHostBytes(small),
            56u * 56 * 64 * 2 + 9u * 64 * 64 * 2 + 56u * 56 * 64 * 20 +
                58u * 58 * 64 * 2);

  ConvSpec huge =
      hosttest::specOf("op=conv2d_nhwc_hwcf,n=64,ih=1024,iw=1024,ic=64,oc=64,"
                       "kh=1,kw=1");
  llvm::Error err = host::checkHostBudget(huge);
  ASSERT_TRUE(static_cast<bool>(err));
  EXPECT_NE(llvm::toString(std::move(err)).find("over the budget"),
            std::string::npos);
  // runAndCheckConv refuses it before building anything.
  auto module = host::buildConvModule(context, huge);
  auto check = host::runAndCheckConv(*module, huge, 1);
  ASSERT_FALSE(static_cast<bool>(check));
  EXPECT_NE(llvm::toString(check.takeError()).find("over the budget"),
            std::string::npos);
}

} // namespace
