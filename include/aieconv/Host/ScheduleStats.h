//===- ScheduleStats.h - What a scheduled conv does -------------*- C++ -*-===//
//
// Facts read off the scheduled IR for the driver's report: which ukernels it
// calls and how often, and how much memory it allocates in L1 (memory space
// 2) and L2 (memory space 1).
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_HOST_SCHEDULESTATS_H
#define AIECONV_HOST_SCHEDULESTATS_H

#include "mlir/IR/BuiltinOps.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aieconv::host {

/// The calls of one ukernel symbol.
struct UKernelUse {
  std::string symbol;
  /// func.call ops naming the symbol.
  int64_t callSites = 0;
  /// Calls made when the program runs: call sites weighted by the trip counts
  /// of their enclosing loops, or under branches on the loops' indices by
  /// the iterations that take them; nothing when a loop bound is not a
  /// constant or a branch condition does not fold.
  std::optional<int64_t> calls;
};

struct ScheduleStats {
  /// In order of first appearance in the IR.
  std::vector<UKernelUse> ukernels;
  int64_t callSites = 0;
  /// Sum over `ukernels`; nothing when one of them is unknown.
  std::optional<int64_t> calls;
  /// Bytes of the static allocations (memref.alloc / alloca) in memory space
  /// 2 (L1, per core) and 1 (L2, per memtile); 0 when there are none, e.g.
  /// before bufferization.
  int64_t l1Bytes = 0;
  int64_t l2Bytes = 0;
  /// The tiling decision the pipeline recorded (the `aieconv.schedule`
  /// dictionary of the first op carrying one), as key/value text: chosen
  /// strategy, planned L1/L2 bytes, modelled cycles, ... Empty when the IR
  /// carries none (e.g. --until none).
  std::vector<std::pair<std::string, std::string>> schedule;

  /// The value of `key` in `schedule`, if recorded.
  std::optional<std::string> scheduleValue(const std::string &key) const;
};

/// The attribute the tiling stage records its decision in.
inline constexpr const char *kScheduleAttrName = "aieconv.schedule";

/// Scans `module`. A ukernel call is a func.call of a symbol the host ukernel
/// library knows (kernels/host/HostUKernels.h).
ScheduleStats collectScheduleStats(mlir::ModuleOp module);

} // namespace aieconv::host

#endif // AIECONV_HOST_SCHEDULESTATS_H
