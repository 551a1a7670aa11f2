//===- Conv.h - Implicit-GEMM conv ukernel in AIE API C++ -------*- C++ -*-===//
//
// AIE-side source (see Common.h). One call computes a whole output tile of
// a 2-D convolution: the full KH x KW x IC reduction, as a batch-reduce of
// mmul micro-tiles over shifted views of the input patch. No im2col copy:
// every (kh, kw) tap is a pointer shift into the patch.
//
// Layouts, for micro-tile r x s x t (r output positions along OW, s input
// channels, t output channels):
//
//   input patch  [IC/s][IH][IW][s]       in(c, y, x)  = in[((c/s) * IH + y) *
//   IW * s + x * s + c%s] weights      [OC/t][KH][KW][IC/s][s][t]
//                w(o, c, ky, kx) = w[((((o/t) * KH + ky) * KW + kx) * (IC/s) +
//                c/s) * s*t + (c%s) * t + o%t]
//   output acc   [OC/t][OH][OW][t]       out(o, y, x) = out[((o/t) * OH + y) *
//   OW * t + x * t + o%t]
//
// The patch holds the halo: IH >= (OH-1)*strideH + (KH-1)*dilationH + 1,
// likewise IW; output (y, x) reads input (y*strideH + ky*dilationH,
// x*strideW + kx*dilationW). Padding is the producer's job (the DMA pads).
//
//   one IC block of the patch (s = 8 channels per pixel, contiguous):
//   x:   0        1        2        3        4   ...
//      [c0..c7] [c0..c7] [c0..c7] [c0..c7] [c0..c7]
//      \______ A micro-tile at stride 1: r = 4 pixels x 8 channels ______/
//      = one contiguous load; tap kx shifts the start by kx*dilationW pixels.
//   At stride 2 the four pixels are every other one: four 8-channel loads,
//   or, where 8 channels are narrower than a vector (i8), two loads of
//   four pixels' span each, the skipped pixels filtered out.
//
// The weight micro-tile of one (o-block, ky, kx, c-block) is s x t,
// row-major, contiguous; for one o-block the taps follow in exactly the
// order the reduction walks them, so the weight pointer only moves forward.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_KERNELS_UKERNELS_CONV_H
#define AIECONV_KERNELS_UKERNELS_CONV_H

#include "Common.h"

namespace aieconv::ukernels {

/// Sizes of one conv ukernel call. Channel counts are in blocks (of s for
/// the input, t for the output, or the lane count for depthwise).
struct ConvGeometry {
  unsigned inHeight, inWidth, inChannelBlocks;
  unsigned outHeight, outWidth, outChannelBlocks;
  unsigned kernelHeight, kernelWidth;
  unsigned strideH, strideW, dilationH, dilationW;
  /// False: out = conv(in, w), the accumulators start at zero in registers
  /// (the first call of a reduction; no zero-fill, no loads). True:
  /// out += conv(in, w).
  bool accumulate = true;
  /// Cores chained by the cascade stream split one reduction: with
  /// cascadeIn the partial sums come from the previous core (`accumulate`
  /// must be set) instead of the output tile; with cascadeOut they go on to
  /// the next core instead of into the output tile. Both chained calls walk
  /// the register blocks in the same order, so the words pair up.
  bool cascadeIn = false, cascadeOut = false;
  /// Walk the output-channel blocks in pairs (2 x 2 register blocks, which
  /// can overlap their accumulator traffic where 2 x 4 blocks cannot)
  /// instead of quads; the registry decides (pairsOutputChannelBlocks).
  /// Ignored on a cascade link.
  bool pairOutputChannelBlocks = false;
  /// End an odd number of pixel tiles (3 or more) with one 3-row register
  /// block instead of a pair and a lone tile, where its accumulators fit;
  /// the registry decides (triplesLastPixelTiles).
  bool tripleLastPixelTiles = false;
};

/// How a pixel tile's r x s input micro-tile is read.
enum class PixelLoads {
  /// Consecutive pixels starting on a micro-tile boundary: one aligned
  /// vector load (unit stride, 1-wide window, rows of whole pixel tiles).
  Aligned,
  /// Consecutive pixels that a tap shifts by whole pixels: one load of
  /// only pixel alignment (unit stride).
  Shifted,
  /// Every strideW-th pixel: a load per pixel.
  Gathered,
  /// Every other pixel, its s channels narrower than a vector: a pair of
  /// pixels per load of their span (loadPixelPairs).
  EveryOther,
  /// Every strideW-th pixel (strideW > 2), its s channels narrower than a
  /// vector: a vector load per pixel (loadPixelPairs).
  Widened,
};

template <typename TI, typename TW, typename TO, unsigned r, unsigned s,
          unsigned t, PixelLoads Loads>
class ConvLoopNest {
  using MMul = aie::mmul<r, s, t, TI, TW, typename AccumFor<TI>::type>;

public:
  /// Output channel blocks go four at a time, then a pair, then one: a
  /// 2 x 4 register block issues 8 mmuls per step for 2 input and 4 weight
  /// loads, which keeps the MAC unit (not the two load slots) the limit even
  /// with the unaligned pixel loads, and amortises the pipeline fill over
  /// twice the work of a 2 x 2 block. Its 8 accumulators fit the register
  /// file (UG1603 "Accumulator Registers": 9 x 1024 bit on AIE-ML; a bf16
  /// 4x8x4 accumulator takes half of one, an i8 4x8x8 one a whole one).
  /// With pairOutputChannelBlocks they go two at a time instead: where two
  /// 2 x 4 blocks do not fit the registers at once but two 2 x 2 ones do,
  /// those overlap their accumulator traffic (overlappedChain).
  static void run(const TI *in, const TW *w, TO *out, const ConvGeometry &g) {
    unsigned ocb = 0;
    if (g.pairOutputChannelBlocks && !g.cascadeIn && !g.cascadeOut) {
      ocb = 2 * (g.outChannelBlocks / 2);
      channelGroups<2>(in, w, out, g, 0, ocb / 2);
    } else {
      ocb = 4 * (g.outChannelBlocks / 4);
      channelGroups<4>(in, w, out, g, 0, ocb / 4);
    }
    if (ocb + 2 <= g.outChannelBlocks) {
      channelGroups<2>(in, w, out, g, ocb, 1);
      ocb += 2;
    }
    if (ocb < g.outChannelBlocks)
      channelGroups<1>(in, w, out, g, ocb, 1);
  }

private:
  using Acc = typename AccumFor<TI>::type;

  /// Whether the accumulators of an RB x CB register block fit the register
  /// file (UG1603 "Accumulator Registers": 9 x 1024 bit on AIE-ML; an r x t
  /// micro-tile's accumulator holds r * t 32-bit lanes).
  template <unsigned RB, unsigned CB>
  static constexpr bool kFitsRegisters = RB * CB * r * t * 32 <= 9 * 1024;

  /// Whether the accumulators of two RB x CB register blocks fit the
  /// register file at once.
  /// Then the next block's accumulators load while this one's store: loads
  /// and stores issue in different VLIW slots.
  template <unsigned RB, unsigned CB>
  static constexpr bool kOverlapsAccumulators = kFitsRegisters<2 * RB, CB>;

  /// `groups` output-channel groups of CB blocks from firstOcb on, each
  /// over the whole output tile: its pixel tiles (row after row, r pixels
  /// each) in pairs, as one chain of 2 x CB blocks that runs through the
  /// groups one after the other, so a group's first accumulator loads
  /// overlap the previous group's last reduction as any other link does; a
  /// pair may span two rows (the accumulators of consecutive pixel tiles
  /// are adjacent in the output, row ends included). Then the groups' odd
  /// tiles, if any, as a chain of 1 x CB blocks, or their last three tiles
  /// as 3 x CB blocks (tripleLastPixelTiles).
  template <unsigned CB>
  static void channelGroups(const TI *in, const TW *w, TO *out,
                            const ConvGeometry &g, unsigned firstOcb,
                            unsigned groups) {
    const unsigned rowTiles = g.outWidth / r;
    const unsigned tiles = g.outHeight * rowTiles;
    auto tileAt = [&](unsigned k) {
      return Position{k / rowTiles, k % rowTiles};
    };
    bool triple = false;
    if constexpr (kFitsRegisters<3, CB>)
      triple = g.tripleLastPixelTiles && tiles % 2 && tiles >= 3;
    const unsigned pairs = triple ? tiles / 2 - 1 : tiles / 2;
    chain<2, CB>(in, w, out, g, groups * pairs, [&](unsigned i) {
      return Place{tileAt(2 * (i % pairs)), firstOcb + (i / pairs) * CB};
    });
    if (!(tiles % 2))
      return;
    if constexpr (kFitsRegisters<3, CB>) {
      if (triple)
        return chain<3, CB>(in, w, out, g, groups, [&](unsigned i) {
          return Place{tileAt(tiles - 3), firstOcb + i * CB};
        });
    }
    chain<1, CB>(in, w, out, g, groups, [&](unsigned i) {
      return Place{tileAt(tiles - 1), firstOcb + i * CB};
    });
  }

  /// The RB x CB blocks at(0) .. at(blocks-1), one after the other:
  /// overlapped where two blocks' accumulators fit the registers and the
  /// reduction is long enough (overlappedChain); else, where two fit, each
  /// block's stores beside the next one's loads; else block by block. A
  /// lone block has no neighbour to overlap with.
  template <unsigned RB, unsigned CB, typename At>
  static void chain(const TI *in, const TW *w, TO *out, const ConvGeometry &g,
                    unsigned blocks, At at) {
    if (blocks == 0)
      return;
    if (blocks == 1)
      return block<RB, CB>(in, w, out, g, at(0));
    if (overlapsWithReduction<RB, CB>(g)) {
      // A short reduction whose step count is one of these runs flattened
      // (the count must be a constant); any other one runs as a loop.
      switch (reductionSteps(g)) {
      case 4:
        return overlappedChain<RB, CB, kFlatSteps<RB, CB, 4>>(in, w, out, g,
                                                              blocks, at);
      case 8:
        return overlappedChain<RB, CB, kFlatSteps<RB, CB, 8>>(in, w, out, g,
                                                              blocks, at);
      case 16:
        return overlappedChain<RB, CB, kFlatSteps<RB, CB, 16>>(in, w, out, g,
                                                               blocks, at);
      default:
        return overlappedChain<RB, CB, 0>(in, w, out, g, blocks, at);
      }
    }
    if constexpr (kOverlapsAccumulators<RB, CB>) {
      AccumulatorBlock<MMul, RB, CB> acc =
          loadAccumulators<RB, CB>(out, g, at(0));
      for (unsigned i = 0; i < blocks; ++i) {
        reduce<RB, CB>(acc, in, w, g, at(i));
        if (i + 1 == blocks) {
          storeAccumulators<RB, CB>(acc, out, g, at(i));
          break;
        }
        AccumulatorBlock<MMul, RB, CB> next =
            loadAccumulators<RB, CB>(out, g, at(i + 1));
        storeAccumulators<RB, CB>(acc, out, g, at(i));
        acc = next;
      }
    } else {
      for (unsigned i = 0; i < blocks; ++i)
        block<RB, CB>(in, w, out, g, at(i));
    }
  }

  /// A register block's place: output row and first pixel tile; its
  /// other tiles follow row after row.
  struct Position {
    unsigned oh, p;
  };

  /// A register block's pixel tiles and its first output-channel block.
  struct Place {
    Position at;
    unsigned ocb;
  };

  /// r micro-tile rows = r output pixels (PixelLoads says how they lie).
  static typename MMul::vector_A_type loadPixels(const TI *first,
                                                 unsigned strideW) {
    if constexpr (Loads == PixelLoads::Aligned)
      return aie::load_v<r * s>(first);
    else if constexpr (Loads == PixelLoads::Shifted)
      return aie::load_unaligned_v<r * s>(first, s);
    else if constexpr (Loads == PixelLoads::EveryOther ||
                       Loads == PixelLoads::Widened)
      return loadPixelPairs(first, strideW);
    else
      return loadRows<r, s>(first, strideW * s, s);
  }

  /// r pixels strideW * s elements apart, s each, narrower than a vector
  /// (strideW >= 2), in pairs: each pixel read with the s elements after
  /// it, the pair's even s-element chunks kept. At stride 2 a pair's two
  /// reads are one load of its 4s-element span (EveryOther), above it two
  /// loads of 2s elements joined (Widened). The last pair's reads start s
  /// elements before their pixels and keep the odd chunks, so that no
  /// element past the last pixel is read (nor any before the first:
  /// r >= 4).
  static typename MMul::vector_A_type loadPixelPairs(const TI *first,
                                                     unsigned strideW) {
    static_assert(r >= 4 && r % 2 == 0, "pairs of pixels, the last not first");
    static_assert(isVectorRow<2 * s, TI>(), "two pixels make a vector");
    const unsigned pitch = strideW * s;
    // Pixels 2k and 2k+1 with the s elements after each, `shift` elements
    // on.
    auto pair = [&](unsigned k, int shift) {
      const TI *at = first + 2 * k * pitch + shift;
      if constexpr (Loads == PixelLoads::EveryOther)
        return aie::load_unaligned_v<4 * s>(at, s);
      else
        return aie::concat(aie::load_unaligned_v<2 * s>(at, s),
                           aie::load_unaligned_v<2 * s>(at + pitch, s));
    };
    typename MMul::vector_A_type tile;
    for (unsigned k = 0; k + 1 < r / 2; ++k)
      tile.insert(k, aie::filter_even(pair(k, 0), s));
    constexpr unsigned last = r / 2 - 1;
    tile.insert(last, aie::filter_odd(pair(last, -int(s)), s));
    return tile;
  }

  /// The accumulators of the RB output pixel tiles from place.at on, row
  /// after row (adjacent in the output), times output channel blocks
  /// place.ocb .. place.ocb+CB-1: from the cascade, loaded, or zero when
  /// the call starts the reduction.
  template <unsigned RB, unsigned CB>
  static AccumulatorBlock<MMul, RB, CB>
  loadAccumulators(const TO *out, const ConvGeometry &g, Place place) {
    const unsigned outPlane = g.outHeight * g.outWidth * t;
    const Position at = place.at;
    const TO *outTile =
        out + place.ocb * outPlane + (at.oh * g.outWidth + at.p * r) * t;
    AccumulatorBlock<MMul, RB, CB> acc;
    for (unsigned bi = 0; bi < RB; ++bi)
      for (unsigned bj = 0; bj < CB; ++bj)
        acc.tiles[bi][bj] =
            g.cascadeIn ? MMul(getCascade<Acc, r * t>())
            : g.accumulate
                ? MMul(aie::load_v<r * t>(outTile + bj * outPlane + bi * r * t))
                : MMul(aie::zeros<Acc, r * t>());
    return acc;
  }

  template <unsigned RB, unsigned CB>
  static void storeAccumulators(const AccumulatorBlock<MMul, RB, CB> &acc,
                                TO *out, const ConvGeometry &g,
                                Place place) {
    const unsigned outPlane = g.outHeight * g.outWidth * t;
    const Position at = place.at;
    TO *outTile =
        out + place.ocb * outPlane + (at.oh * g.outWidth + at.p * r) * t;
    for (unsigned bi = 0; bi < RB; ++bi)
      for (unsigned bj = 0; bj < CB; ++bj)
        if (g.cascadeOut)
          putCascade(acc.tiles[bi][bj].to_accum());
        else
          aie::store_v(outTile + bj * outPlane + bi * r * t,
                       acc.tiles[bi][bj].template to_vector<TO>());
  }

  /// One register block: its accumulators loaded, reduced, stored.
  template <unsigned RB, unsigned CB>
  static void block(const TI *in, const TW *w, TO *out, const ConvGeometry &g,
                    Place place) {
    AccumulatorBlock<MMul, RB, CB> acc =
        loadAccumulators<RB, CB>(out, g, place);
    reduce<RB, CB>(acc, in, w, g, place);
    storeAccumulators<RB, CB>(acc, out, g, place);
  }

  /// A register block's flat reduction over (kh, kw, icb), one step at a
  /// time: each step loads RB pixel tiles and CB weight tiles and issues
  /// RB x CB mmuls. The counters walk the taps without divisions.
  template <unsigned RB, unsigned CB> class Reduction {
  public:
    Reduction(const TI *in, const TW *w, const ConvGeometry &g, Place place)
        : g(g), inPlane(g.inHeight * g.inWidth * s),
          weightsPerBlock(g.kernelHeight * g.kernelWidth * g.inChannelBlocks *
                          s * t),
          kwStep(int(g.dilationW * s)),
          khStep(int(g.dilationH * g.inWidth * s) -
                 int(g.kernelWidth) * kwStep),
          weights(w + place.ocb * weightsPerBlock) {
      // Each pixel tile's window; the block's tiles follow row after row.
      const unsigned rowTiles = g.outWidth / r;
      const Position at = place.at;
      for (unsigned bi = 0, k = at.oh * rowTiles + at.p; bi < RB; ++bi, ++k)
        windows[bi] = in + ((k / rowTiles) * g.strideH * g.inWidth +
                            (k % rowTiles) * r * g.strideW) *
                               s;
    }

    void step(AccumulatorBlock<MMul, RB, CB> &acc) {
      const unsigned offset = tapOffset + icb * inPlane;
      typename MMul::vector_A_type lhs[RB];
      typename MMul::vector_B_type rhs[CB];
      for (unsigned bi = 0; bi < RB; ++bi)
        lhs[bi] = loadPixels(windows[bi] + offset, g.strideW);
      for (unsigned bj = 0; bj < CB; ++bj)
        rhs[bj] = aie::load_v<s * t>(weights + bj * weightsPerBlock);
      acc.macAll(lhs, rhs);
      weights += s * t;
      if (++icb == g.inChannelBlocks) {
        icb = 0;
        tapOffset += kwStep;
        if (++kw == g.kernelWidth) {
          kw = 0;
          tapOffset += khStep;
        }
      }
    }

  private:
    const ConvGeometry &g;
    const unsigned inPlane, weightsPerBlock;
    const int kwStep, khStep;
    const TI *windows[RB];
    const TW *weights;
    int tapOffset = 0;
    unsigned icb = 0, kw = 0;
  };

  static unsigned reductionSteps(const ConvGeometry &g) {
    return g.kernelHeight * g.kernelWidth * g.inChannelBlocks;
  }

  /// Reduces a register block's accumulators over all taps and input
  /// channel blocks, as one flat loop, so it pipelines as a whole however
  /// few input channel blocks there are.
  template <unsigned RB, unsigned CB>
  static void reduce(AccumulatorBlock<MMul, RB, CB> &acc, const TI *in,
                     const TW *w, const ConvGeometry &g, Place place) {
    Reduction<RB, CB> walk(in, w, g, place);
    const unsigned steps = reductionSteps(g);
    for (unsigned step = 0; step < steps; ++step)
      chess_prepare_for_pipelining chess_loop_range(1, ) { walk.step(acc); }
  }

  /// Reduction steps at each end of a block's reduction that run as
  /// straight-line code in an overlapped chain: as many as the one store
  /// slot needs to write a micro-tile's accumulator (an mmul issue per tile
  /// and step, kStoreSlotBytes per store), so that the previous block's
  /// stores can issue beside this block's first mmuls, and the next block's
  /// loads beside its last ones.
  static constexpr unsigned kPeeledSteps =
      (r * t * sizeof(TO) + kStoreSlotBytes - 1) / kStoreSlotBytes;

  /// Whether a chain of RB x CB blocks overlaps each block's accumulator
  /// traffic with its neighbour's reduction: two blocks' accumulators must
  /// fit the registers, the reduction must be long enough for both peeled
  /// ends, and the accumulators must come from and go to memory (a cascade
  /// link keeps the plain chain, whose word order both ends expect).
  template <unsigned RB, unsigned CB>
  static bool overlapsWithReduction(const ConvGeometry &g) {
    return kOverlapsAccumulators<RB, CB> && !g.cascadeIn && !g.cascadeOut &&
           reductionSteps(g) >= 2 * kPeeledSteps;
  }

  /// Steps, if an RB x CB block's reduction of `Steps` steps runs
  /// flattened in an overlapped chain, else 0. Flattened, a block is one
  /// straight-line body and the loop over the chain's blocks pipelines
  /// instead: one loop fill per chain rather than per block, which weighs
  /// on the few steps of a 1x1 call. The body is kept to 64 mmuls (program
  /// memory is 16 KiB, UG1603). Mirrors flattensReduction in the registry.
  template <unsigned RB, unsigned CB, unsigned Steps>
  static constexpr unsigned kFlatSteps =
      Steps >= 2 * kPeeledSteps && Steps * RB * CB <= 64 ? Steps : 0;

  /// The RB x CB blocks at(0) .. at(blocks-1), of one or more
  /// output-channel groups, each block's accumulator stores issued in the
  /// next block's first reduction steps and the next block's loads in this
  /// block's last ones: the store slot and the load slots' spare room work
  /// beside the mmuls instead of between two reductions. The operands are
  /// separate L1 buffers (__restrict), so the compiler may interleave the
  /// accesses. FlatSteps > 0 is the reduction's step count, run flattened
  /// (kFlatSteps); 0 runs the middle steps as a pipelined loop.
  template <unsigned RB, unsigned CB, unsigned FlatSteps, typename At>
  static void overlappedChain(const TI *__restrict in,
                              const TW *__restrict w, TO *__restrict out,
                              const ConvGeometry &g, unsigned blocks,
                              At at) {
    using Block = AccumulatorBlock<MMul, RB, CB>;
    const unsigned steps = FlatSteps ? FlatSteps : reductionSteps(g);
    Block retiring;
    Block acc = loadAccumulators<RB, CB>(out, g, at(0));
    Block next;
    auto link = [&](unsigned i) {
      Reduction<RB, CB> walk(in, w, g, at(i));
      for (unsigned k = 0; k < kPeeledSteps; ++k)
        chess_flatten_loop { walk.step(acc); }
      if (i > 0)
        storeAccumulators<RB, CB>(retiring, out, g, at(i - 1));
      if constexpr (FlatSteps > 0) {
        for (unsigned k = 2 * kPeeledSteps; k < FlatSteps; ++k)
          chess_flatten_loop { walk.step(acc); }
      } else {
        for (unsigned k = 2 * kPeeledSteps; k < steps; ++k)
          chess_prepare_for_pipelining { walk.step(acc); }
      }
      if (i + 1 < blocks)
        next = loadAccumulators<RB, CB>(out, g, at(i + 1));
      for (unsigned k = 0; k < kPeeledSteps; ++k)
        chess_flatten_loop { walk.step(acc); }
      retiring = acc;
      acc = next;
    };
    // Flattened, a link is straight-line code: the loop over links is the
    // innermost one, the one to pipeline.
    if constexpr (FlatSteps > 0) {
      for (unsigned i = 0; i < blocks; ++i)
        chess_prepare_for_pipelining { link(i); }
    } else {
      for (unsigned i = 0; i < blocks; ++i)
        link(i);
    }
    storeAccumulators<RB, CB>(retiring, out, g, at(blocks - 1));
  }
};

/// out += conv(in, w) over one L1 tile (layouts in the file comment), or
/// out = conv(in, w) when !g.accumulate.
/// Requires OW % r == 0 and the patch to cover the receptive field.
template <typename TI, typename TW, typename TO, unsigned r, unsigned s,
          unsigned t>
void conv2dBlocked(const TI *in, const TW *w, TO *out, const ConvGeometry &g) {
  useRoundToNearestEven();
  // Pixels narrower than a vector: at stride 2 a pair per load, above it
  // a vector load per pixel.
  if constexpr (!isVectorRow<s, TI>() && r >= 4 && r % 2 == 0) {
    if (g.strideW == 2) {
      ConvLoopNest<TI, TW, TO, r, s, t, PixelLoads::EveryOther>::run(in, w,
                                                                     out, g);
      return;
    }
    if (g.strideW > 2) {
      ConvLoopNest<TI, TW, TO, r, s, t, PixelLoads::Widened>::run(in, w, out,
                                                                  g);
      return;
    }
  }
  // A 1-wide window at unit stride starts every pixel tile on a multiple
  // of r pixels when the rows hold whole tiles (the patch is aligned).
  if (g.strideW != 1)
    ConvLoopNest<TI, TW, TO, r, s, t, PixelLoads::Gathered>::run(in, w, out,
                                                                 g);
  else if (g.kernelWidth == 1 && g.inWidth % r == 0)
    ConvLoopNest<TI, TW, TO, r, s, t, PixelLoads::Aligned>::run(in, w, out,
                                                                g);
  else
    ConvLoopNest<TI, TW, TO, r, s, t, PixelLoads::Shifted>::run(in, w, out,
                                                                g);
}

} // namespace aieconv::ukernels

#endif // AIECONV_KERNELS_UKERNELS_CONV_H
