//===- SimTestUtil.h - Small programs the simulator tests share -----------===//

#ifndef AIECONV_UNITTESTS_SIM_SIMTESTUTIL_H
#define AIECONV_UNITTESTS_SIM_SIMTESTUTIL_H

#include "aieconv/Sim/SimProgram.h"

#include <string>

namespace aieconv::sim::test {

/// A DMA channel moving `rate` bytes per cycle.
inline int addChannel(SimProgram &p, const std::string &name, int64_t rate,
                      ResourceKind kind = ResourceKind::MemtileDma) {
  return p.addResource({name, "dma", kind, rate});
}

inline int addCore(SimProgram &p, const std::string &name) {
  return p.addResource({name, name, ResourceKind::Core, 0});
}

/// `steps` transfers of `bytes` into a buffer of `slots` slots on one
/// channel, each consumed by one computation of `cycles` on one core.
inline SimProgram pipeline(int64_t steps, int64_t bytes, int64_t cycles,
                           int64_t slots) {
  SimProgram p;
  int dma = addChannel(p, "mem.mm2s.0", 4);
  int core = addCore(p, "core");
  int buffer = p.addBuffer({"in", "core", Level::L1, slots, bytes});
  for (int64_t i = 0; i < steps; ++i) {
    p.addTransfer("load" + std::to_string(i), {dma}, bytes, Level::L2,
                  Level::L1, {}, {buffer});
    p.addCompute("compute" + std::to_string(i), core, cycles, 100, {buffer},
                 {});
  }
  return p;
}

} // namespace aieconv::sim::test

#endif // AIECONV_UNITTESTS_SIM_SIMTESTUTIL_H
