#pragma once

#include <string>
#include <string_view>

namespace tawasul::base {

/// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
bool IsValidUtf8(std::string_view s);

/// True when `s` holds a bidirectional control character (U+202A..U+202E, U+2066..U+2069,
/// U+200E, U+200F, U+061C); such characters can make a name display as something else.
bool HasBidiControl(std::string_view s);

/// `s` without the bidirectional embeddings, overrides and isolates (U+202A..U+202E,
/// U+2066..U+2069), which can make free text display as something else; the plain direction
/// marks (U+200E, U+200F, U+061C) stay, since they reorder nothing.
std::string StripBidiOverrides(std::string_view s);

/// True when `s` holds a C0/C1 control character other than tab, newline and carriage return.
bool HasControlChar(std::string_view s);

/// Replaces Arabic-Indic (U+0660..U+0669) and Persian (U+06F0..U+06F9) digits by ASCII digits.
std::string FoldDigits(std::string_view s);

/// Removes leading and trailing ASCII whitespace and U+00A0.
std::string Trim(std::string_view s);

/// Appends code point `cp` (at most U+10FFFF, not a surrogate) to `out` as UTF-8.
void AppendUtf8(std::string& out, char32_t cp);

/// Number of Unicode code points in valid UTF-8.
std::size_t CodePointCount(std::string_view s);

/// Keeps only ASCII digits after folding other digits; drops spaces, dashes and the like.
std::string DigitsOnly(std::string_view s);

}  // namespace tawasul::base
