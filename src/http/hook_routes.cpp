// Hooks that gateways call back on: no login, each proved by its own secret.
#include "app/outbox/delivery_service.hpp"
#include "http/hook_routes.hpp"
#include "http/api_util.hpp"
#include "http/problem.hpp"

namespace tawasul::http {

// Kannel calls the dlr-url it was given with each message (GET by default); the id and the
// per-message secret were put there by the SMS sender, the type (%d) and answer (%A) by Kannel.
Response HookRoutes::KannelDeliveryReport(Request& req) {
  if (delivery_ == nullptr) return Problem(503, "Delivery reports are not set up");
  auto param = [&](const char* name) {
    const std::string* v = req.Query(name);
    return v == nullptr ? std::string() : *v;
  };
  const std::string id = param("id");
  const std::string type = param("type");
  const std::string secret = param("secret");
  if (id.empty()) return BadRequest("id", "is required");
  if (type.empty()) return BadRequest("type", "is required");
  if (secret.empty()) return BadRequest("secret", "is required");
  auto done = delivery_->KannelReport(id, type, secret, param("answer"));
  if (!done) {
    if (done.error().code == base::ErrorCode::kInvalid) return BadRequest(done.error());
    return ErrorResponse(done.error());
  }
  Response res;
  res.status = 204;
  return res;
}

void HookRoutes::Register(RouteRegistrar& r, HookRoutes* self) {
  r.Public("GET", "/api/v1/hooks/kannel/dlr", BodyKind::kNone, self, &HookRoutes::KannelDeliveryReport);
  r.Public("POST", "/api/v1/hooks/kannel/dlr", BodyKind::kNone, self, &HookRoutes::KannelDeliveryReport);
}

}  // namespace tawasul::http
