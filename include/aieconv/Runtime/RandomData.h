//===- RandomData.h - Seeded operands for correctness runs ------*- C++ -*-===//
//
// Deterministic test data: the same seed gives the same bits on every
// platform and standard library. std::mt19937_64's output sequence is fixed
// by the C++ standard, but the std::uniform_*_distribution adaptors are not,
// so the mapping from 64 random bits to a value is written out here:
//
//   bf16: m = bits >> 40 (24 bits), x = (m - 2^23) / 2^23, uniform on the
//         grid of step 2^-23 in [-1, 1) and exact in float; the result is x
//         rounded to bf16 (nearest, ties to even). Rounding maps x in
//         [1 - 2^-9, 1) to 1.0, so values lie in [-1, 1] and 1.0 occurs with
//         probability about 2^-10.
//   i8:   (bits >> 56) - 128, exactly uniform over [-128, 127]. The full range
//         is kept: |product| <= 2^14, so any reduction of K <= 131071
//         products fits the i32 output, far above every layer of the suites
//         (the reference reports an overflow rather than wrapping).
//
// One engine is seeded per operand with deriveSeed(seed, stream), so input
// and filter are unrelated even though the user gives one seed.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_RUNTIME_RANDOMDATA_H
#define AIECONV_RUNTIME_RANDOMDATA_H

#include <cstddef>
#include <cstdint>
#include <vector>

namespace aieconv {

/// Stream ids of the operands of a layer.
constexpr uint64_t kInputStream = 1;
constexpr uint64_t kFilterStream = 2;

/// Mixes a user seed and a stream id into an engine seed (splitmix64 of
/// seed + stream * golden ratio), so nearby seeds give unrelated streams.
uint64_t deriveSeed(uint64_t seed, uint64_t stream);

/// `count` bf16 bit patterns from std::mt19937_64(seed), mapped as above.
std::vector<uint16_t> randomBF16(uint64_t seed, size_t count);

/// `count` int8 values from std::mt19937_64(seed), mapped as above.
std::vector<int8_t> randomI8(uint64_t seed, size_t count);

} // namespace aieconv

#endif // AIECONV_RUNTIME_RANDOMDATA_H
