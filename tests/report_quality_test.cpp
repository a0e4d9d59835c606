// Service-quality reports (SLA compliance, satisfaction, heat map, agents) and the agent filter
// on a generated, seeded data set with known answers, on SQLite and PostgreSQL. Every figure is
// compared with a recount from the generated rows that does not use the code it checks: SLA
// verdicts from plain arithmetic over round-the-clock targets and pauses, local weekday and
// hour from Asia/Tehran's fixed UTC+3:30 (no daylight saving since 2022), periods from
// domain::InstantOf. Rows straddle the edges of Ramadan 1446, Farvardin 1404 and January 2025.
#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "app/installation/installation.hpp"
#include "app/reports/report_service.hpp"
#include "store_contract_fixture.hpp"

namespace tawasul::store_contract {
namespace {

using app::BreakdownBy;
using app::ReportQuery;
using d::CalendarKind;
using std::chrono::hours;
using std::chrono::minutes;

/// What the generator made of one request, and its SLA verdict by hand.
struct GenCase {
  d::Case c;
  std::set<std::string> tags;
  /// met | breached | open_within | open_breached; empty: no resolution clock.
  std::string verdict;
  /// The same for the first-response clock (4 hours round the clock); empty: none.
  std::string first_verdict;
  std::vector<int> survey_ratings;  ///< answered surveys
};

struct GenRating {
  std::optional<d::UserId> agent;
  int rating = 0;
  base::Time at{};
};

/// A period written in a calendar, and the instants it spans.
struct Period {
  CalendarKind calendar;
  std::string from, to;
  base::Time t0, t1;
};

template <class Engine>
class QualityTest : public StoreContract<Engine> {
 protected:
  void SetUp() override {
    StoreContract<Engine>::SetUp();
    if (this->IsSkipped() || this->HasFatalFailure()) return;
    app::CenterSettings settings;
    settings.time_zone = "Asia/Tehran";
    installation_ =
        std::make_unique<app::InstallationRef>(app::Installation::Make(settings, {}, {}));
    reports_ =
        std::make_unique<app::ReportService>(this->S(), this->S(), *installation_, this->clock_);
    tehran_ = *d::TimeZone::Make("Asia/Tehran");
    Generate();
  }

  base::Time Edge(CalendarKind k, d::CivilDate date) {
    return *d::InstantOf(tehran_, k, date, minutes(0));
  }

  void Generate() {
    auto& s = this->S();
    const auto dir = this->SeedUnit("dir");
    d::Unit dept;
    dept.code = "dept";
    dept.parent_id = dir.id;
    dept.name = {"قسم", "بخش", "Department"};
    dept = *s.CreateUnit(dept);
    units_ = {dir.id, dept.id, this->SeedUnit("other").id};
    const auto roads = this->SeedCategory("roads");
    d::Category child;
    child.code = "potholes";
    child.parent_id = roads.id;
    child.name = {"حفر", "چاله", "Potholes"};
    child = *s.CreateCategory(child);
    categories_ = {roads.id, child.id, this->SeedCategory("water").id};
    d::Site site;
    site.code = "m1";
    site.name = {"مسجد", "مسجد", "Mosque"};
    sites_ = {s.CreateSite(site)->id};
    agents_ = {this->SeedUser("a1").id, this->SeedUser("a2").id, this->SeedUser("a3").id};

    std::mt19937_64 rng(20251206);
    auto pick = [&](auto n) { return static_cast<std::size_t>(rng() % n); };
    const base::Time start = base::FromMicros(1'733'000'000'000'000);  // 2024-11-30
    const base::Time end = base::FromMicros(1'745'000'000'000'000);    // 2025-04-18
    // Late enough that every stop and hold generated below lies in the past.
    now_ = end + hours(24 * 20);
    this->clock_.Set(now_);
    const auto span = (end - start).count();
    const std::vector<base::Time> edges = {Edge(CalendarKind::kHijriUmmAlQura, {1446, 9, 1}),
                                           Edge(CalendarKind::kHijriUmmAlQura, {1446, 10, 1}),
                                           Edge(CalendarKind::kJalali, {1404, 1, 1}),
                                           Edge(CalendarKind::kJalali, {1404, 2, 1}),
                                           Edge(CalendarKind::kGregorian, {2025, 1, 1}),
                                           Edge(CalendarKind::kGregorian, {2025, 2, 1})};
    // A minute or two either side of a local midnight, or anywhere in the span.
    auto when = [&](int i) {
      if (i % 3 == 0) {
        return edges[pick(edges.size())] + minutes(static_cast<int>(pick(5)) - 2) +
               std::chrono::seconds(7);
      }
      return start + std::chrono::microseconds(static_cast<std::int64_t>(rng() % span));
    };
    auto maybe_agent = [&]() -> std::optional<d::UserId> {
      if (pick(5) == 0) return std::nullopt;
      return agents_[pick(agents_.size())];
    };

    for (int i = 0; i < 300; ++i) {
      const base::Time created = when(i);
      auto nc = this->MakeCase("88" + std::to_string(10000000 + i), categories_[pick(3)]);
      nc.fields.created_at = created;
      nc.fields.channel = static_cast<d::Channel>(pick(8));
      nc.fields.type = static_cast<d::CaseType>(pick(8));
      if (pick(3) != 0) nc.fields.unit_id = units_[pick(3)];
      if (pick(2) == 0) nc.fields.site_id = sites_[0];
      nc.fields.created_by = maybe_agent();
      nc.fields.workflow = "basic";
      nc.fields.state = "new";

      GenCase g;
      // The resolution clock as it stands now, written whole, and its verdict by hand:
      // round the clock, so the due time is start + target + the pauses before it.
      const int shape = static_cast<int>(pick(6));  // 0: no clock
      std::optional<base::Time> closed_at;
      if (shape != 0) {
        d::RequestClock k;
        k.name = d::ClockName::kResolution;
        k.policy = "p";
        k.calendar = "round-the-clock";  // not configured: read as always open
        k.target = hours(std::array{24, 72, 240, 720}[pick(4)]);
        k.started_at = created;
        std::chrono::microseconds pause{0};
        if (pick(2) == 0) {  // a hold early on, over before the due time
          pause = hours(1 + pick(20));
          k.pauses.push_back({created + hours(1), created + hours(1) + pause});
        }
        const base::Time due = created + k.target + pause;
        // Whole hours plus a 17 minutes' offset keep judgements away from the due minute,
        // except the deliberate "stopped exactly at due".
        const auto later = [&](int max_hours) {
          return created + hours(1 + pick(max_hours)) + minutes(17);
        };
        switch (shape) {
          case 1:  // closed: stopped at the closing
          case 2: {
            const base::Time stop = pick(8) == 0 ? due : std::max(later(400), created + hours(30));
            k.run = d::ClockRun::kStopped;
            k.stopped_at = stop;
            closed_at = stop;
            g.verdict = stop <= due ? "met" : "breached";
            break;
          }
          case 3: {  // answered, still open: the workflow stopped the clock
            const base::Time stop = std::max(later(300), created + hours(30));
            k.run = d::ClockRun::kStopped;
            k.stopped_at = stop;
            g.verdict = stop <= due ? "met" : "breached";
            break;
          }
          case 4: {  // running now
            k.run = d::ClockRun::kRunning;
            g.verdict = now_ > due ? "open_breached" : "open_within";
            break;
          }
          case 5: {  // on hold now: judged by the time used before the hold
            const base::Time hold = std::max(later(300), created + hours(30));
            if (hold < now_) {
              k.run = d::ClockRun::kPaused;
              k.pauses.push_back({hold, std::nullopt});
              g.verdict = hold > due ? "open_breached" : "open_within";
            } else {
              k.run = d::ClockRun::kRunning;
              g.verdict = now_ > due ? "open_breached" : "open_within";
            }
            break;
          }
        }
        app::StoredClock stored;
        stored.clock = k;
        nc.service.clocks.push_back(stored);
      }
      // A first-response clock on three requests in four, in turn: answered in time, answered
      // late, still waiting (breached by now unless the request is from the last four hours).
      if (const int turn = static_cast<int>(cases_.size() % 4); turn != 0) {
        d::RequestClock k;
        k.name = d::ClockName::kFirstResponse;
        k.policy = "p";
        k.calendar = "round-the-clock";
        k.target = hours(4);
        k.started_at = created;
        if (turn == 3) {
          k.run = d::ClockRun::kRunning;
          g.first_verdict = now_ > created + hours(4) ? "open_breached" : "open_within";
        } else {
          k.run = d::ClockRun::kStopped;
          k.stopped_at = created + (turn == 1 ? minutes(77) : hours(9) + minutes(17));
          g.first_verdict = turn == 1 ? "met" : "breached";
        }
        app::StoredClock stored;
        stored.clock = k;
        nc.service.clocks.push_back(stored);
      }
      auto made = s.CreateCase(nc);
      ASSERT_TRUE(made.ok()) << made.error().message;
      g.c = *made;
      if (closed_at) {
        app::CaseUpdate u;
        u.id = g.c.id;
        u.expected_version = g.c.version;
        u.after = g.c;
        u.after.status = d::CaseStatus::kClosed;
        u.after.state = "closed";
        u.after.closed_at = closed_at;
        u.after.updated_at = *closed_at;
        u.changes = {{"status", "", "closed"}};
        const bool surveyed = pick(3) != 0;
        const std::string token = "tok-" + std::to_string(i);
        if (surveyed) u.service.survey = app::NewSurvey{token, "ar", *closed_at + hours(24 * 30)};
        auto closed = s.UpdateCase(u);
        ASSERT_TRUE(closed.ok()) << closed.error().message;
        g.c = *closed;
        if (surveyed && pick(4) != 0) {  // some surveys are never answered
          const int rating = 1 + static_cast<int>(pick(5));
          auto answered =
              s.AnswerSurvey(app::SurveyAnswer{token, rating, "", *closed_at + hours(2), {}});
          ASSERT_TRUE(answered.ok()) << answered.error().message;
          g.survey_ratings.push_back(rating);
        }
      }
      cases_.push_back(g);
    }

    for (int i = 0; i < 240; ++i) {
      d::Contact k;
      k.channel = static_cast<d::Channel>(pick(3));
      k.direction = pick(4) == 0 ? d::ContactDirection::kOutbound : d::ContactDirection::kInbound;
      k.outcome = static_cast<d::ContactOutcome>(pick(4));
      if (k.outcome == d::ContactOutcome::kCaseCreated ||
          k.outcome == d::ContactOutcome::kCaseUpdated) {
        k.case_id = cases_[pick(cases_.size())].c.id;
      }
      k.agent_id = maybe_agent();
      k.started_at = when(i);
      auto made = s.CreateContact(k);
      ASSERT_TRUE(made.ok()) << made.error().message;
      contacts_.push_back(*made);
    }

    for (int i = 0; i < 200; ++i) {
      app::CallRating r;
      r.agent_id = maybe_agent();
      r.rating = 1 + static_cast<int>(pick(5));
      r.created_at = when(i);
      r.phone = "+966500000000";
      ASSERT_TRUE(s.AddCallRating(r, std::nullopt).ok());
      ratings_.push_back(GenRating{r.agent_id, r.rating, r.created_at});
    }
  }

  app::Principal Analyst(std::string language = "en") {
    app::Principal p;
    p.user.role = d::Role::kAnalyst;
    p.user.language = std::move(language);
    return p;
  }

  /// Ramadan 1446, Farvardin 1404 and January 2025, each written in its own calendar, and
  /// everything (no bounds).
  std::vector<Period> Periods() {
    return {
        {CalendarKind::kHijriUmmAlQura, "1446-09-01", "1446-09-29",
         Edge(CalendarKind::kHijriUmmAlQura, {1446, 9, 1}),
         Edge(CalendarKind::kHijriUmmAlQura, {1446, 10, 1})},
        {CalendarKind::kJalali, "1404-01-01", "1404-01-31",
         Edge(CalendarKind::kJalali, {1404, 1, 1}), Edge(CalendarKind::kJalali, {1404, 2, 1})},
        {CalendarKind::kGregorian, "2025-01-01", "2025-01-31",
         Edge(CalendarKind::kGregorian, {2025, 1, 1}),
         Edge(CalendarKind::kGregorian, {2025, 2, 1})},
        {CalendarKind::kGregorian, "", "", base::FromMicros(0), base::FromMicros(1LL << 62)},
    };
  }

  static ReportQuery QueryOf(const Period& p) {
    ReportQuery q;
    q.calendar = p.calendar;
    q.from = p.from;
    q.to = p.to;
    return q;
  }

  static bool In(const Period& p, base::Time t) { return t >= p.t0 && t < p.t1; }

  std::set<std::int64_t> UnitsBelow(d::UnitId root) {
    std::set<std::int64_t> out{root.value};
    for (bool grew = true; grew;) {
      grew = false;
      for (const auto& u : this->S().ListUnits()) {
        if (u.parent_id && out.count(u.parent_id->value) && out.insert(u.id.value).second) {
          grew = true;
        }
      }
    }
    return out;
  }

  std::unique_ptr<app::InstallationRef> installation_;
  std::unique_ptr<app::ReportService> reports_;
  std::vector<GenCase> cases_;
  std::vector<d::Contact> contacts_;
  std::vector<GenRating> ratings_;
  std::vector<d::UnitId> units_;
  std::vector<d::CategoryId> categories_;
  std::vector<d::SiteId> sites_;
  std::vector<d::UserId> agents_;
  d::TimeZone tehran_;
  base::Time now_{};
};

TYPED_TEST_SUITE(QualityTest, Engines, EngineNames);

std::string IdKey(const auto& v) { return v ? std::to_string(v->value) : std::string("none"); }

std::string KeyOf(const d::Case& c, BreakdownBy by) {
  switch (by) {
    case BreakdownBy::kCategory:
      return std::to_string(c.category_id.value);
    case BreakdownBy::kChannel:
      return std::string(d::ToString(c.channel));
    case BreakdownBy::kType:
      return std::string(d::ToString(c.type));
    case BreakdownBy::kUnit:
      return IdKey(c.unit_id);
    case BreakdownBy::kSite:
      return IdKey(c.site_id);
    case BreakdownBy::kAgent:
      return IdKey(c.created_by);
    default:
      return "?";
  }
}

void Tally(app::SlaFigures& f, const std::string& verdict) {
  if (verdict == "met") ++f.met;
  if (verdict == "breached" || verdict == "open_breached") ++f.breached;
  if (verdict == "open_breached") ++f.open_breached;
  if (verdict == "open_within") ++f.open_within;
  f.measured = f.met + f.breached;
}

TYPED_TEST(QualityTest, SlaComplianceEqualsARecountInEveryCalendarByEveryDimension) {
  const auto dept_and_below = this->UnitsBelow(this->units_[0]);
  std::int64_t seen_met = 0, seen_breached = 0, seen_within = 0, seen_open_breached = 0;
  for (const Period& p : this->Periods()) {
    for (int filter = 0; filter < 3; ++filter) {
      ReportQuery q = this->QueryOf(p);
      if (filter == 1) q.agent_id = this->agents_[0];
      if (filter == 2) q.unit_id = this->units_[0];
      for (std::optional<BreakdownBy> by :
           {std::optional<BreakdownBy>(), std::optional(BreakdownBy::kCategory),
            std::optional(BreakdownBy::kUnit), std::optional(BreakdownBy::kChannel),
            std::optional(BreakdownBy::kType), std::optional(BreakdownBy::kSite),
            std::optional(BreakdownBy::kAgent)}) {
        app::SlaFigures total;
        std::map<std::string, app::SlaFigures> rows;
        for (const auto& g : this->cases_) {
          const d::Case& c = g.c;
          if (!this->In(p, c.created_at) || g.verdict.empty()) continue;
          if (filter == 1 && c.created_by != this->agents_[0]) continue;
          if (filter == 2 && (!c.unit_id || !dept_and_below.count(c.unit_id->value))) continue;
          Tally(total, g.verdict);
          if (by) Tally(rows[KeyOf(c, *by)], g.verdict);
        }
        auto got = this->reports_->Sla(this->Analyst(), q, by);
        ASSERT_TRUE(got.ok()) << got.error().message;
        const std::string what = p.from + " filter " + std::to_string(filter) + " by " +
                                 std::to_string(by ? static_cast<int>(*by) : -1);
        EXPECT_EQ(got->total, total) << what;
        if (total.measured > 0) {
          EXPECT_DOUBLE_EQ(*got->total.compliance(),
                           static_cast<double>(total.met) / static_cast<double>(total.measured));
        } else {
          EXPECT_FALSE(got->total.compliance());
        }
        std::map<std::string, app::SlaFigures> got_rows;
        for (const auto& r : got->rows) {
          got_rows[r.key] = r.figures;
          EXPECT_FALSE(r.label.empty()) << what << " " << r.key;
        }
        EXPECT_EQ(got_rows, rows) << what;
        if (filter == 0 && !by && p.from.empty()) {
          seen_met = total.met;
          seen_breached = total.breached - total.open_breached;
          seen_within = total.open_within;
          seen_open_breached = total.open_breached;
        }
      }
    }
  }
  // The first-response clock: its own figures when asked for, and beside the resolution's.
  for (const Period& p : this->Periods()) {
    const ReportQuery q = this->QueryOf(p);
    app::SlaFigures first, resolution;
    std::map<std::string, app::SlaFigures> rows;
    for (const auto& g : this->cases_) {
      if (!this->In(p, g.c.created_at)) continue;
      if (!g.first_verdict.empty()) {
        Tally(first, g.first_verdict);
        Tally(rows[KeyOf(g.c, BreakdownBy::kChannel)], g.first_verdict);
      }
      if (!g.verdict.empty()) Tally(resolution, g.verdict);
    }
    auto got = this->reports_->Sla(this->Analyst(), q, BreakdownBy::kChannel,
                                   d::ClockName::kFirstResponse);
    ASSERT_TRUE(got.ok()) << got.error().message;
    EXPECT_EQ(got->total, first) << p.from;
    EXPECT_EQ(got->first_response, first);
    EXPECT_EQ(got->resolution, resolution);
    std::map<std::string, app::SlaFigures> got_rows;
    for (const auto& r : got->rows) got_rows[r.key] = r.figures;
    EXPECT_EQ(got_rows, rows) << p.from;
    if (p.from.empty()) {
      EXPECT_GT(first.met, 0);
      EXPECT_GT(first.breached - first.open_breached, 0);
      EXPECT_GT(first.open_breached, 0) << "a first-response breach is counted";
    }
  }
  // The data set holds every verdict.
  EXPECT_GT(seen_met, 0);
  EXPECT_GT(seen_breached, 0);
  EXPECT_GT(seen_within, 0);
  EXPECT_GT(seen_open_breached, 0);
}

TYPED_TEST(QualityTest, SatisfactionEqualsARecount) {
  for (const Period& p : this->Periods()) {
    for (int filter = 0; filter < 4; ++filter) {
      ReportQuery q = this->QueryOf(p);
      if (filter == 1) q.agent_id = this->agents_[1];
      if (filter == 2) q.channel = d::Channel::kPortal;
      if (filter == 3) q.category_id = this->categories_[2];
      app::RatingFigures calls, requests;
      for (const auto& r : this->ratings_) {
        if (!this->In(p, r.at)) continue;
        if (filter == 1 && r.agent != this->agents_[1]) continue;
        if (filter == 2) continue;  // call ratings rate phone calls
        calls.Add(r.rating);
      }
      for (const auto& g : this->cases_) {
        if (!this->In(p, g.c.created_at)) continue;
        if (filter == 1 && g.c.created_by != this->agents_[1]) continue;
        if (filter == 2 && g.c.channel != d::Channel::kPortal) continue;
        if (filter == 3 && g.c.category_id != this->categories_[2]) continue;
        for (int rating : g.survey_ratings) requests.Add(rating);
      }
      auto got = this->reports_->Satisfaction(this->Analyst(), q);
      ASSERT_TRUE(got.ok()) << got.error().message;
      EXPECT_EQ(got->calls, calls) << p.from << " filter " << filter;
      EXPECT_EQ(got->requests, requests) << p.from << " filter " << filter;
      std::int64_t sum = 0;
      for (auto n : got->calls.distribution) sum += n;
      EXPECT_EQ(sum, got->calls.ratings);
      if (filter == 0) {
        EXPECT_GT(calls.ratings, 0) << p.from;
        EXPECT_GT(requests.ratings, 0) << p.from;
        EXPECT_DOUBLE_EQ(*got->calls.share(),
                         static_cast<double>(calls.satisfied) / static_cast<double>(calls.ratings));
      }
    }
  }
}

/// ISO weekday and hour of `t` in Tehran, by arithmetic: UTC+3:30 all year since 2022.
std::pair<int, int> TehranCell(base::Time t) {
  const auto local = std::chrono::floor<minutes>(t) + hours(3) + minutes(30);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const int wd = static_cast<int>(std::chrono::weekday(day).iso_encoding());
  return {wd, static_cast<int>(std::chrono::floor<hours>(local - day).count())};
}

TYPED_TEST(QualityTest, HeatmapsEqualARecountInTheInstallationsTimeZone) {
  for (const Period& p : this->Periods()) {
    for (app::HeatmapSubject subject :
         {app::HeatmapSubject::kRequests, app::HeatmapSubject::kContacts}) {
      for (int filter = 0; filter < 2; ++filter) {
        ReportQuery q = this->QueryOf(p);
        if (filter == 1) q.agent_id = this->agents_[2];
        std::map<std::pair<int, int>, std::int64_t> expected;
        if (subject == app::HeatmapSubject::kRequests) {
          for (const auto& g : this->cases_) {
            if (!this->In(p, g.c.created_at)) continue;
            if (filter == 1 && g.c.created_by != this->agents_[2]) continue;
            ++expected[TehranCell(g.c.created_at)];
          }
        } else {
          for (const auto& k : this->contacts_) {
            if (!this->In(p, k.started_at) || k.direction != d::ContactDirection::kInbound)
              continue;
            if (filter == 1 && k.agent_id != this->agents_[2]) continue;
            ++expected[TehranCell(k.started_at)];
          }
        }
        auto got = this->reports_->Heatmap(this->Analyst(), q, subject);
        ASSERT_TRUE(got.ok()) << got.error().message;
        ASSERT_EQ(got->cells.size(), 168u);
        EXPECT_EQ(got->subject, subject);
        std::map<std::pair<int, int>, std::int64_t> cells;
        for (std::size_t i = 0; i < got->cells.size(); ++i) {
          const auto& c = got->cells[i];
          EXPECT_EQ(c.weekday, static_cast<int>(i / 24) + 1);
          EXPECT_EQ(c.hour, static_cast<int>(i % 24));
          if (c.count != 0) cells[{c.weekday, c.hour}] = c.count;
        }
        EXPECT_EQ(cells, expected) << p.from << " " << app::ToString(subject) << " " << filter;
      }
    }
  }
}

TYPED_TEST(QualityTest, AgentFiguresEqualARecount) {
  for (const Period& p : this->Periods()) {
    ReportQuery q = this->QueryOf(p);
    struct Want {
      std::int64_t requests = 0, contacts = 0, guidance = 0, fcr_guidance = 0, fcr_registered = 0;
      app::RatingFigures ratings;
    };
    std::map<std::int64_t, Want> want;
    for (const auto& g : this->cases_) {
      if (this->In(p, g.c.created_at) && g.c.created_by) ++want[g.c.created_by->value].requests;
    }
    for (const auto& k : this->contacts_) {
      if (!this->In(p, k.started_at) || !k.agent_id) continue;
      Want& w = want[k.agent_id->value];
      ++w.contacts;
      if (k.outcome == d::ContactOutcome::kGuidance) ++w.guidance;
      if (k.direction == d::ContactDirection::kInbound) {
        w.fcr_guidance += k.outcome == d::ContactOutcome::kGuidance;
        w.fcr_registered += k.outcome == d::ContactOutcome::kCaseCreated;
      }
    }
    for (const auto& r : this->ratings_) {
      if (this->In(p, r.at) && r.agent) want[r.agent->value].ratings.Add(r.rating);
    }
    auto got = this->reports_->Agents(this->Analyst(), q);
    ASSERT_TRUE(got.ok()) << got.error().message;
    ASSERT_EQ(got->size(), want.size()) << p.from;
    for (std::size_t i = 0; i < got->size(); ++i) {
      const app::AgentRow& r = (*got)[i];
      if (i > 0) {
        EXPECT_GE((*got)[i - 1].requests + (*got)[i - 1].contacts, r.requests + r.contacts);
      }
      ASSERT_EQ(want.count(std::stoll(r.key)), 1u) << r.key;
      const Want& w = want[std::stoll(r.key)];
      EXPECT_EQ(r.label, this->S().GetUser(d::UserId{std::stoll(r.key)})->display_name);
      EXPECT_EQ(r.requests, w.requests) << p.from << " " << r.key;
      EXPECT_EQ(r.contacts, w.contacts) << p.from << " " << r.key;
      EXPECT_EQ(r.guidance, w.guidance) << p.from << " " << r.key;
      if (w.fcr_guidance + w.fcr_registered > 0) {
        ASSERT_TRUE(r.first_contact_resolution);
        EXPECT_DOUBLE_EQ(*r.first_contact_resolution,
                         static_cast<double>(w.fcr_guidance) /
                             static_cast<double>(w.fcr_guidance + w.fcr_registered));
      } else {
        EXPECT_FALSE(r.first_contact_resolution);
      }
      EXPECT_EQ(r.satisfaction, w.ratings.share()) << p.from << " " << r.key;
    }
  }
}

TYPED_TEST(QualityTest, TheAgentFilterNarrowsBreakdownTrendAndSummary) {
  const Period p = this->Periods()[1];  // Farvardin 1404
  ReportQuery q = this->QueryOf(p);
  q.agent_id = this->agents_[0];
  std::map<std::string, std::int64_t> expected;
  std::int64_t requests = 0;
  for (const auto& g : this->cases_) {
    if (!this->In(p, g.c.created_at) || g.c.created_by != this->agents_[0]) continue;
    ++expected[std::string(d::ToString(g.c.channel))];
    ++requests;
  }
  ASSERT_GT(requests, 0);
  auto rows = this->reports_->Breakdown(this->Analyst(), q, BreakdownBy::kChannel);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  std::map<std::string, std::int64_t> got;
  for (const auto& r : *rows) got[r.key] = r.count;
  EXPECT_EQ(got, expected);
  auto trend = this->reports_->Trend(this->Analyst(), q, d::PeriodUnit::kMonth);
  ASSERT_TRUE(trend.ok()) << trend.error().message;
  ASSERT_EQ(trend->size(), 1u);
  EXPECT_EQ((*trend)[0].period, "1404-01");
  EXPECT_EQ((*trend)[0].count, requests);

  auto summary = this->reports_->Summary(this->Analyst(), q);
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->requests, requests);
  std::int64_t apart = 0;
  for (const auto& k : this->contacts_) {
    if (!this->In(p, k.started_at) || k.agent_id != this->agents_[0]) continue;
    if (!k.case_id) ++apart;
  }
  EXPECT_EQ(summary->contacts_apart_total, apart);
}

TYPED_TEST(QualityTest, BadInputIsNamedAndOnlyReportingRolesRead) {
  ReportQuery q;
  q.agent_id = d::UserId{987654};
  EXPECT_EQ(this->reports_->Sla(this->Analyst(), q, std::nullopt).error().field, "agent");
  EXPECT_EQ(this->reports_->Agents(this->Analyst(), q).error().field, "agent");
  auto unknown = this->reports_->Breakdown(this->Analyst(), q, BreakdownBy::kType);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "agent");
  auto by_status = this->reports_->Sla(this->Analyst(), {}, BreakdownBy::kStatus);
  ASSERT_FALSE(by_status.ok());
  EXPECT_EQ(by_status.error().field, "by");
  for (d::Role role : {d::Role::kAgent, d::Role::kDispatcher, d::Role::kUnitStaff}) {
    app::Principal who = this->Analyst();
    who.user.role = role;
    EXPECT_EQ(this->reports_->Sla(who, {}, std::nullopt).error().code, ErrorCode::kForbidden);
    EXPECT_EQ(this->reports_->Satisfaction(who, {}).error().code, ErrorCode::kForbidden);
    EXPECT_EQ(this->reports_->Heatmap(who, {}, app::HeatmapSubject::kRequests).error().code,
              ErrorCode::kForbidden);
    EXPECT_EQ(this->reports_->Agents(who, {}).error().code, ErrorCode::kForbidden);
  }
}

}  // namespace
}  // namespace tawasul::store_contract
