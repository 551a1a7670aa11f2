//===- IntMath.h - Rounding of sizes and counts -----------------*- C++ -*-===//
//
// Private to lib/Target: the rounding every part of the cost model and the
// tile search needs, on the non-negative sizes and counts they work with.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_LIB_TARGET_INTMATH_H
#define AIECONV_LIB_TARGET_INTMATH_H

#include <cstdint>

namespace aieconv::target {

/// a / b rounded up, for a >= 0 and b > 0.
inline int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

/// The least multiple of b that is at least a, for a >= 0 and b > 0.
inline int64_t roundUp(int64_t a, int64_t b) { return ceilDiv(a, b) * b; }

} // namespace aieconv::target

#endif // AIECONV_LIB_TARGET_INTMATH_H
