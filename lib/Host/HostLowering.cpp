//===- HostLowering.cpp - Scheduled IR to the LLVM dialect ----------------===//
//
// The pass lists that take whatever the conv pipeline produced down to the
// LLVM dialect for the JIT. They are textual on purpose: the same strings
// run under aieconv-opt (`--pass-pipeline='builtin.module(<list>)'`) when a
// lowering problem needs to be reproduced by hand.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Host/Diagnostics.h"
#include "aieconv/Host/HostExecutor.h"
#include "aieconv/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/AttrTypeSubElements.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <mutex>

using namespace mlir;

namespace aieconv::host {
namespace {

/// True when any function signature or op result of `module` is a tensor:
/// the module has not been (fully) bufferized yet.
bool hasTensors(ModuleOp module) {
  auto isTensor = [](Type type) { return isa<TensorType>(type); };
  WalkResult result = module.walk([&](Operation *op) {
    if (auto func = dyn_cast<FunctionOpInterface>(op))
      if (llvm::any_of(func.getArgumentTypes(), isTensor) ||
          llvm::any_of(func.getResultTypes(), isTensor))
        return WalkResult::interrupt();
    if (llvm::any_of(op->getResultTypes(), isTensor))
      return WalkResult::interrupt();
    return WalkResult::advance();
  });
  return result.wasInterrupted();
}

/// finalize-memref-to-llvm turns a copy between buffers that are not both
/// contiguous into a call of `memrefCopy` from the MLIR C runner library.
/// Rewriting such copies into linalg.copy lets them become plain loops, so
/// the JIT needs no runtime shared library. Copies between identity layouts
/// stay memref.copy and become memcpy.
void rewriteStridedCopies(ModuleOp module) {
  SmallVector<memref::CopyOp> copies;
  module.walk([&](memref::CopyOp copy) {
    auto source = cast<MemRefType>(copy.getSource().getType());
    auto target = cast<MemRefType>(copy.getTarget().getType());
    if (!source.getLayout().isIdentity() || !target.getLayout().isIdentity())
      copies.push_back(copy);
  });
  IRRewriter rewriter(module.getContext());
  for (memref::CopyOp copy : copies) {
    rewriter.setInsertionPoint(copy);
    linalg::CopyOp::create(rewriter, copy.getLoc(),
                           ValueRange{copy.getSource()},
                           ValueRange{copy.getTarget()});
    rewriter.eraseOp(copy);
  }
}

/// Rewrites the fills, maps and copies that cover whole dense buffers of
/// rank 2 or more onto their one-dimensional views. As loop nests, LLVM
/// fully unrolls their short inner loops into one straight block of
/// stores (a padded 2x11x35x256 input's zero fill became 770 memsets of a
/// row each, 12k vector stores), whose machine scheduling grows with the
/// square of its size: 4.5 s of JIT for one layer. One loop over all
/// elements becomes one memset or memcpy instead. Bodies that read their
/// indices keep their shape.
void flattenDenseElementwise(ModuleOp module) {
  auto isDenseMemRef = [](Value value) {
    auto type = dyn_cast<MemRefType>(value.getType());
    return type && type.getRank() >= 2 && type.hasStaticShape() &&
           type.getLayout().isIdentity();
  };
  auto readsIndices = [](Operation *op) {
    return op->walk([](linalg::IndexOp) { return WalkResult::interrupt(); })
        .wasInterrupted();
  };
  SmallVector<Operation *> ops;
  module.walk([&](Operation *op) {
    if (isa<linalg::FillOp, linalg::MapOp, linalg::CopyOp>(op) &&
        !readsIndices(op) &&
        llvm::all_of(cast<linalg::LinalgOp>(op).getDpsInputOperands(),
                     [&](OpOperand *operand) {
                       return !isa<ShapedType>(operand->get().getType()) ||
                              isDenseMemRef(operand->get());
                     }) &&
        llvm::all_of(cast<linalg::LinalgOp>(op).getDpsInits(), isDenseMemRef))
      ops.push_back(op);
  });
  IRRewriter rewriter(module.getContext());
  for (Operation *op : ops) {
    rewriter.setInsertionPoint(op);
    for (OpOperand &operand : op->getOpOperands()) {
      auto type = dyn_cast<MemRefType>(operand.get().getType());
      if (!type)
        continue;
      ReassociationIndices all =
          llvm::to_vector(llvm::seq<int64_t>(0, type.getRank()));
      operand.set(memref::CollapseShapeOp::create(
          rewriter, op->getLoc(), operand.get(),
          ArrayRef<ReassociationIndices>{all}));
    }
  }
}

/// Drops the memory space of every memref type in the module (function
/// types, block arguments, results, attributes). L1 and L2 are plain host
/// memory here, and the LLVM lowering of memref.dealloc would otherwise call
/// `free` with a pointer in a non-default address space, which does not
/// verify.
void stripMemorySpaces(ModuleOp module) {
  AttrTypeReplacer replacer;
  replacer.addReplacement([](MemRefType type) -> std::optional<Type> {
    if (!type.getMemorySpace())
      return std::nullopt;
    return MemRefType::get(type.getShape(), type.getElementType(),
                           type.getLayout());
  });
  replacer.recursivelyReplaceElementsIn(module, /*replaceAttrs=*/true,
                                        /*replaceLocs=*/false,
                                        /*replaceTypes=*/true);
}

/// Runs a textual pass list on `module` with a module-anchored pass manager.
/// The list is given without a `builtin.module(...)` wrapper: with it, the
/// passes would be nested and run on nested modules only.
llvm::Error runPipeline(ModuleOp module, StringRef pipeline, StringRef what) {
  MLIRContext &context = *module.getContext();
  PassManager pm(&context);
  std::string parseError;
  llvm::raw_string_ostream os(parseError);
  if (failed(parsePassPipeline(pipeline, pm, os)))
    return makeError(Twine("invalid host pass list (") + what +
                     "): " + parseError);
  FirstErrorCollector errors(context);
  if (failed(pm.run(module)))
    return errors.takeError(Twine("host lowering (") + what + ") failed");
  return llvm::Error::success();
}

/// The entry's arguments after bufferization: static, identity-layout
/// memrefs, because the caller passes dense buffers.
llvm::Expected<std::vector<EntryArgument>> entryArguments(ModuleOp module,
                                                          StringRef entry) {
  auto func = module.lookupSymbol<func::FuncOp>(entry);
  if (!func || func.isDeclaration())
    return makeError(llvm::formatv("no function @{0} to run", entry));
  if (func.getNumResults() != 0)
    return makeError(llvm::formatv(
        "@{0} still returns values after buffer-results-to-out-params; only "
        "memref results of static shape can be passed by the caller",
        entry));
  std::vector<EntryArgument> arguments;
  for (auto [index, type] : llvm::enumerate(func.getArgumentTypes())) {
    auto memref = dyn_cast<MemRefType>(type);
    if (!memref || !memref.hasStaticShape() ||
        !memref.getLayout().isIdentity() ||
        !memref.getElementType().isIntOrFloat())
      return makeError(llvm::formatv(
          "argument #{0} of @{1} must be a static memref with identity "
          "layout after bufferization",
          index, entry));
    arguments.push_back({llvm::to_vector<4>(memref.getShape()),
                         memref.getElementType().getIntOrFloatBitWidth()});
  }
  return arguments;
}

} // namespace

/// One-Shot Bufferize has no model for linalg.pack / linalg.unpack (the
/// pipeline's relayouts), so on tensors they first become what they mean.
StringRef hostBufferizePipeline() {
  return "aieconv-lower-relayouts,"
         "one-shot-bufferize{bufferize-function-boundaries=true "
         "function-boundary-type-conversion=identity-layout-map}";
}

StringRef hostOutParamsPipeline() {
  return "buffer-results-to-out-params{hoist-static-allocs=true "
         "modify-public-functions=true}";
}

/// The two halves of the LLVM lowering, around the optional runtime checks.
constexpr llvm::StringLiteral kToLoops =
    "scf-forall-to-for,convert-linalg-to-loops";
constexpr llvm::StringLiteral kRuntimeChecks = "generate-runtime-verification";
constexpr llvm::StringLiteral kLoopsToLLVM =
    "expand-strided-metadata,lower-affine,arith-expand{include-bf16=true},"
    "convert-scf-to-cf,finalize-memref-to-llvm,convert-arith-to-llvm,"
    "convert-math-to-llvm,convert-index-to-llvm,convert-ub-to-llvm,"
    "convert-cf-to-llvm,convert-func-to-llvm,reconcile-unrealized-casts";

StringRef hostLLVMPipeline() {
  static const std::string pipeline = (kToLoops + "," + kLoopsToLLVM).str();
  return pipeline;
}

StringRef hostCheckedLLVMPipeline() {
  static const std::string pipeline =
      (kToLoops + "," + kRuntimeChecks + "," + kLoopsToLLVM).str();
  return pipeline;
}

void registerHostDialects(DialectRegistry &registry) {
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
}

llvm::Expected<HostLoweringInfo> lowerForHost(ModuleOp module, StringRef entry,
                                              bool checkBounds) {
  static std::once_flag passesRegistered;
  std::call_once(passesRegistered, [] {
    registerAllPasses();
    registerAIEConvPasses();
  });

  if (hasTensors(module)) {
    if (llvm::Error err =
            runPipeline(module, hostBufferizePipeline(), "bufferize"))
      return std::move(err);
  }
  if (llvm::Error err =
          runPipeline(module, hostOutParamsPipeline(), "out-params"))
    return std::move(err);

  HostLoweringInfo info;
  llvm::Expected<std::vector<EntryArgument>> arguments =
      entryArguments(module, entry);
  if (!arguments)
    return arguments.takeError();
  info.arguments = std::move(*arguments);
  for (auto func : module.getOps<func::FuncOp>())
    if (func.isDeclaration())
      info.declarations.push_back(func.getSymName().str());

  stripMemorySpaces(module);
  rewriteStridedCopies(module);
  flattenDenseElementwise(module);
  if (llvm::Error err = runPipeline(
          module, checkBounds ? hostCheckedLLVMPipeline() : hostLLVMPipeline(),
          "to LLVM"))
    return std::move(err);
  return info;
}

} // namespace aieconv::host
