//===- HostUKernels.h - Host build of the ukernels, by symbol ---*- C++ -*-===//
//
// The host library AIEConvHostUKernels compiles kernels/ukernels/*.h against
// the host AIE API emulation and exports one C ABI entry per registry
// variant. Entries are shape-generic (sizes come from the arguments); the
// IR names shape-specific symbols, which lookupHostUKernel maps to entries.
//
// Calling convention: MLIR's func-to-llvm expansion of memref arguments.
// Every rank-R memref operand becomes, in order,
//   T *allocated, T *aligned, int64_t offset,
//   int64_t size_0 .. size_{R-1}, int64_t stride_0 .. stride_{R-1}
// and element (i0, .., iR-1) is aligned[offset + sum_d i_d * stride_d].
//
//   matmul_<l>_<r>_<o>_<M>x<N>x<K>_<r>x<s>x<t>            (row-major)
//     (A: MxK, B: KxN, C: MxN) rank 2 each, innermost stride 1, any
//     leading dimension (stride_0) >= the row length.
//   matmul_blocked_<l>_<r>_<o>_<M>x<N>x<K>_<r>x<s>x<t>
//     (A: [M/r][K/s][r][s], B: [N/t][K/s][s][t], C: [M/r][N/t][r][t]) rank 4,
//     dense (identity strides).
//   conv2d_<in>_<w>_<o>_<OH>x<OW>x<OC>_<KH>x<KW>x<IC>_s<SH>x<SW>_d<DH>x<DW>_<r>x<s>x<t>
//     (in: [IC/s][IH][IW][s] rank 4, w: [OC/t][KH][KW][IC/s][s][t] rank 6,
//      out: [OC/t][OH][OW][t] rank 4, all dense), then
//     int64_t strideH, strideW, dilationH, dilationW, route (the
//     accumulator route, ConvVariants.h: zero, output tile or cascade in;
//     output tile or cascade out).
//   dwconv2d_<in>_<w>_<o>_<OH>x<OW>x<C>_<KH>x<KW>_s<SH>x<SW>_d<DH>x<DW>_<L>
//     (in: [C/L][IH][IW][L], w: [C/L][KH][KW][L], out: [C/L][OH][OW][L],
//      rank 4, dense), then int64_t strideH, strideW, dilationH, dilationW.
//   zero_<type>_<M>x<N>_<r>x<t>
//     (C: MxN) rank 2, innermost stride 1.
//
// An entry checks the sizes and strides it gets against its variant and
// aborts with a message naming the violation: a wrong-shaped call never
// computes garbage silently. bf16 elements are 16-bit bfloat16 patterns.
//
// Plain C++17; no MLIR, no AIE API emulation in this header.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_KERNELS_HOST_HOSTUKERNELS_H
#define AIECONV_KERNELS_HOST_HOSTUKERNELS_H

#include "registry/UKernelRegistry.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace aieconv::kernels {

/// Called with a one-line message when an entry gets a call its variant
/// cannot compute (sizes or strides that break its rules). It must not
/// return; it may longjmp, as entries check before creating any object.
/// Without one, the message goes to stderr and the process aborts.
using UKernelFailureHandler = void (*)(const char *message);
void setUKernelFailureHandler(UKernelFailureHandler handler);

/// The host's cascade stream (the chained calls of one thread run one after
/// another, so it is one FIFO): words put and not yet read, and a reset
/// that drops them. A finished run with words pending had a chain whose
/// last link never ran.
size_t hostCascadeWordsPending();
void resetHostCascade();

/// The host entry implementing `symbol` (any of the forms above), or null
/// when the name is unknown to the registry or its shape is illegal.
const void *lookupHostUKernel(std::string_view symbol);

/// The host entry of one variant, for every shape it accepts.
const void *hostEntry(const MatmulVariant &variant);
const void *hostEntry(const ConvVariant &variant);
const void *hostEntry(const DepthwiseVariant &variant);
const void *hostEntry(const ZeroFillVariant &variant);

/// The complete AIE-side C++ source of one call: the ukernel sources (as
/// compiled into the host library) followed by an extern "C" function named
/// like the call, instantiating the kernel template for that shape. Its
/// operands are bare pointers to the first element of dense operands, in
/// the order of the host entry, then the scalars the IR's call passes (a
/// conv's and a depthwise's window, which the entry ignores: sizes,
/// strides and dilations are the shape's constants; a conv's accumulator
/// route, read at every call).
/// A conv or depthwise source assumes the exact patch the shape reads
/// (ConvShape::inputHeight/inputWidth); the host entry also accepts larger.
std::string aieSourceFor(const MatmulVariant &variant,
                         const MatmulShape &shape);
std::string aieSourceFor(const ConvVariant &variant, const ConvShape &shape);
std::string aieSourceFor(const DepthwiseVariant &variant,
                         const DepthwiseShape &shape);
std::string aieSourceFor(const ZeroFillVariant &variant,
                         const ZeroFillShape &shape);
/// The same for any symbol; nothing for names lookupHostUKernel refuses.
std::optional<std::string> aieSourceForSymbol(std::string_view symbol);

} // namespace aieconv::kernels

#endif // AIECONV_KERNELS_HOST_HOSTUKERNELS_H
