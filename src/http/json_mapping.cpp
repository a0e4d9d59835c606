#include "http/json_mapping.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

#include "base/text.hpp"
#include "base/time.hpp"
#include "domain/validation.hpp"
#include "http/json_reader.hpp"

namespace tawasul::http {

using base::Error;
using base::Result;
using base::Status;

namespace {

using namespace reading;  // NOLINT(google-build-using-namespace): the typed reads

app::RequesterInput ReadRequester(ObjectReader& r) {
  app::RequesterInput in;
  r.Optional("name", in.name);
  r.Optional("phone", in.phone);
  r.Optional("email", in.email);
  r.Optional("national_id", in.national_id);
  r.Optional("language", in.language);
  r.Optional("attributes", in.attributes);
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
