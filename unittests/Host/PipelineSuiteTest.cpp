//===- PipelineSuiteTest.cpp - Every suite layer through every strategy ---===//
//
// Every layer of bench/resnet50.txt and bench/mobilenet_v2.txt, bf16 and i8,
// on npu1 and npu2, under every strategy, goes through the whole pipeline and
// comes out as the scheduled IR the issue asks for: no convolution, matmul
// or generic left; every call names a ukernel the library defines; the
// call the IR makes is the one the tile search priced; and a core tile's L1
// buffers fit in a core's 64 KiB.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Host/ConvBuilder.h"
#include "aieconv/Host/HostExecutor.h"
#include "aieconv/Pipelines/Pipelines.h"
#include "aieconv/Spec/SpecParser.h"

#include "host/HostUKernels.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"

#include "HostTestSupport.h"

#include <gtest/gtest.h>

#include <tuple>

using namespace aieconv;

namespace {

/// Bytes of the L1 (memory space 2) buffers allocated in `forall`'s body,
/// all counted as live at once.
int64_t l1Bytes(mlir::scf::ForallOp forall) {
  int64_t bytes = 0;
  forall.walk([&](mlir::memref::AllocOp alloc) {
    mlir::MemRefType type = alloc.getType();
    auto space =
        mlir::dyn_cast_or_null<mlir::IntegerAttr>(type.getMemorySpace());
    if (space && space.getInt() == 2)
      bytes += type.getNumElements() *
               type.getElementType().getIntOrFloatBitWidth() / 8;
  });
  return bytes;
}

/// (suite file, device, type)
using SuiteParam = std::tuple<std::string, std::string, ConvType>;

class PipelineSuiteTest : public ::testing::TestWithParam<SuiteParam> {
protected:
  PipelineSuiteTest() {
    mlir::DialectRegistry registry;
    host::registerHostDialects(registry);
    context.appendDialectRegistry(registry);
    context.disableMultithreading();
  }
  mlir::MLIRContext context;
};

TEST_P(PipelineSuiteTest, EveryLayerEveryStrategy) {
  auto [file, device, type] = GetParam();
  std::vector<ConvSpec> layers = hosttest::loadBenchSuite(file);
  ASSERT_FALSE(layers.empty()) << "no layers in bench/" << file;
  for (ConvSpec layer : layers) {
    layer.type = type;
    for (const char *strategy : {"seed", "decompose", "im2col-l1", "auto"}) {
      SCOPED_TRACE(layer.name + " " + device + " " + strategy);
      mlir::OwningOpRef<mlir::ModuleOp> module =
          host::buildConvModule(context, layer);
      PipelineOptions options;
      options.device = device;
      options.strategy = strategy;
      mlir::PassManager pm(&context, mlir::ModuleOp::getOperationName());
      ASSERT_TRUE(mlir::succeeded(buildConvPipeline(pm, options)));
      ASSERT_TRUE(mlir::succeeded(pm.run(*module)));

      hosttest::expectOnlyUKernelWork(*module);
      int64_t foralls = 0;
      module->walk([&](mlir::scf::ForallOp forall) {
        ++foralls;
        auto schedule =
            forall->getAttrOfType<mlir::DictionaryAttr>("aieconv.schedule");
        ASSERT_TRUE(schedule);
        auto priced = schedule.getAs<mlir::StringAttr>("call.symbol");
        ASSERT_TRUE(priced);
        bool callsPriced = false;
        forall.walk([&](mlir::func::CallOp call) {
          EXPECT_NE(kernels::lookupHostUKernel(call.getCallee().str()), nullptr)
              << call.getCallee().str();
          callsPriced |= call.getCallee() == priced.getValue();
        });
        EXPECT_TRUE(callsPriced)
            << "the IR does not call the priced " << priced.getValue().str();
        EXPECT_LE(l1Bytes(forall), 64 * 1024);
      });
      EXPECT_EQ(foralls, 1);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Suites, PipelineSuiteTest,
    ::testing::Combine(::testing::Values("resnet50.txt", "mobilenet_v2.txt"),
                       ::testing::Values("npu1", "npu2"),
                       ::testing::Values(ConvType::BF16, ConvType::I8)),
    [](const ::testing::TestParamInfo<SuiteParam> &info) {
      std::string name = std::get<0>(info.param).substr(0, 8) + "_" +
                         std::get<1>(info.param) + "_" +
                         (std::get<2>(info.param) == ConvType::I8 ? "i8"
                                                                  : "bf16");
      for (char &c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)))
          c = '_';
      return name;
    });

} // namespace
