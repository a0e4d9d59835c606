// Calls from PBXs (CTI sources and their events), blocked callers, callback tasks, and the links
// from a contact to the requests it touched.
#include <algorithm>

#include "base/text.hpp"
#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"

namespace tawasul::store {

using namespace rows;  // NOLINT(google-build-using-namespace): column lists and mappers

namespace {

constexpr std::string_view kSourceCols =
    "id, name, created_at, rotated_at, revoked_at, caller_ids";
constexpr std::string_view kBlockedCols =
    "number, reason, expires_at, created_by, created_at, rejected";
constexpr std::string_view kTaskCols =
    "id, number, day, status, missed, attempts, first_contact_id, last_contact_id, note, "
    "created_at, updated_at";

/// caller_ids is lines of "PREFIX CALLER_ID", "*" standing for the empty prefix.
std::vector<d::CallerIdRule> CallerIdsFrom(const std::string& text) {
  std::vector<d::CallerIdRule> out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(at, end - at);
    at = end + 1;
    const auto space = line.find(' ');
    if (space == std::string::npos) continue;
    std::string prefix = line.substr(0, space);
    if (prefix == "*") prefix.clear();
    out.push_back({prefix, line.substr(space + 1)});
  }
  return out;
}

std::string CallerIdsText(std::vector<d::CallerIdRule> rules) {
  std::stable_sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) {
    return a.prefix.size() > b.prefix.size();
  });
  std::string out;
  for (const auto& r : rules) {
    out += (r.prefix.empty() ? std::string("*") : r.prefix) + " " + r.caller_id + "\n";
  }
  return out;
}

app::CtiSource SourceFrom(const Row& r) {
  return app::CtiSource{AsInt(r[0]),     AsText(r[1]),     AsTime(r[2]),
                        AsOptTime(r[3]), AsOptTime(r[4]), CallerIdsFrom(AsText(r[5]))};
}

app::BlockedNumber BlockedFrom(const Row& r) {
  return app::BlockedNumber{AsText(r[0]),       AsText(r[1]), AsOptTime(r[2]),
                            AsOptId<d::UserId>(r[3]), AsTime(r[4]), AsInt(r[5])};
}

app::CallbackTask TaskFrom(const Row& r) {
  app::CallbackTask t;
  t.id = AsInt(r[0]);
  t.number = AsText(r[1]);
  t.day = AsText(r[2]);
  t.status = AsText(r[3]);
  t.missed = AsInt(r[4]);
  t.attempts = AsInt(r[5]);
  t.first_contact_id = AsId<d::ContactId>(r[6]);
  t.last_contact_id = AsId<d::ContactId>(r[7]);
  t.note = AsText(r[8]);
  t.created_at = AsTime(r[9]);
  t.updated_at = AsTime(r[10]);
  return t;
}

std::string JoinIds(const std::vector<d::UserId>& ids) {
  std::string out;
  for (const d::UserId id : ids) out += (out.empty() ? "" : ",") + std::to_string(id.value);
  return out;
}

std::string_view LockSuffix(Engine e) { return e == Engine::kPostgres ? " FOR UPDATE" : ""; }

}  // namespace

Result<app::CtiSource> SqlStore::CreateCtiSource(const std::string& name,
                                                 const std::string& token_hash, base::Time at) {
  return Write<app::CtiSource>([&](Conn& c) -> Result<app::CtiSource> {
    const auto r = c.Query("INSERT INTO cti_sources (name, token_hash, created_at) "
                           "VALUES ($1, $2, $3) RETURNING " + std::string(kSourceCols),
                           {Text(name), Text(token_hash), Micros(Stamp(at))});
    return SourceFrom(r.at(0));
  });
}

std::vector<app::CtiSource> SqlStore::ListCtiSources() {
  return Read([&](Conn& c) {
    std::vector<app::CtiSource> out;
    for (const Row& r : c.Query(Select(kSourceCols, "cti_sources", "ORDER BY id"))) {
      out.push_back(SourceFrom(r));
    }
    return out;
  });
}

std::optional<app::CtiSource> SqlStore::FindCtiSource(const std::string& token_hash) {
  return Read([&](Conn& c) -> std::optional<app::CtiSource> {
    const auto r = c.Query(
        Select(kSourceCols, "cti_sources", "WHERE token_hash = $1 AND revoked_at IS NULL"),
        {Text(token_hash)});
    if (r.empty()) return std::nullopt;
    return SourceFrom(r[0]);
  });
}

Result<app::CtiSource> SqlStore::RotateCtiSource(std::int64_t id, const std::string& token_hash,
                                                 base::Time at) {
  return Write<app::CtiSource>([&](Conn& c) -> Result<app::CtiSource> {
    const auto r = c.Query("UPDATE cti_sources SET token_hash = $2, rotated_at = $3 "
                           "WHERE id = $1 AND revoked_at IS NULL RETURNING " +
                               std::string(kSourceCols),
                           {Int(id), Text(token_hash), Micros(Stamp(at))});
    if (r.empty()) return base::NotFound("No such telephone system (or it was revoked)");
    return SourceFrom(r[0]);
  });
}

Result<app::CtiSource> SqlStore::RevokeCtiSource(std::int64_t id, base::Time at) {
  return Write<app::CtiSource>([&](Conn& c) -> Result<app::CtiSource> {
    const auto r = c.Query("UPDATE cti_sources SET revoked_at = COALESCE(revoked_at, $2) "
                           "WHERE id = $1 RETURNING " + std::string(kSourceCols),
                           {Int(id), Micros(Stamp(at))});
    if (r.empty()) return base::NotFound("No such telephone system");
    return SourceFrom(r[0]);
  });
}

Result<app::CtiSource> SqlStore::SetCtiCallerIds(std::int64_t id,
                                                 const std::vector<d::CallerIdRule>& rules) {
  return Write<app::CtiSource>([&](Conn& c) -> Result<app::CtiSource> {
    const auto r = c.Query("UPDATE cti_sources SET caller_ids = $2 "
                           "WHERE id = $1 AND revoked_at IS NULL RETURNING " +
                               std::string(kSourceCols),
                           {Int(id), Text(CallerIdsText(rules))});
    if (r.empty()) return base::NotFound("No such telephone system (or it was revoked)");
    return SourceFrom(r[0]);
  });
}

Result<app::BlockedNumber> SqlStore::BlockNumber(const app::BlockedNumber& b) {
  return Write<app::BlockedNumber>([&](Conn& c) -> Result<app::BlockedNumber> {
    const auto r = c.Query(
        "INSERT INTO blocked_numbers (number, reason, expires_at, created_by, created_at, "
        "rejected) VALUES ($1, $2, $3, $4, $5, 0) ON CONFLICT (number) DO UPDATE SET "
        "reason = excluded.reason, expires_at = excluded.expires_at, "
        "created_by = excluded.created_by, created_at = excluded.created_at RETURNING " +
            std::string(kBlockedCols),
        {Text(b.number), Text(b.reason), MicrosOrNull(b.expires_at), IdOrNull(b.created_by),
         Micros(Stamp(b.created_at))});
    return BlockedFrom(r.at(0));
  });
}

base::Status SqlStore::UnblockNumber(const std::string& number) {
  return Write<base::Ok>([&](Conn& c) -> Result<base::Ok> {
    const auto r = c.Query("DELETE FROM blocked_numbers WHERE number = $1 RETURNING number",
                           {Text(number)});
    if (r.empty()) return base::NotFound("This number is not blocked");
    return base::Ok{};
  });
}

std::vector<app::BlockedNumber> SqlStore::ListBlockedNumbers() {
  return Read([&](Conn& c) {
    std::vector<app::BlockedNumber> out;
    for (const Row& r : c.Query(Select(kBlockedCols, "blocked_numbers", "ORDER BY number"))) {
      out.push_back(BlockedFrom(r));
    }
    return out;
  });
}

Result<app::CallEventResult> SqlStore::RecordCallEvent(const app::CallEventWrite& w) {
  return Write<app::CallEventResult>([&](Conn& c) -> Result<app::CallEventResult> {
    const base::Time at = Stamp(w.at);
    const std::string select =
        Select(kContactCols, "contacts", "WHERE source_id = $1 AND call_id = $2") +
        std::string(LockSuffix(engine_));
    auto rows = c.Query(select, {Int(w.source_id), Text(w.call_id)});
    std::optional<d::Contact> current;
    if (!rows.empty()) current = ContactFrom(rows[0]);

    app::CallEventResult out;
    // A newCall from a blocked number: rejected at once, and counted.
    if (!current && w.event == d::CallEvent::kNewCall &&
        w.direction.value_or(d::ContactDirection::kInbound) == d::ContactDirection::kInbound &&
        !w.from_number.empty()) {
      const auto blocked = c.Query(
          "UPDATE blocked_numbers SET rejected = rejected + 1 WHERE number = $1 AND "
          "(expires_at IS NULL OR expires_at > $2) RETURNING number",
          {Text(w.from_number), Micros(at)});
      out.rejected = !blocked.empty();
    }

    std::optional<d::CallRecord> record;
    if (current) {
      record = d::CallRecord{current->direction, current->outcome,     current->started_at,
                             current->answered_at, current->ended_at, current->cause};
    }
    d::CallStep step = d::ApplyCallEvent(record, w.event, at, w.direction, w.cause);
    if (out.rejected) {
      step.after.outcome = d::ContactOutcome::kRejected;
      step.after.ended_at = at;
      step.after.cause = "blocked";
      step.callback_due = false;
      step.event = "ended";
    }
    out.kind = step.kind;
    if (step.kind == d::CallStep::Kind::kIgnored) {
      out.contact = *current;
      return out;
    }

    d::Contact k = current.value_or(d::Contact{});
    k.channel = d::Channel::kPhone;
    k.direction = step.after.direction;
    k.outcome = step.after.outcome;
    k.started_at = step.after.offered_at;
    k.answered_at = step.after.answered_at;
    k.ended_at = step.after.ended_at;
    k.cause = step.after.cause;
    // What the first event said, filled in by later ones when it said nothing.
    if (k.from_number.empty()) k.from_number = w.from_number;
    if (k.to_number.empty()) k.to_number = w.to_number;
    if (k.queue.empty()) k.queue = w.queue;
    if (!k.requester_id) k.requester_id = w.requester_id;
    if (w.agent_id && w.event == d::CallEvent::kAnswer) k.agent_id = w.agent_id;
    if (!k.agent_id) k.agent_id = w.agent_id;

    if (!current) {
      k.created_at = at;
      k.call_id = w.call_id;
      k.source_id = w.source_id;
      const auto r = c.Query(
          "INSERT INTO contacts (channel, direction, requester_id, agent_id, outcome, note, "
          "started_at, ended_at, created_at, from_number, to_number, queue, call_id, source_id, "
          "answered_at, cause, branch_id) VALUES ($1, $2, $3, $4, $5, '', $6, $7, $8, $9, $10, "
          "$11, $12, $13, $14, $15, " + AgentBranchSql(4) + ") RETURNING id",
          {Enum(k.channel), Enum(k.direction), IdOrNull(k.requester_id), IdOrNull(k.agent_id),
           Enum(k.outcome), Micros(k.started_at), MicrosOrNull(k.ended_at), Micros(k.created_at),
           Text(k.from_number), Text(k.to_number), Text(k.queue), Text(w.call_id),
           Int(w.source_id), MicrosOrNull(k.answered_at), Text(k.cause)});
      k.id = AsId<d::ContactId>(r.at(0).at(0));
    } else {
      c.Exec(
          "UPDATE contacts SET direction = $2, requester_id = $3, agent_id = $4, outcome = $5, "
          "started_at = $6, ended_at = $7, from_number = $8, to_number = $9, queue = $10, "
          "answered_at = $11, cause = $12, branch_id = COALESCE(branch_id, " + AgentBranchSql(4) +
              ") WHERE id = $1",
          {IdValue(k.id), Enum(k.direction), IdOrNull(k.requester_id), IdOrNull(k.agent_id),
           Enum(k.outcome), Micros(k.started_at), MicrosOrNull(k.ended_at), Text(k.from_number),
           Text(k.to_number), Text(k.queue), MicrosOrNull(k.answered_at), Text(k.cause)});
    }
    if (!step.event.empty()) {
      std::vector<d::UserId> users = w.notify;
      if (step.event == "answered" && k.agent_id) users = {*k.agent_id};
      c.Exec("INSERT INTO call_events (contact_id, kind, at, user_ids) VALUES ($1, $2, $3, $4)",
             {IdValue(k.id), Text(step.event), Micros(at), Text(JoinIds(users))});
    }
    // The number to call back is the caller's as the call's first event gave it (a hangup
    // need not repeat it); an anonymous or unreadable one cannot be called back.
    if (step.callback_due && k.from_number.size() > 1 && k.from_number.front() == '+') {
      c.Exec(
          "INSERT INTO callback_tasks (number, day, status, missed, attempts, first_contact_id, "
          "last_contact_id, note, created_at, updated_at) "
          "VALUES ($1, $2, 'open', 1, 0, $3, $3, '', $4, $4) ON CONFLICT (number, day) DO UPDATE "
          "SET missed = callback_tasks.missed + 1, last_contact_id = excluded.last_contact_id, "
          "status = CASE WHEN callback_tasks.status = 'done' THEN 'open' "
          "ELSE callback_tasks.status END, updated_at = excluded.updated_at",
          {Text(k.from_number), Text(w.day), IdValue(k.id), Micros(at)});
    }
    out.contact = k;
    return out;
  });
}

std::vector<app::CallbackTask> SqlStore::ListCallbackTasks(const std::optional<std::string>& status,
                                                           int limit) {
  Params params;
  std::string where;
  if (status) {
    params.push_back(Text(*status));
    where = "WHERE status = $1 ";
  }
  params.push_back(Int(std::clamp(limit, 1, 500)));
  const std::string sql =
      Select(kTaskCols, "callback_tasks",
             where + "ORDER BY CASE WHEN status = 'open' THEN 0 ELSE 1 END, "
                     "CASE WHEN status = 'open' THEN id ELSE -id END LIMIT $" +
                 std::to_string(params.size()));
  return Read([&](Conn& c) {
    std::vector<app::CallbackTask> out;
    for (const Row& r : c.Query(sql, params)) out.push_back(TaskFrom(r));
    return out;
  });
}

std::optional<app::CallbackTask> SqlStore::GetCallbackTask(std::int64_t id) {
  return Read([&](Conn& c) -> std::optional<app::CallbackTask> {
    const auto r = c.Query(Select(kTaskCols, "callback_tasks", "WHERE id = $1"), {Int(id)});
    if (r.empty()) return std::nullopt;
    return TaskFrom(r[0]);
  });
}

Result<app::CallbackTask> SqlStore::RecordCallbackAttempt(std::int64_t id,
                                                          d::ContactOutcome outcome,
                                                          d::UserId agent, const std::string& note,
                                                          int max_attempts, base::Time at) {
  return Write<app::CallbackTask>([&](Conn& c) -> Result<app::CallbackTask> {
    const base::Time now = Stamp(at);
    auto rows = c.Query(Select(kTaskCols, "callback_tasks", "WHERE id = $1") +
                            std::string(LockSuffix(engine_)),
                        {Int(id)});
    if (rows.empty()) return base::NotFound("No such callback task");
    app::CallbackTask t = TaskFrom(rows[0]);
    if (t.status != "open") {
      return base::Conflict("status", "This callback task is " + t.status + " already");
    }
    const auto r = c.Query(
        "INSERT INTO contacts (channel, direction, agent_id, outcome, note, started_at, "
        "ended_at, created_at, to_number, branch_id) VALUES ('phone', 'outbound', $1, $2, $3, "
        "$4, $4, $4, $5, " + AgentBranchSql(1) + ") RETURNING id",
        {IdValue(agent), Enum(outcome), Text(note), Micros(now), Text(t.number)});
    t.last_contact_id = AsId<d::ContactId>(r.at(0).at(0));
    t.attempts += 1;
    if (outcome == d::ContactOutcome::kAnswered || outcome == d::ContactOutcome::kGuidance ||
        outcome == d::ContactOutcome::kCaseCreated || outcome == d::ContactOutcome::kCaseUpdated) {
      t.status = "done";
    } else if (t.attempts >= max_attempts) {
      t.status = "given_up";
    }
    t.note = note;
    t.updated_at = now;
    c.Exec("UPDATE callback_tasks SET attempts = $2, status = $3, last_contact_id = $4, "
           "note = $5, updated_at = $6 WHERE id = $1",
           {Int(t.id), Int(t.attempts), Text(t.status), IdValue(t.last_contact_id), Text(t.note),
            Micros(now)});
    return t;
  });
}

base::Status SqlStore::LinkContact(d::ContactId contact, d::CaseId case_id,
                                   const std::string& link, base::Time at) {
  return Write<base::Ok>([&](Conn& c) -> Result<base::Ok> {
    const base::Time now = Stamp(at);
    c.Exec("INSERT INTO contact_cases (contact_id, case_id, link, at) VALUES ($1, $2, $3, $4) "
           "ON CONFLICT (contact_id, case_id, link) DO NOTHING",
           {IdValue(contact), IdValue(case_id), Text(link), Micros(now)});
    if (link != "looked_up") {
      c.Exec("UPDATE contacts SET case_id = $2 WHERE id = $1 AND case_id IS NULL",
             {IdValue(contact), IdValue(case_id)});
    }
    return base::Ok{};
  });
}

std::vector<std::pair<d::CaseId, std::string>> SqlStore::ContactLinks(d::ContactId contact) {
  return Read([&](Conn& c) {
    std::vector<std::pair<d::CaseId, std::string>> out;
    for (const Row& r : c.Query("SELECT case_id, link FROM contact_cases WHERE contact_id = $1 "
                                "ORDER BY at, case_id",
                                {IdValue(contact)})) {
      out.emplace_back(AsId<d::CaseId>(r[0]), AsText(r[1]));
    }
    return out;
  });
}

std::vector<d::Requester> SqlStore::FindRequestersByPhoneTail(const std::string& digits,
                                                              int limit) {
  if (digits.size() < 7) return {};
  const std::string tail = digits.substr(digits.size() - 7);
  return Read([&](Conn& c) {
    std::vector<d::Requester> out;
    for (const Row& r : c.Query(Select(kRequesterCols, "requesters",
                                       "WHERE phone_tail = $1 ORDER BY id LIMIT 200"),
                                {Text(tail)})) {
      d::Requester q = RequesterFrom(r);
      const std::string have = base::DigitsOnly(q.phone);
      if (have.size() >= digits.size() &&
          have.compare(have.size() - digits.size(), digits.size(), digits) == 0) {
        out.push_back(std::move(q));
        if (static_cast<int>(out.size()) >= limit) break;
      }
    }
    return out;
  });
}

std::optional<d::User> SqlStore::FindUserByExtension(const std::string& extension) {
  if (extension.empty()) return std::nullopt;
  return Read([&](Conn& c) -> std::optional<d::User> {
    const auto r = c.Query(
        Select(kUserCols, "users", "WHERE extension = $1 AND active = $2 ORDER BY id LIMIT 1"),
        {Text(extension), Bool(true)});
    if (r.empty()) return std::nullopt;
    return UserFrom(r[0]);
  });
}

}  // namespace tawasul::store
