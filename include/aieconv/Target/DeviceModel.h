//===- DeviceModel.h - An NPU described as data -----------------*- C++ -*-===//
//
// The numbers of one AIE2 device that tiling and the cost model depend on:
// the core grid, the memory of each level, the DMA channels that move data
// between levels and their rates, and the MAC rate of a core. One source file
// per device (lib/Target/Npu1.cpp, Npu2.cpp) fills this struct, each constant
// citing its row of shared/design/aie2-facts.md. Plain C++17, no MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_TARGET_DEVICEMODEL_H
#define AIECONV_TARGET_DEVICEMODEL_H

#include "registry/UKernelRegistry.h"

#include <cstdint>

namespace aieconv::target {

/// DMA channels of one tile: MM2S reads the tile's memory into a stream,
/// S2MM writes a stream into it.
struct DmaChannels {
  int64_t mm2s = 0;
  int64_t s2mm = 0;
};

struct DeviceModel {
  kernels::Device device;
  /// "npu1" or "npu2", as the registry spells it.
  const char *name;

  /// Columns with a shim DMA that a design uses.
  int64_t columns;
  /// Compute rows per column.
  int64_t coreRows;

  /// Data memory (L1) of one core.
  int64_t coreL1Bytes;
  /// L1 kept free for the core's stack (program memory is separate).
  int64_t coreL1ReservedBytes;
  /// Memory of one memtile (L2), one per column.
  int64_t memtileBytes;

  DmaChannels coreDma;
  DmaChannels memtileDma;
  DmaChannels shimDma;
  /// Buffer descriptors one core tile's and one memtile's DMA hold; a
  /// memtile's are split into pools, channel i drawing from pool
  /// i % memtileDescriptorPools.
  int64_t coreBufferDescriptors;
  int64_t memtileBufferDescriptors;
  int64_t memtileDescriptorPools;
  /// Buffer descriptors one pool of a memtile holds.
  int64_t memtilePoolDescriptors() const {
    return memtileBufferDescriptors / memtileDescriptorPools;
  }

  /// Bytes per cycle of one core or memtile DMA channel (its stream width).
  int64_t streamBytesPerCycle;
  /// Bytes per cycle of one shim DMA channel.
  int64_t shimBytesPerCycle;
  /// Bytes per cycle the whole array can move to and from DDR (reads plus
  /// writes) at the model's clock; caps the sum over all shim channels.
  int64_t ddrBytesPerCycle;

  /// Bytes the core's vector load slots read per cycle from L1 (all slots).
  int64_t vectorLoadBytesPerCycle;
  /// Bytes the core's vector store slot writes per cycle to L1.
  int64_t vectorStoreBytesPerCycle;

  /// Peak multiply-accumulates per cycle of one core, per input type.
  int64_t macsPerCycleBf16;
  int64_t macsPerCycleI8;
  /// Zero where no source gives the rate.
  int64_t macsPerCycleI16;

  /// Clock the model converts cycles to time with.
  int64_t clockMHz;

  int64_t cores() const { return columns * coreRows; }
  /// L1 bytes a tiling may use on one core.
  int64_t coreL1UsableBytes() const {
    return coreL1Bytes - coreL1ReservedBytes;
  }
  /// Peak MACs per cycle of one core for matmuls on `input` elements; 0 for
  /// types the device model has no rate for.
  int64_t macsPerCycle(kernels::ElemType input) const;
  /// Microseconds that `cycles` take at the model's clock.
  double microseconds(int64_t cycles) const {
    return static_cast<double>(cycles) / static_cast<double>(clockMHz);
  }
};

/// The model of `device`; lives for the whole program.
const DeviceModel &getDeviceModel(kernels::Device device);

} // namespace aieconv::target

#endif // AIECONV_TARGET_DEVICEMODEL_H
