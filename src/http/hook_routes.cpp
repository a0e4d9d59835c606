// Hooks that gateways call back on: no login, each proved by its own secret.
#include "app/outbox/delivery_service.hpp"
#include "http/hook_routes.hpp"
#include "http/api_util.hpp"
#include "http/problem.hpp"

#include <set>

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

// Kannel's sms-service calls its get-url with each MO; the URL carries our token, and Kannel's
// escapes fill in the rest: from=%p&to=%P&text=%a&coding=%c&charset=%C&id=%I. With smsbox's
// mo-recode the text arrives as UTF-8; without it a UCS-2 text arrives as UTF-16BE bytes,
// which are decoded here when the query could carry them.
Response HookRoutes::KannelMo(Request& req) {
  // Off unless configured: as if the route were not there (a 4xx, so probes learn nothing).
  if (sms_ == nullptr || !sms_->enabled()) {
    return Problem(404, "Inbound SMS is not set up on this server ([sms] inbound_token)");
  }
  auto param = [&](const char* name) {
    const std::string* v = req.Query(name);
    return v == nullptr ? std::string() : *v;
  };
  app::InboundSmsInput in;
  in.from = param("from");
  in.to = param("to");
  in.text = param("text");
  in.coding = param("coding");
  in.charset = param("charset");
  in.external_id = param("id");
  auto done = sms_->Receive(param("token"), in);
  if (!done) {
    return ErrorResponse(done.error());
  }
  Json body{{"id", done->message.id},
            {"outcome", done->message.outcome},
            {"tracking_code", done->tracking_code.empty() ? Json(nullptr) : Json(done->tracking_code)}};
  return JsonResponse(200, body);
}

Response HookRoutes::ListInbound(Request& req, const app::Principal& who) {
  app::InboundFilter filter;
  std::string channel, outcome, cursor;
  QueryReader q(req);
  q.String("channel", channel);
  q.String("outcome", outcome);
  q.String("cursor", cursor);
  q.Int("limit", filter.limit, 1, 200);
  if (auto bad = q.Finish()) return *bad;
  static const std::set<std::string> kOutcomes{"created", "appended", "stopped", "started",
                                               "throttled", "rejected", "bounced"};
  if (!outcome.empty()) {
    if (!kOutcomes.count(outcome)) return BadRequest("outcome", "is not an inbound outcome");
    filter.outcome = outcome;
  }
  if (!channel.empty()) {
    auto ch = domain::ParseChannel(channel);
    if (!ch) return BadRequest("channel", "is not a channel");
    filter.channel = *ch;
  }
  if (!cursor.empty()) {
    const auto before = ParseId(cursor);
    if (!before) return BadRequest("cursor", "is not a cursor from this list");
    filter.before_id = *before;
  }
  if (sms_ == nullptr) return Problem(503, "This service is not available on this server");
  auto list = sms_->List(who, filter);
  if (!list) return ErrorResponse(list.error());
  Json items = Json::array();
  for (const domain::InboundMessage& m : *list) {
    items.push_back(Json{{"id", m.id},
                         {"channel", std::string(domain::ToString(m.channel))},
                         {"sender", m.sender},
                         {"recipient", m.recipient},
                         {"body", m.body},
                         {"received_at", base::FormatRfc3339(m.received_at)},
                         {"outcome", m.outcome},
                         {"reason", m.reason},
                         {"case_id", m.case_id ? Json(m.case_id->value) : Json(nullptr)}});
  }
  Json out{{"items", items}};
  if (static_cast<int>(list->size()) == filter.limit && !list->empty()) {
    out["next_cursor"] = std::to_string(list->back().id);
  } else {
    out["next_cursor"] = nullptr;
  }
  return JsonResponse(200, out);
}

void HookRoutes::Register(RouteRegistrar& r, HookRoutes* self) {
  r.Public("GET", "/api/v1/hooks/kannel/dlr", BodyKind::kNone, self, &HookRoutes::KannelDeliveryReport);
  r.Public("POST", "/api/v1/hooks/kannel/dlr", BodyKind::kNone, self, &HookRoutes::KannelDeliveryReport);
  r.Public("GET", "/api/v1/hooks/kannel/mo", BodyKind::kNone, self, &HookRoutes::KannelMo);
  r.Public("POST", "/api/v1/hooks/kannel/mo", BodyKind::kNone, self, &HookRoutes::KannelMo);
  r.User("GET", "/api/v1/inbound", BodyKind::kNone, self, &HookRoutes::ListInbound);
}

}  // namespace tawasul::http
