//===- aie.hpp - Host emulation of the AIE API subset the ukernels use -*- C++
//-*-===//
//
// The ukernel sources under kernels/ukernels include <aie_api/aie.hpp>. On the
// AIE that is AMD's AIE API; on the host the include path resolves to this
// file, so the very same sources compile and run on x86. Only what the
// ukernels use is here, with the API's names and semantics:
//
//   bfloat16                         storage + float conversion (RNE)
//   accfloat, acc32, acc64           accumulator tags
//   aie::vector<T, N>                get/set/[]/insert/extract
//   aie::accum<Tag, N>               from_vector/to_vector/insert/extract
//   put_mcd, get_scd_v16accfloat/acc32   the cascade stream, as one FIFO
//   aie::load_v<N>, load_unaligned_v, store_v, store_unaligned_v
//                                    vector memory access, alignment checked
//   aie::zeros, aie::broadcast, aie::concat, filter_even/odd, interleave_zip
//   aie::mul, aie::mac               element-wise, widening into an accum
//   aie::mmul<M, K, N, TA, TB, Tag>  matrix multiply-accumulate of vectors
//   aie::set_rounding/saturation     recorded; see README.md for the effect
//
// Where the emulation may differ from the hardware is listed in
// kernels/README.md ("Host emulation versus hardware").
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_KERNELS_HOST_AIE_API_AIE_HPP
#define AIECONV_KERNELS_HOST_AIE_API_AIE_HPP

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <type_traits>
#include <utility>

/// Chess pragmas-as-keywords; the host compiler schedules on its own.
#define chess_prepare_for_pipelining
#define chess_loop_range(...)
#define chess_flatten_loop
#define chess_unroll_loop(...)

/// The AIE's bfloat16: the upper half of an IEEE binary32.
class bfloat16 {
public:
  bfloat16() = default;
  /// Rounds to nearest, ties to even, as the AIE does in conv_even mode;
  /// NaNs stay (quiet) NaNs.
  bfloat16(float value) : bits_(roundFromFloat(value)) {}
  operator float() const {
    uint32_t wide = uint32_t(bits_) << 16;
    float value;
    std::memcpy(&value, &wide, sizeof(value));
    return value;
  }
  static bfloat16 fromBits(uint16_t bits) {
    bfloat16 value;
    value.bits_ = bits;
    return value;
  }
  uint16_t bits() const { return bits_; }

private:
  static uint16_t roundFromFloat(float value) {
    uint32_t wide;
    std::memcpy(&wide, &value, sizeof(wide));
    if ((wide & 0x7fffffffu) > 0x7f800000u)
      return uint16_t((wide >> 16) | 0x40u);
    uint32_t lsb = (wide >> 16) & 1u;
    return uint16_t((wide + 0x7fffu + lsb) >> 16);
  }
  uint16_t bits_;
};
static_assert(sizeof(bfloat16) == 2, "bfloat16 must be two bytes");

/// Accumulator tags: the element kind an aie::accum holds.
struct accfloat {};
struct acc32 {};
struct acc64 {};

namespace aie {

enum class rounding_mode {
  floor,
  ceil,
  positive_inf,
  negative_inf,
  symmetric_inf,
  symmetric_zero,
  conv_even,
  conv_odd
};
enum class saturation_mode { none, truncate, saturate, symmetric };

namespace detail {
inline rounding_mode &currentRounding() {
  static thread_local rounding_mode mode = rounding_mode::floor;
  return mode;
}
inline saturation_mode &currentSaturation() {
  static thread_local saturation_mode mode = saturation_mode::none;
  return mode;
}

/// The C++ type one accumulator lane is emulated with.
template <typename Tag> struct AccumLane;
template <> struct AccumLane<accfloat> { using type = float; };
template <> struct AccumLane<acc32> { using type = int32_t; };
template <> struct AccumLane<acc64> { using type = int64_t; };

/// The accumulator a product of two element types widens into by default
/// (the API's `accauto`).
template <typename A, typename B> struct DefaultAccum {
  using type = std::conditional_t<
      std::is_same_v<A, bfloat16> || std::is_same_v<A, float>, accfloat, acc32>;
};

/// Widens an element to the lane type of accumulator `Tag`.
template <typename Tag, typename T>
typename AccumLane<Tag>::type widen(T value) {
  return typename AccumLane<Tag>::type(
      static_cast<std::conditional_t<std::is_same_v<T, bfloat16>, float, T>>(
          value));
}
} // namespace detail

/// Sets the mode used when an accumulator is narrowed (to_vector).
inline void set_rounding(rounding_mode mode) {
  detail::currentRounding() = mode;
}
inline void set_saturation(saturation_mode mode) {
  detail::currentSaturation() = mode;
}

template <typename T, unsigned Elems> class vector {
  // The AIE-ML register file holds vectors of 128 to 1024 bits, larger ones
  // as several registers; refusing anything else here keeps the ukernels
  // compilable by the AIE compiler.
  static_assert(Elems * sizeof(T) * 8 >= 128 &&
                    (Elems * sizeof(T) * 8 % 1024 == 0 ||
                     1024 % (Elems * sizeof(T) * 8) == 0),
                "not a vector size the AIE API supports on AIE-ML");

public:
  using value_type = T;
  static constexpr unsigned size() { return Elems; }

  T get(unsigned index) const { return lanes_[index]; }
  void set(T value, unsigned index) { lanes_[index] = value; }
  T operator[](unsigned index) const { return lanes_[index]; }

  /// Overwrites lanes [index * N, (index + 1) * N) with `part`.
  template <unsigned N>
  vector &insert(unsigned index, const vector<T, N> &part) {
    static_assert(Elems % N == 0, "sub-vector must divide the vector");
    for (unsigned lane = 0; lane < N; ++lane)
      lanes_[index * N + lane] = part.get(lane);
    return *this;
  }
  /// Lanes [index * N, (index + 1) * N) as a vector of N lanes.
  template <unsigned N> vector<T, N> extract(unsigned index) const {
    static_assert(Elems % N == 0, "sub-vector must divide the vector");
    vector<T, N> part;
    for (unsigned lane = 0; lane < N; ++lane)
      part.set(lanes_[index * N + lane], lane);
    return part;
  }

private:
  T lanes_[Elems];
};

template <typename Tag, unsigned Elems> class accum {
public:
  using value_type = Tag;
  using lane_type = typename detail::AccumLane<Tag>::type;
  static constexpr unsigned size() { return Elems; }

  accum() = default;
  template <typename T>
  explicit accum(const vector<T, Elems> &values, int shift = 0) {
    from_vector(values, shift);
  }

  /// Loads the accumulator from a vector, scaling integers up by 2^shift.
  template <typename T>
  accum &from_vector(const vector<T, Elems> &values, int shift = 0) {
    for (unsigned lane = 0; lane < Elems; ++lane) {
      lanes_[lane] = detail::widen<Tag>(values.get(lane));
      if constexpr (!std::is_same_v<Tag, accfloat>)
        lanes_[lane] = lane_type(lanes_[lane] * (lane_type(1) << shift));
    }
    return *this;
  }

  /// Narrows every lane to T: floats round to nearest even (bfloat16's
  /// conversion); integers shift right by `shift`, rounding half up, and
  /// saturate when saturation is on.
  template <typename T> vector<T, Elems> to_vector(int shift = 0) const {
    vector<T, Elems> values;
    for (unsigned lane = 0; lane < Elems; ++lane)
      values.set(narrow<T>(lanes_[lane], shift), lane);
    return values;
  }

  lane_type get(unsigned index) const { return lanes_[index]; }
  void set(lane_type value, unsigned index) { lanes_[index] = value; }

  /// Part `index` of N lanes, and its replacement, as on vectors.
  template <unsigned N> accum<Tag, N> extract(unsigned index) const {
    static_assert(Elems % N == 0, "parts must tile the accumulator");
    accum<Tag, N> part;
    for (unsigned lane = 0; lane < N; ++lane)
      part.set(lanes_[index * N + lane], lane);
    return part;
  }
  template <unsigned N>
  accum &insert(unsigned index, const accum<Tag, N> &part) {
    static_assert(Elems % N == 0, "parts must tile the accumulator");
    for (unsigned lane = 0; lane < N; ++lane)
      lanes_[index * N + lane] = part.get(lane);
    return *this;
  }

private:
  /// floor and conv_even are emulated exactly; every other mode rounds half
  /// up (no ukernel uses them).
  static int64_t shiftRound(int64_t value, int shift) {
    int64_t floorValue = value >> shift;
    if (detail::currentRounding() == rounding_mode::floor)
      return floorValue;
    int64_t rest = value - (floorValue << shift);
    int64_t half = int64_t(1) << (shift - 1);
    if (rest > half || (rest == half && (detail::currentRounding() !=
                                             rounding_mode::conv_even ||
                                         (floorValue & 1))))
      return floorValue + 1;
    return floorValue;
  }
  template <typename T> static T narrow(lane_type value, int shift) {
    if constexpr (std::is_same_v<Tag, accfloat>) {
      return T(value);
    } else {
      int64_t wide = int64_t(value);
      if (shift > 0)
        wide = shiftRound(wide, shift);
      if (detail::currentSaturation() != saturation_mode::none) {
        constexpr int64_t lo = int64_t(std::numeric_limits<T>::min());
        constexpr int64_t hi = int64_t(std::numeric_limits<T>::max());
        wide = wide < lo ? lo : (wide > hi ? hi : wide);
      }
      return T(wide);
    }
  }

  lane_type lanes_[Elems];
};

namespace detail {
/// Stops unless `pointer` is aligned to `bytes`: the AIE's aligned vector
/// accesses need their own size's alignment up to 256 bits on AIE-ML and
/// 512 on XDNA 2 (AIE API, "Memory"; the result is undefined otherwise),
/// and an unaligned access's promise of `alignedElems` must hold too.
template <typename T>
void requireAlignment(const T *pointer, size_t bytes, const char *what) {
  if (reinterpret_cast<uintptr_t>(pointer) % bytes == 0)
    return;
  fprintf(stderr, "aie::%s at %p: not aligned to %zu bytes\n", what,
          static_cast<const void *>(pointer), bytes);
  abort();
}

/// The alignment the widest aligned access needs on the target: 256 bits
/// on AIE-ML (npu1), 512 on XDNA 2 (npu2), per thread. The host entries
/// set it to their variant's device for the call.
inline size_t &widestAlignment() {
  thread_local size_t bytes = 32;
  return bytes;
}

template <unsigned Elems, typename T> size_t vectorAlignment() {
  return Elems * sizeof(T) < widestAlignment() ? Elems * sizeof(T)
                                                : widestAlignment();
}
} // namespace detail

/// A vector from a pointer only known to be aligned to `alignedElems`
/// elements (the AIE splits the access; the host reads it as it is).
template <unsigned Elems, typename T>
vector<T, Elems> load_unaligned_v(const T *pointer, unsigned alignedElems = 1) {
  detail::requireAlignment(pointer, alignedElems * sizeof(T),
                           "load_unaligned_v");
  vector<T, Elems> values;
  for (unsigned lane = 0; lane < Elems; ++lane)
    values.set(pointer[lane], lane);
  return values;
}

template <unsigned Elems, typename T>
vector<T, Elems> load_v(const T *pointer) {
  detail::requireAlignment(pointer, detail::vectorAlignment<Elems, T>(),
                           "load_v");
  return load_unaligned_v<Elems>(pointer);
}

template <typename T, unsigned Elems>
T *store_unaligned_v(T *pointer, const vector<T, Elems> &values,
                     unsigned alignedElems = 1) {
  detail::requireAlignment(pointer, alignedElems * sizeof(T),
                           "store_unaligned_v");
  for (unsigned lane = 0; lane < Elems; ++lane)
    pointer[lane] = values.get(lane);
  return pointer;
}

template <typename T, unsigned Elems>
T *store_v(T *pointer, const vector<T, Elems> &values) {
  detail::requireAlignment(pointer, detail::vectorAlignment<Elems, T>(),
                           "store_v");
  return store_unaligned_v(pointer, values);
}

namespace detail {
template <typename T> struct IsAccumTag : std::false_type {};
template <> struct IsAccumTag<accfloat> : std::true_type {};
template <> struct IsAccumTag<acc32> : std::true_type {};
template <> struct IsAccumTag<acc64> : std::true_type {};
} // namespace detail

/// All-zero vector, or all-zero accumulator when T is an accumulator tag.
template <typename T, unsigned Elems> auto zeros() {
  if constexpr (detail::IsAccumTag<T>::value) {
    accum<T, Elems> result;
    for (unsigned lane = 0; lane < Elems; ++lane)
      result.set(0, lane);
    return result;
  } else {
    vector<T, Elems> result;
    for (unsigned lane = 0; lane < Elems; ++lane)
      result.set(T(0), lane);
    return result;
  }
}

template <typename T, unsigned Elems> vector<T, Elems> broadcast(T value) {
  vector<T, Elems> result;
  for (unsigned lane = 0; lane < Elems; ++lane)
    result.set(value, lane);
  return result;
}

template <typename T, unsigned Elems>
vector<T, 2 * Elems> concat(const vector<T, Elems> &low,
                            const vector<T, Elems> &high) {
  vector<T, 2 * Elems> result;
  result.insert(0, low);
  result.insert(1, high);
  return result;
}

/// The even-numbered (filter_even) or odd-numbered (filter_odd) chunks of
/// `chunk` lanes of `v`, in order: half of v's lanes.
template <typename T, unsigned Elems>
vector<T, Elems / 2> filter_even(const vector<T, Elems> &v,
                                 unsigned chunk = 1) {
  vector<T, Elems / 2> result;
  unsigned out = 0;
  for (unsigned lane = 0; lane < Elems; ++lane)
    if ((lane / chunk) % 2 == 0)
      result.set(v.get(lane), out++);
  return result;
}
template <typename T, unsigned Elems>
vector<T, Elems / 2> filter_odd(const vector<T, Elems> &v, unsigned chunk = 1) {
  vector<T, Elems / 2> result;
  unsigned out = 0;
  for (unsigned lane = 0; lane < Elems; ++lane)
    if ((lane / chunk) % 2 == 1)
      result.set(v.get(lane), out++);
  return result;
}

/// Alternates chunks of `step` lanes of a and b (a's first); the first
/// vector holds the low half of that sequence, the second the high half.
template <typename T, unsigned Elems>
std::pair<vector<T, Elems>, vector<T, Elems>>
interleave_zip(const vector<T, Elems> &a, const vector<T, Elems> &b,
               unsigned step) {
  vector<T, Elems> halves[2];
  for (unsigned lane = 0; lane < 2 * Elems; ++lane) {
    unsigned chunk = lane / step, within = lane % step;
    const vector<T, Elems> &source = chunk % 2 == 0 ? a : b;
    halves[lane / Elems].set(source.get((chunk / 2) * step + within),
                             lane % Elems);
  }
  return {halves[0], halves[1]};
}

/// Element-wise product, widened into the default accumulator.
template <typename A, typename B, unsigned Elems>
auto mul(const vector<A, Elems> &a, const vector<B, Elems> &b) {
  using Tag = typename detail::DefaultAccum<A, B>::type;
  accum<Tag, Elems> result;
  for (unsigned lane = 0; lane < Elems; ++lane)
    result.set(detail::widen<Tag>(a.get(lane)) *
                   detail::widen<Tag>(b.get(lane)),
               lane);
  return result;
}

/// Element-wise acc + a * b. The product of two bfloat16 is exact in float,
/// so only the addition rounds.
template <typename Tag, typename A, typename B, unsigned Elems>
accum<Tag, Elems> mac(const accum<Tag, Elems> &acc, const vector<A, Elems> &a,
                      const vector<B, Elems> &b) {
  accum<Tag, Elems> result;
  for (unsigned lane = 0; lane < Elems; ++lane)
    result.set(acc.get(lane) + detail::widen<Tag>(a.get(lane)) *
                                   detail::widen<Tag>(b.get(lane)),
               lane);
  return result;
}

/// The cascade stream between neighbouring cores, as one FIFO of 512-bit
/// words: on the host the chained calls run one after another, so what one
/// call puts the next one gets, in order. A get from an empty stream would
/// stall the AIE for ever; here it stops the program.
namespace detail {
struct CascadeWord {
  uint32_t bits[16];
};
struct CascadeStream {
  CascadeWord *words = nullptr;
  size_t head = 0, tail = 0, capacity = 0;
  ~CascadeStream() { delete[] words; }
};
inline CascadeStream &cascadeStream() {
  static thread_local CascadeStream stream;
  return stream;
}
template <typename Tag> void putCascadeWord(const accum<Tag, 16> &acc) {
  static_assert(sizeof(typename AccumLane<Tag>::type) == 4, "32-bit lanes");
  CascadeStream &stream = cascadeStream();
  if (stream.tail == stream.capacity) {
    size_t used = stream.tail - stream.head;
    size_t capacity = used * 2 > 64 ? used * 2 : 64;
    CascadeWord *words = new CascadeWord[capacity];
    std::memcpy(words, stream.words + stream.head, used * sizeof(CascadeWord));
    delete[] stream.words;
    stream.words = words;
    stream.head = 0;
    stream.tail = used;
    stream.capacity = capacity;
  }
  CascadeWord &word = stream.words[stream.tail++];
  for (unsigned lane = 0; lane < 16; ++lane) {
    auto value = acc.get(lane);
    std::memcpy(&word.bits[lane], &value, 4);
  }
}
template <typename Tag> accum<Tag, 16> getCascadeWord() {
  CascadeStream &stream = cascadeStream();
  if (stream.head == stream.tail) {
    std::fputs("aie host emulation: cascade read with no word in the stream "
               "(the AIE would stall for ever)\n",
               stderr);
    std::abort();
  }
  const CascadeWord &word = stream.words[stream.head++];
  accum<Tag, 16> acc;
  for (unsigned lane = 0; lane < 16; ++lane) {
    typename AccumLane<Tag>::type value;
    std::memcpy(&value, &word.bits[lane], 4);
    acc.set(value, lane);
  }
  return acc;
}
} // namespace detail

/// Words put on the cascade stream and not yet read. A run that leaves any
/// has a chain whose last call never came.
inline size_t cascade_words_pending() {
  const detail::CascadeStream &stream = detail::cascadeStream();
  return stream.tail - stream.head;
}
/// Drops whatever a failed run left on the stream.
inline void cascade_reset() {
  detail::CascadeStream &stream = detail::cascadeStream();
  stream.head = stream.tail = 0;
}

/// C (M x N) += A (M x K) * B (K x N), all three row-major inside their
/// vector or accumulator. Each output lane adds its K products one after
/// another, in increasing k, onto the running accumulator value.
template <unsigned M, unsigned K, unsigned N, typename TypeA,
          typename TypeB = TypeA,
          typename AccumTag = typename detail::DefaultAccum<TypeA, TypeB>::type>
class mmul {
public:
  static constexpr unsigned size_A = M * K;
  static constexpr unsigned size_B = K * N;
  static constexpr unsigned size_C = M * N;
  using vector_A_type = vector<TypeA, size_A>;
  using vector_B_type = vector<TypeB, size_B>;
  using accum_type = accum<AccumTag, size_C>;

  mmul() : acc_(zeros<AccumTag, size_C>()) {}
  mmul(const accum_type &acc) : acc_(acc) {}
  template <typename T> mmul(const vector<T, size_C> &values, int shift = 0) {
    acc_.from_vector(values, shift);
  }

  void mac(const vector_A_type &a, const vector_B_type &b) {
    for (unsigned row = 0; row < M; ++row)
      for (unsigned col = 0; col < N; ++col) {
        auto sum = acc_.get(row * N + col);
        for (unsigned k = 0; k < K; ++k)
          sum += detail::widen<AccumTag>(a.get(row * K + k)) *
                 detail::widen<AccumTag>(b.get(k * N + col));
        acc_.set(sum, row * N + col);
      }
  }
  void mul(const vector_A_type &a, const vector_B_type &b) {
    acc_ = zeros<AccumTag, size_C>();
    mac(a, b);
  }

  const accum_type &to_accum() const { return acc_; }
  template <typename T> vector<T, size_C> to_vector(int shift = 0) const {
    return acc_.template to_vector<T>(shift);
  }

private:
  accum_type acc_;
};

} // namespace aie

/// The AIE intrinsics of the cascade stream (UG1583, "Cascade read" and
/// "Cascade write"); the native 512-bit accumulator types are the API's
/// 16-lane accumulators here.
using v16accfloat = aie::accum<accfloat, 16>;
using v16acc32 = aie::accum<acc32, 16>;
inline void put_mcd(const v16accfloat &acc) {
  aie::detail::putCascadeWord(acc);
}
inline void put_mcd(const v16acc32 &acc) { aie::detail::putCascadeWord(acc); }
inline v16accfloat get_scd_v16accfloat() {
  return aie::detail::getCascadeWord<accfloat>();
}
inline v16acc32 get_scd_v16acc32() {
  return aie::detail::getCascadeWord<acc32>();
}

#endif // AIECONV_KERNELS_HOST_AIE_API_AIE_HPP
