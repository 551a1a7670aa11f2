//===- Matmul.h - Matmul ukernels C += A * B in AIE API C++ -----*- C++ -*-===//
//
// AIE-side source (see Common.h). One template serves every element type
// combination, micro-tile and operand layout; the layout is a small
// addressing class, the loop nest and the register blocking are shared.
//
// Operand layouts, for micro-tile r x s x t (A is M x K, B is K x N, C is
// M x N):
//
// RowMajor: plain 2-D with leading dimensions lda, ldb, ldc (in elements).
//     A(i, k) = a[i * lda + k]   B(k, j) = b[k * ldb + j]   C(i, j) = c[i * ldc
//     + j]
//   A micro-tile = r rows of s elements, lda apart (r loads per tile).
//
// Blocked: every micro-tile is one contiguous vector, as linalg.pack makes
// them (A: inner_tiles [r, s]; B: outer_dims_perm [1, 0], inner_tiles
// [s, t]; C: inner_tiles [r, t]):
//     A[M/r][K/s][r][s]: A(i, k) = a[((i/r) * (K/s) + k/s) * r*s + (i%r) * s +
//     k%s] B[N/t][K/s][s][t]: B(k, j) = b[((j/t) * (K/s) + k/s) * s*t + (k%s) *
//     t + j%t] C[M/r][N/t][r][t]: C(i, j) = c[((i/r) * (N/t) + j/t) * r*t +
//     (i%r) * t + j%t]
//
//   A (M=8, K=16, r=4, s=8)          B (K=16, N=8, s=8, t=4)
//   +--------+--------+              +----+----+
//   | tile 0 | tile 1 |  i 0..3      | 0  | 2  |  k 0..7
//   +--------+--------+              +----+----+
//   | tile 2 | tile 3 |  i 4..7      | 1  | 3  |  k 8..15
//   +--------+--------+              +----+----+
//   memory: 0 1 2 3, each 4x8        memory: 0 1 2 3, each 8x4 row-major
//   row-major inside                 (a column block's K tiles adjacent)
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_KERNELS_UKERNELS_MATMUL_H
#define AIECONV_KERNELS_UKERNELS_MATMUL_H

#include "Common.h"

namespace aieconv::ukernels {

/// Addressing of row-major operands with leading dimensions.
///
/// A row of t bf16 (t = 4) or int8 (t = 8) is narrower than any AIE vector;
/// gathered alone it costs one access per element. Two horizontally adjacent
/// micro-tiles share their rows, though: a row of 2t elements is a 128-bit
/// vector. So for pairs of column tiles (the 2-wide register block) B and C
/// are read as s (or r) rows of 2t and split into the two tiles with
/// filter_even / filter_odd over chunks of t, and C is written back after
/// interleave_zip. The lone column tile of an odd N still gathers.
/// Likewise A's rows of s int8 are read for two K steps at once (rows of
/// 2s, split over chunks of s), so the reduction loop then takes K in pairs.
template <typename TA, typename TB, typename TC, unsigned r, unsigned s,
          unsigned t>
struct RowMajorOperands {
  const TA *a;
  const TB *b;
  TC *c;
  unsigned lda, ldb, ldc;
  /// The elements each operand's rows of two micro-tiles' width (2s for A,
  /// 2t for B and C) are aligned to (rowsAlignment), worked out once per
  /// call; a single tile's rows take no more than their own width.
  unsigned aAligned, bAligned, cAligned;

  RowMajorOperands(const TA *a, const TB *b, TC *c, unsigned lda,
                   unsigned ldb, unsigned ldc)
      : a(a), b(b), c(c), lda(lda), ldb(ldb), ldc(ldc),
        aAligned(rowsAlignment<2 * s>(a, lda)),
        bAligned(rowsAlignment<2 * t>(b, ldb)),
        cAligned(rowsAlignment<2 * t>(c, ldc)) {}

  static constexpr bool kPairsRhsColumns =
      !isVectorRow<t, TB>() && isVectorRow<2 * t, TB>();
  static constexpr bool kPairsOutColumns =
      !isVectorRow<t, TC>() && isVectorRow<2 * t, TC>();
  static constexpr bool kPairsLhsSteps =
      !isVectorRow<s, TA>() && isVectorRow<2 * s, TA>();

  /// K tiles k and k+1 of row block i of A, from one read of 2s-wide rows.
  void lhsPair(unsigned i, unsigned k,
               aie::vector<TA, r * s> (&pair)[2]) const {
    auto rows = loadRows<r, 2 * s>(a + i * r * lda + k * s, lda, aAligned);
    pair[0] = aie::filter_even(rows, s);
    pair[1] = aie::filter_odd(rows, s);
  }

  /// Column tiles j and j+1 of B (or C), split from one read of 2t-wide rows.
  void rhsPair(unsigned k, unsigned j,
               aie::vector<TB, s * t> (&pair)[2]) const {
    auto rows = loadRows<s, 2 * t>(b + k * s * ldb + j * t, ldb, bAligned);
    pair[0] = aie::filter_even(rows, t);
    pair[1] = aie::filter_odd(rows, t);
  }
  void loadOutPair(unsigned i, unsigned j,
                   aie::vector<TC, r * t> (&pair)[2]) const {
    auto rows = loadRows<r, 2 * t>(c + i * r * ldc + j * t, ldc, cAligned);
    pair[0] = aie::filter_even(rows, t);
    pair[1] = aie::filter_odd(rows, t);
  }
  void storeOutPair(unsigned i, unsigned j, const aie::vector<TC, r * t> &left,
                    const aie::vector<TC, r * t> &right) const {
    auto [low, high] = aie::interleave_zip(left, right, t);
    storeRows<r, 2 * t>(c + i * r * ldc + j * t, ldc, cAligned,
                        aie::concat(low, high));
  }

  /// Tile (row block i, K block k) of A and so on.
  aie::vector<TA, r * s> lhs(unsigned i, unsigned k) const {
    return loadRows<r, s>(a + i * r * lda + k * s, lda,
                          aAligned < s ? aAligned : s);
  }
  aie::vector<TB, s * t> rhs(unsigned k, unsigned j) const {
    return loadRows<s, t>(b + k * s * ldb + j * t, ldb,
                          bAligned < t ? bAligned : t);
  }
  aie::vector<TC, r * t> loadOut(unsigned i, unsigned j) const {
    return loadRows<r, t>(c + i * r * ldc + j * t, ldc,
                          cAligned < t ? cAligned : t);
  }
  void storeOut(unsigned i, unsigned j,
                const aie::vector<TC, r * t> &tile) const {
    storeRows<r, t>(c + i * r * ldc + j * t, ldc,
                    cAligned < t ? cAligned : t, tile);
  }
};

/// Addressing of blocked operands (layouts in the file comment).
template <typename TA, typename TB, typename TC, unsigned r, unsigned s,
          unsigned t>
struct BlockedOperands {
  const TA *a;
  const TB *b;
  TC *c;
  unsigned kTiles, nTiles;

  // Every blocked micro-tile is one contiguous vector: nothing to pair.
  static constexpr bool kPairsLhsSteps = false;
  static constexpr bool kPairsRhsColumns = false;
  static constexpr bool kPairsOutColumns = false;

  aie::vector<TA, r * s> lhs(unsigned i, unsigned k) const {
    return aie::load_v<r * s>(a + (i * kTiles + k) * (r * s));
  }
  aie::vector<TB, s * t> rhs(unsigned k, unsigned j) const {
    return aie::load_v<s * t>(b + (j * kTiles + k) * (s * t));
  }
  aie::vector<TC, r * t> loadOut(unsigned i, unsigned j) const {
    return aie::load_v<r * t>(c + (i * nTiles + j) * (r * t));
  }
  void storeOut(unsigned i, unsigned j,
                const aie::vector<TC, r * t> &tile) const {
    aie::store_v(c + (i * nTiles + j) * (r * t), tile);
  }
};

/// C += A * B over micro-tile grids of mTiles x nTiles x kTiles. Output
/// blocks of 2 x 2 micro-tiles keep four accumulators in registers while K
/// streams by; a trailing odd row or column of micro-tiles takes the 2 x 1,
/// 1 x 2 or 1 x 1 form of the same code, so every multiple of the micro-tile
/// is legal.
template <typename Operands, typename TA, typename TB, typename TC, unsigned r,
          unsigned s, unsigned t>
class MatmulLoopNest {
  using MMul = aie::mmul<r, s, t, TA, TB, typename AccumFor<TA>::type>;

public:
  static void run(const Operands &ops, unsigned mTiles, unsigned nTiles,
                  unsigned kTiles) {
    unsigned i = 0;
    for (; i + 2 <= mTiles; i += 2)
      rowOfBlocks<2>(ops, i, nTiles, kTiles);
    if (i < mTiles)
      rowOfBlocks<1>(ops, i, nTiles, kTiles);
  }

private:
  template <unsigned RB>
  static void rowOfBlocks(const Operands &ops, unsigned i, unsigned nTiles,
                          unsigned kTiles) {
    unsigned j = 0;
    for (; j + 2 <= nTiles; j += 2)
      block<RB, 2>(ops, i, j, kTiles);
    if (j < nTiles)
      block<RB, 1>(ops, i, j, kTiles);
  }

  template <unsigned RB, unsigned CB>
  static void block(const Operands &ops, unsigned i, unsigned j,
                    unsigned kTiles) {
    AccumulatorBlock<MMul, RB, CB> acc;
    for (unsigned bi = 0; bi < RB; ++bi) {
      aie::vector<TC, r * t> out[CB];
      loadOutputs<CB>(ops, i + bi, j, out);
      for (unsigned bj = 0; bj < CB; ++bj)
        acc.tiles[bi][bj] = MMul(out[bj]);
    }

    if constexpr (Operands::kPairsLhsSteps) {
      unsigned k = 0;
      // May run zero times (K = s): no loop-range promise.
      for (; k + 2 <= kTiles; k += 2)
        chess_prepare_for_pipelining {
          typename MMul::vector_A_type lhs[2][RB];
          for (unsigned bi = 0; bi < RB; ++bi) {
            typename MMul::vector_A_type pair[2];
            ops.lhsPair(i + bi, k, pair);
            lhs[0][bi] = pair[0];
            lhs[1][bi] = pair[1];
          }
          for (unsigned step = 0; step < 2; ++step) {
            typename MMul::vector_B_type rhs[CB];
            loadRhs<CB>(ops, k + step, j, rhs);
            acc.macAll(lhs[step], rhs);
          }
        }
      if (k < kTiles)
        reduceStep(ops, acc, i, j, k);
    } else {
      for (unsigned k = 0; k < kTiles; ++k)
        chess_prepare_for_pipelining chess_loop_range(1, ) {
          reduceStep(ops, acc, i, j, k);
        }
    }

    for (unsigned bi = 0; bi < RB; ++bi) {
      if constexpr (CB == 2 && Operands::kPairsOutColumns)
        ops.storeOutPair(i + bi, j, acc.tiles[bi][0].template to_vector<TC>(),
                         acc.tiles[bi][1].template to_vector<TC>());
      else
        for (unsigned bj = 0; bj < CB; ++bj)
          ops.storeOut(i + bi, j + bj,
                       acc.tiles[bi][bj].template to_vector<TC>());
    }
  }

  /// One K step of the register block: RB lhs tiles times CB rhs tiles.
  template <unsigned RB, unsigned CB>
  static void reduceStep(const Operands &ops,
                         AccumulatorBlock<MMul, RB, CB> &acc, unsigned i,
                         unsigned j, unsigned k) {
    typename MMul::vector_A_type lhs[RB];
    typename MMul::vector_B_type rhs[CB];
    for (unsigned bi = 0; bi < RB; ++bi)
      lhs[bi] = ops.lhs(i + bi, k);
    loadRhs<CB>(ops, k, j, rhs);
    acc.macAll(lhs, rhs);
  }

  template <unsigned CB>
  static void loadRhs(const Operands &ops, unsigned k, unsigned j,
                      typename MMul::vector_B_type (&rhs)[CB]) {
    if constexpr (CB == 2 && Operands::kPairsRhsColumns)
      ops.rhsPair(k, j, rhs);
    else
      for (unsigned bj = 0; bj < CB; ++bj)
        rhs[bj] = ops.rhs(k, j + bj);
  }

  template <unsigned CB>
  static void loadOutputs(const Operands &ops, unsigned i, unsigned j,
                          aie::vector<TC, r * t> (&out)[CB]) {
    if constexpr (CB == 2 && Operands::kPairsOutColumns)
      ops.loadOutPair(i, j, out);
    else
      for (unsigned bj = 0; bj < CB; ++bj)
        out[bj] = ops.loadOut(i, j + bj);
  }
};

/// C[M][N] += A[M][K] * B[K][N], row-major with leading dimensions.
/// Requires M % r == 0, N % t == 0, K % s == 0.
template <typename TA, typename TB, typename TC, unsigned r, unsigned s,
          unsigned t>
void matmulRowMajor(const TA *a, const TB *b, TC *c, unsigned m, unsigned n,
                    unsigned k, unsigned lda, unsigned ldb, unsigned ldc) {
  useRoundToNearestEven();
  using Operands = RowMajorOperands<TA, TB, TC, r, s, t>;
  MatmulLoopNest<Operands, TA, TB, TC, r, s, t>::run(
      Operands{a, b, c, lda, ldb, ldc}, m / r, n / t, k / s);
}

/// C += A * B with all three operands blocked (file comment).
/// Requires M % r == 0, N % t == 0, K % s == 0.
template <typename TA, typename TB, typename TC, unsigned r, unsigned s,
          unsigned t>
void matmulBlocked(const TA *a, const TB *b, TC *c, unsigned m, unsigned n,
                   unsigned k) {
  useRoundToNearestEven();
  using Operands = BlockedOperands<TA, TB, TC, r, s, t>;
  MatmulLoopNest<Operands, TA, TB, TC, r, s, t>::run(
      Operands{a, b, c, k / s, n / t}, m / r, n / t, k / s);
}

/// Sets an M x N tile (leading dimension ld) to zero. Each row is written
/// in 256-bit vectors (one full AIE-ML store slot) while they fit, then in
/// vectors of W = max(t, 128 bits) elements, the rest (a multiple of t
/// narrower than 128 bits) element by element. A dense accumulator is best
/// zeroed as a few long rows (ZeroFillVariant::denseShape).
/// Requires M % r == 0, N % t == 0.
template <typename T, unsigned r, unsigned t>
void zeroFill(T *c, unsigned m, unsigned n, unsigned ld) {
  constexpr unsigned wide =
      isVectorRow<t, T>() ? t : kMinVectorBytes / sizeof(T);
  constexpr unsigned slot = kStoreSlotBytes / sizeof(T);
  static_assert(slot % wide == 0, "a store slot holds whole W vectors");
  const aie::vector<T, slot> zeroSlot = aie::zeros<T, slot>();
  const aie::vector<T, wide> zero = aie::zeros<T, wide>();
  // A padded or offset view's rows need not start on a vector boundary.
  const unsigned slotAligned = rowsAlignment<slot>(c, ld);
  const unsigned wideAligned = rowsAlignment<wide>(c, ld);
  for (unsigned row = 0; row < m; ++row) {
    T *first = c + row * ld;
    unsigned col = 0;
    for (; col + slot <= n; col += slot)
      chess_prepare_for_pipelining {
        aie::store_unaligned_v(first + col, zeroSlot, slotAligned);
      }
    for (; col + wide <= n; col += wide)
      aie::store_unaligned_v(first + col, zero, wideAligned);
    for (; col < n; ++col)
      first[col] = T(0);
  }
}

} // namespace aieconv::ukernels

#endif // AIECONV_KERNELS_UKERNELS_MATMUL_H
