//===- ConvCheck.cpp - One compiled conv against the reference ------------===//

#include "aieconv/Host/Diagnostics.h"
#include "aieconv/Host/HostExecutor.h"

#include "aieconv/Runtime/RandomData.h"
#include "aieconv/Runtime/ReferenceConv.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"

#include <chrono>

using namespace mlir;

namespace aieconv::host {
namespace {

uint64_t mul(uint64_t a, uint64_t b) { return llvm::SaturatingMultiply(a, b); }
uint64_t add(uint64_t a, uint64_t b) { return llvm::SaturatingAdd(a, b); }

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

/// The element types of one layer type, on the host.
template <ConvType> struct LayerTypes;
template <> struct LayerTypes<ConvType::BF16> {
  using In = uint16_t;
  using Out = float;
  static std::vector<In> random(uint64_t seed, size_t count) {
    return randomBF16(seed, count);
  }
  static CompareResult check(const ConvSpec &spec, const std::vector<In> &in,
                             const std::vector<In> &filter,
                             const std::vector<Out> &out) {
    BF16Reference ref = referenceConvBF16(spec, in, filter);
    if (!ref.ok()) {
      CompareResult failed;
      failed.error = "reference: " + ref.error;
      return failed;
    }
    return compareBF16(out.data(), out.size(), ref, spec.reductionSize());
  }
};
template <> struct LayerTypes<ConvType::I8> {
  using In = int8_t;
  using Out = int32_t;
  static std::vector<In> random(uint64_t seed, size_t count) {
    return randomI8(seed, count);
  }
  static CompareResult check(const ConvSpec &spec, const std::vector<In> &in,
                             const std::vector<In> &filter,
                             const std::vector<Out> &out) {
    I8Reference ref = referenceConvI8(spec, in, filter);
    if (!ref.ok()) {
      CompareResult failed;
      failed.error = "reference: " + ref.error;
      return failed;
    }
    return compareI8(out.data(), out.size(), ref);
  }
};

/// Number of elements of an entry argument.
int64_t elementCount(const EntryArgument &argument) {
  int64_t count = 1;
  for (int64_t size : argument.shape)
    count *= size;
  return count;
}

template <ConvType type>
llvm::Expected<ConvCheck> runTyped(ModuleOp module, const ConvSpec &spec,
                                   uint64_t seed,
                                   const HostExecutorOptions &options) {
  using Types = LayerTypes<type>;
  using In = typename Types::In;
  using Out = typename Types::Out;
  ConvCheck check;
  auto start = std::chrono::steady_clock::now();
  llvm::Expected<std::unique_ptr<HostExecutor>> executor =
      HostExecutor::create(module, options);
  if (!executor)
    return executor.takeError();
  check.compileSeconds = secondsSince(start);

  // The entry must be (input, filter, output) with the spec's sizes; the
  // exact layouts are what the comparison checks.
  ArrayRef<EntryArgument> arguments = (*executor)->arguments();
  const int64_t counts[] = {spec.inputElements(), spec.filterElements(),
                            spec.outputElements()};
  const unsigned bits[] = {8 * sizeof(In), 8 * sizeof(In), 8 * sizeof(Out)};
  bool matches = arguments.size() == 3;
  for (size_t i = 0; matches && i < 3; ++i)
    matches = elementCount(arguments[i]) == counts[i] &&
              arguments[i].elementBits == bits[i];
  if (!matches)
    return makeError(llvm::formatv(
        "@{0} does not take (input, filter) and produce the output of the "
        "spec: expected {1}, {2} and {3} elements of {4}, {4} and {5} bits",
        options.entry, counts[0], counts[1], counts[2], bits[0], bits[2]));

  std::vector<In> input =
      Types::random(deriveSeed(seed, kInputStream), counts[0]);
  std::vector<In> filter =
      Types::random(deriveSeed(seed, kFilterStream), counts[1]);
  // Zero-initialised: an entry that accumulates into its output buffer
  // (buffer form without a fill) then computes the plain convolution.
  std::vector<Out> output(counts[2], Out(0));
  HostBuffer buffers[] = {
      {input.data(), arguments[0].shape, bits[0]},
      {filter.data(), arguments[1].shape, bits[1]},
      {output.data(), arguments[2].shape, bits[2]},
  };
  start = std::chrono::steady_clock::now();
  if (llvm::Error err = (*executor)->run(buffers))
    return std::move(err);
  check.runSeconds = secondsSince(start);
  check.compare = Types::check(spec, input, filter, output);
  if (!check.compare.error.empty())
    return makeError(check.compare.error);
  return check;
}

} // namespace

uint64_t estimateHostBytes(const ConvSpec &spec) {
  uint64_t inBytes = spec.type == ConvType::BF16 ? 2 : 1;
  // The reference keeps a value and a sum of |products| in double for bf16,
  // an int32 for i8.
  uint64_t referenceBytes = spec.type == ConvType::BF16 ? 16 : 4;
  uint64_t output = static_cast<uint64_t>(spec.outputElements());
  uint64_t paddedInput =
      mul(mul(static_cast<uint64_t>(spec.n), static_cast<uint64_t>(spec.ic)),
          mul(static_cast<uint64_t>(spec.ih + 2 * spec.ph),
              static_cast<uint64_t>(spec.iw + 2 * spec.pw)));
  uint64_t total = mul(inBytes, static_cast<uint64_t>(spec.inputElements()));
  total =
      add(total, mul(inBytes, static_cast<uint64_t>(spec.filterElements())));
  total = add(total, mul(4 + referenceBytes, output));
  if (spec.ph > 0 || spec.pw > 0)
    total = add(total, mul(inBytes, paddedInput));
  return total;
}

llvm::Error checkHostBudget(const ConvSpec &spec, uint64_t budgetBytes) {
  uint64_t need = estimateHostBytes(spec);
  if (need <= budgetBytes)
    return llvm::Error::success();
  constexpr double mib = 1024.0 * 1024.0;
  return makeError(llvm::formatv(
      "the layer needs at least {0:F1} MiB of host memory for a correctness "
      "run (operands, padded input, reference), over the budget of {1:F1} "
      "MiB",
      need / mib, budgetBytes / mib));
}

llvm::Expected<ConvCheck> runAndCheckConv(ModuleOp module, const ConvSpec &spec,
                                          uint64_t seed,
                                          const HostExecutorOptions &options,
                                          uint64_t budgetBytes) {
  if (llvm::Error err = checkHostBudget(spec, budgetBytes))
    return std::move(err);
  if (spec.type == ConvType::BF16)
    return runTyped<ConvType::BF16>(module, spec, seed, options);
  return runTyped<ConvType::I8>(module, spec, seed, options);
}

} // namespace aieconv::host
