#include "app/reports/tag_check.hpp"

#include <algorithm>

#include "domain/permissions.hpp"
#include "domain/tag.hpp"

namespace tawasul::app {

namespace d = tawasul::domain;

base::Result<std::vector<std::pair<std::string, std::string>>> CheckRegistryTags(
    TagStore& store, d::Role role, const std::vector<std::string>& names, base::Time now,
    const std::string& field) {
  if (names.size() > 10) return base::Invalid(field, "holds more than 10 tags");
  std::vector<std::pair<std::string, std::string>> out;
  const bool may_tag = d::Allows(role, d::Permission::kTagCases);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string at = field + "[" + std::to_string(i) + "]";
    const std::string key = names[i].size() > 256 ? std::string() : d::TagKey(names[i]);
    auto tag = key.empty() ? std::nullopt : store.FindTag(key);
    if (!tag) return base::Invalid(at, "is not in the tag registry");
    if (auto why = d::TagRefusal(*tag, now); !why.empty()) {
      return base::Invalid(at, "“" + tag->name + "” " + why);
    }
    if (!may_tag && !tag->open_to_agents) {
      return base::Invalid(at, "“" + tag->name + "” is not open to agents");
    }
    if (std::none_of(out.begin(), out.end(), [&](const auto& t) { return t.second == key; })) {
      out.emplace_back(tag->name, key);
    }
  }
  return out;
}

}  // namespace tawasul::app
