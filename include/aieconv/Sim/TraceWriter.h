//===- TraceWriter.h - Chrome trace-event JSON of a simulation --*- C++ -*-===//
//
// Writes `{"traceEvents":[...]}`, the format chrome://tracing and
// ui.perfetto.dev open: one process per resource group (a column's shim, a
// column's memtile, a core), one thread (track) per core, per DMA channel
// and per buffer slot (its lock), "X" complete events for tasks and slot
// occupancies, and metadata events naming every process and thread.
// Timestamps are microseconds at the device model's clock.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_SIM_TRACEWRITER_H
#define AIECONV_SIM_TRACEWRITER_H

#include "aieconv/Sim/SimProgram.h"
#include "aieconv/Sim/Simulator.h"

#include <cstdint>
#include <ostream>

namespace aieconv::sim {

void writeChromeTrace(const SimProgram &program, const SimResult &result,
                      int64_t clockMHz, std::ostream &os);

} // namespace aieconv::sim

#endif // AIECONV_SIM_TRACEWRITER_H
