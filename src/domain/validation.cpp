#include "domain/validation.hpp"

#include "base/text.hpp"

namespace tawasul::domain {
namespace {

std::string Field(std::string_view f) { return std::string(f); }

base::Result<std::string> CleanCommon(std::string_view s, std::string_view field,
                                      std::size_t max_chars, bool required) {
  if (!base::IsValidUtf8(s)) return base::Invalid(Field(field), "is not valid UTF-8");
  std::string t = base::Trim(s);
  if (base::HasControlChar(t)) return base::Invalid(Field(field), "contains control characters");
  if (required && t.empty()) return base::Invalid(Field(field), "is required");
  if (base::CodePointCount(t) > max_chars) {
    return base::Invalid(Field(field),
                         "is longer than " + std::to_string(max_chars) + " characters");
  }
  return t;
}

}  // namespace

base::Result<std::string> CleanName(std::string_view s, std::string_view field,
                                    std::size_t max_chars, bool required) {
  auto t = CleanCommon(s, field, max_chars, required);
  if (!t) return t;
  if (t->find('\n') != std::string::npos || t->find('\r') != std::string::npos ||
      t->find('\t') != std::string::npos) {
    return base::Invalid(Field(field), "must be on one line");
  }
  if (base::HasBidiControl(*t)) {
    return base::Invalid(Field(field), "contains bidirectional control characters");
  }
  return t;
}

base::Result<std::string> CleanText(std::string_view s, std::string_view field,
                                     std::size_t max_chars, bool required) {
  // Overrides in a description could show staff a text other than the one stored: stripped.
  if (!base::IsValidUtf8(s)) return base::Invalid(Field(field), "is not valid UTF-8");
  return CleanCommon(base::StripBidiOverrides(s), field, max_chars, required);
}

base::Status CheckCode(std::string_view code, std::string_view field) {
  if (code.empty() || code.size() > 64) {
    return base::Invalid(Field(field), "must be 1 to 64 characters");
  }
  for (char ch : code) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-';
    if (!ok) return base::Invalid(Field(field), "may hold only letters A-Z, digits, '.', '_', '-'");
  }
  return base::Ok{};
}

base::Result<LocalizedName> CleanLocalizedName(const LocalizedName& name,
                                               std::string_view field) {
  const std::string f(field);
  auto ar = CleanName(name.ar, f + ".ar", 200, false);
  if (!ar) return ar.error();
  auto fa = CleanName(name.fa, f + ".fa", 200, false);
  if (!fa) return fa.error();
  auto en = CleanName(name.en, f + ".en", 200, false);
  if (!en) return en.error();
  if (ar->empty() && fa->empty() && en->empty()) {
    return base::Invalid(f, "needs a name in at least one of ar, fa, en");
  }
  return LocalizedName{*ar, *fa, *en};
}

bool IsSupportedLanguage(std::string_view lang) {
  return lang == "ar" || lang == "fa" || lang == "en";
}

bool IsUserCalendar(std::string_view calendar) {
  return calendar.empty() || calendar == "gregorian" || calendar == "islamic-umalqura" ||
         calendar == "persian";
}

bool IsUserDigits(std::string_view digits) {
  return digits.empty() || digits == "latn" || digits == "native";
}

}  // namespace tawasul::domain
