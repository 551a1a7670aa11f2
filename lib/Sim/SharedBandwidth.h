//===- SharedBandwidth.h - Streams sharing one bandwidth cap --------------===//
//
// Private to lib/Sim. DDR serves all shim channels together at a rate below
// the sum of their stream rates (aie2-facts.md, "measured DDR copy
// bandwidth"). Streams that move at the same time share it max-min fairly
// (water-filling): each gets its own rate or an equal share of what the
// slower ones leave, whichever is lower. The engine asks for new end times
// whenever a stream joins or leaves.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_LIB_SIM_SHAREDBANDWIDTH_H
#define AIECONV_LIB_SIM_SHAREDBANDWIDTH_H

#include <cstdint>
#include <utility>
#include <vector>

namespace aieconv::sim::detail {

class SharedBandwidth {
public:
  explicit SharedBandwidth(double bytesPerCycle) : capacity(bytesPerCycle) {}

  /// Moves every stream on to `now` at the rates set last.
  void advance(int64_t now);
  /// A stream of `bytes` that alone would move `ownRate` bytes per cycle.
  void add(int task, int64_t bytes, int64_t ownRate);
  void remove(int task);
  /// Sets the fair rates and returns each stream's end at those rates.
  std::vector<std::pair<int, int64_t>> endTimes();
  /// When stream `task` will have `bytes` left at the rates endTimes set;
  /// -1 if it is not streaming.
  int64_t timeWhenLeft(int task, double bytes) const;

private:
  struct Stream {
    int task;
    double remaining;
    double ownRate;
    double rate = 0;
  };
  double capacity;
  int64_t updated = 0;
  std::vector<Stream> streams;
};

} // namespace aieconv::sim::detail

#endif // AIECONV_LIB_SIM_SHAREDBANDWIDTH_H
