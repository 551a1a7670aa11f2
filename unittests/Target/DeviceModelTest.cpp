//===- DeviceModelTest.cpp - The device tables ----------------------------===//

#include "aieconv/Target/DeviceModel.h"

#include <gtest/gtest.h>

using aieconv::kernels::Device;
using aieconv::kernels::ElemType;
using aieconv::target::DeviceModel;
using aieconv::target::getDeviceModel;

TEST(DeviceModel, Npu1MatchesTheFacts) {
  const DeviceModel &d = getDeviceModel(Device::Npu1);
  EXPECT_EQ(d.device, Device::Npu1);
  EXPECT_STREQ(d.name, "npu1");
  EXPECT_EQ(d.columns, 4);
  EXPECT_EQ(d.coreRows, 4);
  EXPECT_EQ(d.cores(), 16);
  EXPECT_EQ(d.coreL1Bytes, 64 * 1024);
  EXPECT_EQ(d.coreL1UsableBytes(), 63 * 1024);
  EXPECT_EQ(d.memtileBytes, 512 * 1024);
  EXPECT_EQ(d.coreDma.mm2s, 2);
  EXPECT_EQ(d.coreDma.s2mm, 2);
  EXPECT_EQ(d.memtileDma.mm2s, 6);
  EXPECT_EQ(d.memtileDma.s2mm, 6);
  EXPECT_EQ(d.shimDma.mm2s, 2);
  EXPECT_EQ(d.shimDma.s2mm, 2);
  EXPECT_EQ(d.streamBytesPerCycle, 4);
  EXPECT_EQ(d.shimBytesPerCycle, 4);
  EXPECT_EQ(d.vectorLoadBytesPerCycle, 64);
  EXPECT_EQ(d.vectorStoreBytesPerCycle, 32);
  EXPECT_EQ(d.macsPerCycle(ElemType::BF16), 128);
  EXPECT_EQ(d.macsPerCycle(ElemType::I8), 256);
  EXPECT_EQ(d.macsPerCycleI16, 64);
  EXPECT_EQ(d.clockMHz, 1000);
}

TEST(DeviceModel, Npu2MatchesTheFacts) {
  const DeviceModel &d = getDeviceModel(Device::Npu2);
  EXPECT_EQ(d.device, Device::Npu2);
  EXPECT_STREQ(d.name, "npu2");
  EXPECT_EQ(d.columns, 8);
  EXPECT_EQ(d.coreRows, 4);
  EXPECT_EQ(d.cores(), 32);
  EXPECT_EQ(d.coreL1Bytes, 64 * 1024);
  EXPECT_EQ(d.memtileBytes, 512 * 1024);
  EXPECT_EQ(d.streamBytesPerCycle, 8);
  EXPECT_EQ(d.vectorLoadBytesPerCycle, 128);
  EXPECT_EQ(d.vectorStoreBytesPerCycle, 64);
  EXPECT_EQ(d.macsPerCycle(ElemType::I8), 512);
  EXPECT_EQ(d.macsPerCycle(ElemType::BF16), 256);
  EXPECT_EQ(d.macsPerCycle(ElemType::F32), 0);
}

TEST(DeviceModel, DdrCapsTheShimChannelsOnNpu2Only) {
  // npu1: 4 columns x 2 read channels x 4 B = 32 B/cycle of reads, below
  // the measured DDR rate; npu2's 8 x 2 x 8 B = 128 B/cycle is above it.
  const DeviceModel &n1 = getDeviceModel(Device::Npu1);
  const DeviceModel &n2 = getDeviceModel(Device::Npu2);
  EXPECT_LT(n1.columns * n1.shimDma.mm2s * n1.shimBytesPerCycle,
            n1.ddrBytesPerCycle);
  EXPECT_GT(n2.columns * n2.shimDma.mm2s * n2.shimBytesPerCycle,
            n2.ddrBytesPerCycle);
  EXPECT_DOUBLE_EQ(n1.microseconds(2000), 2.0);
}

TEST(DeviceModel, AgreesWithTheRegistrysCostModel) {
  // The registry prices calls with its own copy of the peak rates; the two
  // must not drift apart.
  for (Device device : {Device::Npu1, Device::Npu2})
    for (ElemType type : {ElemType::BF16, ElemType::I8})
      EXPECT_EQ(getDeviceModel(device).macsPerCycle(type),
                aieconv::kernels::peakMacsPerCycle(device, type));
  for (Device device : {Device::Npu1, Device::Npu2}) {
    const auto &params = aieconv::kernels::coreCostParams(device);
    const DeviceModel &d = getDeviceModel(device);
    EXPECT_EQ(params.loadSlots * params.loadSlotBytes,
              d.vectorLoadBytesPerCycle);
    EXPECT_EQ(params.storeSlots * params.storeSlotBytes,
              d.vectorStoreBytesPerCycle);
  }
}
