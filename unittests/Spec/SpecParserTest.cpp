//===- SpecParserTest.cpp - Tests of the SPEC parser ----------------------===//

#include "aieconv/Spec/SpecParser.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace aieconv;

namespace {

/// The parsed spec, or a test failure naming the error.
ConvSpec parseOk(std::string_view text) {
  auto parsed = parseConvSpec(text);
  if (auto *err = std::get_if<SpecError>(&parsed)) {
    ADD_FAILURE() << "'" << text << "' was rejected: " << err->message;
    return {};
  }
  return std::get<ConvSpec>(parsed);
}

/// The error message, or a test failure if the text parsed.
std::string parseError(std::string_view text) {
  auto parsed = parseConvSpec(text);
  if (auto *err = std::get_if<SpecError>(&parsed))
    return err->message;
  ADD_FAILURE() << "'" << text << "' was accepted";
  return "";
}

constexpr const char *kBase = "op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=4,oc=4,"
                              "kh=3,kw=3";

std::string withBase(const std::string &extra) {
  return std::string(kBase) + "," + extra;
}

} // namespace

TEST(SpecParser, ParsesAFullSpec) {
  ConvSpec s = parseOk("op=conv2d_nhwc_hwcf,n=2,ih=56,iw=28,ic=64,oc=32,"
                       "kh=3,kw=5,stride=2,dilation=1,pad=1,type=i8");
  EXPECT_EQ(s.op, ConvOp::Conv2dNhwcHwcf);
  EXPECT_EQ(s.type, ConvType::I8);
  EXPECT_EQ(s.n, 2);
  EXPECT_EQ(s.ih, 56);
  EXPECT_EQ(s.iw, 28);
  EXPECT_EQ(s.ic, 64);
  EXPECT_EQ(s.oc, 32);
  EXPECT_EQ(s.kh, 3);
  EXPECT_EQ(s.kw, 5);
  EXPECT_EQ(s.sh, 2);
  EXPECT_EQ(s.sw, 2);
  EXPECT_EQ(s.ph, 1);
  EXPECT_EQ(s.pw, 1);
  EXPECT_EQ(s.oh(), 28); // (56 + 2 - 2 - 1) / 2 + 1
  EXPECT_EQ(s.ow(), 13); // (28 + 2 - 4 - 1) / 2 + 1
  EXPECT_TRUE(s.name.empty());
}

TEST(SpecParser, Defaults) {
  ConvSpec s = parseOk(kBase);
  EXPECT_EQ(s.type, ConvType::BF16);
  EXPECT_EQ(s.n, 1);
  EXPECT_EQ(s.sh, 1);
  EXPECT_EQ(s.sw, 1);
  EXPECT_EQ(s.dh, 1);
  EXPECT_EQ(s.dw, 1);
  EXPECT_EQ(s.ph, 0);
  EXPECT_EQ(s.pw, 0);
  EXPECT_EQ(s.oh(), 6);
}

TEST(SpecParser, PerAxisKeysOverrideInEitherOrder) {
  for (const char *extra : {"stride=2,sh=3,dilation=2,dw=1,pad=1,pw=2",
                            "sh=3,stride=2,dw=1,dilation=2,pw=2,pad=1"}) {
    ConvSpec s = parseOk(withBase(extra));
    EXPECT_EQ(s.sh, 3) << extra;
    EXPECT_EQ(s.sw, 2) << extra;
    EXPECT_EQ(s.dh, 2) << extra;
    EXPECT_EQ(s.dw, 1) << extra;
    EXPECT_EQ(s.ph, 1) << extra;
    EXPECT_EQ(s.pw, 2) << extra;
  }
}

TEST(SpecParser, NameWhitespaceAndTypes) {
  ConvSpec s = parseOk("  res2a_b2b :  op = conv2d_nchw_fchw , ih=4, iw=4,"
                       "ic=1,oc=1,kh=1,kw=1 ,type=bf16 ");
  EXPECT_EQ(s.name, "res2a_b2b");
  EXPECT_EQ(s.op, ConvOp::Conv2dNchwFchw);
  EXPECT_EQ(s.type, ConvType::BF16);
}

TEST(SpecParser, DepthwiseTakesOcFromIc) {
  ConvSpec s = parseOk("op=depthwise_nhwc_hwc,ih=112,iw=112,ic=32,kh=3,kw=3,"
                       "pad=1");
  EXPECT_EQ(s.oc, 32);
  EXPECT_EQ(s.macs(), 112 * 112 * 32 * 9);
  EXPECT_EQ(s.reductionSize(), 9);
  EXPECT_EQ(s.filterElements(), 3 * 3 * 32);
  EXPECT_EQ(parseError("op=depthwise_nhwc_hwc,ih=8,iw=8,ic=4,oc=4,kh=3,kw=3"),
            "'oc' is not allowed for depthwise_nhwc_hwc (its output channels "
            "are its input channels)");
}

TEST(SpecParser, Conv1dUsesTheWidthOnly) {
  ConvSpec s = parseOk("op=conv1d_nwc_wcf,iw=16,ic=4,oc=8,kw=3,stride=2,"
                       "dilation=2,pad=1");
  EXPECT_EQ(s.ih, 1);
  EXPECT_EQ(s.kh, 1);
  EXPECT_EQ(s.sh, 1);
  EXPECT_EQ(s.dh, 1);
  EXPECT_EQ(s.ph, 0);
  EXPECT_EQ(s.sw, 2);
  EXPECT_EQ(s.dw, 2);
  EXPECT_EQ(s.pw, 1);
  EXPECT_EQ(s.oh(), 1);
  EXPECT_EQ(s.ow(), 7); // (16 + 2 - 4 - 1) / 2 + 1
  // Neutral height values are accepted.
  parseOk("op=conv1d_nwc_wcf,ih=1,kh=1,sh=1,dh=1,ph=0,iw=16,ic=4,oc=8,kw=3");
  EXPECT_EQ(parseError("op=conv1d_nwc_wcf,iw=16,ic=4,oc=8,kw=3,kh=3"),
            "'kh' must be 1 for conv1d_nwc_wcf (it has no height axis), got "
            "'3'");
  EXPECT_EQ(parseError("op=conv1d_nwc_wcf,iw=16,ic=4,oc=8,kw=3,ih=5"),
            "'ih' must be 1 for conv1d_nwc_wcf (it has no height axis), got "
            "'5'");
  EXPECT_EQ(parseError("op=conv1d_nwc_wcf,iw=16,ic=4,oc=8,kw=3,ph=1"),
            "'ph' must be 0 for conv1d_nwc_wcf (it has no height axis), got "
            "'1'");
  EXPECT_EQ(parseError("op=conv1d_nwc_wcf,iw=16,ic=4,oc=8,kw=3,sh=2"),
            "'sh' must be 1 for conv1d_nwc_wcf (it has no height axis), got "
            "'2'");
  EXPECT_EQ(parseError("op=conv1d_nwc_wcf,iw=16,ic=4,oc=8,kw=3,dh=2"),
            "'dh' must be 1 for conv1d_nwc_wcf (it has no height axis), got "
            "'2'");
  EXPECT_EQ(parseError("op=conv1d_nwc_wcf,iw=16,ic=4,oc=8"),
            "missing key 'kw'");
}

TEST(SpecParser, KeyErrors) {
  EXPECT_EQ(parseError(withBase("foo=1")), "unknown key 'foo'");
  EXPECT_EQ(parseError(withBase("n=1,n=2")), "duplicate key 'n'");
  EXPECT_EQ(parseError(withBase("stride=1,stride=1")),
            "duplicate key 'stride'");
  EXPECT_EQ(parseError(withBase("pad")),
            "malformed entry 'pad' (expected key=value)");
  EXPECT_EQ(parseError(withBase("pad=")), "'pad' has no value");
  EXPECT_EQ(parseError(std::string(kBase) + ","),
            "empty entry in SPEC (stray ',')");
  EXPECT_EQ(parseError("op=conv2d_nhwc_hwcf,,ih=1"),
            "empty entry in SPEC (stray ',')");
  EXPECT_EQ(parseError(""), "empty SPEC");
  EXPECT_EQ(parseError("   "), "empty SPEC");
  EXPECT_EQ(parseError("conv1:"), "empty SPEC after the layer name 'conv1'");
  EXPECT_EQ(parseError("bad name: op=conv2d_nhwc_hwcf"),
            "invalid layer name 'bad name' (use letters, digits, '_', '-' "
            "and '.')");
  EXPECT_EQ(parseError("op=conv2d_nhwc_hwcf,ih=8:,iw=8"),
            "'ih' must be a positive integer, got '8:'");
  EXPECT_EQ(parseError(": op=conv2d_nhwc_hwcf"),
            "invalid layer name '' (use letters, digits, '_', '-' and '.')");
}

TEST(SpecParser, MissingKeys) {
  EXPECT_EQ(parseError("ih=8,iw=8,ic=4,oc=4,kh=3,kw=3"), "missing key 'op'");
  EXPECT_EQ(parseError("op=conv2d_nhwc_hwcf,iw=8,ic=4,oc=4,kh=3,kw=3"),
            "missing key 'ih'");
  EXPECT_EQ(parseError("op=conv2d_nhwc_hwcf,ih=8,ic=4,oc=4,kh=3,kw=3"),
            "missing key 'iw'");
  EXPECT_EQ(parseError("op=conv2d_nhwc_hwcf,ih=8,iw=8,oc=4,kh=3,kw=3"),
            "missing key 'ic'");
  EXPECT_EQ(parseError("op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=4,kh=3,kw=3"),
            "missing key 'oc'");
  EXPECT_EQ(parseError("op=conv2d_nchw_fchw,ih=8,iw=8,ic=4,oc=4,kw=3"),
            "missing key 'kh'");
  EXPECT_EQ(parseError("op=depthwise_nhwc_hwc,ih=8,iw=8,kh=3,kw=3"),
            "missing key 'ic'");
}

TEST(SpecParser, ValueErrors) {
  EXPECT_EQ(parseError("op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=4,oc=4,kh=-1,kw=3"),
            "'kh' must be a positive integer, got '-1'");
  EXPECT_EQ(parseError("op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=0,oc=4,kh=1,kw=3"),
            "'ic' must be a positive integer, got '0'");
  EXPECT_EQ(parseError(withBase("n=abc")),
            "'n' must be a positive integer, got 'abc'");
  EXPECT_EQ(parseError(withBase("n=3x")),
            "'n' must be a positive integer, got '3x'");
  EXPECT_EQ(parseError(withBase("n=+3")),
            "'n' must be a positive integer, got '+3'");
  EXPECT_EQ(parseError(withBase("n=1.5")),
            "'n' must be a positive integer, got '1.5'");
  EXPECT_EQ(parseError(withBase("n=-")),
            "'n' must be a positive integer, got '-'");
  EXPECT_EQ(parseError(withBase("stride=0")),
            "'stride' must be a positive integer, got '0'");
  EXPECT_EQ(parseError(withBase("dw=0")),
            "'dw' must be a positive integer, got '0'");
  EXPECT_EQ(parseError(withBase("pad=-1")),
            "'pad' must be a non-negative integer, got '-1'");
  EXPECT_EQ(parseError(withBase("ph=-2")),
            "'ph' must be a non-negative integer, got '-2'");
  EXPECT_EQ(parseError(withBase("n=99999999999999999999999")),
            "'n' is too large, got '99999999999999999999999' (at most "
            "2147483647)");
  EXPECT_EQ(parseError(withBase("n=2147483648")),
            "'n' is too large, got '2147483648' (at most 2147483647)");
  EXPECT_EQ(parseError(withBase("n=-99999999999999999999999")),
            "'n' must be a positive integer, got '-99999999999999999999999'");
  parseOk(withBase("n=2147483647"));
  parseOk(withBase("pad=0"));
}

TEST(SpecParser, OpAndTypeErrors) {
  EXPECT_EQ(parseError("op=conv3d,ih=8,iw=8,ic=4,oc=4,kh=3,kw=3"),
            "unknown op 'conv3d' (expected conv2d_nhwc_hwcf, "
            "conv2d_nchw_fchw, depthwise_nhwc_hwc or conv1d_nwc_wcf)");
  EXPECT_EQ(parseError(withBase("type=f64")),
            "unsupported type 'f64' (expected bf16 or i8)");
  EXPECT_EQ(parseError(withBase("type=BF16")),
            "unsupported type 'BF16' (expected bf16 or i8)");
}

TEST(SpecParser, EmptyOutput) {
  EXPECT_EQ(parseError("op=conv2d_nhwc_hwcf,ih=2,iw=8,ic=1,oc=1,kh=5,kw=1"),
            "empty output: the dilated kernel height 5 (dh*(kh-1)+1) exceeds "
            "the padded input height 2 (ih+2*ph)");
  EXPECT_EQ(parseError("op=conv2d_nhwc_hwcf,ih=8,iw=4,ic=1,oc=1,kh=1,kw=3,"
                       "dw=2"),
            "empty output: the dilated kernel width 5 (dw*(kw-1)+1) exceeds "
            "the padded input width 4 (iw+2*pw)");
  // Padding makes room: 2 + 2*2 >= 5.
  ConvSpec s = parseOk("op=conv2d_nhwc_hwcf,ih=2,iw=8,ic=1,oc=1,kh=5,kw=1,"
                       "ph=2");
  EXPECT_EQ(s.oh(), 2);
  // Exactly fitting gives one output row.
  EXPECT_EQ(parseOk("op=conv2d_nhwc_hwcf,ih=5,iw=5,ic=1,oc=1,kh=5,kw=5").oh(),
            1);
}

TEST(SpecParser, SizesThatOverflowAreRejected) {
  EXPECT_EQ(parseError("op=conv2d_nhwc_hwcf,n=2147483647,ih=2147483647,"
                       "iw=2147483647,ic=4,oc=1,kh=1,kw=1"),
            "layer too large: the input element count overflows 64-bit "
            "integers");
  EXPECT_EQ(parseError("op=conv2d_nhwc_hwcf,ih=1,iw=1,ic=2147483647,"
                       "oc=2147483647,kh=1000,kw=1000,pad=1000"),
            "layer too large: the filter element count overflows 64-bit "
            "integers");
  EXPECT_EQ(parseError("op=conv2d_nhwc_hwcf,n=65536,ih=65536,iw=65536,ic=1,"
                       "oc=65536,kh=1,kw=1"),
            "layer too large: the output element count overflows 64-bit "
            "integers");
  EXPECT_EQ(parseError("op=conv2d_nhwc_hwcf,n=1,ih=65536,iw=65536,ic=65536,"
                       "oc=65536,kh=1,kw=1"),
            "layer too large: the MAC count overflows 64-bit integers");
}

TEST(SpecParser, RoundTrip) {
  const char *specs[] = {
      "op=conv2d_nhwc_hwcf,ih=224,iw=224,ic=3,oc=64,kh=7,kw=7,stride=2,pad=3",
      "l1: op=conv2d_nchw_fchw,n=3,ih=9,iw=11,ic=5,oc=7,kh=3,kw=2,sh=2,sw=1,"
      "dh=1,dw=3,ph=0,pw=2,type=i8",
      "op=depthwise_nhwc_hwc,ih=14,iw=14,ic=576,kh=3,kw=3,stride=2,pad=1",
      "op=conv1d_nwc_wcf,n=2,iw=33,ic=8,oc=16,kw=5,stride=3,dilation=2,pad=4",
      "x.y-z_0: op=conv2d_nhwc_hwcf,ih=7,iw=7,ic=1,oc=1,kh=1,kw=1,dh=2",
  };
  for (const char *text : specs) {
    ConvSpec s = parseOk(text);
    std::string canonical = formatConvSpec(s);
    ConvSpec again = parseOk(canonical);
    EXPECT_EQ(again, s) << text << " -> " << canonical;
    // Canonical text is a fixed point.
    EXPECT_EQ(formatConvSpec(again), canonical);
  }
  EXPECT_EQ(formatConvSpec(parseOk(specs[0])),
            "op=conv2d_nhwc_hwcf,type=bf16,n=1,ih=224,iw=224,ic=3,oc=64,"
            "kh=7,kw=7,stride=2,dilation=1,pad=3");
  EXPECT_EQ(formatConvSpec(parseOk(specs[1])),
            "l1: op=conv2d_nchw_fchw,type=i8,n=3,ih=9,iw=11,ic=5,oc=7,kh=3,"
            "kw=2,sh=2,sw=1,dh=1,dw=3,ph=0,pw=2");
  EXPECT_EQ(formatConvSpec(parseOk(specs[3])),
            "op=conv1d_nwc_wcf,type=bf16,n=2,iw=33,ic=8,oc=16,kw=5,stride=3,"
            "dilation=2,pad=4");
}

TEST(SpecParser, EqualityComparesEveryField) {
  ConvSpec a = parseOk(kBase);
  ConvSpec b = a;
  EXPECT_EQ(a, b);
  b.pw = 1;
  EXPECT_NE(a, b);
  b = a;
  b.name = "x";
  EXPECT_NE(a, b);
  b = a;
  b.type = ConvType::I8;
  EXPECT_NE(a, b);
}

TEST(SpecParser, SuiteSkipsCommentsAndNumbersErrors) {
  std::string text = "# header\n"
                     "\n"
                     "a: op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=4,oc=4,kh=3,kw=3\r\n"
                     "   # indented comment\n"
                     "b: op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=4,kh=3,kw=3\n"
                     "c: op=conv1d_nwc_wcf,iw=8,ic=4,oc=4,kw=3 # trailing\n"
                     "a: op=conv1d_nwc_wcf,iw=8,ic=4,oc=4,kw=3\n"
                     "op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=4,oc=4,kh=3,kw=3,q=1";
  SuiteParseResult r = parseSuite(text);
  ASSERT_EQ(r.specs.size(), 2u);
  EXPECT_EQ(r.specs[0].name, "a");
  EXPECT_EQ(r.specs[1].name, "c");
  EXPECT_EQ(r.specs[1].op, ConvOp::Conv1dNwcWcf);
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].line, 5);
  EXPECT_EQ(r.errors[0].message, "line 5: missing key 'oc'");
  EXPECT_EQ(r.errors[1].message,
            "line 7: duplicate layer name 'a' (first on line 3)");
  EXPECT_EQ(r.errors[2].message, "line 8: unknown key 'q'");
  EXPECT_TRUE(parseSuite("").ok());
  EXPECT_TRUE(parseSuite("# only\n\n").specs.empty());
}

/// A name may say how often the layer occurs in its network: `name xN:`;
/// without it, once. A count that is not a positive integer is an error
/// of its line.
TEST(SpecParser, SuiteReadsOccurrences) {
  std::string text = "a x3: op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=4,oc=4,kh=1,kw=1\n"
                     "b: op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=4,oc=4,kh=1,kw=1\n"
                     "c x0: op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=4,oc=4,kh=1,kw=1\n"
                     "d xy: op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=4,oc=4,kh=1,kw=1\n"
                     "e  x12 : op=conv1d_nwc_wcf,iw=8,ic=4,oc=4,kw=3\n";
  SuiteParseResult r = parseSuite(text);
  ASSERT_EQ(r.specs.size(), 3u);
  ASSERT_EQ(r.occurrences.size(), 3u);
  EXPECT_EQ(r.specs[0].name, "a");
  EXPECT_EQ(r.occurrences[0], 3);
  EXPECT_EQ(r.specs[1].name, "b");
  EXPECT_EQ(r.occurrences[1], 1);
  EXPECT_EQ(r.specs[2].name, "e");
  EXPECT_EQ(r.occurrences[2], 12);
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].message,
            "line 3: the occurrences after the name must be xN with N a "
            "positive integer, got 'x0'");
  EXPECT_EQ(r.errors[1].line, 4);
}

TEST(SpecParser, HelpMentionsEveryKeyAndOp) {
  std::string help(specSyntaxHelp());
  for (const char *word : {"op",
                           "type",
                           "ih",
                           "iw",
                           "ic",
                           "oc",
                           "kh",
                           "kw",
                           "stride",
                           "sh",
                           "sw",
                           "dilation",
                           "dh",
                           "dw",
                           "pad",
                           "ph",
                           "pw",
                           "conv2d_nhwc_hwcf",
                           "conv2d_nchw_fchw",
                           "depthwise_nhwc_hwc",
                           "conv1d_nwc_wcf",
                           "bf16",
                           "i8"})
    EXPECT_NE(help.find(word), std::string::npos) << word;
}

//===----------------------------------------------------------------------===//
// The bench suites
//===----------------------------------------------------------------------===//

namespace {

/// Reads a suite file from the bench directory, or returns false.
bool readSuite(const std::string &file, std::string &text) {
  std::ifstream in(std::string(AIECONV_BENCH_DIR) + "/" + file);
  if (!in)
    return false;
  std::stringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return true;
}

const ConvSpec *findLayer(const SuiteParseResult &suite,
                          const std::string &name) {
  for (const ConvSpec &s : suite.specs)
    if (s.name == name)
      return &s;
  return nullptr;
}

} // namespace

TEST(BenchSuites, ResNet50ParsesWithKnownMacs) {
  std::string text;
  if (!readSuite("resnet50.txt", text))
    GTEST_FAIL() << "resnet50.txt not found in " << AIECONV_BENCH_DIR;
  SuiteParseResult suite = parseSuite(text);
  for (const SpecError &e : suite.errors)
    ADD_FAILURE() << e.message;
  EXPECT_EQ(suite.specs.size(), 20u);
  for (const ConvSpec &s : suite.specs) {
    EXPECT_FALSE(s.name.empty());
    EXPECT_EQ(parseOk(formatConvSpec(s)), s);
  }

  // Hand-computed: OH * OW * OC * KH * KW * IC.
  struct Expected {
    const char *name;
    int64_t oh, macs;
  } expected[] = {
      {"conv1", 112, 112LL * 112 * 64 * 7 * 7 * 3},   // 118013952
      {"res2a_b2b", 56, 56LL * 56 * 64 * 3 * 3 * 64}, // 115605504
      {"res3a_b1", 28, 28LL * 28 * 512 * 256},        // 102760448
      {"res5a_b2b", 7, 7LL * 7 * 512 * 9 * 512},      // 115605504
      {"res5b_b2a", 7, 7LL * 7 * 512 * 2048},         // 51380224
  };
  EXPECT_EQ(expected[0].macs, 118013952);
  EXPECT_EQ(expected[1].macs, 115605504);
  EXPECT_EQ(expected[2].macs, 102760448);
  for (const Expected &e : expected) {
    const ConvSpec *s = findLayer(suite, e.name);
    ASSERT_NE(s, nullptr) << e.name;
    EXPECT_EQ(s->oh(), e.oh) << e.name;
    EXPECT_EQ(s->ow(), e.oh) << e.name;
    EXPECT_EQ(s->macs(), e.macs) << e.name;
  }
}

TEST(BenchSuites, MobileNetV2Parses) {
  std::string text;
  if (!readSuite("mobilenet_v2.txt", text))
    GTEST_FAIL() << "mobilenet_v2.txt not found in " << AIECONV_BENCH_DIR;
  SuiteParseResult suite = parseSuite(text);
  for (const SpecError &e : suite.errors)
    ADD_FAILURE() << e.message;
  EXPECT_EQ(suite.specs.size(), 30u);
  for (const ConvSpec &s : suite.specs)
    EXPECT_EQ(parseOk(formatConvSpec(s)), s);
  const ConvSpec *dw = findLayer(suite, "dw_96_s2");
  ASSERT_NE(dw, nullptr);
  EXPECT_EQ(dw->op, ConvOp::DepthwiseNhwcHwc);
  EXPECT_EQ(dw->oc, 96);
  EXPECT_EQ(dw->oh(), 56); // (112 + 2 - 2 - 1) / 2 + 1
  EXPECT_EQ(dw->macs(), 56LL * 56 * 96 * 9);
}
