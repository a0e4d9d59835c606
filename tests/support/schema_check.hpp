#pragma once

// Checks a JSON value against a schema of the OpenAPI document the server serves, for the
// keywords that document uses: $ref (#/components/schemas/...), allOf, type, nullable, enum,
// properties, required, additionalProperties, items, minimum, maximum. Every branch of an allOf
// is checked on its own, as JSON Schema says: a branch with additionalProperties: false refuses
// the members of the other branches.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tawasul::testing {

inline void SchemaErrors(const nlohmann::json& doc, const nlohmann::json& schema,
                         const nlohmann::json& value, const std::string& at,
                         std::vector<std::string>& errors) {
  using nlohmann::json;
  if (schema.contains("$ref")) {
    const std::string ref = schema["$ref"].get<std::string>();
    const std::string prefix = "#/components/schemas/";
    if (ref.rfind(prefix, 0) != 0 ||
        !doc["components"]["schemas"].contains(ref.substr(prefix.size()))) {
      errors.push_back(at + ": unknown $ref " + ref);
      return;
    }
    SchemaErrors(doc, doc["components"]["schemas"][ref.substr(prefix.size())], value, at, errors);
    return;
  }
  if (value.is_null() && schema.value("nullable", false)) return;
  if (schema.contains("allOf")) {
    for (const auto& branch : schema["allOf"]) SchemaErrors(doc, branch, value, at, errors);
  }
  if (schema.contains("type")) {
    const std::string type = schema["type"].get<std::string>();
    const bool ok = (type == "object" && value.is_object()) ||
                    (type == "array" && value.is_array()) ||
                    (type == "string" && value.is_string()) ||
                    (type == "integer" && value.is_number_integer()) ||
                    (type == "number" && value.is_number()) ||
                    (type == "boolean" && value.is_boolean());
    if (!ok) {
      errors.push_back(at + ": " + value.dump() + " is not of type " + type);
      return;
    }
  }
  if (schema.contains("enum")) {
    bool found = false;
    for (const auto& e : schema["enum"]) found = found || e == value;
    if (!found) errors.push_back(at + ": " + value.dump() + " is not in its enum");
  }
  if (value.is_number()) {
    if (schema.contains("minimum") && value.get<double>() < schema["minimum"].get<double>()) {
      errors.push_back(at + ": below its minimum");
    }
    if (schema.contains("maximum") && value.get<double>() > schema["maximum"].get<double>()) {
      errors.push_back(at + ": above its maximum");
    }
  }
  if (value.is_object()) {
    const json properties = schema.value("properties", json::object());
    for (const auto& name : schema.value("required", json::array())) {
      if (!value.contains(name.get<std::string>())) {
        errors.push_back(at + ": lacks required " + name.get<std::string>());
      }
    }
    for (const auto& [name, member] : value.items()) {
      if (properties.contains(name)) {
        SchemaErrors(doc, properties[name], member, at + "." + name, errors);
      } else if (schema.contains("additionalProperties")) {
        const json& extra = schema["additionalProperties"];
        if (extra.is_boolean() && !extra.get<bool>()) {
          errors.push_back(at + ": member " + name + " is not allowed");
        } else if (extra.is_object()) {
          SchemaErrors(doc, extra, member, at + "." + name, errors);
        }
      }
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      SchemaErrors(doc, schema["items"], value[i], at + "[" + std::to_string(i) + "]", errors);
    }
  }
}

/// The errors of `value` against the document's components/schemas/`name`; empty when valid.
inline std::vector<std::string> SchemaErrors(const nlohmann::json& doc, const std::string& name,
                                             const nlohmann::json& value) {
  std::vector<std::string> errors;
  SchemaErrors(doc, nlohmann::json{{"$ref", "#/components/schemas/" + name}}, value, name, errors);
  return errors;
}

}  // namespace tawasul::testing
