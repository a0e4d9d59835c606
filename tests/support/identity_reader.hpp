#pragma once

// Reads a text the way a person hunting for an identifier would, independently of the
// anonymizer: NFKC over the whole text (ICU), case folding, Arabic/Persian letter variants
// joined, then only letters and digits kept (or only digits, for a "digits:" needle).
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <string>

namespace tawasul::testing {

inline std::u32string ReadAs(const std::string& text, bool digits_only) {
  UErrorCode e = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCCasefoldInstance(e);
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(text);
  if (U_SUCCESS(e)) s = nfkc->normalize(s, e);
  std::u32string out;
  for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) {
    UChar32 c = s.char32At(i);
    const int32_t digit = u_charDigitValue(c);
    if (digit >= 0) {
      out.push_back(static_cast<char32_t>(U'0' + digit));
      continue;
    }
    if (digits_only || !u_isalpha(c) || c == 0x0640 /* tatweel: stretches, says nothing */) continue;
    switch (c) {
      case 0x064A: case 0x0649: case 0x0626: c = 0x06CC; break;
      case 0x0643: c = 0x06A9; break;
      case 0x0629: case 0x06C0: c = 0x0647; break;
      case 0x0623: case 0x0625: case 0x0622: case 0x0671: c = 0x0627; break;
      case 0x0624: c = 0x0648; break;
      default: break;
    }
    out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

/// True when `needle` ("digits:N" or letters) can be read in `text`.
inline bool Readable(const std::string& text, const std::string& needle) {
  const bool digits = needle.rfind("digits:", 0) == 0;
  const std::u32string hay = ReadAs(text, digits);
  const std::u32string want = ReadAs(digits ? needle.substr(7) : needle, digits);
  return !want.empty() && hay.find(want) != std::u32string::npos;
}

}  // namespace tawasul::testing
