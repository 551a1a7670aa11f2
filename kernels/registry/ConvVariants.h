//===- ConvVariants.h - Conv, depthwise and zero-fill ukernels --*- C++ -*-===//
//
// Part of the ukernel registry; include registry/UKernelRegistry.h, which
// includes this file. Like the matmul variants, every variant here is one
// kernel template instantiation callable for every legal shape, and its
// symbols carry the shape so that a call names exactly what it computes.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_KERNELS_REGISTRY_CONVVARIANTS_H
#define AIECONV_KERNELS_REGISTRY_CONVVARIANTS_H

#ifndef AIECONV_KERNELS_REGISTRY_UKERNELREGISTRY_H
#error "include registry/UKernelRegistry.h instead"
#endif

namespace aieconv::kernels {

/// Whether the conv ukernel takes `stride` along an axis: any positive
/// one (at strides above 1 it loads each pixel on its own).
constexpr bool convTakesStride(int64_t stride) {
  return stride >= 1;
}

/// One conv ukernel call: an OH x OW x OC output tile reduced over
/// KH x KW x IC. The input patch it reads holds the halo, see inputHeight.
struct ConvShape {
  int64_t oh = 0, ow = 0, oc = 0;
  int64_t kh = 0, kw = 0, ic = 0;
  int64_t strideH = 1, strideW = 1;
  int64_t dilationH = 1, dilationW = 1;
  /// False when the call starts the accumulation: its accumulators start
  /// at zero in registers instead of being read from the output tile (the
  /// symbol ends in "_init"), which spares a zero-fill and the loads.
  bool accumulate = true;
  /// The call is a link of a cascade chain (kernels/ukernels/Conv.h): its
  /// partial sums come from the previous core, or go on to the next one.
  /// Not in the symbol: the chain's calls share one call site and learn
  /// their place from the accumulator-route operand.
  bool cascadeIn = false, cascadeOut = false;

  /// Rows of input the tile reads: (OH-1)*strideH + (KH-1)*dilationH + 1.
  int64_t inputHeight() const {
    return (oh - 1) * strideH + (kh - 1) * dilationH + 1;
  }
  int64_t inputWidth() const {
    return (ow - 1) * strideW + (kw - 1) * dilationW + 1;
  }
  /// A 1x1 window at unit stride reads no halo: the dense input and output
  /// tiles are the same bytes as one row of OH * OW pixels. A call takes
  /// that row whenever OH * OW is a multiple of `r`: a 14-wide tile fills
  /// whole micro-tiles instead of padding to 16, and pixel tiles pair
  /// across the rows; otherwise (or when it already is one row) the shape
  /// as it is.
  ConvShape withPixelRowsJoined(int64_t r) const {
    ConvShape joined = *this;
    if (kh == 1 && kw == 1 && strideH == 1 && strideW == 1 && oh > 1 &&
        (oh * ow) % r == 0) {
      joined.ow = oh * ow;
      joined.oh = 1;
    }
    return joined;
  }
  friend bool operator==(const ConvShape &a, const ConvShape &b) {
    return a.oh == b.oh && a.ow == b.ow && a.oc == b.oc && a.kh == b.kh &&
           a.kw == b.kw && a.ic == b.ic && a.strideH == b.strideH &&
           a.strideW == b.strideW && a.dilationH == b.dilationH &&
           a.dilationW == b.dilationW && a.accumulate == b.accumulate &&
           a.cascadeIn == b.cascadeIn && a.cascadeOut == b.cascadeOut;
  }
};

/// Lanes of one word on the cascade stream: 512 bits of 32-bit accumulator
/// lanes (AM020, "Cascade Stream Interface"; kernels/ukernels/Common.h
/// spells it for the AIE side).
constexpr int64_t kCascadeWordLanes = 16;

/// The conv ukernel's last scalar operand, the accumulator route: where a
/// call's partial sums come from and where they go. Bit 0 set: the call
/// accumulates (else it starts at zero); bit 1: what it accumulates onto
/// comes from the cascade (needs bit 0), else from the output tile; bit 2:
/// the sums go on along the cascade, else into the output tile. So 0 and 1
/// are a plain call's first and later steps.
struct AccumulatorRoute {
  bool accumulate = true, cascadeIn = false, cascadeOut = false;
};
/// Nothing for values outside 0..7 and for 2 and 6 (cascade in without
/// accumulating).
std::optional<AccumulatorRoute> decodeAccumulatorRoute(int64_t value);
int64_t encodeAccumulatorRoute(const AccumulatorRoute &route);

/// The implicit-GEMM conv ukernel (kernels/ukernels/Conv.h) for one element
/// type combination and mmul micro-tile: r output pixels along OW x s input
/// channels x t output channels. Operands (all dense, in L1):
///   input  [IC/s][IH][IW][s], weights [OC/t][KH][KW][IC/s][s][t],
///   output [OC/t][OH][OW][t] (accumulated into).
/// Symbol:
/// conv2d_<in>_<w>_<out>_<OH>x<OW>x<OC>_<KH>x<KW>x<IC>_s<SH>x<SW>_d<DH>x<DW>_<r>x<s>x<t>
struct ConvVariant {
  Device device;
  ElemType input, weight, out;
  MicroTile tile;

  /// "conv2d_bf16_bf16_f32".
  std::string familyName() const;
  std::string symbolName(const ConvShape &shape) const;
  /// Bytes of the input patch (with halo), the weights and the output.
  int64_t operandBytes(const ConvShape &shape) const;
  /// Empty when legal: sizes positive; OW % r, IC % s, OC % t == 0;
  /// strides and dilations >= 1; operands fit in a core's data memory.
  std::string whyIllegal(const ConvShape &shape) const;
  bool isLegal(const ConvShape &shape) const {
    return whyIllegal(shape).empty();
  }
  /// `shape` with OW, OC and IC rounded up to their micro-tile multiples
  /// (the caller pads), or nothing when that is still illegal.
  std::optional<ConvShape> nearestLegal(const ConvShape &shape) const;
};

/// One depthwise call: OH x OW x C outputs, each channel filtered by its own
/// KH x KW taps.
struct DepthwiseShape {
  int64_t oh = 0, ow = 0, c = 0;
  int64_t kh = 0, kw = 0;
  int64_t strideH = 1, strideW = 1;
  int64_t dilationH = 1, dilationW = 1;

  int64_t inputHeight() const {
    return (oh - 1) * strideH + (kh - 1) * dilationH + 1;
  }
  int64_t inputWidth() const {
    return (ow - 1) * strideW + (kw - 1) * dilationW + 1;
  }
  friend bool operator==(const DepthwiseShape &a, const DepthwiseShape &b) {
    return a.oh == b.oh && a.ow == b.ow && a.c == b.c && a.kh == b.kh &&
           a.kw == b.kw && a.strideH == b.strideH && a.strideW == b.strideW &&
           a.dilationH == b.dilationH && a.dilationW == b.dilationW;
  }
};

/// The depthwise ukernel (kernels/ukernels/Depthwise.h): element-wise vector
/// MACs over `lanes` channels. Operands: input [C/L][IH][IW][L], weights
/// [C/L][KH][KW][L], output [C/L][OH][OW][L] (accumulated into).
/// Symbol:
/// dwconv2d_<in>_<w>_<out>_<OH>x<OW>x<C>_<KH>x<KW>_s<SH>x<SW>_d<DH>x<DW>_<L>
struct DepthwiseVariant {
  Device device;
  ElemType input, weight, out;
  int64_t lanes;

  std::string familyName() const;
  std::string symbolName(const DepthwiseShape &shape) const;
  int64_t operandBytes(const DepthwiseShape &shape) const;
  /// Empty when legal: sizes positive; C % lanes == 0; strides and
  /// dilations >= 1; operands fit in a core's data memory.
  std::string whyIllegal(const DepthwiseShape &shape) const;
  bool isLegal(const DepthwiseShape &shape) const {
    return whyIllegal(shape).empty();
  }
  /// `shape` with C rounded up to a multiple of the lanes, or nothing when
  /// that is still illegal.
  std::optional<DepthwiseShape> nearestLegal(const DepthwiseShape &shape) const;
};

/// Zero-fill of an M x N accumulator tile (row-major with a leading
/// dimension; a blocked or conv output tile is contiguous, so it is zeroed
/// as one row-major M x N view of its elements).
/// Symbol: zero_<type>_<M>x<N>_<r>x<t>
struct ZeroFillShape {
  int64_t m = 0, n = 0;
  friend bool operator==(const ZeroFillShape &a, const ZeroFillShape &b) {
    return a.m == b.m && a.n == b.n;
  }
};

struct ZeroFillVariant {
  Device device;
  ElemType type;
  /// The accumulator micro-tile, r rows x t columns, of the matmul variants
  /// whose output this zeroes.
  int64_t r, t;

  /// "zero_f32".
  std::string familyName() const;
  std::string symbolName(const ZeroFillShape &shape) const;
  /// Empty when legal: sizes positive, M % r == 0, N % t == 0, fits in L1.
  std::string whyIllegal(const ZeroFillShape &shape) const;
  bool isLegal(const ZeroFillShape &shape) const {
    return whyIllegal(shape).empty();
  }
  /// The shape to zero a dense buffer of `elements` with: r long rows, so
  /// the stores run in one pipelined loop per row instead of a short loop
  /// per t-wide row (any legal M x N view of it has M % r == N % t == 0,
  /// so r rows of whole t columns exist whenever one does). An empty,
  /// illegal shape when r does not divide `elements`.
  ZeroFillShape denseShape(int64_t elements) const {
    if (elements <= 0 || elements % r != 0)
      return {};
    return {r, elements / r};
  }
};

/// Every variant of each kind, in the order of Variants.def.
const std::vector<ConvVariant> &allConvVariants();
const std::vector<DepthwiseVariant> &allDepthwiseVariants();
const std::vector<ZeroFillVariant> &allZeroFillVariants();

/// The variant for these types on `device`, or null.
const ConvVariant *findConvVariant(Device device, ElemType input,
                                   ElemType weight, ElemType out);
const DepthwiseVariant *findDepthwiseVariant(Device device, ElemType input,
                                             ElemType weight, ElemType out);
const ZeroFillVariant *findZeroFillVariant(Device device, ElemType type);

/// Parsers of the symbols above; like parseSymbolName they fail for unknown
/// variants, illegal shapes and trailing text.
struct ParsedConvSymbol {
  const ConvVariant *variant;
  ConvShape shape;
};
std::optional<ParsedConvSymbol> parseConvSymbolName(std::string_view name);

struct ParsedDepthwiseSymbol {
  const DepthwiseVariant *variant;
  DepthwiseShape shape;
};
std::optional<ParsedDepthwiseSymbol>
parseDepthwiseSymbolName(std::string_view name);

struct ParsedZeroFillSymbol {
  const ZeroFillVariant *variant;
  ZeroFillShape shape;
};
std::optional<ParsedZeroFillSymbol>
parseZeroFillSymbolName(std::string_view name);

namespace detail {
/// Reads `count` positive decimal numbers joined by 'x' from the front of
/// `text` and consumes them; shared by all symbol parsers.
bool takeNumbers(std::string_view &text, int64_t *values, int count);
/// Consumes `prefix` from the front of `text` if it is there.
bool takePrefix(std::string_view &text, std::string_view prefix);
/// "AxBxC" for the given numbers.
std::string joinNumbers(std::initializer_list<int64_t> values);
} // namespace detail

} // namespace aieconv::kernels

#endif // AIECONV_KERNELS_REGISTRY_CONVVARIANTS_H
