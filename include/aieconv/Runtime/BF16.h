//===- BF16.h - bfloat16 bit patterns on the host ---------------*- C++ -*-===//
//
// bf16 values are carried as their uint16_t bit patterns (the upper half of
// an IEEE binary32). These helpers belong to the reference side of the
// correctness check and are deliberately separate from the ukernels' own
// emulation of bf16, so that a rounding bug there cannot hide itself.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_RUNTIME_BF16_H
#define AIECONV_RUNTIME_BF16_H

#include <cstdint>

namespace aieconv {

/// Widens a bf16 bit pattern to float; exact for every pattern (NaN payloads
/// are kept).
float bf16ToFloat(uint16_t bits);

/// Rounds a float to the nearest bf16, ties to even (IEEE roundTiesToEven).
/// Infinities are kept; values beyond the largest finite bf16 round to
/// infinity as IEEE prescribes; NaNs stay NaN (quiet, sign kept) instead of
/// turning into infinity, which plain truncation of the low bits could do.
/// Subnormals are rounded like normals (no flush to zero).
uint16_t floatToBF16(float value);

} // namespace aieconv

#endif // AIECONV_RUNTIME_BF16_H
