//===- LowerRelayouts.cpp - linalg.pack/unpack become bufferizable ops ----===//
//
// linalg.pack and linalg.unpack say what a DMA does to the layout while
// moving data; bufferization does not take them, so before it they become
// the pad + expand_shape + transpose (and transpose + collapse_shape +
// extract_slice) they mean: copies with a permutation, executable on the
// host and timed as transfers.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"

#define DEBUG_TYPE "aieconv-lower-relayouts"

namespace aieconv {
#define GEN_PASS_DEF_LOWERRELAYOUTSPASS
#include "aieconv/Transforms/Passes.h.inc"
} // namespace aieconv

using namespace mlir;

namespace aieconv {
namespace {

struct LowerRelayoutsPass
    : public impl::LowerRelayoutsPassBase<LowerRelayoutsPass> {
  void runOnOperation() override {
    SmallVector<Operation *> relayouts;
    getOperation()->walk([&](Operation *op) {
      if (isa<linalg::PackOp, linalg::UnPackOp>(op))
        relayouts.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (Operation *op : relayouts) {
      rewriter.setInsertionPoint(op);
      bool lowered =
          isa<linalg::PackOp>(op)
              ? succeeded(linalg::lowerPack(rewriter, cast<linalg::PackOp>(op)))
              : succeeded(
                    linalg::lowerUnPack(rewriter, cast<linalg::UnPackOp>(op)));
      if (!lowered) {
        op->emitError() << "cannot lower this relayout to copies";
        return signalPassFailure();
      }
    }
  }
};

} // namespace
} // namespace aieconv
