//===- BufferDescriptors.h - What a program asks of the DMA BDs -*- C++ -*-===//
//
// A tile's DMA walks buffer descriptors (BDs): each names a buffer region,
// its size and access pattern, and the lock to take and release. A transfer
// repeated on the same buffer slot reuses its BD (a chain looping over the
// slots, as mlir-aie's object FIFOs do). A BD executed again steps its
// address by its iteration stride (DMA_BD "Iteration_Stepsize", up to 64
// times), taking and releasing its lock each time: so the pieces of a fill,
// and the regions of one allocation at a fixed stride (the slabs of an L1
// buffer, the regions one memtile copy holds, the chunks of a core's output
// tile), take one BD between them. A tile holds a fixed number of BDs
// (aie2-facts.md: 16 per core tile; 48 per memtile, where channels 0, 2, 4
// reach BDs 0-23 and channels 1, 3, 5 BDs 24-47, XD100 "Buffer Descriptors
// overview"), so a program whose transfers need more cannot be laid out as
// the simulator ran it.
//
// The count is per pool (a core tile's one, a memtile's two): the distinct
// (channel, buffer family, slot, bytes per transfer) of every transfer that
// moves a buffer of that tile through a channel of the pool; a transfer
// reading a buffer counts it under its read family (Buffer::readFamily).
// Plain C++17.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_SIM_BUFFERDESCRIPTORS_H
#define AIECONV_SIM_BUFFERDESCRIPTORS_H

#include "aieconv/Sim/SimProgram.h"

#include <cstdint>
#include <string>
#include <vector>

namespace aieconv::sim {

/// The BDs one pool of one tile needs.
struct TileDescriptors {
  /// The tile: the group of its channels ("column 0 memtile", "core(0,2)").
  std::string tile;
  /// Resource::descriptorPool of its channels.
  int64_t pool = 0;
  /// MemtileDma or CoreDma.
  ResourceKind kind = ResourceKind::MemtileDma;
  int64_t count = 0;
};

/// Every pool of every memtile and core tile that moves a buffer, in the
/// order their channels were added.
std::vector<TileDescriptors> countBufferDescriptors(const SimProgram &program);

} // namespace aieconv::sim

#endif // AIECONV_SIM_BUFFERDESCRIPTORS_H
