#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/routes.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"

namespace tawasul::http {

/// The HTTP API v1 without its transport: request in, response out. The routes come from one
/// group per feature (routes.hpp; CaseRoutes, ReportRoutes, ...), each holding only the use
/// cases it calls. Handlers are thin (parse, call one use case, map the result) and blocking, so
/// the transport runs Handle() on its worker pool, never on an I/O thread.
class Api {
 public:
  Api(Services& services, const ServerOptions& options);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  /// Answers one request. Never throws: an exception from a handler is logged and becomes 500.
  Response Handle(Request& req);

  /// The body limit for a request, decided from its method and target before the body is read:
  /// body_limit for uploads, json_body_limit for everything else.
  std::size_t BodyLimit(std::string_view method, std::string_view target) const;

  /// Counts a request the transport answered itself (malformed, too large, ...).
  void RecordTransportError(const std::string& method, int status);

  /// The outcome of a WebSocket upgrade of /api/v1/ws: the user when admitted,
  /// else the response refusing it (401, 403).
  struct LiveAdmission {
    std::optional<app::Principal> who;
    Response refusal;
  };
  static constexpr std::string_view kLivePath = "/api/v1/ws";
  /// Authenticates an upgrade like any route (bearer token or session cookie); with the cookie,
  /// the Origin must name this host (a page elsewhere cannot borrow the user's session).
  LiveAdmission AdmitLive(Request& req);

  /// Called after a call event changed a call (the transport wakes the live feed with it, so a
  /// screen-pop does not wait for the feed's next poll). Set before serving.
  void OnCallChange(std::function<void()> fn) { on_call_ = std::move(fn); }

  /// The route table, built without services (for the OpenAPI test and docs).
  static std::vector<RouteInfo> RouteTable();

  /// The OpenAPI 3 document served at /api/v1/openapi.json (embedded at build time).
  static std::string_view OpenApiDocument();

 private:
  struct Groups;  // every route group, with the services it holds (api.cpp)
  static Router BuildRouter(Groups* groups, const Authenticator& authenticate);

  Response Dispatch(Request& req, std::string& route_label);
  base::Result<app::Principal> Authenticate(const Request& req);

  Services* services_;
  std::function<void()> on_call_;
  ServerOptions options_;
  HttpMetrics metrics_;
  std::unique_ptr<Groups> groups_;
  Router router_;
  std::unique_ptr<StaticFiles> static_files_;
};

}  // namespace tawasul::http
