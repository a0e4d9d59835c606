// Administration of workflows (their TOML, edited in place) and of the satisfaction survey's
// settings. Admin only; app/installation_admin.hpp does the work and keeps every node current.
#include "app/installation/installation_admin.hpp"
#include "http/settings_routes.hpp"
#include "http/api_util.hpp"
#include "http/json_mapping.hpp"
#include "http/problem.hpp"

namespace tawasul::http {

namespace {

Json LabelJson(const d::LocalizedName& l) { return Json{{"ar", l.ar}, {"fa", l.fa}, {"en", l.en}}; }

Json WorkflowJson(const app::WorkflowView& v) {
  Json states = Json::array();
  for (const auto& [name, st] : v.workflow->states) {
    auto it = v.open_by_state.find(name);
    states.push_back(Json{{"name", name},
                          {"label", LabelJson(st.label)},
                          {"open", it == v.open_by_state.end() ? 0 : it->second}});
  }
  Json open = Json::object();
  for (const auto& [state, n] : v.open_by_state) open[state] = n;
  return Json{{"code", v.code},
              {"label", LabelJson(v.workflow->label)},
              {"source", v.source},
              {"categories", v.categories},
              {"states", std::move(states)},
              {"open_by_state", std::move(open)}};
}

const std::string& Param(const Request& req, const char* name) {
  static const std::string kEmpty;
  auto it = req.params.find(name);
  return it == req.params.end() ? kEmpty : it->second;
}

/// {enabled: bool, link_base?: string, valid_days?: int, low_rating?: int}; all but `enabled`
/// are needed when it is true.
base::Result<app::SurveyInput> ParseSurvey(const Json& body) {
  app::SurveyInput in;
  bool has_enabled = false;
  for (const auto& [key, value] : body.items()) {
    if (key == "enabled") {
      if (!value.is_boolean()) return base::Invalid(key, "must be true or false");
      in.enabled = value.get<bool>();
      has_enabled = true;
    } else if (key == "link_base") {
      if (!value.is_string()) return base::Invalid(key, "must be a string");
      in.link_base = value.get<std::string>();
    } else if (key == "valid_days" || key == "low_rating") {
      if (!value.is_number_integer()) return base::Invalid(key, "must be an integer");
      const auto n = value.get<std::int64_t>();
      const int clamped = n < -1000 || n > 100000 ? -1 : static_cast<int>(n);
      (key == "valid_days" ? in.valid_days : in.low_rating) = clamped;
    } else {
      return base::Invalid(key, "is not a known member");
    }
  }
  if (!has_enabled) return base::Invalid("enabled", "is required");
  if (in.enabled && !body.contains("link_base")) return base::Invalid("link_base", "is required");
  return in;
}

}  // namespace

Response SettingsRoutes::ListAdminWorkflows(Request&, const app::Principal& who) {
  if (installation_admin_ == nullptr) return Problem(503, "This service is not available on this server");
  app::InstallationAdmin& admin = *installation_admin_;
  auto list = admin.Workflows(who);
  if (!list) return ErrorResponse(list.error());
  Json items = Json::array();
  for (const auto& v : *list) items.push_back(WorkflowJson(v));
  return JsonResponse(200, Json{{"items", std::move(items)}});
}

Response SettingsRoutes::PutAdminWorkflow(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  for (const auto& [key, value] : body->items()) {
    if (key != "source") return BadRequest(key, "is not a known member");
  }
  if (!body->contains("source")) return BadRequest("source", "is required");
  if (!(*body)["source"].is_string()) return BadRequest("source", "must be a string");
  if (installation_admin_ == nullptr) return Problem(503, "This service is not available on this server");
  app::InstallationAdmin& admin = *installation_admin_;
  app::WorkflowRejection why;
  auto saved = admin.PutWorkflow(who, Param(req, "code"), (*body)["source"].get<std::string>(), why);
  if (saved) return JsonResponse(200, WorkflowJson(*saved));
  const base::Error& e = saved.error();
  if (e.code == base::ErrorCode::kInvalid && e.field == "source") {
    Json ext = Json::object();
    if (why.line > 0) ext["line"] = why.line;
    if (why.line > 0 && why.column > 0) ext["column"] = why.column;
    return Problem(422, e.message, "source", {}, ext);
  }
  if (e.code == base::ErrorCode::kConflict) {
    Json states = Json::array();
    for (const auto& [state, n] : why.occupied) states.push_back(Json{{"state", state}, {"open", n}});
    return Problem(409, e.message, "source", {}, Json{{"states", std::move(states)}});
  }
  return ErrorResponse(e);
}

Response SettingsRoutes::PutSurveySettings(Request& req, const app::Principal& who) {
  // The role first: other roles get 403 whatever they send.
  if (!app::May(who, domain::Permission::kAdminister)) return Problem(403, "Only an administrator may do this");
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParseSurvey(*body);
  if (!in) return BadRequest(in.error());
  if (installation_admin_ == nullptr) return Problem(503, "This service is not available on this server");
  app::InstallationAdmin& admin = *installation_admin_;
  if (auto s = admin.PutSurvey(who, *in); !s) return ErrorResponse(s.error());
  const app::SurveySettings& s = installation_->Get()->sla().survey;
  return JsonResponse(200, Json{{"enabled", s.enabled},
                                {"link_base", s.link_base},
                                {"valid_days", s.valid_days},
                                {"low_rating", s.low_rating}});
}

}  // namespace tawasul::http
