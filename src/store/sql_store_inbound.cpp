// Written messages that came in (app/inbound): each kept with what became of it, joined to its
// request with its contact, timeline line, replies and the owner's mention in one transaction;
// and the numbers that sent a stop word.
#include <algorithm>

#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"

namespace tawasul::store {

using namespace rows;  // NOLINT(google-build-using-namespace): column lists and mappers

namespace {

constexpr std::string_view kInboundCols =
    "id, channel, sender, recipient, body, received_at, outcome, reason, case_id, contact_id, "
    "external_id";

d::InboundMessage InboundFrom(const Row& r) {
  d::InboundMessage m;
  m.id = AsInt(r[0]);
  m.channel = Parsed(&d::ParseChannel, r[1], "channel");
  m.sender = AsText(r[2]);
  m.recipient = AsText(r[3]);
  m.body = AsText(r[4]);
  m.received_at = AsTime(r[5]);
  m.outcome = AsText(r[6]);
  m.reason = AsText(r[7]);
  m.case_id = AsOptId<d::CaseId>(r[8]);
  m.contact_id = AsOptId<d::ContactId>(r[9]);
  m.external_id = AsText(r[10]);
  return m;
}

}  // namespace

std::int64_t SqlStore::InsertInbound(Conn& c, const d::InboundMessage& m) {
  const auto r = c.Query(
      "INSERT INTO inbound_messages (channel, sender, recipient, body, received_at, outcome, "
      "reason, case_id, contact_id, external_id) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
      {Enum(m.channel), Text(m.sender), Text(m.recipient), Text(m.body), Micros(m.received_at),
       Text(m.outcome), Text(m.reason), IdOrNull(m.case_id), IdOrNull(m.contact_id),
       Text(m.external_id)});
  return AsInt(r.at(0).at(0));
}

Result<d::InboundMessage> SqlStore::AppendInbound(const app::InboundAppend& a) {
  return Write<d::InboundMessage>([&](Conn& c) -> Result<d::InboundMessage> {
    d::InboundMessage m = a.message;
    if (!m.case_id || c.Query("SELECT 1 FROM cases WHERE id = $1", {IdValue(*m.case_id)}).empty()) {
      return base::NotFound("no such request");
    }
    m.received_at = Stamp(m.received_at);
    d::Contact k = a.contact;
    k.case_id = m.case_id;
    const d::Contact written = InsertContact(c, k, /*timeline=*/false);
    m.contact_id = written.id;
    // The citizen's words on the timeline; masked like every free text for those who may not
    // see who wrote them.
    const auto e = c.Query(
        "INSERT INTO case_events (case_id, at, actor_id, kind, field, from_value, to_value, note) "
        "VALUES ($1, $2, NULL, 'inbound', $3, '', '', $4) RETURNING id",
        {IdValue(*m.case_id), Micros(m.received_at), Enum(m.channel), Text(m.body)});
    const std::int64_t event_id = AsInt(e.at(0).at(0));
    InsertMessages(c, *m.case_id, m.received_at, std::nullopt, a.replies);
    if (a.notify) {
      c.Exec("INSERT INTO mentions (case_id, user_id, by_user_id, event_id, at) "
             "VALUES ($1, $2, NULL, $3, $4)",
             {IdValue(*m.case_id), IdValue(*a.notify), Int(event_id), Micros(m.received_at)});
    }
    m.id = InsertInbound(c, m);
    return m;
  });
}

Result<d::InboundMessage> SqlStore::RecordInbound(const d::InboundMessage& in,
                                                  const std::vector<d::OutboxMessage>& replies,
                                                  std::optional<bool> sms_opt_out) {
  return Write<d::InboundMessage>([&](Conn& c) -> Result<d::InboundMessage> {
    d::InboundMessage m = in;
    m.received_at = Stamp(m.received_at);
    // The answer to a stop word is queued before the number is marked, so it still goes out.
    InsertMessages(c, std::nullopt, m.received_at, std::nullopt, replies);
    if (sms_opt_out && *sms_opt_out) {
      c.Exec("INSERT INTO sms_opt_outs (phone, at) VALUES ($1, $2) "
             "ON CONFLICT (phone) DO NOTHING",
             {Text(m.sender), Micros(m.received_at)});
    } else if (sms_opt_out) {
      c.Exec("DELETE FROM sms_opt_outs WHERE phone = $1", {Text(m.sender)});
    }
    m.id = InsertInbound(c, m);
    return m;
  });
}

std::int64_t SqlStore::CountInboundSince(d::Channel channel, const std::string& sender,
                                         base::Time since) {
  return Read([&](Conn& c) {
    return AsInt(c.Query("SELECT COUNT(*) FROM inbound_messages WHERE sender = $1 AND "
                         "received_at >= $2 AND channel = $3",
                         {Text(sender), Micros(since), Enum(channel)})
                     .at(0)
                     .at(0));
  });
}

std::optional<d::Case> SqlStore::LatestOpenCaseOf(d::RequesterId requester) {
  return Read([&](Conn& c) -> std::optional<d::Case> {
    const auto r = c.Query(Select(kCaseCols, "cases",
                                  "WHERE requester_id = $1 AND status <> 'closed' "
                                  "ORDER BY id DESC LIMIT 1"),
                           {IdValue(requester)});
    if (r.empty()) return std::nullopt;
    return CaseFrom(r[0]);
  });
}

bool SqlStore::SmsOptedOut(const std::string& phone) {
  return Read([&](Conn& c) {
    return !c.Query("SELECT 1 FROM sms_opt_outs WHERE phone = $1", {Text(phone)}).empty();
  });
}

std::vector<d::InboundMessage> SqlStore::ListInbound(const app::InboundFilter& f) {
  Params params;
  Where where(params);
  if (f.channel) where.Add("channel = ", Enum(*f.channel));
  if (f.outcome) where.Add("outcome = ", Text(*f.outcome));
  if (f.sender) where.Add("sender = ", Text(*f.sender));
  if (f.before_id) where.Add("id < ", Int(*f.before_id));
  params.push_back(Int(f.limit <= 0 ? 50 : std::min(f.limit, 200)));
  const std::string sql =
      Select(kInboundCols, "inbound_messages",
             where.sql() + " ORDER BY id DESC LIMIT $" + std::to_string(params.size()));
  return Read([&](Conn& c) {
    std::vector<d::InboundMessage> out;
    for (const Row& r : c.Query(sql, params)) out.push_back(InboundFrom(r));
    return out;
  });
}

std::optional<d::InboundMessage> SqlStore::FindInbound(const std::string& external_id) {
  if (external_id.empty()) return std::nullopt;
  return Read([&](Conn& c) -> std::optional<d::InboundMessage> {
    const auto r = c.Query(Select(kInboundCols, "inbound_messages",
                                  "WHERE external_id = $1 ORDER BY id LIMIT 1"),
                           {Text(external_id)});
    if (r.empty()) return std::nullopt;
    return InboundFrom(r[0]);
  });
}

Status SqlStore::NoteInbound(std::int64_t id, const std::string& reason) {
  return Write<base::Ok>([&](Conn& c) -> Status {
    c.Exec("UPDATE inbound_messages SET reason = CASE WHEN reason = '' THEN $2 "
           "ELSE reason || '; ' || $2 END WHERE id = $1",
           {Int(id), Text(reason.substr(0, 2000))});
    return base::Ok{};
  });
}

std::optional<d::CaseId> SqlStore::CaseOfEmail(const std::vector<std::string>& message_ids) {
  if (message_ids.empty()) return std::nullopt;
  Params params;
  std::string list;
  for (const auto& id : message_ids) {
    if (params.size() >= 50) break;
    params.push_back(Text(id));
    list += (list.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  return Read([&](Conn& c) -> std::optional<d::CaseId> {
    const auto r = c.Query("SELECT case_id FROM outbox WHERE channel = 'email' AND case_id IS NOT "
                           "NULL AND gateway_ref IN (" + list + ") ORDER BY id DESC LIMIT 1",
                           params);
    if (r.empty()) return std::nullopt;
    return AsId<d::CaseId>(r[0][0]);
  });
}

std::int64_t SqlStore::MailboxCursor(const std::string& name) {
  return Read([&](Conn& c) -> std::int64_t {
    const auto r = c.Query("SELECT last_uid FROM mailbox_cursors WHERE name = $1", {Text(name)});
    return r.empty() ? 0 : AsInt(r[0][0]);
  });
}

Status SqlStore::SetMailboxCursor(const std::string& name, std::int64_t last_uid) {
  return Write<base::Ok>([&](Conn& c) -> Status {
    c.Exec("INSERT INTO mailbox_cursors (name, last_uid) VALUES ($1, $2) "
           "ON CONFLICT (name) DO UPDATE SET last_uid = excluded.last_uid",
           {Text(name), Int(last_uid)});
    return base::Ok{};
  });
}

}  // namespace tawasul::store
