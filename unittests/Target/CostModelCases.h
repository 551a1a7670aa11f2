//===- CostModelCases.h - Small convs and tilings to price -*- C++ -*-===//
//
// Shared by the cost model's unit tests (CostModelTest.cpp,
// ColumnTrafficTest.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_UNITTESTS_TARGET_COSTMODELCASES_H
#define AIECONV_UNITTESTS_TARGET_COSTMODELCASES_H

#include "aieconv/Target/ConvSchedule.h"

namespace aieconv::target::testcases {

/// 3x3 conv, 16x16 input without padding (14x14 output), 32 -> 64 channels.
inline ConvSpec smallConv(ConvType type = ConvType::BF16) {
  ConvSpec spec;
  spec.name = "small";
  spec.type = type;
  spec.ih = spec.iw = 16;
  spec.ic = 32;
  spec.oc = 64;
  spec.kh = spec.kw = 3;
  return spec;
}

/// A bf16 1x1 conv over one row of `pixels`, `ic` -> `oc` channels.
inline ConvSpec pixelRowConv(int64_t pixels, int64_t ic, int64_t oc) {
  ConvSpec spec;
  spec.type = ConvType::BF16;
  spec.ih = 1;
  spec.iw = pixels;
  spec.ic = ic;
  spec.oc = oc;
  return spec;
}

inline TileChoice smallChoice() {
  TileChoice c;
  c.th = 2;
  c.tw = 8;
  c.toc = 16;
  c.icb = 16;
  c.columns = 4;
  c.rows = 4;
  c.coreSplit = CoreSplit::ShareInput;
  c.columnSplit = ColumnSplit::Rows;
  c.accBuffers = 1;
  return c;
}

/// smallChoice's grid with a one-row tile of `tw` pixels, `toc` output
/// channels and `icb` input channels per step.
inline TileChoice pixelRowChoice(int64_t tw, int64_t toc, int64_t icb) {
  TileChoice c = smallChoice();
  c.th = 1;
  c.tw = tw;
  c.toc = toc;
  c.icb = icb;
  return c;
}

} // namespace aieconv::target::testcases

#endif // AIECONV_UNITTESTS_TARGET_COSTMODELCASES_H
