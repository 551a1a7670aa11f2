//===- UKernelCost.h - Cycle model of one ukernel call ----------*- C++ -*-===//
//
// Part of the ukernel registry; include registry/UKernelRegistry.h. The
// model follows the loop structure of the kernel sources (register blocks,
// remainders, pipelined reduction loops) and charges each block for what
// limits it: mmul issues, or vector loads through the two load slots, plus
// accumulator traffic and loop overheads. Every constant and the reason for
// it is in UKernelCost.cpp, ConvCost.cpp and LoopCost.h, and in
// kernels/README.md ("Cost model").
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_KERNELS_REGISTRY_UKERNELCOST_H
#define AIECONV_KERNELS_REGISTRY_UKERNELCOST_H

#ifndef AIECONV_KERNELS_REGISTRY_UKERNELREGISTRY_H
#error "include registry/UKernelRegistry.h instead"
#endif

namespace aieconv::kernels {

/// What one core can do per cycle, and the overheads the model charges.
struct CoreCostParams {
  /// Vector load slots per cycle and bytes each moves (npu1: 2 x 256 bit).
  int64_t loadSlots;
  int64_t loadSlotBytes;
  /// Vector store slots per cycle and bytes each moves (npu1: 1 x 256 bit).
  int64_t storeSlots;
  int64_t storeSlotBytes;
  /// Cycles a software-pipelined loop spends filling and draining (load and
  /// MAC latency not hidden by the loop itself).
  int64_t pipelineFillCycles;
  /// Cycles per register block outside its reduction loop (loop control,
  /// pointer setup) and per outer-loop iteration.
  int64_t blockOverheadCycles;
  /// Cycles of the call itself: call/return, prologue, mode setup.
  int64_t callOverheadCycles;
};

/// The model's parameters for `device`.
const CoreCostParams &coreCostParams(Device device);

/// Peak multiply-accumulates per cycle of one core for products of `input`
/// elements through the mmul unit (aie2-facts.md, "Core tile").
int64_t peakMacsPerCycle(Device device, ElemType input);

/// The model's account of one ukernel call.
struct UKernelCost {
  /// Useful multiply-accumulates the call performs.
  int64_t macs = 0;
  /// MAC instructions issued: aie::mmul for matmul and conv, element-wise
  /// aie::mac for depthwise; each occupies the vector unit one cycle.
  int64_t macIssues = 0;
  /// Vector loads of the multiplied operands (A/B, input/weights); a load
  /// narrower than a slot still takes the slot.
  int64_t operandLoads = 0;
  /// Vector loads that bring the accumulator in, and stores that write it
  /// back (also the stores of a zero-fill).
  int64_t accumLoads = 0;
  int64_t accumStores = 0;
  /// 512-bit words the call reads from and writes to the cascade stream
  /// (a chained conv call's partial sums, instead of accumulator accesses).
  int64_t cascadeWords = 0;
  /// Register blocks (each one pass of a pipelined reduction loop) and the
  /// total iterations of those loops.
  int64_t blocks = 0;
  int64_t loopIterations = 0;
  /// The estimate.
  int64_t cycles = 0;

  /// Fraction of `peakMacsPerCycle` the call reaches.
  double efficiency(int64_t peakMacs) const {
    return cycles > 0 ? double(macs) / double(cycles * peakMacs) : 0.0;
  }
};

/// Cost of one call of a legal shape (an illegal shape gives cycles == 0).
UKernelCost estimateCost(const MatmulVariant &variant,
                         const MatmulShape &shape);
UKernelCost estimateCost(const ConvVariant &variant, const ConvShape &shape);
UKernelCost estimateCost(const DepthwiseVariant &variant,
                         const DepthwiseShape &shape);
UKernelCost estimateCost(const ZeroFillVariant &variant,
                         const ZeroFillShape &shape);

/// Cycles of the zero-fill call that zeroes a dense accumulator of
/// `elements` of `type` (ZeroFillVariant::denseShape); 0 when no variant
/// of the device takes it.
int64_t denseZeroFillCycles(Device device, ElemType type, int64_t elements);

/// The alignment the widest aligned vector access needs, in bytes: 256
/// bits on AIE-ML (npu1), 512 on XDNA 2 (npu2); narrower accesses need
/// their own size (AIE API user guide, "Memory").
int64_t widestAlignedAccessBytes(Device device);

/// Whether the conv kernel walks this call's output-channel blocks in pairs
/// (2 x 2 register blocks in an overlapped chain) instead of quads (2 x 4
/// blocks): where only the pairs can overlap their accumulator traffic
/// with the reduction, when the model prices them cheaper. A function of
/// the symbol's shape alone (priced as a step that accumulates through
/// memory), so the host entry and the emitted AIE source decide alike;
/// estimateCost prices the walk it implies.
bool pairsOutputChannelBlocks(const ConvVariant &variant,
                              const ConvShape &shape);

/// Whether the conv kernel ends an odd number of pixel tiles (3 or more)
/// with one 3-row register block instead of a pair and a lone tile, whose
/// 1-row block is bound by its weight loads: where three tiles'
/// accumulators fit the registers, when the model prices it cheaper.
/// Decided like pairsOutputChannelBlocks.
bool triplesLastPixelTiles(const ConvVariant &variant,
                           const ConvShape &shape);

/// How the conv kernel walks a call's register blocks: the two choices
/// above (ConvGeometry::pairOutputChannelBlocks, tripleLastPixelTiles),
/// decided together, as the host entry and the emitted AIE source set them.
struct ConvWalk {
  /// Output-channel blocks in pairs instead of quads.
  bool pairGroups = false;
  /// An odd number of pixel tiles (3 or more) ends in one 3-row block
  /// instead of a pair and a single, where its accumulators fit.
  bool tripleTail = false;
};
ConvWalk chooseConvWalk(const ConvVariant &variant, const ConvShape &shape);

/// Cost of the call a symbol names (any kind of ukernel), the form the
/// simulator meets in the IR; nothing for names the registry refuses.
std::optional<UKernelCost> estimateCostOfSymbol(std::string_view symbol);

/// Peak MACs per cycle for the input type of the ukernel `symbol` names, so
/// callers can turn a cost into an efficiency; 0 for unknown names.
int64_t peakMacsPerCycleOfSymbol(std::string_view symbol);

} // namespace aieconv::kernels

#endif // AIECONV_KERNELS_REGISTRY_UKERNELCOST_H
