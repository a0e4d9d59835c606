#pragma once
// Reading JSON request bodies with exact types: each member decoded by its C++ type (strings,
// booleans, integers, ids, RFC 3339 times, enums by wire name, names in three languages), and
// ObjectReader, which reads one object's members, remembers the first error by field name and
// rejects unknown members. Shared by json_mapping.cpp and the route files that parse their own.

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "http/json_mapping.hpp"

namespace tawasul::http::reading {

using base::Error;
using base::Status;

// ---- Enum names -----------------------------------------------------------------------------

inline std::optional<d::Channel> ParseEnum(std::string_view s, d::Channel*) { return d::ParseChannel(s); }
inline std::optional<d::CaseType> ParseEnum(std::string_view s, d::CaseType*) {
  return d::ParseCaseType(s);
}
inline std::optional<d::Priority> ParseEnum(std::string_view s, d::Priority*) {
  return d::ParsePriority(s);
}
inline std::optional<d::CaseStatus> ParseEnum(std::string_view s, d::CaseStatus*) {
  return d::ParseCaseStatus(s);
}
inline std::optional<d::Role> ParseEnum(std::string_view s, d::Role*) { return d::ParseRole(s); }
inline std::optional<d::ContactDirection> ParseEnum(std::string_view s, d::ContactDirection*) {
  return d::ParseContactDirection(s);
}
inline std::optional<d::ContactOutcome> ParseEnum(std::string_view s, d::ContactOutcome*) {
  return d::ParseContactOutcome(s);
}
inline std::optional<d::UnitKind> ParseEnum(std::string_view s, d::UnitKind*) {
  return d::ParseUnitKind(s);
}
inline std::optional<d::SiteKind> ParseEnum(std::string_view s, d::SiteKind*) {
  return d::ParseSiteKind(s);
}

/// "a, b, c": the wire names, for error messages. Enumerators are 0, 1, 2, ... and ToString
/// answers "" past the last (see domain/model.cpp).
template <class E>
std::string EnumNames() {
  std::string out;
  for (int i = 0; i < 64; ++i) {
    const std::string_view name = d::ToString(static_cast<E>(i));
    if (name.empty()) break;
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

// ---- Typed reads ------------------------------------------------------------------------------

using DecodeError = std::optional<Error>;

inline DecodeError Decode(const Json& j, std::string& out, const std::string& field) {
  if (!j.is_string()) return base::Invalid(field, "must be a string");
  out = j.get<std::string>();
  return std::nullopt;
}

inline DecodeError Decode(const Json& j, bool& out, const std::string& field) {
  if (!j.is_boolean()) return base::Invalid(field, "must be true or false");
  out = j.get<bool>();
  return std::nullopt;
}

inline DecodeError Decode(const Json& j, std::int64_t& out, const std::string& field) {
  if (!j.is_number_integer()) return base::Invalid(field, "must be an integer");
  if (j.is_number_unsigned() &&
      j.get<std::uint64_t>() >
          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return base::Invalid(field, "is out of range");
  }
  out = j.get<std::int64_t>();
  return std::nullopt;
}

inline DecodeError Decode(const Json& j, double& out, const std::string& field) {
  if (!j.is_number()) return base::Invalid(field, "must be a number");
  out = j.get<double>();
  return std::nullopt;
}

template <class Tag>
inline DecodeError Decode(const Json& j, base::Id<Tag>& out, const std::string& field) {
  if (!j.is_number_integer()) return base::Invalid(field, "must be an integer id");
  return Decode(j, out.value, field);
}

inline DecodeError Decode(const Json& j, base::Time& out, const std::string& field) {
  if (!j.is_string()) return base::Invalid(field, "must be an RFC 3339 date-time string");
  auto t = base::ParseRfc3339(j.get_ref<const std::string&>());
  if (!t) return base::Invalid(field, "must be an RFC 3339 date-time, e.g. 2026-01-31T09:30:00Z");
  out = *t;
  return std::nullopt;
}

template <class E>
requires std::is_enum_v<E> DecodeError Decode(const Json& j, E& out, const std::string& field) {
  if (!j.is_string()) return base::Invalid(field, "must be a string, one of: " + EnumNames<E>());
  auto v = ParseEnum(j.get_ref<const std::string&>(), static_cast<E*>(nullptr));
  if (!v) return base::Invalid(field, "must be one of: " + EnumNames<E>());
  out = *v;
  return std::nullopt;
}

inline DecodeError Decode(const Json& j, d::LocalizedName& out, const std::string& field);

inline DecodeError Decode(const Json& j, std::vector<std::string>& out, const std::string& field) {
  if (!j.is_array()) return base::Invalid(field, "must be an array of strings");
  out.clear();
  for (std::size_t i = 0; i < j.size(); ++i) {
    if (!j[i].is_string()) {
      return base::Invalid(field + "[" + std::to_string(i) + "]", "must be a string");
    }
    out.push_back(j[i].get<std::string>());
  }
  return std::nullopt;
}

/// An object of short values by name (requester attributes): strings, or numbers written as
/// text; null is "" (unset).
inline DecodeError Decode(const Json& j, std::map<std::string, std::string>& out,
                          const std::string& field) {
  if (!j.is_object()) return base::Invalid(field, "must be an object of strings");
  out.clear();
  for (const auto& [key, v] : j.items()) {
    if (v.is_string()) {
      out[key] = v.get<std::string>();
    } else if (v.is_number_integer()) {
      out[key] = std::to_string(v.get<std::int64_t>());
    } else if (v.is_null()) {
      out[key] = "";
    } else {
      return base::Invalid(field + "." + key, "must be a string");
    }
  }
  return std::nullopt;
}

/// Reads the members of one JSON object with exact types; remembers the first error and which
/// members were read, so Finish() can reject unknown ones.
class ObjectReader {
 public:
  /// `prefix` names this object in errors ("requester" gives "requester.phone").
  explicit ObjectReader(const Json& object, std::string prefix = {})
      : object_(object), prefix_(std::move(prefix)) {}

  /// Sets `out` when `key` is present and not null.
  template <class T>
  bool Optional(std::string_view key, T& out) {
    const Json* v = Get(key);
    if (v == nullptr || v->is_null()) return false;
    return Read(key, *v, out);
  }

  template <class T>
  bool Optional(std::string_view key, std::optional<T>& out) {
    T value{};
    if (!Optional(key, value)) return false;
    out = std::move(value);
    return true;
  }

  /// Absent or null is an error.
  template <class T>
  bool Required(std::string_view key, T& out) {
    const Json* v = Get(key);
    if (v == nullptr || v->is_null()) {
      Fail(Field(key), "is required");
      return false;
    }
    return Read(key, *v, out);
  }

  /// A PATCH member that cannot be cleared: absent leaves `out` unset, null is an error.
  template <class T>
  void Patch(std::string_view key, std::optional<T>& out) {
    const Json* v = Get(key);
    if (v == nullptr) return;
    if (v->is_null()) {
      Fail(Field(key), "cannot be null");
      return;
    }
    T value{};
    if (Read(key, *v, value)) out = std::move(value);
  }

  /// A PATCH member that null clears: absent leaves `out` unset; null sets an empty inner value.
  template <class T>
  void Nullable(std::string_view key, std::optional<std::optional<T>>& out) {
    const Json* v = Get(key);
    if (v == nullptr) return;
    if (v->is_null()) {
      out = std::optional<T>();
      return;
    }
    T value{};
    if (Read(key, *v, value)) out = std::optional<T>(std::move(value));
  }

  /// A member that may be sent back but never changed by a PATCH.
  void ReadOnly(std::string_view key) {
    if (Get(key) != nullptr) Fail(Field(key), "cannot be changed");
  }

  /// A member that must be an object. Absent or null: nullptr (`was_null` tells which).
  const Json* Object(std::string_view key, bool* was_null = nullptr) {
    const Json* v = Get(key);
    if (was_null != nullptr) *was_null = v != nullptr && v->is_null();
    if (v == nullptr || v->is_null()) return nullptr;
    if (!v->is_object()) {
      Fail(Field(key), "must be an object");
      return nullptr;
    }
    return v;
  }

  std::string Field(std::string_view key) const {
    return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
  }

  void Fail(std::string field, std::string message) {
    if (!error_) error_ = base::Invalid(std::move(field), std::move(message));
  }
  void Fail(const Error& e) {
    if (!error_) error_ = e;
  }
  bool ok() const { return !error_.has_value(); }

  /// The first error, else an error for the first unknown member, else Ok.
  Status Finish() const {
    if (error_) return *error_;
    for (const auto& [key, value] : object_.items()) {
      if (std::find(known_.begin(), known_.end(), key) == known_.end()) {
        return base::Invalid(Field(key), "is not a known field");
      }
    }
    return base::Ok{};
  }

 private:
  const Json* Get(std::string_view key) {
    known_.emplace_back(key);
    auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }

  template <class T>
  bool Read(std::string_view key, const Json& value, T& out) {
    if (auto e = Decode(value, out, Field(key))) {
      Fail(*e);
      return false;
    }
    return true;
  }

  const Json& object_;
  std::string prefix_;
  std::vector<std::string> known_;
  std::optional<Error> error_;
};

inline DecodeError Decode(const Json& j, d::LocalizedName& out, const std::string& field) {
  if (!j.is_object()) return base::Invalid(field, "must be an object {\"ar\", \"fa\", \"en\"}");
  ObjectReader r(j, field);
  d::LocalizedName name;
  r.Optional("ar", name.ar);
  r.Optional("fa", name.fa);
  r.Optional("en", name.en);
  if (auto s = r.Finish(); !s) return s.error();
  out = std::move(name);
  return std::nullopt;
}

}  // namespace tawasul::http::reading
