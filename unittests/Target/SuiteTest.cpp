//===- SuiteTest.cpp - Every layer of the bench suites gets a tiling ------===//
//
// ResNet-50 and MobileNetV2, bf16 and i8, npu1 and npu2, every strategy:
// the tiling fits L1 and the memtile, calls are legal, Auto is never worse
// than its candidates, calls outside Seed are large, the search is fast.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Spec/SpecParser.h"
#include "aieconv/Target/CostModel.h"
#include "aieconv/Target/DeviceModel.h"
#include "aieconv/Target/TileSearch.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>

using namespace aieconv;
using namespace aieconv::target;
using aieconv::kernels::Device;

namespace {

/// The layers of `file` (e.g. "resnet50.txt") from the repository's
/// bench/; empty when it is missing.
std::vector<ConvSpec> loadSuite(const std::string &file) {
  std::ifstream in(std::string(AIECONV_BENCH_DIR) + "/" + file);
  if (!in)
    return {};
  std::stringstream text;
  text << in.rdbuf();
  SuiteParseResult result = parseSuite(text.str());
  EXPECT_TRUE(result.ok()) << file << ": " << result.errors[0].message;
  return result.specs;
}

std::vector<ConvSpec> allLayers() {
  std::vector<ConvSpec> layers = loadSuite("resnet50.txt");
  std::vector<ConvSpec> mobile = loadSuite("mobilenet_v2.txt");
  layers.insert(layers.end(), mobile.begin(), mobile.end());
  return layers;
}

constexpr Device kDevices[] = {Device::Npu1, Device::Npu2};
constexpr ConvType kTypes[] = {ConvType::BF16, ConvType::I8};
constexpr Strategy kStrategies[] = {Strategy::Seed, Strategy::Decompose,
                                    Strategy::Im2colL1, Strategy::Auto};

std::string label(const ConvSpec &spec, Device device, Strategy strategy) {
  return spec.name + " " + std::string(kernels::toString(device)) + " " +
         (spec.type == ConvType::BF16 ? "bf16" : "i8") + " " +
         std::string(toString(strategy));
}

/// 64 x the seed's bf16 4x8x4 call.
constexpr int64_t kBigCallMacs = 64 * 4 * 8 * 4;

/// Whether a conv layer can give a core tile kBigCallMacs per call at all:
/// enough output positions, output channels and reduction per call (taps
/// count only where one call covers them). Independent of what the search
/// picked.
bool bigEnough(const ConvSpec &spec, Strategy strategy) {
  int64_t positions = std::min<int64_t>(spec.oh() * spec.ow(), 64);
  int64_t channels = std::min<int64_t>(spec.oc, 64);
  int64_t ic = (spec.ic + 7) / 8 * 8; // padded to the micro-tile's s
  int64_t reduction = strategy == Strategy::Decompose
                          ? std::min<int64_t>(ic, 64)
                          : std::min<int64_t>(ic * spec.kh * spec.kw, 64);
  return positions * channels * reduction >= kBigCallMacs;
}

/// searchSchedule, remembered: several tests look at the same schedules.
const ConvSchedule &cachedSchedule(const ConvSpec &spec, Device device,
                                   Strategy strategy) {
  static std::map<std::string, ConvSchedule> cache;
  std::string key = label(spec, device, strategy);
  auto it = cache.find(key);
  if (it == cache.end()) {
    std::string why;
    std::optional<ConvSchedule> s =
        searchSchedule(spec, device, strategy, nullptr, &why);
    EXPECT_TRUE(s.has_value()) << key << ": " << why;
    it = cache.emplace(key, s ? *s : ConvSchedule{}).first;
  }
  return it->second;
}

} // namespace

class SuiteTest : public ::testing::Test {
protected:
  void SetUp() override {
    layers = allLayers();
    if (layers.empty())
      GTEST_FAIL() << "no bench suites at " << AIECONV_BENCH_DIR;
  }
  std::vector<ConvSpec> layers;
};

TEST_F(SuiteTest, EveryLayerFitsEveryLevelUnderEveryStrategy) {
  EXPECT_EQ(layers.size(), 20u + 30u);
  for (Device device : kDevices) {
    const DeviceModel &dev = getDeviceModel(device);
    for (ConvType type : kTypes)
      for (ConvSpec spec : layers) {
        spec.type = type;
        const kernels::MatmulVariant *variant = convVariant(device, type);
        ASSERT_NE(variant, nullptr);
        for (Strategy strategy : kStrategies) {
          const ConvSchedule *s = &cachedSchedule(spec, device, strategy);
          const std::string what = label(spec, device, strategy);
          EXPECT_LE(s->l1.total(), dev.coreL1UsableBytes()) << what;
          EXPECT_LE(s->l2.total(), dev.memtileBytes) << what;
          EXPECT_NE(s->strategy, Strategy::Auto) << what;
          EXPECT_EQ(s->requested, strategy) << what;
          EXPECT_EQ(s->icPadded % variant->tile.s, 0) << what;
          EXPECT_GE(s->icPadded, spec.ic) << what;
          EXPECT_GE(s->ocPadded, spec.oc) << what;
          EXPECT_GE(s->ohPadded, spec.oh()) << what;
          EXPECT_GE(s->owPadded, spec.ow()) << what;
          EXPECT_EQ(s->call.m % variant->tile.r, 0) << what;
          EXPECT_EQ(s->call.n % variant->tile.t, 0) << what;
          if (s->call.kind == CallKind::Matmul) {
            EXPECT_TRUE(variant->isLegal({s->call.m, s->call.n, s->call.k}))
                << what;
          }
          // Every output MAC is covered by the calls of all cores.
          int64_t cores = s->columnsUsed * s->tile.rows;
          EXPECT_GE(s->callsPerCore * s->call.macs() * cores, spec.macs())
              << what;
          EXPECT_GT(s->cycles.totalCycles, 0) << what;
          // No estimate beats the DDR traffic it counts, nor the shim's.
          EXPECT_GE(s->cycles.totalCycles, s->cycles.ddrCycles) << what;
          EXPECT_GE(s->cycles.totalCycles, s->cycles.shimWriteCycles) << what;
          EXPECT_LE(s->peakFraction, 1.0) << what;
        }
      }
  }
}

TEST_F(SuiteTest, AutoIsNeverWorseThanEitherCandidate) {
  for (Device device : kDevices)
    for (ConvType type : kTypes)
      for (ConvSpec spec : layers) {
        spec.type = type;
        const ConvSchedule *autoS =
            &cachedSchedule(spec, device, Strategy::Auto);
        const ConvSchedule *dec =
            &cachedSchedule(spec, device, Strategy::Decompose);
        const ConvSchedule *patch =
            &cachedSchedule(spec, device, Strategy::Im2colL1);
        EXPECT_LE(autoS->cycles.totalCycles, dec->cycles.totalCycles)
            << spec.name;
        EXPECT_LE(autoS->cycles.totalCycles, patch->cycles.totalCycles)
            << spec.name;
      }
}

TEST_F(SuiteTest, CallsOutsideSeedAreAtLeast64TimesTheSeedCall) {
  int64_t checked = 0, smallCalls = 0;
  for (Device device : kDevices)
    for (ConvType type : kTypes)
      for (ConvSpec spec : layers) {
        spec.type = type;
        if (spec.op == ConvOp::DepthwiseNhwcHwc)
          continue; // no matmul; see DepthwiseCallsCoverManySeedCalls
        for (Strategy strategy :
             {Strategy::Decompose, Strategy::Im2colL1, Strategy::Auto}) {
          const ConvSchedule *s = &cachedSchedule(spec, device, strategy);
          if (!bigEnough(spec, s->strategy))
            continue;
          ++checked;
          if (s->call.macs() >= kBigCallMacs)
            continue;
          // A smaller call wins only where data movement, not the calls,
          // sets the pace - the shim, or the memtile-to-core streams
          // carrying more cycles than the cores compute - and it is more
          // than the near-tie band faster than every large call (a tiny
          // layer whose many small rounds pipeline better).
          ++smallCalls;
          EXPECT_TRUE(s->cycles.bound == "shim" ||
                      s->cycles.l1DmaCycles > s->cycles.computeCycles)
              << label(spec, device, strategy) << "\n"
              << formatScheduleReport(*s);
        }
      }
  // 40 conv layers x 2 devices x 2 types x 3 strategies: all qualify.
  EXPECT_EQ(checked, 480);
  // Such exceptions stay rare.
  EXPECT_LE(smallCalls, checked / 50);
}

/// Depthwise layers have no channel reduction and are bound by data
/// movement, where pipelining many rounds beats large calls; their calls
/// still replace many seed calls.
TEST_F(SuiteTest, DepthwiseCallsCoverManySeedCalls) {
  for (Device device : kDevices)
    for (ConvType type : kTypes)
      for (ConvSpec spec : layers) {
        spec.type = type;
        if (spec.op != ConvOp::DepthwiseNhwcHwc)
          continue;
        const ConvSchedule *seed =
            &cachedSchedule(spec, device, Strategy::Seed);
        for (Strategy strategy : {Strategy::Im2colL1, Strategy::Auto}) {
          const ConvSchedule *s = &cachedSchedule(spec, device, strategy);
          EXPECT_EQ(s->call.k, spec.kh * spec.kw) << spec.name;
          EXPECT_GE(s->call.macs(), 8 * seed->call.macs())
              << label(spec, device, strategy) << "\n"
              << formatScheduleReport(*s);
        }
      }
}

TEST_F(SuiteTest, SeedIsTheSlowestStrategy) {
  for (Device device : kDevices)
    for (ConvSpec spec : layers) {
      const ConvSchedule *seed = &cachedSchedule(spec, device, Strategy::Seed);
      const ConvSchedule *best = &cachedSchedule(spec, device, Strategy::Auto);
      EXPECT_GT(seed->cycles.totalCycles, best->cycles.totalCycles)
          << spec.name;
      EXPECT_EQ(seed->tile.columns, 1);
    }
}

TEST_F(SuiteTest, SearchStaysUnder300kCandidatesPerLayer) {
  // The search's cost grows with the candidates it enumerates, which this
  // bounds; its time (processor time: the machine may be shared) is
  // printed, not asserted, as timings are not test verdicts. Auto runs
  // both searches, so it is the largest request.
  int64_t mostCandidates = 0;
  double worstMs = 0;
  std::string most;
  for (Device device : kDevices)
    for (ConvType type : kTypes)
      for (ConvSpec spec : layers) {
        spec.type = type;
        std::clock_t start = std::clock();
        SearchStats stats;
        auto s = searchSchedule(spec, device, Strategy::Auto, &stats);
        double ms =
            1000.0 * static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
        ASSERT_TRUE(s.has_value());
        EXPECT_GT(stats.feasible, 0);
        worstMs = std::max(worstMs, ms);
        if (stats.candidates > mostCandidates) {
          mostCandidates = stats.candidates;
          most = label(spec, device, Strategy::Auto);
        }
      }
  RecordProperty("worst_ms", std::to_string(worstMs));
  std::printf("most candidates: %lld (%s); slowest search: %.1f ms\n",
              static_cast<long long>(mostCandidates), most.c_str(), worstMs);
  EXPECT_LT(mostCandidates, 300000) << most;
}
