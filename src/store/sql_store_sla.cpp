// SLA clocks and the escalation timer's marks, staff contacts, satisfaction surveys, post-call
// ratings and review flags.
#include <charconv>
#include <cmath>

#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"

namespace tawasul::store {

using namespace rows;  // NOLINT(google-build-using-namespace): column lists and mappers

namespace {

constexpr std::string_view kClockCols =
    "c.case_id, c.clock, c.policy, c.calendar, c.target_minutes, c.warning_permille, c.run, "
    "c.started_at, c.pauses, c.stopped_at, c.next_check_at, c.version, "
    "CASE WHEN EXISTS (SELECT 1 FROM sla_escalations e WHERE e.case_id = c.case_id AND "
    "e.clock = c.clock AND e.kind = 'warning') THEN 1 ELSE 0 END, "
    "CASE WHEN EXISTS (SELECT 1 FROM sla_escalations e WHERE e.case_id = c.case_id AND "
    "e.clock = c.clock AND e.kind = 'breach') THEN 1 ELSE 0 END";
constexpr std::string_view kSurveyCols =
    "id, case_id, language, created_at, expires_at, answered_at, rating, comment";
constexpr std::string_view kReviewCols =
    "case_id, source, rating, comment, flagged_at, reopenable";
constexpr std::string_view kRatingCols =
    "id, contact_id, agent_id, phone, case_id, rating, created_at";

/// Pauses as "from:to,from:to,from:" in microseconds; an empty `to` is an open pause.
std::string EncodePauses(const std::vector<d::Pause>& pauses) {
  std::string out;
  for (const d::Pause& p : pauses) {
    if (!out.empty()) out += ',';
    out += std::to_string(base::ToMicros(p.from)) + ':';
    if (p.to) out += std::to_string(base::ToMicros(*p.to));
  }
  return out;
}

std::int64_t ParseMicros(std::string_view s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) {
    throw std::runtime_error("store: a malformed SLA pause: " + std::string(s));
  }
  return v;
}

std::vector<d::Pause> DecodePauses(const std::string& text) {
  std::vector<d::Pause> out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = text.find(',', i);
    if (end == std::string::npos) end = text.size();
    const std::string_view item(text.data() + i, end - i);
    const auto colon = item.find(':');
    if (colon == std::string_view::npos) throw std::runtime_error("store: a malformed SLA pause");
    d::Pause p{base::FromMicros(ParseMicros(item.substr(0, colon))), std::nullopt};
    if (colon + 1 < item.size()) p.to = base::FromMicros(ParseMicros(item.substr(colon + 1)));
    out.push_back(p);
    i = end + 1;
  }
  return out;
}

app::StoredClock ClockFrom(const Row& r) {
  app::StoredClock s;
  s.case_id = AsId<d::CaseId>(r[0]);
  const auto name = d::ParseClockName(AsText(r[1]));
  const auto run = d::ParseClockRun(AsText(r[6]));
  if (!name || !run) throw std::runtime_error("store: an unknown SLA clock or state");
  d::RequestClock& c = s.clock;
  c.name = *name;
  c.policy = AsText(r[2]);
  c.calendar = AsText(r[3]);
  c.target = std::chrono::minutes(AsInt(r[4]));
  c.warning_share = static_cast<double>(AsInt(r[5])) / 1000.0;
  c.run = *run;
  c.started_at = AsTime(r[7]);
  c.pauses = DecodePauses(AsText(r[8]));
  c.stopped_at = AsOptTime(r[9]);
  s.next_check_at = AsOptTime(r[10]);
  s.version = AsInt(r[11]);
  s.warning_reported = AsInt(r[12]) != 0;
  s.breach_reported = AsInt(r[13]) != 0;
  return s;
}

app::Survey SurveyFrom(const Row& r) {
  app::Survey s;
  s.id = AsInt(r[0]);
  s.case_id = AsId<d::CaseId>(r[1]);
  s.language = AsText(r[2]);
  s.created_at = AsTime(r[3]);
  s.expires_at = AsTime(r[4]);
  s.answered_at = AsOptTime(r[5]);
  if (!IsNull(r[6])) s.rating = static_cast<int>(AsInt(r[6]));
  s.comment = AsText(r[7]);
  return s;
}

app::CaseReview ReviewFrom(const Row& r) {
  return app::CaseReview{AsId<d::CaseId>(r[0]), AsText(r[1]), static_cast<int>(AsInt(r[2])),
                         AsText(r[3]),          AsTime(r[4]),  AsInt(r[5]) != 0};
}

app::CallRating RatingFrom(const Row& r) {
  app::CallRating c;
  c.id = AsInt(r[0]);
  c.contact_id = AsOptId<d::ContactId>(r[1]);
  c.agent_id = AsOptId<d::UserId>(r[2]);
  c.phone = AsText(r[3]);
  c.case_id = AsOptId<d::CaseId>(r[4]);
  c.rating = static_cast<int>(AsInt(r[5]));
  c.created_at = AsTime(r[6]);
  return c;
}

/// Flags the request for review (or flags it again after an earlier review was resolved).
void UpsertReview(Conn& c, const app::CaseReview& r) {
  c.Exec(
      "INSERT INTO case_reviews (case_id, source, rating, comment, reopenable, flagged_at) "
      "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (case_id) DO UPDATE SET source = "
      "excluded.source, rating = excluded.rating, comment = excluded.comment, reopenable = "
      "excluded.reopenable, flagged_at = excluded.flagged_at, resolved_at = NULL, resolution = ''",
      {IdValue(r.case_id), Text(r.source), Int(r.rating), Text(r.comment), Bool(r.reopenable),
       Micros(r.flagged_at)});
}

std::string ReviewNote(const app::CaseReview& r) {
  return "rating " + std::to_string(r.rating) + " (" + r.source + ")" +
         (r.reopenable ? "; within the reopen window" : "");
}

}  // namespace

void SqlStore::WriteService(Conn& c, d::CaseId case_id, base::Time at,
                            std::optional<d::UserId> actor, const app::ServiceWrites& w) {
  for (const app::StoredClock& s : w.clocks) {
    const d::RequestClock& k = s.clock;
    c.Exec(
        "INSERT INTO sla_clocks (case_id, clock, policy, calendar, target_minutes, "
        "warning_permille, run, started_at, pauses, stopped_at, next_check_at, version) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1) "
        "ON CONFLICT (case_id, clock) DO UPDATE SET policy = excluded.policy, calendar = "
        "excluded.calendar, target_minutes = excluded.target_minutes, warning_permille = "
        "excluded.warning_permille, run = excluded.run, started_at = excluded.started_at, "
        "pauses = excluded.pauses, stopped_at = excluded.stopped_at, next_check_at = "
        "excluded.next_check_at, version = sla_clocks.version + 1",
        {IdValue(s.case_id.valid() ? s.case_id : case_id), Text(std::string(d::ToString(k.name))),
         Text(k.policy), Text(k.calendar), Int(k.target.count()),
         Int(std::llround(k.warning_share * 1000)), Text(std::string(d::ToString(k.run))),
         Micros(k.started_at), Text(EncodePauses(k.pauses)), MicrosOrNull(k.stopped_at),
         MicrosOrNull(s.next_check_at)});
  }
  if (w.survey) {
    c.Exec(
        "INSERT INTO surveys (case_id, token_hash, language, created_at, expires_at) "
        "VALUES ($1, $2, $3, $4, $5)",
        {IdValue(case_id), Text(w.survey->token_hash), Text(w.survey->language), Micros(at),
         Micros(w.survey->expires_at)});
  }
  if (w.review_reopened &&
      c.Exec("UPDATE case_reviews SET resolved_at = $2, resolution = 'reopened' "
             "WHERE case_id = $1 AND resolved_at IS NULL",
             {IdValue(case_id), Micros(at)}) > 0) {
    AppendEvent(c, case_id, at, actor, "review", "", "", "reopened", "");
  }
}

std::vector<app::StoredClock> SqlStore::SlaClocks(const std::vector<d::CaseId>& case_ids) {
  if (case_ids.empty()) return {};
  Params params;
  const std::string sql = "SELECT " + std::string(kClockCols) +
                          " FROM sla_clocks c WHERE c.case_id IN (" + InList(case_ids, params) +
                          ") ORDER BY c.case_id, c.clock";
  return Read([&](Conn& c) {
    std::vector<app::StoredClock> out;
    for (const Row& r : c.Query(sql, params)) out.push_back(ClockFrom(r));
    return out;
  });
}

std::vector<app::StoredClock> SqlStore::DueSlaClocks(base::Time now, int limit) {
  return Read([&](Conn& c) {
    std::vector<app::StoredClock> out;
    for (const Row& r : c.Query("SELECT " + std::string(kClockCols) +
                                    " FROM sla_clocks c WHERE c.next_check_at IS NOT NULL AND "
                                    "c.next_check_at <= $1 ORDER BY c.next_check_at LIMIT $2",
                                {Micros(now), Int(std::max(1, limit))})) {
      out.push_back(ClockFrom(r));
    }
    return out;
  });
}

Status SqlStore::RecordSlaCheck(const app::SlaCheck& k) {
  return Write<base::Ok>([&](Conn& c) -> Status {
    const std::string clock(d::ToString(k.clock));
    if (c.Exec("UPDATE sla_clocks SET next_check_at = $3, version = version + 1 "
               "WHERE case_id = $1 AND clock = $2 AND version = $4",
               {IdValue(k.case_id), Text(clock), MicrosOrNull(k.next_check_at),
                Int(k.expected_version)}) == 0) {
      return base::Error{base::ErrorCode::kPreconditionFailed,
                         "the clock changed since it was read", "version"};
    }
    if (k.escalation == d::Escalation::kNone) return base::Ok{};
    const base::Time at = Stamp(k.at);
    // A mark reported before (another node, or before a crash) violates the unique constraint:
    // the job fails as a Conflict and nothing of it is written.
    c.Exec(
        "INSERT INTO sla_escalations (case_id, clock, kind, due_at, reported_at) "
        "VALUES ($1, $2, $3, $4, $5)",
        {IdValue(k.case_id), Text(clock), Text(std::string(d::ToString(k.escalation))),
         Micros(k.due), Micros(at)});
    AppendEvent(c, k.case_id, at, std::nullopt, "sla", clock, "",
                std::string(d::ToString(k.escalation)), k.note);
    InsertMessages(c, k.case_id, at, std::nullopt, k.messages);
    return base::Ok{};
  });
}

Status SqlStore::SaveStaffContact(const app::StaffContact& s) {
  return Write<base::Ok>([&](Conn& c) -> Status {
    c.Exec(
        "INSERT INTO staff_contacts (user_id, email, phone, unit_manager) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, phone = excluded.phone, "
        "unit_manager = excluded.unit_manager",
        {IdValue(s.user_id), Text(s.email), Text(s.phone), Bool(s.unit_manager)});
    return base::Ok{};
  });
}

std::vector<app::StaffContact> SqlStore::StaffContacts() {
  return Read([&](Conn& c) {
    std::vector<app::StaffContact> out;
    for (const Row& r : c.Query(
             "SELECT user_id, email, phone, unit_manager FROM staff_contacts ORDER BY user_id")) {
      out.push_back({AsId<d::UserId>(r[0]), AsText(r[1]), AsText(r[2]), AsInt(r[3]) != 0});
    }
    return out;
  });
}

std::optional<app::Survey> SqlStore::FindSurvey(const std::string& token_hash) {
  return Read([&](Conn& c) -> std::optional<app::Survey> {
    const auto r = c.Query(Select(kSurveyCols, "surveys", "WHERE token_hash = $1"), {Text(token_hash)});
    if (r.empty()) return std::nullopt;
    return SurveyFrom(r[0]);
  });
}

std::optional<std::pair<app::Survey, std::string>> SqlStore::LatestSurveyOf(d::CaseId case_id) {
  return Read([&](Conn& c) -> std::optional<std::pair<app::Survey, std::string>> {
    const auto r = c.Query(Select(std::string(kSurveyCols) + ", token_hash", "surveys",
                                  "WHERE case_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1"),
                           {IdValue(case_id)});
    if (r.empty()) return std::nullopt;
    return std::make_pair(SurveyFrom(r[0]), AsText(r[0][8]));
  });
}

Result<app::Survey> SqlStore::AnswerSurvey(const app::SurveyAnswer& a) {
  return Write<app::Survey>([&](Conn& c) -> Result<app::Survey> {
    const base::Time at = Stamp(a.at);
    // The WHERE clause is the single use: of two concurrent answers one finds it answered.
    const auto r = c.Query(
        "UPDATE surveys SET answered_at = $2, rating = $3, comment = $4 WHERE token_hash = $1 "
        "AND answered_at IS NULL AND expires_at > $2 RETURNING " + std::string(kSurveyCols),
        {Text(a.token_hash), Micros(at), Int(a.rating), Text(a.comment)});
    if (r.empty()) {
      const auto found = c.Query("SELECT answered_at FROM surveys WHERE token_hash = $1",
                                 {Text(a.token_hash)});
      if (!found.empty() && !IsNull(found[0][0])) {
        return base::Conflict("token", "this survey has already been answered");
      }
      return base::NotFound("No such survey, or its link has expired");
    }
    app::Survey s = SurveyFrom(r[0]);
    AppendEvent(c, s.case_id, at, std::nullopt, "survey", "rating", "", std::to_string(a.rating),
                a.comment);
    if (a.flag) {
      app::CaseReview flag = *a.flag;
      flag.case_id = s.case_id;
      flag.flagged_at = at;
      UpsertReview(c, flag);
      AppendEvent(c, s.case_id, at, std::nullopt, "review", "", "", "flagged", ReviewNote(flag));
    }
    return s;
  });
}

Result<app::CallRating> SqlStore::AddCallRating(const app::CallRating& rating,
                                                const std::optional<app::CaseReview>& flag) {
  return Write<app::CallRating>([&](Conn& c) -> Result<app::CallRating> {
    app::CallRating out = rating;
    out.created_at = Stamp(rating.created_at);
    const auto r = c.Query(
        "INSERT INTO call_ratings (contact_id, agent_id, phone, case_id, rating, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + std::string(kRatingCols),
        {IdOrNull(out.contact_id), IdOrNull(out.agent_id), Text(out.phone), IdOrNull(out.case_id),
         Int(out.rating), Micros(out.created_at)});
    out = RatingFrom(r.at(0));
    if (out.case_id) {
      AppendEvent(c, *out.case_id, out.created_at, std::nullopt, "rating", "call", "",
                  std::to_string(out.rating), "");
      if (flag) {
        app::CaseReview f = *flag;
        f.case_id = *out.case_id;
        f.flagged_at = out.created_at;
        UpsertReview(c, f);
        AppendEvent(c, f.case_id, out.created_at, std::nullopt, "review", "", "", "flagged",
                    ReviewNote(f));
      }
    }
    return out;
  });
}

std::vector<app::CaseReview> SqlStore::OpenReviews(const std::vector<d::CaseId>& case_ids) {
  if (case_ids.empty()) return {};
  Params params;
  const std::string sql = Select(kReviewCols, "case_reviews",
                                 "WHERE resolved_at IS NULL AND case_id IN (" +
                                     InList(case_ids, params) + ") ORDER BY case_id");
  return Read([&](Conn& c) {
    std::vector<app::CaseReview> out;
    for (const Row& r : c.Query(sql, params)) out.push_back(ReviewFrom(r));
    return out;
  });
}

Status SqlStore::DismissReview(d::CaseId case_id, std::optional<d::UserId> actor,
                               const std::string& note, base::Time at) {
  return Write<base::Ok>([&](Conn& c) -> Status {
    const base::Time when = Stamp(at);
    if (c.Exec("UPDATE case_reviews SET resolved_at = $2, resolution = 'dismissed' "
               "WHERE case_id = $1 AND resolved_at IS NULL",
               {IdValue(case_id), Micros(when)}) == 0) {
      return base::NotFound("The request has no open review");
    }
    AppendEvent(c, case_id, when, actor, "review", "", "", "dismissed", note);
    return base::Ok{};
  });
}

}  // namespace tawasul::store
