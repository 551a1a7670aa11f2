//===- AieSourceTest.cpp - The AIE-side source text of a call -------------===//

#include "KernelTestSupport.h"

#include "host/HostUKernels.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace aieconv::kernels;
using namespace aieconv::kernels::testing;

namespace {

bool contains(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}

TEST(AieSource, MatmulSourceInstantiatesTheCalledShape) {
  const MatmulVariant *variant = findMatmulVariant(
      Device::Npu1, ElemType::BF16, ElemType::BF16, ElemType::F32);
  ASSERT_NE(variant, nullptr);
  std::string source = aieSourceFor(*variant, {64, 64, 64});
  EXPECT_TRUE(contains(source, "extern \"C\" void "
                               "matmul_bf16_bf16_f32_64x64x64_4x8x4(const "
                               "bfloat16 *a, const bfloat16 *b, float *c)"))
      << source.substr(source.size() - 400);
  EXPECT_TRUE(contains(source, "aieconv::ukernels::matmulRowMajor<bfloat16, "
                               "bfloat16, float, 4, 8, 4>(a, b, c, 64, 64, 64, "
                               "64, 64, 64);"));
  // The kernel text itself, as one self-contained file.
  EXPECT_TRUE(contains(source, "#include <aie_api/aie.hpp>"));
  EXPECT_TRUE(contains(source, "chess_prepare_for_pipelining"));
  EXPECT_TRUE(contains(source, "class MatmulLoopNest"));
  EXPECT_FALSE(contains(source, "#include \""));
}

TEST(AieSource, EveryKindHasASourceBySymbol) {
  std::optional<std::string> blocked =
      aieSourceForSymbol("matmul_blocked_i8_i8_i32_32x32x64_8x8x8");
  ASSERT_TRUE(blocked);
  EXPECT_TRUE(contains(*blocked, "matmulBlocked<int8_t, int8_t, int32_t, 8, "
                                 "8, 8>(a, b, c, 32, 32, 64);"));
  std::optional<std::string> conv =
      aieSourceForSymbol("conv2d_bf16_bf16_bf16_2x8x8_3x3x16_s2x2_d1x1_4x8x4");
  ASSERT_TRUE(conv);
  // Patch 5 x 17 (2 rows / 8 pixels at stride 2 plus the 3x3 halo), 2 IC
  // blocks, 2 OC blocks.
  EXPECT_TRUE(contains(*conv, "ConvGeometry geometry{5, 17, 2, 2, 8, 2, 3, 3, "
                              "2, 2, 1, 1};"));
  // The call's scalars: the window (fixed by the symbol) and the route,
  // which sets where the partial sums come from and go at every call.
  EXPECT_TRUE(contains(*conv, "bfloat16 *out, int64_t strideH, int64_t "
                              "strideW, int64_t dilationH, int64_t dilationW, "
                              "int64_t route)"));
  EXPECT_TRUE(contains(*conv, "geometry.accumulate = (route & 1) != 0;"));
  EXPECT_TRUE(contains(*conv, "conv2dBlocked<bfloat16, bfloat16, bfloat16, "
                              "4, 8, 4>(in, w, out, geometry);"));
  // The walk of output-channel blocks the registry picks for the shape
  // (pairsOutputChannelBlocks), as the host entry does: pairs for this i8
  // call, quads (the default) for the bf16 one.
  std::optional<std::string> i8Pairs =
      aieSourceForSymbol("conv2d_i8_i8_i32_1x56x56_1x1x64_s1x1_d1x1_4x8x8");
  ASSERT_TRUE(i8Pairs);
  EXPECT_TRUE(
      contains(*i8Pairs, "geometry.pairOutputChannelBlocks = true;"));
  EXPECT_FALSE(contains(*conv, "geometry.pairOutputChannelBlocks = true;"));
  // Likewise how the pixel tiles end (triplesLastPixelTiles): 7 tiles of
  // a 3x3 call end in one 3-row block; the i8 call's 14 tiles are pairs.
  std::optional<std::string> triple = aieSourceForSymbol(
      "conv2d_bf16_bf16_f32_7x4x16_3x3x64_s1x1_d1x1_4x8x4");
  ASSERT_TRUE(triple);
  EXPECT_TRUE(contains(*triple, "geometry.tripleLastPixelTiles = true;"));
  EXPECT_FALSE(contains(*i8Pairs, "geometry.tripleLastPixelTiles = true;"));
  std::optional<std::string> depthwise =
      aieSourceForSymbol("dwconv2d_bf16_bf16_f32_4x4x32_3x3_s1x1_d1x1_16");
  ASSERT_TRUE(depthwise);
  EXPECT_TRUE(contains(*depthwise, "depthwiseConv2d<bfloat16, bfloat16, "
                                   "float, 16>(in, w, out, geometry);"));
  std::optional<std::string> zero = aieSourceForSymbol("zero_i32_8x16_4x8");
  ASSERT_TRUE(zero);
  EXPECT_TRUE(contains(*zero, "zeroFill<int32_t, 4, 8>(c, 8, 16, 16);"));
  EXPECT_FALSE(aieSourceForSymbol("matmul_bf16_bf16_f32_6x4x8_4x8x4"));
}

/// Deterministic operands that bf16 and i8 hold exactly.
template <typename T> Buffer<T> patternData(size_t count, int salt) {
  Buffer<T> data(count);
  for (size_t index = 0; index < count; ++index)
    data[index] = T(float(int((index * 37 + salt) % 17) - 8) / 8.0f);
  return data;
}

TEST(AieSource, GeneratedSourceCompilesAndComputesLikeTheHostEntry) {
  // Compile the text aieSourceFor hands out with the host compiler against
  // the emulation, run it, and compare with the host library: the source a
  // user gets is the code the host checks. One blocked matmul and one conv
  // (2x4 outputs x 4 channels, 3x3 over 8 channels: patch 4x6).
  const char *matmulSymbol = "matmul_blocked_bf16_bf16_f32_8x8x16_4x8x4";
  const char *convSymbol = "conv2d_bf16_bf16_f32_2x4x4_3x3x8_s1x1_d1x1_4x8x4";
  std::optional<std::string> matmulSource = aieSourceForSymbol(matmulSymbol);
  std::optional<std::string> convSource = aieSourceForSymbol(convSymbol);
  ASSERT_TRUE(matmulSource && convSource);
  std::string source = *matmulSource + *convSource + R"(
#include <cstdio>
static float pattern(int index, int salt) {
  return float(int((index * 37 + salt) % 17) - 8) / 8.0f;
}
template <typename T> void fill(T *data, int count, int salt) {
  for (int i = 0; i < count; ++i)
    data[i] = T(pattern(i, salt));
}
int main() {
  // Aligned as the AIE's buffers are: the kernels' vector accesses need it.
  alignas(64) bfloat16 a[128], b[128], in[192], w[288];
  alignas(64) float c[64], out[32];
  fill(a, 128, 1), fill(b, 128, 2), fill(c, 64, 3);
  fill(in, 192, 4), fill(w, 288, 5), fill(out, 32, 6);
  matmul_blocked_bf16_bf16_f32_8x8x16_4x8x4(a, b, c);
  // Accumulating onto out, then a reduction's first step (route 0) on
  // start, which must ignore what start holds.
  alignas(64) float start[32];
  fill(start, 32, 7);
  conv2d_bf16_bf16_f32_2x4x4_3x3x8_s1x1_d1x1_4x8x4(in, w, out, 1, 1, 1, 1, 1);
  conv2d_bf16_bf16_f32_2x4x4_3x3x8_s1x1_d1x1_4x8x4(in, w, start, 1, 1, 1, 1,
                                                   0);
  for (float value : c)
    std::printf("%.9g\n", double(value));
  for (float value : out)
    std::printf("%.9g\n", double(value));
  for (float value : start)
    std::printf("%.9g\n", double(value));
}
)";
  std::string dir = ::testing::TempDir();
  std::string sourcePath = dir + "aieconv_aie_source_test.cpp";
  std::string binaryPath = dir + "aieconv_aie_source_test";
  std::string outputPath = dir + "aieconv_aie_source_test.txt";
  std::ofstream(sourcePath) << source;
  std::string compile = std::string(AIECONV_TEST_CXX) + " -std=c++17 -O0 -I" +
                        AIECONV_TEST_AIE_API_DIR + " " + sourcePath + " -o " +
                        binaryPath;
  ASSERT_EQ(std::system(compile.c_str()), 0) << compile;
  ASSERT_EQ(std::system((binaryPath + " > " + outputPath).c_str()), 0);

  Buffer<bfloat16> a = patternData<bfloat16>(128, 1);
  Buffer<bfloat16> b = patternData<bfloat16>(128, 2);
  Buffer<float> c = patternData<float>(64, 3);
  auto matmul = reinterpret_cast<BlockedMatmulFn<bfloat16, bfloat16, float>>(
      lookupHostUKernel(matmulSymbol));
  ASSERT_NE(matmul, nullptr);
  matmul(a.data(), a.data(), 0, 2, 2, 4, 8, 64, 32, 8, 1, //
         b.data(), b.data(), 0, 2, 2, 8, 4, 64, 32, 4, 1, //
         c.data(), c.data(), 0, 2, 2, 4, 4, 32, 16, 4, 1);
  Buffer<bfloat16> in = patternData<bfloat16>(192, 4);
  Buffer<bfloat16> w = patternData<bfloat16>(288, 5);
  Buffer<float> out = patternData<float>(32, 6);
  auto conv = reinterpret_cast<ConvFn<bfloat16, bfloat16, float>>(
      lookupHostUKernel(convSymbol));
  ASSERT_NE(conv, nullptr);
  conv(in.data(), in.data(), 0, 1, 4, 6, 8, 192, 48, 8, 1,             //
       w.data(), w.data(), 0, 1, 3, 3, 1, 8, 4, 288, 96, 32, 32, 4, 1, //
       out.data(), out.data(), 0, 1, 2, 4, 4, 32, 16, 4, 1,            //
       1, 1, 1, 1, 1);
  Buffer<float> start = patternData<float>(32, 7);
  conv(in.data(), in.data(), 0, 1, 4, 6, 8, 192, 48, 8, 1,             //
       w.data(), w.data(), 0, 1, 3, 3, 1, 8, 4, 288, 96, 32, 32, 4, 1, //
       start.data(), start.data(), 0, 1, 2, 4, 4, 32, 16, 4, 1,        //
       1, 1, 1, 1, 0);

  Buffer<float> expected = c;
  expected.insert(expected.end(), out.begin(), out.end());
  expected.insert(expected.end(), start.begin(), start.end());
  std::ifstream output(outputPath);
  for (size_t index = 0; index < expected.size(); ++index) {
    double value = 0;
    ASSERT_TRUE(output >> value) << "output ends at " << index;
    EXPECT_EQ(value, double(expected[index])) << index;
  }
  double extra;
  EXPECT_FALSE(output >> extra) << "more output than results";
}

} // namespace
