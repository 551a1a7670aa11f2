//===- UKernelCalls.h - Registry ukernels for the cost model ----*- C++ -*-===//
//
// The bridge between a ConvSchedule and the ukernel registry: which variant
// each call kind uses (matmul in the row-major layout, the conv ukernel, the
// depthwise ukernel), the padding their micro-tiles impose, and the
// registry's cost and symbol for a schedule's call. Plain C++17, no MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_TARGET_UKERNELCALLS_H
#define AIECONV_TARGET_UKERNELCALLS_H

#include "aieconv/Target/ConvSchedule.h"
#include "registry/UKernelRegistry.h"

#include <cstdint>
#include <string>

namespace aieconv::target {

/// Element types of a conv's operands: A and B, and the accumulator/output
/// (bf16 -> f32, i8 -> i32).
kernels::ElemType inputElemType(ConvType type);
kernels::ElemType accElemType(ConvType type);

/// The registry's matmul variant (row-major, as the pipeline emits) for a conv of `type` on
/// `device`, or null; its micro-tile sets the padding of every strategy.
const kernels::MatmulVariant *convVariant(kernels::Device device,
                                          ConvType type);

/// Channel counts after padding, and the step of channel tiles: ic to the
/// micro-tile's s and oc to its t; depthwise channels (ic == oc) to the
/// depthwise ukernel's lanes. `ocStep` is 0 when the types have no ukernel.
struct PaddedChannels {
  int64_t ic = 0, oc = 0;
  int64_t icStep = 0, ocStep = 0;
};
PaddedChannels paddedChannels(const ConvSpec &spec, kernels::Device device);

/// The registry's account of one call of `schedule.call` (its kind and
/// M x N x K, with the spec's taps, strides and dilations where the kernel
/// takes them); cycles == 0 when the registry refuses the shape, and
/// `whyNot` then gives the registry's reason.
kernels::UKernelCost ukernelCallCost(const ConvSchedule &schedule,
                                     std::string *whyNot = nullptr);

/// Cycles of one call of the last reduction step of a core tile of
/// `schedule` split in `parts` calls over its output-channel micro-tiles
/// (aieconv-split-last-step), or 0 when that step cannot be split: only a
/// conv-patch call on a core of its own, whose tile's output-channel
/// micro-tiles divide evenly, inside one reduction loop (or none).
int64_t lastStepPartCycles(const ConvSchedule &schedule, int64_t parts);

/// Cycles of the zero-fill call that starts each core tile of `schedule`
/// from zero before its first call: matmul and depthwise calls add onto
/// their accumulator; a conv-patch call starts it itself (its first call
/// of a tile does not accumulate), and a layer that adds onto a given
/// output starts from that. 0 when no zero fill runs.
int64_t tileZeroFillCycles(const ConvSchedule &schedule);

/// The symbol the call of `schedule` links against, as the registry names
/// it (e.g. matmul_bf16_bf16_f32_64x64x64_4x8x4).
std::string ukernelSymbol(const ConvSchedule &schedule);

} // namespace aieconv::target

#endif // AIECONV_TARGET_UKERNELCALLS_H
