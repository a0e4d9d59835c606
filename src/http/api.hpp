#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"

namespace tawasul::http {

/// The HTTP API v1 without its transport: request in, response out. Handlers are thin (parse,
/// call one use case, map the result) and blocking, so the transport runs Handle() on its
/// worker pool, never on an I/O thread.
class Api {
 public:
  Api(Services& services, const ServerOptions& options);

  /// Answers one request. Never throws: an exception from a handler is logged and becomes 500.
  Response Handle(Request& req);

  /// The body limit for a request, decided from its method and target before the body is read:
  /// body_limit for uploads, json_body_limit for everything else.
  std::size_t BodyLimit(std::string_view method, std::string_view target) const;

  /// Counts a request the transport answered itself (malformed, too large, ...).
  void RecordTransportError(const std::string& method, int status);

  /// The outcome of a WebSocket upgrade of /api/v1/ws (api_live.cpp): the user when admitted,
  /// else the response refusing it (401, 403).
  struct LiveAdmission {
    std::optional<app::Principal> who;
    Response refusal;
  };
  static constexpr std::string_view kLivePath = "/api/v1/ws";
  /// Authenticates an upgrade like any route (bearer token or session cookie); with the cookie,
  /// the Origin must name this host (a page elsewhere cannot borrow the user's session).
  LiveAdmission AdmitLive(Request& req);

  /// The route table, built without services (for the OpenAPI test and docs).
  static std::vector<RouteInfo> RouteTable();

  /// The OpenAPI 3 document served at /api/v1/openapi.json (embedded at build time).
  static std::string_view OpenApiDocument();

 private:
  using PublicFn = Response (Api::*)(Request&);
  using UserFn = Response (Api::*)(Request&, const app::Principal&);
  static Router BuildRouter(Api* api);

  Response Dispatch(Request& req, std::string& route_label);
  base::Result<app::Principal> Authenticate(const Request& req);
  static std::optional<std::string> Credential(const Request& req);

  // Operations and auth (api.cpp)
  Response Health(Request& req);
  Response Metrics(Request& req);
  Response OpenApi(Request& req);
  Response Login(Request& req);
  Response Logout(Request& req);
  Response Me(Request& req, const app::Principal& who);
  Response PatchMe(Request& req, const app::Principal& who);
  Response ChangePassword(Request& req, const app::Principal& who);
  Response CreateToken(Request& req, const app::Principal& who);

  // Administration (api_admin.cpp)
  Response ListUnits(Request& req, const app::Principal& who);
  Response CreateUnit(Request& req, const app::Principal& who);
  Response GetUnit(Request& req, const app::Principal& who);
  Response PatchUnit(Request& req, const app::Principal& who);
  Response ListCategories(Request& req, const app::Principal& who);
  Response CreateCategory(Request& req, const app::Principal& who);
  Response GetCategory(Request& req, const app::Principal& who);
  Response PatchCategory(Request& req, const app::Principal& who);
  Response ListSites(Request& req, const app::Principal& who);
  Response CreateSite(Request& req, const app::Principal& who);
  Response GetSite(Request& req, const app::Principal& who);
  Response PatchSite(Request& req, const app::Principal& who);
  Response ListUsers(Request& req, const app::Principal& who);
  Response CreateUser(Request& req, const app::Principal& who);
  Response GetUser(Request& req, const app::Principal& who);
  Response PatchUser(Request& req, const app::Principal& who);

  // The installation: templates, SLA policies, calendars (api_admin_config.cpp)
  Response ListTemplates(Request& req, const app::Principal& who);
  Response PutTemplate(Request& req, const app::Principal& who);
  Response GetServiceLevels(Request& req, const app::Principal& who);
  Response PutSlaPolicy(Request& req, const app::Principal& who);
  Response ListCalendars(Request& req, const app::Principal& who);
  Response AddHoliday(Request& req, const app::Principal& who);
  Response RemoveHoliday(Request& req, const app::Principal& who);
  // Workflows edited in place and the survey's settings (api_admin_workflows.cpp)
  Response ListAdminWorkflows(Request& req, const app::Principal& who);
  Response PutAdminWorkflow(Request& req, const app::Principal& who);
  Response PutSurveySettings(Request& req, const app::Principal& who);

  // Requests, requesters, contacts, attachments (api_cases.cpp)
  Response SearchRequesters(Request& req, const app::Principal& who);
  Response GetRequester(Request& req, const app::Principal& who);
  Response CreateCase(Request& req, const app::Principal& who);
  Response ListCases(Request& req, const app::Principal& who);
  Response GetCase(Request& req, const app::Principal& who);
  Response PatchCase(Request& req, const app::Principal& who);
  Response CaseTimeline(Request& req, const app::Principal& who);
  Response CreateContact(Request& req, const app::Principal& who);
  Response AddAttachment(Request& req, const app::Principal& who);
  Response ListAttachments(Request& req, const app::Principal& who);
  Response GetAttachment(Request& req, const app::Principal& who);
  Response ReleaseAttachment(Request& req, const app::Principal& who);

  // Workflow actions, inboxes, extras and the installation (api_workflow.cpp)
  Response ListActions(Request& req, const app::Principal& who);
  Response TakeAction(Request& req, const app::Principal& who);
  Response GetCaseExtras(Request& req, const app::Principal& who);
  Response Inbox(Request& req, const app::Principal& who);
  Response GetInstallation(Request& req, const app::Principal& who);
  Response ListWorkflows(Request& req, const app::Principal& who);

  // The citizens' portal (api_public.cpp)
  Response SubmitPublicRequest(Request& req);
  Response TrackPublicRequest(Request& req);
  Response PublicCategories(Request& req);
  Response PublicSites(Request& req);
  Response FindCaseByCode(const app::Principal& who, const std::string& code);
  Response AddPublicAttachment(Request& req);
  Response RatePublicRequest(Request& req);

  // Satisfaction: the survey link (JSON and its page), IVR call ratings, reviews (api_surveys.cpp)
  Response GetPublicSurvey(Request& req);
  Response AnswerPublicSurvey(Request& req);
  Response SurveyPage(Request& req);
  Response SurveyPageSubmit(Request& req);
  Response RateCall(Request& req, const app::Principal& who);
  Response DismissReview(Request& req, const app::Principal& who);

  // Reports (api_reports.cpp)
  Response ReportBreakdown(Request& req, const app::Principal& who);
  Response ReportTrend(Request& req, const app::Principal& who);
  Response ReportSummary(Request& req, const app::Principal& who);
  // Service quality: SLA compliance, satisfaction, heat map, agents (api_reports_quality.cpp)
  Response ReportSla(Request& req, const app::Principal& who);
  Response ReportSatisfaction(Request& req, const app::Principal& who);
  Response ReportHeatmap(Request& req, const app::Principal& who);
  Response ReportAgents(Request& req, const app::Principal& who);
  Response TagCase(Request& req, const app::Principal& who);
  Response UntagCase(Request& req, const app::Principal& who);

  // The wallboard, and /api/v1/ws without an upgrade (api_live.cpp)
  Response Wallboard(Request& req, const app::Principal& who);
  Response LiveWithoutUpgrade(Request& req, const app::Principal& who);

  // The identity-access log and resending messages (api_audit.cpp)
  Response RequesterAccessLog(Request& req, const app::Principal& who);
  Response CaseAccessLog(Request& req, const app::Principal& who);
  /// The audit trail of administrative changes, newest first (admins only).
  Response AdminAudit(Request& req, const app::Principal& who);
  Response ResendMessage(Request& req, const app::Principal& who);

  // Gateways' callbacks (api_hooks.cpp)
  Response KannelDeliveryReport(Request& req);

  Services* services_;  ///< null only in the services-free router built by RouteTable()
  ServerOptions options_;
  Router router_;
  HttpMetrics metrics_;
  std::unique_ptr<StaticFiles> static_files_;
};

}  // namespace tawasul::http
