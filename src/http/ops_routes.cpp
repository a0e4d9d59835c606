// Operations: health, metrics, the OpenAPI document.
#include "http/ops_routes.hpp"

#include "app/inbound/email_intake.hpp"
#include "app/inbound/sms_intake.hpp"
#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include "http/api.hpp"
#include "http/api_util.hpp"
#include "http/problem.hpp"

namespace tawasul::http {

namespace {

bool ConstantTimeEqual(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

/// 127.0.0.0/8, ::1 and ::ffff:127.x, as the transport writes a client ("ADDR" or "ADDR:PORT").
bool IsLoopback(std::string_view client) {
  if (client.rfind("[", 0) == 0) client = client.substr(1, client.find(']') - 1);
  return client.rfind("127.", 0) == 0 || client == "::1" || client.rfind("::ffff:127.", 0) == 0;
}

}  // namespace

void OpsRoutes::Register(RouteRegistrar& r, OpsRoutes* self) {
  r.Public("GET", "/health", BodyKind::kNone, self, &OpsRoutes::Health);
  r.Public("GET", "/metrics", BodyKind::kNone, self, &OpsRoutes::Metrics);
  r.Public("GET", "/api/v1/openapi.json", BodyKind::kNone, self, &OpsRoutes::OpenApi);
}

Response OpsRoutes::Health(Request&) {
  try {
    const int version = store_->SchemaVersion();
    return JsonResponse(200, Json{{"status", "ok"}, {"schema_version", version}});
  } catch (const std::exception& e) {
    spdlog::warn("health check: the store is unreachable: {}", e.what());
    return JsonResponse(503, Json{{"status", "unavailable"}});
  }
}

void OpsRoutes::AppendIntakeMetrics(std::string& out) const {
  if (services_ == nullptr || (services_->sms_intake == nullptr && services_->email_intake == nullptr)) return;
  out += "# HELP tawasul_inbound_messages_total Written messages this node took in, by channel and what became of them.\n";
  out += "# TYPE tawasul_inbound_messages_total counter\n";
  auto lines = [&out](const char* channel, const app::InboundCounters& c) {
    const std::pair<const char*, std::int64_t> rows[] = {
        {"received", c.received.load()}, {"created", c.created.load()}, {"appended", c.appended.load()},
        {"throttled", c.throttled.load()}, {"rejected", c.rejected.load()}};
    for (const auto& [outcome, n] : rows) {
      out += std::string("tawasul_inbound_messages_total{channel=\"") + channel + "\",outcome=\"" + outcome +
             "\"} " + std::to_string(n) + "\n";
    }
  };
  if (services_->sms_intake != nullptr) lines("sms", services_->sms_intake->counters());
  if (services_->email_intake != nullptr) lines("email", services_->email_intake->counters());
}

Response OpsRoutes::Metrics(Request& req) {
  bool allowed = false;
  if (!metrics_token_.empty()) {
    const std::string* auth = req.Header("Authorization");
    allowed = auth != nullptr && ConstantTimeEqual(*auth, "Bearer " + metrics_token_);
  } else {
    // The socket's peer, never a forwarded address a client can write itself. Behind a reverse
    // proxy on this machine every client looks local: set a metrics token there.
    allowed = IsLoopback(req.peer.empty() ? req.client : req.peer);
  }
  if (!allowed) return Problem(403, "Metrics are served to the loopback or with the metrics token");
  Response res;
  res.Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  metrics_->Append(res.body);
  store_->AppendMetrics(res.body);
  AppendIntakeMetrics(res.body);
  return res;
}

Response OpsRoutes::OpenApi(Request&) {
  Response res;
  res.Set("Content-Type", "application/json");
  res.Set("Cache-Control", "no-cache");
  res.body = std::string(Api::OpenApiDocument());
  return res;
}

}  // namespace tawasul::http
