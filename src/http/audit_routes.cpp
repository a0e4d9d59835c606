// Oversight routes: who was shown a requester's identity (the identity-access log), and
// resending a message the outbox gave up on. The use cases are in app/audit_service.
#include "app/audit/audit_service.hpp"
#include "http/audit_routes.hpp"

#include <set>
#include "http/api_util.hpp"
#include "http/json_mapping.hpp"
#include "http/problem.hpp"

namespace tawasul::http {

namespace {

constexpr int kAccessLogDefaultLimit = 100;
constexpr int kAccessLogMaxLimit = 500;

/// `limit` (1-500) and `cursor` (an entry id from `next_cursor`); a 400 naming the bad one.
std::optional<Response> ReadPaging(const Request& req, std::optional<std::int64_t>& cursor,
                                   int& limit) {
  limit = kAccessLogDefaultLimit;
  std::string cursor_text;
  QueryReader q(req);
  q.Int("limit", limit, 1, kAccessLogMaxLimit);
  q.String("cursor", cursor_text);
  if (auto bad = q.Finish()) return bad;
  if (req.Query("cursor") != nullptr) {
    cursor = ParseId(cursor_text);
    if (!cursor) return BadRequest("cursor", "must be a next_cursor value from an earlier page");
  }
  return std::nullopt;
}

/// The page as JSON: staff names and request ids only, never the requester's name or phone,
/// so reading the log is not itself an identity disclosure (and is not logged as one).
Json AccessLogJson(const app::AccessLogPage& page) {
  Json entries = Json::array();
  for (const app::AccessLogEntry& e : page.entries) {
    entries.push_back(Json{{"id", e.id},
                           {"user_id", e.user_id.value},
                           {"username", e.username},
                           {"display_name", e.display_name},
                           {"case_id", e.case_id ? Json(e.case_id->value) : Json(nullptr)},
                           {"via", e.via},
                           {"at", base::FormatRfc3339(e.at)}});
  }
  return Json{
      {"entries", std::move(entries)},
      {"next_cursor", page.next_cursor ? Json(std::to_string(*page.next_cursor)) : Json(nullptr)}};
}

}  // namespace

Response AuditRoutes::AdminAudit(Request& req, const app::Principal& who) {
  // The role first: other roles get 403 whatever paging they ask for.
  if (!app::May(who, domain::Permission::kAdminister)) {
    return Problem(403, "Only an administrator may read the audit trail");
  }
  std::optional<std::int64_t> cursor;
  int limit = 0;
  if (auto bad = ReadPaging(req, cursor, limit)) return *bad;
  auto page = admin_->AuditTrail(who, cursor.value_or(0), limit);
  if (!page) return ErrorResponse(page.error());
  const auto& entries = page->entries;
  Json items = Json::array();
  for (const app::AdminAuditEntry& e : entries) {
    Json actor_name = nullptr;
    if (e.actor) actor_name = page->actor_names[e.actor->value];
    items.push_back(Json{{"id", e.id},
                         {"at", base::FormatRfc3339(e.at)},
                         {"actor_id", e.actor ? Json(e.actor->value) : Json(nullptr)},
                         {"actor_name", actor_name},
                         {"entity", e.entity},
                         {"key", e.key},
                         {"action", e.action},
                         {"old_value", e.old_value},
                         {"new_value", e.new_value},
                         {"hash", e.hash}});
  }
  const bool more = static_cast<int>(entries.size()) == limit && entries.back().id > 1;
  return JsonResponse(200, Json{{"items", std::move(items)},
                                {"next_cursor", more ? Json(std::to_string(entries.back().id))
                                                     : Json(nullptr)}});
}

Response AuditRoutes::RequesterAccessLog(Request& req, const app::Principal& who) {
  auto id = PathId<d::RequesterTag>(req, "id");
  if (!id) return Problem(404, "No such requester");
  std::optional<std::int64_t> cursor;
  int limit = 0;
  if (auto bad = ReadPaging(req, cursor, limit)) return *bad;
  if (audit_ == nullptr) return Problem(503, "This service is not available on this server");
  app::AuditService& audit = *audit_;
  auto page = audit.RequesterAccessLog(who, *id, cursor, limit);
  if (!page) return ErrorResponse(page.error());
  return JsonResponse(200, AccessLogJson(*page));
}

Response AuditRoutes::CaseAccessLog(Request& req, const app::Principal& who) {
  auto id = PathId<d::CaseTag>(req, "id");
  if (!id) return NoSuchCase();
  std::optional<std::int64_t> cursor;
  int limit = 0;
  if (auto bad = ReadPaging(req, cursor, limit)) return *bad;
  if (audit_ == nullptr) return Problem(503, "This service is not available on this server");
  app::AuditService& audit = *audit_;
  auto page = audit.CaseAccessLog(who, *id, cursor, limit);
  if (!page) return ErrorResponse(page.error());
  return JsonResponse(200, AccessLogJson(*page));
}

Response AuditRoutes::ResendMessage(Request& req, const app::Principal& who) {
  auto id = PathId<d::MessageTag>(req, "id");
  if (!id) return Problem(404, "No such message");
  if (audit_ == nullptr) return Problem(503, "This service is not available on this server");
  app::AuditService& audit = *audit_;
  auto copy = audit.Resend(who, *id);
  if (!copy) return ErrorResponse(copy.error());
  return JsonResponse(201, ToJson(*copy));
}

/// GET /messages?status=&channel=&limit=&cursor=: the outbox, newest first, recipients masked.
Response AuditRoutes::ListMessages(Request& req, const app::Principal& who) {
  app::MessageFilter filter;
  std::string status, channel, cursor;
  QueryReader q(req);
  q.String("status", status);
  q.String("channel", channel);
  q.String("cursor", cursor);
  q.Int("limit", filter.limit, 1, 200);
  if (auto bad = q.Finish()) return *bad;
  static const std::set<std::string> kStatuses{"queued", "held", "sending", "sent",
                                               "delivered", "undeliverable", "failed"};
  if (!status.empty()) {
    if (!kStatuses.count(status)) return BadRequest("status", "is not a message status");
    filter.status = status;
  }
  if (!channel.empty()) {
    if (channel != "sms" && channel != "email") return BadRequest("channel", "must be sms or email");
    filter.channel = channel;
  }
  if (!cursor.empty()) {
    const auto before = ParseId(cursor);
    if (!before) return BadRequest("cursor", "is not a cursor from this list");
    filter.before_id = *before;
  }
  if (audit_ == nullptr) return Problem(503, "This service is not available on this server");
  auto list = audit_->Messages(who, filter);
  if (!list) return ErrorResponse(list.error());
  Json items = Json::array();
  for (const d::OutboxMessage& m : *list) {
    Json j{{"id", m.id.value},
           {"case_id", m.case_id ? Json(m.case_id->value) : Json(nullptr)},
           {"channel", m.channel},
           {"template", m.template_name},
           {"recipient", m.recipient},
           {"language", m.language},
           {"status", m.status},
           {"created_at", base::FormatRfc3339(m.created_at)},
           {"sent_at", m.sent_at ? Json(base::FormatRfc3339(*m.sent_at)) : Json(nullptr)},
           {"attempts", m.attempts},
           {"segments", m.segments},
           {"last_error", m.last_error},
           // Accepted by the demo sink (serve --demo-delivery): shown, never sent.
           {"demo", m.gateway_ref.rfind("demo:", 0) == 0}};
    items.push_back(std::move(j));
  }
  Json next = nullptr;
  if (static_cast<int>(list->size()) == filter.limit && !list->empty()) {
    next = std::to_string(list->back().id.value);
  }
  return JsonResponse(200, Json{{"items", std::move(items)}, {"next_cursor", std::move(next)}});
}

void AuditRoutes::Register(RouteRegistrar& r, AuditRoutes* self) {
  r.User("GET", "/api/v1/messages", BodyKind::kNone, self, &AuditRoutes::ListMessages);
  r.User("GET", "/api/v1/requesters/{id}/access-log", BodyKind::kNone, self, &AuditRoutes::RequesterAccessLog);
  r.User("GET", "/api/v1/cases/{id}/access-log", BodyKind::kNone, self, &AuditRoutes::CaseAccessLog);
  r.User("GET", "/api/v1/admin/audit", BodyKind::kNone, self, &AuditRoutes::AdminAudit);
  r.User("POST", "/api/v1/messages/{id}/resend", BodyKind::kNone, self, &AuditRoutes::ResendMessage);
}

}  // namespace tawasul::http
