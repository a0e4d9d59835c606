#pragma once

#include "app/inbound/sms_intake.hpp"
#include "app/outbox/delivery_service.hpp"
#include "http/routes.hpp"

namespace tawasul::http {

/// Gateways' callbacks (no login; each proved by its own secret).
/// A service pointer may be null where the server runs without it (the routes answer 503).
class HookRoutes {
 public:
  HookRoutes(app::DeliveryService* delivery, app::SmsIntake* sms)
      : delivery_(delivery), sms_(sms) {}

  /// Adds this group's routes; `self` null lists them without services.
  static void Register(RouteRegistrar& r, HookRoutes* self);

 private:
  Response KannelDeliveryReport(Request& req);
  /// An SMS from a citizen, as Kannel's sms-service get-url hands it over.
  Response KannelMo(Request& req);
  /// GET /api/v1/inbound: the messages that came in, with what became of each.
  Response ListInbound(Request& req, const app::Principal& who);

  app::DeliveryService* delivery_;
  app::SmsIntake* sms_;
};

}  // namespace tawasul::http
