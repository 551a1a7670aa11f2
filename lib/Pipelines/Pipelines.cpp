//===- Pipelines.cpp - aieconv's staged conv pipeline ---------------------===//

#include "aieconv/Pipelines/Pipelines.h"

#include "aieconv/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

namespace aieconv {

void buildTileStage(OpPassManager &pm, const PipelineOptions &options) {
  pm.addPass(createNormalizeConvsPass());
  TileConvsPassOptions tile;
  tile.device = options.device;
  tile.strategy = options.strategy;
  tile.report = options.report;
  tile.fixedTile = options.tile;
  pm.addPass(createTileConvsPass(tile));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  // Unit-window convs left by the reduction tiling become matmuls or, over
  // strided windows, plain contractions that the pack stage makes dense.
  pm.addPass(createConvToMatmulPass());
}

void buildPackStage(OpPassManager &pm, const PipelineOptions &options) {
  (void)options;
  pm.addPass(createPromoteOperandsPass());
}

void buildUKernelStage(OpPassManager &pm, const PipelineOptions &options) {
  pm.addPass(createConvToMatmulPass());
  LowerToUKernelsPassOptions ukernels;
  ukernels.device = options.device;
  pm.addPass(createLowerToUKernelsPass(ukernels));
}

void buildBufferizeStage(OpPassManager &pm, const PipelineOptions &options) {
  pm.addPass(createLowerRelayoutsPass());
  pm.addPass(createCanonicalizerPass());
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  LowerToUKernelsPassOptions ukernels;
  ukernels.device = options.device;
  pm.addPass(createLowerToUKernelsPass(ukernels));
  // Buffers of a core tile are freed when it ends, as its L1 is reused.
  bufferization::BufferDeallocationPipelineOptions deallocation;
  bufferization::buildBufferDeallocationPipeline(pm, deallocation);
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createSplitLastStepPass());
}

ArrayRef<StringRef> stageNames() {
  static const StringRef names[] = {"tile", "pack", "ukernel", "bufferize"};
  return names;
}

LogicalResult buildConvPipeline(OpPassManager &pm,
                                const PipelineOptions &options,
                                StringRef lastStage) {
  using Builder = void (*)(OpPassManager &, const PipelineOptions &);
  static const Builder builders[] = {buildTileStage, buildPackStage,
                                     buildUKernelStage, buildBufferizeStage};
  if (!lastStage.empty() && !llvm::is_contained(stageNames(), lastStage))
    return failure();
  for (auto [name, build] : llvm::zip(stageNames(), builders)) {
    build(pm, options);
    if (name == lastStage)
      break;
  }
  return success();
}

void registerPipelines() {
  PassPipelineRegistration<PipelineOptions>(
      "aieconv-pipeline", "The whole aieconv conv pipeline",
      [](OpPassManager &pm, const PipelineOptions &options) {
        (void)buildConvPipeline(pm, options);
      });
  PassPipelineRegistration<PipelineOptions>(
      "aieconv-stage-tile", "aieconv stage 'tile'", buildTileStage);
  PassPipelineRegistration<PipelineOptions>(
      "aieconv-stage-pack", "aieconv stage 'pack'", buildPackStage);
  PassPipelineRegistration<PipelineOptions>(
      "aieconv-stage-ukernel", "aieconv stage 'ukernel'", buildUKernelStage);
  PassPipelineRegistration<PipelineOptions>(
      "aieconv-stage-bufferize", "aieconv stage 'bufferize'",
      buildBufferizeStage);
}

} // namespace aieconv
