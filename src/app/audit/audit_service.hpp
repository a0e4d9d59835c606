#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/auth/principal.hpp"
#include "app/cases/case_service.hpp"
#include "app/audit/audit_service_store.hpp"
#include "base/result.hpp"
#include "base/time.hpp"

namespace tawasul::app {

/// One line of the identity-access log as supervisors read it: who was shown the requester,
/// on which request, how and when. It names the staff member, never the requester.
struct AccessLogEntry {
  std::int64_t id = 0;
  d::UserId user_id;
  std::string username;  ///< empty when the user no longer exists
  std::string display_name;
  std::optional<d::CaseId> case_id;
  std::string via;
  base::Time at{};
};

struct AccessLogPage {
  std::vector<AccessLogEntry> entries;      ///< newest first
  std::optional<std::int64_t> next_cursor;  ///< pass back as `cursor` for older entries
};

/// Oversight of the outbox and of who saw whom: reading the identity-access log, and resending
/// a message the outbox gave up on. Stateless, so handlers make one per request.
class AuditService {
 public:
  AuditService(AuditServiceStore& store, CaseService& cases, const base::Clock& clock);

  /// Supervisors, heads and admins (403 otherwise); NotFound for an unknown requester.
  Result<AccessLogPage> RequesterAccessLog(const Principal& who, d::RequesterId id,
                                           std::optional<std::int64_t> cursor, int limit);
  /// The accesses to the request's requester that concerned this request (none when the
  /// request is anonymous).
  Result<AccessLogPage> CaseAccessLog(const Principal& who, d::CaseId id,
                                      std::optional<std::int64_t> cursor, int limit);
  /// Queues a copy of a failed or unknown message: dispatchers, supervisors, heads and admins,
  /// for messages of requests they may see. The copy, as the request's extras show messages.
  Result<d::OutboxMessage> Resend(const Principal& who, d::MessageId id);
  /// The outbox, newest first, for those who may resend messages (dispatchers, heads,
  /// supervisors, admins): status and attempts of every message, its recipient masked
  /// (domain MaskedRecipient) and no body, so the list discloses no one; the request view shows
  /// the whole message and logs the reading.
  Result<std::vector<d::OutboxMessage>> Messages(const Principal& who, const MessageFilter& filter);

 private:
  Result<AccessLogPage> Page(const AccessStore::IdentityAccessQuery& q);
  AuditServiceStore& store_;
  CaseService& cases_;
  const base::Clock& clock_;
};

/// Who may read the identity-access log: supervisors, heads and admins.
bool MayReadAccessLog(d::Role r);

}  // namespace tawasul::app
