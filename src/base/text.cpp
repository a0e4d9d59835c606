#include "base/text.hpp"

#include <cstddef>
#include <optional>

namespace tawasul::base {
namespace {

/// Decodes the code point starting at `s[i]` and moves `i` past it. On malformed input it
/// returns nullopt and moves `i` by one byte, so scanners that tolerate bad bytes resynchronize
/// at the next byte. Follows the well-formed byte sequences of Unicode (Table 3-7): the narrow
/// second-byte ranges after E0, ED, F0 and F4 are what rule out overlongs, surrogates and code
/// points past U+10FFFF.
std::optional<char32_t> DecodeNext(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  std::size_t length = 0;
  unsigned char lo = 0x80;  // allowed range of the second byte
  unsigned char hi = 0xBF;
  char32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;  // below is an overlong form
    if (b0 == 0xED) hi = 0x9F;  // above are UTF-16 surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;  // below is an overlong form
    if (b0 == 0xF4) hi = 0x8F;  // above is past U+10FFFF
  } else {
    // A stray continuation byte, C0/C1 (always overlong), or F5..FF (never valid).
    ++i;
    return std::nullopt;
  }
  if (s.size() - i < length) {
    ++i;
    return std::nullopt;
  }
  for (std::size_t k = 1; k < length; ++k) {
    const unsigned char b = byte(i + k);
    const bool in_range = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
    if (!in_range) {
      ++i;
      return std::nullopt;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += length;
  return cp;
}

/// Applies `pred` to each decodable code point; malformed bytes are skipped, because these
/// checks run on text that may not have been validated yet and must not throw on it.
template <class Pred>
bool AnyCodePoint(std::string_view s, Pred pred) {
  std::size_t i = 0;
  while (i < s.size()) {
    const std::optional<char32_t> cp = DecodeNext(s, i);
    if (cp && pred(*cp)) return true;
  }
  return false;
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

constexpr std::string_view kNoBreakSpace = "\xC2\xA0";

}  // namespace

bool IsValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (!DecodeNext(s, i)) return false;
  }
  return true;
}

bool HasBidiControl(std::string_view s) {
  return AnyCodePoint(s, [](char32_t c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
           c == 0x200F || c == 0x061C;
  });
}

bool HasControlChar(std::string_view s) {
  // DEL (U+007F) counts too: it is a control character (general category Cc) that sits
  // between the C0 and C1 blocks, and it has no business in a name or a description either.
  return AnyCodePoint(s, [](char32_t c) {
    if (c == '\t' || c == '\n' || c == '\r') return false;
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
  });
}

std::string StripBidiOverrides(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    // U+202A..U+202E are E2 80 AA..AE; U+2066..U+2069 are E2 81 A6..A9.
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2) {
      const auto b1 = static_cast<unsigned char>(s[i + 1]);
      const auto b2 = static_cast<unsigned char>(s[i + 2]);
      if ((b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9)) {
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::string FoldDigits(std::string_view s) {
  // U+0660..U+0669 encode as D9 A0..D9 A9 and U+06F0..U+06F9 as DB B0..DB B9. Lead bytes never
  // occur inside another sequence, so matching byte pairs cannot split a character.
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (i + 1 < s.size() && (b0 == 0xD9 || b0 == 0xDB)) {
      const auto b1 = static_cast<unsigned char>(s[i + 1]);
      const unsigned char zero = b0 == 0xD9 ? 0xA0 : 0xB0;
      if (b1 >= zero && b1 <= zero + 9) {
        out.push_back(static_cast<char>('0' + (b1 - zero)));
        ++i;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::string Trim(std::string_view s) {
  for (;;) {
    if (!s.empty() && IsAsciiSpace(s.front())) {
      s.remove_prefix(1);
    } else if (s.starts_with(kNoBreakSpace)) {
      s.remove_prefix(kNoBreakSpace.size());
    } else {
      break;
    }
  }
  for (;;) {
    if (!s.empty() && IsAsciiSpace(s.back())) {
      s.remove_suffix(1);
    } else if (s.ends_with(kNoBreakSpace)) {
      s.remove_suffix(kNoBreakSpace.size());
    } else {
      break;
    }
  }
  return std::string(s);
}

std::size_t CodePointCount(std::string_view s) {
  std::size_t count = 0;
  for (const char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string DigitsOnly(std::string_view s) {
  std::string out;
  for (const char c : FoldDigits(s)) {
    if (c >= '0' && c <= '9') out.push_back(c);
  }
  return out;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace tawasul::base
