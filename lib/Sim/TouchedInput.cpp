//===- TouchedInput.cpp - Input elements a convolution reads --------------===//

#include "aieconv/Sim/TouchedInput.h"

#include <vector>

namespace aieconv::sim {

std::optional<int64_t> touchedExtent(int64_t in, int64_t k, int64_t out) {
  if (in <= 0 || k <= 0 || out <= 0)
    return std::nullopt;
  for (int64_t s = 1; s <= in + k; ++s)
    for (int64_t p = 0; p < k; ++p) {
      if ((in + 2 * p - k) / s + 1 != out || in + 2 * p < k)
        continue;
      std::vector<bool> read(in, false);
      for (int64_t o = 0; o < out; ++o)
        for (int64_t t = 0; t < k; ++t) {
          int64_t i = o * s + t - p;
          if (i >= 0 && i < in)
            read[i] = true;
        }
      int64_t count = 0;
      for (bool r : read)
        count += r;
      return count;
    }
  return std::nullopt;
}

std::optional<int64_t> touchedInputElements(const std::vector<int64_t> &in,
                                            const std::vector<int64_t> &f,
                                            const std::vector<int64_t> &out) {
  if (in.size() == 3 && f.size() == 3 && out.size() == 3 && in[0] == out[0] &&
      in[2] == f[1] && out[2] == f[2]) { // NWC, WCF
    std::optional<int64_t> cols = touchedExtent(in[1], f[0], out[1]);
    if (!cols)
      return std::nullopt;
    return in[0] * *cols * in[2];
  }
  if (in.size() != 4 || out.size() != 4 || in[0] != out[0])
    return std::nullopt;
  // Spatial extents of input, filter and output, and the channels read.
  int64_t ih, iw, kh, kw, oh, ow, channels;
  if (f.size() == 4 && in[3] == f[2] && out[3] == f[3]) { // NHWC, HWCF
    ih = in[1], iw = in[2], kh = f[0], kw = f[1], oh = out[1], ow = out[2];
    channels = in[3];
  } else if (f.size() == 4 && in[1] == f[1] && out[1] == f[0]) { // NCHW
    ih = in[2], iw = in[3], kh = f[2], kw = f[3], oh = out[2], ow = out[3];
    channels = in[1];
  } else if (f.size() == 3 && in[3] == f[2] && out[3] == f[2]) { // depthwise
    ih = in[1], iw = in[2], kh = f[0], kw = f[1], oh = out[1], ow = out[2];
    channels = in[3];
  } else {
    return std::nullopt;
  }
  std::optional<int64_t> rows = touchedExtent(ih, kh, oh);
  std::optional<int64_t> cols = touchedExtent(iw, kw, ow);
  if (!rows || !cols)
    return std::nullopt;
  return in[0] * *rows * *cols * channels;
}

} // namespace aieconv::sim
