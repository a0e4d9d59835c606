#pragma once

// A valid 1×1 PNG (67 bytes), for upload tests: libmagic sniffs it as image/png.
#include <cstddef>
#include <string>

namespace tawasul::testing {

inline const std::string& TinyPng() {
  static const std::string kPng(
      "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89"
      "\0\0\0\rIDATx\x9c"
      "c\xf8\x0f\0\0\x01\x01\0\x05\x18\xd8N\0\0\0\0IEND\xae"
      "B`\x82",
      67);
  return kPng;
}

}  // namespace tawasul::testing
