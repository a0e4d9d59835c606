#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace tawasul::domain {

/// The placeholders notification templates may use (docs/profiles.md).
const std::set<std::string>& KnownPlaceholders();

/// Checks that every "{name}" in `text` is a known placeholder and braces balance.
base::Status CheckTemplate(std::string_view text);

/// Replaces each "{name}" with its value (missing values become empty).
std::string RenderTemplate(std::string_view text, const std::map<std::string, std::string>& values);

/// Masks phone numbers, e-mail addresses and national-ID-like digit runs inside free text, for
/// readers who must not learn a requester's identity: any run of 7 or more digits (ASCII,
/// Arabic-Indic or Persian, with spaces, dashes, dots, parentheses or a leading "+" between
/// them) and any e-mail address become "[…]". The mask has a fixed length, so it leaks nothing.
std::string MaskIdentifiers(std::string_view text);

}  // namespace tawasul::domain
