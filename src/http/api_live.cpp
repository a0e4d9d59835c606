// The wallboard and the admission of live sockets. The socket itself (Beast) is the transport's
// (server.cpp) and the feed behind it is http/live_feed; here are the parts that are plain
// request in, response out.
#include <algorithm>
#include <cctype>
#include <chrono>

#include "app/reports/wallboard_service.hpp"
#include "http/api.hpp"
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

Response Api::Wallboard(Request&, const app::Principal& who) {
  if (services_->wallboard == nullptr) return Problem(503, "This service is not available on this server");
  app::WallboardService& service = *services_->wallboard;
  auto w = service.Read(who);
  if (!w) return ErrorResponse(w.error());
  return JsonResponse(200, Json{{"open_by_status", RowsJson(w->open_by_status)},
                                {"open_by_unit", RowsJson(w->open_by_unit)},
                                {"due_soon", w->due_soon},
                                {"breached", w->breached},
                                {"today",
                                 Json{{"contacts", w->today_contacts},
                                      {"requests", w->today_requests}}},
                                {"generated_at", base::FormatRfc3339(w->generated_at)}});
}

Response Api::LiveWithoutUpgrade(Request&, const app::Principal&) {
  Response res = Problem(426, "This resource is a WebSocket: send an Upgrade: websocket request");
  res.Set("Upgrade", "websocket");
  return res;
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
