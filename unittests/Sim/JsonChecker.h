//===- JsonChecker.h - A strict JSON syntax check for the tests -----------===//
//
// Recursive descent over RFC 8259 JSON; collects every string so the tests
// can look for the track names a trace should hold.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_UNITTESTS_SIM_JSONCHECKER_H
#define AIECONV_UNITTESTS_SIM_JSONCHECKER_H

#include <cctype>
#include <cstring>
#include <string>
#include <vector>

namespace aieconv::sim::test {

class JsonChecker {
public:
  explicit JsonChecker(const std::string &text) : s(text) {}

  /// Whether the whole text is one JSON value.
  bool valid() {
    pos = 0;
    if (!value())
      return false;
    space();
    return pos == s.size();
  }
  const std::vector<std::string> &strings() const { return found; }

private:
  void space() {
    while (pos < s.size() && std::isspace(static_cast<unsigned char>(s[pos])))
      ++pos;
  }
  bool eat(char c) {
    space();
    if (pos < s.size() && s[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  bool literal(const char *word) {
    size_t n = std::strlen(word);
    if (s.compare(pos, n, word) != 0)
      return false;
    pos += n;
    return true;
  }
  bool string() {
    if (!eat('"'))
      return false;
    std::string out;
    while (pos < s.size() && s[pos] != '"') {
      unsigned char c = s[pos];
      if (c < 0x20)
        return false;
      if (c == '\\') {
        if (++pos >= s.size())
          return false;
        char e = s[pos];
        if (e == 'u') {
          for (int i = 1; i <= 4; ++i)
            if (pos + i >= s.size() || !std::isxdigit(s[pos + i]))
              return false;
          pos += 4;
        } else if (!std::strchr("\"\\/bfnrt", e)) {
          return false;
        }
      }
      out += s[pos++];
    }
    if (pos >= s.size())
      return false;
    ++pos;
    found.push_back(out);
    return true;
  }
  bool number() {
    size_t start = pos;
    if (pos < s.size() && s[pos] == '-')
      ++pos;
    size_t digits = pos;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])))
      ++pos;
    if (pos == digits)
      return false;
    if (pos < s.size() && s[pos] == '.') {
      size_t frac = ++pos;
      while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])))
        ++pos;
      if (pos == frac)
        return false;
    }
    if (pos < s.size() && (s[pos] == 'e' || s[pos] == 'E')) {
      ++pos;
      if (pos < s.size() && (s[pos] == '+' || s[pos] == '-'))
        ++pos;
      size_t exp = pos;
      while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])))
        ++pos;
      if (pos == exp)
        return false;
    }
    return pos > start;
  }
  bool value() {
    space();
    if (pos >= s.size())
      return false;
    char c = s[pos];
    if (c == '{') {
      ++pos;
      if (eat('}'))
        return true;
      do {
        if (!string() || !eat(':') || !value())
          return false;
      } while (eat(','));
      return eat('}');
    }
    if (c == '[') {
      ++pos;
      if (eat(']'))
        return true;
      do {
        if (!value())
          return false;
      } while (eat(','));
      return eat(']');
    }
    if (c == '"')
      return string();
    if (c == 't')
      return literal("true");
    if (c == 'f')
      return literal("false");
    if (c == 'n')
      return literal("null");
    return number();
  }

  const std::string &s;
  size_t pos = 0;
  std::vector<std::string> found;
};

} // namespace aieconv::sim::test

#endif // AIECONV_UNITTESTS_SIM_JSONCHECKER_H
