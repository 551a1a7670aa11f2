//===- SimulatorTest.cpp - The engine on hand-computed programs -----------===//

#include "SimTestUtil.h"

#include "aieconv/Sim/Simulator.h"
#include "aieconv/Target/CostModel.h"

#include <gtest/gtest.h>

#include <array>

namespace aieconv::sim {
namespace {

using test::addChannel;
using test::addCore;
using test::pipeline;

constexpr int64_t kOverhead = target::kDmaTransferOverheadCycles;

TEST(Simulator, OneTransferCostsOverheadPlusBytesOverRate) {
  SimProgram p;
  int shim = addChannel(p, "shim0.mm2s.0", 4, ResourceKind::ShimDma);
  int mem = addChannel(p, "mem0.s2mm.0", 4);
  int buffer = p.addBuffer({"l2", "mem", Level::L2, 1, 4096});
  p.addTransfer("load", {shim, mem}, 4096, Level::L3, Level::L2, {}, {buffer});
  SimResult r = simulate(p);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.totalCycles, kOverhead + 4096 / 4);
  EXPECT_EQ(r.bytesMoved(Level::L3, Level::L2), 4096);
  EXPECT_EQ(r.busyCycles[shim], r.totalCycles);
  EXPECT_EQ(r.busyCycles[mem], r.totalCycles);
}

TEST(Simulator, ADelayedDependencyStartsThatMuchAfterItsTaskEnds) {
  // Compute 0..300 on core a; the transfer waits for it and 120 cycles more
  // (a cascade chain's last link trailing its first), though its channels
  // are free and nothing else happens in between: 420 + 32 + 1024 / 4.
  SimProgram p;
  int a = addCore(p, "core a");
  int out = addChannel(p, "core a.mm2s.0", 4);
  int mem = addChannel(p, "mem0.s2mm.0", 4);
  int compute = p.addCompute("chain", a, 300, 0, {}, {});
  int drain =
      p.addTransfer("drain", {out, mem}, 1024, Level::L1, Level::L2, {}, {});
  p.addDependency(drain, compute, 120);
  SimResult r = simulate(p);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.tasks[drain].start, 420);
  EXPECT_EQ(r.totalCycles, 420 + kOverhead + 1024 / 4);
  EXPECT_EQ(r.busyCycles[a], 300);
}

TEST(Simulator, SlowestChannelSetsTheRate) {
  SimProgram p;
  int fast = addChannel(p, "fast", 8);
  int slow = addChannel(p, "slow", 2);
  p.addTransfer("t", {fast, slow}, 1000, Level::L2, Level::L1, {}, {});
  EXPECT_EQ(simulate(p).totalCycles, kOverhead + 500);
}

TEST(Simulator, DoubleBufferingHidesTheLoadsBehindCompute) {
  // T = 32 + 1024 / 4 = 288 < C = 1000: the first load, then N computes
  // back to back (load i + 1 runs during compute i).
  const int64_t n = 8, bytes = 1024, c = 1000, t = kOverhead + bytes / 4;
  SimResult r = simulate(pipeline(n, bytes, c, 2));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.totalCycles, t + n * c);
  EXPECT_EQ(r.macs, n * 100);
}

TEST(Simulator, SingleBufferSerialisesLoadAndCompute) {
  // The refill of the only slot waits for its consumer: N (T + C).
  const int64_t n = 8, bytes = 1024, c = 1000, t = kOverhead + bytes / 4;
  SimResult r = simulate(pipeline(n, bytes, c, 1));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.totalCycles, n * (t + c));
}

TEST(Simulator, DoubleBufferedDmaBoundPipeline) {
  // C = 100 < T = 288: the channel never stops; the last compute trails.
  const int64_t n = 8, bytes = 1024, c = 100, t = kOverhead + bytes / 4;
  SimResult r = simulate(pipeline(n, bytes, c, 2));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.totalCycles, n * t + c);
}

TEST(Simulator, BroadcastCostsOneTransfer) {
  // One memtile channel feeds four cores at once: one transfer's time and
  // bytes; four unicast transfers on the same channel take four times as
  // long.
  auto run = [](bool broadcast) {
    SimProgram p;
    int mem = addChannel(p, "mem0.mm2s.0", 4);
    std::vector<int> cores, s2mm, buffers;
    for (int i = 0; i < 4; ++i) {
      std::string n = std::to_string(i);
      cores.push_back(addCore(p, "core" + n));
      s2mm.push_back(
          addChannel(p, "core" + n + ".s2mm.0", 4, ResourceKind::CoreDma));
      buffers.push_back(p.addBuffer({"in" + n, "core" + n, Level::L1, 1, 0}));
    }
    if (broadcast) {
      std::vector<int> channels = {mem};
      channels.insert(channels.end(), s2mm.begin(), s2mm.end());
      p.addTransfer("bcast", channels, 4096, Level::L2, Level::L1, {}, buffers);
    } else {
      for (int i = 0; i < 4; ++i)
        p.addTransfer("unicast", {mem, s2mm[i]}, 4096, Level::L2, Level::L1, {},
                      {buffers[i]});
    }
    for (int i = 0; i < 4; ++i)
      p.addCompute("use", cores[i], 500, 0, {buffers[i]}, {});
    return simulate(p);
  };
  const int64_t t = kOverhead + 4096 / 4;
  SimResult b = run(true);
  ASSERT_TRUE(b.ok) << b.error;
  EXPECT_EQ(b.totalCycles, t + 500);
  EXPECT_EQ(b.bytesMoved(Level::L2, Level::L1), 4096);
  SimResult u = run(false);
  ASSERT_TRUE(u.ok) << u.error;
  EXPECT_EQ(u.totalCycles, 4 * t + 500);
  EXPECT_EQ(u.bytesMoved(Level::L2, Level::L1), 4 * 4096);
}

TEST(Simulator, DdrCapIsSharedByConcurrentStreams) {
  // Two shim channels at 4 B/cycle under a 6 B/cycle DDR cap: alone a
  // transfer streams at 4, together at 3 each; their overheads overlap.
  auto run = [](int count) {
    SimProgram p;
    p.ddrBytesPerCycle = 6;
    for (int i = 0; i < count; ++i) {
      int ch = addChannel(p, "shim.mm2s." + std::to_string(i), 4,
                          ResourceKind::ShimDma);
      p.addTransfer("t" + std::to_string(i), {ch}, 1200, Level::L3, Level::L2,
                    {}, {});
    }
    return simulate(p);
  };
  EXPECT_EQ(run(1).totalCycles, kOverhead + 300);
  SimResult both = run(2);
  ASSERT_TRUE(both.ok) << both.error;
  EXPECT_EQ(both.totalCycles, kOverhead + 400);
  EXPECT_EQ(both.tasks[0].end, both.tasks[1].end);
  // Transfers inside the array do not touch DDR.
  SimProgram inside;
  inside.ddrBytesPerCycle = 1;
  int ch = addChannel(inside, "mem", 4);
  inside.addTransfer("l2l1", {ch}, 1200, Level::L2, Level::L1, {}, {});
  EXPECT_EQ(simulate(inside).totalCycles, kOverhead + 300);
}

TEST(Simulator, StreamLeavingTheCapSpeedsUpTheOthers) {
  // Cap 6: a 600-byte and a 1200-byte stream start together at 3 B/cycle;
  // after 200 cycles the short one ends (600 bytes), the long one has 600
  // left and goes on alone at its own 4 B/cycle: 150 more cycles.
  SimProgram p;
  p.ddrBytesPerCycle = 6;
  int a = addChannel(p, "a", 4, ResourceKind::ShimDma);
  int b = addChannel(p, "b", 4, ResourceKind::ShimDma);
  int shortOne = p.addTransfer("short", {a}, 600, Level::L2, Level::L3, {}, {});
  int longOne = p.addTransfer("long", {b}, 1200, Level::L3, Level::L2, {}, {});
  SimResult r = simulate(p);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.tasks[shortOne].end, kOverhead + 200);
  EXPECT_EQ(r.tasks[longOne].end, kOverhead + 200 + 150);
}

TEST(Simulator, AggregatedTransferPaysEveryOverhead) {
  SimProgram p;
  int dma = addChannel(p, "dma", 4);
  p.addTransfer("three", {dma}, 3 * 400, Level::L2, Level::L1, {}, {}, 3);
  EXPECT_EQ(simulate(p).totalCycles, 3 * kOverhead + 300);
}

TEST(Simulator, LanesPayTheirOverheadsSideBySide) {
  // Two slabs on two channels: each lane starts one transfer; four
  // transfers on two lanes are two per lane.
  auto run = [](int64_t transfers) {
    SimProgram p;
    int a = addChannel(p, "a", 4), b = addChannel(p, "b", 4);
    p.addTransfer("slabs", {a, b}, 800, Level::L2, Level::L1, {}, {},
                  transfers, 2);
    return simulate(p).totalCycles;
  };
  EXPECT_EQ(run(2), kOverhead + 800 / 8);
  EXPECT_EQ(run(4), 2 * kOverhead + 800 / 8);
}

/// A 4096-byte memtile fill from DDR at `fillRate` B/cycle in `pieces`,
/// of which `forwardBytes` go on to a core at 4 B/cycle by a transfer that
/// forwards pieces; returns {forward start, forward end, fill end}.
std::array<int64_t, 3> forwardOfPieces(int64_t fillRate, int64_t pieces,
                                       int64_t ddrCap = 0,
                                       int64_t forwardBytes = 4096) {
  SimProgram p;
  p.ddrBytesPerCycle = ddrCap;
  int shim = addChannel(p, "shim", fillRate, ResourceKind::ShimDma);
  int mem = addChannel(p, "mem", 4);
  int core = addChannel(p, "core.s2mm", 4, ResourceKind::CoreDma);
  int l2 = p.addBuffer({"l2", "mem", Level::L2, 1, 4096});
  int l1 = p.addBuffer({"l1", "core", Level::L1, 1, 4096});
  int fill =
      p.addTransfer("fill", {shim}, 4096, Level::L3, Level::L2, {}, {l2});
  p.fillInPieces(fill, pieces);
  int forward = p.addTransfer("forward", {mem, core}, forwardBytes, Level::L2,
                              Level::L1, {l2}, {l1});
  p.forwardPieces(forward);
  SimResult r = simulate(p);
  EXPECT_TRUE(r.ok) << r.error;
  return {r.tasks[forward].start, r.tasks[forward].end, r.tasks[fill].end};
}

TEST(Simulator, ForwarderFollowsAFillInPiecesOnePieceBehind) {
  // Four 1024-byte pieces streaming back to back: the fill ends at 32 +
  // 4096 / 8 = 544; its first piece is in at 32 + 128 = 160. The
  // forwarder, slower at 4 B/cycle, starts then and takes its own time.
  auto [start, end, fillEnd] = forwardOfPieces(8, 4);
  EXPECT_EQ(fillEnd, kOverhead + 4096 / 8);
  EXPECT_EQ(start, kOverhead + 1024 / 8);
  EXPECT_EQ(end, start + kOverhead + 4096 / 4);
  // Whole, the forwarder waits for the whole fill.
  auto [wholeStart, wholeEnd, wholeFillEnd] = forwardOfPieces(8, 1);
  EXPECT_EQ(wholeStart, wholeFillEnd);
  EXPECT_EQ(wholeEnd, wholeFillEnd + kOverhead + 4096 / 4);
}

TEST(Simulator, ForwarderFasterThanTheFillEndsAPieceAfterIt) {
  // Fill at 2 B/cycle: first piece at 32 + 512 = 544, fill end at 32 +
  // 2048 = 2080. The forwarder alone would end at 544 + 32 + 1024 = 1600,
  // before the bytes are all in: it sends the last piece after the fill,
  // 32 + 1024 / 4 cycles.
  auto [start, end, fillEnd] = forwardOfPieces(2, 4);
  EXPECT_EQ(start, kOverhead + 1024 / 2);
  EXPECT_EQ(fillEnd, kOverhead + 4096 / 2);
  EXPECT_EQ(end, fillEnd + kOverhead + 1024 / 4);
}

TEST(Simulator, ForwarderOfAPieceSendsItAllAfterTheFill) {
  // A forwarder of 1024 of the 4096 bytes (a core's slice) may be the last
  // piece: after the fill (32 + 512 = 544) it still sends all of it,
  // 32 + 1024 / 4 cycles, though alone it would have ended at 160 + 288.
  auto [start, end, fillEnd] = forwardOfPieces(8, 4, 0, 1024);
  EXPECT_EQ(start, kOverhead + 1024 / 8);
  EXPECT_EQ(fillEnd, kOverhead + 4096 / 8);
  EXPECT_EQ(end, fillEnd + kOverhead + 1024 / 4);
}

TEST(Simulator, FirstPieceUnderTheDdrCapComesAtTheSharedRate) {
  // A DDR cap of 2 B/cycle below the shim's 8: the overhead first, then
  // 1024 bytes at 2 B/cycle.
  auto [start, end, fillEnd] = forwardOfPieces(8, 4, 2);
  EXPECT_EQ(start, kOverhead + 1024 / 2);
  EXPECT_EQ(fillEnd, kOverhead + 4096 / 2);
  EXPECT_EQ(end, fillEnd + kOverhead + 1024 / 4);
}

TEST(Simulator, ExplicitDependencyOrdersResources) {
  SimProgram p;
  int a = addCore(p, "a");
  int b = addCore(p, "b");
  int first = p.addCompute("first", a, 70, 0, {}, {});
  int second = p.addCompute("second", b, 30, 0, {}, {});
  p.addDependency(second, first);
  SimResult r = simulate(p);
  EXPECT_EQ(r.tasks[second].start, 70);
  EXPECT_EQ(r.totalCycles, 100);
}

TEST(Simulator, DeadlockIsReportedWithTheStuckTasks) {
  // One slot: the DMA must fill version 1 before the core may consume
  // version 0, but the core first waits for version 1.
  SimProgram p;
  int dma = addChannel(p, "dma", 4);
  int core = addCore(p, "core");
  int buffer = p.addBuffer({"buf", "core", Level::L1, 1, 64});
  p.addTransfer("fill0", {dma}, 64, Level::L2, Level::L1, {}, {buffer});
  p.addTransfer("fill1", {dma}, 64, Level::L2, Level::L1, {}, {buffer});
  Task late;
  late.name = "consume1";
  late.resources = {core};
  late.cycles = 10;
  late.reads = {{buffer, 1}};
  p.addTask(late);
  Task early = late;
  early.name = "consume0";
  early.reads = {{buffer, 0}};
  p.addTask(early);
  SimResult r = simulate(p);
  ASSERT_FALSE(r.ok);
  EXPECT_NE(r.error.find("deadlock"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("'fill1'"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("'consume1'"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("waits for release of version 0 of buf"),
            std::string::npos)
      << r.error;
  EXPECT_EQ(r.tasks[0].end, kOverhead + 16); // fill0 ran before the jam
}

TEST(Simulator, TaskWithoutResourceIsAnError) {
  SimProgram p;
  Task t;
  t.name = "orphan";
  p.addTask(t);
  SimResult r = simulate(p);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("orphan"), std::string::npos);
}

} // namespace
} // namespace aieconv::sim
