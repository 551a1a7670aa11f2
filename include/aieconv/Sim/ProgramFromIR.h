//===- ProgramFromIR.h - The scheduled IR as a simulator program -*- C++
//-*-===//
//
// Builds the SimProgram of one function of the scheduled IR (the output of
// the `bufferize` stage: an scf.forall over core tiles carrying
// `aieconv.schedule`, memrefs in memory spaces 1 = L2 and 2 = L1, copies
// between spaces, scf.for reduction loops and ukernel calls). How each op
// becomes tasks, and what is approximated, is in lib/Sim/README.md.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_SIM_PROGRAMFROMIR_H
#define AIECONV_SIM_PROGRAMFROMIR_H

#include "aieconv/Sim/SimProgram.h"
#include "aieconv/Sim/SimReport.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include <optional>
#include <string>
#include <vector>

namespace aieconv::sim {

struct ProgramOptions {
  /// The device to simulate on; the schedule's `device` when unset.
  std::optional<kernels::Device> device;
  /// Reduction steps (one ukernel call and the copies feeding it) the
  /// program may hold before consecutive steps of a tile are merged into
  /// one task each (their bytes, transfer overheads and cycles summed).
  int64_t maxSteps = 100000;
};

/// How a DMA program spends buffer descriptors (BufferDescriptors.h): the
/// shim lanes (0: all of the column's channel pairs) a memtile fill and an
/// output chunk are split over. With one lane, consecutive transfers take
/// turns on the channels, so each channel, and each descriptor pool, holds
/// the descriptors of fewer buffers; split, every buffer takes one on each.
struct DmaLayout {
  int64_t fillLanes = 0;
  int64_t outputLanes = 0;
  friend bool operator==(const DmaLayout &a, const DmaLayout &b) {
    return a.fillLanes == b.fillLanes && a.outputLanes == b.outputLanes;
  }
};

/// The layouts a program is built with, most generous first: the first
/// whose descriptors fit every memtile pool and core tile is kept (the
/// last when none does).
const std::vector<DmaLayout> &dmaLayoutLadder();

/// "fill lanes all, output lanes 1".
std::string formatDmaLayout(const DmaLayout &layout);

/// A simulated layer: the program, the facts the report needs, and counts
/// that say how the IR was mapped.
struct LayerProgram {
  SimProgram program;
  LayerFacts facts;
  /// forall iterations = core tiles, and how they were dealt out.
  int64_t coreTiles = 0;
  int64_t columns = 0, rows = 0, rounds = 0;
  /// Reduction steps of one tile in the IR, and how many are merged into
  /// one task.
  int64_t stepsPerTile = 0;
  int64_t stepsPerTask = 1;
  /// Ops outside the forall (relayouts, pads) and their bytes: done by the
  /// shim DMAs while they move the operands, so not simulated separately.
  int64_t layerOps = 0;
  int64_t layerOpBytes = 0;
  /// The DMA layout the program was built with, and how many layouts of
  /// the ladder were tried before it (0: the most generous fitted).
  DmaLayout dma;
  int64_t dmaFallbacks = 0;
};

/// Functions of `module` holding an scf.forall with `aieconv.schedule`.
std::vector<mlir::func::FuncOp> scheduledFunctions(mlir::ModuleOp module);

/// The program of `func`, or nothing with `error` set when the IR holds
/// something the simulator cannot map (dynamic shapes or bounds, an unknown
/// ukernel symbol, a copy between unexpected memory spaces).
std::optional<LayerProgram> buildProgram(mlir::func::FuncOp func,
                                         const ProgramOptions &options,
                                         std::string &error);

} // namespace aieconv::sim

#endif // AIECONV_SIM_PROGRAMFROMIR_H
