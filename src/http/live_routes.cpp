// The wallboard and the admission of live sockets. The socket itself (Beast) is the transport's
// (server.cpp) and the feed behind it is http/live_feed; here are the parts that are plain
// request in, response out.
#include "app/reports/wallboard_service.hpp"
#include "http/live_routes.hpp"
#include "http/api_util.hpp"
#include "http/json_mapping.hpp"
#include "http/problem.hpp"

namespace tawasul::http {

namespace {

Json RowsJson(const std::vector<app::WallboardRow>& rows) {
  Json out = Json::array();
  for (const auto& r : rows) {
    out.push_back(Json{{"key", r.key}, {"label", r.label}, {"count", r.count}});
  }
  return out;
}

}  // namespace

Response LiveRoutes::Wallboard(Request&, const app::Principal& who) {
  if (wallboard_ == nullptr) return Problem(503, "This service is not available on this server");
  app::WallboardService& service = *wallboard_;
  auto w = service.Read(who);
  if (!w) return ErrorResponse(w.error());
  return JsonResponse(200, Json{{"open_by_status", RowsJson(w->open_by_status)},
                                {"open_by_unit", RowsJson(w->open_by_unit)},
                                {"due_soon", w->due_soon},
                                {"breached", w->breached},
                                {"first_response",
                                 Json{{"breached", w->first_response_breached},
                                      {"due_soon", w->first_response_due_soon}}},
                                {"today",
                                 Json{{"contacts", w->today_contacts},
                                      {"requests", w->today_requests},
                                      {"answered", w->today_answered},
                                      {"abandoned", w->today_abandoned}}},
                                {"calls_waiting", w->calls_waiting},
                                {"longest_wait_seconds", w->longest_wait_seconds},
                                {"agents_on_calls", w->agents_on_calls},
                                {"generated_at", base::FormatRfc3339(w->generated_at)}});
}

Response LiveRoutes::LiveWithoutUpgrade(Request&, const app::Principal&) {
  Response res = Problem(426, "This resource is a WebSocket: send an Upgrade: websocket request");
  res.Set("Upgrade", "websocket");
  return res;
}

void LiveRoutes::Register(RouteRegistrar& r, LiveRoutes* self) {
  r.User("GET", "/api/v1/wallboard", BodyKind::kNone, self, &LiveRoutes::Wallboard);
  // Live updates: the transport upgrades this to a WebSocket (AdmitLive); a plain GET gets 426.
  r.User("GET", "/api/v1/ws", BodyKind::kNone, self, &LiveRoutes::LiveWithoutUpgrade);
}

}  // namespace tawasul::http
