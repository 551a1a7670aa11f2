//===- ConvBuilderTest.cpp - SPEC -> IR -> SPEC ---------------------------===//

#include "aieconv/Host/ConvBuilder.h"

#include "aieconv/Spec/SpecParser.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"

#include "llvm/ADT/StringRef.h"

#include "HostTestSupport.h"

#include <gtest/gtest.h>

#include <variant>

using namespace aieconv;
using namespace mlir;

namespace {

/// The names of the ops in the body of @conv, in order.
std::vector<std::string> bodyOps(ModuleOp module) {
  std::vector<std::string> names;
  auto func = module.lookupSymbol<func::FuncOp>("conv");
  for (Operation &op : func.getBody().front())
    names.push_back(op.getName().getStringRef().str());
  return names;
}

std::string typeString(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  type.print(os);
  return text;
}

class ConvBuilderTest : public ::testing::Test {
protected:
  ConvBuilderTest() {
    DialectRegistry registry;
    host::registerConvBuilderDialects(registry);
    context.appendDialectRegistry(registry);
  }

  /// Parses IR and extracts its conv; the error message on failure.
  std::string extractError(llvm::StringRef ir) {
    OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(ir, &context);
    if (!module) {
      ADD_FAILURE() << "test IR does not parse";
      return "";
    }
    llvm::Expected<host::ExtractedConv> conv = host::extractConvSpec(*module);
    if (conv) {
      ADD_FAILURE() << "extraction succeeded: " << formatConvSpec(conv->spec);
      return "";
    }
    return llvm::toString(conv.takeError());
  }

  MLIRContext context;
};

TEST_F(ConvBuilderTest, NhwcBF16WithPaddingHasPadFillAndConv) {
  auto module = host::buildConvModule(
      context,
      hosttest::specOf("op=conv2d_nhwc_hwcf,ih=6,iw=5,ic=8,oc=4,kh=3,kw=3,"
                       "stride=2,ph=1,pw=2"));
  ASSERT_TRUE(succeeded(verify(*module)));
  EXPECT_EQ(
      bodyOps(*module),
      (std::vector<std::string>{"arith.constant", "tensor.pad", "tensor.empty",
                                "arith.constant", "linalg.fill",
                                "linalg.conv_2d_nhwc_hwcf", "func.return"}));
  auto func = module->lookupSymbol<func::FuncOp>("conv");
  EXPECT_EQ(typeString(func.getFunctionType()),
            "(tensor<1x6x5x8xbf16>, tensor<3x3x8x4xbf16>) -> "
            "tensor<1x3x4x4xf32>");
  tensor::PadOp pad = *func.getOps<tensor::PadOp>().begin();
  EXPECT_EQ(pad.getStaticLow(), ArrayRef<int64_t>({0, 1, 2, 0}));
  EXPECT_EQ(pad.getStaticHigh(), ArrayRef<int64_t>({0, 1, 2, 0}));
}

TEST_F(ConvBuilderTest, NoPaddingMeansNoPad) {
  auto module = host::buildConvModule(
      context,
      hosttest::specOf("op=conv2d_nchw_fchw,type=i8,n=2,ih=6,iw=6,ic=4,oc=8,"
                       "kh=3,kw=3,dilation=2"));
  ASSERT_TRUE(succeeded(verify(*module)));
  EXPECT_EQ(
      bodyOps(*module),
      (std::vector<std::string>{"tensor.empty", "arith.constant", "linalg.fill",
                                "linalg.conv_2d_nchw_fchw", "func.return"}));
  auto func = module->lookupSymbol<func::FuncOp>("conv");
  EXPECT_EQ(typeString(func.getFunctionType()),
            "(tensor<2x4x6x6xi8>, tensor<8x4x3x3xi8>) -> tensor<2x8x2x2xi32>");
  auto conv = *func.getOps<linalg::Conv2DNchwFchwOp>().begin();
  EXPECT_EQ(llvm::to_vector(conv.getDilations().getValues<int64_t>()),
            (SmallVector<int64_t>{2, 2}));
}

TEST_F(ConvBuilderTest, DepthwiseAndConv1dLayouts) {
  auto depthwise = host::buildConvModule(
      context,
      hosttest::specOf("op=depthwise_nhwc_hwc,ih=5,iw=5,ic=8,kh=3,kw=3,pad=1"));
  ASSERT_TRUE(succeeded(verify(*depthwise)));
  EXPECT_EQ(
      typeString(
          depthwise->lookupSymbol<func::FuncOp>("conv").getFunctionType()),
      "(tensor<1x5x5x8xbf16>, tensor<3x3x8xbf16>) -> "
      "tensor<1x5x5x8xf32>");
  auto conv1d = host::buildConvModule(
      context,
      hosttest::specOf("op=conv1d_nwc_wcf,type=i8,n=2,iw=9,ic=8,oc=4,kw=3,"
                       "stride=2,pad=1"));
  ASSERT_TRUE(succeeded(verify(*conv1d)));
  auto func = conv1d->lookupSymbol<func::FuncOp>("conv");
  EXPECT_EQ(typeString(func.getFunctionType()),
            "(tensor<2x9x8xi8>, tensor<3x8x4xi8>) -> tensor<2x5x4xi32>");
  auto conv = *func.getOps<linalg::Conv1DNwcWcfOp>().begin();
  EXPECT_EQ(llvm::to_vector(conv.getStrides().getValues<int64_t>()),
            (SmallVector<int64_t>{2}));
}

/// Every op and type, with strides, dilations and asymmetric padding: the
/// spec read back from the built IR is the spec it was built from.
TEST_F(ConvBuilderTest, RoundTrip) {
  const char *specs[] = {
      "op=conv2d_nhwc_hwcf,n=2,ih=7,iw=9,ic=8,oc=4,kh=3,kw=2,sh=2,dw=2,ph=1,"
      "pw=2",
      "op=conv2d_nhwc_hwcf,type=i8,ih=4,iw=4,ic=16,oc=8,kh=1,kw=1",
      "op=conv2d_nchw_fchw,n=2,ih=7,iw=9,ic=8,oc=4,kh=3,kw=2,sw=2,dh=2,pad=1",
      "op=conv2d_nchw_fchw,type=i8,ih=5,iw=5,ic=3,oc=5,kh=3,kw=3",
      "op=depthwise_nhwc_hwc,ih=7,iw=7,ic=16,kh=3,kw=3,stride=2,pad=1",
      "op=depthwise_nhwc_hwc,type=i8,n=3,ih=6,iw=7,ic=8,kh=2,kw=3,dilation=2",
      "op=conv1d_nwc_wcf,iw=12,ic=8,oc=4,kw=3,stride=2,pad=1",
      "op=conv1d_nwc_wcf,type=i8,n=2,iw=9,ic=4,oc=8,kw=2,dilation=3",
  };
  for (const char *text : specs) {
    ConvSpec original = hosttest::specOf(text);
    auto module = host::buildConvModule(context, original);
    ASSERT_TRUE(succeeded(verify(*module))) << text;
    llvm::Expected<host::ExtractedConv> conv = host::extractConvSpec(*module);
    ASSERT_TRUE(static_cast<bool>(conv))
        << text << ": " << llvm::toString(conv.takeError());
    EXPECT_EQ(formatConvSpec(conv->spec), formatConvSpec(original));
    EXPECT_EQ(conv->spec, original);
    EXPECT_EQ(conv->function.getSymName(), "conv");
  }
}

TEST_F(ConvBuilderTest, ExtractionErrors) {
  EXPECT_NE(
      extractError("func.func @f() { return }").find("no convolution found"),
      std::string::npos);

  const char *twoConvs = R"mlir(
    func.func @f(%i: tensor<1x4x4x8xi8>, %w: tensor<1x1x8x8xi8>,
                 %o: tensor<1x4x4x8xi32>) -> tensor<1x4x4x8xi32> {
      %a = linalg.conv_2d_nhwc_hwcf ins(%i, %w : tensor<1x4x4x8xi8>, tensor<1x1x8x8xi8>) outs(%o : tensor<1x4x4x8xi32>) -> tensor<1x4x4x8xi32>
      %b = linalg.conv_2d_nhwc_hwcf ins(%i, %w : tensor<1x4x4x8xi8>, tensor<1x1x8x8xi8>) outs(%a : tensor<1x4x4x8xi32>) -> tensor<1x4x4x8xi32>
      return %b : tensor<1x4x4x8xi32>
    })mlir";
  EXPECT_NE(extractError(twoConvs).find("found 2 convolutions"),
            std::string::npos);

  const char *dynamic = R"mlir(
    func.func @f(%i: tensor<?x4x4x8xi8>, %w: tensor<1x1x8x8xi8>,
                 %o: tensor<?x4x4x8xi32>) -> tensor<?x4x4x8xi32> {
      %a = linalg.conv_2d_nhwc_hwcf ins(%i, %w : tensor<?x4x4x8xi8>, tensor<1x1x8x8xi8>) outs(%o : tensor<?x4x4x8xi32>) -> tensor<?x4x4x8xi32>
      return %a : tensor<?x4x4x8xi32>
    })mlir";
  EXPECT_NE(extractError(dynamic).find("dynamic shape"), std::string::npos);

  const char *f64 = R"mlir(
    func.func @f(%i: tensor<1x4x4x8xf64>, %w: tensor<1x1x8x8xf64>,
                 %o: tensor<1x4x4x8xf64>) -> tensor<1x4x4x8xf64> {
      %a = linalg.conv_2d_nhwc_hwcf ins(%i, %w : tensor<1x4x4x8xf64>, tensor<1x1x8x8xf64>) outs(%o : tensor<1x4x4x8xf64>) -> tensor<1x4x4x8xf64>
      return %a : tensor<1x4x4x8xf64>
    })mlir";
  EXPECT_NE(extractError(f64).find("unsupported element types f64 x f64 -> "
                                   "f64"),
            std::string::npos);

  const char *fhwc = R"mlir(
    func.func @f(%i: tensor<1x4x4x8xi8>, %w: tensor<8x1x1x8xi8>,
                 %o: tensor<1x4x4x8xi32>) -> tensor<1x4x4x8xi32> {
      %a = linalg.conv_2d_nhwc_fhwc ins(%i, %w : tensor<1x4x4x8xi8>, tensor<8x1x1x8xi8>) outs(%o : tensor<1x4x4x8xi32>) -> tensor<1x4x4x8xi32>
      return %a : tensor<1x4x4x8xi32>
    })mlir";
  EXPECT_NE(extractError(fhwc).find(
                "unsupported convolution 'linalg.conv_2d_nhwc_fhwc'"),
            std::string::npos);

  const char *asymmetricPad = R"mlir(
    func.func @f(%i: tensor<1x4x4x8xi8>, %w: tensor<3x3x8x8xi8>) -> tensor<1x3x3x8xi32> {
      %z = arith.constant 0 : i8
      %p = tensor.pad %i low[0, 1, 1, 0] high[0, 0, 0, 0] {
      ^bb0(%a: index, %b: index, %c: index, %d: index):
        tensor.yield %z : i8
      } : tensor<1x4x4x8xi8> to tensor<1x5x5x8xi8>
      %e = tensor.empty() : tensor<1x3x3x8xi32>
      %a = linalg.conv_2d_nhwc_hwcf ins(%p, %w : tensor<1x5x5x8xi8>, tensor<3x3x8x8xi8>) outs(%e : tensor<1x3x3x8xi32>) -> tensor<1x3x3x8xi32>
      return %a : tensor<1x3x3x8xi32>
    })mlir";
  EXPECT_NE(extractError(asymmetricPad).find("equal low and high"),
            std::string::npos);

  // The conv is fine but @f takes its output as an argument and returns it:
  // not the (input, filter) -> output entry the reference is checked with.
  const char *extraArgument = R"mlir(
    func.func @f(%i: tensor<1x4x4x8xi8>, %w: tensor<1x1x8x8xi8>,
                 %o: tensor<1x4x4x8xi32>) -> tensor<1x4x4x8xi32> {
      %a = linalg.conv_2d_nhwc_hwcf ins(%i, %w : tensor<1x4x4x8xi8>, tensor<1x1x8x8xi8>) outs(%o : tensor<1x4x4x8xi32>) -> tensor<1x4x4x8xi32>
      return %a : tensor<1x4x4x8xi32>
    })mlir";
  EXPECT_NE(extractError(extraArgument).find("function @f has type"),
            std::string::npos);
}

} // namespace
