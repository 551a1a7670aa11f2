//===- ColumnTraffic.h - A column's loop order and DDR traffic --*- C++ -*-===//
//
// Private to lib/Target: the stage of the cost model after the grid.
// CostModel.cpp checks a tiling and works out its footprints and grid;
// ColumnTraffic.cpp picks a column's loop order and prices what it moves
// to and from DDR; CycleEstimate.cpp times the result.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_LIB_TARGET_COLUMNTRAFFIC_H
#define AIECONV_LIB_TARGET_COLUMNTRAFFIC_H

#include "CycleEstimate.h"

#include "aieconv/Target/ConvSchedule.h"
#include "aieconv/Target/DeviceModel.h"

#include <cstdint>
#include <string>

namespace aieconv::target {

/// Reports a rule broken by a candidate; builds the message only on demand,
/// because the search asks millions of times and never reads it.
template <typename MakeReason>
bool reject(std::string *whyNot, MakeReason makeReason) {
  if (whyNot)
    *whyNot = makeReason();
  return false;
}

inline std::string str(int64_t value) { return std::to_string(value); }

/// Picks the loop order of a column of `s` (footprints and grid set; `c`
/// the tiling as given) with the least DDR traffic among those whose
/// memtile buffers fit, fills the memtile usage, loop order and DDR bytes,
/// and times the schedule. False, saying why in `whyNot`, when no order
/// fits or the tiling asks for what its order cannot do.
bool priceColumnTraffic(ConvSchedule &s, const TileChoice &c,
                        const DeviceModel &dev, const GridFacts &grid,
                        std::string *whyNot);

} // namespace aieconv::target

#endif // AIECONV_LIB_TARGET_COLUMNTRAFFIC_H
