#include "http/json_mapping.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

#include "base/text.hpp"
#include "base/time.hpp"
#include "domain/validation.hpp"

namespace tawasul::http {

using base::Error;
using base::Result;
using base::Status;

namespace {

// ---- Enum names -----------------------------------------------------------------------------

std::optional<d::Channel> ParseEnum(std::string_view s, d::Channel*) { return d::ParseChannel(s); }
std::optional<d::CaseType> ParseEnum(std::string_view s, d::CaseType*) {
  return d::ParseCaseType(s);
}
std::optional<d::Priority> ParseEnum(std::string_view s, d::Priority*) {
  return d::ParsePriority(s);
}
std::optional<d::CaseStatus> ParseEnum(std::string_view s, d::CaseStatus*) {
  return d::ParseCaseStatus(s);
}
std::optional<d::Role> ParseEnum(std::string_view s, d::Role*) { return d::ParseRole(s); }
std::optional<d::ContactDirection> ParseEnum(std::string_view s, d::ContactDirection*) {
  return d::ParseContactDirection(s);
}
std::optional<d::ContactOutcome> ParseEnum(std::string_view s, d::ContactOutcome*) {
  return d::ParseContactOutcome(s);
}
std::optional<d::UnitKind> ParseEnum(std::string_view s, d::UnitKind*) {
  return d::ParseUnitKind(s);
}
std::optional<d::SiteKind> ParseEnum(std::string_view s, d::SiteKind*) {
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

DecodeError Decode(const Json& j, std::string& out, const std::string& field) {
  if (!j.is_string()) return base::Invalid(field, "must be a string");
  out = j.get<std::string>();
  return std::nullopt;
}

DecodeError Decode(const Json& j, bool& out, const std::string& field) {
  if (!j.is_boolean()) return base::Invalid(field, "must be true or false");
  out = j.get<bool>();
  return std::nullopt;
}

DecodeError Decode(const Json& j, std::int64_t& out, const std::string& field) {
  if (!j.is_number_integer()) return base::Invalid(field, "must be an integer");
  if (j.is_number_unsigned() &&
      j.get<std::uint64_t>() >
          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return base::Invalid(field, "is out of range");
  }
  out = j.get<std::int64_t>();
  return std::nullopt;
}

DecodeError Decode(const Json& j, double& out, const std::string& field) {
  if (!j.is_number()) return base::Invalid(field, "must be a number");
  out = j.get<double>();
  return std::nullopt;
}

template <class Tag>
DecodeError Decode(const Json& j, base::Id<Tag>& out, const std::string& field) {
  if (!j.is_number_integer()) return base::Invalid(field, "must be an integer id");
  return Decode(j, out.value, field);
}

DecodeError Decode(const Json& j, base::Time& out, const std::string& field) {
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

DecodeError Decode(const Json& j, d::LocalizedName& out, const std::string& field);

DecodeError Decode(const Json& j, std::vector<std::string>& out, const std::string& field) {
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

DecodeError Decode(const Json& j, d::LocalizedName& out, const std::string& field) {
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

app::RequesterInput ReadRequester(ObjectReader& r) {
  app::RequesterInput in;
  r.Optional("name", in.name);
  r.Optional("phone", in.phone);
  r.Optional("email", in.email);
  r.Optional("national_id", in.national_id);
  r.Optional("language", in.language);
  return in;
}

}  // namespace

// ---- Input --------------------------------------------------------------------------------

Result<Json> ParseJsonObject(std::string_view body) {
  if (!base::IsValidUtf8(body)) return base::Invalid("", "The body is not valid UTF-8");
  Json j;
  // The last key read names the field when a value cannot be held (a number such as 1e999
  // overflows a double: nlohmann throws out_of_range, which is the client's error, not ours).
  std::string key;
  const Json::parser_callback_t note_key = [&key](int, Json::parse_event_t event, Json& parsed) {
    if (event == Json::parse_event_t::key && parsed.is_string()) key = parsed.get<std::string>();
    return true;
  };
  try {
    j = Json::parse(body, note_key);
  } catch (const Json::parse_error& e) {
    return base::Invalid(key, std::string("The body is not valid JSON: ") + e.what());
  } catch (const Json::exception& e) {
    return base::Invalid(key, std::string("A value in the body cannot be read: ") + e.what());
  }
  if (!j.is_object()) return base::Invalid("", "The body must be a JSON object");
  return j;
}

Result<LoginInput> ParseLogin(const Json& body) {
  ObjectReader r(body);
  LoginInput in;
  r.Required("username", in.username);
  r.Required("password", in.password);
  if (auto s = r.Finish(); !s) return s.error();
  return in;
}

Result<TokenInput> ParseTokenInput(const Json& body) {
  ObjectReader r(body);
  TokenInput in;
  r.Required("user_id", in.user_id);
  r.Required("name", in.name);
  if (auto s = r.Finish(); !s) return s.error();
  return in;
}

Result<app::CaseInput> ParseCaseInput(const Json& body) {
  ObjectReader r(body);
  app::CaseInput in;
  r.Required("type", in.type);
  r.Required("category_id", in.category_id);
  r.Optional("channel", in.channel);
  r.Required("description", in.description);
  if (const Json* req = r.Object("requester")) {
    ObjectReader rr(*req, r.Field("requester"));
    in.requester = ReadRequester(rr);
    if (auto s = rr.Finish(); !s) r.Fail(s.error());
  }
  r.Optional("site_id", in.site_id);
  r.Optional("priority", in.priority);
  r.Optional("contact_id", in.contact_id);
  r.Optional("tags", in.tags);
  r.Optional("branch_id", in.branch_id);
  if (auto s = r.Finish(); !s) return s.error();
  return in;
}

Result<app::TagInput> ParseTagInput(const Json& body) {
  ObjectReader r(body);
  app::TagInput in;
  r.Optional("name", in.name);
  r.Optional("names", in.names);
  r.Optional("colour", in.colour);
  r.Nullable("valid_from", in.valid_from);
  r.Nullable("valid_to", in.valid_to);
  r.Optional("open_to_agents", in.open_to_agents);
  r.Optional("active", in.active);
  if (auto s = r.Finish(); !s) return s.error();
  return in;
}

Json TagJson(const d::Tag& t) {
  auto when = [](const std::optional<base::Time>& v) {
    return v ? Json(base::FormatRfc3339(*v)) : Json(nullptr);
  };
  return Json{{"id", t.id},
              {"name", t.name},
              {"names", Json{{"ar", t.names.ar}, {"fa", t.names.fa}, {"en", t.names.en}}},
              {"colour", t.colour},
              {"valid_from", when(t.valid_from)},
              {"valid_to", when(t.valid_to)},
              {"open_to_agents", t.open_to_agents},
              {"active", t.active},
              {"created_at", base::FormatRfc3339(t.created_at)}};
}

Result<app::CasePatch> ParseCasePatch(const Json& body) {
  ObjectReader r(body);
  app::CasePatch p;
  r.Patch("type", p.type);
  r.Patch("category_id", p.category_id);
  r.Patch("priority", p.priority);
  r.Patch("status", p.status);
  r.Nullable("site_id", p.site_id);
  r.Nullable("unit_id", p.unit_id);
  r.Patch("description", p.description);
  r.Patch("public_answer", p.public_answer);
  r.Patch("note", p.note);
  for (const char* key : {"id", "tracking_code", "channel", "requester_id", "created_by",
                          "created_at", "updated_at", "version", "workflow", "state",
                          "state_label", "parent_id", "duplicate_of", "closed_at"}) {
    r.ReadOnly(key);
  }
  if (auto s = r.Finish(); !s) return s.error();
  return p;
}

Result<app::ContactInput> ParseContactInput(const Json& body) {
  ObjectReader r(body);
  app::ContactInput in;
  r.Optional("channel", in.channel);
  r.Optional("direction", in.direction);
  r.Optional("phone", in.phone);
  r.Optional("name", in.name);
  r.Optional("case_id", in.case_id);
  r.Optional("outcome", in.outcome);
  r.Optional("note", in.note);
  r.Optional("started_at", in.started_at);
  r.Optional("ended_at", in.ended_at);
  r.Optional("site_id", in.site_id);
  r.Optional("category_id", in.category_id);
  r.Optional("tags", in.tags);
  if (auto s = r.Finish(); !s) return s.error();
  return in;
}

Result<app::ContactPatch> ParseContactPatch(const Json& body) {
  ObjectReader r(body);
  app::ContactPatch p;
  r.Patch("outcome", p.outcome);
  r.Nullable("category_id", p.category_id);
  r.Nullable("site_id", p.site_id);
  r.Patch("note", p.note);
  r.Optional("end", p.end);
  r.Optional("tags", p.tags);
  if (auto s = r.Finish(); !s) return s.error();
  return p;
}

Result<app::PublicRequestInput> ParsePublicRequest(const Json& body) {
  ObjectReader r(body);
  app::PublicRequestInput in;
  r.Required("type", in.type);
  r.Required("category_id", in.category_id);
  r.Required("description", in.description);
  if (const Json* req = r.Object("requester")) {
    ObjectReader rr(*req, r.Field("requester"));
    in.requester = ReadRequester(rr);
    if (auto s = rr.Finish(); !s) r.Fail(s.error());
  } else if (r.ok()) {
    r.Fail(r.Field("requester"), "is required");
  }
  r.Optional("site_id", in.site_id);
  if (auto s = r.Finish(); !s) return s.error();
  return in;
}

Result<d::ActionInputs> ParseActionInputs(const Json& body) {
  ObjectReader r(body);
  d::ActionInputs out;
  if (const Json* inputs = r.Object("inputs")) {
    for (const auto& [name, value] : inputs->items()) {
      const std::string field = r.Field("inputs") + "." + name;
      if (value.is_null()) continue;
      if (value.is_string()) {
        out[name] = value.get<std::string>();
      } else if (value.is_boolean()) {
        out[name] = value.get<bool>() ? "true" : "false";
      } else if (value.is_number_unsigned()) {
        out[name] = std::to_string(value.get<std::uint64_t>());
      } else if (value.is_number_integer()) {
        out[name] = std::to_string(value.get<std::int64_t>());
      } else {
        r.Fail(field, "must be a string, an integer or true/false");
        break;
      }
    }
  }
  if (auto s = r.Finish(); !s) return s.error();
  return out;
}

Result<d::Unit> ParseNewUnit(const Json& body) {
  ObjectReader r(body);
  d::Unit u;
  r.Optional("parent_id", u.parent_id);
  r.Required("code", u.code);
  r.Required("name", u.name);
  r.Optional("kind", u.kind);
  r.Optional("active", u.active);
  if (auto s = r.Finish(); !s) return s.error();
  return u;
}

Status ApplyUnitPatch(const Json& body, d::Unit& current) {
  ObjectReader r(body);
  std::optional<std::optional<d::UnitId>> parent;
  std::optional<std::string> code;
  std::optional<d::LocalizedName> name;
  std::optional<d::UnitKind> kind;
  std::optional<bool> active;
  r.Nullable("parent_id", parent);
  r.Patch("code", code);
  r.Patch("name", name);
  r.Patch("kind", kind);
  r.Patch("active", active);
  r.ReadOnly("id");
  if (auto s = r.Finish(); !s) return s;
  if (parent) current.parent_id = *parent;
  if (code) current.code = *code;
  if (name) current.name = *name;
  if (kind) current.kind = *kind;
  if (active) current.active = *active;
  return base::Ok{};
}

Result<d::Category> ParseNewCategory(const Json& body) {
  ObjectReader r(body);
  d::Category c;
  r.Optional("parent_id", c.parent_id);
  r.Required("code", c.code);
  r.Required("name", c.name);
  r.Optional("default_unit_id", c.default_unit_id);
  r.Optional("workflow", c.workflow);
  r.Optional("active", c.active);
  if (auto s = r.Finish(); !s) return s.error();
  return c;
}

Status ApplyCategoryPatch(const Json& body, d::Category& current) {
  ObjectReader r(body);
  std::optional<std::optional<d::CategoryId>> parent;
  std::optional<std::string> code;
  std::optional<d::LocalizedName> name;
  std::optional<std::optional<d::UnitId>> unit;
  std::optional<std::string> workflow;
  std::optional<bool> active;
  r.Nullable("parent_id", parent);
  r.Patch("code", code);
  r.Patch("name", name);
  r.Nullable("default_unit_id", unit);
  r.Patch("workflow", workflow);
  r.Patch("active", active);
  r.ReadOnly("id");
  if (auto s = r.Finish(); !s) return s;
  if (parent) current.parent_id = *parent;
  if (code) current.code = *code;
  if (name) current.name = *name;
  if (unit) current.default_unit_id = *unit;
  if (workflow) current.workflow = *workflow;
  if (active) current.active = *active;
  return base::Ok{};
}

Result<d::Site> ParseNewSite(const Json& body) {
  ObjectReader r(body);
  d::Site s;
  r.Required("code", s.code);
  r.Optional("kind", s.kind);
  r.Required("name", s.name);
  r.Optional("region", s.region);
  r.Optional("district", s.district);
  r.Optional("latitude", s.latitude);
  r.Optional("longitude", s.longitude);
  r.Optional("active", s.active);
  if (auto st = r.Finish(); !st) return st.error();
  return s;
}

Status ApplySitePatch(const Json& body, d::Site& current) {
  ObjectReader r(body);
  std::optional<std::string> code;
  std::optional<d::SiteKind> kind;
  std::optional<d::LocalizedName> name;
  std::optional<std::string> region;
  std::optional<std::string> district;
  std::optional<std::optional<double>> latitude;
  std::optional<std::optional<double>> longitude;
  std::optional<bool> active;
  r.Patch("code", code);
  r.Patch("kind", kind);
  r.Patch("name", name);
  r.Patch("region", region);
  r.Patch("district", district);
  r.Nullable("latitude", latitude);
  r.Nullable("longitude", longitude);
  r.Patch("active", active);
  r.ReadOnly("id");
  if (auto s = r.Finish(); !s) return s;
  if (code) current.code = *code;
  if (kind) current.kind = *kind;
  if (name) current.name = *name;
  if (region) current.region = *region;
  if (district) current.district = *district;
  if (latitude) current.latitude = *latitude;
  if (longitude) current.longitude = *longitude;
  if (active) current.active = *active;
  return base::Ok{};
}

Result<app::NewUserInput> ParseNewUser(const Json& body) {
  ObjectReader r(body);
  app::NewUserInput in;
  r.Required("username", in.username);
  r.Optional("display_name", in.display_name);
  r.Optional("role", in.role);
  r.Optional("unit_id", in.unit_id);
  r.Optional("language", in.language);
  r.Optional("extension", in.extension);
  r.Required("password", in.password);
  if (auto s = r.Finish(); !s) return s.error();
  return in;
}

Status ApplyUserPatch(const Json& body, d::User& current) {
  std::optional<std::string> password;
  if (auto s = ApplyUserPatch(body, current, password); !s) return s;
  if (password) return base::Invalid("password", "is not accepted here");
  return base::Ok{};
}

Result<PasswordChange> ParsePasswordChange(const Json& body) {
  ObjectReader r(body);
  PasswordChange out;
  r.Required("current", out.current);
  r.Required("new", out.next);
  if (auto s = r.Finish(); !s) return s.error();
  return out;
}

Status ApplyUserPatch(const Json& body, d::User& current, std::optional<std::string>& password) {
  ObjectReader r(body);
  r.Patch("password", password);
  std::optional<std::string> display_name;
  std::optional<d::Role> role;
  std::optional<std::optional<d::UnitId>> unit;
  std::optional<std::string> language;
  std::optional<bool> active;
  std::optional<std::string> extension;
  r.Patch("extension", extension);
  r.Patch("display_name", display_name);
  r.Patch("role", role);
  r.Nullable("unit_id", unit);
  r.Patch("language", language);
  r.Patch("active", active);
  // The calendar and digits are the user's own choice (PATCH /auth/me).
  for (const char* key : {"id", "username", "created_at", "calendar", "digits"}) r.ReadOnly(key);
  if (auto s = r.Finish(); !s) return s;
  if (display_name) current.display_name = *display_name;
  if (role) current.role = *role;
  if (unit) current.unit_id = *unit;
  if (language) current.language = *language;
  if (active) current.active = *active;
  if (extension) current.extension = *extension;
  return base::Ok{};
}

Result<MePatch> ParseMePatch(const Json& body) {
  ObjectReader r(body);
  MePatch out;
  r.Patch("language", out.language);
  r.Patch("calendar", out.calendar);
  r.Patch("digits", out.digits);
  // The rest of the user is the administrator's to change (PATCH /users/{id}).
  for (const char* key : {"id", "username", "display_name", "role", "unit_id", "active",
                          "created_at", "extension"}) {
    r.ReadOnly(key);
  }
  if (auto s = r.Finish(); !s) return s.error();
  // Closed lists, like an enum member: an unknown value is a malformed request (400).
  if (out.calendar && !d::IsUserCalendar(*out.calendar)) {
    return base::Invalid("calendar",
                         "must be \"\" (the center's), gregorian, islamic-umalqura or persian");
  }
  if (out.digits && !d::IsUserDigits(*out.digits)) {
    return base::Invalid("digits", "must be \"\" (the language's usual), latn or native");
  }
  return out;
}

}  // namespace tawasul::http
