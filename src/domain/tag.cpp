#include "domain/tag.hpp"

#include "base/text.hpp"
#include "domain/anonymizer.hpp"

namespace tawasul::domain {

std::string TagKey(std::string_view name) {
  std::string out;
  for (const char32_t cp : FoldForMatch(name)) base::AppendUtf8(out, cp);
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
