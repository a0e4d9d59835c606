// Reading the identity-access log, and resending a message the outbox gave up on.
#include <string>

#include "domain/sms_segments.hpp"
#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"

namespace tawasul::store {

using namespace rows;  // NOLINT(google-build-using-namespace): column lists and mappers

namespace {

/// The only states a resend may start from: the outbox stopped trying and nothing says the
/// citizen got the message (decision 0008).
bool Resendable(const std::string& status) { return status == "failed" || status == "unknown"; }

}  // namespace

std::vector<app::Store::IdentityAccess> SqlStore::IdentityAccessPage(const IdentityAccessQuery& q) {
  return Read([&](Conn& c) {
    Params p{IdValue(q.requester_id)};
    std::string sql =
        "SELECT id, user_id, requester_id, case_id, via, at FROM identity_access "
        "WHERE requester_id = $1";
    if (q.case_id) {
      p.push_back(IdValue(*q.case_id));
      sql += " AND case_id = $" + std::to_string(p.size());
    }
    if (q.before_id) {
      p.push_back(Int(*q.before_id));
      sql += " AND id < $" + std::to_string(p.size());
    }
    p.push_back(Int(q.limit));
    sql += " ORDER BY id DESC LIMIT $" + std::to_string(p.size());
    std::vector<IdentityAccess> out;
    for (const Row& r : c.Query(sql, p)) {
      IdentityAccess a;
      a.id = AsInt(r[0]);
      a.user_id = AsId<d::UserId>(r[1]);
      a.requester_id = AsId<d::RequesterId>(r[2]);
      if (!IsNull(r[3])) a.case_id = AsId<d::CaseId>(r[3]);
      a.via = AsText(r[4]);
      a.at = base::FromMicros(AsInt(r[5]));
      out.push_back(a);
    }
    return out;
  });
}

Result<d::OutboxMessage> SqlStore::ResendMessage(d::MessageId id, std::optional<d::UserId> actor,
                                                 const std::string& note, base::Time now) {
  const base::Time at = Stamp(now);
  return Write<d::OutboxMessage>([&](Conn& c) -> Result<d::OutboxMessage> {
    // Locked on PostgreSQL so two nodes resending the same message are serialized and the
    // second one sees the first one's "resend" event.
    const auto r = c.Query("SELECT " + std::string(kOutboxCols) + " FROM outbox WHERE id = $1" +
                               (engine_ == Engine::kPostgres ? " FOR UPDATE" : ""),
                           {IdValue(id)});
    if (r.empty()) return base::NotFound("no such message");
    const d::OutboxMessage original = OutboxFrom(r[0]);
    if (!original.case_id) return base::NotFound("no such message");
    if (!Resendable(original.status)) {
      return base::Conflict(
          "status",
          "only a failed or unknown message can be resent; this one is " + original.status);
    }
    // One resend per message: a double click must not become two SMS. A copy that fails in
    // turn is resent itself.
    const auto earlier = c.Query(
        "SELECT to_value FROM case_events WHERE case_id = $1 AND kind = 'resend' AND "
        "from_value = $2 LIMIT 1",
        {IdValue(*original.case_id), Text(std::to_string(id.value))});
    if (!earlier.empty()) {
      return base::Conflict("status",
                            "this message was resent already, as message " + AsText(earlier[0][0]));
    }
    d::OutboxMessage copy = original;
    copy.status = "queued";
    copy.created_at = at;
    copy.attempts = 0;
    copy.sent_at.reset();
    copy.gateway_ref.clear();
    copy.last_error.clear();
    copy.segments = original.channel == "sms" ? d::CountSmsSegments(original.body).segments : 0;
    const auto inserted = c.Query(
        "INSERT INTO outbox (case_id, channel, template, recipient, language, subject, body, "
        "status, next_attempt_at, created_at, segments) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', $8, $8, $9) RETURNING id",
        {IdValue(*copy.case_id), Text(copy.channel), Text(copy.template_name), Text(copy.recipient),
         Text(copy.language), Text(copy.subject), Text(copy.body), Micros(at), Int(copy.segments)});
    copy.id = d::MessageId{AsInt(inserted.at(0).at(0))};
    // The event names the messages by id, never the recipient (the timeline is shown to staff
    // who may not see the requester).
    AppendEvent(c, *copy.case_id, at, actor, "resend", copy.channel,
                std::to_string(original.id.value), std::to_string(copy.id.value), note);
    return copy;
  });
}

}  // namespace tawasul::store
