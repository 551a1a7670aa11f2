//===- HostExecutor.cpp - JIT-compiling and running scheduled IR ----------===//

#include "aieconv/Host/HostExecutor.h"

#include "aieconv/Host/Diagnostics.h"
#include "aieconv/Runtime/BF16.h"

#include "host/HostUKernels.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"

#include "llvm/ExecutionEngine/Orc/Mangling.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/TargetSelect.h"

#include <csetjmp>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>

using namespace mlir;

namespace aieconv::host {
namespace {

void initializeNativeTarget() {
  static std::once_flag initialized;
  std::call_once(initialized, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
}

std::string shapeString(ArrayRef<int64_t> shape, unsigned bits) {
  std::string text;
  for (int64_t size : shape)
    text += std::to_string(size) + "x";
  return text + "<" + std::to_string(bits) + "-bit>";
}

/// A failed runtime check (cf.assert) is lowered to `puts(message)` then
/// `abort()`. Both are bound to these hooks, so that a failed check ends the
/// run with an error instead of the process: the message is collected, and
/// the abort jumps back to callGuarded. Only JIT-compiled code, which holds
/// no C++ objects, lies between the two, so the jump skips no destructor.
struct RuntimeCheckState {
  jmp_buf *exit = nullptr;
  std::string message;
};
thread_local RuntimeCheckState checkState;

int putsHook(const char *message) {
  if (!checkState.message.empty())
    checkState.message += ' ';
  checkState.message += message;
  return 0;
}

[[noreturn]] void abortHook() {
  if (checkState.exit)
    std::longjmp(*checkState.exit, 1);
  std::abort();
}

/// A host ukernel refusing its call (wrong sizes or strides) ends the run
/// the same way.
[[noreturn]] void ukernelFailureHook(const char *message) {
  putsHook(message);
  abortHook();
}

/// The compiler runtime's float -> bf16 conversion, which the JIT's code may
/// call: x86 has no bf16 registers, so LLVM may carry a bf16 value copied
/// across blocks (unoptimised code, runtime checks) as an f32 and narrow it
/// back with `__truncsfbf2`, which GCC's runtime (Debian 12) lacks. The
/// value returns, as a bf16 does, in the low 16 bits of the register a
/// float returns in (x86-64 and AArch64 alike). Only bf16 values make the
/// round trip, so the rounding is never exercised.
float truncFloatToBF16(float value) {
  uint32_t bits = floatToBF16(value);
  float result;
  std::memcpy(&result, &bits, sizeof(result));
  return result;
}

/// Calls the packed entry; false when a runtime check failed. Kept free of
/// C++ objects because of setjmp.
bool callGuarded(void (*function)(void **), void **arguments) {
  jmp_buf exit;
  checkState.exit = &exit;
  kernels::setUKernelFailureHandler(ukernelFailureHook);
  if (setjmp(exit) != 0) {
    checkState.exit = nullptr;
    kernels::setUKernelFailureHandler(nullptr);
    return false;
  }
  function(arguments);
  checkState.exit = nullptr;
  kernels::setUKernelFailureHandler(nullptr);
  return true;
}

/// One slot of the packed calling convention: the wrapper `_mlir_<entry>`
/// reads every expanded descriptor field through a pointer to it.
union DescriptorWord {
  void *pointer;
  int64_t value;
};

} // namespace

HostExecutor::~HostExecutor() = default;

llvm::Expected<std::unique_ptr<HostExecutor>>
HostExecutor::create(ModuleOp module, const HostExecutorOptions &options) {
  initializeNativeTarget();
  MLIRContext &context = *module.getContext();
  DialectRegistry registry;
  registerHostDialects(registry);
  context.appendDialectRegistry(registry);

  OwningOpRef<ModuleOp> lowered(cast<ModuleOp>(module->clone()));
  llvm::Expected<HostLoweringInfo> info =
      lowerForHost(*lowered, options.entry, options.checkBounds);
  if (!info)
    return info.takeError();

  // Every declaration must be a host ukernel before anything is compiled:
  // an unresolved symbol would otherwise only fail at JIT link time, with a
  // far less helpful message.
  llvm::StringMap<const void *> entries;
  for (const std::string &name : info->declarations) {
    const void *entry = kernels::lookupHostUKernel(name);
    if (!entry)
      return makeError(llvm::formatv(
          "function @{0} is declared but is not a host ukernel (unknown to "
          "the ukernel registry, or an illegal shape for its variant)",
          name));
    entries[name] = entry;
  }
  entries["__truncsfbf2"] = reinterpret_cast<const void *>(&truncFloatToBF16);
  if (options.checkBounds) {
    entries["puts"] = reinterpret_cast<const void *>(&putsHook);
    entries["abort"] = reinterpret_cast<const void *>(&abortHook);
  }

  auto transformer = makeOptimizingTransformer(options.optLevel,
                                               /*sizeLevel=*/0,
                                               /*targetMachine=*/nullptr);
  ExecutionEngineOptions engineOptions;
  engineOptions.transformer = transformer;
  engineOptions.jitCodeGenOptLevel = options.optLevel == 0
                                         ? llvm::CodeGenOptLevel::None
                                         : llvm::CodeGenOptLevel::Default;
  engineOptions.enableGDBNotificationListener = false;
  engineOptions.enablePerfNotificationListener = false;
  FirstErrorCollector errors(context);
  auto engine = ExecutionEngine::create(*lowered, engineOptions);
  if (!engine) {
    std::string message = llvm::toString(engine.takeError());
    return errors.takeError("JIT compilation failed: " + message);
  }
  (*engine)->registerSymbols([&](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap map;
    for (const auto &entry : entries)
      map[interner(entry.getKey())] = {
          llvm::orc::ExecutorAddr::fromPtr(entry.getValue()),
          llvm::JITSymbolFlags::Exported};
    return map;
  });
  (*engine)->initialize();
  // Looking the entry up materialises (compiles) it now, so that run() only
  // runs and a missing entry is reported here.
  llvm::Expected<void (*)(void **)> function =
      (*engine)->lookupPacked(options.entry);
  if (!function)
    return makeError(llvm::formatv("cannot find the compiled @{0}: {1}",
                                   options.entry,
                                   llvm::toString(function.takeError())));

  std::unique_ptr<HostExecutor> executor(new HostExecutor());
  executor->entry = options.entry;
  executor->info = std::move(*info);
  executor->engine = std::move(*engine);
  executor->function = *function;
  return executor;
}

llvm::Error HostExecutor::run(ArrayRef<HostBuffer> buffers) {
  ArrayRef<EntryArgument> expected = arguments();
  if (buffers.size() != expected.size())
    return makeError(llvm::formatv("@{0} takes {1} buffers, {2} given", entry,
                                   expected.size(), buffers.size()));
  for (auto [index, pair] : llvm::enumerate(llvm::zip(buffers, expected))) {
    auto &[buffer, argument] = pair;
    if (ArrayRef<int64_t>(buffer.shape) != ArrayRef<int64_t>(argument.shape) ||
        buffer.elementBits != argument.elementBits || !buffer.data)
      return makeError(
          llvm::formatv("buffer #{0} is {1} but @{2} expects {3}", index,
                        shapeString(buffer.shape, buffer.elementBits), entry,
                        shapeString(argument.shape, argument.elementBits)));
  }

  // Expanded descriptors of dense row-major buffers: allocated, aligned,
  // offset 0, sizes, strides.
  std::vector<SmallVector<DescriptorWord, 12>> descriptors(buffers.size());
  for (auto [buffer, words] : llvm::zip(buffers, descriptors)) {
    size_t rank = buffer.shape.size();
    words.resize(3 + 2 * rank);
    words[0].pointer = buffer.data;
    words[1].pointer = buffer.data;
    words[2].value = 0;
    int64_t stride = 1;
    for (size_t dim = rank; dim-- > 0;) {
      words[3 + dim].value = buffer.shape[dim];
      words[3 + rank + dim].value = stride;
      stride *= buffer.shape[dim];
    }
  }
  SmallVector<void *> packed;
  for (SmallVector<DescriptorWord, 12> &words : descriptors)
    for (DescriptorWord &word : words)
      packed.push_back(&word);
  checkState.message.clear();
  kernels::resetHostCascade();
  if (callGuarded(function, packed.data())) {
    if (size_t words = kernels::hostCascadeWordsPending()) {
      kernels::resetHostCascade();
      return makeError(llvm::formatv(
          "the compiled program left {0} accumulator words on the cascade: "
          "a chain of calls ended without a call that stores the sums",
          words));
    }
    return llvm::Error::success();
  }
  std::string message = checkState.message;
  for (char &c : message)
    if (c == '\n')
      c = ' ';
  return makeError("runtime check failed in the compiled program: " +
                   llvm::StringRef(message).trim());
}

} // namespace aieconv::host
