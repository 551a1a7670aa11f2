//===- Common.h - Shared pieces of the AIE ukernel sources ------*- C++ -*-===//
//
// AIE-side source: compiled by the AIE compiler for the NPU and, unchanged,
// by the host compiler against kernels/host/aie_api/aie.hpp.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_KERNELS_UKERNELS_COMMON_H
#define AIECONV_KERNELS_UKERNELS_COMMON_H

#include <aie_api/aie.hpp>
#include <stdint.h>

// Peano (LLVM for AIE) knows no chess loop keywords; chess and the host
// emulation define them.
#ifndef chess_prepare_for_pipelining
#define chess_prepare_for_pipelining
#endif
#ifndef chess_loop_range
#define chess_loop_range(...)
#endif
#ifndef chess_flatten_loop
#define chess_flatten_loop
#endif

namespace aieconv::ukernels {

/// The accumulator a product of two `TIn` elements widens into: bf16
/// products accumulate in float, int8 products in 32-bit integers.
template <typename TIn> struct AccumFor;
template <> struct AccumFor<bfloat16> { using type = accfloat; };
template <> struct AccumFor<int8_t> { using type = acc32; };

/// Bytes of the narrowest vector an AIE-ML register holds (128 bits); the
/// AIE API has no smaller vectors.
constexpr unsigned kMinVectorBytes = 16;

/// Bytes of one AIE-ML vector store (256 bits, UG1603 "VLIW slots").
constexpr unsigned kStoreSlotBytes = 32;

/// True when one row of `Cols` elements of T is a legal vector on its own.
template <unsigned Cols, typename T> constexpr bool isVectorRow() {
  return Cols * sizeof(T) >= kMinVectorBytes;
}

/// The elements that `first`, and every row `pitch` elements after it, are
/// aligned to, up to a row of `Cols` (a power of two): what the accesses
/// of such rows may promise the AIE, which requires aligned vector
/// accesses to be aligned to their size (up to 256 bits on AIE-ML).
template <unsigned Cols, typename T>
unsigned rowsAlignment(const T *first, unsigned pitch) {
  uintptr_t bytes = reinterpret_cast<uintptr_t>(first) |
                    uintptr_t(pitch) * sizeof(T) | Cols * sizeof(T);
  return unsigned((bytes & (~bytes + 1)) / sizeof(T));
}

/// Reads a Rows x Cols tile whose rows start `pitch` elements apart into one
/// vector, row after row, each row aligned to `alignedElems` elements.
/// Rows of 128 bits or more are vector loads; a narrower row (8 int8 or 4
/// bf16) is no AIE vector, so its elements are gathered one by one —
/// correct but slow; callers read such rows for two tiles at once where
/// they can (Matmul.h), and the blocked layouts avoid them.
template <unsigned Rows, unsigned Cols, typename T>
aie::vector<T, Rows * Cols> loadRows(const T *first, unsigned pitch,
                                     unsigned alignedElems) {
  aie::vector<T, Rows * Cols> tile;
  if constexpr (isVectorRow<Cols, T>()) {
    for (unsigned row = 0; row < Rows; ++row)
      tile.insert(row, aie::load_unaligned_v<Cols>(first + row * pitch,
                                                   alignedElems));
  } else {
    for (unsigned row = 0; row < Rows; ++row)
      for (unsigned col = 0; col < Cols; ++col)
        tile.set(first[row * pitch + col], row * Cols + col);
  }
  return tile;
}

/// Writes the rows of a Rows x Cols tile `pitch` elements apart, each row
/// aligned to `alignedElems` elements; narrow rows element by element, as
/// in loadRows.
template <unsigned Rows, unsigned Cols, typename T>
void storeRows(T *first, unsigned pitch, unsigned alignedElems,
               const aie::vector<T, Rows * Cols> &tile) {
  if constexpr (isVectorRow<Cols, T>()) {
    for (unsigned row = 0; row < Rows; ++row)
      aie::store_unaligned_v(first + row * pitch,
                             tile.template extract<Cols>(row), alignedElems);
  } else {
    for (unsigned row = 0; row < Rows; ++row)
      for (unsigned col = 0; col < Cols; ++col)
        first[row * pitch + col] = tile.get(row * Cols + col);
  }
}

/// A register block of RB x CB mmul accumulators: RB micro-tiles of the
/// left operand are each combined with CB micro-tiles of the right one, so
/// every loaded tile feeds several mmul issues (the reuse that keeps the two
/// load slots from starving the MAC unit).
template <typename MMul, unsigned RB, unsigned CB> struct AccumulatorBlock {
  MMul tiles[RB][CB];

  void macAll(const typename MMul::vector_A_type (&lhs)[RB],
              const typename MMul::vector_B_type (&rhs)[CB]) {
    for (unsigned i = 0; i < RB; ++i)
      for (unsigned j = 0; j < CB; ++j)
        tiles[i][j].mac(lhs[i], rhs[j]);
  }
};

/// Lanes of one cascade word: the cascade stream moves 512-bit words of
/// accumulator data from one core to the next (AM020, "Cascade Stream
/// Interface"), 16 lanes of 32 bits.
constexpr unsigned kCascadeLanes = 16;

/// One cascade word read as an accumulator of the given kind.
inline aie::accum<accfloat, kCascadeLanes> getCascadeWord(accfloat) {
  return get_scd_v16accfloat();
}
inline aie::accum<acc32, kCascadeLanes> getCascadeWord(acc32) {
  return get_scd_v16acc32();
}

/// Passes an accumulator to the next core of a cascade chain, word by word.
template <typename Tag, unsigned Elems>
void putCascade(const aie::accum<Tag, Elems> &acc) {
  static_assert(Elems % kCascadeLanes == 0, "whole cascade words only");
  for (unsigned word = 0; word < Elems / kCascadeLanes; ++word)
    put_mcd(acc.template extract<kCascadeLanes>(word));
}

/// Reads an accumulator that the previous core of the chain passed on.
template <typename Tag, unsigned Elems> aie::accum<Tag, Elems> getCascade() {
  static_assert(Elems % kCascadeLanes == 0, "whole cascade words only");
  aie::accum<Tag, Elems> acc;
  for (unsigned word = 0; word < Elems / kCascadeLanes; ++word)
    acc.insert(word, getCascadeWord(Tag{}));
  return acc;
}

/// Narrowing results to bfloat16 must round to nearest even; the AIE API's
/// reset mode is floor.
inline void useRoundToNearestEven() {
  aie::set_rounding(aie::rounding_mode::conv_even);
}

} // namespace aieconv::ukernels

#endif // AIECONV_KERNELS_UKERNELS_COMMON_H
