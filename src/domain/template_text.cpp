#include "domain/template_text.hpp"

#include <cstdint>

namespace tawasul::domain {
namespace {

constexpr std::string_view kMask = "[…]";

/// Decodes one UTF-8 code point at `i` (input already validated elsewhere; bad bytes count as
/// one-byte code points so masking never throws).
char32_t Decode(std::string_view s, std::size_t i, std::size_t* len) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) { *len = 1; return b; }
  int n = (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
  if (i + n > s.size()) n = 1;
  if (n == 1) { *len = 1; return b; }
  char32_t cp = b & (0x7F >> n);
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *len = static_cast<std::size_t>(n);
  return cp;
}

bool IsDigit(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 0x660 && c <= 0x669) || (c >= 0x6F0 && c <= 0x6F9);
}
bool IsJoiner(char32_t c) {
  return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+' || c == '/' ||
         c == 0xA0 || c == 0x200E || c == 0x200F;
}
bool IsEmailChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '.' || c == '_' || c == '-' || c == '+' || c == '%';
}

/// Masks e-mail addresses (ASCII local@domain.tld).
std::string MaskEmails(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t at = s.find('@', i);
    if (at == std::string_view::npos) break;
    std::size_t start = at;
    while (start > i && IsEmailChar(s[start - 1])) --start;
    std::size_t end = at + 1;
    while (end < s.size() && IsEmailChar(s[end])) ++end;
    while (end > at + 1 && s[end - 1] == '.') --end;  // a sentence's full stop is not the domain's
    const std::string_view domain = s.substr(at + 1, end - at - 1);
    if (start < at && domain.find('.') != std::string_view::npos) {
      out.append(s.substr(i, start - i));
      out.append(kMask);
    } else {
      out.append(s.substr(i, end - i));
    }
    i = end;
  }
  out.append(s.substr(i));
  return out;
}

}  // namespace

const std::set<std::string>& KnownPlaceholders() {
  static const std::set<std::string> kNames = {"tracking_code", "center_name", "answer",
                                               "meeting_date",  "meeting_time", "meeting_place",
                                               "reason",        "agency",
                                               // satisfaction surveys and SLA escalations
                                               "survey_link",   "clock",        "due_at"};
  return kNames;
}

base::Status CheckTemplate(std::string_view text) {
  std::size_t i = 0;
  while ((i = text.find_first_of("{}", i)) != std::string_view::npos) {
    if (text[i] == '}') return base::Invalid("template", "a '}' without its '{'");
    const std::size_t close = text.find('}', i);
    if (close == std::string_view::npos) return base::Invalid("template", "a '{' without its '}'");
    const std::string name(text.substr(i + 1, close - i - 1));
    if (!KnownPlaceholders().count(name)) {
      return base::Invalid("template", "unknown placeholder {" + name + "}");
    }
    i = close + 1;
  }
  return base::Ok{};
}

std::string RenderTemplate(std::string_view text,
                           const std::map<std::string, std::string>& values) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find('{', i);
    const std::size_t close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(text.substr(i, open - i));
    auto it = values.find(std::string(text.substr(open + 1, close - open - 1)));
    if (it != values.end()) out.append(it->second);
    i = close + 1;
  }
  out.append(text.substr(i));
  return out;
}

std::string MaskIdentifiers(std::string_view text) {
  const std::string s = MaskEmails(text);
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t len = 0;
    char32_t c = Decode(s, i, &len);
    if (!IsDigit(c) && c != '+') {
      out.append(s, i, len);
      i += len;
      continue;
    }
    // A candidate run: digits and joiners; it is masked when it holds 7 digits or more.
    std::size_t j = i, last_digit_end = i;
    int digits = 0;
    while (j < s.size()) {
      std::size_t l = 0;
      char32_t d = Decode(s, j, &l);
      if (IsDigit(d)) {
        ++digits;
        last_digit_end = j + l;
      } else if (!IsJoiner(d)) {
        break;
      }
      j += l;
    }
    if (digits >= 7) {
      out.append(kMask);
      i = last_digit_end;
    } else if (last_digit_end > i) {
      out.append(s, i, last_digit_end - i);
      i = last_digit_end;
    } else {
      out.append(s, i, len);
      i += len;
    }
  }
  return out;
}

}  // namespace tawasul::domain
