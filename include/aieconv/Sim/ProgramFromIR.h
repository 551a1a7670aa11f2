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
