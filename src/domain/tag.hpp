#pragma once
// Topic tags as a registry: a tag is matched by its folded key, so "COVID-19", "covid-19" and
// "كورونا" written with or without diacritics or with Persian letters are one tag each; admins
// give it names in three languages, a colour, a validity period, and may open it to agents at
// registration (a crisis tag). Pure.

#include <optional>
#include <string>
#include <string_view>

#include "base/time.hpp"
#include "domain/model.hpp"

namespace tawasul::domain {

/// A tag of the registry.
struct Tag {
  std::int64_t id = 0;
  std::string name;  ///< as first written: the row key reports use
  std::string key;   ///< TagKey(name)
  LocalizedName names;
  std::string colour;  ///< "#rrggbb" or empty
  std::optional<Time> valid_from;
  std::optional<Time> valid_to;  ///< exclusive
  bool open_to_agents = false;   ///< agents may put it on a request they register
  bool active = true;
  Time created_at{};
  bool operator==(const Tag&) const = default;
};

/// The key a tag is matched by: case-folded, NFKC, Arabic and Persian letter variants joined,
/// diacritics, tatweel and zero-width characters dropped, digits of every script to ASCII.
std::string TagKey(std::string_view name);

/// Why `tag` cannot be put on a request at `at` ("" when it can).
std::string TagRefusal(const Tag& tag, Time at);

/// "#rrggbb" (either case) or empty.
bool IsTagColour(std::string_view s);

}  // namespace tawasul::domain
