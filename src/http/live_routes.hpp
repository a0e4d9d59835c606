#pragma once

#include "app/reports/wallboard_service.hpp"
#include "http/routes.hpp"

namespace tawasul::http {

/// The wallboard, and /api/v1/ws reached without an upgrade.
/// A service pointer may be null where the server runs without it (the routes answer 503).
class LiveRoutes {
 public:
  explicit LiveRoutes(app::WallboardService* wallboard) : wallboard_(wallboard) {}

  /// Adds this group's routes; `self` null lists them without services.
  static void Register(RouteRegistrar& r, LiveRoutes* self);

 private:
  Response Wallboard(Request& req, const app::Principal& who);
  Response LiveWithoutUpgrade(Request& req, const app::Principal& who);

  app::WallboardService* wallboard_;
};

}  // namespace tawasul::http
