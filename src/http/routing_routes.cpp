// Routing rules: GET/POST /api/v1/admin/routing-rules, PATCH/DELETE .../{id} (admins), and
// GET /api/v1/routing/suggestion (staff who register or refer). AdminService and CaseService
// hold the rules; these handlers parse and map.
#include "http/routing_routes.hpp"

#include "http/api_util.hpp"
#include "http/json_reader.hpp"
#include "http/problem.hpp"

namespace tawasul::http {

using namespace reading;  // NOLINT(google-build-using-namespace): the typed reads

namespace {

Json RuleJson(const d::RoutingRule& r) {
  return Json{{"id", r.id},
              {"category_id", r.category_id ? Json(r.category_id->value) : Json(nullptr)},
              {"site_id", r.site_id ? Json(r.site_id->value) : Json(nullptr)},
              {"region", r.region.empty() ? Json(nullptr) : Json(r.region)},
              {"branch_id", r.branch_id ? Json(r.branch_id->value) : Json(nullptr)},
              {"channel", r.channel ? Json(std::string(d::ToString(*r.channel))) : Json(nullptr)},
              {"unit_id", r.unit_id.value},
              {"conditions", d::ConditionCount(r)},
              {"active", r.active},
              {"note", r.note}};
}

/// Lays the body's members over `rule`: each condition may be null (any); unit_id is required
/// when `creating`.
Status ApplyRule(const Json& body, d::RoutingRule& rule, bool creating) {
  ObjectReader r(body);
  std::optional<std::optional<d::CategoryId>> category;
  std::optional<std::optional<d::SiteId>> site;
  std::optional<std::optional<std::string>> region;
  std::optional<std::optional<d::UnitId>> branch;
  std::optional<std::optional<d::Channel>> channel;
  std::optional<d::UnitId> unit;
  std::optional<bool> active;
  std::optional<std::string> note;
  r.Nullable("category_id", category);
  r.Nullable("site_id", site);
  r.Nullable("region", region);
  r.Nullable("branch_id", branch);
  r.Nullable("channel", channel);
  if (creating) {
    d::UnitId required;
    r.Required("unit_id", required);
    unit = required;
  } else {
    r.Patch("unit_id", unit);
  }
  r.Patch("active", active);
  r.Patch("note", note);
  if (auto s = r.Finish(); !s) return s;
  if (category) rule.category_id = *category;
  if (site) rule.site_id = *site;
  if (region) rule.region = region->value_or("");
  if (branch) rule.branch_id = *branch;
  if (channel) rule.channel = *channel;
  if (unit) rule.unit_id = *unit;
  if (active) rule.active = *active;
  if (note) rule.note = *note;
  return base::Ok{};
}

}  // namespace

Response RoutingRoutes::ListRules(Request&, const app::Principal& who) {
  auto rules = admin_->RoutingRules(who);
  if (!rules) return ErrorResponse(rules.error());
  Json items = Json::array();
  for (const auto& rule : *rules) items.push_back(RuleJson(rule));
  return JsonResponse(200, Json{{"items", std::move(items)}});
}

Response RoutingRoutes::CreateRule(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  d::RoutingRule rule;
  if (auto s = ApplyRule(*body, rule, true); !s) return BadRequest(s.error());
  auto created = admin_->CreateRoutingRule(who, rule);
  if (!created) return ErrorResponse(created.error());
  return Created(RuleJson(*created), "/api/v1/admin/routing-rules/" + std::to_string(created->id));
}

Response RoutingRoutes::PatchRule(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto id = PathNumber(req, "id");
  if (!id) return Problem(404, "No such routing rule");
  bool malformed = false;  // the body's own error is a 400; the use case's rules answer theirs
  auto updated = admin_->PatchRoutingRule(who, *id, [&](d::RoutingRule& rule) {
    auto s = ApplyRule(*body, rule, false);
    malformed = !s;
    return s;
  });
  if (!updated) return malformed ? BadRequest(updated.error()) : ErrorResponse(updated.error());
  return JsonResponse(200, RuleJson(*updated));
}

Response RoutingRoutes::DeleteRule(Request& req, const app::Principal& who) {
  auto id = PathNumber(req, "id");
  if (!id) return Problem(404, "No such routing rule");
  auto done = admin_->DeleteRoutingRule(who, *id);
  if (!done) return ErrorResponse(done.error());
  Response res;
  res.status = 204;
  return res;
}

Response RoutingRoutes::Suggestion(Request& req, const app::Principal& who) {
  QueryReader q(req);
  std::optional<d::CategoryId> category;
  d::Case draft;
  std::optional<d::Channel> channel;
  q.Id("category_id", category);
  q.Id("site_id", draft.site_id);
  q.Id("branch_id", draft.branch_id);
  q.Enum("channel", channel, d::ParseChannel);
  if (auto bad = q.Finish()) return *bad;
  if (!category) return BadRequest("category_id", "is required");
  draft.category_id = *category;
  draft.channel = channel.value_or(d::Channel::kPhone);
  auto s = cases_->Suggest(who, draft);
  if (!s) {
    if (s.error().code == base::ErrorCode::kInvalid) return BadRequest(s.error());
    return ErrorResponse(s.error());
  }
  if (!*s) return JsonResponse(200, Json{{"unit_id", nullptr}, {"rule_id", nullptr}});
  return JsonResponse(200, Json{{"unit_id", (*s)->unit.value},
                                {"rule_id", (*s)->rule_id ? Json((*s)->rule_id) : Json(nullptr)}});
}

void RoutingRoutes::Register(RouteRegistrar& r, RoutingRoutes* self) {
  r.User("GET", "/api/v1/admin/routing-rules", BodyKind::kNone, self, &RoutingRoutes::ListRules);
  r.User("POST", "/api/v1/admin/routing-rules", BodyKind::kJson, self, &RoutingRoutes::CreateRule);
  r.User("PATCH", "/api/v1/admin/routing-rules/{id}", BodyKind::kJson, self,
         &RoutingRoutes::PatchRule);
  r.User("DELETE", "/api/v1/admin/routing-rules/{id}", BodyKind::kNone, self,
         &RoutingRoutes::DeleteRule);
  r.User("GET", "/api/v1/routing/suggestion", BodyKind::kNone, self, &RoutingRoutes::Suggestion);
}

}  // namespace tawasul::http
