// Requesters, requests (cases) and their timeline.
#include <algorithm>

#include "domain/sms_segments.hpp"
#include "domain/requester_attributes.hpp"
#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"

namespace tawasul::store {

using namespace rows;  // NOLINT(google-build-using-namespace): column lists and mappers

namespace {

constexpr int kMaxListLimit = 1000;

int ClampLimit(int limit, int fallback) {
  if (limit <= 0) return fallback;
  return std::min(limit, kMaxListLimit);
}

/// The last seven digits of a phone, indexed so that a caller is found however the number is
/// said (CallStore::FindRequestersByPhoneTail); null without a phone.
Value PhoneTail(const std::string& phone) {
  return phone.size() < 7 ? (phone.empty() ? Null() : Text(phone))
                          : Text(phone.substr(phone.size() - 7));
}

/// The requester a new case points at: the given id, the row with the same phone, or a new
/// row. Phones are unique, so a concurrent insert of the same phone (another node) is found
/// instead of failing.
d::RequesterId ResolveRequester(Conn& c, const d::Requester& q, base::Time now) {
  if (q.id.valid()) return q.id;
  const base::Time created = q.created_at.time_since_epoch().count() == 0 ? now : q.created_at;
  const Params params = {Text(q.name),          TextOrNull(q.phone), Text(q.email),
                         Text(q.national_id),   Text(q.language),    Micros(created),
                         Int(q.malicious_count), PhoneTail(q.phone),
                         Text(d::EncodeAttributes(q.attributes))};
  if (q.phone.empty() && !q.email.empty()) {
    // No number, an address: someone who wrote before from it is the same requester.
    const auto known = c.Query("SELECT id FROM requesters WHERE email = $1 ORDER BY id LIMIT 1",
                               {Text(q.email)});
    if (!known.empty()) return AsId<d::RequesterId>(known[0][0]);
  }
  if (q.phone.empty()) {
    return AsId<d::RequesterId>(c.Query("INSERT INTO requesters (name, phone, email, national_id, "
                                        "language, created_at, malicious_count, phone_tail, "
                                        "attributes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                                        "RETURNING id",
                                        params)
                                    .at(0)
                                    .at(0));
  }
  auto r = c.Query(
      "INSERT INTO requesters (name, phone, email, national_id, language, created_at, "
      "malicious_count, phone_tail, attributes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
      "ON CONFLICT (phone) DO NOTHING "
      "RETURNING id",
      params);
  if (!r.empty()) return AsId<d::RequesterId>(r.at(0).at(0));
  r = c.Query("SELECT id, attributes FROM requesters WHERE phone = $1", {Text(q.phone)});
  const auto id = AsId<d::RequesterId>(r.at(0).at(0));
  if (!q.attributes.empty()) {
    // A known caller: the attributes given now are laid over those on record.
    d::AttributeValues merged = d::DecodeAttributes(AsText(r.at(0).at(1)));
    for (const auto& [k, v] : q.attributes) merged[k] = v;
    c.Exec("UPDATE requesters SET attributes = $2 WHERE id = $1",
           {IdValue(id), Text(d::EncodeAttributes(merged))});
  }
  // A number first known without a name (an SMS, a missed call) takes the name given now, so
  // the masks that hide who wrote a request know it too.
  if (!q.name.empty()) {
    c.Exec("UPDATE requesters SET name = $2 WHERE id = $1 AND name = ''", {IdValue(id), Text(q.name)});
  }
  return id;
}

}  // namespace

// Requesters

std::optional<d::Requester> SqlStore::GetRequester(d::RequesterId id) {
  return Read([&](Conn& c) -> std::optional<d::Requester> {
    const auto r = c.Query(Select(kRequesterCols, "requesters", "WHERE id = $1"), {IdValue(id)});
    if (r.empty()) return std::nullopt;
    return RequesterFrom(r[0]);
  });
}

std::vector<d::Requester> SqlStore::GetRequesters(const std::vector<d::RequesterId>& ids) {
  if (ids.empty()) return {};
  Params params;
  const std::string sql =
      Select(kRequesterCols, "requesters", "WHERE id IN (" + InList(ids, params) + ")");
  return Read([&](Conn& c) {
    std::vector<d::Requester> out;
    for (const Row& r : c.Query(sql, params)) out.push_back(RequesterFrom(r));
    return out;
  });
}

std::optional<d::Requester> SqlStore::FindRequesterByPhone(const std::string& e164) {
  if (e164.empty()) return std::nullopt;
  return Read([&](Conn& c) -> std::optional<d::Requester> {
    const auto r = c.Query(Select(kRequesterCols, "requesters", "WHERE phone = $1"), {Text(e164)});
    if (r.empty()) return std::nullopt;
    return RequesterFrom(r[0]);
  });
}

std::vector<d::Requester> SqlStore::SearchRequesters(const std::string& phone_prefix, int limit) {
  // A range on the phone index; U+007F sorts after every character a phone can hold.
  return Read([&](Conn& c) {
    std::vector<d::Requester> out;
    const auto r =
        c.Query(Select(kRequesterCols, "requesters",
                       "WHERE phone >= $1 AND phone < $2 ORDER BY phone LIMIT $3"),
                {Text(phone_prefix), Text(phone_prefix + '\x7f'), Int(ClampLimit(limit, 20))});
    for (const Row& row : r) out.push_back(RequesterFrom(row));
    return out;
  });
}

// malicious_count is not written here: only ApplyAction counts (an increment in SQL, so a
// concurrent PATCH of the requester cannot undo it); the stored count is returned.
Result<d::Requester> SqlStore::UpdateRequester(const d::Requester& q) {
  return Write<d::Requester>([&](Conn& c) -> Result<d::Requester> {
    const auto r = c.Query(
        "UPDATE requesters SET name = $2, phone = $3, email = $4, national_id = $5, "
        "language = $6, phone_tail = $7, attributes = $8 WHERE id = $1 RETURNING " +
            std::string(kRequesterCols),
        {IdValue(q.id), Text(q.name), TextOrNull(q.phone), Text(q.email), Text(q.national_id),
         Text(q.language), PhoneTail(q.phone), Text(d::EncodeAttributes(q.attributes))});
    if (r.empty()) return base::NotFound("no such requester");
    return RequesterFrom(r[0]);
  });
}

Result<d::Requester> SqlStore::CreateRequester(const d::Requester& q) {
  return Write<d::Requester>([&](Conn& c) -> Result<d::Requester> {
    d::Requester out = q;
    out.created_at = Stamp(q.created_at);
    const auto r = c.Query(
        "INSERT INTO requesters (name, phone, email, national_id, language, created_at, "
        "malicious_count, phone_tail, attributes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
        "RETURNING id",
        {Text(q.name), TextOrNull(q.phone), Text(q.email), Text(q.national_id), Text(q.language),
         Micros(out.created_at), Int(q.malicious_count), PhoneTail(q.phone),
         Text(d::EncodeAttributes(q.attributes))});
    out.id = AsId<d::RequesterId>(r.at(0).at(0));
    return out;
  });
}

// Requests

void SqlStore::AppendEvent(Conn& c, d::CaseId case_id, base::Time at,
                           std::optional<d::UserId> actor, std::string_view kind,
                           const std::string& field, const std::string& from, const std::string& to,
                           const std::string& note) {
  c.Exec(
      "INSERT INTO case_events (case_id, at, actor_id, kind, field, from_value, to_value, note) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {IdValue(case_id), Micros(at), IdOrNull(actor), Text(std::string(kind)), Text(field),
       Text(from), Text(to), Text(note)});
}

d::Case SqlStore::InsertCase(Conn& c, const app::NewCase& nc, base::Time default_time) {
  d::Case out = nc.fields;
  const base::Time now = Stamp(default_time);
  out.created_at =
      nc.fields.created_at.time_since_epoch().count() == 0 ? now : nc.fields.created_at;
  out.updated_at = out.created_at;
  out.version = 1;
  if (!out.created_by) out.created_by = nc.actor;
  if (nc.requester) out.requester_id = ResolveRequester(c, *nc.requester, now);
  const auto r = c.Query(
      "INSERT INTO cases (tracking_code, type, category_id, channel, requester_id, site_id, "
      "description, priority, status, unit_id, public_answer, created_by, created_at, "
      "updated_at, version, workflow, state, parent_id, duplicate_of, closed_at, branch_id, "
      "suggested_unit_id, owner_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
      "$14, $15, $16, $17, $18, $19, $20, $21, $22, $23) RETURNING id",
      {Text(out.tracking_code),
       Enum(out.type),
       IdValue(out.category_id),
       Enum(out.channel),
       IdOrNull(out.requester_id),
       IdOrNull(out.site_id),
       Text(out.description),
       Enum(out.priority),
       Enum(out.status),
       IdOrNull(out.unit_id),
       Text(out.public_answer),
       IdOrNull(out.created_by),
       Micros(out.created_at),
       Micros(out.updated_at),
       Int(out.version),
       Text(out.workflow),
       Text(out.state),
       IdOrNull(out.parent_id),
       IdOrNull(out.duplicate_of),
       MicrosOrNull(out.closed_at),
       IdOrNull(out.branch_id),
       IdOrNull(out.suggested_unit_id),
       IdOrNull(out.owner_id)});
  out.id = AsId<d::CaseId>(r.at(0).at(0));
  const auto actor = nc.actor ? nc.actor : out.created_by;
  AppendEvent(c, out.id, out.created_at, actor, "created", "", "",
              std::string(d::ToString(out.status)), "");
  InsertMessages(c, out.id, out.created_at, actor, nc.messages);
  for (const auto& n : nc.notes) {
    AppendEvent(c, out.id, out.created_at, actor, n.kind, n.field, n.from, n.to, n.note);
  }
  WriteService(c, out.id, out.created_at, actor, nc.service);
  if (nc.contact_id) {
    c.Exec("INSERT INTO contact_cases (contact_id, case_id, link, at) VALUES ($1, $2, $3, $4) "
           "ON CONFLICT (contact_id, case_id, link) DO NOTHING",
           {IdValue(*nc.contact_id), IdValue(out.id), Text("registered"), Micros(out.created_at)});
    // The call is now about this request and this caller (unless it already was about another);
    // an answered call (or one closed as guidance) becomes "a request registered".
    c.Exec("UPDATE contacts SET case_id = COALESCE(case_id, $2), "
           "requester_id = COALESCE(requester_id, $3), category_id = COALESCE(category_id, $4), "
           "outcome = CASE WHEN outcome IN ('answered', 'guidance') THEN 'case_created' "
           "ELSE outcome END WHERE id = $1",
           {IdValue(*nc.contact_id), IdValue(out.id), IdOrNull(out.requester_id),
            IdValue(out.category_id)});
    std::vector<std::string> names;
    for (const auto& [name, key] : nc.tags) names.push_back(name);
    InsertContactTags(c, *nc.contact_id, names, nc.actor, out.created_at);
  } else if (nc.contact) {
    d::Contact k = *nc.contact;
    for (const auto& [name, key] : nc.tags) k.tags.push_back(name);
    k.case_id = out.id;
    k.requester_id = out.requester_id;
    if (k.created_at.time_since_epoch().count() == 0) k.created_at = out.created_at;
    const d::Contact written = InsertContact(c, k, /*timeline=*/false);
    if (nc.inbound) {
      d::InboundMessage m = *nc.inbound;
      m.case_id = out.id;
      m.contact_id = written.id;
      InsertInbound(c, m);
    }
  }
  for (const auto& [name, key] : nc.tags) {
    InsertCaseTag(c, out.id, name, key, nc.actor, out.created_at, nullptr);
  }
  return out;
}

void SqlStore::InsertMessages(Conn& c, std::optional<d::CaseId> case_id, base::Time at,
                              std::optional<d::UserId> actor,
                              const std::vector<d::OutboxMessage>& messages) {
  for (const d::OutboxMessage& m : messages) {
    const base::Time created = m.created_at.time_since_epoch().count() == 0 ? at : m.created_at;
    // An SMS's parts are counted here when the caller left them unset, so every path that
    // queues one (registration, actions, timers) records what it will cost.
    const int segments = m.segments > 0 || m.channel != "sms"
                             ? m.segments
                             : d::CountSmsSegments(m.body).segments;
    // A number that sent a stop word gets no SMS: the row is kept as failed, saying why.
    std::string status = m.status.empty() ? "queued" : m.status;
    std::string error;
    if (m.channel == "sms" &&
        !c.Query("SELECT 1 FROM sms_opt_outs WHERE phone = $1", {Text(m.recipient)}).empty()) {
      status = "failed";
      error = "not sent: the number asked for no SMS (a stop word)";
    }
    const std::optional<d::CaseId> owner = m.case_id ? m.case_id : case_id;
    c.Exec(
        "INSERT INTO outbox (case_id, channel, template, recipient, language, subject, body, "
        "status, next_attempt_at, created_at, segments, last_error) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        {IdOrNull(owner), Text(m.channel), Text(m.template_name),
         Text(m.recipient), Text(m.language), Text(m.subject), Text(m.body),
         Text(status), Micros(created), Micros(created), Int(segments), Text(error)});
    // The timeline is shown to staff who may not see the requester: never the recipient.
    if (case_id) {
      AppendEvent(c, *case_id, at, actor, "notification", m.channel, "", m.template_name,
                  error);
    }
  }
}

Result<d::Case> SqlStore::CreateCase(const app::NewCase& nc) {
  return Write<d::Case>(
      [&](Conn& c) -> Result<d::Case> { return InsertCase(c, nc, base::Time{}); });
}

std::optional<d::Case> SqlStore::GetCase(d::CaseId id) {
  return Read([&](Conn& c) -> std::optional<d::Case> {
    const auto r = c.Query(Select(kCaseCols, "cases", "WHERE id = $1"), {IdValue(id)});
    if (r.empty()) return std::nullopt;
    return CaseFrom(r[0]);
  });
}

std::optional<d::Case> SqlStore::FindCaseByTrackingCode(const std::string& code) {
  return Read([&](Conn& c) -> std::optional<d::Case> {
    const auto r = c.Query(Select(kCaseCols, "cases", "WHERE tracking_code = $1"), {Text(code)});
    if (r.empty()) return std::nullopt;
    return CaseFrom(r[0]);
  });
}

namespace {

/// The WHERE clause of a case filter (no cursor limit): only the filters in use enter the SQL, so
/// each shape is its own prepared statement and the planner sees plain equality on indexed columns.
std::string CaseWhere(const app::CaseFilter& f, Params& params) {
  Where where(params);
  auto add = [&](std::string_view condition, Value v) { where.Add(condition, std::move(v)); };
  if (f.status) add("status = ", Enum(*f.status));
  if (!f.states.empty()) {
    // (workflow = $i AND state = $j) OR ...: one statement shape per number of pairs (an
    // inbox's few); the (state, id) index narrows by state first.
    std::string in = "state IN (";
    std::string pairs;
    for (std::size_t i = 0; i < f.states.size(); ++i) {
      params.push_back(Text(f.states[i].second));
      in += (i == 0 ? "$" : ", $") + std::to_string(params.size());
    }
    for (std::size_t i = 0; i < f.states.size(); ++i) {
      params.push_back(Text(f.states[i].first));
      pairs += (i == 0 ? "(workflow = $" : " OR (workflow = $") + std::to_string(params.size()) +
               " AND state = $" + std::to_string(params.size() - f.states.size()) + ")";
    }
    where.Raw(in + ") AND (" + pairs + ")");
  }
  if (f.created_by) add("created_by = ", IdValue(*f.created_by));
  if (f.mine_of) {
    // Mine: what I own, and what I registered that nobody has taken.
    params.push_back(IdValue(*f.mine_of));
    const std::string p = "$" + std::to_string(params.size());
    where.Raw("(owner_id = " + p + " OR (owner_id IS NULL AND created_by = " + p + "))");
  }
  if (f.owner_id) add("owner_id = ", IdValue(*f.owner_id));
  if (f.unowned) where.Raw("owner_id IS NULL");
  if (f.type) add("type = ", Enum(*f.type));
  if (f.category_id) add("category_id = ", IdValue(*f.category_id));
  if (!f.category_in.empty()) {
    std::string in;
    for (const d::CategoryId id : f.category_in) {
      params.push_back(IdValue(id));
      in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
    }
    where.Raw("category_id IN (" + in + ")");
  }
  if (f.unit_id) add("unit_id = ", IdValue(*f.unit_id));
  if (f.channel) add("channel = ", Enum(*f.channel));
  if (f.site_id) add("site_id = ", IdValue(*f.site_id));
  if (f.requester_id) add("requester_id = ", IdValue(*f.requester_id));
  if (f.created_from) add("created_at >= ", Micros(*f.created_from));
  if (f.created_to) add("created_at < ", Micros(*f.created_to));
  if (f.before_id) add("id < ", Int(*f.before_id));
  if (f.needs_review) {
    where.Raw("id IN (SELECT case_id FROM case_reviews WHERE resolved_at IS NULL)");
  }
  return where.sql();
}

}  // namespace

std::int64_t SqlStore::CountCases(const app::CaseFilter& f, std::int64_t cap) {
  Params params;
  const std::string where = CaseWhere(f, params);
  params.push_back(Int(cap));
  const std::string sql = "SELECT COUNT(*) FROM (SELECT 1 FROM cases " + where + " LIMIT $" +
                          std::to_string(params.size()) + ") x";
  return Read([&](Conn& c) { return AsInt(c.Query(sql, params).at(0).at(0)); });
}

std::vector<d::Case> SqlStore::ListCases(const app::CaseFilter& f) {
  Params params;
  std::string where = CaseWhere(f, params);
  params.push_back(Int(ClampLimit(f.limit, 50)));
  const std::string sql = Select(
      kCaseCols, "cases", where + " ORDER BY id DESC LIMIT $" + std::to_string(params.size()));
  return Read([&](Conn& c) {
    std::vector<d::Case> out;
    for (const Row& r : c.Query(sql, params)) out.push_back(CaseFrom(r));
    return out;
  });
}

Result<d::Case> SqlStore::WriteCaseUpdate(Conn& c, const app::CaseUpdate& u, base::Time at) {
  // tracking_code, created_by and created_at never change.
  std::string sql =
      "UPDATE cases SET type = $2, category_id = $3, channel = $4, requester_id = $5, "
      "site_id = $6, description = $7, priority = $8, status = $9, unit_id = $10, "
      "public_answer = $11, updated_at = $12, workflow = $13, state = $14, parent_id = $15, "
      "duplicate_of = $16, closed_at = $17, suggested_unit_id = $18, owner_id = $19, "
      "version = version + 1 "
      "WHERE id = $1";
  Params params = {IdValue(u.id),
                   Enum(u.after.type),
                   IdValue(u.after.category_id),
                   Enum(u.after.channel),
                   IdOrNull(u.after.requester_id),
                   IdOrNull(u.after.site_id),
                   Text(u.after.description),
                   Enum(u.after.priority),
                   Enum(u.after.status),
                   IdOrNull(u.after.unit_id),
                   Text(u.after.public_answer),
                   Micros(at),
                   Text(u.after.workflow),
                   Text(u.after.state),
                   IdOrNull(u.after.parent_id),
                   IdOrNull(u.after.duplicate_of),
                   MicrosOrNull(u.after.closed_at),
                   IdOrNull(u.after.suggested_unit_id),
                   IdOrNull(u.after.owner_id)};
  if (u.expected_version != 0) {
    params.push_back(Int(u.expected_version));
    sql += " AND version = $" + std::to_string(params.size());
  }
  sql += " RETURNING " + std::string(kCaseCols);
  const auto r = c.Query(sql, params);
  if (r.empty()) {
    if (c.Query("SELECT 1 FROM cases WHERE id = $1", {IdValue(u.id)}).empty()) {
      return base::NotFound("no such request");
    }
    return base::Error{base::ErrorCode::kPreconditionFailed,
                       "the request was changed by someone else; reload it", "version"};
  }
  for (const app::FieldChange& ch : u.changes) {
    AppendEvent(c, u.id, at, u.actor, "changed", ch.field, ch.from, ch.to, "");
  }
  if (!u.note.empty()) AppendEvent(c, u.id, at, u.actor, "note", "", "", "", u.note);
  WriteService(c, u.id, at, u.actor, u.service);
  return CaseFrom(r[0]);
}

Result<d::Case> SqlStore::UpdateCase(const app::CaseUpdate& u) {
  return Write<d::Case>(
      [&](Conn& c) -> Result<d::Case> { return WriteCaseUpdate(c, u, Stamp(u.after.updated_at)); });
}

std::vector<d::TimelineEvent> SqlStore::Timeline(d::CaseId id) {
  return Read([&](Conn& c) {
    std::vector<d::TimelineEvent> out;
    for (const Row& r : c.Query(Select(kEventCols, "case_events", "WHERE case_id = $1 ORDER BY id"),
                                {IdValue(id)})) {
      out.push_back(EventFrom(r));
    }
    return out;
  });
}

Result<d::TimelineEvent> SqlStore::AddNote(const app::NewNote& n) {
  return Write<d::TimelineEvent>([&](Conn& c) -> Result<d::TimelineEvent> {
    if (c.Query("SELECT 1 FROM cases WHERE id = $1", {IdValue(n.case_id)}).empty()) {
      return base::NotFound("no such request");
    }
    const base::Time at = Stamp(n.at);
    const auto r = c.Query(
        "INSERT INTO case_events (case_id, at, actor_id, kind, field, from_value, to_value, note) "
        "VALUES ($1, $2, $3, 'note', '', '', '', $4) RETURNING " + std::string(kEventCols),
        {IdValue(n.case_id), Micros(at), IdValue(n.actor), Text(n.text)});
    d::TimelineEvent e = EventFrom(r.at(0));
    for (const d::UserId u : n.mentions) {
      c.Exec("INSERT INTO mentions (case_id, user_id, by_user_id, event_id, at) "
             "VALUES ($1, $2, $3, $4, $5)",
             {IdValue(n.case_id), IdValue(u), IdValue(n.actor), IdValue(e.id), Micros(at)});
    }
    return e;
  });
}

Result<d::OutboxMessage> SqlStore::AddReply(d::CaseId id, d::UserId actor,
                                            const d::OutboxMessage& message, const std::string& text) {
  return Write<d::OutboxMessage>([&](Conn& c) -> Result<d::OutboxMessage> {
    if (c.Query("SELECT 1 FROM cases WHERE id = $1", {IdValue(id)}).empty()) {
      return base::NotFound("no such request");
    }
    const base::Time at = Stamp(message.created_at);
    AppendEvent(c, id, at, actor, "reply", message.channel, "", "", text);
    InsertMessages(c, id, at, actor, {message});
    const auto r = c.Query(Select(kOutboxCols, "outbox", "WHERE case_id = $1 ORDER BY id DESC LIMIT 1"),
                           {IdValue(id)});
    return OutboxFrom(r.at(0));
  });
}

std::vector<app::Mention> SqlStore::MentionsOf(d::UserId user, bool unseen_only,
                                               std::optional<std::int64_t> before_id, int limit) {
  std::string sql =
      "SELECT m.id, m.case_id, c.tracking_code, m.by_user_id, COALESCE(u.display_name, ''), "
      "e.note, m.at, m.seen_at FROM mentions m JOIN cases c ON c.id = m.case_id "
      "JOIN case_events e ON e.id = m.event_id LEFT JOIN users u ON u.id = m.by_user_id "
      "WHERE m.user_id = $1";
  Params params{IdValue(user)};
  if (unseen_only) sql += " AND m.seen_at IS NULL";
  if (before_id) {
    params.push_back(Int(*before_id));
    sql += " AND m.id < $" + std::to_string(params.size());
  }
  params.push_back(Int(ClampLimit(limit, 50)));
  sql += " ORDER BY m.id DESC LIMIT $" + std::to_string(params.size());
  return Read([&](Conn& c) {
    std::vector<app::Mention> out;
    for (const Row& r : c.Query(sql, params)) {
      app::Mention m;
      m.id = AsInt(r[0]);
      m.case_id = AsId<d::CaseId>(r[1]);
      m.tracking_code = AsText(r[2]);
      m.by = AsOptId<d::UserId>(r[3]);
      m.by_name = AsText(r[4]);
      m.note = AsText(r[5]);
      m.at = AsTime(r[6]);
      m.seen_at = AsOptTime(r[7]);
      out.push_back(std::move(m));
    }
    return out;
  });
}

std::int64_t SqlStore::CountUnseenMentions(d::UserId user) {
  return Read([&](Conn& c) {
    return AsInt(c.Query("SELECT COUNT(*) FROM mentions WHERE user_id = $1 AND seen_at IS NULL",
                         {IdValue(user)}).at(0).at(0));
  });
}

int SqlStore::MarkMentionsSeen(d::UserId user, d::CaseId case_id, base::Time at) {
  auto n = Write<int>([&](Conn& c) -> Result<int> {
    const auto r = c.Query(
        "UPDATE mentions SET seen_at = $3 WHERE user_id = $1 AND case_id = $2 AND seen_at IS NULL "
        "RETURNING id",
        {IdValue(user), IdValue(case_id), Micros(Stamp(at))});
    return static_cast<int>(r.size());
  });
  return n ? *n : 0;
}

}  // namespace tawasul::store
