// Workflow actions, inboxes and a request's extras (ActionService), and the installation as the
// web app needs it. Which actions a user may take, their inputs and effects live in the
// workflows (data) and ActionService; these handlers parse, call one use case and map the result.
#include <algorithm>

#include "http/workflow_routes.hpp"
#include "http/api_util.hpp"
#include "http/json_mapping.hpp"
#include "http/problem.hpp"

namespace tawasul::http {

// ---- Actions ----------------------------------------------------------------------------------

Response WorkflowRoutes::ListActions(Request& req, const app::Principal& who) {
  auto id = PathId<d::CaseTag>(req, "id");
  if (!id) return NoSuchCase();
  auto actions = actions_->Available(who, *id);
  if (!actions) return ErrorResponse(actions.error());
  Json items = Json::array();
  for (const d::WorkflowAction& a : *actions) items.push_back(ToJson(a));
  return JsonResponse(200, Json{{"items", std::move(items)}});
}

Response WorkflowRoutes::TakeAction(Request& req, const app::Principal& who) {
  auto id = PathId<d::CaseTag>(req, "id");
  if (!id) return NoSuchCase();
  const auto name = req.params.find("action");
  if (name == req.params.end()) return NoSuchCase();
  // Like PATCH: an action must say which version of the request it was chosen on.
  std::optional<std::int64_t> version;
  if (auto missing = RequireIfMatch(req, version)) return *missing;
  // An action without inputs may be sent without a body.
  Json body = Json::object();
  if (!req.body.empty()) {
    auto parsed = ParseJsonObject(req.body);
    if (!parsed) return BadRequest(parsed.error());
    body = std::move(parsed).value();
  }
  auto inputs = ParseActionInputs(body);
  if (!inputs) return BadRequest(inputs.error());

  auto outcome = actions_->Take(who, *id, name->second, *inputs, version);
  if (!outcome) {
    const base::Error& e = outcome.error();
    if (e.code != base::ErrorCode::kConflict || e.field != "action") return ErrorResponse(e);
    // Not allowed now: say what is, by name, so a client can refresh its buttons.
    Json allowed = Json::array();
    std::string names;
    if (auto now = actions_->Available(who, *id)) {
      for (const d::WorkflowAction& a : *now) {
        if (a.name == name->second) continue;  // e.g. a reopen past its window
        allowed.push_back(a.name);
        names += (names.empty() ? "" : ", ") + a.name;
      }
    }
    std::string detail = e.message;
    if (detail.find("allowed:") == std::string::npos) {
      detail += "; allowed: " + (names.empty() ? std::string("none") : names);
    }
    return Problem(409, detail, e.field, {}, Json{{"allowed", std::move(allowed)}});
  }
  const auto installation = installation_->Get();
  Response res = JsonResponse(200, ToJson(*outcome, *installation));
  res.Set("ETag", ETagFor(outcome->view.c.version));
  return res;
}

Response WorkflowRoutes::GetCaseExtras(Request& req, const app::Principal& who) {
  auto id = PathId<d::CaseTag>(req, "id");
  if (!id) return NoSuchCase();
  auto extras = actions_->Extras(who, *id);
  if (!extras) return ErrorResponse(extras.error());
  return JsonResponse(200, ToJson(*extras));
}

// ---- Inboxes ----------------------------------------------------------------------------------

namespace {

/// `include=actions,extras` (either, both, in any order; empty: neither).
base::Result<app::InboxInclude> ParseInboxInclude(const std::string& text) {
  app::InboxInclude include;
  std::size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string part = text.substr(start, comma - start);
    if (part == "actions") {
      include.actions = true;
    } else if (part == "extras") {
      include.extras = true;
    } else {
      return base::Invalid("include", "lists what to embed, from: actions, extras (\"" + part +
                                          "\" is not one)");
    }
    start = comma + 1;
  }
  return include;
}

}  // namespace

Response WorkflowRoutes::Inboxes(Request&, const app::Principal& who) {
  // Badges on the worklist tabs: counts only, so no requester is disclosed (or logged).
  constexpr std::int64_t kCap = 1000;
  Json items = Json::array();
  for (const auto& c : actions_->InboxCounts(who, kCap)) {
    items.push_back(Json{{"name", c.name}, {"count", c.count}, {"more", c.count >= kCap}});
  }
  return JsonResponse(200, Json{{"items", std::move(items)}});
}

Response WorkflowRoutes::Inbox(Request& req, const app::Principal& who) {
  const auto name = req.params.find("name");
  if (name == req.params.end()) return Problem(404, "No such inbox");
  app::CaseFilter defaults;
  int limit = defaults.limit;
  std::string cursor;
  std::string include_text;
  std::string owner;
  app::InboxNarrow narrow;
  QueryReader q(req);
  q.Int("limit", limit, 1, 200);
  q.String("cursor", cursor);
  q.String("include", include_text);
  q.String("owner", owner);
  q.Id("category_id", narrow.category_id);
  q.Id("site_id", narrow.site_id);
  q.Enum("channel", narrow.channel, &d::ParseChannel);
  if (auto bad = q.Finish()) return *bad;
  auto include = ParseInboxInclude(include_text);
  if (!include) return BadRequest(include.error());
  // owner=me | none | a user's id: whose requests the worklist shows.
  if (owner == "me") {
    narrow.owner_id = who.user.id;
  } else if (owner == "none") {
    narrow.unowned = true;
  } else if (!owner.empty()) {
    const auto id = ParseId(owner);
    if (!id) return BadRequest("owner", "must be me, none or a user's id");
    narrow.owner_id = d::UserId{*id};
  }
  auto page = actions_->Inbox(who, name->second, cursor, limit, *include, narrow);
  if (!page) {
    // The only inputs besides the inbox's name are query parameters (a bad cursor).
    if (page.error().code == base::ErrorCode::kInvalid) return BadRequest(page.error());
    return ErrorResponse(page.error());
  }
  Json body = ToJson(page->page, *installation_->Get());
  // Each row as GET /cases/{id}/actions and /extras answer it (a worklist needs no more calls).
  Json& items = body["items"];
  for (std::size_t i = 0; i < page->actions.size(); ++i) {
    Json actions = Json::array();
    for (const d::WorkflowAction& a : page->actions[i]) actions.push_back(ToJson(a));
    items[i]["actions"] = std::move(actions);
  }
  for (std::size_t i = 0; i < page->extras.size(); ++i) {
    items[i]["extras"] = ToJson(page->extras[i]);
  }
  return JsonResponse(200, std::move(body));
}

// ---- Installation -----------------------------------------------------------------------------

Response WorkflowRoutes::GetInstallation(Request&, const app::Principal&) {
  Json j = ToJson(installation_->Get()->settings());
  // Where the request view's map reads tiles: the server's setting, not the center's data.
  j["map_tiles"] = map_tiles_;
  return JsonResponse(200, std::move(j));
}

Response WorkflowRoutes::ListWorkflows(Request&, const app::Principal& who) {
  // Read-only; the workflows change only when a profile is loaded (tawasul demo / load).
  if (!app::May(who, d::Permission::kAdminister)) {
    return Problem(403, "Only an administrator may read the workflows");
  }
  const auto installation = installation_->Get();
  Json items = Json::array();
  for (const auto& [name, workflow] : installation->workflows()) items.push_back(ToJson(workflow));
  // Which workflow a request gets when its category chain names none (the admin screens show it).
  const app::CenterSettings& s = installation->settings();
  return JsonResponse(200, Json{{"items", std::move(items)},
                                {"default_workflow", s.default_workflow},
                                {"workflow_by_type", s.workflow_by_type}});
}

void WorkflowRoutes::Register(RouteRegistrar& r, WorkflowRoutes* self) {
  r.User("GET", "/api/v1/installation", BodyKind::kNone, self, &WorkflowRoutes::GetInstallation);
  r.User("GET", "/api/v1/workflows", BodyKind::kNone, self, &WorkflowRoutes::ListWorkflows);
  r.User("GET", "/api/v1/cases/{id}/actions", BodyKind::kNone, self, &WorkflowRoutes::ListActions);
  r.User("POST", "/api/v1/cases/{id}/actions/{action}", BodyKind::kJson, self, &WorkflowRoutes::TakeAction);
  r.User("GET", "/api/v1/cases/{id}/extras", BodyKind::kNone, self, &WorkflowRoutes::GetCaseExtras);
  r.User("GET", "/api/v1/inbox", BodyKind::kNone, self, &WorkflowRoutes::Inboxes);
  r.User("GET", "/api/v1/inbox/{name}", BodyKind::kNone, self, &WorkflowRoutes::Inbox);
}

}  // namespace tawasul::http
