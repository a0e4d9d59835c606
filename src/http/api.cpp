#include "http/api.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <exception>

#include "domain/permissions.hpp"
#include "http/api_util.hpp"
#include "http/json_mapping.hpp"
#include "http/problem.hpp"

namespace tawasul::http {

namespace {

/// The signed-in user as they read themselves: with what their role may do, from the domain's
/// permissions table, so the web app shows only what it may and keeps no copy of the rules.
Json MeJson(const domain::User& u) {
  Json j = ToJson(u);
  Json permissions = Json::array();
  for (const domain::Permission p : domain::PermissionsOf(u.role)) {
    permissions.push_back(std::string(domain::ToString(p)));
  }
  j["permissions"] = std::move(permissions);
  return j;
}

constexpr const char* kSessionCookie = "tawasul_session";

std::string SessionCookie(const std::string& value, std::int64_t max_age) {
  return std::string(kSessionCookie) + "=" + value +
         "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" + std::to_string(max_age);
}

/// The method as a metric label: clients may send any token as a method, and every distinct
/// label value is a new series, so unknown ones share one.
std::string MethodLabel(const std::string& method) {
  for (const char* known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (method == known) return method;
  }
  return "OTHER";
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

/// The host[:port] of an Origin header ("https://a.example:8443" → "a.example:8443").
std::string_view OriginHost(std::string_view origin) {
  const std::size_t scheme = origin.find("://");
  if (scheme == std::string_view::npos) return {};
  origin.remove_prefix(scheme + 3);
  return origin.substr(0, origin.find('/'));
}

bool ConstantTimeEqual(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

/// 127.0.0.0/8, ::1 and ::ffff:127.x, as the transport writes a client ("ADDR" or "ADDR:PORT").
bool IsLoopback(std::string_view client) {
  if (client.rfind("[", 0) == 0) client = client.substr(1, client.find(']') - 1);
  return client.rfind("127.", 0) == 0 || client == "::1" ||
         client.rfind("::ffff:127.", 0) == 0;
}

/// `s` for a log line: control characters (a forged line break) become '?'.
std::string Printable(std::string s) {
  for (char& c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  }
  return s.substr(0, 200);
}

bool SafeMethod(const std::string& m) { return m == "GET" || m == "HEAD" || m == "OPTIONS"; }

/// A state-changing request that rides on the session cookie must come from the app's own
/// origin: SameSite=Strict alone lets another port or a sibling subdomain (the same *site*)
/// post with the cookie. A bearer token is never sent by a browser on its own, so it is exempt;
/// a client that sends neither Origin nor Sec-Fetch-Site is no browser a page could drive.
std::optional<Response> CrossSiteRefusal(const Request& req) {
  if (SafeMethod(req.method) || req.Header("Authorization") != nullptr) return std::nullopt;
  // Sec-Fetch-Site, which a page cannot set, decides when the browser sends it (it stays right
  // behind a proxy that rewrites Host); older browsers are judged by Origin against Host.
  if (const std::string* site = req.Header("Sec-Fetch-Site")) {
    if (*site != "same-origin" && *site != "none") {
      return Problem(403, "A request from another origin cannot use the session cookie");
    }
    return std::nullopt;
  }
  if (const std::string* origin = req.Header("Origin")) {
    const std::string* host = req.Header("Host");
    const std::string_view from = OriginHost(*origin);
    if (host == nullptr || from.empty() || from != *host) {
      return Problem(403, "A request from another origin cannot use the session cookie");
    }
  }
  return std::nullopt;
}

}  // namespace

Api::Api(Services& services, const ServerOptions& options)
    : services_(&services), options_(options), router_(BuildRouter(this)) {
  if (!options_.web_root.empty()) static_files_ = std::make_unique<StaticFiles>(options_.web_root);
}

std::vector<RouteInfo> Api::RouteTable() { return BuildRouter(nullptr).Table(); }

Router Api::BuildRouter(Api* api) {
  Router r;
  auto pub = [&r, api](const char* method, const char* path, BodyKind body, PublicFn fn) {
    r.Add(RouteInfo{method, path, body, Access::kPublic},
          [api, fn](Request& req) { return (api->*fn)(req); });
  };
  auto user = [&r, api](const char* method, const char* path, BodyKind body, UserFn fn) {
    r.Add(RouteInfo{method, path, body, Access::kUser}, [api, fn](Request& req) {
      auto who = api->Authenticate(req);
      if (!who) return ErrorResponse(who.error());
      if (auto refused = CrossSiteRefusal(req)) return *refused;
      return (api->*fn)(req, *who);
    });
  };
  constexpr BodyKind kNone = BodyKind::kNone;
  constexpr BodyKind kJson = BodyKind::kJson;
  constexpr BodyKind kRaw = BodyKind::kRaw;

  pub("GET", "/health", kNone, &Api::Health);
  pub("GET", "/metrics", kNone, &Api::Metrics);
  pub("GET", "/api/v1/openapi.json", kNone, &Api::OpenApi);

  pub("POST", "/api/v1/auth/login", kJson, &Api::Login);
  pub("POST", "/api/v1/auth/logout", kNone, &Api::Logout);
  user("GET", "/api/v1/auth/me", kNone, &Api::Me);
  user("PATCH", "/api/v1/auth/me", kJson, &Api::PatchMe);
  user("POST", "/api/v1/auth/password", kJson, &Api::ChangePassword);
  user("POST", "/api/v1/tokens", kJson, &Api::CreateToken);

  user("GET", "/api/v1/installation", kNone, &Api::GetInstallation);
  user("GET", "/api/v1/workflows", kNone, &Api::ListWorkflows);

  user("GET", "/api/v1/units", kNone, &Api::ListUnits);
  user("POST", "/api/v1/units", kJson, &Api::CreateUnit);
  user("GET", "/api/v1/units/{id}", kNone, &Api::GetUnit);
  user("PATCH", "/api/v1/units/{id}", kJson, &Api::PatchUnit);
  user("GET", "/api/v1/categories", kNone, &Api::ListCategories);
  user("POST", "/api/v1/categories", kJson, &Api::CreateCategory);
  user("GET", "/api/v1/categories/{id}", kNone, &Api::GetCategory);
  user("PATCH", "/api/v1/categories/{id}", kJson, &Api::PatchCategory);
  user("GET", "/api/v1/sites", kNone, &Api::ListSites);
  user("POST", "/api/v1/sites", kJson, &Api::CreateSite);
  user("GET", "/api/v1/sites/{id}", kNone, &Api::GetSite);
  user("PATCH", "/api/v1/sites/{id}", kJson, &Api::PatchSite);
  user("GET", "/api/v1/users", kNone, &Api::ListUsers);
  user("POST", "/api/v1/users", kJson, &Api::CreateUser);
  user("GET", "/api/v1/users/{id}", kNone, &Api::GetUser);
  user("PATCH", "/api/v1/users/{id}", kJson, &Api::PatchUser);
  user("GET", "/api/v1/admin/templates", kNone, &Api::ListTemplates);
  user("PUT", "/api/v1/admin/templates/{name}", kJson, &Api::PutTemplate);
  user("GET", "/api/v1/admin/sla", kNone, &Api::GetServiceLevels);
  user("PUT", "/api/v1/admin/sla/{policy}", kJson, &Api::PutSlaPolicy);
  user("GET", "/api/v1/admin/calendars", kNone, &Api::ListCalendars);
  user("POST", "/api/v1/admin/calendars/{calendar}/holidays", kJson, &Api::AddHoliday);
  user("DELETE", "/api/v1/admin/calendars/{calendar}/holidays", kNone, &Api::RemoveHoliday);
  user("GET", "/api/v1/admin/workflows", kNone, &Api::ListAdminWorkflows);
  user("PUT", "/api/v1/admin/workflows/{code}", kJson, &Api::PutAdminWorkflow);
  user("PUT", "/api/v1/admin/survey", kJson, &Api::PutSurveySettings);

  user("GET", "/api/v1/requesters", kNone, &Api::SearchRequesters);
  user("GET", "/api/v1/requesters/{id}", kNone, &Api::GetRequester);

  user("GET", "/api/v1/cases", kNone, &Api::ListCases);
  user("POST", "/api/v1/cases", kJson, &Api::CreateCase);
  user("GET", "/api/v1/cases/{id}", kNone, &Api::GetCase);
  user("PATCH", "/api/v1/cases/{id}", kJson, &Api::PatchCase);
  user("GET", "/api/v1/cases/{id}/timeline", kNone, &Api::CaseTimeline);
  user("GET", "/api/v1/cases/{id}/attachments", kNone, &Api::ListAttachments);
  user("POST", "/api/v1/cases/{id}/attachments", kRaw, &Api::AddAttachment);
  user("GET", "/api/v1/cases/{id}/attachments/{attachment_id}", kNone, &Api::GetAttachment);
  user("POST", "/api/v1/cases/{id}/attachments/{attachment_id}/release", kNone,
       &Api::ReleaseAttachment);
  user("GET", "/api/v1/cases/{id}/actions", kNone, &Api::ListActions);
  user("POST", "/api/v1/cases/{id}/actions/{action}", kJson, &Api::TakeAction);
  user("GET", "/api/v1/cases/{id}/extras", kNone, &Api::GetCaseExtras);
  user("GET", "/api/v1/inbox/{name}", kNone, &Api::Inbox);
  user("GET", "/api/v1/requesters/{id}/access-log", kNone, &Api::RequesterAccessLog);
  user("GET", "/api/v1/cases/{id}/access-log", kNone, &Api::CaseAccessLog);
  user("GET", "/api/v1/admin/audit", kNone, &Api::AdminAudit);
  user("POST", "/api/v1/messages/{id}/resend", kNone, &Api::ResendMessage);

  user("POST", "/api/v1/contacts", kJson, &Api::CreateContact);

  pub("POST", "/api/v1/public/requests", kJson, &Api::SubmitPublicRequest);
  pub("GET", "/api/v1/public/track", kNone, &Api::TrackPublicRequest);
  pub("GET", "/api/v1/public/categories", kNone, &Api::PublicCategories);
  pub("GET", "/api/v1/public/sites", kNone, &Api::PublicSites);
  pub("POST", "/api/v1/public/requests/{code}/attachments", kRaw, &Api::AddPublicAttachment);
  pub("POST", "/api/v1/public/rating", kJson, &Api::RatePublicRequest);

  pub("GET", "/api/v1/public/surveys/{token}", kNone, &Api::GetPublicSurvey);
  pub("POST", "/api/v1/public/surveys/{token}", kJson, &Api::AnswerPublicSurvey);
  // The page the survey SMS links to: plain HTML and a form, no script, no login.
  pub("GET", "/s/{token}", kNone, &Api::SurveyPage);
  pub("POST", "/s/{token}", kRaw, &Api::SurveyPageSubmit);
  user("POST", "/api/v1/ratings/calls", kJson, &Api::RateCall);
  user("POST", "/api/v1/cases/{id}/review/dismiss", kJson, &Api::DismissReview);

  user("GET", "/api/v1/reports/breakdown", kNone, &Api::ReportBreakdown);
  user("GET", "/api/v1/reports/trend", kNone, &Api::ReportTrend);
  user("GET", "/api/v1/reports/summary", kNone, &Api::ReportSummary);
  user("GET", "/api/v1/reports/sla", kNone, &Api::ReportSla);
  user("GET", "/api/v1/reports/satisfaction", kNone, &Api::ReportSatisfaction);
  user("GET", "/api/v1/reports/heatmap", kNone, &Api::ReportHeatmap);
  user("GET", "/api/v1/reports/agents", kNone, &Api::ReportAgents);
  user("POST", "/api/v1/cases/{id}/tags/{tag}", kNone, &Api::TagCase);
  user("DELETE", "/api/v1/cases/{id}/tags/{tag}", kNone, &Api::UntagCase);

  user("GET", "/api/v1/wallboard", kNone, &Api::Wallboard);
  // Live updates: the transport upgrades this to a WebSocket (AdmitLive); a plain GET gets 426.
  user("GET", "/api/v1/ws", kNone, &Api::LiveWithoutUpgrade);

  pub("GET", "/api/v1/hooks/kannel/dlr", kNone, &Api::KannelDeliveryReport);
  pub("POST", "/api/v1/hooks/kannel/dlr", kNone, &Api::KannelDeliveryReport);
  return r;
}

std::size_t Api::BodyLimit(std::string_view method, std::string_view target) const {
  const std::string_view path = target.substr(0, target.find('?'));
  const Router::Match m = router_.Find(method == "HEAD" ? "GET" : method, path);
  if (m.outcome == Router::Outcome::kFound && m.route->info.body == BodyKind::kRaw) {
    return options_.body_limit;
  }
  return options_.json_body_limit;
}

void Api::RecordTransportError(const std::string& method, int status) {
  metrics_.Record("transport", MethodLabel(method), status,
                  std::chrono::steady_clock::duration::zero());
}

Response Api::Handle(Request& req) {
  const auto start = std::chrono::steady_clock::now();
  std::string route = "unmatched";
  Response res;
  try {
    res = Dispatch(req, route);
  } catch (const std::exception& e) {
    spdlog::error("{} {} ({}): unhandled exception: {}", req.method, req.path, route, e.what());
    res = Problem(500, "An internal error occurred; it has been logged");
  } catch (...) {
    spdlog::error("{} {} ({}): unhandled non-standard exception", req.method, req.path, route);
    res = Problem(500, "An internal error occurred; it has been logged");
  }
  if (res.Header("X-Content-Type-Options") == nullptr) res.Set("X-Content-Type-Options", "nosniff");
  if (res.Header("Cache-Control") == nullptr) res.Set("Cache-Control", "no-store");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  metrics_.Record(route, MethodLabel(req.method), res.status, elapsed);
  spdlog::debug("{} {} {} -> {} ({} us)", req.client, req.method, req.path, res.status,
                std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count());
  return res;
}

Response Api::Dispatch(Request& req, std::string& route_label) {
  if (!ParseTarget(req)) return Problem(400, "The request target is malformed");
  // HEAD is a GET whose body the transport drops.
  Router::Match m = router_.Find(req.method == "HEAD" ? "GET" : req.method, req.path);
  switch (m.outcome) {
    case Router::Outcome::kFound:
      break;
    case Router::Outcome::kMethodNotAllowed: {
      route_label = "method_not_allowed";
      Response res = Problem(405, "The method " + req.method + " is not allowed here");
      std::string allow;
      for (const std::string& method : m.allow) allow += (allow.empty() ? "" : ", ") + method;
      res.Set("Allow", allow);
      return res;
    }
    case Router::Outcome::kNotFound:
      if (static_files_ && (req.method == "GET" || req.method == "HEAD") &&
          !StartsWith(req.path, "/api/")) {
        route_label = "static";
        return static_files_->Serve(req);
      }
      return Problem(404, "No such resource");
  }
  const Router::Route& route = *m.route;
  route_label = route.info.path;
  req.params = std::move(m.params);
  if (route.info.body == BodyKind::kJson && !req.body.empty() &&
      !IsJsonContentType(req.Header("Content-Type"))) {
    return Problem(415, "The body must be sent as Content-Type: application/json");
  }
  return route.handler(req);
}

std::optional<std::string> Api::Credential(const Request& req) {
  if (const std::string* auth = req.Header("Authorization")) {
    std::string_view v = *auth;
    if (v.size() > 7 && (v.substr(0, 7) == "Bearer " || v.substr(0, 7) == "bearer ")) {
      v.remove_prefix(7);
      while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
      while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
      return std::string(v);
    }
    return std::string();  // another scheme: never falls back to the cookie
  }
  return req.Cookie(kSessionCookie);
}

base::Result<app::Principal> Api::Authenticate(const Request& req) {
  auto token = Credential(req);
  if (!token || token->empty()) {
    return base::Error{base::ErrorCode::kUnauthenticated,
                       "Log in first: send a bearer token or the session cookie",
                       {}};
  }
  return services_->auth.Authenticate(*token);
}

Response Api::Health(Request&) {
  try {
    const int version = services_->store.SchemaVersion();
    return JsonResponse(200, Json{{"status", "ok"}, {"schema_version", version}});
  } catch (const std::exception& e) {
    spdlog::warn("health check: the store is unreachable: {}", e.what());
    return JsonResponse(503, Json{{"status", "unavailable"}});
  }
}

Response Api::Metrics(Request& req) {
  bool allowed = false;
  if (!options_.metrics_token.empty()) {
    const std::string* auth = req.Header("Authorization");
    allowed = auth != nullptr && ConstantTimeEqual(*auth, "Bearer " + options_.metrics_token);
  } else {
    // The socket's peer, never a forwarded address a client can write itself. Behind a reverse
    // proxy on this machine every client looks local: set a metrics token there.
    allowed = IsLoopback(req.peer.empty() ? req.client : req.peer);
  }
  if (!allowed) return Problem(403, "Metrics are served to the loopback or with the metrics token");
  Response res;
  res.Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  metrics_.Append(res.body);
  services_->store.AppendMetrics(res.body);
  return res;
}

Response Api::OpenApi(Request&) {
  Response res;
  res.Set("Content-Type", "application/json");
  res.Set("Cache-Control", "no-cache");
  res.body = std::string(OpenApiDocument());
  return res;
}

Response Api::Login(Request& req) {
  if (auto refused = CrossSiteRefusal(req)) return *refused;
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParseLogin(*body);
  if (!in) return BadRequest(in.error());
  int retry_after = 1;
  auto out = services_->auth.Login(in->username, in->password, req.client, &retry_after);
  if (!out) {
    if (out.error().code == base::ErrorCode::kRateLimited) {
      // For the administrators: repeated failures on one account or from one address.
      spdlog::warn("log-in refused for {} s: user '{}', client {}", retry_after,
                   Printable(in->username), Printable(req.client));
    }
    Response res = ErrorResponse(out.error(), retry_after);
    if (res.status == 503) res.Set("Retry-After", std::to_string(retry_after));
    return res;
  }
  const auto max_age =
      std::chrono::duration_cast<std::chrono::seconds>(out->expires_at - services_->clock.Now())
          .count();
  Response res = JsonResponse(200, Json{{"token", out->token},
                                        {"expires_at", base::FormatRfc3339(out->expires_at)},
                                        {"user", MeJson(out->user)}});
  res.headers.emplace_back("Set-Cookie",
                           SessionCookie(out->token, std::max<std::int64_t>(max_age, 0)));
  return res;
}

Response Api::Logout(Request& req) {
  if (auto refused = CrossSiteRefusal(req)) return *refused;
  // Always succeeds and clears the cookie, so a stale session never traps the browser.
  if (auto token = Credential(req); token && !token->empty()) {
    (void)services_->auth.Logout(*token);
  }
  Response res;
  res.status = 204;
  res.headers.emplace_back("Set-Cookie", SessionCookie("", 0));
  return res;
}

Response Api::Me(Request&, const app::Principal& who) {
  return JsonResponse(200, MeJson(who.user));
}

// Self-service: the user's own preferences, whatever their role.
Response Api::PatchMe(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParseMePatch(*body);
  if (!in) return BadRequest(in.error());
  auto saved = services_->auth.SetOwnPreferences(who, {in->language, in->calendar, in->digits});
  if (!saved) return ErrorResponse(saved.error());
  return JsonResponse(200, MeJson(*saved));
}

// Self-service password change; the caller's own session survives, the others end.
Response Api::ChangePassword(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParsePasswordChange(*body);
  if (!in) return BadRequest(in.error());
  auto s = services_->auth.ChangeOwnPassword(who, in->current, in->next,
                                             Credential(req).value_or(""));
  if (!s) return ErrorResponse(s.error());
  Response res;
  res.status = 204;
  return res;
}

Response Api::CreateToken(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParseTokenInput(*body);
  if (!in) return BadRequest(in.error());
  auto token = services_->auth.CreateApiToken(who, in->user_id, in->name);
  if (!token) return ErrorResponse(token.error());
  return JsonResponse(201,
                      Json{{"token", *token}, {"user_id", in->user_id.value}, {"name", in->name}});
}

}  // namespace tawasul::http
