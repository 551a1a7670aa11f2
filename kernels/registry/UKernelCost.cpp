//===- UKernelCost.cpp - Cycle model of one ukernel call ------------------===//
//
// Sources of the numbers: shared/design/aie2-facts.md, rows cited inline.
// The model mirrors the loop nests of kernels/ukernels/*.h; when a kernel's
// blocking changes, its cost function must change with it: matmul,
// depthwise and zero-fill here, conv in ConvCost.cpp, the loop pricing they
// share in LoopCost.cpp.
//
//===----------------------------------------------------------------------===//

#include "LoopCost.h"

#include <algorithm>
#include <cmath>

namespace aieconv::kernels {

using namespace loopcost;

const CoreCostParams &coreCostParams(Device device) {
  // npu1: "VLIW slots per cycle": 2 vector loads of 256 bit, 1 store of 256
  // bit (UG1603). npu2: loads 128 B/cycle, stores 64 B/cycle (AM027), taken
  // as 2 x 64 B load slots and 1 x 64 B store slot.
  // The overheads are assumptions, not measurements: a pipelined loop loses
  // about one load-to-MAC latency (6 cycles) filling and draining; each
  // register block pays 2 cycles of loop control and pointer setup; a call
  // pays 40 (call, return, callee-saved registers, mode setup, outer loop
  // setup). See kernels/README.md, "Cost model".
  static const CoreCostParams npu1{
      /*loadSlots=*/2,           /*loadSlotBytes=*/32,
      /*storeSlots=*/1,          /*storeSlotBytes=*/32,
      /*pipelineFillCycles=*/6,
      /*blockOverheadCycles=*/2,
      /*callOverheadCycles=*/40};
  static const CoreCostParams npu2{2, 64, 1, 64, 6, 2, 40};
  return device == Device::Npu1 ? npu1 : npu2;
}

int64_t peakMacsPerCycle(Device device, ElemType input) {
  bool isInt8 = input == ElemType::I8;
  // "MACs/cycle int8 x int8": 256 (npu1), 512 (npu2). "MACs/cycle bf16":
  // 128 (npu1); on npu2 only the bfp16 8x8x8 emulation is documented (512),
  // the native bf16 4x8x8 mmul used here is assumed to issue in one cycle,
  // i.e. 256 MACs/cycle (unconfirmed).
  if (device == Device::Npu1)
    return isInt8 ? 256 : 128;
  return isInt8 ? 512 : 256;
}

UKernelCost estimateCost(const MatmulVariant &variant,
                         const MatmulShape &shape) {
  UKernelCost cost;
  if (!variant.isLegal(shape))
    return cost;
  const CoreCostParams &params = coreCostParams(variant.device);
  const MicroTile &tile = variant.tile;
  bool blocked = variant.layout == OperandLayout::Blocked;
  // Row-major rows lie `ld` elements apart (the symbol's dense operands:
  // K for A, N for B and C). A vector row that this leaves off its own
  // alignment (widestAlignedAccessBytes at most) is an unaligned access,
  // which the AIE splits: one access more per row (kernels/ukernels/
  // Common.h, loadRows).
  auto accesses = [&](int64_t rows, int64_t cols, ElemType type, int64_t ld,
                      int64_t slotBytes) {
    int64_t n = accessesFor(rows, cols, byteWidth(type), blocked, slotBytes);
    int64_t rowBytes = cols * byteWidth(type);
    bool vectorRow = rowBytes >= kMinVectorBytes;
    if (!blocked && vectorRow &&
        ld * byteWidth(type) %
                std::min(rowBytes, widestAlignedAccessBytes(variant.device)) !=
            0)
      n += rows;
    return n;
  };
  TileTraffic traffic{
      accesses(tile.r, tile.s, variant.lhs, shape.k, params.loadSlotBytes),
      accesses(tile.s, tile.t, variant.rhs, shape.n, params.loadSlotBytes),
      accesses(tile.r, tile.t, variant.out, shape.n, params.loadSlotBytes),
      accesses(tile.r, tile.t, variant.out, shape.n, params.storeSlotBytes),
      ceilDiv(tile.r * tile.s * tile.t,
              peakMacsPerCycle(variant.device, variant.lhs))};
  if (!blocked) {
    // Row-major rows narrower than a vector are read for two column tiles
    // at once when a 2t-wide row is one (kernels/ukernels/Matmul.h).
    auto pairAccesses = [&](int64_t rows, ElemType type, int64_t slotBytes) {
      int64_t rowBytes = tile.t * byteWidth(type);
      if (rowBytes >= kMinVectorBytes || 2 * rowBytes < kMinVectorBytes)
        return int64_t(-1);
      return accesses(rows, 2 * tile.t, type, shape.n, slotBytes);
    };
    traffic.rhsPairLoads =
        pairAccesses(tile.s, variant.rhs, params.loadSlotBytes);
    traffic.accPairLoads =
        pairAccesses(tile.r, variant.out, params.loadSlotBytes);
    traffic.accPairStores =
        pairAccesses(tile.r, variant.out, params.storeSlotBytes);
    int64_t lhsRowBytes = tile.s * byteWidth(variant.lhs);
    if (lhsRowBytes < kMinVectorBytes && 2 * lhsRowBytes >= kMinVectorBytes)
      traffic.lhsPairLoads = accesses(tile.r, 2 * tile.s, variant.lhs, shape.k,
                                      params.loadSlotBytes);
  }
  addBlockGrid(cost, params, traffic, shape.m / tile.r, shape.n / tile.t, 1,
               shape.k / tile.s);
  cost.macs = shape.m * shape.n * shape.k;
  cost.cycles += params.callOverheadCycles;
  return cost;
}

UKernelCost estimateCost(const DepthwiseVariant &variant,
                         const DepthwiseShape &shape) {
  UKernelCost cost;
  if (!variant.isLegal(shape))
    return cost;
  const CoreCostParams &params = coreCostParams(variant.device);
  int64_t vectorLoads =
      ceilDiv(variant.lanes * byteWidth(variant.input), params.loadSlotBytes);
  int64_t weightLoads =
      ceilDiv(variant.lanes * byteWidth(variant.weight), params.loadSlotBytes);
  int64_t accLoads =
      ceilDiv(variant.lanes * byteWidth(variant.out), params.loadSlotBytes);
  int64_t accStores =
      ceilDiv(variant.lanes * byteWidth(variant.out), params.storeSlotBytes);
  int64_t rowsOfPixels = (shape.c / variant.lanes) * shape.oh;
  // Pixels go in groups of four sharing each tap's weight vector, then one
  // by one; for every kh the kw loop is a pipelined loop of its own. One
  // element-wise vector MAC issues per cycle.
  auto addPixelBlocks = [&](int64_t pixels, int64_t count) {
    if (count <= 0)
      return;
    int64_t stepLoads = weightLoads + pixels * vectorLoads;
    int64_t perBlock =
        ceilDiv(pixels * accLoads, params.loadSlots) +
        shape.kh * pipelinedLoopCycles(shape.kw, pixels, stepLoads, params) +
        ceilDiv(pixels * accStores, params.storeSlots) +
        params.blockOverheadCycles;
    int64_t steps = shape.kh * shape.kw;
    cost.cycles += count * perBlock;
    cost.macIssues += count * pixels * steps;
    cost.operandLoads += count * steps * stepLoads;
    cost.accumLoads += count * pixels * accLoads;
    cost.accumStores += count * pixels * accStores;
    cost.blocks += count;
    cost.loopIterations += count * steps;
  };
  addPixelBlocks(4, rowsOfPixels * (shape.ow / 4));
  addPixelBlocks(1, rowsOfPixels * (shape.ow % 4));
  cost.cycles += rowsOfPixels * params.blockOverheadCycles;
  cost.macs = shape.oh * shape.ow * shape.c * shape.kh * shape.kw;
  cost.cycles += params.callOverheadCycles;
  return cost;
}

UKernelCost estimateCost(const ZeroFillVariant &variant,
                         const ZeroFillShape &shape) {
  UKernelCost cost;
  if (!variant.isLegal(shape))
    return cost;
  const CoreCostParams &params = coreCostParams(variant.device);
  // Per row: 256-bit vectors while they fit, then vectors of max(t, 128
  // bits) elements, then one scalar store per remaining element
  // (kernels/ukernels/Matmul.h).
  int64_t elemBytes = byteWidth(variant.type);
  int64_t wide = std::max(variant.t, kMinVectorBytes / elemBytes);
  int64_t slot = kZeroFillStoreBytes / elemBytes;
  int64_t rest = shape.n % slot;
  int64_t storesPerRow =
      (shape.n / slot) *
          ceilDiv(kZeroFillStoreBytes, params.storeSlotBytes) +
      (rest / wide) * ceilDiv(wide * elemBytes, params.storeSlotBytes) +
      rest % wide;
  cost.accumStores = shape.m * storesPerRow;
  cost.blocks = shape.m;
  cost.loopIterations = shape.m * (shape.n / slot);
  cost.cycles = ceilDiv(cost.accumStores, params.storeSlots) +
                shape.m * params.blockOverheadCycles +
                params.callOverheadCycles;
  return cost;
}

int64_t denseZeroFillCycles(Device device, ElemType type, int64_t elements) {
  const ZeroFillVariant *variant = findZeroFillVariant(device, type);
  return variant ? estimateCost(*variant, variant->denseShape(elements)).cycles
                 : 0;
}

int64_t widestAlignedAccessBytes(Device device) {
  return device == Device::Npu2 ? 64 : 32;
}

std::optional<UKernelCost> estimateCostOfSymbol(std::string_view symbol) {
  if (std::optional<ParsedSymbol> matmul = parseSymbolName(symbol))
    return estimateCost(*matmul->variant, matmul->shape);
  if (std::optional<ParsedConvSymbol> conv = parseConvSymbolName(symbol))
    return estimateCost(*conv->variant, conv->shape);
  if (std::optional<ParsedDepthwiseSymbol> depthwise =
          parseDepthwiseSymbolName(symbol))
    return estimateCost(*depthwise->variant, depthwise->shape);
  if (std::optional<ParsedZeroFillSymbol> zero =
          parseZeroFillSymbolName(symbol))
    return estimateCost(*zero->variant, zero->shape);
  return std::nullopt;
}

int64_t peakMacsPerCycleOfSymbol(std::string_view symbol) {
  if (std::optional<ParsedSymbol> matmul = parseSymbolName(symbol))
    return peakMacsPerCycle(matmul->variant->device, matmul->variant->lhs);
  if (std::optional<ParsedConvSymbol> conv = parseConvSymbolName(symbol))
    return peakMacsPerCycle(conv->variant->device, conv->variant->input);
  if (std::optional<ParsedDepthwiseSymbol> depthwise =
          parseDepthwiseSymbolName(symbol))
    return peakMacsPerCycle(depthwise->variant->device,
                            depthwise->variant->input);
  if (std::optional<ParsedZeroFillSymbol> zero =
          parseZeroFillSymbolName(symbol))
    return peakMacsPerCycle(zero->variant->device, zero->variant->type);
  return 0;
}

} // namespace aieconv::kernels
