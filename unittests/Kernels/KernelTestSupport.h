//===- KernelTestSupport.h - References and helpers for kernel tests ------===//
//
// The references here are written from the documented semantics and layout
// formulas only (kernels/ukernels/*.h file comments), with plain loops and
// exact accumulation: double for bf16 (every product of two bf16 is exact in
// double and K stays far below 2^29 terms), int64 for i8. They share no code
// with the kernels.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_UNITTESTS_KERNELS_KERNELTESTSUPPORT_H
#define AIECONV_UNITTESTS_KERNELS_KERNELTESTSUPPORT_H

#include "registry/UKernelRegistry.h"

#include <aie_api/aie.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <new>
#include <ostream>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

namespace aieconv::kernels {
/// Readable names of variants in GoogleTest messages.
inline void PrintTo(const MatmulVariant &v, std::ostream *os) {
  *os << toString(v.device) << " " << v.familyName() << " " << v.tile.r << "x"
      << v.tile.s << "x" << v.tile.t;
}
inline void PrintTo(const ConvVariant &v, std::ostream *os) {
  *os << toString(v.device) << " " << v.familyName() << " " << v.tile.r << "x"
      << v.tile.s << "x" << v.tile.t;
}
inline void PrintTo(const DepthwiseVariant &v, std::ostream *os) {
  *os << toString(v.device) << " " << v.familyName() << " " << v.lanes;
}
} // namespace aieconv::kernels

namespace aieconv::kernels::testing {

/// The host C++ type of a registry element type.
template <ElemType E> struct HostTypeOf;
template <> struct HostTypeOf<ElemType::BF16> { using type = bfloat16; };
template <> struct HostTypeOf<ElemType::F32> { using type = float; };
template <> struct HostTypeOf<ElemType::I8> { using type = int8_t; };
template <> struct HostTypeOf<ElemType::I32> { using type = int32_t; };

template <typename T> constexpr bool isInteger() {
  return std::is_same_v<T, int8_t> || std::is_same_v<T, int32_t>;
}

/// Exact value of an element as a double (bf16, i8, i32 and f32 all fit).
template <typename T> double exact(T value) {
  if constexpr (std::is_same_v<T, bfloat16>)
    return double(float(value));
  else
    return double(value);
}

/// Allocates on 64-byte boundaries, as the compiled programs' buffers are:
/// the ukernels' aligned vector accesses rely on it, and the host
/// emulation checks them.
template <typename T> struct BufferAllocator {
  using value_type = T;
  BufferAllocator() = default;
  template <typename U> BufferAllocator(const BufferAllocator<U> &) {}
  T *allocate(size_t n) {
    return static_cast<T *>(::operator new(n * sizeof(T), kAlignment));
  }
  void deallocate(T *p, size_t) { ::operator delete(p, kAlignment); }
  template <typename U> bool operator==(const BufferAllocator<U> &) const {
    return true;
  }
  template <typename U> bool operator!=(const BufferAllocator<U> &) const {
    return false;
  }

private:
  static constexpr std::align_val_t kAlignment{64};
};

/// An operand or result buffer of a kernel test.
template <typename T> using Buffer = std::vector<T, BufferAllocator<T>>;

/// Random operand data: bf16 uniform in [-1, 1] (rounded to bf16), i8 over
/// its whole range, f32 and i32 accumulators in a moderate range. Fixed
/// seeds: failures reproduce.
template <typename T> Buffer<T> randomData(size_t count, unsigned seed) {
  std::mt19937 engine(seed);
  Buffer<T> data(count);
  for (T &value : data) {
    if constexpr (std::is_same_v<T, int8_t>)
      value = T(std::uniform_int_distribution<int>(-128, 127)(engine));
    else if constexpr (std::is_same_v<T, int32_t>)
      value = T(std::uniform_int_distribution<int>(-100000, 100000)(engine));
    else
      value = T(std::uniform_real_distribution<float>(-1.0f, 1.0f)(engine));
  }
  return data;
}

/// A result the reference computed: the exact sum, and the sum of the
/// magnitudes of its terms (initial accumulator included) and their count,
/// which bound the rounding error of any f32 summation order.
struct ReferenceValue {
  double exact = 0;
  double magnitude = 0;
  int64_t terms = 0;
};

/// Largest error of the kernel against the exact value, for output type T.
///
/// Every bf16 x bf16 product is exact in f32, so the only f32 roundings are
/// the `terms - 1` additions (the initial accumulator is converted exactly).
/// Whatever their order, the classic bound is gamma(n) * sum|terms| with
/// gamma(n) = n u / (1 - n u), u = 2^-24, n = terms. A bf16 output then
/// rounds once more to nearest even, adding at most 2^-8 of its value.
/// Integer results must be exact.
template <typename T> double tolerance(const ReferenceValue &value) {
  if constexpr (isInteger<T>()) {
    return 0.0;
  } else {
    const double unit = std::ldexp(1.0, -24);
    double n = double(value.terms);
    double accumulated = n * unit / (1 - n * unit) * value.magnitude;
    if constexpr (std::is_same_v<T, bfloat16>)
      return accumulated +
             std::ldexp(1.0, -8) * (std::fabs(value.exact) + accumulated);
    else
      return accumulated;
  }
}

/// C[M][N] = C0 + A[M][K] * B[K][N], all row-major and dense.
template <typename TA, typename TB, typename TC>
std::vector<ReferenceValue>
referenceMatmul(const Buffer<TA> &a, const Buffer<TB> &b,
                const Buffer<TC> &c0, int64_t m, int64_t n, int64_t k) {
  std::vector<ReferenceValue> result(m * n);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      ReferenceValue &value = result[i * n + j];
      value.exact = exact(c0[i * n + j]);
      value.magnitude = std::fabs(value.exact);
      value.terms = 1;
      for (int64_t p = 0; p < k; ++p) {
        double product = exact(a[i * k + p]) * exact(b[p * n + j]);
        value.exact += product;
        value.magnitude += std::fabs(product);
        ++value.terms;
      }
    }
  return result;
}

/// Direct convolution of one tile, logical layouts: in[IH][IW][IC],
/// w[KH][KW][IC][OC], out = out0[OH][OW][OC] + sum over taps and IC.
/// Depthwise is the same with `depthwise` set: w[KH][KW][C], IC == OC == C,
/// and each output channel reads only its own input channel.
struct ConvProblem {
  int64_t ih, iw, ic, oh, ow, oc, kh, kw;
  int64_t strideH, strideW, dilationH, dilationW;
  bool depthwise = false;
};

template <typename TI, typename TW, typename TO>
std::vector<ReferenceValue>
referenceConv(const ConvProblem &p, const Buffer<TI> &in,
              const Buffer<TW> &w, const Buffer<TO> &out0) {
  std::vector<ReferenceValue> result(p.oh * p.ow * p.oc);
  for (int64_t y = 0; y < p.oh; ++y)
    for (int64_t x = 0; x < p.ow; ++x)
      for (int64_t o = 0; o < p.oc; ++o) {
        ReferenceValue &value = result[(y * p.ow + x) * p.oc + o];
        value.exact = exact(out0[(y * p.ow + x) * p.oc + o]);
        value.magnitude = std::fabs(value.exact);
        value.terms = 1;
        for (int64_t ky = 0; ky < p.kh; ++ky)
          for (int64_t kx = 0; kx < p.kw; ++kx) {
            int64_t iy = y * p.strideH + ky * p.dilationH;
            int64_t ix = x * p.strideW + kx * p.dilationW;
            for (int64_t c = 0; c < p.ic; ++c) {
              if (p.depthwise && c != o)
                continue;
              double weight =
                  p.depthwise
                      ? exact(w[(ky * p.kw + kx) * p.oc + o])
                      : exact(w[((ky * p.kw + kx) * p.ic + c) * p.oc + o]);
              double product = exact(in[(iy * p.iw + ix) * p.ic + c]) * weight;
              value.exact += product;
              value.magnitude += std::fabs(product);
              ++value.terms;
            }
          }
      }
  return result;
}

/// Index of logical element (i, j) of an R x C matrix in the blocked layout
/// [R/br][C/bc][br][bc] (A and C of the blocked matmul).
inline int64_t rowBlockedIndex(int64_t i, int64_t j, int64_t cols, int64_t br,
                               int64_t bc) {
  return ((i / br) * (cols / bc) + j / bc) * br * bc + (i % br) * bc + j % bc;
}

/// Index of B(k, j) of a K x N matrix in [N/t][K/s][s][t].
inline int64_t columnBlockedIndex(int64_t k, int64_t j, int64_t rows, int64_t s,
                                  int64_t t) {
  return ((j / t) * (rows / s) + k / s) * s * t + (k % s) * t + j % t;
}

/// A tag carrying the host types of one variant's operands.
template <typename A, typename B, typename C> struct HostTypes {
  using First = A;
  using Second = B;
  using Out = C;
};

/// Calls `body(HostTypes<...>{})` for the element types of a variant; every
/// type combination the registry lists must be handled here.
template <typename Body>
void withHostTypes(ElemType first, ElemType second, ElemType out, Body body) {
  if (first == ElemType::BF16 && second == ElemType::BF16 &&
      out == ElemType::F32)
    body(HostTypes<bfloat16, bfloat16, float>{});
  else if (first == ElemType::BF16 && second == ElemType::BF16 &&
           out == ElemType::BF16)
    body(HostTypes<bfloat16, bfloat16, bfloat16>{});
  else if (first == ElemType::I8 && second == ElemType::I8 &&
           out == ElemType::I32)
    body(HostTypes<int8_t, int8_t, int32_t>{});
  else
    ADD_FAILURE() << "no host types for this variant";
}

/// The expanded C ABI of the host entries (kernels/host/HostUKernels.h).
#define AIECONV_TEST_MEMREF2(T)                                                \
  T *, T *, int64_t, int64_t, int64_t, int64_t, int64_t
#define AIECONV_TEST_MEMREF4(T)                                                \
  T *, T *, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t,     \
      int64_t, int64_t
#define AIECONV_TEST_MEMREF6(T)                                                \
  T *, T *, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t,     \
      int64_t, int64_t, int64_t, int64_t, int64_t, int64_t
template <typename A, typename B, typename C>
using RowMajorMatmulFn = void (*)(AIECONV_TEST_MEMREF2(A),
                                  AIECONV_TEST_MEMREF2(B),
                                  AIECONV_TEST_MEMREF2(C));
template <typename A, typename B, typename C>
using BlockedMatmulFn = void (*)(AIECONV_TEST_MEMREF4(A),
                                 AIECONV_TEST_MEMREF4(B),
                                 AIECONV_TEST_MEMREF4(C));
template <typename I, typename W, typename O>
using ConvFn = void (*)(AIECONV_TEST_MEMREF4(I), AIECONV_TEST_MEMREF6(W),
                        AIECONV_TEST_MEMREF4(O), int64_t, int64_t, int64_t,
                        int64_t, int64_t);
template <typename I, typename W, typename O>
using DepthwiseFn = void (*)(AIECONV_TEST_MEMREF4(I), AIECONV_TEST_MEMREF4(W),
                             AIECONV_TEST_MEMREF4(O), int64_t, int64_t, int64_t,
                             int64_t);
template <typename T> using ZeroFillFn = void (*)(AIECONV_TEST_MEMREF2(T));

/// Compares kernel results (logical order) with the reference; returns the
/// number of elements out of tolerance and reports the first few.
template <typename T>
int64_t countMismatches(const Buffer<T> &got,
                        const std::vector<ReferenceValue> &want,
                        const std::string &what) {
  int64_t bad = 0;
  for (size_t index = 0; index < want.size(); ++index) {
    double error = std::fabs(exact(got[index]) - want[index].exact);
    if (!(error <= tolerance<T>(want[index]))) {
      if (++bad <= 3)
        ADD_FAILURE() << what << ": element " << index << " is "
                      << exact(got[index]) << ", want " << want[index].exact
                      << " +- " << tolerance<T>(want[index]);
    }
  }
  return bad;
}

} // namespace aieconv::kernels::testing

#endif // AIECONV_UNITTESTS_KERNELS_KERNELTESTSUPPORT_H
