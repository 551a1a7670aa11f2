//===- TransferTiming.cpp - How DMA transfers overlap, in cycles ----------===//
//
// The rules are documented in TransferTiming.h.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Target/TransferTiming.h"
#include "CycleEstimate.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace aieconv::target {

int64_t wholeSlicesShare(int64_t bytes, int64_t slices, int64_t sharers) {
  return ceilDiv(slices, sharers) * ceilDiv(bytes, slices);
}

int64_t pipelinedStages(int64_t first, int64_t second, int64_t pieces) {
  return first + second - std::min(first, second) * (pieces - 1) / pieces;
}

int64_t busiestDealtChannel(int64_t inputStreams, int64_t inputCycles,
                            int64_t pieceStreams, int64_t pieceCycles,
                            int64_t channels) {
  std::vector<int64_t> load(static_cast<size_t>(std::max<int64_t>(channels, 1)),
                            0);
  for (int64_t i = 0; i < inputStreams + pieceStreams; ++i)
    load[static_cast<size_t>(i) % load.size()] +=
        i < inputStreams ? inputCycles : pieceCycles;
  return *std::max_element(load.begin(), load.end());
}

int64_t sharedDdrCycles(int64_t reads, int64_t writes, int64_t readRate,
                        int64_t writeRate, int64_t capacity) {
  const double cap = static_cast<double>(capacity);
  double r = static_cast<double>(readRate), w = static_cast<double>(writeRate);
  if (r + w > cap) {
    if (r <= cap / 2)
      w = cap - r;
    else if (w <= cap / 2)
      r = cap - w;
    else
      r = w = cap / 2;
  }
  const double readTime = static_cast<double>(reads) / r;
  const double writeTime = static_cast<double>(writes) / w;
  const double both = std::min(readTime, writeTime);
  const double rest =
      readTime < writeTime
          ? (static_cast<double>(writes) - w * both) /
                std::min<double>(static_cast<double>(writeRate), cap)
          : (static_cast<double>(reads) - r * both) /
                std::min<double>(static_cast<double>(readRate), cap);
  return static_cast<int64_t>(std::ceil(both + rest));
}

} // namespace aieconv::target
