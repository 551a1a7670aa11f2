//===- DeviceModel.cpp - Selecting a device model -------------------------===//

#include "aieconv/Target/DeviceModel.h"

#include "Devices.h"

namespace aieconv::target {

int64_t DeviceModel::macsPerCycle(kernels::ElemType input) const {
  switch (input) {
  case kernels::ElemType::BF16:
    return macsPerCycleBf16;
  case kernels::ElemType::I8:
    return macsPerCycleI8;
  case kernels::ElemType::F32:
  case kernels::ElemType::I32:
    return 0;
  }
  return 0;
}

const DeviceModel &getDeviceModel(kernels::Device device) {
  return device == kernels::Device::Npu1 ? detail::npu1Model()
                                         : detail::npu2Model();
}

} // namespace aieconv::target
