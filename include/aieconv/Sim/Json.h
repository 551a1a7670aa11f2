//===- Json.h - The JSON text the simulator writes --------------*- C++ -*-===//
//
// The report and the trace are written by hand (no JSON library is needed
// for flat objects); every string goes through jsonQuote so that names with
// quotes, backslashes or control characters still give valid JSON.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_SIM_JSON_H
#define AIECONV_SIM_JSON_H

#include <string>
#include <string_view>

namespace aieconv::sim {

/// `text` as a JSON string literal, quotes included.
std::string jsonQuote(std::string_view text);

/// `value` as a JSON number (finite; non-finite values become 0).
std::string jsonNumber(double value);

} // namespace aieconv::sim

#endif // AIECONV_SIM_JSON_H
