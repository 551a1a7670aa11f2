//===- ProgramFromIRTest.cpp - The scheduled IR as a simulator program ----===//
//
// Runs the pipeline on a small conv (3x3, 32 -> 64 channels, 16x16 output,
// input already padded) with the decompose strategy, builds the simulator
// program from the result and checks it against hand computation. The
// tiling, fixed by the test: 64 core tiles of 1x2x8x16 outputs on
// 4 columns x 4 rows x 4 rounds, cores of a column share the weights, the
// columns split the output rows, each column keeps its input in the memtile
// and walks the 4 output-channel blocks (spatial-outer loop order), the
// same block in every column at a time; 9 reduction steps (kh x kw) per
// tile, each a 16x16x32 matmul call.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Sim/ProgramFromIR.h"
#include "aieconv/Sim/BufferDescriptors.h"
#include "aieconv/Pipelines/Pipelines.h"
#include "aieconv/Sim/SimReport.h"
#include "aieconv/Sim/Simulator.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <set>

namespace aieconv::sim {
namespace {

/// The tiling the header describes.
constexpr const char *kDecomposeTile =
    "th=2,tw=8,toc=16,icb=32,acc=1,columns=4,rows=4,cores=share-weights,"
    "split=rows";

constexpr const char *kConv = R"mlir(
func.func @small(%in: tensor<1x18x18x32xbf16>, %w: tensor<3x3x32x64xbf16>)
    -> tensor<1x16x16x64xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x16x16x64xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x16x16x64xf32>)
         -> tensor<1x16x16x64xf32>
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>,
                                 strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x18x18x32xbf16>, tensor<3x3x32x64xbf16>)
         outs(%f : tensor<1x16x16x64xf32>) -> tensor<1x16x16x64xf32>
  return %0 : tensor<1x16x16x64xf32>
}
)mlir";

class ProgramFromIRTest : public ::testing::Test {
protected:
  ProgramFromIRTest() {
    mlir::DialectRegistry registry;
    mlir::registerAllDialects(registry);
    mlir::registerAllExtensions(registry);
    context.appendDialectRegistry(registry);
  }

  /// The scheduled IR of `source` (kConv by default) under `strategy`,
  /// with the tiling `tile` when one is given (the hand computations below
  /// hold for one tiling, whatever the search prefers).
  mlir::OwningOpRef<mlir::ModuleOp> schedule(const std::string &strategy,
                                             const char *source = kConv,
                                             const std::string &tile = "") {
    mlir::OwningOpRef<mlir::ModuleOp> module =
        mlir::parseSourceString<mlir::ModuleOp>(source, &context);
    if (!module)
      return nullptr;
    PipelineOptions options;
    options.device = "npu1";
    options.strategy = strategy;
    options.tile = tile;
    mlir::PassManager pm(&context, mlir::ModuleOp::getOperationName());
    if (mlir::failed(buildConvPipeline(pm, options)) ||
        mlir::failed(pm.run(*module)))
      return nullptr;
    return module;
  }

  /// The entry `key` of the schedule the pipeline recorded on `func`'s
  /// core loop; "<none>" when there is no such entry.
  static std::string scheduleEntry(mlir::func::FuncOp func, const char *key) {
    std::string value = "<none>";
    func.walk([&](mlir::scf::ForallOp forall) {
      auto schedule =
          forall->getAttrOfType<mlir::DictionaryAttr>("aieconv.schedule");
      if (auto entry = schedule ? llvm::dyn_cast_or_null<mlir::StringAttr>(
                                      schedule.get(key))
                                : mlir::StringAttr())
        value = entry.str();
    });
    return value;
  }

  /// Builds the simulator program of `module`'s scheduled function into
  /// `layer` and simulates it into `result`; fails with the reason when
  /// either step does.
  static ::testing::AssertionResult
  simulateScheduled(mlir::ModuleOp module, std::optional<LayerProgram> &layer,
                    SimResult &result) {
    std::string error;
    layer = buildProgram(scheduledFunctions(module).front(), {}, error);
    if (!layer)
      return ::testing::AssertionFailure() << error;
    result = simulate(layer->program);
    if (!result.ok)
      return ::testing::AssertionFailure() << result.error;
    return ::testing::AssertionSuccess();
  }

  /// simulateScheduled on `source` under im2col-l1 with the tiling `tile`.
  ::testing::AssertionResult simulateTiling(const char *source,
                                            const std::string &tile,
                                            std::optional<LayerProgram> &layer,
                                            SimResult &result) {
    mlir::OwningOpRef<mlir::ModuleOp> module =
        schedule("im2col-l1", source, tile);
    if (!module)
      return ::testing::AssertionFailure() << "the pipeline failed";
    return simulateScheduled(*module, layer, result);
  }

  mlir::MLIRContext context;
};

TEST_F(ProgramFromIRTest, DecomposeMatchesHandComputation) {
  mlir::OwningOpRef<mlir::ModuleOp> module =
      schedule("decompose", kConv, kDecomposeTile);
  ASSERT_TRUE(module);
  std::vector<mlir::func::FuncOp> funcs = scheduledFunctions(*module);
  ASSERT_EQ(funcs.size(), 1u);
  std::string error;
  std::optional<LayerProgram> layer = buildProgram(funcs[0], {}, error);
  ASSERT_TRUE(layer) << error;

  EXPECT_EQ(layer->coreTiles, 64);
  EXPECT_EQ(layer->columns, 4);
  EXPECT_EQ(layer->rows, 4);
  EXPECT_EQ(layer->rounds, 4);
  EXPECT_EQ(layer->stepsPerTile, 9);
  EXPECT_EQ(layer->stepsPerTask, 1);
  // Per tile: zero, 9 calls, drain to L2, out to DDR (768); per column the
  // hull of its 4 input windows from DDR once (4); per round the weights,
  // which every column needs, fetched once (4); per tile and step its
  // input (576); per round and step one weight broadcast to all 16 cores
  // (36).
  EXPECT_EQ(layer->program.tasks().size(), 768u + 4 + 4 + 576 + 36);

  SimResult result = simulate(layer->program);
  ASSERT_TRUE(result.ok) << result.error;
  // DDR -> L2: per column the hull of its cores' 2 x 2 windows of 4 x 10
  // (they overlap by the 3x3 halo), 1x6x18x32 bf16, and 4 x 3x3x32x16
  // bf16 weights.
  EXPECT_EQ(result.bytesMoved(Level::L3, Level::L2), 4 * 6912 + 4 * 9216);
  // L2 -> L1: 64 x 9 inputs of 1x2x8x32 bf16, 4 x 9 weight broadcasts of
  // 32x16 bf16.
  EXPECT_EQ(result.bytesMoved(Level::L2, Level::L1),
            64 * 9 * 1024 + 4 * 9 * 1024);
  // The output, 16x16x64 f32, once each way.
  EXPECT_EQ(result.bytesMoved(Level::L1, Level::L2), 65536);
  EXPECT_EQ(result.bytesMoved(Level::L2, Level::L3), 65536);
  EXPECT_EQ(result.macs, 16 * 16 * 64 * 9 * 32);

  SimReport report = makeReport(layer->program, result, layer->facts);
  EXPECT_EQ(report.compulsoryReadBytes, 18 * 18 * 32 * 2 + 3 * 3 * 32 * 64 * 2);
  EXPECT_EQ(report.compulsoryWriteBytes, 16 * 16 * 64 * 4);
  // Physics: never faster than the roofline.
  EXPECT_GE(report.totalCycles, report.rooflineCycles);
  // The analytic model and the simulation agree within a factor of two.
  ASSERT_GT(report.analyticCycles, 0);
  EXPECT_LT(std::abs(report.analyticError), 0.5) << formatReport(report);
}

TEST_F(ProgramFromIRTest, MergedStepsKeepBytesAndMacs) {
  mlir::OwningOpRef<mlir::ModuleOp> module =
      schedule("decompose", kConv, kDecomposeTile);
  ASSERT_TRUE(module);
  mlir::func::FuncOp func = scheduledFunctions(*module).front();
  std::string error;
  std::optional<LayerProgram> full = buildProgram(func, {}, error);
  ProgramOptions merged;
  merged.maxSteps = 64 * 3; // three steps per task
  std::optional<LayerProgram> coarse = buildProgram(func, merged, error);
  ASSERT_TRUE(full && coarse) << error;
  EXPECT_EQ(coarse->stepsPerTask, 3);
  EXPECT_LT(coarse->program.tasks().size(), full->program.tasks().size());
  SimResult a = simulate(full->program), b = simulate(coarse->program);
  ASSERT_TRUE(a.ok && b.ok) << a.error << b.error;
  EXPECT_EQ(a.macs, b.macs);
  for (Level from : {Level::L3, Level::L2, Level::L1})
    for (Level to : {Level::L3, Level::L2, Level::L1})
      EXPECT_EQ(a.bytesMoved(from, to), b.bytesMoved(from, to));
  // Merging changes only how finely the pipeline overlaps: a third of a
  // tile per task (the coarsest this layer allows short of whole tiles)
  // moves the cycles by 12.6%; hold it under 20%.
  EXPECT_NEAR(double(b.totalCycles), double(a.totalCycles),
              0.2 * double(a.totalCycles));
}

TEST_F(ProgramFromIRTest, Im2colSimulatesAboveTheRoofline) {
  mlir::OwningOpRef<mlir::ModuleOp> module = schedule("im2col-l1");
  ASSERT_TRUE(module);
  std::optional<LayerProgram> layer;
  SimResult result;
  ASSERT_TRUE(simulateScheduled(*module, layer, result));
  SimReport report = makeReport(layer->program, result, layer->facts);
  EXPECT_EQ(report.macs, 16 * 16 * 64 * 9 * 32);
  EXPECT_GE(report.totalCycles, report.rooflineCycles);
  EXPECT_LT(std::abs(report.analyticError), 0.5) << formatReport(report);
}

TEST_F(ProgramFromIRTest, FirstCallsStartTheAccumulator) {
  // The call that begins a tile's reduction starts from zero itself: with
  // the whole reduction in one call (icb = 32) it is the "_init" symbol, in
  // 4 steps (icb = 8) the first step's call, told by its accumulate
  // operand. Either way no zero-fill task is left, yet every tile still
  // starts its accumulator buffer, whose one slot the drain releases.
  for (const char *icb : {"32", "8"}) {
    SCOPED_TRACE(std::string("icb=") + icb);
    mlir::OwningOpRef<mlir::ModuleOp> module =
        schedule("im2col-l1", kConv,
                 std::string("th=2,tw=8,toc=16,icb=") + icb +
                     ",acc=1,columns=4,rows=4,cores=share-weights,split=rows");
    ASSERT_TRUE(module);
    std::string error;
    std::optional<LayerProgram> layer =
        buildProgram(scheduledFunctions(*module).front(), {}, error);
    ASSERT_TRUE(layer) << error;
    int64_t starts = 0, zeros = 0, calls = 0;
    for (const Task &task : layer->program.tasks()) {
      starts += task.name == "start";
      zeros += task.name == "zero";
      calls += task.name.rfind("conv2d_", 0) == 0;
    }
    EXPECT_EQ(zeros, 0);
    EXPECT_EQ(starts, layer->coreTiles);
    EXPECT_EQ(calls, layer->coreTiles * layer->stepsPerTile);
    int64_t accumulators = 0;
    for (const Buffer &buffer : layer->program.buffers())
      if (buffer.name.find(".acc") != std::string::npos) {
        ++accumulators;
        EXPECT_EQ(buffer.slots, 1) << buffer.name;
      }
    EXPECT_EQ(accumulators, layer->columns * layer->rows);
    SimResult result = simulate(layer->program);
    ASSERT_TRUE(result.ok) << result.error;
  }
}

constexpr const char *kDepthwise = R"mlir(
func.func @dw(%in: tensor<1x10x10x64xbf16>, %w: tensor<3x3x64xbf16>)
    -> tensor<1x8x8x64xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x8x64xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x8x8x64xf32>)
         -> tensor<1x8x8x64xf32>
  %0 = linalg.depthwise_conv_2d_nhwc_hwc
         {dilations = dense<1> : vector<2xi64>,
          strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x10x10x64xbf16>, tensor<3x3x64xbf16>)
         outs(%f : tensor<1x8x8x64xf32>) -> tensor<1x8x8x64xf32>
  return %0 : tensor<1x8x8x64xf32>
}
)mlir";

TEST_F(ProgramFromIRTest, DepthwiseColumnsTakeChannelBlocks) {
  // The schedule: 32 tiles of 1x2x4x16 outputs (4 channel blocks of 16 x
  // 4 row pairs x 2 column halves), columns split by channels, the cores of
  // a column share the weights. The channel dim is one the weights depend
  // on, though the input depends on it too: each column gets one channel
  // block, loads its weights once and walks 2 rounds (the column halves)
  // of 4 row pairs.
  std::optional<LayerProgram> layer;
  SimResult result;
  ASSERT_TRUE(simulateTiling(kDepthwise,
                             "th=2,tw=4,toc=16,icb=16,acc=1,columns=4,rows=4,"
                             "cores=share-weights,split=channels",
                             layer, result));
  EXPECT_EQ(layer->columns, 4);
  EXPECT_EQ(layer->rows, 4);
  EXPECT_EQ(layer->rounds, 2);
  // L2 -> L1: 32 input windows of 1x4x6x16 bf16 (768 B: two output rows
  // and the 3x3 halo), 4 x 3x3x16 weights (broadcast once per column).
  // DDR -> L2: each round's 4 windows overlap, and come as their hull of
  // 60 of those 96 pixels (1920 B), and the weights.
  EXPECT_EQ(result.bytesMoved(Level::L3, Level::L2), 8 * 1920 + 4 * 288);
  EXPECT_EQ(result.bytesMoved(Level::L2, Level::L1), 32 * 768 + 4 * 288);
  for (const Resource &r : layer->program.resources())
    if (r.kind == ResourceKind::Core) {
      int id = static_cast<int>(&r - layer->program.resources().data());
      EXPECT_GT(result.busyCycles[id], 0) << r.name << " idle";
    }
  SimReport report = makeReport(layer->program, result, layer->facts);
  EXPECT_GE(report.totalCycles, report.rooflineCycles);
}

constexpr const char *kStreamed = R"mlir(
func.func @streamed(%in: tensor<1x14x14x256xbf16>, %w: tensor<1x1x256x1024xbf16>)
    -> tensor<1x14x14x1024xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x14x14x1024xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x14x14x1024xf32>)
         -> tensor<1x14x14x1024xf32>
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>,
                                 strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x14x14x256xbf16>, tensor<1x1x256x1024xbf16>)
         outs(%f : tensor<1x14x14x1024xf32>) -> tensor<1x14x14x1024xf32>
  return %0 : tensor<1x14x14x1024xf32>
}
)mlir";

TEST_F(ProgramFromIRTest, ResidentWeightsAndSplitInput) {
  // ResNet-50 res4a_b2c: 224 core tiles of 2x16 pixels x 32 output
  // channels; the columns split the output channels, the cores of a column
  // share the input, and each core keeps its 32 x 256 weights in L1 while
  // it walks the 7 spatial tiles (channels-outer), 2 channel blocks in all,
  // 14 rounds. The input streams through the memtile in 2 chunks per tile,
  // on both of the core's DMA channels, and stays there for the second
  // channel block.
  mlir::OwningOpRef<mlir::ModuleOp> module =
      schedule("im2col-l1", kStreamed,
               "th=2,tw=16,toc=32,icb=128,acc=2,resident=1,l2icb=128,"
               "columns=4,rows=4,cores=share-input,split=channels");
  ASSERT_TRUE(module);
  mlir::func::FuncOp func = scheduledFunctions(*module).front();
  ASSERT_EQ(scheduleEntry(func, "l1.weights_resident"), "true");
  ASSERT_EQ(scheduleEntry(func, "l1.input_channels"), "2");
  ASSERT_EQ(scheduleEntry(func, "l2.chunks"), "2");
  ASSERT_EQ(scheduleEntry(func, "grid.column_split"), "channels");
  ASSERT_EQ(scheduleEntry(func, "l2.loop_order"), "channels-outer-keep-input");
  ASSERT_EQ(scheduleEntry(func, "l2.input_buffers"), "14");
  std::string error;
  std::optional<LayerProgram> layer = buildProgram(func, {}, error);
  ASSERT_TRUE(layer) << error;
  ASSERT_EQ(layer->rounds, 14);
  SimResult result = simulate(layer->program);
  ASSERT_TRUE(result.ok) << result.error;
  // Each core's two weight blocks come to L1 once each: all the weights,
  // 256 x 1024 bf16, once. Every input tile, 2 x 16 pixels x 256 channels,
  // is fetched once (7 of them, kept for the second channel block; the
  // memtile takes the 14 columns of data and pads the other 2 itself), and
  // every round broadcasts its tile to all 16 cores (every column needs
  // it): 14 times.
  const int64_t weights = 256 * 1024 * 2;
  const int64_t inputTile = 2 * 16 * 256 * 2;
  EXPECT_EQ(result.bytesMoved(Level::L3, Level::L2),
            weights + 7 * inputTile * 14 / 16);
  EXPECT_EQ(result.bytesMoved(Level::L2, Level::L1),
            weights + 14 * inputTile);
  // Every input step is one transfer on two lanes.
  int64_t split = 0;
  for (const Task &task : layer->program.tasks())
    if (task.kind == TaskKind::Transfer && task.to == Level::L1 &&
        task.name.rfind("in ", 0) == 0) {
      EXPECT_EQ(task.lanes, 2) << task.name;
      ++split;
    }
  EXPECT_EQ(split, 14 * 2); // rounds x steps
  // A block comes piece by piece with the steps of its first tile: 16
  // cores x 2 blocks x 2 pieces (one per step), each of 128 x 32 bf16 on
  // both of the core's channels, and a core's first call waits for the
  // first piece only.
  const auto &tasks = layer->program.tasks();
  int64_t pieces = 0;
  std::vector<int64_t> pieceEnds;
  for (size_t t = 0; t < tasks.size(); ++t)
    if (tasks[t].kind == TaskKind::Transfer && tasks[t].to == Level::L1 &&
        tasks[t].name.rfind("w ", 0) == 0) {
      EXPECT_EQ(tasks[t].lanes, 2) << tasks[t].name;
      EXPECT_EQ(tasks[t].bytes, 128 * 32 * 2) << tasks[t].name;
      if (tasks[t].name == "w c0 r0")
        pieceEnds.push_back(result.tasks[t].end);
      ++pieces;
    }
  EXPECT_EQ(pieces, 16 * 2 * 2);
  int core = -1;
  for (size_t r = 0; r < layer->program.resources().size(); ++r)
    if (layer->program.resources()[r].name == "core(0,0)")
      core = static_cast<int>(r);
  int64_t firstCall = -1;
  for (size_t t = 0; t < tasks.size() && firstCall < 0; ++t)
    if (tasks[t].kind == TaskKind::Compute && tasks[t].macs > 0 &&
        tasks[t].resources.front() == core)
      firstCall = result.tasks[t].start;
  ASSERT_GE(pieceEnds.size(), 2u);
  EXPECT_GE(firstCall, pieceEnds[0]);
  EXPECT_LT(firstCall, pieceEnds[1]);
}

TEST_F(ProgramFromIRTest, CoresGetAMemtileFillPieceByPiece) {
  // res4a_b2c as above: core 0's first weight chunk, 128 input x 32 output
  // channels of bf16 (8 KiB), comes from DDR to the memtile in 8 pieces,
  // and its transfer on to L1 starts once the first is in, before the
  // fetch ends; it ends after it. The pieces are one buffer descriptor's
  // runs: the program fits every memtile pool.
  std::optional<LayerProgram> layer;
  SimResult result;
  ASSERT_TRUE(simulateTiling(
      kStreamed,
      "th=2,tw=16,toc=32,icb=128,acc=2,resident=1,l2icb=128,"
      "columns=4,rows=4,cores=share-input,split=channels",
      layer, result));
  const auto &tasks = layer->program.tasks();
  int fetch = -1, forward = -1;
  for (size_t t = 0; t < tasks.size(); ++t) {
    if (fetch < 0 && tasks[t].name == "w c0" && tasks[t].to == Level::L2)
      fetch = static_cast<int>(t);
    if (forward < 0 && tasks[t].name == "w c0 r0" && tasks[t].to == Level::L1)
      forward = static_cast<int>(t);
  }
  ASSERT_GE(fetch, 0);
  ASSERT_GT(forward, fetch);
  EXPECT_EQ(tasks[fetch].bytes, 128 * 32 * 2);
  EXPECT_EQ(tasks[fetch].pieces, 8);
  for (const TileDescriptors &tile : countBufferDescriptors(layer->program))
    EXPECT_LE(tile.count, tile.kind == ResourceKind::MemtileDma ? 24 : 16)
        << tile.tile << " pool " << tile.pool;
  EXPECT_TRUE(tasks[forward].forwardsPieces);
  EXPECT_GT(result.tasks[forward].start, result.tasks[fetch].start);
  EXPECT_LT(result.tasks[forward].start, result.tasks[fetch].end);
  EXPECT_GT(result.tasks[forward].end, result.tasks[fetch].end);
}

TEST_F(ProgramFromIRTest, CascadeChainRunsAsOneTaskOnTheColumnsCores) {
  // res4a_b2c on a cascade: per column and round one tile of 2 x 8 pixels x
  // 64 output channels, its 256-channel reduction split over the 4 cores
  // (64 channels each, their weights resident). Core i gets block i of the
  // input; the 4 calls are one task on all 4 cores for the slowest link
  // (the last: sums in from the cascade, stored), and the last core drains
  // the tile 3 register blocks after that task ends.
  std::optional<LayerProgram> layer;
  SimResult result;
  ASSERT_TRUE(simulateTiling(kStreamed,
                             "th=2,tw=8,toc=64,icb=64,acc=2,resident=1,"
                             "cores=cascade,split=channels",
                             layer, result));
  EXPECT_EQ(layer->rows, 4);
  EXPECT_EQ(layer->stepsPerTile, 4);
  EXPECT_EQ(layer->stepsPerTask, 1);
  const auto &tasks = layer->program.tasks();
  const auto &resources = layer->program.resources();
  const kernels::ConvVariant *variant = kernels::findConvVariant(
      kernels::Device::Npu1, kernels::ElemType::BF16, kernels::ElemType::BF16,
      kernels::ElemType::F32);
  ASSERT_NE(variant, nullptr);
  // The call takes the tile's two rows of 8 pixels as one row of 16.
  kernels::ConvShape link =
      kernels::ConvShape{2, 8, 64, 1, 1, 64}.withPixelRowsJoined(4);
  int64_t slowest = 0, lag = 0;
  for (auto [in, out] : {std::pair{false, true}, {true, true}, {true, false}}) {
    link.cascadeIn = in;
    link.cascadeOut = out;
    kernels::UKernelCost cost = kernels::estimateCost(*variant, link);
    slowest = std::max(slowest, cost.cycles);
    lag = std::max(lag, cost.cycles / cost.blocks);
  }
  int chain = -1, drain = -1;
  for (size_t t = 0; t < tasks.size(); ++t) {
    if (chain < 0 && tasks[t].kind == TaskKind::Compute &&
        tasks[t].macs > 0)
      chain = static_cast<int>(t);
    if (drain < 0 && tasks[t].name == "drain c0 r3")
      drain = static_cast<int>(t);
  }
  ASSERT_GE(chain, 0);
  ASSERT_GE(drain, 0);
  ASSERT_EQ(tasks[chain].resources.size(), 4u);
  for (size_t row = 0; row < 4; ++row)
    EXPECT_EQ(resources[tasks[chain].resources[row]].name,
              "core(0," + std::to_string(row) + ")");
  EXPECT_EQ(tasks[chain].cycles, slowest);
  EXPECT_EQ(tasks[chain].macs, 4 * 2 * 8 * 64 * 64);
  EXPECT_GE(result.tasks[drain].start, result.tasks[chain].end + 3 * lag);
  // Each core's input block comes on its own channels.
  for (int row = 0; row < 4; ++row) {
    std::string name = "in c0 r" + std::to_string(row);
    auto it = std::find_if(tasks.begin(), tasks.end(), [&](const Task &t) {
      return t.name.rfind(name, 0) == 0;
    });
    ASSERT_NE(it, tasks.end()) << name;
    bool reachesCore = false;
    for (int r : it->resources)
      reachesCore |= resources[r].name.rfind(
                         "core(0," + std::to_string(row) + ").s2mm", 0) == 0;
    EXPECT_TRUE(reachesCore) << name;
  }
  // A whole layer: every MAC once.
  EXPECT_EQ(result.macs, int64_t(14) * 16 * 1024 * 256);
}

TEST_F(ProgramFromIRTest, OutputLeavesInChunks) {
  // res4a_b2c again, with 2 x 16 pixels x 64 output channels per core: an
  // 8 KiB f32 accumulator leaves in 2 chunks, each through a memtile buffer
  // of its own, and the memtile writes a core's first chunk to DDR while
  // the core drains its second. The image is 14 wide: the DMA moves the 2
  // x 14 pixels the layer keeps, 3.5 KiB a chunk.
  mlir::OwningOpRef<mlir::ModuleOp> module =
      schedule("im2col-l1", kStreamed,
               "th=2,tw=16,toc=64,icb=128,acc=1,resident=0,l2icb=128,"
               "columns=4,rows=4,cores=share-input,split=channels");
  ASSERT_TRUE(module);
  mlir::func::FuncOp func = scheduledFunctions(*module).front();
  EXPECT_EQ(scheduleEntry(func, "l2.output_chunks"), "2");
  std::string error;
  std::optional<LayerProgram> layer = buildProgram(func, {}, error);
  ASSERT_TRUE(layer) << error;
  SimResult result = simulate(layer->program);
  ASSERT_TRUE(result.ok) << result.error;
  const auto &tasks = layer->program.tasks();
  std::vector<size_t> drains, outs, nextOuts;
  int64_t drained = 0;
  for (size_t t = 0; t < tasks.size(); ++t) {
    if (tasks[t].name == "out c0 r1")
      nextOuts.push_back(t);
    if (tasks[t].name.rfind("drain", 0) == 0) {
      EXPECT_EQ(tasks[t].bytes, 2 * 14 * 64 * 4 / 2) << tasks[t].name;
      drained += tasks[t].bytes;
    }
    if (tasks[t].name == "drain c0 r0")
      drains.push_back(t);
    if (tasks[t].name == "out c0 r0")
      outs.push_back(t);
  }
  // Every output once, in f32, without the 2 columns of padding that round
  // the width up to whole tiles.
  EXPECT_EQ(drained, 14 * 14 * 1024 * 4);
  ASSERT_GE(drains.size(), 2u);
  ASSERT_GE(outs.size(), 2u);
  EXPECT_GE(result.tasks[outs[0]].start, result.tasks[drains[0]].end);
  EXPECT_LT(result.tasks[outs[0]].start, result.tasks[drains[1]].end);
  // One buffer descriptor writes the column's cores' chunks in turn: the
  // second core's follows the first core's, without a transfer of its own.
  ASSERT_FALSE(nextOuts.empty());
  EXPECT_GE(result.tasks[nextOuts[0]].start, result.tasks[outs[0]].end);
  EXPECT_EQ(tasks[outs[0]].transfers, 1);
  EXPECT_EQ(tasks[nextOuts[0]].transfers, 0);
  // The chunks are regions of one memtile allocation: one buffer
  // descriptor family.
  std::set<std::string> families;
  for (const Buffer &buffer : layer->program.buffers())
    if (buffer.name.rfind("out0.0.", 0) == 0)
      families.insert(buffer.family);
  EXPECT_EQ(families, std::set<std::string>{"out0.0"});
}

} // namespace
} // namespace aieconv::sim
