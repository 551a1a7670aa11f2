//===- aieconv-opt.cpp - mlir-opt with aieconv's passes -------------------===//

#include "aieconv/Pipelines/Pipelines.h"
#include "aieconv/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  aieconv::registerAIEConvPasses();
  aieconv::registerPipelines();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "aieconv optimizer driver\n", registry));
}
