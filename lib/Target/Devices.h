//===- Devices.h - The device tables, one per file --------------*- C++ -*-===//
//
// Private to lib/Target: each device's numbers live in their own source file
// (Npu1.cpp, Npu2.cpp); getDeviceModel selects among them.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_LIB_TARGET_DEVICES_H
#define AIECONV_LIB_TARGET_DEVICES_H

#include "aieconv/Target/DeviceModel.h"

namespace aieconv::target::detail {

const DeviceModel &npu1Model();
const DeviceModel &npu2Model();

} // namespace aieconv::target::detail

#endif // AIECONV_LIB_TARGET_DEVICES_H
