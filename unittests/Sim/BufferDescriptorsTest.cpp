//===- BufferDescriptorsTest.cpp - BDs per tile on hand-made programs -----===//

#include "aieconv/Sim/BufferDescriptors.h"

#include <gtest/gtest.h>

namespace aieconv::sim {
namespace {

int64_t countOf(const std::vector<TileDescriptors> &tiles,
                const std::string &tile) {
  for (const TileDescriptors &t : tiles)
    if (t.tile == tile)
      return t.count;
  return -1;
}

TEST(BufferDescriptors, RepeatedTransfersReuseTheirSlotsDescriptors) {
  // A double-buffered memtile buffer filled 6 times from the shim, in 2
  // pieces (one BD's two iterations), over 2 lanes, each fill forwarded to
  // a double-buffered core buffer. The memtile's even channels (pool 0):
  // 2 slots on receiving channel 0 and on the sending one (4); its odd
  // channels (pool 1): 2 slots on receiving channel 1. The core: its 2
  // slots. The shim's channels are no memtile or core tile's.
  SimProgram p;
  auto channel = [&](const std::string &name, const std::string &tile,
                     ResourceKind kind, int64_t pool) {
    return p.addResource({name, tile, kind, 4, pool});
  };
  const ResourceKind shimKind = ResourceKind::ShimDma,
                     memKind = ResourceKind::MemtileDma;
  int shim0 = channel("shim0.mm2s.0", "column 0 shim", shimKind, 0);
  int shim1 = channel("shim0.mm2s.1", "column 0 shim", shimKind, 0);
  int in0 = channel("mem0.s2mm.0", "column 0 memtile", memKind, 0);
  int in1 = channel("mem0.s2mm.1", "column 0 memtile", memKind, 1);
  int out = channel("mem0.mm2s.0", "column 0 memtile", memKind, 0);
  int core =
      channel("core(0,0).s2mm.0", "core(0,0)", ResourceKind::CoreDma, 0);
  int l2 = p.addBuffer({"l2", "column 0 memtile", Level::L2, 2, 4096});
  int l1 = p.addBuffer({"l1", "core(0,0)", Level::L1, 2, 4096});
  for (int i = 0; i < 6; ++i) {
    int fill = p.addTransfer("fetch", {shim0, shim1, in0, in1}, 4096,
                             Level::L3, Level::L2, {}, {l2}, 1, 2);
    p.fillInPieces(fill, 2);
    p.addTransfer("forward", {out, core}, 4096, Level::L2, Level::L1, {l2},
                  {l1});
  }
  std::vector<TileDescriptors> tiles = countBufferDescriptors(p);
  ASSERT_EQ(tiles.size(), 3u);
  EXPECT_EQ(tiles[0].tile, "column 0 memtile");
  EXPECT_EQ(tiles[0].pool, 0);
  EXPECT_EQ(tiles[0].count, 2 + 2);
  EXPECT_EQ(tiles[1].pool, 1);
  EXPECT_EQ(tiles[1].count, 2);
  EXPECT_EQ(tiles[2].tile, "core(0,0)");
  EXPECT_EQ(tiles[2].count, 2);
  EXPECT_EQ(tiles[0].kind, ResourceKind::MemtileDma);
  EXPECT_EQ(tiles[2].kind, ResourceKind::CoreDma);
}

TEST(BufferDescriptors, EveryBufferAndSizeNeedsItsOwn) {
  // Two single-slot buffers, and one of them also sent in a smaller
  // transfer: three descriptors on the one channel.
  SimProgram p;
  int ch = p.addResource(
      {"mem0.mm2s.0", "column 0 memtile", ResourceKind::MemtileDma, 4});
  int a = p.addBuffer({"a", "column 0 memtile", Level::L2, 1, 1024});
  int b = p.addBuffer({"b", "column 0 memtile", Level::L2, 1, 1024});
  for (int i = 0; i < 3; ++i) {
    p.addTransfer("a", {ch}, 1024, Level::L2, Level::L3, {a}, {});
    p.addTransfer("b", {ch}, 1024, Level::L2, Level::L3, {b}, {});
  }
  p.addTransfer("a half", {ch}, 512, Level::L2, Level::L3, {a}, {});
  EXPECT_EQ(countOf(countBufferDescriptors(p), "column 0 memtile"), 3);
}

TEST(BufferDescriptors, AFamilyOfRegionsSharesOne) {
  // Four slabs of one L1 allocation, filled one after another: one BD
  // stepping its address reaches them all; a slab of another size needs
  // its own.
  SimProgram p;
  int ch = p.addResource(
      {"core(0,0).s2mm.0", "core(0,0)", ResourceKind::CoreDma, 4});
  for (int slab = 0; slab < 4; ++slab) {
    int b = p.addBuffer({"slab" + std::to_string(slab), "core(0,0)", Level::L1,
                         1, 512, "core(0,0).weights"});
    p.addTransfer("w", {ch}, 512, Level::L2, Level::L1, {}, {b});
  }
  int odd = p.addBuffer(
      {"slab4", "core(0,0)", Level::L1, 1, 256, "core(0,0).weights"});
  p.addTransfer("w", {ch}, 256, Level::L2, Level::L1, {}, {odd});
  EXPECT_EQ(countOf(countBufferDescriptors(p), "core(0,0)"), 2);
}

TEST(BufferDescriptors, ReadersMayCountAWiderFamily) {
  // Two cores drain into double-buffered memtile buffers of their own,
  // each through a channel of its own: 2 slots each. One channel writes
  // both to DDR, stepping over them with one BD per slot, so they share a
  // read family: 2 more, not 4.
  SimProgram p;
  auto memtileChannel = [&](const std::string &name) {
    return p.addResource(
        {name, "column 0 memtile", ResourceKind::MemtileDma, 4});
  };
  int drain0 = memtileChannel("mem0.s2mm.2"),
      drain1 = memtileChannel("mem0.s2mm.3"),
      write = memtileChannel("mem0.mm2s.4");
  int out0 = p.addBuffer(
      {"out0.0", "column 0 memtile", Level::L2, 2, 1024, "out0.0", "out0"});
  int out1 = p.addBuffer(
      {"out0.1", "column 0 memtile", Level::L2, 2, 1024, "out0.1", "out0"});
  for (int round = 0; round < 4; ++round)
    for (auto [drain, out] : {std::pair{drain0, out0}, {drain1, out1}}) {
      p.addTransfer("drain", {drain}, 1024, Level::L1, Level::L2, {}, {out});
      p.addTransfer("write", {write}, 1024, Level::L2, Level::L3, {out}, {});
    }
  EXPECT_EQ(countOf(countBufferDescriptors(p), "column 0 memtile"), 2 + 2 + 2);
}

TEST(BufferDescriptors, FurtherIterationsMoveTheirShareOnEveryLane) {
  // Two cores' output chunks of one size written to DDR over two lanes
  // (two memtile channels) by one BD per slot on each: the first write of
  // a round pays the transfer, the second continues the BD (no transfer of
  // its own) but still moves half its bytes on each lane. Per pool: 2
  // slots of the drain channel and 2 of the writing one.
  SimProgram p;
  auto memtileChannel = [&](const std::string &name, int64_t pool) {
    return p.addResource(
        {name, "column 0 memtile", ResourceKind::MemtileDma, 4, pool});
  };
  int drain0 = memtileChannel("mem0.s2mm.2", 0),
      drain1 = memtileChannel("mem0.s2mm.3", 1);
  int write0 = memtileChannel("mem0.mm2s.4", 0),
      write1 = memtileChannel("mem0.mm2s.5", 1);
  int out0 = p.addBuffer(
      {"out0.0", "column 0 memtile", Level::L2, 2, 1024, "out0.0", "out0"});
  int out1 = p.addBuffer(
      {"out0.1", "column 0 memtile", Level::L2, 2, 1024, "out0.1", "out0"});
  for (int round = 0; round < 4; ++round) {
    p.addTransfer("drain", {drain0}, 1024, Level::L1, Level::L2, {}, {out0});
    p.addTransfer("drain", {drain1}, 1024, Level::L1, Level::L2, {}, {out1});
    p.addTransfer("write", {write0, write1}, 1024, Level::L2, Level::L3,
                  {out0}, {}, /*transfers=*/1, /*lanes=*/2);
    p.addTransfer("write", {write0, write1}, 1024, Level::L2, Level::L3,
                  {out1}, {}, /*transfers=*/0, /*lanes=*/2);
  }
  std::vector<TileDescriptors> tiles = countBufferDescriptors(p);
  ASSERT_EQ(tiles.size(), 2u);
  EXPECT_EQ(tiles[0].count, 2 + 2);
  EXPECT_EQ(tiles[1].count, 2 + 2);
}

} // namespace
} // namespace aieconv::sim
