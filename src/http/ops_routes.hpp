#pragma once

#include <string>

#include "app/store_health.hpp"
#include "http/metrics.hpp"
#include "http/routes.hpp"

namespace tawasul::http {

/// Operations: /health, /metrics and the OpenAPI document.
struct Services;  // http/server.hpp

class OpsRoutes {
 public:
  /// `services` (optional) adds the intakes' counters to /metrics.
  OpsRoutes(app::StoreHealth* store, HttpMetrics* metrics, std::string metrics_token,
            const Services* services = nullptr)
      : store_(store), metrics_(metrics), metrics_token_(std::move(metrics_token)), services_(services) {}

  /// Adds this group's routes; `self` null lists them without services.
  static void Register(RouteRegistrar& r, OpsRoutes* self);

 private:
  Response Health(Request& req);
  Response Metrics(Request& req);
  Response OpenApi(Request& req);
  void AppendIntakeMetrics(std::string& out) const;

  app::StoreHealth* store_;
  HttpMetrics* metrics_;
  std::string metrics_token_;
  const Services* services_;
};

}  // namespace tawasul::http
