//===- HostTestSupport.h - Helpers of the host backend tests ----*- C++ -*-===//

#ifndef AIECONV_UNITTESTS_HOST_HOSTTESTSUPPORT_H
#define AIECONV_UNITTESTS_HOST_HOSTTESTSUPPORT_H

#include "aieconv/Spec/SpecParser.h"

#include <gtest/gtest.h>

#include <string_view>
#include <variant>

namespace aieconv::hosttest {

/// The layer of a SPEC the test knows to be valid; a test failure otherwise.
inline ConvSpec specOf(std::string_view text) {
  auto parsed = parseConvSpec(text);
  if (auto *err = std::get_if<SpecError>(&parsed)) {
    ADD_FAILURE() << text << ": " << err->message;
    return {};
  }
  return std::get<ConvSpec>(parsed);
}

} // namespace aieconv::hosttest

#endif // AIECONV_UNITTESTS_HOST_HOSTTESTSUPPORT_H
