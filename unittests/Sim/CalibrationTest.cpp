//===- CalibrationTest.cpp - A 64x64x64 bf16 call against published data -===//
//
// aie2-facts.md, "Achieved results": the best published single-core bf16
// matmul on npu1 (hand-written assembly) reaches 86% of peak; the mlir-aie
// kernel alone at most ~80%, iree-amd-aie's ukernel 43% and Peano builds
// 29-39% of peak. The simulator prices calls with the registry's cost
// description, so one call of the 64x64x64 variants, simulated alone on one
// core, must model inside [29%, 86%] of the core's peak.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Sim/SimReport.h"
#include "aieconv/Sim/Simulator.h"
#include "aieconv/Target/DeviceModel.h"
#include "registry/UKernelRegistry.h"

#include <gtest/gtest.h>

namespace aieconv::sim {
namespace {

double simulatedCoreEfficiency(const std::string &symbol) {
  std::optional<kernels::UKernelCost> cost =
      kernels::estimateCostOfSymbol(symbol);
  EXPECT_TRUE(cost.has_value()) << symbol;
  if (!cost)
    return 0;
  SimProgram p;
  int core = p.addResource({"core", "core", ResourceKind::Core, 0});
  p.addCompute(symbol, core, cost->cycles, cost->macs, {}, {});
  SimResult r = simulate(p);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.totalCycles, cost->cycles);
  EXPECT_EQ(r.macs, 64 * 64 * 64);
  const target::DeviceModel &npu1 =
      target::getDeviceModel(kernels::Device::Npu1);
  return double(r.macs) / (double(r.totalCycles) *
                           double(npu1.macsPerCycle(kernels::ElemType::BF16)));
}

TEST(Calibration, Bf16Matmul64OnNpu1IsInsideThePublishedRange) {
  for (const char *symbol : {"matmul_bf16_bf16_f32_64x64x64_4x8x4",
                             "matmul_blocked_bf16_bf16_f32_64x64x64_4x8x4"}) {
    double efficiency = simulatedCoreEfficiency(symbol);
    EXPECT_LE(efficiency, 0.86) << symbol;
    EXPECT_GE(efficiency, 0.29) << symbol;
    RecordProperty(symbol, std::to_string(efficiency));
  }
}

} // namespace
} // namespace aieconv::sim
