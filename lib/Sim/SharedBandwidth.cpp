//===- SharedBandwidth.cpp - Max-min fair sharing of one cap --------------===//

#include "SharedBandwidth.h"

#include <algorithm>
#include <cmath>

namespace aieconv::sim::detail {

void SharedBandwidth::advance(int64_t now) {
  double elapsed = static_cast<double>(now - updated);
  for (Stream &s : streams)
    s.remaining = std::max(0.0, s.remaining - s.rate * elapsed);
  updated = now;
}

void SharedBandwidth::add(int task, int64_t bytes, int64_t ownRate) {
  streams.push_back({task, static_cast<double>(bytes),
                     static_cast<double>(std::max<int64_t>(ownRate, 1))});
}

void SharedBandwidth::remove(int task) {
  streams.erase(std::remove_if(streams.begin(), streams.end(),
                               [&](const Stream &s) { return s.task == task; }),
                streams.end());
}

/// A hair below the exact quotient still needs its last cycle; a rounding
/// error above it must not cost one more.
static int64_t cyclesToMove(double bytes, double rate) {
  double cycles = rate > 0 ? bytes / rate : 0;
  return static_cast<int64_t>(std::ceil(std::max(cycles, 0.0) - 1e-9));
}

int64_t SharedBandwidth::timeWhenLeft(int task, double bytes) const {
  for (const Stream &s : streams)
    if (s.task == task)
      return updated + cyclesToMove(s.remaining - bytes, s.rate);
  return -1;
}

std::vector<std::pair<int, int64_t>> SharedBandwidth::endTimes() {
  std::vector<Stream *> order;
  for (Stream &s : streams)
    order.push_back(&s);
  std::sort(order.begin(), order.end(), [](const Stream *a, const Stream *b) {
    return a->ownRate < b->ownRate;
  });
  double left = capacity;
  for (size_t i = 0; i < order.size(); ++i) {
    double share = left / static_cast<double>(order.size() - i);
    order[i]->rate = std::min(order[i]->ownRate, share);
    left -= order[i]->rate;
  }
  std::vector<std::pair<int, int64_t>> ends;
  for (const Stream &s : streams)
    ends.push_back({s.task, updated + cyclesToMove(s.remaining, s.rate)});
  return ends;
}

} // namespace aieconv::sim::detail
