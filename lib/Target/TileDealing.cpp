//===- TileDealing.cpp - Which core runs which tile -----------------------===//

#include "aieconv/Target/TileDealing.h"

#include "aieconv/Target/DeviceModel.h"

#include <algorithm>
#include <array>
#include <map>
#include <utility>

namespace aieconv::target {

namespace {
/// Each kind's index of the tile at `digits`: the mixed-radix number of
/// that kind's dimensions' iteration numbers, the last dimension fastest.
std::array<int64_t, 2> kindIndices(const DealRule &rule,
                                   const std::vector<int64_t> &digits) {
  std::array<int64_t, 2> index = {0, 0}, weight = {1, 1};
  for (size_t d = rule.trips.size(); d-- > 0;) {
    int k = static_cast<int>(rule.kinds[d]);
    index[k] += digits[d] * weight[k];
    weight[k] *= rule.trips[d];
  }
  return index;
}
} // namespace

Deal dealTiles(const DealRule &rule) {
  size_t rank = rule.trips.size();
  int64_t total = 1;
  for (size_t d = 0; d < rank; ++d)
    total *= rule.trips[d];
  const int64_t rows = std::max<int64_t>(rule.rows, 1);
  const RoundIndexing indexing = roundIndexing(rule);
  const int spatialKind = static_cast<int>(DimKind::Spatial);
  const int channelKind = static_cast<int>(DimKind::Channel);

  // Per column: (outer, inner) index of a round -> its tiles by lane.
  std::vector<std::map<std::pair<int64_t, int64_t>, std::vector<size_t>>>
      rounds(indexing.columns);
  std::vector<int64_t> digits(rank);
  for (int64_t p = 0; p < total; ++p) {
    int64_t rest = p;
    for (size_t d = rank; d-- > 0;) {
      digits[d] = rest % rule.trips[d];
      rest /= rule.trips[d];
    }
    // The cores' kind's index becomes (group, lane); groups count rounds.
    std::array<int64_t, 2> index = kindIndices(rule, digits);
    int64_t lane = index[indexing.coreKind] % rows;
    index[indexing.coreKind] /= rows;
    int64_t column = index[indexing.columnKind] * indexing.columns /
                     indexing.sizes[indexing.columnKind];
    int64_t spatial = index[spatialKind], channel = index[channelKind];
    std::pair<int64_t, int64_t> key = rule.channelsOuter
                                          ? std::make_pair(channel, spatial)
                                          : std::make_pair(spatial, channel);
    std::vector<size_t> &tiles = rounds[column][key];
    tiles.resize(rows, static_cast<size_t>(-1));
    tiles[lane] = static_cast<size_t>(p);
  }

  Deal deal(indexing.columns);
  for (int64_t c = 0; c < indexing.columns; ++c)
    for (auto &[key, tiles] : rounds[c]) {
      std::vector<size_t> present;
      for (size_t tile : tiles)
        if (tile != static_cast<size_t>(-1))
          present.push_back(tile);
      deal[c].push_back(std::move(present));
    }
  return deal;
}

DealRule dealRuleFor(std::vector<int64_t> trips, std::vector<DimKind> kinds,
                     const std::function<std::string(const char *)> &
                         scheduleText,
                     const DeviceModel &device, int64_t &cascadeLinks) {
  auto count = [&](const char *key, int64_t fallback, int64_t most) {
    std::string text = scheduleText(key);
    int64_t value = fallback;
    if (!text.empty() &&
        text.find_first_not_of("0123456789") == std::string::npos &&
        text.size() < 10)
      value = std::stoll(text);
    return std::clamp<int64_t>(value, 1, most);
  };
  DealRule rule;
  rule.trips = std::move(trips);
  rule.kinds = std::move(kinds);
  rule.rows = count("grid.rows", device.coreRows, device.coreRows);
  rule.columns = count("grid.columns_used", device.columns, device.columns);
  rule.splitChannels = scheduleText("grid.column_split") == "channels";
  rule.channelsOuter = scheduleText("l2.loop_order") != "spatial-outer";
  std::string coreSplit = scheduleText("grid.core_split");
  rule.coresShareInput = coreSplit != "share-weights";
  cascadeLinks = 1;
  if (coreSplit == "cascade") {
    cascadeLinks = rule.rows;
    rule.rows = 1;
  }
  return rule;
}

RoundIndexing roundIndexing(const DealRule &rule) {
  RoundIndexing indexing;
  int64_t counts[2] = {1, 1};
  for (size_t d = 0; d < rule.trips.size(); ++d)
    counts[static_cast<int>(rule.kinds[d])] *= rule.trips[d];
  indexing.coreKind = static_cast<int>(rule.coresShareInput ? DimKind::Channel
                                                            : DimKind::Spatial);
  indexing.columnKind = static_cast<int>(rule.splitChannels ? DimKind::Channel
                                                            : DimKind::Spatial);
  const int64_t rows = std::max<int64_t>(rule.rows, 1);
  indexing.sizes[0] = counts[0];
  indexing.sizes[1] = counts[1];
  indexing.sizes[indexing.coreKind] =
      (counts[indexing.coreKind] + rows - 1) / rows;
  indexing.columns = std::max<int64_t>(rule.columns, 1);
  return indexing;
}

bool inLastRound(const DealRule &rule, const std::vector<int64_t> &digits) {
  const RoundIndexing indexing = roundIndexing(rule);
  std::array<int64_t, 2> index = kindIndices(rule, digits);
  index[indexing.coreKind] /= std::max<int64_t>(rule.rows, 1);
  const int other = 1 - indexing.columnKind;
  const int64_t split = index[indexing.columnKind];
  const int64_t size = indexing.sizes[indexing.columnKind];
  const int64_t columns = indexing.columns;
  // Column c takes the indices i with i * columns / size == c: from
  // firstOf(c) on. A column of the most indices has the most rounds.
  auto firstOf = [&](int64_t c) { return (c * size + columns - 1) / columns; };
  const int64_t column = split * columns / size;
  const bool lastOfColumn = split == firstOf(column + 1) - 1;
  const bool longestColumn = firstOf(column + 1) - firstOf(column) ==
                             (size + columns - 1) / columns;
  return index[other] == indexing.sizes[other] - 1 && lastOfColumn &&
         longestColumn;
}

} // namespace aieconv::target
