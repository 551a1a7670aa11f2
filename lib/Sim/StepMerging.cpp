//===- StepMerging.cpp - Identical reduction steps as one task ------------===//
//
// A long reduction (thousands of steps per layer) would make as many tasks;
// the simulator merges runs of consecutive steps of identical structure
// into one action each (TileActions.h, mergeSteps), summing what they move
// and compute, so a layer stays under the step budget (--max-steps).
//
//===----------------------------------------------------------------------===//

#include "TileActions.h"

namespace aieconv::sim::detail {

int64_t countSteps(const std::vector<Action> &actions) {
  int64_t steps = 0;
  for (const Action &a : actions)
    steps += a.kind == Action::Call;
  return steps;
}

void mergeSteps(std::vector<Action> &actions, int64_t stepsPerTask) {
  if (stepsPerTask <= 1)
    return;
  std::vector<Action> merged;
  size_t i = 0;
  while (i < actions.size()) {
    if (actions[i].step < 0) {
      merged.push_back(std::move(actions[i++]));
      continue;
    }
    // A group: the actions of stepsPerTask consecutive steps.
    int64_t first = actions[i].step;
    size_t end = i;
    while (end < actions.size() && actions[end].step >= 0 &&
           actions[end].step < first + stepsPerTask)
      ++end;
    size_t stepLength = 0;
    while (i + stepLength < end && actions[i + stepLength].step == first)
      ++stepLength;
    bool uniform = stepLength > 0 && (end - i) % stepLength == 0;
    for (size_t j = i; uniform && j < end; ++j)
      uniform = actions[j].op == actions[i + (j - i) % stepLength].op;
    if (!uniform) {
      for (size_t j = i; j < end; ++j)
        merged.push_back(std::move(actions[j]));
      i = end;
      continue;
    }
    for (size_t p = 0; p < stepLength; ++p) {
      Action a = actions[i + p];
      a.count = 0;
      a.bytes = a.wholeBytes = a.cycles = a.macs = 0;
      a.key = a.content = 0;
      for (size_t j = i + p; j < end; j += stepLength) {
        const Action &b = actions[j];
        a.count += b.count;
        a.bytes += b.bytes;
        a.wholeBytes += b.wholeBytes;
        a.cycles += b.cycles;
        a.macs += b.macs;
        a.key = combine(a.key, b.key);
        a.content = combine(a.content, b.content);
        a.range = hull(a.range, b.range);
        for (size_t o = 0; o < a.operandRanges.size(); ++o)
          a.operandRanges[o] = hull(a.operandRanges[o], b.operandRanges[o]);
      }
      merged.push_back(std::move(a));
    }
    i = end;
  }
  actions = std::move(merged);
}

} // namespace aieconv::sim::detail
