//===- Simulator.h - Discrete-event simulation of a SimProgram --*- C++ -*-===//
//
// Runs a SimProgram (SimProgram.h): time advances from one task end to the
// next; whenever anything ends, every resource's next task starts if its
// resources are free, its inputs are filled and the slots it fills were
// released. When nothing runs and tasks remain, the program is deadlocked:
// the result names the stuck tasks and what each waits for, and the
// simulator returns instead of hanging. Plain C++17, no MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_SIM_SIMULATOR_H
#define AIECONV_SIM_SIMULATOR_H

#include "aieconv/Sim/SimProgram.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace aieconv::sim {

struct TaskTiming {
  int64_t start = -1;
  int64_t end = -1;
};

/// One slot occupancy: from the start of the fill of `version` to its
/// release (all readers done); the trace draws it on the lock's track.
struct SlotInterval {
  int64_t version = 0;
  int64_t start = 0;
  int64_t end = 0;
};

struct SimResult {
  /// False on deadlock; `error` then names the stuck tasks.
  bool ok = true;
  std::string error;

  /// End of the last task.
  int64_t totalCycles = 0;
  std::vector<TaskTiming> tasks;
  /// Cycles each resource was busy.
  std::vector<int64_t> busyCycles;
  /// Bytes moved, indexed [from][to] by Level.
  std::array<std::array<int64_t, 3>, 3> bytes{};
  int64_t macs = 0;
  /// Per buffer, its slot occupancies in version order.
  std::vector<std::vector<SlotInterval>> occupancy;

  int64_t bytesMoved(Level from, Level to) const {
    return bytes[static_cast<int>(from)][static_cast<int>(to)];
  }
};

/// Simulates `program` to completion or deadlock.
SimResult simulate(const SimProgram &program);

} // namespace aieconv::sim

#endif // AIECONV_SIM_SIMULATOR_H
