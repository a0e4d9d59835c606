#include "domain/sms_segments.hpp"

#include <string>
#include <vector>

namespace tawasul::domain {
namespace {

/// GSM 03.38 basic table (without ESC), as the Unicode code points it stands for.
constexpr char32_t kGsmBasic[] = {
    U'@',  U'£', U'$', U'¥', U'è', U'é', U'ù', U'ì', U'ò', U'Ç', U'\n', U'Ø', U'ø',
    U'\r', U'Å', U'å', U'Δ', U'_', U'Φ', U'Γ', U'Λ', U'Ω', U'Π', U'Ψ',  U'Σ', U'Θ',
    U'Ξ',  U'Æ', U'æ', U'ß', U'É', U' ', U'!', U'"', U'#', U'¤', U'%',  U'&', U'\'',
    U'(',  U')', U'*', U'+', U',', U'-', U'.', U'/', U':', U';', U'<',  U'=', U'>',
    U'?',  U'¡', U'Ä', U'Ö', U'Ñ', U'Ü', U'§', U'¿', U'ä', U'ö', U'ñ',  U'ü', U'à'};
/// The extension table: each costs an escape septet plus its own.
constexpr char32_t kGsmExtension[] = {U'\f', U'^', U'{', U'}', U'\\', U'[', U'~', U']', U'|', U'€'};

constexpr int kSingleGsm = 160;
constexpr int kPartGsm = 153;
constexpr int kSingleUcs2 = 70;
constexpr int kPartUcs2 = 67;

/// Septets for `cp` in GSM-7, or 0 when GSM-7 cannot carry it.
int GsmSeptets(char32_t cp) {
  if ((cp >= U'A' && cp <= U'Z') || (cp >= U'a' && cp <= U'z') || (cp >= U'0' && cp <= U'9')) {
    return 1;
  }
  for (char32_t c : kGsmBasic) {
    if (c == cp) return 1;
  }
  for (char32_t c : kGsmExtension) {
    if (c == cp) return 2;
  }
  return 0;
}

/// The code points of `s`; a malformed byte becomes U+FFFD.
std::vector<char32_t> Decode(std::string_view s) {
  std::vector<char32_t> out;
  std::size_t i = 0;
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  while (i < s.size()) {
    const unsigned char b0 = at(i);
    int length = 0;
    char32_t cp = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b0 < 0x80) {
      out.push_back(b0);
      ++i;
      continue;
    } else if (b0 >= 0xC2 && b0 <= 0xDF) {
      length = 2;
      cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      length = 3;
      cp = b0 & 0x0F;
      if (b0 == 0xE0) lo = 0xA0;
      if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      length = 4;
      cp = b0 & 0x07;
      if (b0 == 0xF0) lo = 0x90;
      if (b0 == 0xF4) hi = 0x8F;
    }
    bool ok = length > 0 && s.size() - i >= static_cast<std::size_t>(length);
    for (int k = 1; ok && k < length; ++k) {
      const unsigned char b = at(i + k);
      ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
      cp = (cp << 6) | (b & 0x3F);
    }
    if (ok) {
      out.push_back(cp);
      i += static_cast<std::size_t>(length);
    } else {
      out.push_back(0xFFFD);
      ++i;
    }
  }
  return out;
}

/// Packs items of the given widths into parts of `capacity` without splitting one.
int Parts(const std::vector<int>& widths, int capacity) {
  int parts = 1;
  int used = 0;
  for (int w : widths) {
    if (used + w > capacity) {
      ++parts;
      used = 0;
    }
    used += w;
  }
  return parts;
}

}  // namespace

std::string_view ToString(SmsEncoding e) {
  switch (e) {
    case SmsEncoding::kGsm7:
      return "gsm7";
    case SmsEncoding::kUcs2:
      return "ucs2";
  }
  return "?";
}

SmsSegments CountSmsSegments(std::string_view utf8) {
  const std::vector<char32_t> cps = Decode(utf8);
  std::vector<int> widths;
  widths.reserve(cps.size());
  bool gsm = true;
  for (char32_t cp : cps) {
    const int septets = GsmSeptets(cp);
    if (septets == 0) {
      gsm = false;
      break;
    }
    widths.push_back(septets);
  }
  if (!gsm) {
    widths.clear();
    for (char32_t cp : cps) widths.push_back(cp > 0xFFFF ? 2 : 1);
  }
  SmsSegments out;
  out.encoding = gsm ? SmsEncoding::kGsm7 : SmsEncoding::kUcs2;
  for (int w : widths) out.units += w;
  const int single = gsm ? kSingleGsm : kSingleUcs2;
  const int part = gsm ? kPartGsm : kPartUcs2;
  out.segments = out.units <= single ? 1 : Parts(widths, part);
  return out;
}

}  // namespace tawasul::domain
