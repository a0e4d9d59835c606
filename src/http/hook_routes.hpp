#pragma once

#include "app/outbox/delivery_service.hpp"
#include "http/routes.hpp"

namespace tawasul::http {

/// Gateways' callbacks (no login; each proved by its own secret).
/// A service pointer may be null where the server runs without it (the routes answer 503).
class HookRoutes {
 public:
  explicit HookRoutes(app::DeliveryService* delivery) : delivery_(delivery) {}

  /// Adds this group's routes; `self` null lists them without services.
  static void Register(RouteRegistrar& r, HookRoutes* self);

 private:
  Response KannelDeliveryReport(Request& req);

  app::DeliveryService* delivery_;
};

}  // namespace tawasul::http
