//===- Pipelines.h - aieconv's staged conv pipeline -------------*- C++ -*-===//
//
// The conv pipeline as named stages (tile, pack, ukernel, bufferize), each a
// function filling a pass manager from one options struct and registered with
// PassPipelineRegistration (`aieconv-stage-<name>`), so lit can run a stage
// alone and the driver can stop after any of them. `aieconv-pipeline` runs
// them all.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_PIPELINES_PIPELINES_H
#define AIECONV_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace aieconv {

struct PipelineOptions : public mlir::PassPipelineOptions<PipelineOptions> {
  Option<std::string> device{*this, "device",
                             llvm::cl::desc("Target device: npu1 or npu2"),
                             llvm::cl::init("npu1")};
  Option<std::string> strategy{
      *this, "strategy",
      llvm::cl::desc("Conv strategy: auto, seed, decompose or im2col-l1"),
      llvm::cl::init("auto")};
  Option<bool> report{
      *this, "report",
      llvm::cl::desc("Emit the tiling decision of every conv as a remark"),
      llvm::cl::init(false)};
  Option<std::string> tile{
      *this, "tile",
      llvm::cl::desc("Fixed tiling instead of the search (the schedule's "
                     "`tile` entry); strategy decompose or im2col-l1"),
      llvm::cl::init("")};
};

/// Stage "tile": normalise convs (NCHW and conv_1d to NHWC conv_2d), pad
/// channels and sizes to the schedule, tile over cores and the reduction.
void buildTileStage(mlir::OpPassManager &pm, const PipelineOptions &options);
/// Stage "pack": bring each ukernel's operands into L1 buffers (memory space
/// 2) in the layout the ukernel reads.
void buildPackStage(mlir::OpPassManager &pm, const PipelineOptions &options);
/// Stage "ukernel": unit-window convs to matmuls, registry-checked ukernel
/// calls.
void buildUKernelStage(mlir::OpPassManager &pm, const PipelineOptions &options);
/// Stage "bufferize": tensors to memrefs in memory spaces 1 and 2, ukernel
/// calls emitted on buffers.
void buildBufferizeStage(mlir::OpPassManager &pm,
                         const PipelineOptions &options);

/// The stage names in pipeline order: "tile", "pack", "ukernel", "bufferize".
llvm::ArrayRef<llvm::StringRef> stageNames();
/// Adds the stages up to and including `lastStage` (all when empty); fails
/// on an unknown stage name.
mlir::LogicalResult buildConvPipeline(mlir::OpPassManager &pm,
                                      const PipelineOptions &options,
                                      llvm::StringRef lastStage = "");

/// Registers `aieconv-pipeline` and `aieconv-stage-<name>` for every stage.
void registerPipelines();

} // namespace aieconv

#endif // AIECONV_PIPELINES_PIPELINES_H
