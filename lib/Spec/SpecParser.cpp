//===- SpecParser.cpp - SPEC text <-> ConvSpec ----------------------------===//
//
// The parser works in two steps: first every `key=value` entry is checked on
// its own (known key, not repeated, value well formed), then the entries are
// interpreted together, because what is legal for one key depends on others
// (`op` decides whether `kh` or `oc` may appear, per-axis keys override the
// both-axes keys regardless of their order in the text).
//
//===----------------------------------------------------------------------===//

#include "aieconv/Spec/SpecParser.h"

#include <array>
#include <cctype>
#include <map>
#include <optional>

namespace aieconv {
namespace {

/// Every value is at most this large. It keeps the output-size arithmetic
/// (ih + 2 * ph - dh * (kh - 1)) far from int64_t overflow, so only the
/// products of sizes need checked arithmetic.
constexpr int64_t kMaxValue = 2147483647;

enum Key : int {
  kOp,
  kType,
  kN,
  kIh,
  kIw,
  kIc,
  kOc,
  kKh,
  kKw,
  kStride,
  kDilation,
  kPad,
  kSh,
  kSw,
  kDh,
  kDw,
  kPh,
  kPw,
  kNumKeys
};

constexpr std::array<std::string_view, kNumKeys> kKeyNames = {
    "op",     "type",     "n",   "ih", "iw", "ic", "oc", "kh", "kw",
    "stride", "dilation", "pad", "sh", "sw", "dh", "dw", "ph", "pw"};

constexpr std::array<ConvOp, 4> kOps = {
    ConvOp::Conv2dNhwcHwcf, ConvOp::Conv2dNchwFchw, ConvOp::DepthwiseNhwcHwc,
    ConvOp::Conv1dNwcWcf};

bool isPadKey(int key) { return key == kPad || key == kPh || key == kPw; }

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string_view trim(std::string_view s) {
  auto isSpace = [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
  };
  while (!s.empty() && isSpace(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && isSpace(s.back()))
    s.remove_suffix(1);
  return s;
}

std::optional<int> lookupKey(std::string_view name) {
  for (int k = 0; k < kNumKeys; ++k)
    if (kKeyNames[k] == name)
      return k;
  return std::nullopt;
}

/// Parses a decimal integer value of `key`. Only digits with an optional
/// leading '-' are accepted (no '+', no hex, no spaces inside), so a typo
/// such as "3x" is an error rather than a silent 3.
std::optional<SpecError> parseInteger(int key, std::string_view text,
                                      int64_t &value) {
  std::string_view name = kKeyNames[key];
  std::string expectation =
      isPadKey(key) ? "a non-negative integer" : "a positive integer";
  auto notValid = [&] {
    return SpecError{quoted(name) + " must be " + expectation + ", got " +
                     quoted(text)};
  };
  std::string_view digits = text;
  bool negative = false;
  if (!digits.empty() && digits.front() == '-') {
    negative = true;
    digits.remove_prefix(1);
  }
  if (digits.empty())
    return notValid();
  int64_t magnitude = 0;
  for (char c : digits) {
    if (c < '0' || c > '9')
      return notValid();
    magnitude = magnitude * 10 + (c - '0');
    if (magnitude > kMaxValue) {
      if (negative)
        return notValid();
      return SpecError{quoted(name) + " is too large, got " + quoted(text) +
                       " (at most " + std::to_string(kMaxValue) + ")"};
    }
  }
  value = negative ? -magnitude : magnitude;
  if (value < 0 || (value == 0 && !isPadKey(key)))
    return notValid();
  return std::nullopt;
}

bool isValidName(std::string_view name) {
  if (name.empty())
    return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' &&
        c != '.')
      return false;
  return true;
}

/// Checked a * b for non-negative operands.
bool mulFits(int64_t a, int64_t b, int64_t &result) {
  return !__builtin_mul_overflow(a, b, &result);
}

/// Rejects layers whose operand sizes or MAC count do not fit in int64_t, so
/// every consumer can use ConvSpec's size helpers without checking.
std::optional<SpecError> checkSizesFit(const ConvSpec &s) {
  auto product = [](std::initializer_list<int64_t> factors, int64_t &result) {
    result = 1;
    for (int64_t f : factors)
      if (!mulFits(result, f, result))
        return false;
    return true;
  };
  int64_t r;
  int64_t f = s.op == ConvOp::DepthwiseNhwcHwc ? 1 : s.oc;
  int64_t c = s.op == ConvOp::DepthwiseNhwcHwc ? 1 : s.ic;
  if (!product({s.n, s.ih, s.iw, s.ic}, r))
    return SpecError{"layer too large: the input element count overflows "
                     "64-bit integers"};
  if (!product({s.kh, s.kw, s.ic, f}, r))
    return SpecError{"layer too large: the filter element count overflows "
                     "64-bit integers"};
  if (!product({s.n, s.oh(), s.ow(), s.oc}, r))
    return SpecError{"layer too large: the output element count overflows "
                     "64-bit integers"};
  if (!product({s.n, s.oh(), s.ow(), s.oc, s.kh, s.kw, c}, r))
    return SpecError{"layer too large: the MAC count overflows 64-bit "
                     "integers"};
  return std::nullopt;
}

/// The output of one axis is empty when the dilated kernel does not fit in
/// the padded input. Checked explicitly because ConvSpec::oh() rounds the
/// negative numerator toward zero and would report one output row.
std::optional<SpecError> checkAxis(const char *axis, const char *in,
                                   const char *k, const char *d, const char *p,
                                   int64_t inSize, int64_t kSize, int64_t dil,
                                   int64_t pad) {
  int64_t extent = dil * (kSize - 1) + 1;
  int64_t padded = inSize + 2 * pad;
  if (extent <= padded)
    return std::nullopt;
  return SpecError{std::string("empty output: the dilated kernel ") + axis +
                   " " + std::to_string(extent) + " (" + d + "*(" + k +
                   "-1)+1) exceeds the padded input " + axis + " " +
                   std::to_string(padded) + " (" + in + "+2*" + p + ")"};
}

} // namespace

std::string_view convOpName(ConvOp op) {
  switch (op) {
  case ConvOp::Conv2dNhwcHwcf:
    return "conv2d_nhwc_hwcf";
  case ConvOp::Conv2dNchwFchw:
    return "conv2d_nchw_fchw";
  case ConvOp::DepthwiseNhwcHwc:
    return "depthwise_nhwc_hwc";
  case ConvOp::Conv1dNwcWcf:
    return "conv1d_nwc_wcf";
  }
  return "?";
}

std::string_view convTypeName(ConvType type) {
  return type == ConvType::I8 ? "i8" : "bf16";
}

std::variant<ConvSpec, SpecError> parseConvSpec(std::string_view text) {
  ConvSpec spec;
  text = trim(text);
  if (text.empty())
    return SpecError{"empty SPEC"};

  // An optional "name:" prefix. No value contains ':', so the first one ends
  // the name, unless an entry comes before it: then the ':' is a typo inside
  // a value and is reported as such.
  size_t colon = text.find(':');
  if (colon != std::string_view::npos &&
      text.substr(0, colon).find_first_of("=,") == std::string_view::npos) {
    std::string_view name = trim(text.substr(0, colon));
    if (!isValidName(name))
      return SpecError{"invalid layer name " + quoted(name) +
                       " (use letters, digits, '_', '-' and '.')"};
    spec.name = std::string(name);
    text = trim(text.substr(colon + 1));
    if (text.empty())
      return SpecError{"empty SPEC after the layer name " + quoted(name)};
  }

  // Step 1: each entry on its own.
  std::array<bool, kNumKeys> given{};
  std::array<std::string_view, kNumKeys> raw{};
  std::array<int64_t, kNumKeys> value{};
  std::optional<ConvOp> op;
  while (true) {
    size_t comma = text.find(',');
    std::string_view entry = trim(text.substr(0, comma));
    if (entry.empty())
      return SpecError{"empty entry in SPEC (stray ',')"};
    size_t eq = entry.find('=');
    if (eq == std::string_view::npos)
      return SpecError{"malformed entry " + quoted(entry) +
                       " (expected key=value)"};
    std::string_view keyText = trim(entry.substr(0, eq));
    std::string_view valueText = trim(entry.substr(eq + 1));
    std::optional<int> key = lookupKey(keyText);
    if (!key)
      return SpecError{"unknown key " + quoted(keyText)};
    if (given[*key])
      return SpecError{"duplicate key " + quoted(keyText)};
    if (valueText.empty())
      return SpecError{quoted(keyText) + " has no value"};
    given[*key] = true;
    raw[*key] = valueText;
    if (*key == kOp) {
      for (ConvOp candidate : kOps)
        if (convOpName(candidate) == valueText)
          op = candidate;
      if (!op)
        return SpecError{"unknown op " + quoted(valueText) +
                         " (expected conv2d_nhwc_hwcf, conv2d_nchw_fchw, "
                         "depthwise_nhwc_hwc or conv1d_nwc_wcf)"};
    } else if (*key == kType) {
      if (valueText == "bf16")
        spec.type = ConvType::BF16;
      else if (valueText == "i8")
        spec.type = ConvType::I8;
      else
        return SpecError{"unsupported type " + quoted(valueText) +
                         " (expected bf16 or i8)"};
    } else if (std::optional<SpecError> err =
                   parseInteger(*key, valueText, value[*key])) {
      return *err;
    }
    if (comma == std::string_view::npos)
      break;
    text.remove_prefix(comma + 1);
  }

  // Step 2: the entries together.
  if (!op)
    return SpecError{"missing key 'op'"};
  spec.op = *op;
  std::string opName(convOpName(*op));
  bool is1d = *op == ConvOp::Conv1dNwcWcf;
  bool isDepthwise = *op == ConvOp::DepthwiseNhwcHwc;

  if (is1d) {
    // conv1d has no height axis; accept the neutral values so that specs
    // written generically (ih=1,kh=1) still parse, reject anything else.
    for (int key : {kIh, kKh, kSh, kDh, kPh}) {
      int64_t neutral = key == kPh ? 0 : 1;
      if (given[key] && value[key] != neutral)
        return SpecError{quoted(kKeyNames[key]) + " must be " +
                         std::to_string(neutral) + " for " + opName +
                         " (it has no height axis), got " + quoted(raw[key])};
    }
  }
  if (isDepthwise && given[kOc])
    return SpecError{"'oc' is not allowed for " + opName +
                     " (its output channels are its input channels)"};

  for (int key : {kIh, kIw, kIc, kOc, kKh, kKw}) {
    bool required =
        !(is1d && (key == kIh || key == kKh)) && !(isDepthwise && key == kOc);
    if (required && !given[key])
      return SpecError{"missing key " + quoted(kKeyNames[key])};
  }

  auto get = [&](int key, int64_t fallback) {
    return given[key] ? value[key] : fallback;
  };
  spec.n = get(kN, 1);
  spec.ih = get(kIh, 1);
  spec.iw = value[kIw];
  spec.ic = value[kIc];
  spec.oc = isDepthwise ? spec.ic : value[kOc];
  spec.kh = get(kKh, 1);
  spec.kw = value[kKw];
  // Per-axis keys override the both-axes key; for conv1d the both-axes keys
  // only apply to the width.
  spec.sw = get(kSw, get(kStride, 1));
  spec.dw = get(kDw, get(kDilation, 1));
  spec.pw = get(kPw, get(kPad, 0));
  spec.sh = is1d ? 1 : get(kSh, get(kStride, 1));
  spec.dh = is1d ? 1 : get(kDh, get(kDilation, 1));
  spec.ph = is1d ? 0 : get(kPh, get(kPad, 0));

  if (!is1d)
    if (auto err = checkAxis("height", "ih", "kh", "dh", "ph", spec.ih, spec.kh,
                             spec.dh, spec.ph))
      return *err;
  if (auto err = checkAxis("width", "iw", "kw", "dw", "pw", spec.iw, spec.kw,
                           spec.dw, spec.pw))
    return *err;
  if (auto err = checkSizesFit(spec))
    return *err;
  return spec;
}

std::string formatConvSpec(const ConvSpec &spec) {
  bool is1d = spec.op == ConvOp::Conv1dNwcWcf;
  std::string out;
  if (!spec.name.empty())
    out += spec.name + ": ";
  out += "op=" + std::string(convOpName(spec.op));
  out += ",type=" + std::string(convTypeName(spec.type));
  auto add = [&](const char *key, int64_t v) {
    out += std::string(",") + key + "=" + std::to_string(v);
  };
  add("n", spec.n);
  if (!is1d)
    add("ih", spec.ih);
  add("iw", spec.iw);
  add("ic", spec.ic);
  if (spec.op != ConvOp::DepthwiseNhwcHwc)
    add("oc", spec.oc);
  if (!is1d)
    add("kh", spec.kh);
  add("kw", spec.kw);
  auto addPair = [&](const char *both, const char *h, const char *w, int64_t hv,
                     int64_t wv) {
    if (is1d || hv == wv) {
      add(both, wv);
    } else {
      add(h, hv);
      add(w, wv);
    }
  };
  addPair("stride", "sh", "sw", spec.sh, spec.sw);
  addPair("dilation", "dh", "dw", spec.dh, spec.dw);
  addPair("pad", "ph", "pw", spec.ph, spec.pw);
  return out;
}

namespace {
/// Splits the occurrence count off a suite line whose name ends in " xN"
/// (`res2a_b2b x3: op=...`): the line without it, and N (1 without one); an
/// error for a count that is not a positive integer.
std::variant<std::pair<std::string, int64_t>, SpecError>
splitOccurrences(std::string_view line) {
  size_t colon = line.find(':');
  if (colon == std::string_view::npos)
    return std::pair{std::string(line), int64_t(1)};
  std::string_view head = trim(line.substr(0, colon));
  size_t space = head.find_last_of(" \t");
  if (space == std::string_view::npos)
    return std::pair{std::string(line), int64_t(1)};
  std::string_view count = head.substr(space + 1);
  if (count.empty() || count[0] != 'x')
    return std::pair{std::string(line), int64_t(1)};
  const SpecError notACount{"the occurrences after the name must be xN "
                            "with N a positive integer, got " +
                            quoted(count)};
  int64_t n = 0;
  for (char c : count.substr(1)) {
    if (c < '0' || c > '9' || n > 1000000)
      return notACount;
    n = 10 * n + (c - '0');
  }
  if (n < 1)
    return notACount;
  return std::pair{std::string(trim(head.substr(0, space))) +
                       std::string(line.substr(colon)),
                   n};
}
} // namespace

SuiteParseResult parseSuite(std::string_view fileText) {
  SuiteParseResult result;
  std::map<std::string, int64_t> firstLineOfName;
  int64_t lineNo = 0;
  while (!fileText.empty()) {
    ++lineNo;
    size_t eol = fileText.find('\n');
    std::string_view line = fileText.substr(0, eol);
    fileText.remove_prefix(eol == std::string_view::npos ? fileText.size()
                                                         : eol + 1);
    line = line.substr(0, line.find('#'));
    line = trim(line); // also drops the '\r' of CRLF files
    if (line.empty())
      continue;
    auto fail = [&](const std::string &message) {
      result.errors.push_back(
          {"line " + std::to_string(lineNo) + ": " + message, lineNo});
    };
    std::variant<std::pair<std::string, int64_t>, SpecError> counted =
        splitOccurrences(line);
    if (auto *err = std::get_if<SpecError>(&counted)) {
      fail(err->message);
      continue;
    }
    auto [specText, occurrences] =
        std::get<std::pair<std::string, int64_t>>(counted);
    std::variant<ConvSpec, SpecError> parsed = parseConvSpec(specText);
    if (auto *err = std::get_if<SpecError>(&parsed)) {
      fail(err->message);
      continue;
    }
    ConvSpec &spec = std::get<ConvSpec>(parsed);
    if (!spec.name.empty()) {
      auto [it, inserted] = firstLineOfName.emplace(spec.name, lineNo);
      if (!inserted) {
        fail("duplicate layer name " + quoted(spec.name) + " (first on line " +
             std::to_string(it->second) + ")");
        continue;
      }
    }
    result.specs.push_back(std::move(spec));
    result.occurrences.push_back(occurrences);
  }
  return result;
}

std::string_view specSyntaxHelp() {
  return R"(SPEC: one convolution layer as comma-separated key=value entries,
optionally preceded by "name:", e.g.
  res2a_b2b: op=conv2d_nhwc_hwcf,n=1,ih=56,iw=56,ic=64,oc=64,kh=3,kw=3,pad=1
Keys:
  op        conv2d_nhwc_hwcf | conv2d_nchw_fchw | depthwise_nhwc_hwc |
            conv1d_nwc_wcf (required)
  type      bf16 (bf16 inputs, f32 accumulation and output) or
            i8 (i8 inputs, i32 output); default bf16
  n         batch, default 1
  ih, iw    input height and width, before padding (required)
  ic, oc    input and output channels (required; depthwise takes no oc,
            its output channels are its input channels)
  kh, kw    kernel height and width (required)
  stride    both axes, default 1; sh, sw per axis
  dilation  both axes, default 1; dh, dw per axis
  pad       zero padding on each side, both axes, default 0; ph, pw per axis
Per-axis keys override the both-axes key wherever they appear. conv1d_nwc_wcf
uses iw and kw only: ih, kh, sh, dh may be omitted or 1, ph omitted or 0.
Sizes, strides and dilations are positive integers, pads non-negative; the
dilated kernel must fit in the padded input. Each key may appear once.
Suite files hold one SPEC per line; blank lines and '#' comments are ignored.
)";
}

} // namespace aieconv
