//===- HostExecutor.h - Running scheduled IR on the host --------*- C++ -*-===//
//
// The host backend: a module as the conv pipeline leaves it (memrefs, maybe
// in memory spaces 1 and 2, scf.forall loops, copies, calls of private
// ukernel declarations; or still tensors when the pipeline stopped early) is
// lowered to the LLVM dialect, JIT-compiled with mlir::ExecutionEngine, and
// its ukernel declarations are bound to the host build of the very same
// ukernel sources (kernels/host/HostUKernels.h). What runs is the scheduled
// program itself, so a schedule that computes wrong results is caught here.
//
// Calling convention: the entry function, after bufferization and
// buffer-results-to-out-params, takes only memrefs with identity layouts
// (inputs first, then one out-param per former result). It is invoked
// through the ExecutionEngine's packed wrapper `_mlir_<entry>` with the
// expanded memref descriptors (allocated, aligned, offset, sizes, strides) of
// caller-allocated dense buffers, so no C interface attribute is needed and
// the output is written in place into the caller's buffer.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_HOST_HOSTEXECUTOR_H
#define AIECONV_HOST_HOSTEXECUTOR_H

#include "aieconv/Runtime/Compare.h"
#include "aieconv/Spec/ConvSpec.h"

#include "mlir/IR/BuiltinOps.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mlir {
class DialectRegistry;
class ExecutionEngine;
} // namespace mlir

namespace aieconv::host {

//===----------------------------------------------------------------------===//
// Host lowering (HostLowering.cpp)
//===----------------------------------------------------------------------===//

/// Bufferization applied first when the module still holds tensors (the raw
/// conv, or a pipeline stopped before "bufferize"): one-shot-bufferize across
/// function boundaries with identity layouts at the boundaries.
llvm::StringRef hostBufferizePipeline();
/// Memref results become caller-allocated out-params (static allocations are
/// hoisted into the caller, i.e. into the caller's buffer).
llvm::StringRef hostOutParamsPipeline();
/// From buffers to the LLVM dialect: forall to for, linalg to loops, strided
/// metadata expanded, bf16 conversions expanded to integer arithmetic (no
/// runtime library calls), then every dialect to LLVM. It runs after memory
/// spaces were stripped (L1 and L2 are host memory; memref.dealloc of a
/// buffer in an LLVM address space other than 0 would not lower).
llvm::StringRef hostLLVMPipeline();
/// The same with `generate-runtime-verification` after linalg-to-loops: every
/// load, store and subview of the program checks its bounds, and a violation
/// prints which op failed and aborts, instead of silently corrupting memory.
llvm::StringRef hostCheckedLLVMPipeline();

/// Everything the host lowering and the JIT need in a context: all upstream
/// dialects, their interface extensions, and the LLVM IR translations.
void registerHostDialects(mlir::DialectRegistry &registry);

/// Types of the entry's arguments once bufferized, in call order.
struct EntryArgument {
  llvm::SmallVector<int64_t, 4> shape;
  unsigned elementBits = 0;
};

/// What lowerForHost found on the way.
struct HostLoweringInfo {
  std::vector<EntryArgument> arguments;
  /// The private function declarations of the module (ukernel calls), in
  /// module order.
  std::vector<std::string> declarations;
};

/// Lowers `module` in place to the LLVM dialect: linalg.pack/unpack on
/// tensors rewritten into pad/reshape/transpose, the three pipelines above,
/// memory spaces stripped, copies between non-identity layouts rewritten
/// into linalg.copy so that no runtime `memrefCopy` is needed, and fills,
/// maps and copies of whole dense buffers taken onto their one-dimensional
/// views (one loop, not a nest that LLVM unrolls). Fails with a
/// one-line message when a pass fails or the entry is missing or takes
/// non-memref or non-identity-layout arguments after bufferization.
llvm::Expected<HostLoweringInfo> lowerForHost(mlir::ModuleOp module,
                                              llvm::StringRef entry,
                                              bool checkBounds = true);

//===----------------------------------------------------------------------===//
// JIT execution (HostExecutor.cpp)
//===----------------------------------------------------------------------===//

/// A caller-allocated dense row-major buffer for one entry argument.
struct HostBuffer {
  void *data = nullptr;
  llvm::SmallVector<int64_t, 4> shape;
  unsigned elementBits = 0;
};

struct HostExecutorOptions {
  /// The function to run.
  std::string entry = "conv";
  /// LLVM optimisation level of the JIT-compiled code (0..3).
  unsigned optLevel = 2;
  /// Bounds-check every memory access of the program (hostCheckedLLVMPipeline).
  /// A failed check makes run() return "runtime check failed in the compiled
  /// program: <which op>": a schedule that reads or writes outside its
  /// buffers is a compiler bug to report, not a result to compare.
  bool checkBounds = true;
};

class HostExecutor {
public:
  /// Lowers a clone of `module` (the caller's IR is left untouched), binds
  /// every private declaration to its host ukernel, and JIT-compiles it. A
  /// declaration that names no host ukernel is an error naming it, before
  /// anything runs.
  static llvm::Expected<std::unique_ptr<HostExecutor>>
  create(mlir::ModuleOp module, const HostExecutorOptions &options = {});
  ~HostExecutor();

  /// The entry's arguments, in call order (inputs, then outputs).
  llvm::ArrayRef<EntryArgument> arguments() const { return info.arguments; }
  /// The ukernel symbols bound for the run.
  llvm::ArrayRef<std::string> boundSymbols() const { return info.declarations; }

  /// Runs the entry once; `buffers` must match arguments() in number, shape
  /// and element width. Not reentrant with another run on the same thread.
  llvm::Error run(llvm::ArrayRef<HostBuffer> buffers);

private:
  HostExecutor() = default;

  std::string entry;
  HostLoweringInfo info;
  std::unique_ptr<mlir::ExecutionEngine> engine;
  /// The packed wrapper `_mlir_<entry>`.
  void (*function)(void **) = nullptr;
};

//===----------------------------------------------------------------------===//
// Checking one conv (ConvCheck.cpp)
//===----------------------------------------------------------------------===//

/// Default host memory budget of a correctness run.
inline constexpr uint64_t kDefaultHostBudgetBytes = uint64_t(2) << 30;

/// Host bytes a correctness run of `spec` needs at least: input, filter and
/// output buffers, a padded copy of the input, and the reference's result
/// (two doubles per output for bf16). Saturates instead of overflowing.
uint64_t estimateHostBytes(const ConvSpec &spec);

/// Refuses, before anything is allocated, a layer whose estimate exceeds
/// `budgetBytes`, with a message giving both sizes.
llvm::Error checkHostBudget(const ConvSpec &spec,
                            uint64_t budgetBytes = kDefaultHostBudgetBytes);

/// The verdict of one run.
struct ConvCheck {
  CompareResult compare;
  double compileSeconds = 0; ///< host lowering + JIT
  double runSeconds = 0;
};

/// Runs the entry of `module` (any stage of the pipeline, or the raw conv)
/// on operands generated from `seed` (RandomData.h), computes the independent
/// reference (ReferenceConv.h) and compares (Compare.h). The entry must take
/// the spec's (input, filter) and produce its output. Checks the budget
/// first.
llvm::Expected<ConvCheck>
runAndCheckConv(mlir::ModuleOp module, const ConvSpec &spec, uint64_t seed,
                const HostExecutorOptions &options = {},
                uint64_t budgetBytes = kDefaultHostBudgetBytes);

} // namespace aieconv::host

#endif // AIECONV_HOST_HOSTEXECUTOR_H
