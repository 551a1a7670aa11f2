//===- HostUKernels.cpp - C ABI host entries of every ukernel -------------===//
//
// Each entry unpacks MLIR's expanded memref descriptors, checks them against
// its variant, and calls the kernel template from kernels/ukernels — the
// same source the AIE compiles — built here against the AIE API emulation.
//
//===----------------------------------------------------------------------===//

#include "HostUKernels.h"

#include "ukernels/Depthwise.h"
#include "ukernels/Matmul.h"

#include <cstdarg>
#include <cstdio>
#include <cstdlib>

namespace aieconv::kernels {
namespace {

/// One memref argument, gathered from its expanded form.
template <typename T, int Rank> struct MemRef {
  T *aligned;
  int64_t offset;
  int64_t sizes[Rank];
  int64_t strides[Rank];

  T *data() const { return aligned + offset; }
  /// Strides of a dense row-major buffer of these sizes.
  bool isDense() const {
    int64_t expected = 1;
    for (int dim = Rank - 1; dim >= 0; --dim) {
      if (sizes[dim] != 1 && strides[dim] != expected)
        return false;
      expected *= sizes[dim];
    }
    return true;
  }
};

UKernelFailureHandler failureHandler = nullptr;

/// Reports a call the entry cannot compute. Entries check their arguments
/// before creating any object, so a handler may leave by longjmp.
[[noreturn]] void fail(const char *entry, const char *format, ...) {
  char message[512];
  int used =
      std::snprintf(message, sizeof(message), "aieconv host ukernel %s: ", entry);
  va_list args;
  va_start(args, format);
  std::vsnprintf(message + used, sizeof(message) - used, format, args);
  va_end(args);
  if (failureHandler)
    failureHandler(message);
  std::fprintf(stderr, "%s\n", message);
  std::abort();
}

/// Aborts unless `condition`; the message says which rule the call broke.
#define AIECONV_REQUIRE(condition, ...)                                        \
  do {                                                                         \
    if (!(condition))                                                          \
      fail(kName, __VA_ARGS__);                                                \
  } while (false)

void requireDense(const char *kName, const char *operand, bool dense) {
  AIECONV_REQUIRE(dense, "operand %s must be dense (identity strides)",
                  operand);
}

/// Entries of matmul variants: C += A * B.
template <typename TA, typename TB, typename TC, unsigned r, unsigned s,
          unsigned t>
struct MatmulEntries {
  static constexpr const char *kName = "matmul";

  static void rowMajor(const MemRef<TA, 2> &a, const MemRef<TB, 2> &b,
                       const MemRef<TC, 2> &c) {
    int64_t m = a.sizes[0], k = a.sizes[1], n = b.sizes[1];
    AIECONV_REQUIRE(b.sizes[0] == k && c.sizes[0] == m && c.sizes[1] == n,
                    "operand sizes A %lldx%lld, B %lldx%lld, C %lldx%lld do "
                    "not form C[M][N] += A[M][K] * B[K][N]",
                    (long long)a.sizes[0], (long long)a.sizes[1],
                    (long long)b.sizes[0], (long long)b.sizes[1],
                    (long long)c.sizes[0], (long long)c.sizes[1]);
    requireTiles(m, n, k);
    AIECONV_REQUIRE(a.strides[1] == 1 && b.strides[1] == 1 && c.strides[1] == 1,
                    "innermost strides must be 1 (got %lld, %lld, %lld)",
                    (long long)a.strides[1], (long long)b.strides[1],
                    (long long)c.strides[1]);
    AIECONV_REQUIRE(a.strides[0] >= k && b.strides[0] >= n && c.strides[0] >= n,
                    "leading dimensions %lld, %lld, %lld are shorter than "
                    "the rows",
                    (long long)a.strides[0], (long long)b.strides[0],
                    (long long)c.strides[0]);
    ukernels::matmulRowMajor<TA, TB, TC, r, s, t>(
        a.data(), b.data(), c.data(), unsigned(m), unsigned(n), unsigned(k),
        unsigned(a.strides[0]), unsigned(b.strides[0]), unsigned(c.strides[0]));
  }

  static void blocked(const MemRef<TA, 4> &a, const MemRef<TB, 4> &b,
                      const MemRef<TC, 4> &c) {
    AIECONV_REQUIRE(a.sizes[2] == r && a.sizes[3] == s && b.sizes[2] == s &&
                        b.sizes[3] == t && c.sizes[2] == r && c.sizes[3] == t,
                    "inner tiles must be A %ux%u, B %ux%u, C %ux%u", r, s, s, t,
                    r, t);
    AIECONV_REQUIRE(b.sizes[1] == a.sizes[1] && c.sizes[0] == a.sizes[0] &&
                        c.sizes[1] == b.sizes[0],
                    "tile grids A %lldx%lld, B %lldx%lld, C %lldx%lld do not "
                    "match",
                    (long long)a.sizes[0], (long long)a.sizes[1],
                    (long long)b.sizes[0], (long long)b.sizes[1],
                    (long long)c.sizes[0], (long long)c.sizes[1]);
    requireDense(kName, "A", a.isDense());
    requireDense(kName, "B", b.isDense());
    requireDense(kName, "C", c.isDense());
    int64_t m = a.sizes[0] * r, k = a.sizes[1] * s, n = b.sizes[0] * t;
    requireTiles(m, n, k);
    ukernels::matmulBlocked<TA, TB, TC, r, s, t>(
        a.data(), b.data(), c.data(), unsigned(m), unsigned(n), unsigned(k));
  }

  static void requireTiles(int64_t m, int64_t n, int64_t k) {
    AIECONV_REQUIRE(m > 0 && n > 0 && k > 0 && m % r == 0 && n % t == 0 &&
                        k % s == 0,
                    "M=%lld, N=%lld, K=%lld are not positive multiples of "
                    "the micro-tile %ux%ux%u (M by %u, N by %u, K by %u)",
                    (long long)m, (long long)n, (long long)k, r, s, t, r, t, s);
  }
};

/// Checks the window arguments shared by conv and depthwise entries and
/// that the input patch covers the receptive field of the output tile.
ukernels::ConvGeometry checkedGeometry(const char *kName, int64_t inHeight,
                                       int64_t inWidth, int64_t inBlocks,
                                       int64_t outHeight, int64_t outWidth,
                                       int64_t outBlocks, int64_t kernelHeight,
                                       int64_t kernelWidth, int64_t strideH,
                                       int64_t strideW, int64_t dilationH,
                                       int64_t dilationW) {
  AIECONV_REQUIRE(strideH >= 1 && strideW >= 1,
                  "strides %lldx%lld must be at least 1", (long long)strideH,
                  (long long)strideW);
  AIECONV_REQUIRE(dilationH >= 1 && dilationW >= 1,
                  "dilations %lldx%lld must be at least 1",
                  (long long)dilationH, (long long)dilationW);
  AIECONV_REQUIRE(outHeight > 0 && outWidth > 0 && kernelHeight > 0 &&
                      kernelWidth > 0 && inBlocks > 0 && outBlocks > 0,
                  "sizes must be positive");
  int64_t needH =
      (outHeight - 1) * strideH + (kernelHeight - 1) * dilationH + 1;
  int64_t needW = (outWidth - 1) * strideW + (kernelWidth - 1) * dilationW + 1;
  AIECONV_REQUIRE(inHeight >= needH && inWidth >= needW,
                  "input patch %lldx%lld is smaller than the %lldx%lld the "
                  "output tile reads",
                  (long long)inHeight, (long long)inWidth, (long long)needH,
                  (long long)needW);
  return ukernels::ConvGeometry{
      unsigned(inHeight),     unsigned(inWidth),     unsigned(inBlocks),
      unsigned(outHeight),    unsigned(outWidth),    unsigned(outBlocks),
      unsigned(kernelHeight), unsigned(kernelWidth), unsigned(strideH),
      unsigned(strideW),      unsigned(dilationH),   unsigned(dilationW)};
}

template <typename TI, typename TW, typename TO, unsigned r, unsigned s,
          unsigned t>
struct ConvEntry {
  static constexpr const char *kName = "conv2d";

  static void run(const ConvVariant &variant, const MemRef<TI, 4> &in,
                  const MemRef<TW, 6> &w, const MemRef<TO, 4> &out,
                  int64_t strideH, int64_t strideW, int64_t dilationH,
                  int64_t dilationW, int64_t routeValue) {
    std::optional<AccumulatorRoute> route = decodeAccumulatorRoute(routeValue);
    AIECONV_REQUIRE(route.has_value(),
                    "the accumulator route must be 0, 1, 3, 4, 5 or 7, not "
                    "%lld",
                    (long long)routeValue);
    AIECONV_REQUIRE(in.sizes[3] == s && w.sizes[4] == s && w.sizes[5] == t &&
                        out.sizes[3] == t,
                    "channel blocks must be %u (input) and %u (output)", s, t);
    AIECONV_REQUIRE(w.sizes[3] == in.sizes[0] && w.sizes[0] == out.sizes[0],
                    "weights [%lld][..][..][%lld] do not match %lld input "
                    "and %lld output channel blocks",
                    (long long)w.sizes[0], (long long)w.sizes[3],
                    (long long)in.sizes[0], (long long)out.sizes[0]);
    AIECONV_REQUIRE(out.sizes[2] % r == 0, "OW=%lld is not a multiple of %u",
                    (long long)out.sizes[2], r);
    requireDense(kName, "input", in.isDense());
    requireDense(kName, "weights", w.isDense());
    requireDense(kName, "output", out.isDense());
    ukernels::ConvGeometry geometry =
        checkedGeometry(kName, in.sizes[1], in.sizes[2], in.sizes[0],
                        out.sizes[1], out.sizes[2], out.sizes[0], w.sizes[1],
                        w.sizes[2], strideH, strideW, dilationH, dilationW);
    if (route->cascadeIn) {
      size_t words = size_t(out.sizes[0] * out.sizes[1] * out.sizes[2] *
                            out.sizes[3]) /
                     ukernels::kCascadeLanes;
      AIECONV_REQUIRE(aie::cascade_words_pending() >= words,
                      "the call reads %zu cascade words but the previous "
                      "call of its chain passed on %zu",
                      words, aie::cascade_words_pending());
    }
    geometry.accumulate = route->accumulate;
    geometry.cascadeIn = route->cascadeIn;
    geometry.cascadeOut = route->cascadeOut;
    const ConvShape shape{out.sizes[1], out.sizes[2], out.sizes[0] * t,
                          w.sizes[1], w.sizes[2], in.sizes[0] * s,
                          strideH, strideW, dilationH, dilationW};
    const ConvWalk walk = chooseConvWalk(variant, shape);
    geometry.pairOutputChannelBlocks = walk.pairGroups;
    geometry.tripleLastPixelTiles = walk.tripleTail;
    ukernels::conv2dBlocked<TI, TW, TO, r, s, t>(in.data(), w.data(),
                                                 out.data(), geometry);
  }
};

template <typename TI, typename TW, typename TO, unsigned L>
struct DepthwiseEntry {
  static constexpr const char *kName = "dwconv2d";

  static void run(const MemRef<TI, 4> &in, const MemRef<TW, 4> &w,
                  const MemRef<TO, 4> &out, int64_t strideH, int64_t strideW,
                  int64_t dilationH, int64_t dilationW) {
    AIECONV_REQUIRE(in.sizes[3] == L && w.sizes[3] == L && out.sizes[3] == L,
                    "channel blocks must be %u", L);
    AIECONV_REQUIRE(in.sizes[0] == out.sizes[0] && w.sizes[0] == out.sizes[0],
                    "channel block counts %lld, %lld, %lld differ",
                    (long long)in.sizes[0], (long long)w.sizes[0],
                    (long long)out.sizes[0]);
    requireDense(kName, "input", in.isDense());
    requireDense(kName, "weights", w.isDense());
    requireDense(kName, "output", out.isDense());
    ukernels::ConvGeometry geometry =
        checkedGeometry(kName, in.sizes[1], in.sizes[2], in.sizes[0],
                        out.sizes[1], out.sizes[2], out.sizes[0], w.sizes[1],
                        w.sizes[2], strideH, strideW, dilationH, dilationW);
    ukernels::depthwiseConv2d<TI, TW, TO, L>(in.data(), w.data(), out.data(),
                                             geometry);
  }
};

template <typename T, unsigned r, unsigned t> struct ZeroFillEntry {
  static constexpr const char *kName = "zero";

  static void run(const MemRef<T, 2> &c) {
    AIECONV_REQUIRE(c.sizes[0] > 0 && c.sizes[1] > 0 && c.sizes[0] % r == 0 &&
                        c.sizes[1] % t == 0,
                    "%lldx%lld is not a positive multiple of %ux%u",
                    (long long)c.sizes[0], (long long)c.sizes[1], r, t);
    AIECONV_REQUIRE(c.strides[1] == 1 && c.strides[0] >= c.sizes[1],
                    "strides %lldx%lld are not row-major",
                    (long long)c.strides[0], (long long)c.strides[1]);
    ukernels::zeroFill<T, r, t>(c.data(), unsigned(c.sizes[0]),
                                unsigned(c.sizes[1]), unsigned(c.strides[0]));
  }
};

/// For one call, the alignment rule of the variant's device
/// (widestAlignedAccessBytes).
class DeviceAlignmentRule {
public:
  explicit DeviceAlignmentRule(Device device)
      : previous(aie::detail::widestAlignment()) {
    aie::detail::widestAlignment() = size_t(widestAlignedAccessBytes(device));
  }
  ~DeviceAlignmentRule() { aie::detail::widestAlignment() = previous; }

private:
  size_t previous;
};

} // namespace
} // namespace aieconv::kernels

//===----------------------------------------------------------------------===//
// The extern "C" entries, one per line of Variants.def
//===----------------------------------------------------------------------===//

// Registry element type -> host C++ type.
#define AIECONV_HOST_TYPE(TYPE) AIECONV_HOST_TYPE_##TYPE
#define AIECONV_HOST_TYPE_BF16 bfloat16
#define AIECONV_HOST_TYPE_F32 float
#define AIECONV_HOST_TYPE_I8 int8_t
#define AIECONV_HOST_TYPE_I32 int32_t

// The expanded parameters of a memref argument, and the MemRef built from them.
#define AIECONV_MEMREF2_PARAMS(T, n)                                           \
  T *, T *n##Data, int64_t n##Offset, int64_t n##S0, int64_t n##S1,            \
      int64_t n##T0, int64_t n##T1
#define AIECONV_MEMREF2(T, n)                                                  \
  aieconv::kernels::MemRef<T, 2> {                                             \
    n##Data, n##Offset, {n##S0, n##S1}, { n##T0, n##T1 }                       \
  }
#define AIECONV_MEMREF4_PARAMS(T, n)                                           \
  T *, T *n##Data, int64_t n##Offset, int64_t n##S0, int64_t n##S1,            \
      int64_t n##S2, int64_t n##S3, int64_t n##T0, int64_t n##T1,              \
      int64_t n##T2, int64_t n##T3
#define AIECONV_MEMREF4(T, n)                                                  \
  aieconv::kernels::MemRef<T, 4> {                                             \
    n##Data, n##Offset, {n##S0, n##S1, n##S2, n##S3}, {                        \
      n##T0, n##T1, n##T2, n##T3                                               \
    }                                                                          \
  }
#define AIECONV_MEMREF6_PARAMS(T, n)                                           \
  T *, T *n##Data, int64_t n##Offset, int64_t n##S0, int64_t n##S1,            \
      int64_t n##S2, int64_t n##S3, int64_t n##S4, int64_t n##S5,              \
      int64_t n##T0, int64_t n##T1, int64_t n##T2, int64_t n##T3,              \
      int64_t n##T4, int64_t n##T5
#define AIECONV_MEMREF6(T, n)                                                  \
  aieconv::kernels::MemRef<T, 6> {                                             \
    n##Data, n##Offset, {n##S0, n##S1, n##S2, n##S3, n##S4, n##S5}, {          \
      n##T0, n##T1, n##T2, n##T3, n##T4, n##T5                                 \
    }                                                                          \
  }
#define AIECONV_WINDOW_PARAMS                                                  \
  int64_t strideH, int64_t strideW, int64_t dilationH, int64_t dilationW

extern "C" {
#define AIECONV_MATMUL_VARIANT(DEVICE, LHS, RHS, OUT, R, S, T)                        \
  void aieconv_host_matmul_##DEVICE##_##LHS##_##RHS##_##OUT##_##R##x##S##x##T(        \
      AIECONV_MEMREF2_PARAMS(AIECONV_HOST_TYPE(LHS), a),                              \
      AIECONV_MEMREF2_PARAMS(AIECONV_HOST_TYPE(RHS), b),                              \
      AIECONV_MEMREF2_PARAMS(AIECONV_HOST_TYPE(OUT), c)) {                            \
    aieconv::kernels::DeviceAlignmentRule rule(aieconv::kernels::Device::DEVICE);     \
    aieconv::kernels::MatmulEntries<                                                  \
        AIECONV_HOST_TYPE(LHS), AIECONV_HOST_TYPE(RHS),                               \
        AIECONV_HOST_TYPE(OUT), R, S,                                                 \
        T>::rowMajor(AIECONV_MEMREF2(AIECONV_HOST_TYPE(LHS), a),                      \
                     AIECONV_MEMREF2(AIECONV_HOST_TYPE(RHS), b),                      \
                     AIECONV_MEMREF2(AIECONV_HOST_TYPE(OUT), c));                     \
  }                                                                                   \
  void                                                                                \
      aieconv_host_matmul_blocked_##DEVICE##_##LHS##_##RHS##_##OUT##_##R##x##S##x##T( \
          AIECONV_MEMREF4_PARAMS(AIECONV_HOST_TYPE(LHS), a),                          \
          AIECONV_MEMREF4_PARAMS(AIECONV_HOST_TYPE(RHS), b),                          \
          AIECONV_MEMREF4_PARAMS(AIECONV_HOST_TYPE(OUT), c)) {                        \
    aieconv::kernels::DeviceAlignmentRule rule(aieconv::kernels::Device::DEVICE);     \
    aieconv::kernels::MatmulEntries<                                                  \
        AIECONV_HOST_TYPE(LHS), AIECONV_HOST_TYPE(RHS),                               \
        AIECONV_HOST_TYPE(OUT), R, S,                                                 \
        T>::blocked(AIECONV_MEMREF4(AIECONV_HOST_TYPE(LHS), a),                       \
                    AIECONV_MEMREF4(AIECONV_HOST_TYPE(RHS), b),                       \
                    AIECONV_MEMREF4(AIECONV_HOST_TYPE(OUT), c));                      \
  }
#define AIECONV_CONV_VARIANT(DEVICE, IN, WEIGHT, OUT, R, S, T)                  \
  void                                                                          \
      aieconv_host_conv2d_##DEVICE##_##IN##_##WEIGHT##_##OUT##_##R##x##S##x##T( \
          AIECONV_MEMREF4_PARAMS(AIECONV_HOST_TYPE(IN), in),                    \
          AIECONV_MEMREF6_PARAMS(AIECONV_HOST_TYPE(WEIGHT), w),                 \
          AIECONV_MEMREF4_PARAMS(AIECONV_HOST_TYPE(OUT), out),                  \
          AIECONV_WINDOW_PARAMS, int64_t route) {                               \
    using namespace aieconv::kernels;                                           \
    DeviceAlignmentRule rule(Device::DEVICE);                                   \
    static const ConvVariant *variant = findConvVariant(                        \
        Device::DEVICE, ElemType::IN, ElemType::WEIGHT, ElemType::OUT);         \
    ConvEntry<AIECONV_HOST_TYPE(IN), AIECONV_HOST_TYPE(WEIGHT),                 \
              AIECONV_HOST_TYPE(OUT), R, S, T>::run(                            \
        *variant, AIECONV_MEMREF4(AIECONV_HOST_TYPE(IN), in),                   \
                AIECONV_MEMREF6(AIECONV_HOST_TYPE(WEIGHT), w),                  \
                AIECONV_MEMREF4(AIECONV_HOST_TYPE(OUT), out), strideH,          \
                strideW, dilationH, dilationW, route);                          \
  }
#define AIECONV_DEPTHWISE_VARIANT(DEVICE, IN, WEIGHT, OUT, LANES)              \
  void aieconv_host_dwconv2d_##DEVICE##_##IN##_##WEIGHT##_##OUT##_##LANES(     \
      AIECONV_MEMREF4_PARAMS(AIECONV_HOST_TYPE(IN), in),                       \
      AIECONV_MEMREF4_PARAMS(AIECONV_HOST_TYPE(WEIGHT), w),                    \
      AIECONV_MEMREF4_PARAMS(AIECONV_HOST_TYPE(OUT), out),                     \
      AIECONV_WINDOW_PARAMS) {                                                 \
    aieconv::kernels::DeviceAlignmentRule rule(aieconv::kernels::Device::DEVICE); \
    aieconv::kernels::DepthwiseEntry<                                          \
        AIECONV_HOST_TYPE(IN), AIECONV_HOST_TYPE(WEIGHT),                      \
        AIECONV_HOST_TYPE(OUT),                                                \
        LANES>::run(AIECONV_MEMREF4(AIECONV_HOST_TYPE(IN), in),                \
                    AIECONV_MEMREF4(AIECONV_HOST_TYPE(WEIGHT), w),             \
                    AIECONV_MEMREF4(AIECONV_HOST_TYPE(OUT), out), strideH,     \
                    strideW, dilationH, dilationW);                            \
  }
#define AIECONV_ZERO_FILL_VARIANT(DEVICE, TYPE, R, T)                          \
  void aieconv_host_zero_##DEVICE##_##TYPE##_##R##x##T(                        \
      AIECONV_MEMREF2_PARAMS(AIECONV_HOST_TYPE(TYPE), c)) {                    \
    aieconv::kernels::DeviceAlignmentRule rule(aieconv::kernels::Device::DEVICE); \
    aieconv::kernels::ZeroFillEntry<AIECONV_HOST_TYPE(TYPE), R, T>::run(       \
        AIECONV_MEMREF2(AIECONV_HOST_TYPE(TYPE), c));                          \
  }
#include "registry/Variants.def"
} // extern "C"

//===----------------------------------------------------------------------===//
// Lookup
//===----------------------------------------------------------------------===//

namespace aieconv::kernels {

const void *hostEntry(const MatmulVariant &variant) {
#define AIECONV_MATMUL_VARIANT(DEVICE, LHS, RHS, OUT, R, S, T)                                \
  if (variant.device == Device::DEVICE && variant.lhs == ElemType::LHS &&                     \
      variant.rhs == ElemType::RHS && variant.out == ElemType::OUT &&                         \
      variant.tile.r == R && variant.tile.s == S && variant.tile.t == T)                      \
    return variant.layout == OperandLayout::RowMajor                                          \
               ? reinterpret_cast<const void *>(                                              \
                     &aieconv_host_matmul_##DEVICE##_##LHS##_##RHS##_##OUT##_##R##x##S##x##T) \
               : reinterpret_cast<const void *>(                                              \
                     &aieconv_host_matmul_blocked_##DEVICE##_##LHS##_##RHS##_##OUT##_##R##x##S##x##T);
#include "registry/Variants.def"
  return nullptr;
}

const void *hostEntry(const ConvVariant &variant) {
#define AIECONV_CONV_VARIANT(DEVICE, IN, WEIGHT, OUT, R, S, T)                 \
  if (variant.device == Device::DEVICE && variant.input == ElemType::IN &&     \
      variant.weight == ElemType::WEIGHT && variant.out == ElemType::OUT &&    \
      variant.tile.r == R && variant.tile.s == S && variant.tile.t == T)       \
    return reinterpret_cast<const void *>(                                     \
        &aieconv_host_conv2d_##DEVICE##_##IN##_##WEIGHT##_##OUT##_##R##x##S##x##T);
#include "registry/Variants.def"
  return nullptr;
}

const void *hostEntry(const DepthwiseVariant &variant) {
#define AIECONV_DEPTHWISE_VARIANT(DEVICE, IN, WEIGHT, OUT, LANES)              \
  if (variant.device == Device::DEVICE && variant.input == ElemType::IN &&     \
      variant.weight == ElemType::WEIGHT && variant.out == ElemType::OUT &&    \
      variant.lanes == LANES)                                                  \
    return reinterpret_cast<const void *>(                                     \
        &aieconv_host_dwconv2d_##DEVICE##_##IN##_##WEIGHT##_##OUT##_##LANES);
#include "registry/Variants.def"
  return nullptr;
}

const void *hostEntry(const ZeroFillVariant &variant) {
#define AIECONV_ZERO_FILL_VARIANT(DEVICE, TYPE, R, T)                          \
  if (variant.device == Device::DEVICE && variant.type == ElemType::TYPE &&    \
      variant.r == R && variant.t == T)                                        \
    return reinterpret_cast<const void *>(                                     \
        &aieconv_host_zero_##DEVICE##_##TYPE##_##R##x##T);
#include "registry/Variants.def"
  return nullptr;
}

size_t hostCascadeWordsPending() { return aie::cascade_words_pending(); }
void resetHostCascade() { aie::cascade_reset(); }

void setUKernelFailureHandler(UKernelFailureHandler handler) {
  failureHandler = handler;
}

const void *lookupHostUKernel(std::string_view symbol) {
  if (std::optional<ParsedSymbol> matmul = parseSymbolName(symbol))
    return hostEntry(*matmul->variant);
  if (std::optional<ParsedConvSymbol> conv = parseConvSymbolName(symbol))
    return hostEntry(*conv->variant);
  if (std::optional<ParsedDepthwiseSymbol> depthwise =
          parseDepthwiseSymbolName(symbol))
    return hostEntry(*depthwise->variant);
  if (std::optional<ParsedZeroFillSymbol> zero =
          parseZeroFillSymbolName(symbol))
    return hostEntry(*zero->variant);
  return nullptr;
}

} // namespace aieconv::kernels
