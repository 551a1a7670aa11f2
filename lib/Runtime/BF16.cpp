//===- BF16.cpp - bfloat16 bit patterns on the host -----------------------===//

#include "aieconv/Runtime/BF16.h"

#include <cstring>

namespace aieconv {

float bf16ToFloat(uint16_t bits) {
  uint32_t wide = static_cast<uint32_t>(bits) << 16;
  float value;
  std::memcpy(&value, &wide, sizeof(value));
  return value;
}

uint16_t floatToBF16(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  if ((bits & 0x7f800000u) == 0x7f800000u && (bits & 0x007fffffu) != 0) {
    // NaN: keep the sign and the top payload bits, force the quiet bit so the
    // result cannot collapse into an infinity when the payload sat in the
    // discarded low half.
    return static_cast<uint16_t>((bits >> 16) | 0x0040u);
  }
  // Round to nearest even by adding 0x7fff plus the lowest kept bit, then
  // truncating: above the halfway point this carries into the kept bits,
  // exactly at it the carry happens only when the kept part is odd. A carry
  // out of the largest finite value lands on infinity, as it should.
  uint32_t lsb = (bits >> 16) & 1u;
  bits += 0x7fffu + lsb;
  return static_cast<uint16_t>(bits >> 16);
}

} // namespace aieconv
