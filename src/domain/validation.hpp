#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "domain/model.hpp"

namespace tawasul::domain {

/// A person's or a place's name: trimmed, valid UTF-8, no control characters and no
/// bidirectional controls (which can make a name display as another), 1..max_chars code points
/// (0 allowed when not `required`).
base::Result<std::string> CleanName(std::string_view s, std::string_view field,
                                    std::size_t max_chars, bool required);

/// Free text (descriptions, answers, notes): trimmed, valid UTF-8, newlines and tabs allowed,
/// other control characters rejected; the plain bidi marks (LRM, RLM, ALM) are kept because
/// mixed Arabic/Latin text needs them, while embeddings, overrides and isolates are stripped.
base::Result<std::string> CleanText(std::string_view s, std::string_view field,
                                     std::size_t max_chars, bool required);

/// A code for units, categories and sites: 1..64 of [A-Za-z0-9._-].
base::Status CheckCode(std::string_view code, std::string_view field);

/// Cleans each language's name; at least one must be present.
base::Result<LocalizedName> CleanLocalizedName(const LocalizedName& name, std::string_view field);

/// "ar", "fa" or "en".
bool IsSupportedLanguage(std::string_view lang);

/// A user's calendar choice: "" (the center's), gregorian, islamic-umalqura or persian.
bool IsUserCalendar(std::string_view calendar);

/// A user's digits choice: "" (the language's usual), latn or native.
bool IsUserDigits(std::string_view digits);

}  // namespace tawasul::domain
