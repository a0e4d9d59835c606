#include "domain/template_text.hpp"

#include "domain/anonymizer.hpp"

#include <cstdint>

namespace tawasul::domain {

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

std::string MaskIdentifiers(std::string_view text) { return Anonymizer().Mask(text); }

}  // namespace tawasul::domain
