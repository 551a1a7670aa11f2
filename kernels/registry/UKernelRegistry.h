//===- UKernelRegistry.h - The matmul ukernel variants ----------*- C++ -*-===//
//
// The single source of truth for aieconv's ukernels: names, element types,
// micro-tiles, operand layouts and the rule for legal shapes. The lowering
// pass reads it to decide whether a call may be made, the host runtime to bind
// symbols, the cost model to price a call. Plain C++17, no MLIR or LLVM, so
// the kernel library and the simulator can use it too.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_KERNELS_REGISTRY_UKERNELREGISTRY_H
#define AIECONV_KERNELS_REGISTRY_UKERNELREGISTRY_H

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aieconv::kernels {

/// Element types a ukernel operand may have.
enum class ElemType : uint8_t { BF16, F32, I8, I32 };

/// The NPU generations aieconv targets.
enum class Device : uint8_t { Npu1, Npu2 };

/// How a matmul operand is laid out in L1.
enum class OperandLayout : uint8_t {
  /// Plain 2-D: A is MxK, B is KxN, C is MxN; rows may be padded (a leading
  /// dimension larger than the row), elements within a row are contiguous.
  RowMajor,
  /// Every micro-tile contiguous, as linalg.pack produces them:
  /// A[M/r][K/s][r][s], B[N/t][K/s][s][t], C[M/r][N/t][r][t] (index formulas
  /// and a picture in kernels/ukernels/Matmul.h). One vector load per tile.
  Blocked,
};

/// Spelling used in symbol names and messages: "bf16", "f32", "i8", "i32".
std::string_view toString(ElemType type);
/// "row-major" or "blocked".
std::string_view toString(OperandLayout layout);
/// "npu1" or "npu2".
std::string_view toString(Device device);
std::optional<ElemType> parseElemType(std::string_view text);
std::optional<Device> parseDevice(std::string_view text);
/// Size of one element in bytes.
int64_t byteWidth(ElemType type);

/// Bytes of data memory (L1) of one core; a ukernel's operands must fit.
/// Source: shared/design/aie2-facts.md, "data memory (L1)": 64 KiB on both.
constexpr int64_t kCoreDataMemoryBytes = 64 * 1024;

/// The shape of one matmul call: C[M][N] += A[M][K] * B[K][N].
struct MatmulShape {
  int64_t m = 0, n = 0, k = 0;
  friend bool operator==(const MatmulShape &a, const MatmulShape &b) {
    return a.m == b.m && a.n == b.n && a.k == b.k;
  }
};

/// The aie::mmul micro-tile: an r x s block of A times an s x t block of B
/// accumulates into an r x t block of C.
struct MicroTile {
  int64_t r = 0, s = 0, t = 0;
};

/// One matmul ukernel variant: a kernel template instantiated for one element
/// type combination and one micro-tile, callable for every legal shape.
struct MatmulVariant {
  Device device;
  ElemType lhs, rhs, out;
  MicroTile tile;
  OperandLayout layout;

  /// "matmul_bf16_bf16_f32" (row-major) or "matmul_blocked_bf16_bf16_f32":
  /// the part of the symbol shared by all shapes.
  std::string familyName() const;
  /// The symbol a call of this shape uses, as iree-amd-aie names ukernels:
  /// matmul_<lhs>_<rhs>_<out>_<M>x<N>x<K>_<r>x<s>x<t>.
  std::string symbolName(const MatmulShape &shape) const;
  /// Bytes of A, B and C for one call with dense operands.
  int64_t operandBytes(const MatmulShape &shape) const;
  /// Empty when `shape` is legal for this variant, else why it is not.
  std::string whyIllegal(const MatmulShape &shape) const;
  bool isLegal(const MatmulShape &shape) const {
    return whyIllegal(shape).empty();
  }
  /// The legal shape closest to `shape` (each size rounded up to its
  /// micro-tile multiple), or nothing when even that does not fit in L1.
  std::optional<MatmulShape> nearestLegal(const MatmulShape &shape) const;
  /// Modelled cycles of one call (estimateCost(*this, shape).cycles).
  int64_t estimateCycles(const MatmulShape &shape) const;
};

/// Every matmul variant: the lines of Variants.def in order, first all in
/// the row-major layout, then all again in the blocked layout.
const std::vector<MatmulVariant> &allMatmulVariants();

/// The variant for these element types and layout on `device`, or null when
/// there is none (the types are unsupported there).
const MatmulVariant *
findMatmulVariant(Device device, ElemType lhs, ElemType rhs, ElemType out,
                  OperandLayout layout = OperandLayout::RowMajor);

/// A symbol name taken apart: the variant it belongs to and its shape.
struct ParsedSymbol {
  const MatmulVariant *variant;
  MatmulShape shape;
};

/// Parses a name made by MatmulVariant::symbolName. Fails for names of no
/// variant, for shapes that variant refuses, and for micro-tiles that no
/// variant uses. Several devices may share a variant name; the first in the
/// list is returned, which is fine because equal names mean equal kernels.
std::optional<ParsedSymbol> parseSymbolName(std::string_view name);

} // namespace aieconv::kernels

#include "ConvVariants.h" // IWYU pragma: export
#include "UKernelCost.h"  // IWYU pragma: export

#endif // AIECONV_KERNELS_REGISTRY_UKERNELREGISTRY_H
