//===- DifferentialTest.cpp - Compiled convs against the reference --------===//
//
// Every configuration is compiled with the whole pipeline for one device and
// strategy, executed on the host with the host build of the ukernels, and
// compared with the independent reference convolution. The random
// configurations are drawn from a fixed seed, so a failure names a
// reproducible layer; the named ones cover the edge cases worth keeping.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Host/ConvBuilder.h"
#include "aieconv/Host/HostExecutor.h"
#include "aieconv/Pipelines/Pipelines.h"
#include "aieconv/Spec/SpecParser.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"

#include "HostTestSupport.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

using namespace aieconv;

namespace {

/// One compiled run: a layer, a device and a strategy.
struct Config {
  std::string spec;
  std::string device;
  std::string strategy;
};

/// What gtest and ctest print for a configuration.
void PrintTo(const Config &config, std::ostream *os) {
  *os << config.spec << " on " << config.device << ", " << config.strategy;
}

const char *const kStrategies[] = {"seed", "decompose", "im2col-l1", "auto"};
const char *const kDevices[] = {"npu1", "npu2"};

/// Draws a small layer: every op and type, sizes, channels that are not
/// micro-tile multiples, strides 1-3, dilations 1-2, padding, batch.
std::string randomSpec(std::mt19937_64 &rng) {
  auto pick = [&](int64_t low, int64_t high) {
    return low + static_cast<int64_t>(rng() % uint64_t(high - low + 1));
  };
  static const char *const ops[] = {"conv2d_nhwc_hwcf", "conv2d_nchw_fchw",
                                    "depthwise_nhwc_hwc", "conv1d_nwc_wcf"};
  static const int64_t kernels[] = {1, 2, 3, 5};
  std::string op = ops[pick(0, 3)];
  bool conv1d = op == "conv1d_nwc_wcf";
  int64_t kh = conv1d ? 1 : kernels[pick(0, 3)], kw = kernels[pick(0, 3)];
  int64_t dh = conv1d ? 1 : pick(1, 2), dw = pick(1, 2);
  int64_t ph = conv1d ? 0 : pick(0, 2), pw = pick(0, 2);
  // At least one output row and column.
  int64_t ih = conv1d ? 1 : std::max<int64_t>(dh * (kh - 1) + 1 - 2 * ph, 1) +
                               pick(0, 10);
  int64_t iw =
      std::max<int64_t>(dw * (kw - 1) + 1 - 2 * pw, 1) + pick(0, conv1d ? 40 : 10);
  std::string spec = "op=" + op + ",type=" + (pick(0, 1) ? "i8" : "bf16") +
                     ",n=" + std::to_string(pick(1, 2)) +
                     ",iw=" + std::to_string(iw) + ",ic=" +
                     std::to_string(pick(1, 20)) + ",kw=" + std::to_string(kw) +
                     ",sw=" + std::to_string(pick(1, 3)) +
                     ",dw=" + std::to_string(dw) + ",pw=" + std::to_string(pw);
  if (!conv1d)
    spec += ",ih=" + std::to_string(ih) + ",kh=" + std::to_string(kh) +
            ",sh=" + std::to_string(pick(1, 3)) + ",dh=" + std::to_string(dh) +
            ",ph=" + std::to_string(ph);
  if (op != "depthwise_nhwc_hwc")
    spec += ",oc=" + std::to_string(pick(1, 20));
  return spec;
}

/// 300 random runs: the strategy and device cycle so that every pairing
/// meets every op.
std::vector<Config> randomConfigs() {
  std::mt19937_64 rng(20261124);
  std::vector<Config> configs;
  for (int i = 0; i < 300; ++i)
    configs.push_back(
        {randomSpec(rng), kDevices[(i / 4) % 2], kStrategies[i % 4]});
  return configs;
}

/// The named edge cases, each under every strategy on npu1 and auto on npu2.
std::vector<Config> namedConfigs() {
  const char *const specs[] = {
      // channels that are not micro-tile multiples
      "op=conv2d_nhwc_hwcf,ih=9,iw=9,ic=3,oc=5,kh=3,kw=3",
      "op=conv2d_nhwc_hwcf,type=i8,ih=8,iw=8,ic=7,oc=13,kh=3,kw=3",
      "op=conv2d_nhwc_hwcf,ih=6,iw=6,ic=13,oc=3,kh=1,kw=1",
      // a 1x1 output, and a single output channel
      "op=conv2d_nhwc_hwcf,ih=5,iw=5,ic=16,oc=16,kh=5,kw=5",
      "op=conv2d_nhwc_hwcf,type=i8,ih=10,iw=10,ic=16,oc=1,kh=3,kw=3",
      // kernel sizes
      "op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=8,oc=8,kh=2,kw=2",
      "op=conv2d_nhwc_hwcf,ih=12,iw=12,ic=8,oc=8,kh=7,kw=7,pad=3",
      "op=conv2d_nhwc_hwcf,type=i8,ih=12,iw=12,ic=8,oc=8,kh=9,kw=9,pad=4",
      // strides, dilation, padding, batch
      "op=conv2d_nhwc_hwcf,ih=15,iw=15,ic=16,oc=8,kh=3,kw=3,stride=2,pad=1",
      "op=conv2d_nhwc_hwcf,type=i8,ih=16,iw=16,ic=8,oc=8,kh=3,kw=3,stride=3",
      "op=conv2d_nhwc_hwcf,ih=12,iw=12,ic=8,oc=8,kh=3,kw=3,dilation=2,pad=2",
      "op=conv2d_nhwc_hwcf,n=3,ih=6,iw=6,ic=8,oc=8,kh=3,kw=3,pad=1",
      // channels first
      "op=conv2d_nchw_fchw,n=2,ih=8,iw=8,ic=5,oc=6,kh=3,kw=3,stride=2,pad=1",
      // depthwise 3x3 and 5x5 at stride 2
      "op=depthwise_nhwc_hwc,ih=14,iw=14,ic=32,kh=3,kw=3,stride=2,pad=1",
      "op=depthwise_nhwc_hwc,type=i8,ih=15,iw=15,ic=24,kh=5,kw=5,stride=2,"
      "pad=2",
      // conv1d over a long width
      "op=conv1d_nwc_wcf,iw=1000,ic=8,oc=8,kw=3,pad=1",
  };
  std::vector<Config> configs;
  for (const char *spec : specs) {
    for (const char *strategy : kStrategies)
      configs.push_back({spec, "npu1", strategy});
    configs.push_back({spec, "npu2", "auto"});
  }
  return configs;
}

/// Every ResNet-50 layer of bench/resnet50.txt under every strategy, type
/// and device: the suite the pipeline is measured on runs correctly.
std::vector<Config> resnet50Configs() {
  std::vector<Config> configs;
  for (ConvSpec layer : hosttest::loadBenchSuite("resnet50.txt"))
    for (ConvType type : {ConvType::BF16, ConvType::I8})
      for (const char *device : kDevices)
        for (const char *strategy : kStrategies) {
          layer.type = type;
          configs.push_back({formatConvSpec(layer), device, strategy});
        }
  return configs;
}

class DifferentialTest : public ::testing::TestWithParam<Config> {
protected:
  DifferentialTest() {
    mlir::DialectRegistry registry;
    host::registerHostDialects(registry);
    context.appendDialectRegistry(registry);
  }
  mlir::MLIRContext context;
};

TEST_P(DifferentialTest, CompiledConvMatchesReference) {
  const Config &config = GetParam();
  SCOPED_TRACE(config.spec + " on " + config.device + ", " + config.strategy);
  ConvSpec layer = hosttest::specOf(config.spec);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      host::buildConvModule(context, layer);
  ASSERT_TRUE(module);

  PipelineOptions options;
  options.device = config.device;
  options.strategy = config.strategy;
  mlir::PassManager pm(&context, mlir::ModuleOp::getOperationName());
  ASSERT_TRUE(mlir::succeeded(buildConvPipeline(pm, options)));
  ASSERT_TRUE(mlir::succeeded(pm.run(*module))) << "the pipeline failed";
  hosttest::expectOnlyUKernelWork(*module);

  llvm::Expected<host::ConvCheck> check =
      host::runAndCheckConv(*module, layer, /*seed=*/layer.macs());
  ASSERT_TRUE(static_cast<bool>(check)) << llvm::toString(check.takeError());
  EXPECT_TRUE(check->compare.correct) << check->compare.summary();
  EXPECT_EQ(check->compare.count, layer.outputElements());
}

std::string configName(const ::testing::TestParamInfo<Config> &info) {
  std::string name = std::to_string(info.index) + "_" + info.param.device +
                     "_" + info.param.strategy;
  for (char &c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)))
      c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Random, DifferentialTest,
                         ::testing::ValuesIn(randomConfigs()), configName);
INSTANTIATE_TEST_SUITE_P(EdgeCases, DifferentialTest,
                         ::testing::ValuesIn(namedConfigs()), configName);
INSTANTIATE_TEST_SUITE_P(ResNet50, DifferentialTest,
                         ::testing::ValuesIn(resnet50Configs()), configName);

/// The suite is there: an empty instantiation would pass vacuously.
TEST(DifferentialSuite, ResNet50HasItsTwentyLayers) {
  EXPECT_EQ(resnet50Configs().size(), 20u * 2 * 2 * 4);
}

} // namespace
