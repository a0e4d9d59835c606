// Workflow actions (one transaction per action) and the installation: settings, workflow
// sources and notification templates.
#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"

namespace tawasul::store {

using namespace rows;  // NOLINT(google-build-using-namespace): column lists and mappers

namespace {

bool Unset(base::Time t) { return t.time_since_epoch().count() == 0; }

}  // namespace

// Every write below runs in this one job, so a failure anywhere (a stale version, a taken
// tracking code for the follow-up, a dangling reference) rolls ALL of them back together.
// Unset times (the epoch) become the action's time; a message, meeting or attempt without a
// request id belongs to the action's request. Every timeline line goes on the action's request.
Result<d::Case> SqlStore::ApplyAction(const app::ActionWrite& w,
                                      std::optional<d::CaseId>* follow_up_id) {
  if (follow_up_id != nullptr) follow_up_id->reset();
  std::optional<d::CaseId> made;  // set inside the job, which may run more than once
  auto result = Write<d::Case>([&](Conn& c) -> Result<d::Case> {
    made.reset();
    const app::CaseUpdate& u = w.update;
    const base::Time at = Stamp(u.after.updated_at);
    auto after = WriteCaseUpdate(c, u, at);
    if (!after) return after;

    if (!w.action.empty()) {  // a retype's move has its own "moved" line (w.notes)
      AppendEvent(c, u.id, at, u.actor, "action", w.action, w.from_state, u.after.state,
                  w.inputs_text);
    }

    InsertMessages(c, u.id, at, u.actor, w.messages);
    if (w.release_held &&
        c.Exec("UPDATE outbox SET status = 'queued', next_attempt_at = $2 WHERE case_id = $1 "
               "AND status = 'held'",
               {IdValue(u.id), Micros(at)}) > 0) {
      AppendEvent(c, u.id, at, u.actor, "notification", "", "", "held",
                  "released: staff accepted the request");
    }

    if (w.meeting) {
      const d::Meeting& m = *w.meeting;
      c.Exec("INSERT INTO meetings (" + std::string(kMeetingCols) +
                 ") VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (case_id) DO UPDATE SET "
                 "date = excluded.date, time = excluded.time, place = excluded.place, "
                 "outcome = excluded.outcome, updated_at = excluded.updated_at",
             {IdValue(m.case_id.valid() ? m.case_id : u.id), Text(m.date), Text(m.time),
              Text(m.place), Text(m.outcome), Micros(Unset(m.updated_at) ? at : m.updated_at)});
    }

    if (w.callback) {
      const d::CallbackAttempt& a = *w.callback;
      c.Exec("INSERT INTO callback_attempts (" + std::string(kCallbackCols) +
                 ") VALUES ($1, $2, $3, $4)",
             {IdValue(a.case_id.valid() ? a.case_id : u.id), Micros(Unset(a.at) ? at : a.at),
              IdOrNull(a.user_id), Text(a.outcome)});
    }

    if (w.follow_up) {
      app::NewCase nc = *w.follow_up;
      nc.fields.parent_id = u.id;
      made = InsertCase(c, nc, at).id;  // a taken tracking code throws: the whole job goes
    }

    if (w.count_malicious && after->requester_id) {
      c.Exec("UPDATE requesters SET malicious_count = malicious_count + 1 WHERE id = $1",
             {IdValue(*after->requester_id)});
    }

    for (const app::TimelineNote& n : w.notes) {
      AppendEvent(c, u.id, at, u.actor, n.kind, n.field, n.from, n.to, n.note);
    }
    return after;
  });
  if (result && follow_up_id != nullptr) *follow_up_id = made;
  return result;
}

std::optional<d::Meeting> SqlStore::GetMeeting(d::CaseId id) {
  return Read([&](Conn& c) -> std::optional<d::Meeting> {
    const auto r = c.Query(Select(kMeetingCols, "meetings", "WHERE case_id = $1"), {IdValue(id)});
    if (r.empty()) return std::nullopt;
    return MeetingFrom(r[0]);
  });
}

std::vector<d::CallbackAttempt> SqlStore::CallbackAttempts(d::CaseId id) {
  return Read([&](Conn& c) {
    std::vector<d::CallbackAttempt> out;
    for (const Row& r :
         c.Query(Select(kCallbackCols, "callback_attempts", "WHERE case_id = $1 ORDER BY id"),
                 {IdValue(id)})) {
      out.push_back(CallbackFrom(r));
    }
    return out;
  });
}

std::vector<d::OutboxMessage> SqlStore::Messages(d::CaseId id) {
  return Read([&](Conn& c) {
    std::vector<d::OutboxMessage> out;
    for (const Row& r :
         c.Query(Select(kOutboxCols, "outbox", "WHERE case_id = $1 ORDER BY id"), {IdValue(id)})) {
      out.push_back(OutboxFrom(r));
    }
    return out;
  });
}

// The installation

std::map<std::string, std::string> SqlStore::Installation() {
  return Read([&](Conn& c) {
    std::map<std::string, std::string> out;
    for (const Row& r : c.Query("SELECT key, value FROM installation")) {
      out.emplace(AsText(r[0]), AsText(r[1]));
    }
    return out;
  });
}

Status SqlStore::SaveInstallation(const std::map<std::string, std::string>& settings) {
  return Write<base::Ok>([&](Conn& c) -> Status {
    c.Exec("DELETE FROM installation");
    for (const auto& [key, value] : settings) {
      c.Exec("INSERT INTO installation (key, value) VALUES ($1, $2)", {Text(key), Text(value)});
    }
    return base::Ok{};
  });
}

Status SqlStore::SaveWorkflow(const WorkflowSource& w) {
  return Write<base::Ok>([&](Conn& c) -> Status {
    c.Exec(
        "INSERT INTO workflows (name, file, source) VALUES ($1, $2, $3) ON CONFLICT (name) "
        "DO UPDATE SET file = excluded.file, source = excluded.source",
        {Text(w.name), Text(w.file), Text(w.source)});
    return base::Ok{};
  });
}

std::vector<app::Store::WorkflowSource> SqlStore::ListWorkflows() {
  return Read([&](Conn& c) {
    std::vector<WorkflowSource> out;
    for (const Row& r : c.Query("SELECT name, file, source FROM workflows ORDER BY name")) {
      out.push_back(WorkflowSource{AsText(r[0]), AsText(r[1]), AsText(r[2])});
    }
    return out;
  });
}

std::map<std::pair<std::string, std::string>, int> SqlStore::CountOpenCasesByState() {
  return Read([&](Conn& c) {
    std::map<std::pair<std::string, std::string>, int> out;
    for (const Row& r : c.Query("SELECT workflow, state, COUNT(*) FROM cases "
                                "WHERE status <> 'closed' GROUP BY workflow, state")) {
      out[{AsText(r[0]), AsText(r[1])}] = static_cast<int>(AsInt(r[2]));
    }
    return out;
  });
}

Status SqlStore::SaveTemplate(const TemplateText& t) {
  return Write<base::Ok>([&](Conn& c) -> Status {
    c.Exec(
        "INSERT INTO templates (name, kind, language, text) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (name, kind, language) DO UPDATE SET text = excluded.text",
        {Text(t.name), Text(t.kind), Text(t.language), Text(t.text)});
    return base::Ok{};
  });
}

std::vector<app::Store::TemplateText> SqlStore::ListTemplates() {
  return Read([&](Conn& c) {
    std::vector<TemplateText> out;
    for (const Row& r : c.Query(
             "SELECT name, kind, language, text FROM templates ORDER BY name, kind, language")) {
      out.push_back(TemplateText{AsText(r[0]), AsText(r[1]), AsText(r[2]), AsText(r[3])});
    }
    return out;
  });
}

Status SqlStore::LogIdentityAccess(const std::vector<IdentityAccess>& rows) {
  if (rows.empty()) return base::Ok{};
  return Write<base::Ok>([&](Conn& c) -> Status {
    for (const auto& a : rows) {
      c.Exec(
          "INSERT INTO identity_access (user_id, requester_id, case_id, via, at) "
          "VALUES ($1, $2, $3, $4, $5)",
          {IdValue(a.user_id), IdValue(a.requester_id), IdOrNull(a.case_id), Text(a.via),
           Micros(a.at)});
    }
    return base::Ok{};
  });
}

std::vector<app::Store::IdentityAccess> SqlStore::IdentityAccessLog(d::RequesterId requester_id) {
  return Read([&](Conn& c) {
    std::vector<IdentityAccess> out;
    for (const Row& r : c.Query("SELECT user_id, requester_id, case_id, via, at FROM "
                                "identity_access WHERE requester_id = $1 ORDER BY id",
                                {IdValue(requester_id)})) {
      IdentityAccess a;
      a.user_id = AsId<d::UserId>(r[0]);
      a.requester_id = AsId<d::RequesterId>(r[1]);
      if (!IsNull(r[2])) a.case_id = AsId<d::CaseId>(r[2]);
      a.via = AsText(r[3]);
      a.at = base::FromMicros(AsInt(r[4]));
      out.push_back(a);
    }
    return out;
  });
}

}  // namespace tawasul::store
