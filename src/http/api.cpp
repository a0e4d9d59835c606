#include "http/api.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <exception>

#include "http/admin_routes.hpp"
#include "http/routing_routes.hpp"
#include "http/report_schedule_routes.hpp"
#include "http/api_util.hpp"
#include "http/audit_routes.hpp"
#include "http/auth_routes.hpp"
#include "http/case_routes.hpp"
#include "http/contact_routes.hpp"
#include "http/hook_routes.hpp"
#include "http/live_routes.hpp"
#include "http/ops_routes.hpp"
#include "http/open311_routes.hpp"
#include "http/public_routes.hpp"
#include "http/report_routes.hpp"
#include "http/settings_routes.hpp"
#include "http/survey_routes.hpp"
#include "http/workflow_routes.hpp"
#include "http/json_mapping.hpp"
#include "http/problem.hpp"

namespace tawasul::http {

namespace {

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

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

/// True when the Origin header ("https://host[:port]") names the host the request was sent to.
bool SameOrigin(const Request& req, bool trust_forwarded) {
  const std::string* origin = req.Header("Origin");
  const std::string* host = nullptr;
  if (trust_forwarded) host = req.Header("X-Forwarded-Host");
  if (host == nullptr) host = req.Header("Host");
  if (origin == nullptr || host == nullptr || host->empty()) return false;
  const std::size_t scheme = origin->find("://");
  if (scheme == std::string::npos) return false;
  return Lower(std::string_view(*origin).substr(scheme + 3)) == Lower(*host);
}

}  // namespace

struct Api::Groups {
  OpsRoutes ops;
  AuthRoutes auth;
  WorkflowRoutes workflow;
  AdminRoutes admin;
  SettingsRoutes settings;
  CaseRoutes cases;
  AuditRoutes audit;
  PublicRoutes pub;
  SurveyRoutes surveys;
  ReportRoutes reports;
  LiveRoutes live;
  HookRoutes hooks;
  ContactRoutes contacts;
  RoutingRoutes routing;
  ReportScheduleRoutes schedules;
  Open311Routes open311;
};

Api::Api(Services& services, const ServerOptions& options)
    : services_(&services),
      options_(options),
      groups_(std::make_unique<Groups>(Groups{
          OpsRoutes(&services.store, &metrics_, options.metrics_token, &services),
          AuthRoutes(&services.auth, &services.clock),
          WorkflowRoutes(&services.actions, &services.installation, options.map_tiles),
          AdminRoutes(&services.admin),
          SettingsRoutes(services.installation_admin, &services.installation),
          CaseRoutes(&services.cases, &services.installation),
          AuditRoutes(services.audit, &services.admin),
          PublicRoutes(&services.pub, &services.admin, &services.settings, services.surveys),
          SurveyRoutes(services.surveys, &services.cases, &services.installation),
          ReportRoutes(services.reports, services.xlsx),
          LiveRoutes(services.wallboard),
          HookRoutes(services.delivery, services.sms_intake),
          ContactRoutes(services.calls, [this] {
            if (on_call_) on_call_();
          }),
          RoutingRoutes(&services.admin, &services.cases),
          ReportScheduleRoutes(services.schedules, services.xlsx),
          Open311Routes(services.open311)})),
      router_(BuildRouter(groups_.get(),
                          [this](const Request& req) { return Authenticate(req); })) {
  if (!options_.web_root.empty()) static_files_ = std::make_unique<StaticFiles>(options_.web_root, options_.map_tiles);
}

Api::~Api() = default;

std::vector<RouteInfo> Api::RouteTable() {
  return BuildRouter(nullptr, [](const Request&) -> base::Result<app::Principal> {
           return base::Error{base::ErrorCode::kUnauthenticated, "listing only", {}};
         })
      .Table();
}

Router Api::BuildRouter(Groups* g, const Authenticator& authenticate) {
  Router router;
  RouteRegistrar r(router, authenticate);
  OpsRoutes::Register(r, g ? &g->ops : nullptr);
  AuthRoutes::Register(r, g ? &g->auth : nullptr);
  WorkflowRoutes::Register(r, g ? &g->workflow : nullptr);
  AdminRoutes::Register(r, g ? &g->admin : nullptr);
  SettingsRoutes::Register(r, g ? &g->settings : nullptr);
  CaseRoutes::Register(r, g ? &g->cases : nullptr);
  AuditRoutes::Register(r, g ? &g->audit : nullptr);
  PublicRoutes::Register(r, g ? &g->pub : nullptr);
  SurveyRoutes::Register(r, g ? &g->surveys : nullptr);
  ReportRoutes::Register(r, g ? &g->reports : nullptr);
  LiveRoutes::Register(r, g ? &g->live : nullptr);
  HookRoutes::Register(r, g ? &g->hooks : nullptr);
  ContactRoutes::Register(r, g ? &g->contacts : nullptr);
  RoutingRoutes::Register(r, g ? &g->routing : nullptr);
  ReportScheduleRoutes::Register(r, g ? &g->schedules : nullptr);
  Open311Routes::Register(r, g ? &g->open311 : nullptr);
  return router;
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

base::Result<app::Principal> Api::Authenticate(const Request& req) {
  auto token = RequestCredential(req);
  if (!token || token->empty()) {
    return base::Error{base::ErrorCode::kUnauthenticated,
                       "Log in first: send a bearer token or the session cookie",
                       {}};
  }
  return services_->auth.Authenticate(*token);
}

Api::LiveAdmission Api::AdmitLive(Request& req) {
  const auto start = std::chrono::steady_clock::now();
  LiveAdmission out;
  if (!ParseTarget(req)) {
    out.refusal = Problem(400, "The request target is malformed");
  } else if (auto who = Authenticate(req); !who) {
    out.refusal = ErrorResponse(who.error());
  } else if (req.Header("Authorization") == nullptr &&
             !SameOrigin(req, options_.trust_forwarded_for)) {
    // The browser sends the cookie with any page's WebSocket; only ours may use it.
    out.refusal = Problem(403, "A live socket opened with the session cookie must come from this "
                               "site (its Origin must match its Host)");
  } else {
    out.who = std::move(*who);
  }
  if (!out.who) {
    out.refusal.Set("X-Content-Type-Options", "nosniff");
    out.refusal.Set("Cache-Control", "no-store");
  }
  metrics_.Record(std::string(kLivePath), "GET", out.who ? 101 : out.refusal.status,
                  std::chrono::steady_clock::now() - start);
  return out;
}

}  // namespace tawasul::http
