#include "aieconv/Transforms/Passes.h"
namespace aieconv {
#define GEN_PASS_DEF_CONVTOMATMULPASS
#include "aieconv/Transforms/Passes.h.inc"
namespace {
struct ConvToMatmulPass : impl::ConvToMatmulPassBase<ConvToMatmulPass> {
  void runOnOperation() override {}
};
} // namespace
} // namespace aieconv
