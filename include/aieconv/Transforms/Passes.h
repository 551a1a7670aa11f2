//===- Passes.h - aieconv transformation passes -----------------*- C++ -*-===//

#ifndef AIECONV_TRANSFORMS_PASSES_H
#define AIECONV_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

namespace aieconv {

#define GEN_PASS_DECL
#include "aieconv/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "aieconv/Transforms/Passes.h.inc"

} // namespace aieconv

#endif // AIECONV_TRANSFORMS_PASSES_H
