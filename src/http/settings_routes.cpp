// Administration of the installation itself: notification templates, SLA policies and the
// business calendars (one-off holidays). Admin only; app/installation_admin.hpp does the work
// and keeps every node's installation current.
#include <cstdio>
#include <limits>

#include "app/installation/installation_admin.hpp"
#include "domain/template_text.hpp"
#include "http/settings_routes.hpp"
#include "http/api_util.hpp"
#include "http/json_mapping.hpp"
#include "http/problem.hpp"

namespace tawasul::http {

namespace {

constexpr const char* kTemplateKinds[] = {"sms", "email_subject", "email_body"};
constexpr const char* kTemplateLanguages[] = {"ar", "fa", "en"};

std::string Clock(std::chrono::minutes m) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(m.count() / 60),
                static_cast<int>(m.count() % 60));
  return buf;
}

std::string MonthDay(const d::MonthDay& md) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d-%02d", md.month, md.day);
  return buf;
}

/// The calendar names a profile uses (and the holiday body takes).
const char* KindName(d::CalendarKind k) {
  switch (k) {
    case d::CalendarKind::kHijriUmmAlQura:
      return "hijri";
    case d::CalendarKind::kJalali:
      return "jalali";
    case d::CalendarKind::kGregorian:
      break;
  }
  return "gregorian";
}

Json WeekJson(const d::WeekHours& week) {
  static constexpr const char* kDays[7] = {"sunday",   "monday", "tuesday", "wednesday",
                                           "thursday", "friday", "saturday"};
  Json out = Json::object();
  for (int i = 0; i < 7; ++i) {
    Json hours = Json::array();
    for (const auto& w : week.days[i]) hours.push_back(Clock(w.begin) + "-" + Clock(w.end));
    out[kDays[i]] = std::move(hours);
  }
  return out;
}

Json RuleJson(const d::DateRule& r) {
  return Json{{"name", r.name},
              {"calendar", KindName(r.calendar)},
              {"year", r.year ? Json(*r.year) : Json(nullptr)},
              {"from", MonthDay(r.first)},
              {"to", MonthDay(r.last)}};
}

Json CalendarJson(const app::CalendarView& v) {
  const d::BusinessCalendarSpec& spec = v.calendar->spec();
  Json holidays = Json::array();
  for (const auto& r : spec.holidays) holidays.push_back(RuleJson(r));
  Json periods = Json::array();
  for (const auto& p : spec.periods) {
    Json j = RuleJson(p.dates);
    j["week"] = WeekJson(p.hours);
    periods.push_back(std::move(j));
  }
  return Json{{"name", v.name},
              {"declared", v.declared},
              {"time_zone", spec.time_zone},
              {"always_open", v.calendar->always_open()},
              {"week", WeekJson(spec.week)},
              {"holidays", std::move(holidays)},
              {"periods", std::move(periods)}};
}

Json PolicyJson(const d::SlaPolicy& p) {
  Json types = Json::array();
  for (auto t : p.types) types.push_back(std::string(d::ToString(t)));
  Json priorities = Json::array();
  for (auto v : p.priorities) priorities.push_back(std::string(d::ToString(v)));
  auto minutes = [](const std::optional<std::chrono::minutes>& m) {
    return m ? Json(m->count()) : Json(nullptr);
  };
  return Json{{"name", p.name},
              {"categories", p.categories},
              {"types", std::move(types)},
              {"priorities", std::move(priorities)},
              {"first_response_minutes", minutes(p.first_response)},
              {"resolution_minutes", minutes(p.resolution)},
              {"first_response_calendar", p.first_response_calendar},
              {"resolution_calendar", p.resolution_calendar},
              {"warning_share", p.warning_share}};
}

Json TemplateJson(const app::TemplateView& v) {
  Json out{{"name", v.name}};
  for (const char* kind : kTemplateKinds) {
    Json texts = Json::object();
    if (auto it = v.texts.find(kind); it != v.texts.end()) {
      for (const auto& [lang, text] : it->second) texts[lang] = text;
    }
    out[kind] = std::move(texts);
  }
  return out;
}

template <std::size_t N>
bool OneOf(const char* const (&list)[N], const std::string& s) {
  for (const char* k : list) {
    if (s == k) return true;
  }
  return false;
}

/// {sms?: {ar?, fa?, en?}, email_subject?: {...}, email_body?: {...}}: strings only.
base::Result<app::TemplateView> ParseTemplateTexts(const Json& body) {
  app::TemplateView v;
  for (const auto& [kind, by_lang] : body.items()) {
    if (!OneOf(kTemplateKinds, kind)) return base::Invalid(kind, "is not a known member");
    if (!by_lang.is_object()) return base::Invalid(kind, "must be an object of texts by language");
    for (const auto& [lang, text] : by_lang.items()) {
      const std::string field = kind + "." + lang;
      if (!OneOf(kTemplateLanguages, lang)) return base::Invalid(field, "is not ar, fa or en");
      if (!text.is_string()) return base::Invalid(field, "must be a string");
      v.texts[kind][lang] = text.get<std::string>();
    }
  }
  return v;
}

/// {name, calendar?, year (null: every year), from, to?}.
base::Result<app::HolidayInput> ParseHoliday(const Json& body) {
  app::HolidayInput h;
  for (const auto& [key, value] : body.items()) {
    if (key == "year") {
      if (value.is_null()) {  // every year
        h.every_year = true;
        continue;
      }
      if (!value.is_number_integer()) return base::Invalid("year", "must be an integer, or null for every year");
      const auto y = value.get<std::int64_t>();
      h.year = y < 0 || y > 100000 ? -1 : static_cast<int>(y);
      continue;
    }
    std::string* into = key == "name"       ? &h.name
                        : key == "calendar" ? &h.calendar
                        : key == "from"     ? &h.from
                        : key == "to"       ? &h.to
                                            : nullptr;
    if (into == nullptr) return base::Invalid(key, "is not a known member");
    if (!value.is_string()) return base::Invalid(key, "must be a string");
    *into = value.get<std::string>();
  }
  for (const char* required : {"name", "year", "from"}) {
    if (!body.contains(required)) return base::Invalid(required, "is required");
  }
  return h;
}

/// {first_response?, resolution?: duration string or null (null removes it),
/// first_response_calendar?, resolution_calendar?: string, warning_share?: number}.
base::Result<app::SlaTargetsInput> ParseSlaTargets(const Json& body) {
  app::SlaTargetsInput in;
  for (const auto& [key, value] : body.items()) {
    if (key == "first_response" || key == "resolution") {
      const bool first = key == "first_response";
      if (value.is_null()) {
        (first ? in.clear_first_response : in.clear_resolution) = true;
      } else if (value.is_string()) {
        (first ? in.first_response : in.resolution) = value.get<std::string>();
      } else {
        return base::Invalid(key, "must be a duration such as \"4h\" or \"2d\", or null");
      }
    } else if (key == "first_response_calendar" || key == "resolution_calendar") {
      if (!value.is_string()) return base::Invalid(key, "must be a string");
      (key == "first_response_calendar" ? in.first_response_calendar : in.resolution_calendar) =
          value.get<std::string>();
    } else if (key == "warning_share") {
      if (!value.is_number()) return base::Invalid(key, "must be a number");
      in.warning_share = value.get<double>();
    } else {
      return base::Invalid(key, "is not a known member");
    }
  }
  return in;
}

const std::string& Param(const Request& req, const char* name) {
  static const std::string kEmpty;
  auto it = req.params.find(name);
  return it == req.params.end() ? kEmpty : it->second;
}

}  // namespace

Response SettingsRoutes::ListTemplates(Request&, const app::Principal& who) {
  if (installation_admin_ == nullptr) return Problem(503, "This service is not available on this server");
  app::InstallationAdmin& admin = *installation_admin_;
  auto list = admin.Templates(who);
  if (!list) return ErrorResponse(list.error());
  Json items = Json::array();
  for (const auto& v : *list) items.push_back(TemplateJson(v));
  Json placeholders = Json::array();
  for (const auto& p : d::KnownPlaceholders()) placeholders.push_back(p);
  return JsonResponse(200, Json{{"items", std::move(items)},
                                {"placeholders", std::move(placeholders)},
                                {"languages", installation_->Get()->settings().languages}});
}

Response SettingsRoutes::PutTemplate(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto texts = ParseTemplateTexts(*body);
  if (!texts) return BadRequest(texts.error());
  if (installation_admin_ == nullptr) return Problem(503, "This service is not available on this server");
  app::InstallationAdmin& admin = *installation_admin_;
  auto saved = admin.PutTemplate(who, Param(req, "name"), *texts);
  if (!saved) return ErrorResponse(saved.error());
  return JsonResponse(200, TemplateJson(*saved));
}

Response SettingsRoutes::GetServiceLevels(Request&, const app::Principal& who) {
  if (installation_admin_ == nullptr) return Problem(503, "This service is not available on this server");
  app::InstallationAdmin& admin = *installation_admin_;
  auto inst = admin.ServiceLevels(who);
  if (!inst) return ErrorResponse(inst.error());
  const app::SlaConfig& sla = (*inst)->sla();
  Json policies = Json::array();
  for (const auto& p : sla.policies) policies.push_back(PolicyJson(p));
  const app::SurveySettings& s = sla.survey;
  return JsonResponse(200, Json{{"policies", std::move(policies)},
                                {"survey", Json{{"enabled", s.enabled},
                                                {"link_base", s.link_base},
                                                {"valid_days", s.valid_days},
                                                {"low_rating", s.low_rating}}}});
}

Response SettingsRoutes::PutSlaPolicy(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto targets = ParseSlaTargets(*body);
  if (!targets) return BadRequest(targets.error());
  if (installation_admin_ == nullptr) return Problem(503, "This service is not available on this server");
  app::InstallationAdmin& admin = *installation_admin_;
  const std::string& name = Param(req, "policy");
  if (auto s = admin.PutSlaPolicy(who, name, *targets); !s) return ErrorResponse(s.error());
  for (const auto& p : installation_->Get()->sla().policies) {
    if (p.name == name) return JsonResponse(200, PolicyJson(p));
  }
  return ErrorResponse(base::Error{base::ErrorCode::kNotFound, "No such SLA policy", {}});
}

Response SettingsRoutes::ListCalendars(Request&, const app::Principal& who) {
  if (installation_admin_ == nullptr) return Problem(503, "This service is not available on this server");
  app::InstallationAdmin& admin = *installation_admin_;
  auto list = admin.Calendars(who);
  if (!list) return ErrorResponse(list.error());
  Json items = Json::array();
  for (const auto& v : *list) items.push_back(CalendarJson(v));
  return JsonResponse(200, Json{{"items", std::move(items)}});
}

Response SettingsRoutes::AddHoliday(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto holiday = ParseHoliday(*body);
  if (!holiday) return BadRequest(holiday.error());
  if (installation_admin_ == nullptr) return Problem(503, "This service is not available on this server");
  app::InstallationAdmin& admin = *installation_admin_;
  const std::string& calendar = Param(req, "calendar");
  auto view = admin.AddHoliday(who, calendar, *holiday);
  if (!view) return ErrorResponse(view.error());
  return Created(CalendarJson(*view), "/api/v1/admin/calendars/" + calendar);
}

Response SettingsRoutes::RemoveHoliday(Request& req, const app::Principal& who) {
  QueryReader q(req);
  std::string name, every_year;
  int year = 0;
  q.String("name", name);
  q.Int("year", year, 1, 100000);
  q.String("every_year", every_year);
  if (auto bad = q.Finish()) return *bad;
  if (name.empty()) return BadRequest("name", "is required");
  if (!every_year.empty() && every_year != "true") return BadRequest("every_year", "must be true");
  if (year == 0 && every_year.empty()) return BadRequest("year", "is required (or every_year=true)");
  if (year != 0 && !every_year.empty()) return BadRequest("every_year", "names no year: leave out year");
  if (installation_admin_ == nullptr) return Problem(503, "This service is not available on this server");
  app::InstallationAdmin& admin = *installation_admin_;
  auto view = admin.RemoveHoliday(who, Param(req, "calendar"), name, year);
  if (!view) return ErrorResponse(view.error());
  return JsonResponse(200, CalendarJson(*view));
}

void SettingsRoutes::Register(RouteRegistrar& r, SettingsRoutes* self) {
  r.User("GET", "/api/v1/admin/templates", BodyKind::kNone, self, &SettingsRoutes::ListTemplates);
  r.User("PUT", "/api/v1/admin/templates/{name}", BodyKind::kJson, self, &SettingsRoutes::PutTemplate);
  r.User("GET", "/api/v1/admin/sla", BodyKind::kNone, self, &SettingsRoutes::GetServiceLevels);
  r.User("PUT", "/api/v1/admin/sla/{policy}", BodyKind::kJson, self, &SettingsRoutes::PutSlaPolicy);
  r.User("GET", "/api/v1/admin/calendars", BodyKind::kNone, self, &SettingsRoutes::ListCalendars);
  r.User("POST", "/api/v1/admin/calendars/{calendar}/holidays", BodyKind::kJson, self, &SettingsRoutes::AddHoliday);
  r.User("DELETE", "/api/v1/admin/calendars/{calendar}/holidays", BodyKind::kNone, self, &SettingsRoutes::RemoveHoliday);
  r.User("GET", "/api/v1/admin/workflows", BodyKind::kNone, self, &SettingsRoutes::ListAdminWorkflows);
  r.User("PUT", "/api/v1/admin/workflows/{code}", BodyKind::kJson, self, &SettingsRoutes::PutAdminWorkflow);
  r.User("PUT", "/api/v1/admin/survey", BodyKind::kJson, self, &SettingsRoutes::PutSurveySettings);
}

}  // namespace tawasul::http
