//===- ScheduleEntries.h - Reading the aieconv.schedule entries -*- C++ -*-===//
//
// The tile pass records its schedule on the core loop as a dictionary of
// strings (lib/Target/ConvSchedule.cpp, scheduleKeyValues). The passes
// after it and the simulator read entries back with these.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_TRANSFORMS_SCHEDULEENTRIES_H
#define AIECONV_TRANSFORMS_SCHEDULEENTRIES_H

#include "mlir/IR/BuiltinAttributes.h"

#include <cstdint>

namespace aieconv {

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

} // namespace aieconv

#endif // AIECONV_TRANSFORMS_SCHEDULEENTRIES_H
