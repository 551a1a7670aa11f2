//===- RandomData.cpp - Seeded operands for correctness runs --------------===//

#include "aieconv/Runtime/RandomData.h"

#include "aieconv/Runtime/BF16.h"

#include <random>

namespace aieconv {

uint64_t deriveSeed(uint64_t seed, uint64_t stream) {
  uint64_t z = seed + stream * 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

std::vector<uint16_t> randomBF16(uint64_t seed, size_t count) {
  std::mt19937_64 engine(seed);
  std::vector<uint16_t> values(count);
  for (uint16_t &v : values) {
    int64_t m = static_cast<int64_t>(engine() >> 40);
    // |m - 2^23| <= 2^23 needs 24 bits: the conversion and the scaling by a
    // power of two are exact.
    float x = static_cast<float>(m - (int64_t{1} << 23)) * 0x1p-23f;
    v = floatToBF16(x);
  }
  return values;
}

std::vector<int8_t> randomI8(uint64_t seed, size_t count) {
  std::mt19937_64 engine(seed);
  std::vector<int8_t> values(count);
  for (int8_t &v : values)
    v = static_cast<int8_t>(static_cast<int>(engine() >> 56) - 128);
  return values;
}

} // namespace aieconv
