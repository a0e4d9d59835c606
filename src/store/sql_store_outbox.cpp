// Delivering the outbox: claims with a lease, outcomes of attempts, delivery reports, and the
// installation's shared secrets. Every outcome writes a "delivery" event on the request in the
// same transaction as the row's change.
#include <algorithm>

#include "domain/template_text.hpp"
#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"

namespace tawasul::store {

using namespace rows;  // NOLINT(google-build-using-namespace): column lists and mappers

namespace {

constexpr std::size_t kMaxErrorLength = 500;

/// "$first, $first+1, ..." for `channels`, appending them to `params`.
std::string ChannelList(const std::vector<std::string>& channels, Params& params) {
  std::string out;
  for (const std::string& ch : channels) {
    params.push_back(Text(ch));
    out += (out.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  return out;
}

/// Gateway and SMTP errors can quote the address they refused: the timeline shows the
/// masked text only, and the row keeps a bounded copy for operators.
std::string Bounded(const std::string& s) {
  if (s.size() <= kMaxErrorLength) return s;
  std::size_t cut = kMaxErrorLength;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  return s.substr(0, cut);
}

bool IsFinal(const std::string& status) {
  return status == "delivered" || status == "undeliverable";
}

std::string_view ForUpdate(Engine engine) {
  // SQLite's writer already holds the only write lock; PostgreSQL nodes each have a writer,
  // so the row is locked before it is read for a decision.
  return engine == Engine::kPostgres ? " FOR UPDATE" : "";
}

}  // namespace

std::vector<app::ClaimedMessage> SqlStore::ClaimMessages(const std::string& worker_id,
                                                         base::Time now, int limit,
                                                         std::chrono::microseconds lease,
                                                         const std::vector<std::string>& channels) {
  if (channels.empty() || limit <= 0) return {};
  const base::Time until = now + lease;
  std::vector<app::ClaimedMessage> out;
  auto done = Write<base::Ok>([&](Conn& c) -> Status {
    out.clear();  // the job may run again when its batch is retried
    // A claim whose lease ran out belongs to a worker that stopped during the send: whether the
    // gateway took the message is unknown, and sending it again could make two messages of one
    // event. It becomes "unknown" and is never sent again; a delivery report may still settle
    // it, and the timeline tells staff to check with the citizen (decision 0008).
    {
      Params q{Micros(now)};
      const std::string lost_in = ChannelList(channels, q);
      const auto lost = c.Query(
          "UPDATE outbox SET status = 'unknown', claimed_by = '' WHERE status = 'sending' AND "
          "next_attempt_at <= $1 AND channel IN (" +
              lost_in + ") RETURNING " + std::string(kOutboxCols),
          q);
      for (const Row& r : lost) {
        const d::OutboxMessage m = OutboxFrom(r);
        if (m.case_id) {
          AppendEvent(c, *m.case_id, now, std::nullopt, "delivery", m.channel, "", "unknown",
                      m.template_name + ": the sender stopped during the send; not sent again");
        }
      }
    }
    Params p{Micros(now), Micros(until), Text(worker_id), Int(limit)};
    const std::string in = ChannelList(channels, p);
    // One statement picks and updates the rows. On SQLite the single writer (BEGIN IMMEDIATE)
    // makes it atomic; on PostgreSQL, SKIP LOCKED lets several nodes claim side by side
    // without waiting on, or taking, each other's rows.
    const std::string sql =
        "UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = $2, "
        "claimed_by = $3 WHERE id IN (SELECT id FROM outbox WHERE status = 'queued' "
        "AND next_attempt_at <= $1 AND channel IN (" +
        in + ") ORDER BY next_attempt_at, id LIMIT $4" +
        (engine_ == Engine::kPostgres ? " FOR UPDATE SKIP LOCKED" : "") + ") RETURNING " +
        std::string(kOutboxCols);
    for (const Row& r : c.Query(sql, p)) out.push_back(app::ClaimedMessage{OutboxFrom(r), until});
    // Emails' files (a scheduled report's spreadsheet), read only for what was claimed.
    Params ids;
    std::string in_ids;
    for (const auto& m : out) {
      if (m.message.channel != "email") continue;
      ids.push_back(Int(m.message.id.value));
      in_ids += (in_ids.empty() ? "$" : ", $") + std::to_string(ids.size());
    }
    if (!in_ids.empty()) {
      for (const Row& r : c.Query("SELECT message_id, filename, media_type, content FROM "
                                  "outbox_files WHERE message_id IN (" + in_ids + ")",
                                  ids)) {
        for (auto& m : out) {
          if (m.message.id.value == AsInt(r[0])) {
            m.message.file = d::MessageFile{AsText(r[1]), AsText(r[2]), AsText(r[3])};
          }
        }
      }
    }
    return base::Ok{};
  });
  if (!done) return {};
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.message.id.value < b.message.id.value; });
  return out;
}

bool SqlStore::HasDueMessages(base::Time now, const std::vector<std::string>& channels) {
  if (channels.empty()) return false;
  return Read([&](Conn& c) {
    Params p{Micros(now)};
    const std::string in = ChannelList(channels, p);
    return !c.Query(
                 "SELECT 1 FROM outbox WHERE status IN ('queued', 'sending') AND "
                 "next_attempt_at <= $1 AND channel IN (" +
                     in + ") LIMIT 1",
                 p)
                .empty();
  });
}

Status SqlStore::MarkSent(d::MessageId id, const std::string& gateway_ref, base::Time now) {
  return Write<base::Ok>([&](Conn& c) -> Status {
    const auto r = c.Query("SELECT " + std::string(kOutboxCols) + " FROM outbox WHERE id = $1" +
                               std::string(ForUpdate(engine_)),
                           {IdValue(id)});
    if (r.empty()) return base::NotFound("no such message");
    const d::OutboxMessage m = OutboxFrom(r[0]);
    // A delivery report may have come first (Kannel's arrives ~20 ms after sendsms answers).
    const std::string status = m.status == "sent" || IsFinal(m.status) ? m.status : "sent";
    c.Exec(
        "UPDATE outbox SET status = $2, gateway_ref = $3, sent_at = COALESCE(sent_at, $4), "
        "last_error = '', claimed_by = '' WHERE id = $1",
        {IdValue(id), Text(status), Text(gateway_ref.empty() ? m.gateway_ref : gateway_ref),
         Micros(now)});
    if (!m.sent_at && m.case_id) {
      AppendEvent(c, *m.case_id, now, std::nullopt, "delivery", m.channel, "", "sent",
                  m.template_name);
    }
    return base::Ok{};
  });
}

Status SqlStore::MarkFailed(d::MessageId id, int attempt, const std::string& error,
                            std::optional<base::Time> retry_at, base::Time now) {
  return Write<base::Ok>([&](Conn& c) -> Status {
    const auto r = c.Query("SELECT " + std::string(kOutboxCols) + " FROM outbox WHERE id = $1" +
                               std::string(ForUpdate(engine_)),
                           {IdValue(id)});
    if (r.empty()) return base::NotFound("no such message");
    const d::OutboxMessage m = OutboxFrom(r[0]);
    if (m.status != "sending" || m.attempts != attempt) {
      return base::Conflict("attempt", "the claim is no longer current (message is " + m.status +
                                           ", attempt " + std::to_string(m.attempts) + ")");
    }
    const std::string bounded = Bounded(error);
    c.Exec(
        "UPDATE outbox SET status = $2, next_attempt_at = $3, last_error = $4, claimed_by = '' "
        "WHERE id = $1",
        {IdValue(id), Text(retry_at ? "queued" : "failed"), Micros(retry_at.value_or(now)),
         Text(bounded)});
    if (m.case_id) {
      std::string note =
          m.template_name + ": attempt " + std::to_string(attempt) +
          (retry_at ? ", next at " + base::FormatRfc3339(*retry_at) : ", no more attempts");
      if (!bounded.empty()) note += ": " + d::MaskIdentifiers(bounded);
      AppendEvent(c, *m.case_id, now, std::nullopt, "delivery", m.channel, "", "failed", note);
    }
    return base::Ok{};
  });
}

Result<d::OutboxMessage> SqlStore::RecordDelivery(const app::DeliveryReport& report) {
  const base::Time at = Stamp(report.at);
  return Write<d::OutboxMessage>([&](Conn& c) -> Result<d::OutboxMessage> {
    Rows r;
    const std::string select = "SELECT " + std::string(kOutboxCols) + " FROM outbox WHERE ";
    if (report.id) {
      r = c.Query(select + "id = $1" + std::string(ForUpdate(engine_)), {IdValue(*report.id)});
    } else if (!report.gateway_ref.empty()) {
      r = c.Query(select + "gateway_ref = $1 ORDER BY id LIMIT 1" + std::string(ForUpdate(engine_)),
                  {Text(report.gateway_ref)});
    }
    if (r.empty()) return base::NotFound("no such message");
    d::OutboxMessage m = OutboxFrom(r[0]);
    if (IsFinal(m.status)) return m;  // late or repeated reports change nothing

    std::string to;
    switch (report.status) {
      case app::DeliveryStatus::kAccepted:
        to = "sent";
        break;
      case app::DeliveryStatus::kDelivered:
        to = "delivered";
        break;
      case app::DeliveryStatus::kUndeliverable:
        to = "undeliverable";
        break;
    }
    if (to == "sent" && m.status == "sent") return m;
    // Any report proves a gateway took the message, even when the worker has not recorded it
    // yet or scheduled a retry after a timeout: the retry is cancelled, which is what keeps a
    // slow "accepted" from turning into a second SMS.
    const bool first_sent = !m.sent_at;
    const std::string error = to == "undeliverable" ? Bounded(report.detail) : "";
    c.Exec(
        "UPDATE outbox SET status = $2, sent_at = COALESCE(sent_at, $3), claimed_by = '', "
        "last_error = $4 WHERE id = $1",
        {IdValue(m.id), Text(to), Micros(at), Text(error.empty() ? m.last_error : error)});
    if (m.case_id) {
      if (first_sent) {
        AppendEvent(c, *m.case_id, at, std::nullopt, "delivery", m.channel, "", "sent",
                    m.template_name);
      }
      if (to != "sent") {
        std::string note = m.template_name;
        if (!error.empty()) note += ": " + d::MaskIdentifiers(error);
        AppendEvent(c, *m.case_id, at, std::nullopt, "delivery", m.channel, "", to, note);
      }
    }
    m.status = to;
    if (first_sent) m.sent_at = at;
    if (!error.empty()) m.last_error = error;
    return m;
  });
}

std::optional<d::OutboxMessage> SqlStore::GetMessage(d::MessageId id) {
  return Read([&](Conn& c) -> std::optional<d::OutboxMessage> {
    const auto r = c.Query(Select(kOutboxCols, "outbox", "WHERE id = $1"), {IdValue(id)});
    if (r.empty()) return std::nullopt;
    return OutboxFrom(r[0]);
  });
}

std::vector<d::OutboxMessage> SqlStore::ListMessages(const app::MessageFilter& f) {
  Params params;
  Where where(params);
  if (f.status) where.Add("status = ", Text(*f.status));
  if (f.channel) where.Add("channel = ", Text(*f.channel));
  if (f.before_id) where.Add("id < ", Int(*f.before_id));
  params.push_back(Int(f.limit <= 0 ? 50 : std::min(f.limit, 200)));
  const std::string sql = Select(kOutboxCols, "outbox",
                                 where.sql() + " ORDER BY id DESC LIMIT $" + std::to_string(params.size()));
  return Read([&](Conn& c) {
    std::vector<d::OutboxMessage> out;
    for (const Row& r : c.Query(sql, params)) out.push_back(OutboxFrom(r));
    return out;
  });
}

std::string SqlStore::InstallationSecret(const std::string& name, const std::string& candidate) {
  auto existing = Read(
      [&](Conn& c) { return c.Query("SELECT value FROM secrets WHERE name = $1", {Text(name)}); });
  if (!existing.empty()) return AsText(existing[0][0]);
  auto made = Write<std::string>([&](Conn& c) -> Result<std::string> {
    // Two nodes starting together: the first insert wins and both read it back.
    c.Exec("INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
           {Text(name), Text(candidate)});
    return AsText(c.Query("SELECT value FROM secrets WHERE name = $1", {Text(name)}).at(0).at(0));
  });
  if (!made) throw std::runtime_error("store: cannot keep secret " + name);
  return *made;
}

}  // namespace tawasul::store
