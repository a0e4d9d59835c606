#pragma once
// The requester attributes a profile defines ([[requester_attributes]], docs/profiles.md), read
// from TOML. The installation keeps the TOML of those tables (key "requester_attributes"), so a
// restart or another node reads the same definitions.

#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/requester_attributes.hpp"

namespace tawasul::app {

struct AttributeConfig {
  std::vector<domain::RequesterAttribute> attributes;
  std::string source;  ///< TOML of the [[requester_attributes]] tables; empty when none
};

/// Reads `[[requester_attributes]]` from a TOML text (a whole profile, or a stored source).
/// Errors read "FILE:LINE: problem".
base::Result<AttributeConfig> ParseAttributeConfig(const std::string& file, const std::string& text);

inline constexpr const char* kInstallationAttributesKey = "requester_attributes";

}  // namespace tawasul::app
