#include "app/installation/attribute_config.hpp"

#include <set>
#include <sstream>

#include "app/installation/toml_reader.hpp"

namespace tawasul::app {

namespace dom = tawasul::domain;
using toml_read::Localized;
using toml_read::Reader;
using toml_read::Str;

base::Result<AttributeConfig> ParseAttributeConfig(const std::string& file, const std::string& text) {
  const Reader r(file);
  auto parsed = r.Parse(text);
  if (!parsed) return parsed.error();
  const toml::table& root = *parsed;
  AttributeConfig out;
  const toml::node* node = root.get("requester_attributes");
  if (node == nullptr) return out;
  const toml::array* list = node->as_array();
  if (list == nullptr) return r.Err(node, "[[requester_attributes]] must be tables");
  std::set<std::string> keys;
  for (const auto& n : *list) {
    const auto* t = n.as_table();
    if (t == nullptr) return r.Err(&n, "[[requester_attributes]] must be tables");
    dom::RequesterAttribute a;
    a.key = Str((*t)["key"]);
    a.name = Localized((*t)["name"]);
    const std::string type = (*t)["type"].value_or(std::string("text"));
    auto parsed = dom::ParseAttributeType(type);
    if (!parsed) return r.Err(&n, "attribute \"" + a.key + "\": type must be text, choice, number or date");
    a.type = *parsed;
    a.required = (*t)["required"].value_or(false);
    if (const auto* choices = (*t)["choices"].as_array()) {
      for (const auto& c : *choices) {
        const auto* ct = c.as_table();
        if (ct == nullptr) return r.Err(&c, "attribute \"" + a.key + "\": choices are { key, name } tables");
        a.choices.push_back({Str((*ct)["key"]), Localized((*ct)["name"])});
      }
    }
    if (auto problem = dom::AttributeDefinitionProblem(a); !problem.empty()) {
      return r.Err(&n, "attribute \"" + a.key + "\": " + problem);
    }
    if (!keys.insert(a.key).second) return r.Err(&n, "attribute \"" + a.key + "\" twice");
    out.attributes.push_back(std::move(a));
  }
  toml::table kept;
  kept.insert("requester_attributes", *list);
  std::ostringstream os;
  os << kept;
  out.source = os.str();
  return out;
}

}  // namespace tawasul::app
