//===- UKernelCalls.cpp - The registry's ukernels as the model sees them --===//
//
// Which registry variant each call kind uses, the registry shapes of a
// schedule's call, its cost and symbol, and the channel padding the
// variants impose.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Target/UKernelCalls.h"
#include "IntMath.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <optional>
#include <utility>

namespace aieconv::target {

using kernels::ElemType;

ElemType inputElemType(ConvType type) {
  return type == ConvType::BF16 ? ElemType::BF16 : ElemType::I8;
}

ElemType accElemType(ConvType type) {
  return type == ConvType::BF16 ? ElemType::F32 : ElemType::I32;
}

namespace {

/// The variants of one device and conv type. Looked up once: the search
/// asks for them for every candidate.
struct Variants {
  const kernels::MatmulVariant *matmul;
  const kernels::ConvVariant *conv;
  const kernels::DepthwiseVariant *depthwise;
};

const Variants &variantsFor(kernels::Device device, ConvType type) {
  static const auto table = [] {
    std::array<Variants, 4> all{};
    for (kernels::Device d : {kernels::Device::Npu1, kernels::Device::Npu2})
      for (ConvType t : {ConvType::BF16, ConvType::I8}) {
        ElemType in = inputElemType(t), out = accElemType(t);
        all[static_cast<size_t>(d) * 2 + static_cast<size_t>(t)] = {
            // Row-major: the layout the decompose and seed pipelines hand
            // the matmul ukernel today (see README, "Known gaps").
            kernels::findMatmulVariant(d, in, in, out,
                                       kernels::OperandLayout::RowMajor),
            kernels::findConvVariant(d, in, in, out),
            kernels::findDepthwiseVariant(d, in, in, out)};
      }
    return all;
  }();
  return table[static_cast<size_t>(device) * 2 + static_cast<size_t>(type)];
}

const kernels::ConvVariant *patchVariant(kernels::Device device,
                                         ConvType type) {
  return variantsFor(device, type).conv;
}

const kernels::DepthwiseVariant *depthwiseVariant(kernels::Device device,
                                                  ConvType type) {
  return variantsFor(device, type).depthwise;
}

/// Whether the call adds onto its output: a tile reduced in one step starts
/// from zero (the layer's zero init, which the IR's conv ukernel call then
/// takes over) unless the layer adds onto a given output.
bool callAccumulates(const ConvSchedule &s) {
  return s.stepsPerTile > 1 || s.spec.accumulates;
}

/// The conv ukernel's shape for one call: the core tile reduced over all
/// taps of one ic block (a 1x1 tile's rows joined where that fills whole
/// micro-tiles, as UKernelSelection does).
kernels::ConvShape patchShape(const ConvSchedule &s) {
  const ConvSpec &spec = s.spec;
  kernels::ConvShape shape{s.tile.th,  s.tile.tw, s.tile.toc, spec.kh,
                           spec.kw,    s.tile.icb, spec.sh,   spec.sw,
                           spec.dh,    spec.dw};
  shape.accumulate = callAccumulates(s);
  // A chain's slowest link is its last: partial sums in from the cascade,
  // the result stored to the tile.
  shape.cascadeIn = s.cascadeLinks > 1;
  return shape.withPixelRowsJoined(s.microTile.r);
}

/// The depthwise ukernel's shape: all taps over the patch (Im2colL1), or
/// one tap over a window the DMA already shifted (Seed, Decompose).
kernels::DepthwiseShape depthwiseShape(const ConvSchedule &s) {
  const ConvSpec &spec = s.spec;
  if (s.tapsPerCall == 1)
    return {s.tile.th, s.tile.tw, s.tile.toc, 1, 1, 1, 1, 1, 1};
  return {s.tile.th, s.tile.tw, s.tile.toc, spec.kh, spec.kw,
          spec.sh,   spec.sw,   spec.dh,    spec.dw};
}

} // namespace

const kernels::MatmulVariant *convVariant(kernels::Device device,
                                          ConvType type) {
  return variantsFor(device, type).matmul;
}

PaddedChannels paddedChannels(const ConvSpec &spec, kernels::Device device) {
  PaddedChannels p;
  if (spec.op == ConvOp::DepthwiseNhwcHwc) {
    const kernels::DepthwiseVariant *v = depthwiseVariant(device, spec.type);
    if (!v)
      return p;
    p.icStep = p.ocStep = v->lanes;
    p.ic = p.oc = roundUp(spec.ic, v->lanes);
    return p;
  }
  const kernels::MatmulVariant *v = convVariant(device, spec.type);
  if (!v)
    return p;
  p.icStep = v->tile.s;
  p.ocStep = v->tile.t;
  p.ic = roundUp(spec.ic, p.icStep);
  p.oc = roundUp(spec.oc, p.ocStep);
  return p;
}

namespace {

/// The registry's answer for the call of `s`, computed afresh.
kernels::UKernelCost registryCallCost(const ConvSchedule &s,
                                      std::string *whyNot) {
  auto refuse = [&](const char *reason) {
    if (whyNot)
      *whyNot = reason;
    return kernels::UKernelCost{};
  };
  kernels::UKernelCost cost;
  switch (s.call.kind) {
  case CallKind::Matmul: {
    const kernels::MatmulVariant *v = convVariant(s.device, s.spec.type);
    if (!v)
      return refuse("no matmul ukernel for these types");
    kernels::MatmulShape shape{s.call.m, s.call.n, s.call.k};
    cost = kernels::estimateCost(*v, shape);
    if (cost.cycles == 0 && whyNot)
      *whyNot = v->whyIllegal(shape);
    return cost;
  }
  case CallKind::ConvPatch: {
    const kernels::ConvVariant *v = patchVariant(s.device, s.spec.type);
    if (!v)
      return refuse("no conv ukernel for these types");
    cost = kernels::estimateCost(*v, patchShape(s));
    if (cost.cycles == 0 && whyNot)
      *whyNot = v->whyIllegal(patchShape(s));
    return cost;
  }
  case CallKind::DepthwiseVector: {
    const kernels::DepthwiseVariant *v =
        depthwiseVariant(s.device, s.spec.type);
    if (!v)
      return refuse("no depthwise ukernel for these types");
    cost = kernels::estimateCost(*v, depthwiseShape(s));
    if (cost.cycles == 0 && whyNot)
      *whyNot = v->whyIllegal(depthwiseShape(s));
    return cost;
  }
  }
  return cost;
}

/// Everything a call's cost depends on. The search prices the same core
/// tile under many grids in a row; remembering the last answer spares the
/// registry's legality check (which builds its messages) for each of them.
struct CallKey {
  CallKind kind;
  kernels::Device device;
  ConvType type;
  int64_t sizes[15];
  bool operator==(const CallKey &o) const {
    return kind == o.kind && device == o.device && type == o.type &&
           std::equal(std::begin(sizes), std::end(sizes), std::begin(o.sizes));
  }
};

CallKey callKey(const ConvSchedule &s) {
  const ConvSpec &spec = s.spec;
  return {s.call.kind,
          s.device,
          spec.type,
          {s.call.m, s.call.n, s.call.k, s.tile.th, s.tile.tw, s.tile.toc,
           s.tile.icb, s.tapsPerCall, spec.kh, spec.kw, spec.sh, spec.sw,
           spec.dh, spec.dw, callAccumulates(s)}};
}

} // namespace

kernels::UKernelCost ukernelCallCost(const ConvSchedule &s,
                                     std::string *whyNot) {
  thread_local std::optional<std::pair<CallKey, kernels::UKernelCost>> last;
  const CallKey key = callKey(s);
  if (!whyNot && last && last->first == key)
    return last->second;
  kernels::UKernelCost cost = registryCallCost(s, whyNot);
  last.emplace(key, cost);
  return cost;
}

int64_t lastStepPartCycles(const ConvSchedule &s, int64_t parts) {
  // The memtile streaming the reduction in chunks of several steps nests
  // the step loop in the chunk loop.
  if (parts < 2 || s.call.kind != CallKind::ConvPatch || s.cascadeLinks != 1 ||
      s.tile.toc % (parts * s.microTile.t) != 0 ||
      (s.l2Chunks > 1 && s.l2IcBlock != s.tile.icb))
    return 0;
  const kernels::ConvVariant *v = patchVariant(s.device, s.spec.type);
  if (!v)
    return 0;
  kernels::ConvShape shape = patchShape(s);
  shape.oc /= parts;
  return kernels::estimateCost(*v, shape).cycles;
}

int64_t tileZeroFillCycles(const ConvSchedule &s) {
  if (s.call.kind == CallKind::ConvPatch || s.spec.accumulates)
    return 0;
  // The accumulator tile is dense: M positions x N channels.
  return kernels::denseZeroFillCycles(s.device, accElemType(s.spec.type),
                                      s.call.m * s.call.n);
}

std::string ukernelSymbol(const ConvSchedule &s) {
  switch (s.call.kind) {
  case CallKind::Matmul:
    if (const kernels::MatmulVariant *v = convVariant(s.device, s.spec.type))
      return v->symbolName({s.call.m, s.call.n, s.call.k});
    break;
  case CallKind::ConvPatch:
    if (const kernels::ConvVariant *v = patchVariant(s.device, s.spec.type))
      return v->symbolName(patchShape(s));
    break;
  case CallKind::DepthwiseVector:
    if (const kernels::DepthwiseVariant *v =
            depthwiseVariant(s.device, s.spec.type))
      return v->symbolName(depthwiseShape(s));
    break;
  }
  return {};
}

} // namespace aieconv::target
