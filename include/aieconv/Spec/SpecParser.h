//===- SpecParser.h - SPEC text <-> ConvSpec --------------------*- C++ -*-===//
//
// The SPEC syntax of the driver's --conv option and of the bench suites:
//
//   [name:] op=conv2d_nhwc_hwcf,n=1,ih=56,iw=56,ic=64,oc=64,kh=3,kw=3,pad=1
//
// Parsing never throws and never aborts: a malformed SPEC comes back as a
// SpecError whose message is one line naming the problem, so the driver can
// print it as is. Plain C++17, no MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_SPEC_SPECPARSER_H
#define AIECONV_SPEC_SPECPARSER_H

#include "aieconv/Spec/ConvSpec.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace aieconv {

/// Why a SPEC (or a line of a suite) was rejected.
struct SpecError {
  /// One line, e.g. "unknown key 'foo'". For errors of parseSuite the message
  /// starts with "line N: " so it can be printed without further context.
  std::string message;
  /// 1-based line of a suite file; 0 for a single SPEC.
  int64_t line = 0;
};

/// Parses one SPEC (optionally prefixed by "name:"). Whitespace around keys,
/// values and the name is ignored.
std::variant<ConvSpec, SpecError> parseConvSpec(std::string_view text);

/// Prints the canonical SPEC of a layer: every key explicit, in a fixed order,
/// the both-axes keys (stride, dilation, pad) when the two axes agree and the
/// per-axis keys otherwise, "name: " in front if the layer has a name.
/// parseConvSpec(formatConvSpec(s)) yields a spec equal to s for every s that
/// parseConvSpec can produce.
std::string formatConvSpec(const ConvSpec &spec);

/// The spelling of an op or a type in SPEC text ("conv2d_nhwc_hwcf", "bf16").
std::string_view convOpName(ConvOp op);
std::string_view convTypeName(ConvType type);

/// Result of parsing a suite file: the specs of all good lines, in order, and
/// one error per bad line (so a user fixes a file in one go).
struct SuiteParseResult {
  std::vector<ConvSpec> specs;
  /// How many times each layer of `specs` occurs in its network (`name xN:`),
  /// 1 where the line does not say.
  std::vector<int64_t> occurrences;
  std::vector<SpecError> errors;
  bool ok() const { return errors.empty(); }
};

/// Parses a suite: one SPEC per line; blank lines and lines starting with '#'
/// are skipped, and a '#' after a SPEC starts a comment. Layer names, when
/// given, must be unique within the file. A name may be followed by `xN`
/// (`res2a_b2b x3: ...`): the layer occurs N times in its network.
SuiteParseResult parseSuite(std::string_view fileText);

/// Description of the SPEC syntax, ready for --help and the README.
std::string_view specSyntaxHelp();

} // namespace aieconv

#endif // AIECONV_SPEC_SPECPARSER_H
