//===- Compare.cpp - Checking outputs against the reference ---------------===//

#include "aieconv/Runtime/Compare.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace aieconv {
namespace {

std::string formatDouble(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.9g", v);
  return buf;
}

/// Records one compared element; `ok` is the verdict for it.
void record(CompareResult &r, int64_t index, double got, double ref, double tol,
            bool ok, double tiny) {
  double absErr = std::isfinite(got) && std::isfinite(ref)
                      ? std::fabs(got - ref)
                      : (ok ? 0.0 : std::numeric_limits<double>::infinity());
  r.maxAbsError = std::max(r.maxAbsError, absErr);
  r.maxRelError =
      std::max(r.maxRelError, absErr / std::max(std::fabs(ref), tiny));
  r.maxTolerance = std::max(r.maxTolerance, tol);
  if (ok)
    return;
  if (r.mismatches++ == 0) {
    r.firstMismatch = index;
    r.firstGot = got;
    r.firstRef = ref;
    r.firstTolerance = tol;
  }
}

} // namespace

double gammaBound(int64_t k, double u) {
  double ku = static_cast<double>(k) * u;
  if (ku >= 1.0)
    return std::numeric_limits<double>::infinity();
  return ku / (1.0 - ku);
}

double bf16Tolerance(int64_t k, double ref, double absSum,
                     const ToleranceParams &params) {
  double e =
      (gammaBound(k, params.accumulationRoundoff) + gammaBound(k, 0x1p-53)) *
          absSum +
      2.0 * static_cast<double>(k) * 0x1p-126;
  return e + params.outputRoundoff * (std::fabs(ref) + e);
}

std::string CompareResult::summary() const {
  if (!error.empty())
    return "comparison failed: " + error;
  std::string s;
  if (correct)
    s = "correct: " + std::to_string(count) + " elements";
  else
    s = "INCORRECT: " + std::to_string(mismatches) + " of " +
        std::to_string(count) + " elements out of tolerance, first at index " +
        std::to_string(firstMismatch) + ": got " + formatDouble(firstGot) +
        ", expected " + formatDouble(firstRef) + " (tolerance " +
        formatDouble(firstTolerance) + ")";
  s += "; max abs error " + formatDouble(maxAbsError) + ", max rel error " +
       formatDouble(maxRelError) + "; " + toleranceRule;
  if (maxTolerance > 0)
    s += ", largest bound " + formatDouble(maxTolerance);
  return s;
}

CompareResult compareI8(const int32_t *got, size_t count,
                        const I8Reference &ref) {
  CompareResult r;
  r.toleranceRule = "i32 outputs must be bit-exact";
  if (!ref.ok()) {
    r.error = "reference failed: " + ref.error;
    return r;
  }
  if (count != ref.value.size()) {
    r.error = "output has " + std::to_string(count) +
              " elements, the reference " + std::to_string(ref.value.size());
    return r;
  }
  r.count = static_cast<int64_t>(count);
  for (size_t i = 0; i < count; ++i)
    record(r, static_cast<int64_t>(i), got[i], ref.value[i], 0.0,
           got[i] == ref.value[i], 1.0);
  r.correct = r.mismatches == 0;
  return r;
}

CompareResult compareBF16(const float *got, size_t count,
                          const BF16Reference &ref, int64_t reductionSize,
                          const ToleranceParams &params) {
  CompareResult r;
  r.toleranceRule =
      "|got - ref| <= e + u_out (|ref| + e), e = (gamma_K(u) + "
      "gamma_K(2^-53)) sum|products| + 2K 2^-126, gamma_K(u) = Ku/(1-Ku), "
      "K = " +
      std::to_string(reductionSize) +
      ", u = " + formatDouble(params.accumulationRoundoff) +
      ", u_out = " + formatDouble(params.outputRoundoff);
  if (!ref.ok()) {
    r.error = "reference failed: " + ref.error;
    return r;
  }
  if (count != ref.value.size() || ref.absSum.size() != ref.value.size()) {
    r.error = "output has " + std::to_string(count) +
              " elements, the reference " + std::to_string(ref.value.size());
    return r;
  }
  if (reductionSize < 1) {
    r.error = "reduction size must be positive";
    return r;
  }
  r.count = static_cast<int64_t>(count);
  for (size_t i = 0; i < count; ++i) {
    double g = got[i], want = ref.value[i];
    double tol = bf16Tolerance(reductionSize, want, ref.absSum[i], params);
    bool ok;
    if (std::isnan(want))
      ok = std::isnan(g);
    else if (std::isinf(want))
      ok = g == want;
    else
      ok = std::isfinite(g) && std::fabs(g - want) <= tol;
    record(r, static_cast<int64_t>(i), g, want, tol, ok, params.tiny);
  }
  r.correct = r.mismatches == 0;
  return r;
}

} // namespace aieconv
