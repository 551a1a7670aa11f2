//===- Npu1.cpp - Phoenix / Hawk Point (XDNA, AIE-ML) as data -------------===//
//
// Every number cites its row of shared/design/aie2-facts.md ("facts") and the
// primary source named there.
//
//===----------------------------------------------------------------------===//

#include "Devices.h"

namespace aieconv::target::detail {

const DeviceModel &npu1Model() {
  static const DeviceModel model = [] {
    DeviceModel m{};
    m.device = kernels::Device::Npu1;
    m.name = "npu1";
    /// facts "columns x core rows": 5 x 4 physical, designs use 4 columns
    /// because column 0 has no shim DMA (mlir-aie docs/Devices.md).
    m.columns = 4;
    /// facts "columns x core rows" / "rows": rows 2-5 are cores.
    m.coreRows = 4;
    /// facts "data memory (L1)": 64 KiB per core (UG1603, AM020).
    m.coreL1Bytes = 64 * 1024;
    /// facts "data memory (L1)": ~63 KiB usable in practice (ATB README in
    /// mlir-aie); the 1 KiB kept back is the core's stack. Program memory is
    /// a separate 16 KiB (facts "program memory") and costs no L1.
    m.coreL1ReservedBytes = 1024;
    /// facts "memtile size": 512 KiB per column (AM020, Riallto).
    m.memtileBytes = 512 * 1024;
    /// facts "DMA" (core tile): 2 MM2S + 2 S2MM (AM027 Table 14).
    m.coreDma = {2, 2};
    /// facts "memtile DMA": 6 MM2S + 6 S2MM (AM027).
    m.memtileDma = {6, 6};
    /// facts "shim DMA": 2 MM2S + 2 S2MM per column (AM020).
    m.shimDma = {2, 2};
    /// facts "DMA" (core tile): 16 BDs (AM027 Table 14); "memtile DMA":
    /// 48 BDs (AM027), of which channels 0, 2, 4 reach BDs 0-23 and
    /// channels 1, 3, 5 BDs 24-47 (XD100, "Buffer Descriptors overview").
    m.coreBufferDescriptors = 16;
    m.memtileBufferDescriptors = 48;
    m.memtileDescriptorPools = 2;
    /// facts "stream width per channel": 32 bit = 4 B/cycle (UG1603, AM027).
    m.streamBytesPerCycle = 4;
    /// facts "shim DMA": 4 B/cycle per channel (AM020).
    m.shimBytesPerCycle = 4;
    /// facts "measured DDR copy bandwidth": 55-67 GB/s (mlir-aie PR 2559);
    /// the low end, 55 GB/s, is 55 B/cycle at the 1 GHz model clock.
    m.ddrBytesPerCycle = 55;
    /// facts "VLIW slots per cycle": 2 vector loads of 256 bit (UG1603).
    m.vectorLoadBytesPerCycle = 64;
    /// facts "VLIW slots per cycle": 1 vector store of 256 bit (UG1603).
    m.vectorStoreBytesPerCycle = 32;
    /// facts "MACs/cycle bf16 (f32 acc)": 128 (AM020 App. A).
    m.macsPerCycleBf16 = 128;
    /// facts "MACs/cycle int8 x int8": 256 (AM020 App. A; Riallto 3_2).
    m.macsPerCycleI8 = 256;
    /// facts "MACs/cycle int16": 64 (AM020).
    m.macsPerCycleI16 = 64;
    /// facts "clock": no official value; the model runs at 1 GHz and reports
    /// cycles (driver DPM top level is 847 MHz).
    m.clockMHz = 1000;
    return m;
  }();
  return model;
}

} // namespace aieconv::target::detail
