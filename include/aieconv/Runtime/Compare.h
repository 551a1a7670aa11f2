//===- Compare.h - Checking outputs against the reference -------*- C++ -*-===//
//
// The numerical contract of a compiled layer.
//
// i8 inputs, i32 output: bit-exact.
//
// bf16 inputs, f32 accumulation: a product of two bf16 values (8-bit
// significands) is exact in f32, so all rounding happens in the K - 1
// additions. Whatever the order and grouping of the sum (tiling over IC, kh,
// kw only changes it), with unit roundoff u the computed sum s of K products
// p_i obeys (Higham, Accuracy and Stability, Lemma 3.1 and eq. 4.4)
//
//   |s - sum p_i| <= gamma_K(u) * sum |p_i|,  gamma_K(u) = K u / (1 - K u).
//
// (gamma_{K-1} suffices; gamma_K leaves room for an accumulator that starts
// from a rounded zero-fill or adds a bias.) The per-element bound used is
//
//   e   = (gamma_K(u_acc) + gamma_K(2^-53)) * A + 2 K * 2^-126
//   tol = e + u_out * (|ref| + e)
//
// with A = sum |p_i| (BF16Reference::absSum), u_acc = 2^-24 for f32
// accumulation, the gamma_K(2^-53) term covering the double reference's own
// rounding, 2 K * 2^-126 covering a device that flushes subnormal products
// and partial sums to zero (each of the K products and K - 1 additions loses
// less than the smallest normal), and u_out = 0 for an f32 output or 2^-8
// when the f32 result is finally rounded to bf16 (one more rounding of a
// value no larger than |ref| + e). A got value must be finite unless the
// reference is not: then it must be the same infinity, or NaN for NaN.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_RUNTIME_COMPARE_H
#define AIECONV_RUNTIME_COMPARE_H

#include "aieconv/Runtime/ReferenceConv.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace aieconv {

struct ToleranceParams {
  /// Unit roundoff of the accumulator: 2^-24 for f32.
  double accumulationRoundoff = 0x1p-24;
  /// Unit roundoff of a final rounding of the output: 0 for an f32 output,
  /// 0x1p-8 when the output is stored as bf16.
  double outputRoundoff = 0.0;
  /// Floor of |ref| when reporting relative errors (reporting only; the
  /// verdict uses the absolute bound).
  double tiny = std::numeric_limits<float>::min();
};

/// gamma_k(u) = k u / (1 - k u); +infinity when k u >= 1 (no bound).
double gammaBound(int64_t k, double u);

/// The allowed |got - ref| of one bf16-layer output element (formula above):
/// K products summed, reference value `ref`, sum of |products| `absSum`.
double bf16Tolerance(int64_t k, double ref, double absSum,
                     const ToleranceParams &params = {});

struct CompareResult {
  /// All elements within their bound (and sizes matched).
  bool correct = false;
  /// Non-empty when the comparison could not be made (size mismatch, failed
  /// reference); `correct` is then false.
  std::string error;
  int64_t count = 0;      ///< elements compared
  int64_t mismatches = 0; ///< elements outside their bound
  double maxAbsError = 0; ///< max |got - ref| (inf for a non-finite got)
  /// max |got - ref| / max(|ref|, tiny).
  double maxRelError = 0;
  /// The largest per-element bound (0 for i8: exact).
  double maxTolerance = 0;
  /// The rule applied, in words, with its parameters.
  std::string toleranceRule;
  /// First element outside its bound, or -1.
  int64_t firstMismatch = -1;
  double firstGot = 0, firstRef = 0, firstTolerance = 0;

  /// One line for the driver's report.
  std::string summary() const;
};

/// i32 outputs of an i8 layer against the reference: bit-exact.
CompareResult compareI8(const int32_t *got, size_t count,
                        const I8Reference &ref);

/// f32 outputs of a bf16 layer against the reference; `reductionSize` is K
/// (ConvSpec::reductionSize()). A bf16 output is compared by widening it to
/// float and setting params.outputRoundoff = 0x1p-8.
CompareResult compareBF16(const float *got, size_t count,
                          const BF16Reference &ref, int64_t reductionSize,
                          const ToleranceParams &params = {});

} // namespace aieconv

#endif // AIECONV_RUNTIME_COMPARE_H
