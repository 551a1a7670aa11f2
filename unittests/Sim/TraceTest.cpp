//===- TraceTest.cpp - Chrome trace JSON and the report -------------------===//

#include "JsonChecker.h"
#include "SimTestUtil.h"

#include "aieconv/Sim/Json.h"
#include "aieconv/Sim/SimReport.h"
#include "aieconv/Sim/Simulator.h"
#include "aieconv/Sim/TraceWriter.h"
#include "aieconv/Target/CostModel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

namespace aieconv::sim {
namespace {

using test::JsonChecker;

bool contains(const std::vector<std::string> &strings, const std::string &s) {
  return std::find(strings.begin(), strings.end(), s) != strings.end();
}

TEST(JsonChecker, RejectsBrokenJson) {
  for (const char *bad : {"{", "{\"a\":}", "[1,]", "{\"a\" 1}", "\"x", "[01x]",
                          "{\"a\":1}}", "\"tab\there\""})
    EXPECT_FALSE(JsonChecker(bad).valid()) << bad;
  EXPECT_TRUE(JsonChecker("{\"a\":[1,-2.5e3,true,null,\"\\u0041\"]}").valid());
}

TEST(Json, QuotesWhatJsonMustEscape) {
  std::string q = jsonQuote("a\"b\\c\nd\x01");
  EXPECT_EQ(q, "\"a\\\"b\\\\c\\nd\\u0001\"");
  EXPECT_TRUE(JsonChecker(q).valid());
}

TEST(Trace, IsValidJsonWithATrackPerCoreChannelAndLock) {
  SimProgram p = test::pipeline(4, 1024, 1000, 2);
  // A name that needs escaping must not break the file.
  p.addResource({"odd \"name\"\\", "weird\tgroup", ResourceKind::ShimDma, 4});
  SimResult r = simulate(p);
  ASSERT_TRUE(r.ok) << r.error;
  std::ostringstream os;
  writeChromeTrace(p, r, 1000, os);
  std::string text = os.str();
  JsonChecker json(text);
  ASSERT_TRUE(json.valid()) << text.substr(0, 400);
  const std::vector<std::string> &s = json.strings();
  EXPECT_TRUE(contains(s, "traceEvents"));
  EXPECT_TRUE(contains(s, "thread_name"));
  EXPECT_TRUE(contains(s, "process_name"));
  EXPECT_TRUE(contains(s, "core"));       // the core's track
  EXPECT_TRUE(contains(s, "mem.mm2s.0")); // the DMA channel's track
  EXPECT_TRUE(contains(s, "lock in[0]")); // one track per slot
  EXPECT_TRUE(contains(s, "lock in[1]"));
  EXPECT_TRUE(contains(s, "odd \"name\"\\"));
  EXPECT_TRUE(contains(s, "compute3"));
  EXPECT_TRUE(contains(s, "load3"));
  EXPECT_TRUE(contains(s, "in v3")); // the last slot occupancy
  // Every task once per resource it holds, every occupancy once.
  size_t complete = 0;
  for (size_t at = text.find("\"ph\":\"X\""); at != std::string::npos;
       at = text.find("\"ph\":\"X\"", at + 1))
    ++complete;
  EXPECT_EQ(complete, 8u + 4u);
}

TEST(Report, RooflineAndUtilisationFromTheDeviceModel) {
  // One core computing 128 * 1000 MACs in 1000 cycles on npu1: the array
  // peak is 16 x 128 MACs/cycle, so utilisation is 1/16.
  SimProgram p;
  int core = test::addCore(p, "core");
  p.addCompute("mm", core, 1000, 128 * 1000, {}, {});
  SimResult r = simulate(p);
  LayerFacts facts;
  facts.function = "f";
  facts.compulsoryReadBytes = 4 * 2 * 4 * 10000; // 10000 cycles of reads
  facts.compulsoryWriteBytes = 0;
  facts.analyticCycles = 1100;
  SimReport report = makeReport(p, r, facts);
  EXPECT_EQ(report.peakMacsPerCycle, 16 * 128);
  EXPECT_DOUBLE_EQ(report.macUtilisation, 1.0 / 16.0);
  EXPECT_EQ(report.computeBoundCycles, 63); // ceil(128000 / 2048)
  // reads over 4 columns x 2 shim MM2S x 4 B/cycle (aie2-facts.md)
  EXPECT_EQ(report.shimBoundCycles, 10000);
  EXPECT_EQ(report.rooflineCycles, 10000);
  EXPECT_EQ(report.rooflineBound, "shim");
  EXPECT_DOUBLE_EQ(report.rooflineRatio, 0.1);
  EXPECT_NEAR(report.analyticError, 0.1, 1e-12);
  EXPECT_TRUE(JsonChecker(reportToJson(report)).valid());
  std::string text = formatReport(report);
  for (const char *key :
       {"cycles: 1000", "mac_utilisation:", "roofline_cycles: 10000 (shim",
        "roofline_ratio:", "bytes: L3->L2 0", "analytic_cycles: 1100",
        "busy core: 1"})
    EXPECT_NE(text.find(key), std::string::npos) << key << "\n" << text;
}

TEST(Report, StartAndTailAreTheTimesBeforeAndAfterTheCalls) {
  // Load 400 B (32 + 100 cycles), call 1000, drain 800 B (32 + 200): the
  // core calls from 132 to 1132, the run ends at 1364. A zero fill (no
  // MACs) that runs at once is not the start of the work.
  SimProgram p;
  int in = test::addChannel(p, "mem.mm2s.0", 4);
  int out = test::addChannel(p, "core.mm2s.0", 4, ResourceKind::CoreDma);
  int core = test::addCore(p, "core");
  int input = p.addBuffer({"in", "core", Level::L1, 1, 400});
  int acc = p.addBuffer({"acc", "core", Level::L1, 1, 800});
  p.addCompute("zero", core, 50, 0, {}, {});
  p.addTransfer("load", {in}, 400, Level::L2, Level::L1, {}, {input});
  p.addCompute("call", core, 1000, 1000, {input}, {acc});
  p.addTransfer("drain", {out}, 800, Level::L1, Level::L2, {acc}, {});
  SimResult r = simulate(p);
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.totalCycles, 1364);
  SimReport report = makeReport(p, r, LayerFacts{});
  EXPECT_EQ(report.firstCallCycle, 132);
  EXPECT_EQ(report.lastCallEndCycle, 1132);
  EXPECT_EQ(report.startCycles(), 132);
  EXPECT_EQ(report.tailCycles(), 232);
  EXPECT_NE(formatReport(report).find(
                "phases: start 132 (before the first call), calls 1000, "
                "tail 232 (after the last)"),
            std::string::npos)
      << formatReport(report);
  std::string json = reportToJson(report);
  EXPECT_TRUE(JsonChecker(json).valid());
  EXPECT_NE(json.find("\"start_cycles\":132,\"tail_cycles\":232"),
            std::string::npos)
      << json;
}

TEST(Report, NoCallHasNoStartNorTail) {
  SimProgram p;
  int in = test::addChannel(p, "mem.mm2s.0", 4);
  int buffer = p.addBuffer({"in", "core", Level::L1, 1, 400});
  p.addTransfer("load", {in}, 400, Level::L2, Level::L1, {}, {buffer});
  SimResult r = simulate(p);
  ASSERT_TRUE(r.ok) << r.error;
  SimReport report = makeReport(p, r, LayerFacts{});
  EXPECT_EQ(report.startCycles(), 0);
  EXPECT_EQ(report.tailCycles(), 0);
}

} // namespace
} // namespace aieconv::sim
