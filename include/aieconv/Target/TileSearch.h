//===- TileSearch.h - Choosing tile sizes and strategy ----------*- C++ -*-===//
//
// Tile selection for one convolution on one device: enumerate tile sizes
// (th, tw, toc, icb), core-grid splits and accumulator buffering, drop those
// that overflow L1 or the memtile, price the rest with the cost model
// (CostModel.h) and keep the cheapest. Plain C++17, no MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_TARGET_TILESEARCH_H
#define AIECONV_TARGET_TILESEARCH_H

#include "aieconv/Target/ConvSchedule.h"

#include <cstdint>
#include <optional>
#include <string>

namespace aieconv::target {

/// What a search looked at.
struct SearchStats {
  int64_t candidates = 0; ///< choices priced or rejected
  int64_t feasible = 0;   ///< choices that fit every level
};

/// The tiling iree-amd-aie's conv-decompose pipeline uses, which the Seed
/// strategy reproduces: one column of cores, each one output row of r
/// positions x t channels, K = s input channels per step (depthwise: the
/// depthwise ukernel's lanes as channels, one tap per step).
TileChoice seedTileChoice(const ConvSpec &spec, kernels::Device device);

/// The schedule of `spec` on `device` under `strategy`. Seed is the one
/// seedTileChoice tiling. Decompose and Im2colL1 enumerate core tiles (th,
/// tw, toc, icb, accumulator buffers, resident weights or kept input,
/// memtile reduction chunks) and grids (columns, core split, column
/// split), drop what breaks a rule, and among the candidates within 2% of
/// the fastest estimate take the one whose cores are least busy, then the
/// one with larger calls, then fewer estimated cycles, then less L1 (the
/// model cannot tell those apart reliably; see TileSearch.cpp). Auto runs
/// both and keeps the lower estimate (ties: Im2colL1, which moves each
/// input once per ic block). Fails only when the conv is malformed, its
/// types have no ukernel on the device, or no tile of the strategy fits
/// (e.g. Im2colL1 with taps too far apart for a core's patch); `whyNot`
/// then says why.
std::optional<ConvSchedule>
searchSchedule(const ConvSpec &spec, kernels::Device device, Strategy strategy,
               SearchStats *stats = nullptr, std::string *whyNot = nullptr);

} // namespace aieconv::target

#endif // AIECONV_TARGET_TILESEARCH_H
