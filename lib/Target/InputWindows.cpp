//===- InputWindows.cpp - The input the core tiles' windows read ----------===//

#include "aieconv/Target/InputWindows.h"

#include <algorithm>
#include <array>
#include <map>

namespace aieconv::target {

namespace {

GroupFetches computeGroupFetches(const Axis &rows, const Axis &cols,
                                 int64_t images, int64_t tilesH,
                                 int64_t tilesW, int64_t th, int64_t tw,
                                 int64_t group, bool whole) {
  GroupFetches result;
  // Prefix sums of the columns' windows, so that a run sums in O(1).
  std::vector<int64_t> colSum(static_cast<size_t>(tilesW) + 1, 0);
  for (int64_t w = 0; w < tilesW; ++w)
    colSum[w + 1] = colSum[w] + cols.hullIndices(w, w, tw, whole);
  const int64_t perImage = tilesH * tilesW, tiles = images * perImage;
  for (int64_t first = 0; first < tiles; first += group) {
    const int64_t end = std::min(first + group, tiles);
    const int64_t h = first % perImage / tilesW, w = first % tilesW;
    int64_t elements = 0, fetches = 0;
    // Whole tile rows of one image: one hull, where it holds less.
    const int64_t count = end - first, blockRows = count / tilesW;
    bool block = false;
    if (count > 1 && w == 0 && count % tilesW == 0 &&
        first % perImage + count <= perImage) {
      const int64_t hullRows =
          rows.hullIndices(h, h + blockRows - 1, th, whole);
      const int64_t hullCols = cols.hullIndices(0, tilesW - 1, tw, whole);
      int64_t apart = 0;
      for (int64_t r = h; r < h + blockRows; ++r)
        apart += rows.hullIndices(r, r, th, whole) * colSum[tilesW];
      if (hullRows * hullCols < apart) {
        block = true;
        elements = hullRows * hullCols;
        fetches = 1;
        if (first == 0) {
          result.hullRows = hullRows;
          result.hullCols = hullCols;
        }
      }
    }
    // Else run by run, each run of a tile row one hull where its windows
    // overlap.
    for (int64_t run = first; !block && run < end;) {
      const int64_t row = run % perImage / tilesW, w0 = run % tilesW;
      const int64_t w1 = std::min(tilesW - 1, w0 + (end - run) - 1);
      const int64_t rowData = rows.hullIndices(row, row, th, whole);
      const int64_t apart = colSum[w1 + 1] - colSum[w0];
      const int64_t hull = cols.hullIndices(w0, w1, tw, whole);
      if (w1 > w0 && hull < apart && rowData > 0) {
        elements += rowData * hull;
        ++fetches;
        if (first == 0 && end - run == count && w1 - w0 + 1 == count) {
          result.hullRows = rowData;
          result.hullCols = hull;
        }
      } else {
        elements += rowData * apart;
        fetches += w1 - w0 + 1;
      }
      run += w1 - w0 + 1;
    }
    result.elements.push_back(elements);
    result.fetches += fetches;
  }
  result.elementsBefore.assign(1, 0);
  for (int64_t elements : result.elements)
    result.elementsBefore.push_back(result.elementsBefore.back() + elements);
  std::vector<int64_t> sizes = result.elements;
  std::sort(sizes.begin(), sizes.end());
  result.sizes = std::unique(sizes.begin(), sizes.end()) - sizes.begin();
  result.largest = sizes.empty() ? 0 : sizes.back();
  return result;
}

} // namespace

std::shared_ptr<const GroupFetches>
groupFetches(const Axis &rows, const Axis &cols, int64_t images,
             int64_t tilesH, int64_t tilesW, int64_t th, int64_t tw,
             int64_t group, bool whole) {
  // The search prices many tilings of one layer with the same tile sizes:
  // each thread keeps the answers for the last layer it asked about.
  using Key = std::array<int64_t, 21>;
  const Key key = {rows.outputs, rows.stride, rows.dilation, rows.taps,
                   rows.in,      rows.pad,    rows.zeros,    cols.outputs,
                   cols.stride,  cols.dilation, cols.taps,   cols.in,
                   cols.pad,     cols.zeros,  images,        tilesH,
                   tilesW,       th,          tw,            group,
                   whole};
  thread_local std::map<Key, std::shared_ptr<const GroupFetches>> known;
  auto it = known.find(key);
  if (it != known.end())
    return it->second;
  if (known.size() >= 1024)
    known.clear();
  auto result = std::make_shared<const GroupFetches>(computeGroupFetches(
      rows, cols, images, tilesH, tilesW, th, tw, group, whole));
  known.emplace(key, result);
  return result;
}

} // namespace aieconv::target
