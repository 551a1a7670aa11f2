#include "aieconv/Transforms/Passes.h"
namespace aieconv {
#define GEN_PASS_DEF_LOWERTOUKERNELSPASS
#include "aieconv/Transforms/Passes.h.inc"
namespace {
struct LowerToUKernelsPass : impl::LowerToUKernelsPassBase<LowerToUKernelsPass> {
  using Base::Base;
  void runOnOperation() override {}
};
} // namespace
} // namespace aieconv
