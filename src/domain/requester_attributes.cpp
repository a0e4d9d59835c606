#include "domain/requester_attributes.hpp"

#include <chrono>

#include "base/text.hpp"
#include "domain/tag.hpp"
#include "domain/validation.hpp"

namespace tawasul::domain {

namespace {

bool IsKey(std::string_view s, std::size_t max) {
  if (s.empty() || s.size() > max || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

bool IsDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{std::stoi(s.substr(0, 4))},
                                        std::chrono::month{static_cast<unsigned>(std::stoi(s.substr(5, 2)))},
                                        std::chrono::day{static_cast<unsigned>(std::stoi(s.substr(8, 2)))}};
  return ymd.ok();
}

}  // namespace

std::string_view ToString(AttributeType t) {
  switch (t) {
    case AttributeType::kText:
      return "text";
    case AttributeType::kChoice:
      return "choice";
    case AttributeType::kNumber:
      return "number";
    case AttributeType::kDate:
      return "date";
  }
  return "";
}

std::optional<AttributeType> ParseAttributeType(std::string_view s) {
  for (auto t : {AttributeType::kText, AttributeType::kChoice, AttributeType::kNumber,
                 AttributeType::kDate}) {
    if (ToString(t) == s) return t;
  }
  return std::nullopt;
}

std::string AttributeDefinitionProblem(const RequesterAttribute& def) {
  if (!IsKey(def.key, 32)) return "key must be a-z, 0-9 and _, starting with a letter, at most 32";
  if (def.name.ar.empty() && def.name.fa.empty() && def.name.en.empty()) return "needs a name";
  if (def.type == AttributeType::kChoice) {
    if (def.choices.empty()) return "a choice needs choices";
    for (std::size_t i = 0; i < def.choices.size(); ++i) {
      if (!IsKey(def.choices[i].key, 32)) return "choice keys must be a-z, 0-9 and _";
      for (std::size_t j = 0; j < i; ++j) {
        if (def.choices[j].key == def.choices[i].key) return "choice \"" + def.choices[i].key + "\" twice";
      }
    }
  } else if (!def.choices.empty()) {
    return "only a choice has choices";
  }
  return "";
}

base::Result<AttributeValues> CheckAttributes(const std::vector<RequesterAttribute>& defs,
                                              const AttributeValues& given,
                                              const std::string& field, bool require) {
  AttributeValues out;
  for (const auto& [key, raw] : given) {
    const std::string name = field + "." + key;
    const RequesterAttribute* def = nullptr;
    for (const auto& d : defs) {
      if (d.key == key) def = &d;
    }
    if (def == nullptr) return base::Invalid(name, "is not an attribute this center records");
    auto cleaned = CleanName(raw, name, 200, false);
    if (!cleaned) return cleaned.error();
    std::string v = *cleaned;
    if (v.empty()) continue;
    switch (def->type) {
      case AttributeType::kChoice: {
        // A choice by its key or by any of its names, folded as tags are ("Imam", "امام جماعت").
        const std::string folded = TagKey(v);
        const AttributeChoice* found = nullptr;
        std::string keys;
        for (const auto& c : def->choices) {
          for (const std::string* form : {&c.key, &c.name.ar, &c.name.fa, &c.name.en}) {
            if (found == nullptr && !form->empty() && TagKey(*form) == folded) found = &c;
          }
          keys += (keys.empty() ? "" : ", ") + c.key;
        }
        if (found == nullptr) return base::Invalid(name, "must be one of: " + keys);
        v = found->key;
        break;
      }
      case AttributeType::kNumber: {
        v = base::FoldDigits(v);
        std::string_view digits = v;
        if (!digits.empty() && digits[0] == '-') digits.remove_prefix(1);
        bool ok = !digits.empty() && digits.size() <= 15;
        for (char c : digits) ok = ok && c >= '0' && c <= '9';
        if (!ok) return base::Invalid(name, "must be a whole number");
        break;
      }
      case AttributeType::kDate:
        v = base::FoldDigits(v);
        if (!IsDate(v)) return base::Invalid(name, "must be a date, YYYY-MM-DD");
        break;
      case AttributeType::kText:
        break;
    }
    out[key] = std::move(v);
  }
  if (require) {
    for (const auto& d : defs) {
      if (d.required && out.count(d.key) == 0) return base::Invalid(field + "." + d.key, "is required");
    }
  }
  return out;
}

std::string EncodeAttributes(const AttributeValues& values) {
  std::string out;
  for (const auto& [key, value] : values) {
    out += key;
    out += '=';
    for (char c : value) {
      if (c == '\\') {
        out += "\\\\";
      } else if (c == '\n') {
        out += "\\n";
      } else {
        out += c;
      }
    }
    out += '\n';
  }
  return out;
}

AttributeValues DecodeAttributes(std::string_view text) {
  AttributeValues out;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    std::string value;
    for (std::size_t i = eq + 1; i < line.size(); ++i) {
      if (line[i] == '\\' && i + 1 < line.size()) {
        value += line[i + 1] == 'n' ? '\n' : line[i + 1];
        ++i;
      } else {
        value += line[i];
      }
    }
    out[std::string(line.substr(0, eq))] = std::move(value);
  }
  return out;
}

}  // namespace tawasul::domain
