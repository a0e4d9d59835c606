#pragma once
// Requester attributes a center defines in its profile: 8940's role of the person calling
// (imam, trustee, worshipper, member), a member number, a date. Each is typed and validated,
// entered in the console and the portal, kept on the requester, and a report dimension. Pure.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/model.hpp"

namespace tawasul::domain {

enum class AttributeType { kText, kChoice, kNumber, kDate };
std::string_view ToString(AttributeType t);
std::optional<AttributeType> ParseAttributeType(std::string_view s);

struct AttributeChoice {
  std::string key;  ///< the stored value, [a-z0-9_]
  LocalizedName name;
  bool operator==(const AttributeChoice&) const = default;
};

struct RequesterAttribute {
  std::string key;  ///< [a-z][a-z0-9_]*, at most 32
  AttributeType type = AttributeType::kText;
  LocalizedName name;
  bool required = false;  ///< when a requester is given at all
  std::vector<AttributeChoice> choices;  ///< kChoice only, at least one
  bool operator==(const RequesterAttribute&) const = default;
};

/// Attribute key → value as stored: a choice's key, an integer in ASCII digits, a date as
/// YYYY-MM-DD (Gregorian), or text.
using AttributeValues = std::map<std::string, std::string>;

/// Why `def` cannot be an attribute definition ("" when it can).
std::string AttributeDefinitionProblem(const RequesterAttribute& def);

/// `given` checked against `defs` and normalised (digits of any script to ASCII, text cleaned, a
/// choice given by its key or any of its names, in any case or letter form, stored as its key);
/// an empty value means "unset" and is dropped. Errors name `field` + "." + key: an unknown key,
/// a choice not offered, a number or date that is not one, text too long; and with `require`,
/// a required attribute missing.
base::Result<AttributeValues> CheckAttributes(const std::vector<RequesterAttribute>& defs,
                                              const AttributeValues& given,
                                              const std::string& field, bool require);

/// One stored text for the values ("key=value" lines, backslash escapes), and back. Decoding
/// skips malformed lines.
std::string EncodeAttributes(const AttributeValues& values);
AttributeValues DecodeAttributes(std::string_view text);

}  // namespace tawasul::domain
