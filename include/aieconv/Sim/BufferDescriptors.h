//===- BufferDescriptors.h - What a program asks of the DMA BDs -*- C++ -*-===//
//
// A tile's DMA walks buffer descriptors (BDs): each names a buffer slot, its
// size and access pattern, and the lock to take and release. A transfer
// repeated with the same slot, size and pattern reuses its BD (a chain
// looping over the slots, as mlir-aie's object FIFOs do); a fill that comes
// in pieces takes one BD per piece. A tile holds a fixed number of BDs
// (aie2-facts.md: 48 per memtile, 16 per core tile), so a program whose
// transfers need more cannot be laid out as the simulator ran it.
//
// The count is per tile: the distinct (channel, buffer family, slot, bytes
// per transfer, piece) of every transfer that moves a buffer of that tile
// through one of its channels. A family (Buffer::family) is the regions of
// one allocation, which one BD reaches by stepping its address (the
// memtile DMA's fourth and the core DMA's third address dimension,
// aie2-facts.md "memtile DMA", "DMA"). Plain C++17.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_SIM_BUFFERDESCRIPTORS_H
#define AIECONV_SIM_BUFFERDESCRIPTORS_H

#include "aieconv/Sim/SimProgram.h"

#include <cstdint>
#include <string>
#include <vector>

namespace aieconv::sim {

/// The BDs one tile's transfers need.
struct TileDescriptors {
  /// The tile: the group of its channels ("column 0 memtile", "core(0,2)").
  std::string tile;
  /// MemtileDma or CoreDma.
  ResourceKind kind = ResourceKind::MemtileDma;
  int64_t count = 0;
};

/// Every memtile and core tile that moves a buffer, in the order their
/// channels were added.
std::vector<TileDescriptors> countBufferDescriptors(const SimProgram &program);

} // namespace aieconv::sim

#endif // AIECONV_SIM_BUFFERDESCRIPTORS_H
