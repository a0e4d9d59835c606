#include "domain/tag.hpp"

#include "domain/anonymizer.hpp"

namespace tawasul::domain {

std::string TagKey(std::string_view name) {
  std::string out;
  for (const char32_t cp : FoldForMatch(name)) {
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
  return out;
}

std::string TagRefusal(const Tag& tag, Time at) {
  if (!tag.active) return "is closed";
  if (tag.valid_from && at < *tag.valid_from) return "is not valid yet";
  if (tag.valid_to && at >= *tag.valid_to) return "is no longer valid";
  return "";
}

bool IsTagColour(std::string_view s) {
  if (s.empty()) return true;
  if (s.size() != 7 || s[0] != '#') return false;
  for (std::size_t i = 1; i < s.size(); ++i) {
    const char c = s[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  }
  return true;
}

}  // namespace tawasul::domain
