//===- ConvSchedule.cpp - Names and reports of a schedule -----------------===//

#include "aieconv/Target/ConvSchedule.h"

#include "aieconv/Target/DeviceModel.h"

#include <algorithm>
#include <cstdio>

namespace aieconv::target {

std::string_view toString(Strategy strategy) {
  switch (strategy) {
  case Strategy::Seed:
    return "seed";
  case Strategy::Decompose:
    return "decompose";
  case Strategy::Im2colL1:
    return "im2col-l1";
  case Strategy::Auto:
    return "auto";
  }
  return "?";
}

std::optional<Strategy> parseStrategy(std::string_view text) {
  for (Strategy strategy : {Strategy::Seed, Strategy::Decompose,
                            Strategy::Im2colL1, Strategy::Auto})
    if (toString(strategy) == text)
      return strategy;
  return std::nullopt;
}

std::string_view toString(CoreSplit split) {
  switch (split) {
  case CoreSplit::ShareInput:
    return "share-input";
  case CoreSplit::ShareWeights:
    return "share-weights";
  case CoreSplit::Cascade:
    return "cascade";
  }
  return "";
}

std::string_view toString(ColumnSplit split) {
  return split == ColumnSplit::Rows ? "rows" : "channels";
}

std::string_view toString(ConvForm form) {
  switch (form) {
  case ConvForm::AsGiven:
    return "as-given";
  case ConvForm::OneRow:
    return "one-row";
  case ConvForm::FoldedColumns:
    return "folded-columns";
  case ConvForm::FoldedWindow:
    return "folded-window";
  case ConvForm::FoldedWindowOneRow:
    return "folded-window-one-row";
  }
  return "";
}

std::string_view toString(LoopOrder order) {
  switch (order) {
  case LoopOrder::ChannelsOuter:
    return "channels-outer";
  case LoopOrder::SpatialOuter:
    return "spatial-outer";
  case LoopOrder::ChannelsOuterKeepInput:
    return "channels-outer-keep-input";
  }
  return "";
}

std::string_view toString(CallKind kind) {
  switch (kind) {
  case CallKind::Matmul:
    return "matmul";
  case CallKind::ConvPatch:
    return "conv-patch";
  case CallKind::DepthwiseVector:
    return "depthwise";
  }
  return "?";
}

namespace {

std::string str(int64_t value) { return std::to_string(value); }

std::string dims(int64_t a, int64_t b, int64_t c) {
  return str(a) + "x" + str(b) + "x" + str(c);
}

std::string fixed(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.*f", digits, value);
  return buffer;
}

} // namespace

std::vector<std::pair<std::string, std::string>>
scheduleKeyValues(const ConvSchedule &s) {
  const TileChoice &t = s.tile;
  const CycleEstimate &e = s.cycles;
  std::vector<std::pair<std::string, std::string>> kv = {
      {"name", s.spec.name},
      {"tile", formatTileChoice(t)},
      {"device", std::string(kernels::toString(s.device))},
      {"strategy.requested", std::string(toString(s.requested))},
      {"strategy", std::string(toString(s.strategy))},
      {"micro_tile", dims(s.microTile.r, s.microTile.s, s.microTile.t)},
      {"ic_padded", str(s.icPadded)},
      {"oc_padded", str(s.ocPadded)},
      {"oh_padded", str(s.ohPadded)},
      {"ow_padded", str(s.owPadded)},
      {"ih_padded", str(s.ihPadded)},
      {"iw_padded", str(s.iwPadded)},
      {"l1.tile", "1x" + dims(t.th, t.tw, t.toc)},
      {"l1.ic_block", str(t.icb)},
      {"l1.taps_per_call", str(s.tapsPerCall)},
      {"l1.steps_per_tile", str(s.stepsPerTile)},
      {"l1.in_rows", str(s.l1InRows)},
      {"l1.in_cols", str(s.l1InCols)},
      {"l1.input_bytes", str(s.l1.inputBytes)},
      {"l1.input_buffers", str(s.l1.inputBuffers)},
      {"l1.weight_bytes", str(s.l1.weightBytes)},
      {"l1.weight_buffers", str(s.l1.weightBuffers)},
      {"l1.acc_bytes", str(s.l1.accBytes)},
      {"l1.acc_buffers", str(s.l1.accBuffers)},
      {"l1.last_step_parts", str(s.tile.lastStepParts)},
      {"l1.weights_resident", t.weightsResident ? "true" : "false"},
      {"l1.input_kept", t.inputKept ? "true" : "false"},
      {"l1.input_channels", str(s.inputChannels)},
      {"l1.weight_channels", str(s.weightChannels)},
      {"l1.total_bytes", str(s.l1.total())},
      {"l2.tile", "1x" + dims(s.l2OutRows, s.l2OutCols, s.l2OutChannels)},
      {"l2.in_rows", str(s.l2InRows)},
      {"l2.in_cols", str(s.l2InCols)},
      {"l2.input_hull", s.l2InputHull ? "true" : "false"},
      {"l2.input_bytes", str(s.l2.inputBytes)},
      {"l2.weight_bytes", str(s.l2.weightBytes)},
      {"l2.output_bytes", str(s.l2.outputBytes)},
      {"l2.input_buffers", str(s.l2.inputBuffers)},
      {"l2.weight_buffers", str(s.l2.weightBuffers)},
      {"l2.output_buffers", str(s.l2.outputBuffers)},
      {"l2.output_chunks", str(s.outputChunks)},
      {"l2.total_bytes", str(s.l2.total())},
      {"l2.loop_order", std::string(toString(s.loopOrder))},
      {"l2.ic_block", str(s.l2IcBlock)},
      {"l2.chunks", str(s.l2Chunks)},
      {"grid.columns", str(t.columns)},
      {"grid.columns_used", str(s.columnsUsed)},
      {"grid.rows", str(t.rows)},
      {"grid.core_split", std::string(toString(t.coreSplit))},
      {"grid.column_split", std::string(toString(t.columnSplit))},
      {"grid.rounds", str(s.rounds)},
      {"call.kind", std::string(toString(s.call.kind))},
      {"call.mnk", dims(s.call.m, s.call.n, s.call.k)},
      {"call.symbol", s.call.symbol},
      {"call.macs", str(s.call.macs())},
      {"call.cycles", str(s.call.cycles)},
      {"calls_per_core", str(s.callsPerCore)},
      {"ddr_bytes", str(s.ddrBytes)},
      {"cycles.dma_step", str(e.dmaStepCycles)},
      {"cycles.drain", str(e.drainCycles)},
      {"cycles.weight_load", str(e.weightLoadCycles)},
      {"cycles.round", str(e.roundCycles)},
      {"cycles.compute", str(e.computeCycles)},
      {"cycles.l1_dma", str(e.l1DmaCycles)},
      {"cycles.shim_read", str(e.shimReadCycles)},
      {"cycles.shim_write", str(e.shimWriteCycles)},
      {"cycles.ddr", str(e.ddrCycles)},
      {"cycles.shim", str(e.shimCycles)},
      {"cycles.steady", str(e.steadyCycles)},
      {"cycles.fill", str(e.fillCycles)},
      {"cycles.drain_end", str(e.drainEndCycles)},
      {"cycles.total", str(e.totalCycles)},
      {"cycles.bound", e.bound},
      {"peak_fraction", fixed(s.peakFraction, 4)},
  };
  return kv;
}

std::string formatScheduleReport(const ConvSchedule &s) {
  const TileChoice &t = s.tile;
  const CycleEstimate &e = s.cycles;
  const DeviceModel &dev = getDeviceModel(s.device);
  std::string out;
  out += (s.spec.name.empty() ? std::string("conv") : s.spec.name) + " on " +
         dev.name + ": strategy " + std::string(toString(s.strategy));
  if (s.requested != s.strategy)
    out += " (" + std::string(toString(s.requested)) + ")";
  out += ", micro-tile " + dims(s.microTile.r, s.microTile.s, s.microTile.t) +
         ", ic " + str(s.spec.ic) + "->" + str(s.icPadded) + ", oc " +
         str(s.spec.oc) + "->" + str(s.ocPadded) + ", output " +
         str(s.spec.oh()) + "x" + str(s.spec.ow()) + "->" + str(s.ohPadded) +
         "x" + str(s.owPadded) + "\n";
  out += "  grid " + str(s.columnsUsed) + "/" + str(t.columns) + " columns x " +
         str(t.rows) + " cores, cores " + std::string(toString(t.coreSplit)) +
         ", columns split " + std::string(toString(t.columnSplit)) + ", " +
         str(s.rounds) + " rounds\n";
  const bool depthwise = s.spec.op == ConvOp::DepthwiseNhwcHwc;
  const int64_t l2InChannels =
      depthwise ? std::min(s.l2OutChannels, s.ocPadded) : s.icPadded;
  out += "  L2 tile " + dims(s.l2OutRows, s.l2OutCols, s.l2OutChannels) +
         " (input " + str(s.l2InRows) + "x" + str(s.l2InCols) + "x" +
         str(depthwise ? l2InChannels : s.l2IcBlock) +
         "): " + str(s.l2.inputBuffers) + "x" + str(s.l2.inputBytes) + " + " +
         str(s.l2.weightBuffers) + "x" + str(s.l2.weightBytes) + " + " +
         str(s.l2.outputBuffers) + "x" + str(s.l2.outputBytes) + " = " +
         str(s.l2.total()) + " B of " + str(dev.memtileBytes) + ", " +
         std::string(toString(s.loopOrder)) +
         (s.l2Chunks > 1
              ? ", " + str(s.l2Chunks) + " ic chunks of " + str(s.l2IcBlock)
              : std::string()) +
         ", DDR " + str(s.ddrBytes) + " B\n";
  out += "  L1 tile " + dims(t.th, t.tw, t.toc) + ", ic block " + str(t.icb) +
         ", input " + str(s.l1InRows) + "x" + str(s.l1InCols) + ": " +
         str(s.l1.inputBuffers) + "x" + str(s.l1.inputBytes) + " + " +
         str(s.l1.weightBuffers) + "x" + str(s.l1.weightBytes) + " + " +
         str(s.l1.accBuffers) + "x" + str(s.l1.accBytes) + " = " +
         str(s.l1.total()) + " B of " + str(dev.coreL1UsableBytes()) +
         (t.weightsResident ? ", weights resident" : "") +
         (t.inputKept ? ", input kept" : "") + "\n";
  out += "  call " + std::string(toString(s.call.kind)) + " " +
         dims(s.call.m, s.call.n, s.call.k) + " (" + str(s.call.macs()) +
         " MACs, " + str(s.call.cycles) + " cycles), " + str(s.stepsPerTile) +
         " per tile, " + str(s.callsPerCore) + " per core" +
         (s.call.symbol.empty() ? std::string() : ": " + s.call.symbol) + "\n";
  out += "  cycles " + str(e.totalCycles) + " (" +
         fixed(dev.microseconds(e.totalCycles), 1) + " us at " +
         str(dev.clockMHz) + " MHz, " + fixed(100 * s.peakFraction, 1) +
         "% of peak, " + e.bound + "-bound): compute " + str(e.computeCycles) +
         ", L2->L1 " + str(e.l1DmaCycles) + ", shim " + str(e.shimCycles) +
         ", fill " + str(e.fillCycles) + ", drain " + str(e.drainEndCycles) +
         "\n";
  return out;
}

} // namespace aieconv::target
