//===- ScheduleEntries.h - Reading the aieconv.schedule entries -*- C++ -*-===//
//
// The tile pass records the schedule on the core loop as a dictionary of
// strings (lib/Target/ConvSchedule.cpp, scheduleKeyValues); the simulator
// reads a few of them back to know how the cores share the work.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_LIB_SIM_SCHEDULEENTRIES_H
#define AIECONV_LIB_SIM_SCHEDULEENTRIES_H

#include "mlir/IR/BuiltinAttributes.h"

#include <cstdint>

namespace aieconv::sim::detail {

/// The entry `key` of `schedule`, empty when there is none.
inline llvm::StringRef scheduleText(mlir::DictionaryAttr schedule,
                                    llvm::StringRef key) {
  auto text = schedule
                  ? llvm::dyn_cast_or_null<mlir::StringAttr>(schedule.get(key))
                  : mlir::StringAttr();
  return text ? text.getValue() : llvm::StringRef();
}

/// The integer entry `key` of `schedule`, or `fallback` when there is none.
inline int64_t scheduleInt(mlir::DictionaryAttr schedule, llvm::StringRef key,
                           int64_t fallback) {
  int64_t value;
  return scheduleText(schedule, key).getAsInteger(10, value) ? fallback : value;
}

} // namespace aieconv::sim::detail

#endif // AIECONV_LIB_SIM_SCHEDULEENTRIES_H
