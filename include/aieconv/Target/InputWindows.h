//===- InputWindows.h - The input the core tiles' windows read --*- C++ -*-===//
//
// Along each axis of a layer, the input indices the window of a core tile
// reads and those of them that hold data (the DMAs move the data, not the
// padding: lib/Sim/BufferBoxes.h); and, for cores that share the weights,
// what the memtile fetches for each group of core tiles that run side by
// side.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_TARGET_INPUTWINDOWS_H
#define AIECONV_TARGET_INPUTWINDOWS_H

#include "aieconv/Target/ConvSchedule.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

namespace aieconv::target {

/// One axis of a layer for the data its tiles hold: `in` input indices, of
/// which those the input carries as zeros (`zeros`, split between its
/// ends) hold none, padded by `pad` on each side by the conv.
struct Axis {
  int64_t outputs, stride, dilation, taps, in, pad, zeros;

  /// Input indices from the window of tile `t0` of `tileSize` outputs to
  /// that of tile `t1` (their hull): all of them with `whole`, else those
  /// holding data.
  int64_t hullIndices(int64_t t0, int64_t t1, int64_t tileSize,
                      bool whole) const {
    const int64_t start = t0 * tileSize * stride - pad;
    const int64_t end = t1 * tileSize * stride - pad + windowSpan(tileSize);
    if (whole)
      return end - start;
    const int64_t first = zeros / 2, last = in - (zeros - zeros / 2);
    return std::max<int64_t>(0, std::min(end, last) - std::max(start, first));
  }
  /// Input indices holding data in the window of tile `t`.
  int64_t windowData(int64_t t, int64_t tileSize) const {
    return hullIndices(t, t, tileSize, /*whole=*/false);
  }
  int64_t windowSpan(int64_t tileSize) const {
    return (tileSize - 1) * stride + (taps - 1) * dilation + 1;
  }
  /// Outputs the layer keeps of tile `t`.
  int64_t kept(int64_t t, int64_t tileSize) const {
    return std::clamp<int64_t>(outputs - t * tileSize, 0, tileSize);
  }
};

inline Axis rowAxis(const ConvSpec &spec) {
  return {spec.oh(), spec.sh, spec.dh, spec.kh, spec.ih, spec.ph,
          spec.zeroRows};
}
inline Axis columnAxis(const ConvSpec &spec) {
  return {spec.ow(), spec.sw, spec.dw, spec.kw, spec.iw, spec.pw,
          spec.zeroCols};
}

/// What the memtile fetches for the input windows of groups of `group`
/// consecutive core tiles (row-major, image after image; the tiles that
/// cores sharing the weights run side by side), in input rows x columns
/// (per channel): windows that overlap come as one fetch of their hull,
/// that of a group of whole tile rows of one image, else that of each run
/// of the group's tiles in one tile row; a window that overlaps none
/// alone. The simulator merges any two fetches whose hull saves elements
/// (lib/Sim/RoundBuilder.cpp, hullGroup), which comes to the same in these
/// cases; where a group's runs in two tile rows meet otherwise (a tile
/// under the one above it), it may fetch a little less than counted here.
struct GroupFetches {
  /// Per group, the elements its fetches move: with `whole`, padding
  /// included, else only the data.
  std::vector<int64_t> elements;
  /// The elements of groups [0, g), at g (size: groups + 1).
  std::vector<int64_t> elementsBefore;
  /// The most elements of a group, and how many amounts there are.
  int64_t largest = 0, sizes = 0;
  /// Fetches of all groups.
  int64_t fetches = 0;
  /// The rows and columns of the first group's fetch when it is one hull
  /// (0 when not).
  int64_t hullRows = 0, hullCols = 0;

  int64_t groups() const { return static_cast<int64_t>(elements.size()); }
  /// The elements of groups [first, end).
  int64_t elementsOf(int64_t first, int64_t end) const {
    return elementsBefore[static_cast<size_t>(end)] -
           elementsBefore[static_cast<size_t>(first)];
  }
};
/// Shared, not copied: the search asks for the same tiles many times, and
/// gets the answer it had.
std::shared_ptr<const GroupFetches>
groupFetches(const Axis &rows, const Axis &cols, int64_t images,
             int64_t tilesH, int64_t tilesW, int64_t th, int64_t tw,
             int64_t group, bool whole);

} // namespace aieconv::target

#endif // AIECONV_TARGET_INPUTWINDOWS_H
