//===- Npu2.cpp - Strix / Krackan (XDNA2, AIE-ML v2) as data --------------===//
//
// Every number cites its row of shared/design/aie2-facts.md ("facts") and the
// primary source named there. Where the facts give no npu2 value the model
// says what it assumes and why.
//
//===----------------------------------------------------------------------===//

#include "Devices.h"

namespace aieconv::target::detail {

const DeviceModel &npu2Model() {
  static const DeviceModel model = [] {
    DeviceModel m{};
    m.device = kernels::Device::Npu2;
    m.name = "npu2";
    /// facts "columns x core rows": 8 x 4 = 32 cores (mlir-aie
    /// docs/Devices.md, whole_array matmul README).
    m.columns = 8;
    m.coreRows = 4;
    /// facts "data memory (L1)": 64 KiB (AM020).
    m.coreL1Bytes = 64 * 1024;
    /// facts "data memory (L1)": ~63 KiB usable in practice (ATB README in
    /// mlir-aie); the 1 KiB kept back is the core's stack.
    m.coreL1ReservedBytes = 1024;
    /// facts "memtile size": 512 KiB.
    m.memtileBytes = 512 * 1024;
    /// facts "DMA" (core tile): "same" as npu1, 2 MM2S + 2 S2MM.
    m.coreDma = {2, 2};
    /// facts "memtile DMA" gives npu1 only (AM027); assumed unchanged.
    m.memtileDma = {6, 6};
    /// facts "shim DMA" gives npu1 only (AM020); assumed unchanged.
    m.shimDma = {2, 2};
    /// facts "DMA" (core tile): 16 BDs, "same" on both; "memtile DMA":
    /// 48 BDs, given for npu1 only, assumed unchanged.
    m.coreBufferDescriptors = 16;
    m.memtileBufferDescriptors = 48;
    m.memtileDescriptorPools = 2;
    /// facts "stream width per channel": 64 bit = 8 B/cycle (inferred there
    /// from the stream width).
    m.streamBytesPerCycle = 8;
    /// facts "shim DMA" gives npu1's 4 B/cycle only; assumed to follow the
    /// 8 B/cycle stream width, which the DDR cap below bounds anyway.
    m.shimBytesPerCycle = 8;
    /// facts "measured DDR copy bandwidth": 63-70 GB/s (amd/IRON PR 195);
    /// the low end, 63 GB/s, is 63 B/cycle at the 1 GHz model clock.
    m.ddrBytesPerCycle = 63;
    /// facts "VLIW slots per cycle": loads 128 B/cycle (AM027).
    m.vectorLoadBytesPerCycle = 128;
    /// facts "VLIW slots per cycle": stores 64 B/cycle (AM027).
    m.vectorStoreBytesPerCycle = 64;
    /// facts "MACs/cycle bf16": bfp16 emulation (8x8x8) reaches 512, native
    /// bf16 is unconfirmed. The registry's npu2 bf16 variant is the native
    /// 4x8x8 mmul; one mmul per cycle, the rule that reproduces every
    /// confirmed rate (npu1 bf16 4x8x4 = 128, npu1 i8 4x8x8 = 256, npu2 i8
    /// 8x8x8 = 512), gives 256. Inferred, not measured.
    m.macsPerCycleBf16 = 256;
    /// facts "MACs/cycle int8 x int8": 512 (AM020; amd/xdna-driver
    /// npu4_get_tops: 4096 ops/cycle per column = 4 cores x 512 x 2).
    m.macsPerCycleI8 = 512;
    /// facts "MACs/cycle int16": no npu2 value; unknown.
    m.macsPerCycleI16 = 0;
    /// facts "clock": the model runs at 1 GHz and reports cycles (driver DPM
    /// tables go up to 1267 MHz).
    m.clockMHz = 1000;
    return m;
  }();
  return model;
}

} // namespace aieconv::target::detail
