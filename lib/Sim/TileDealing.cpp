//===- TileDealing.cpp - Which core runs which tile -----------------------===//

#include "TileDealing.h"

#include <algorithm>
#include <map>
#include <utility>

namespace aieconv::sim::detail {

Deal dealTiles(const DealRule &rule) {
  size_t rank = rule.trips.size();
  int64_t total = 1, counts[2] = {1, 1};
  for (size_t d = 0; d < rank; ++d) {
    total *= rule.trips[d];
    counts[static_cast<int>(rule.kinds[d])] *= rule.trips[d];
  }
  int64_t rows = std::max<int64_t>(rule.rows, 1);
  int core = static_cast<int>(rule.coresShareInput ? DimKind::Channel
                                                   : DimKind::Spatial);
  // The split kind's index becomes (group, lane); groups count as indices.
  int64_t sizes[2] = {counts[0], counts[1]};
  sizes[core] = (counts[core] + rows - 1) / rows;
  int64_t columns = std::max<int64_t>(rule.columns, 1);
  const int spatialKind = static_cast<int>(DimKind::Spatial);
  const int channelKind = static_cast<int>(DimKind::Channel);

  // Per column: (outer, inner) index of a round -> its tiles by lane.
  std::vector<std::map<std::pair<int64_t, int64_t>, std::vector<size_t>>>
      rounds(columns);
  for (int64_t p = 0; p < total; ++p) {
    // Mixed-radix digits of p, last dimension fastest; each kind's index
    // is its own mixed-radix number over its dimensions.
    int64_t index[2] = {0, 0}, weight[2] = {1, 1};
    int64_t rest = p;
    for (size_t d = rank; d-- > 0;) {
      int64_t digit = rest % rule.trips[d];
      rest /= rule.trips[d];
      int k = static_cast<int>(rule.kinds[d]);
      index[k] += digit * weight[k];
      weight[k] *= rule.trips[d];
    }
    int64_t lane = index[core] % rows;
    index[core] /= rows;
    int64_t spatial = index[spatialKind], channel = index[channelKind];
    int64_t column = rule.splitChannels
                         ? channel * columns / sizes[channelKind]
                         : spatial * columns / sizes[spatialKind];
    std::pair<int64_t, int64_t> key = rule.channelsOuter
                                          ? std::make_pair(channel, spatial)
                                          : std::make_pair(spatial, channel);
    std::vector<size_t> &tiles = rounds[column][key];
    tiles.resize(rows, static_cast<size_t>(-1));
    tiles[lane] = static_cast<size_t>(p);
  }

  Deal deal(columns);
  for (int64_t c = 0; c < columns; ++c)
    for (auto &[key, tiles] : rounds[c]) {
      std::vector<size_t> present;
      for (size_t tile : tiles)
        if (tile != static_cast<size_t>(-1))
          present.push_back(tile);
      deal[c].push_back(std::move(present));
    }
  return deal;
}

} // namespace aieconv::sim::detail
