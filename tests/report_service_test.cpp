// Reports on a generated data set with known answers (seeded), on SQLite and PostgreSQL: every
// breakdown, trend and summary figure is compared with a recount from the generated rows, and
// breakdowns and trends read from the daily totals (migration 0007) with the raw-row path. The
// trend recount converts each instant with domain::LocalDateOf (ICU, the instant written in the
// calendar), not with the period code it checks. Requests straddle the boundaries of Ramadan /
// Shawwal 1446, Esfand 1403 / Farvardin 1404 (Nowruz) and the Gregorian new year, in Asia/Tehran
// (UTC+3:30) so local dates differ from UTC dates near midnight.
#include "app/reports/report_service.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "app/installation/installation.hpp"
#include "store_contract_fixture.hpp"

namespace tawasul::store_contract {
namespace {

using app::BreakdownBy;
using app::ReportQuery;
using d::CalendarKind;
using d::PeriodUnit;

struct Generated {
  d::Case c;
  std::optional<base::Time> first_action;
  std::set<std::string> tags;
};

const std::vector<std::string> kTags = {"سيول", "کرونا", "crisis-1446"};

/// Day ranges on local midnights in each calendar (months across the boundaries the data
/// straddles), an open range, and RFC 3339 instants: one on a local midnight, one not.
std::vector<ReportQuery> Ranges(const d::TimeZone& zone) {
  std::vector<ReportQuery> out;
  auto add = [&](CalendarKind k, std::string from, std::string to) {
    ReportQuery q;
    q.calendar = k;
    q.from = std::move(from);
    q.to = std::move(to);
    out.push_back(q);
  };
  add(CalendarKind::kGregorian, "2024-12-01", "2024-12-31");
  add(CalendarKind::kGregorian, "2025-01-01", "2025-01-31");
  add(CalendarKind::kGregorian, "2025-03-01", "2025-04-30");
  add(CalendarKind::kHijriUmmAlQura, "1446-09-01", "1446-09-29");
  add(CalendarKind::kHijriUmmAlQura, "1446-10-01", "1446-10-29");
  add(CalendarKind::kJalali, "1403-12-01", "1403-12-30");
  add(CalendarKind::kJalali, "1404-01-01", "1404-01-31");
  add(CalendarKind::kGregorian, "", "");
  add(CalendarKind::kGregorian, "2025-02-10", "");
  const auto midnight =
      *d::InstantOf(zone, CalendarKind::kJalali, {1404, 1, 1}, std::chrono::minutes(0));
  add(CalendarKind::kGregorian, base::FormatRfc3339(midnight - std::chrono::hours(24 * 40)),
      base::FormatRfc3339(midnight));
  add(CalendarKind::kGregorian, "2025-01-05T10:00:00Z", "2025-02-05T10:00:00Z");
  return out;
}

constexpr BreakdownBy kDims[] = {BreakdownBy::kCategory, BreakdownBy::kChannel, BreakdownBy::kType,
                                 BreakdownBy::kStatus,   BreakdownBy::kUnit,    BreakdownBy::kSite,
                                 BreakdownBy::kAgent,    BreakdownBy::kTag,     BreakdownBy::kBranch};


template <class Engine>
class ReportTest : public StoreContract<Engine> {
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
    // The daily totals follow Tehran from the start: the triggers count every write below.
    auto synced = reports_->SyncDailyTotals();
    ASSERT_TRUE(synced.ok()) << synced.error().message;
    Generate();
  }

  /// A tree of units and categories, sites, agents, and 400 requests from Dec 2024 to Apr 2025.
  void Generate() {
    auto& s = this->S();
    const auto dir = this->SeedUnit("dir");
    d::Unit dept;
    dept.code = "dept";
    dept.parent_id = dir.id;
    dept.name = {"قسم", "بخش", "Department"};
    dept = *s.CreateUnit(dept);
    const auto other = this->SeedUnit("other");
    units_ = {dir.id, dept.id, other.id};
    const auto root = this->SeedCategory("roads");
    d::Category child;
    child.code = "potholes";
    child.parent_id = root.id;
    child.name = {"حفر", "چاله", "Potholes"};
    child = *s.CreateCategory(child);
    const auto water = this->SeedCategory("water");
    categories_ = {root.id, child.id, water.id};
    d::Site site;
    site.code = "m1";
    site.name = {"مسجد", "مسجد", "Mosque"};
    sites_ = {s.CreateSite(site)->id};
    agents_ = {this->SeedUser("a1").id, this->SeedUser("a2").id};
    tehran_ = *d::TimeZone::Make("Asia/Tehran");

    std::mt19937_64 rng(20250301);
    auto pick = [&](auto n) { return static_cast<std::size_t>(rng() % n); };
    const base::Time start = base::FromMicros(1'733'000'000'000'000);  // 2024-11-30
    const base::Time end = base::FromMicros(1'745'000'000'000'000);    // 2025-04-18
    const auto span = (end - start).count();
    // Local midnights at the boundaries, so some requests land a minute either side.
    std::vector<base::Time> edges;
    for (auto [k, date] : std::vector<std::pair<CalendarKind, d::CivilDate>>{
             {CalendarKind::kHijriUmmAlQura, {1446, 9, 1}},
             {CalendarKind::kHijriUmmAlQura, {1446, 10, 1}},
             {CalendarKind::kJalali, {1404, 1, 1}},
             {CalendarKind::kJalali, {1403, 12, 1}},
             {CalendarKind::kGregorian, {2025, 1, 1}},
             {CalendarKind::kGregorian, {2025, 4, 1}}}) {
      edges.push_back(*d::InstantOf(tehran_, k, date, std::chrono::minutes(0)));
    }
    for (int i = 0; i < 400; ++i) {
      base::Time created;
      if (i % 4 == 0) {
        const auto edge = edges[pick(edges.size())];
        created =
            edge + std::chrono::minutes(static_cast<int>(pick(5)) - 2) + std::chrono::seconds(1);
      } else {
        created = start + std::chrono::microseconds(static_cast<std::int64_t>(rng() % span));
      }
      auto nc = this->MakeCase("77" + std::to_string(10000000 + i), categories_[pick(3)]);
      nc.fields.created_at = created;
      nc.fields.channel = static_cast<d::Channel>(pick(8));
      nc.fields.type = static_cast<d::CaseType>(pick(8));
      if (pick(3) != 0) nc.fields.unit_id = units_[pick(3)];
      if (pick(4) == 0) nc.fields.branch_id = units_[2];  // taken at a branch
      if (pick(2) == 0) nc.fields.site_id = sites_[0];
      if (pick(4) != 0) nc.fields.created_by = agents_[pick(2)];
      nc.fields.workflow = "basic";
      nc.fields.state = "new";
      auto made = s.CreateCase(nc);
      ASSERT_TRUE(made.ok()) << made.error().message;
      Generated g{*made, std::nullopt, {}};
      for (const auto& tag : kTags) {
        if (pick(4) != 0) continue;
        auto added = s.TagCase(g.c.id, tag, d::TagKey(tag), agents_[0], created);
        ASSERT_TRUE(added.ok());
        EXPECT_TRUE(*added);
        g.tags.insert(tag);
      }
      if (pick(2) == 0) {  // an action some hours later: the first response
        app::ActionWrite w;
        w.action = "dispatch";
        w.from_state = g.c.state;
        w.update.id = g.c.id;
        w.update.expected_version = g.c.version;
        w.update.after = g.c;
        w.update.after.state = "dispatched";
        w.update.after.status = d::CaseStatus::kDispatched;
        w.update.after.updated_at = created + std::chrono::minutes(10 + pick(5000));
        auto acted = s.ApplyAction(w, nullptr);
        ASSERT_TRUE(acted.ok()) << acted.error().message;
        g.first_action = w.update.after.updated_at;
        g.c = *acted;
      }
      if (pick(3) == 0) {  // closed later
        app::CaseUpdate u;
        u.id = g.c.id;
        u.expected_version = g.c.version;
        u.after = g.c;
        u.after.status = d::CaseStatus::kClosed;
        u.after.state = "closed";
        u.after.closed_at = created + std::chrono::hours(1 + pick(400));
        u.after.updated_at = *u.after.closed_at;
        u.changes = {{"status", "", "closed"}};
        auto closed = s.UpdateCase(u);
        ASSERT_TRUE(closed.ok()) << closed.error().message;
        g.c = *closed;
      }
      cases_.push_back(g);
    }
    for (int i = 0; i < 120; ++i) {
      d::Contact k;
      k.channel = static_cast<d::Channel>(pick(3));
      k.direction = pick(4) == 0 ? d::ContactDirection::kOutbound : d::ContactDirection::kInbound;
      k.outcome = static_cast<d::ContactOutcome>(pick(8));
      if (k.outcome == d::ContactOutcome::kCaseCreated ||
          k.outcome == d::ContactOutcome::kCaseUpdated) {
        k.case_id = cases_[pick(cases_.size())].c.id;
      }
      k.started_at = start + std::chrono::microseconds(static_cast<std::int64_t>(rng() % span));
      auto made = s.CreateContact(k);
      ASSERT_TRUE(made.ok());
      contacts_.push_back(*made);
    }
    this->clock_.Set(end + std::chrono::hours(24 * 10));
  }

  app::Principal Analyst(std::string language = "en") {
    app::Principal p;
    p.user.role = d::Role::kAnalyst;
    p.user.language = std::move(language);
    return p;
  }

  std::set<std::int64_t> Below(
      const std::vector<std::pair<std::int64_t, std::optional<std::int64_t>>>& tree,
      std::int64_t root) {
    std::set<std::int64_t> out{root};
    for (bool grew = true; grew;) {
      grew = false;
      for (auto [id, parent] : tree) {
        if (parent && out.count(*parent) && out.insert(id).second) grew = true;
      }
    }
    return out;
  }

  // --- daily totals (migration 0007, decision 0011) ---

  /// Moves requests the ways reports see: refers (unit), category fixes, channel and type fixes,
  /// status changes back and forth. Keeps `cases_` in step.
  void Shuffle(int salt) {
    auto& s = this->S();
    std::mt19937_64 rng(777 + salt);
    for (std::size_t i = static_cast<std::size_t>(salt); i < this->cases_.size(); i += 5) {
      auto& g = this->cases_[i];
      app::CaseUpdate u;
      u.id = g.c.id;
      u.expected_version = g.c.version;
      u.after = g.c;
      switch (rng() % 5) {
        case 0:  // refer: another unit, or none
          u.after.unit_id = rng() % 4 == 0 ? std::nullopt
                                           : std::optional(this->units_[rng() % this->units_.size()]);
          u.after.status = d::CaseStatus::kReferred;
          break;
        case 1:
          u.after.category_id = this->categories_[rng() % this->categories_.size()];
          break;
        case 2:
          u.after.channel = static_cast<d::Channel>(rng() % 8);
          u.after.type = static_cast<d::CaseType>(rng() % 8);
          break;
        case 3:
          u.after.status = static_cast<d::CaseStatus>(rng() % 7);
          break;
        default:
          u.after.site_id = g.c.site_id ? std::nullopt : std::optional(this->sites_[0]);
          break;
      }
      u.after.updated_at = g.c.updated_at + std::chrono::minutes(1);
      u.changes = {{"unit", "", ""}};
      auto done = s.UpdateCase(u);
      ASSERT_TRUE(done.ok()) << done.error().message;
      g.c = *done;
    }
  }

  /// The filters a report may carry, one at a time and one pair.
  std::vector<ReportQuery> WithFilters(const ReportQuery& base_query) {
    std::vector<ReportQuery> out(9, base_query);
    out[1].unit_id = this->units_[0];
    out[2].category_id = this->categories_[0];
    out[3].channel = d::Channel::kPortal;
    out[4].type = d::CaseType::kComplaint;
    out[5].agent_id = this->agents_[1];
    out[6].site_id = this->sites_[0];
    out[7].tag = kTags[1];
    out[8].unit_id = this->units_[1];
    out[8].category_id = this->categories_[1];
    return out;
  }

  /// Every breakdown and trend through the totals equals the raw-row path, row for row.
  void ExpectTotalsEqualRaw(app::ReportService& totals, app::ReportService& raw,
                            const d::TimeZone& zone, const std::string& where) {
    for (const ReportQuery& range : Ranges(zone)) {
      for (const ReportQuery& q : WithFilters(range)) {
        for (BreakdownBy by : kDims) {
          auto a = totals.Breakdown(this->Analyst("ar"), q, by);
          auto b = raw.Breakdown(this->Analyst("ar"), q, by);
          ASSERT_TRUE(a.ok() && b.ok());
          EXPECT_EQ(*a, *b) << where << " " << q.from << ".." << q.to << " by "
                            << static_cast<int>(by);
        }
        // Roll-ups to the top level: the same through both paths, and nothing lost or counted
        // twice (the rows sum to the unrolled rows' sum).
        for (BreakdownBy by : {BreakdownBy::kCategory, BreakdownBy::kUnit}) {
          const app::RollUp top{app::RollUp::Kind::kDepth, 1, d::UnitKind::kDirectorate};
          auto a = totals.Breakdown(this->Analyst("ar"), q, by, top);
          auto b = raw.Breakdown(this->Analyst("ar"), q, by, top);
          auto leaf = raw.Breakdown(this->Analyst("ar"), q, by);
          ASSERT_TRUE(a.ok() && b.ok() && leaf.ok());
          EXPECT_EQ(*a, *b) << where << " rolled up by " << static_cast<int>(by);
          auto sum = [](const std::vector<app::BreakdownRow>& rows) {
            std::int64_t n = 0;
            for (const auto& r : rows) n += r.count;
            return n;
          };
          EXPECT_EQ(sum(*a), sum(*leaf)) << where;
          EXPECT_LE(a->size(), leaf->size());
        }
        if (q.from.empty() || q.to.empty()) continue;
        for (PeriodUnit unit : {PeriodUnit::kDay, PeriodUnit::kWeek, PeriodUnit::kMonth,
                                PeriodUnit::kQuarter, PeriodUnit::kYear}) {
          for (CalendarKind kind :
               {CalendarKind::kGregorian, CalendarKind::kHijriUmmAlQura, CalendarKind::kJalali}) {
            // Dates are written in their calendar; instants read the same in any.
            if (q.from.size() == 10 && kind != q.calendar) continue;
            ReportQuery tq = q;
            tq.calendar = kind;
            auto a = totals.Trend(this->Analyst(), tq, unit);
            auto b = raw.Trend(this->Analyst(), tq, unit);
            ASSERT_TRUE(a.ok() && b.ok()) << (a.ok() ? b.error().message : a.error().message);
            EXPECT_EQ(*a, *b) << where << " " << q.from << ".." << q.to << " "
                              << d::ToString(tq.calendar) << " " << d::ToString(unit);
          }
        }
      }
    }
  }

  std::unique_ptr<app::InstallationRef> installation_;
  std::unique_ptr<app::ReportService> reports_;
  std::vector<Generated> cases_;
  std::vector<d::Contact> contacts_;
  std::vector<d::UnitId> units_;
  std::vector<d::CategoryId> categories_;
  std::vector<d::SiteId> sites_;
  std::vector<d::UserId> agents_;
  d::TimeZone tehran_;
};

TYPED_TEST_SUITE(ReportTest, Engines, EngineNames);

std::string Key(const d::Case& c, BreakdownBy by) {
  auto id = [](const auto& v) { return v ? std::to_string(v->value) : std::string("none"); };
  switch (by) {
    case BreakdownBy::kCategory:
      return std::to_string(c.category_id.value);
    case BreakdownBy::kChannel:
      return std::string(d::ToString(c.channel));
    case BreakdownBy::kType:
      return std::string(d::ToString(c.type));
    case BreakdownBy::kStatus:
      return std::string(d::ToString(c.status));
    case BreakdownBy::kUnit:
      return id(c.unit_id);
    case BreakdownBy::kSite:
      return id(c.site_id);
    case BreakdownBy::kAgent:
      return id(c.created_by);
    case BreakdownBy::kBranch:
      return id(c.branch_id);
    case BreakdownBy::kTag:
    case BreakdownBy::kAttribute:
      break;  // counted per tag by the caller; attributes in report_http_test
  }
  return {};
}

TYPED_TEST(ReportTest, RollUpsCountEachSubtreeOnceAtTheLevelAsked) {
  // The fixture's trees: units dir > dept and other; categories roads > potholes and water.
  const std::string dir = std::to_string(this->units_[0].value);
  const std::string dept = std::to_string(this->units_[1].value);
  const std::string roads = std::to_string(this->categories_[0].value);
  const std::string potholes = std::to_string(this->categories_[1].value);
  auto counts = [&](BreakdownBy by, const app::RollUp& roll) {
    auto rows = this->reports_->Breakdown(this->Analyst("en"), ReportQuery{}, by, roll);
    EXPECT_TRUE(rows.ok()) << rows.error().message;
    std::map<std::string, std::int64_t> out;
    if (rows.ok()) {
      for (const auto& r : *rows) {
        out[r.key] = r.count;
        if (r.key == "none" && by == BreakdownBy::kUnit) {
          EXPECT_EQ(r.label, "Not yet referred");
        }
      }
    }
    return out;
  };
  const app::RollUp top{app::RollUp::Kind::kDepth, 1, d::UnitKind::kDirectorate};

  for (BreakdownBy by : {BreakdownBy::kUnit, BreakdownBy::kCategory}) {
    const std::string& parent = by == BreakdownBy::kUnit ? dir : roads;
    const std::string& child = by == BreakdownBy::kUnit ? dept : potholes;
    std::map<std::string, std::int64_t> expected;
    for (const auto& g : this->cases_) {
      std::string key = Key(g.c, by);
      if (key == child) key = parent;  // the child's requests count under the parent, once
      ++expected[key];
    }
    const auto leaf = counts(by, {});
    ASSERT_GT(leaf.count(child) ? leaf.at(child) : 0, 0) << "the fixture files requests below";
    EXPECT_EQ(counts(by, top), expected) << static_cast<int>(by);
    EXPECT_EQ(counts(by, {app::RollUp::Kind::kDepth, 2, d::UnitKind::kDirectorate}), leaf)
        << "the deepest level is the leaf breakdown";
    auto too_deep = this->reports_->Breakdown(this->Analyst(), ReportQuery{}, by,
                                              {app::RollUp::Kind::kDepth, 3, {}});
    ASSERT_FALSE(too_deep.ok());
    EXPECT_EQ(too_deep.error().field, "level");
  }

  // The SLA report rolls up the same way: a top row's figures are its subtree's, each once.
  for (BreakdownBy by : {BreakdownBy::kUnit, BreakdownBy::kCategory}) {
    const std::string& parent = by == BreakdownBy::kUnit ? dir : roads;
    const std::string& child = by == BreakdownBy::kUnit ? dept : potholes;
    auto leaf = this->reports_->Sla(this->Analyst(), ReportQuery{}, by);
    auto rolled = this->reports_->Sla(this->Analyst(), ReportQuery{}, by,
                                      d::ClockName::kResolution, top);
    ASSERT_TRUE(leaf.ok() && rolled.ok());
    std::map<std::string, std::int64_t> expected, got;
    for (const auto& r : leaf->rows) expected[r.key == child ? parent : r.key] += r.figures.measured;
    for (const auto& r : rolled->rows) got[r.key] += r.figures.measured;
    EXPECT_EQ(got, expected);
    EXPECT_EQ(got.count(child), 0u);
    EXPECT_EQ(rolled->total, leaf->total);
  }
  auto no_by = this->reports_->Sla(this->Analyst(), ReportQuery{}, std::nullopt,
                                   d::ClockName::kResolution, top);
  ASSERT_FALSE(no_by.ok());
  EXPECT_EQ(no_by.error().field, "level");

  // By kind of unit: no directorate yet is a clear error; once dir is one, dept rolls into it.
  const app::RollUp directorates{app::RollUp::Kind::kUnitKind, 0, d::UnitKind::kDirectorate};
  auto none_yet = this->reports_->Breakdown(this->Analyst(), ReportQuery{}, BreakdownBy::kUnit,
                                            directorates);
  if (none_yet.ok()) {
    // The fixture's units may already be directorates; then the roll-up is checked below.
  } else {
    EXPECT_EQ(none_yet.error().field, "level");
  }
  d::Unit u;
  for (const auto& x : this->S().ListUnits()) {
    if (x.id == this->units_[0]) u = x;
  }
  u.kind = d::UnitKind::kDirectorate;
  ASSERT_TRUE(this->S().UpdateUnit(u).ok());
  for (const auto& x : this->S().ListUnits()) {
    if (x.id != this->units_[0] && x.kind == d::UnitKind::kDirectorate) {
      d::Unit y = x;
      y.kind = d::UnitKind::kDepartment;
      ASSERT_TRUE(this->S().UpdateUnit(y).ok());
    }
  }
  EXPECT_EQ(counts(BreakdownBy::kUnit, directorates), counts(BreakdownBy::kUnit, top))
      << "dir is the only directorate and the only parent";

  EXPECT_EQ(app::ParseRollUp("directorate", BreakdownBy::kCategory), std::nullopt);
  EXPECT_EQ(app::ParseRollUp("1", BreakdownBy::kChannel), std::nullopt);
  EXPECT_EQ(app::ParseRollUp("0", BreakdownBy::kUnit), std::nullopt);
  EXPECT_EQ(app::ParseRollUp("leaf", BreakdownBy::kUnit), app::RollUp{});
}

TYPED_TEST(ReportTest, BreakdownsEqualARecountForEveryDimensionAndFilter) {
  // A Hijri month given as Hijri dates: Ramadan 1446, both days included.
  ReportQuery q;
  q.calendar = CalendarKind::kHijriUmmAlQura;
  q.from = "1446-09-01";
  q.to = "1446-09-29";
  const base::Time from =
      *d::InstantOf(this->tehran_, q.calendar, {1446, 9, 1}, std::chrono::minutes(0));
  const base::Time to =
      *d::InstantOf(this->tehran_, q.calendar, {1446, 10, 1}, std::chrono::minutes(0));

  std::vector<std::pair<std::int64_t, std::optional<std::int64_t>>> unit_tree, cat_tree;
  for (const auto& u : this->S().ListUnits()) {
    unit_tree.push_back(
        {u.id.value, u.parent_id ? std::optional(u.parent_id->value) : std::nullopt});
  }
  for (const auto& c : this->S().ListCategories()) {
    cat_tree.push_back(
        {c.id.value, c.parent_id ? std::optional(c.parent_id->value) : std::nullopt});
  }
  const auto units = this->Below(unit_tree, this->units_[0].value);
  const auto cats = this->Below(cat_tree, this->categories_[0].value);

  std::int64_t total_in_month = 0;
  for (int filter = 0; filter < 5; ++filter) {
    ReportQuery fq = q;
    if (filter == 1) fq.unit_id = this->units_[0];
    if (filter == 2) fq.category_id = this->categories_[0];
    if (filter == 3) fq.channel = d::Channel::kPhone;
    if (filter == 4) fq.tag = kTags[0];
    for (BreakdownBy by :
         {BreakdownBy::kCategory, BreakdownBy::kChannel, BreakdownBy::kType, BreakdownBy::kStatus,
          BreakdownBy::kUnit, BreakdownBy::kSite, BreakdownBy::kAgent, BreakdownBy::kTag,
          BreakdownBy::kBranch}) {
      std::map<std::string, std::int64_t> expected;
      for (const auto& g : this->cases_) {
        const d::Case& c = g.c;
        if (c.created_at < from || c.created_at >= to) continue;
        if (filter == 1 && (!c.unit_id || !units.count(c.unit_id->value))) continue;
        if (filter == 2 && !cats.count(c.category_id.value)) continue;
        if (filter == 3 && c.channel != d::Channel::kPhone) continue;
        if (filter == 4 && !g.tags.count(kTags[0])) continue;
        if (by == BreakdownBy::kTag) {
          for (const auto& tag : g.tags) ++expected[tag];
        } else {
          ++expected[Key(c, by)];
        }
      }
      auto rows = this->reports_->Breakdown(this->Analyst(), fq, by);
      ASSERT_TRUE(rows.ok()) << rows.error().message;
      std::map<std::string, std::int64_t> got;
      for (const auto& r : *rows) {
        got[r.key] = r.count;
        EXPECT_FALSE(r.label.empty()) << r.key;
      }
      EXPECT_EQ(got, expected) << "filter " << filter << " by " << static_cast<int>(by);
      if (filter == 0 && by == BreakdownBy::kType) {
        for (const auto& [k, n] : expected) total_in_month += n;
      }
    }
  }
  EXPECT_GT(total_in_month, 0);
}

TYPED_TEST(ReportTest, TrendsEqualARecountInEveryCalendarAndPeriod) {
  for (CalendarKind kind :
       {CalendarKind::kGregorian, CalendarKind::kHijriUmmAlQura, CalendarKind::kJalali}) {
    for (PeriodUnit unit : {PeriodUnit::kDay, PeriodUnit::kWeek, PeriodUnit::kMonth,
                            PeriodUnit::kQuarter, PeriodUnit::kYear}) {
      ReportQuery q;
      q.calendar = kind;
      q.from = "2024-12-15T00:00:00Z";
      q.to = "2025-04-10T00:00:00Z";
      const base::Time from = *base::ParseRfc3339(q.from);
      const base::Time to = *base::ParseRfc3339(q.to);
      auto rows = this->reports_->Trend(this->Analyst(), q, unit);
      ASSERT_TRUE(rows.ok()) << rows.error().message;
      std::map<std::string, std::int64_t> expected;
      for (const auto& g : this->cases_) {
        const base::Time t = g.c.created_at;
        if (t < from || t >= to) continue;
        const d::CivilDate c = d::LocalDateOf(this->tehran_, t, kind);
        char label[32];
        switch (unit) {
          case PeriodUnit::kDay:
            std::snprintf(label, sizeof label, "%04d-%02d-%02d", c.year, c.month, c.day);
            break;
          case PeriodUnit::kWeek: {
            const auto day = d::ToLocalDays(d::LocalDateOf(this->tehran_, t));
            const unsigned wd =
                std::chrono::weekday(std::chrono::sys_days(day.time_since_epoch())).c_encoding();
            d::CalendarConverter conv;
            const auto sat = conv.FromDays(kind, day - std::chrono::days((wd + 1) % 7));
            std::snprintf(label, sizeof label, "%04d-%02d-%02d", sat.year, sat.month, sat.day);
            break;
          }
          case PeriodUnit::kMonth:
            std::snprintf(label, sizeof label, "%04d-%02d", c.year, c.month);
            break;
          case PeriodUnit::kQuarter:
            std::snprintf(label, sizeof label, "%04d-Q%d", c.year, (c.month - 1) / 3 + 1);
            break;
          case PeriodUnit::kYear:
            std::snprintf(label, sizeof label, "%04d", c.year);
            break;
        }
        ++expected[label];
      }
      std::map<std::string, std::int64_t> got;
      std::int64_t sum = 0;
      for (const auto& r : *rows) {
        EXPECT_EQ(got.count(r.period), 0u) << r.period;
        if (r.count != 0) got[r.period] = r.count;
        sum += r.count;
        EXPECT_LT(r.from, r.to);
      }
      for (std::size_t i = 1; i < rows->size(); ++i) EXPECT_EQ((*rows)[i].from, (*rows)[i - 1].to);
      EXPECT_EQ(got, expected) << d::ToString(kind) << " " << d::ToString(unit);
      std::int64_t all = 0;
      for (const auto& [k, n] : expected) all += n;
      EXPECT_EQ(sum, all);
    }
  }
}

TYPED_TEST(ReportTest, HijriAndJalaliMonthsAreTheirOwnPeriods) {
  ReportQuery q;
  q.calendar = CalendarKind::kHijriUmmAlQura;
  q.from = "1446-08-01";
  q.to = "1446-10-29";
  auto rows = this->reports_->Trend(this->Analyst(), q, PeriodUnit::kMonth);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[1].period, "1446-09");
  EXPECT_EQ((*rows)[1].from, "2025-03-01");
  EXPECT_EQ((*rows)[1].to, "2025-03-30");
  q.calendar = CalendarKind::kJalali;
  q.from = "1403-12-01";
  q.to = "1404-01-31";
  rows = this->reports_->Trend(this->Analyst(), q, PeriodUnit::kMonth);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].period, "1403-12");
  EXPECT_EQ((*rows)[1].period, "1404-01");
  EXPECT_EQ((*rows)[1].from, "2025-03-21");
}

TYPED_TEST(ReportTest, SummaryEqualsARecount) {
  ReportQuery q;
  q.from = "2025-01-01";
  q.to = "2025-03-31";
  const base::Time from =
      *d::InstantOf(this->tehran_, CalendarKind::kGregorian, {2025, 1, 1}, std::chrono::minutes(0));
  const base::Time to =
      *d::InstantOf(this->tehran_, CalendarKind::kGregorian, {2025, 4, 1}, std::chrono::minutes(0));
  auto s = this->reports_->Summary(this->Analyst("ar"), q);
  ASSERT_TRUE(s.ok()) << s.error().message;

  std::int64_t requests = 0, backlog = 0;
  std::vector<std::int64_t> first, resolution;
  std::int64_t aging[5] = {0, 0, 0, 0, 0};
  const base::Time now = this->clock_.Now();
  for (const auto& g : this->cases_) {
    const d::Case& c = g.c;
    if (c.status != d::CaseStatus::kClosed) {
      ++backlog;
      const auto days =
          std::chrono::duration_cast<std::chrono::hours>(now - c.created_at).count() / 24;
      ++aging[days <= 2 ? 0 : days <= 7 ? 1 : days <= 14 ? 2 : days <= 30 ? 3 : 4];
    }
    if (c.created_at < from || c.created_at >= to) continue;
    ++requests;
    if (g.first_action) {
      first.push_back(
          std::chrono::duration_cast<std::chrono::seconds>(*g.first_action - c.created_at).count());
    }
    if (c.closed_at) {
      resolution.push_back(
          std::chrono::duration_cast<std::chrono::seconds>(*c.closed_at - c.created_at).count());
    }
  }
  EXPECT_EQ(s->requests, requests);
  EXPECT_EQ(s->backlog, backlog);
  ASSERT_EQ(s->aging.size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(s->aging[i].count, aging[i]) << i;
  EXPECT_EQ(s->first_response, app::ReportService::Stats(first));
  EXPECT_EQ(s->resolution, app::ReportService::Stats(resolution));
  EXPECT_GT(s->first_response.count, 0);
  EXPECT_GT(s->resolution.count, 0);

  std::map<std::string, std::int64_t> apart;
  std::int64_t guidance = 0, registered = 0;
  for (const auto& k : this->contacts_) {
    if (k.started_at < from || k.started_at >= to) continue;
    if (k.direction == d::ContactDirection::kInbound) {
      guidance += k.outcome == d::ContactOutcome::kGuidance;
      registered += k.outcome == d::ContactOutcome::kCaseCreated;
    }
    if (!k.case_id) ++apart[std::string(d::ToString(k.channel))];
  }
  std::map<std::string, std::int64_t> got;
  for (const auto& r : s->contacts_apart) got[r.key] = r.count;
  EXPECT_EQ(got, apart);
  ASSERT_TRUE(s->first_contact_resolution);
  EXPECT_DOUBLE_EQ(*s->first_contact_resolution,
                   static_cast<double>(guidance) / static_cast<double>(guidance + registered));
}

TYPED_TEST(ReportTest, TagsAreAddedOnceRemovedAndValidated) {
  auto& s = this->S();
  const d::CaseId id = this->cases_[0].c.id;
  app::Principal dispatcher = this->Analyst();
  dispatcher.user.role = d::Role::kDispatcher;
  dispatcher.user.id = this->agents_[1];
  auto tags = this->reports_->Tag(dispatcher, id, "طوارئ");
  ASSERT_TRUE(tags.ok()) << tags.error().message;
  EXPECT_NE(std::find(tags->begin(), tags->end(), "طوارئ"), tags->end());
  const auto before = s.Timeline(id).size();
  ASSERT_TRUE(this->reports_->Tag(dispatcher, id, "طوارئ").ok());  // again: nothing written
  EXPECT_EQ(s.Timeline(id).size(), before);
  tags = this->reports_->Untag(dispatcher, id, "طوارئ");
  ASSERT_TRUE(tags.ok());
  EXPECT_EQ(std::find(tags->begin(), tags->end(), "طوارئ"), tags->end());
  EXPECT_EQ(s.Timeline(id).size(), before + 1);
  EXPECT_EQ(s.Timeline(id).back().kind, "tag");
  EXPECT_EQ(s.Timeline(id).back().from, "طوارئ");
  for (const char* bad : {"", "two words", "a/b", "x\x01"}) {
    auto r = this->reports_->Tag(dispatcher, id, bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().field, "tag");
  }
  auto missing = this->reports_->Tag(dispatcher, d::CaseId{999999}, "x");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, base::ErrorCode::kNotFound);
  auto forbidden = this->reports_->Tag(this->Analyst(), id, "x");
  ASSERT_FALSE(forbidden.ok());
  EXPECT_EQ(forbidden.error().code, base::ErrorCode::kForbidden);
}

TYPED_TEST(ReportTest, OldTagsAreRekeyedAndMergedAndAdminsMergeSynonyms) {
  auto& s = this->S();
  const d::CaseId a = this->cases_[0].c.id, b = this->cases_[1].c.id;
  const base::Time now = base::FromMicros(1'760'000'000'000'000);
  auto count = [&](d::CaseId id, const std::string& name) {
    const auto tags = s.CaseTags(id);
    return std::count(tags.begin(), tags.end(), name);
  };
  // Two tags from before the registry, keyed by their lower case only: the same word with and
  // without hamza and taa marbuta.
  ASSERT_TRUE(s.TagCase(a, "إغاثة", "إغاثة", std::nullopt, now).ok());
  ASSERT_TRUE(s.TagCase(a, "اغاثه", "اغاثه", std::nullopt, now).ok());
  ASSERT_TRUE(s.TagCase(b, "اغاثه", "اغاثه", std::nullopt, now).ok());
  const auto before = s.ListTags().size();
  auto merged = this->reports_->RekeyTags();
  ASSERT_TRUE(merged.ok()) << merged.error().message;
  EXPECT_EQ(*merged, 1);
  EXPECT_EQ(s.ListTags().size(), before - 1);
  EXPECT_EQ(count(a, "إغاثة"), 1) << "once, under the older tag";
  EXPECT_EQ(count(a, "اغاثه"), 0);
  EXPECT_EQ(count(b, "إغاثة"), 1);
  EXPECT_EQ(*this->reports_->RekeyTags(), 0) << "nothing left to do";

  // Two names of one topic, folded by an administrator.
  ASSERT_TRUE(s.TagCase(a, "COVID-19", d::TagKey("COVID-19"), std::nullopt, now).ok());
  ASSERT_TRUE(s.TagCase(b, "كورونا", d::TagKey("كورونا"), std::nullopt, now).ok());
  std::int64_t covid = 0, korona = 0;
  for (const auto& t : s.ListTags()) {
    if (t.name == "COVID-19") covid = t.id;
    if (t.name == "كورونا") korona = t.id;
  }
  app::Principal admin = this->Analyst();
  admin.user.role = d::Role::kAdmin;
  EXPECT_EQ(this->reports_->MergeTag(this->Analyst(), korona, covid).error().code,
            base::ErrorCode::kForbidden);
  EXPECT_EQ(this->reports_->MergeTag(admin, korona, korona).error().field, "into");
  EXPECT_EQ(this->reports_->MergeTag(admin, korona, 999999).error().code, base::ErrorCode::kNotFound);
  ASSERT_TRUE(this->reports_->MergeTag(admin, korona, covid).ok());
  EXPECT_EQ(count(b, "COVID-19"), 1);
  EXPECT_EQ(count(b, "كورونا"), 0);
  EXPECT_FALSE(s.FindTag(d::TagKey("كورونا")).has_value());
}

TYPED_TEST(ReportTest, StatsUseNearestRank) {
  const auto s = app::ReportService::Stats({10, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  EXPECT_EQ(s.count, 10);
  EXPECT_EQ(*s.median, 5);
  EXPECT_EQ(*s.p90, 9);
  EXPECT_DOUBLE_EQ(*s.mean, 5.5);
  EXPECT_FALSE(app::ReportService::Stats({}).median);
}

TYPED_TEST(ReportTest, OnlyReportingRolesMayRead) {
  for (d::Role role : {d::Role::kAgent, d::Role::kDispatcher, d::Role::kUnitStaff}) {
    app::Principal p = this->Analyst();
    p.user.role = role;
    auto r = this->reports_->Breakdown(p, {}, BreakdownBy::kChannel);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, base::ErrorCode::kForbidden);
  }
  for (d::Role role : {d::Role::kAnalyst, d::Role::kSupervisor, d::Role::kHead, d::Role::kAdmin}) {
    app::Principal p = this->Analyst();
    p.user.role = role;
    EXPECT_TRUE(this->reports_->Breakdown(p, {}, BreakdownBy::kChannel).ok());
  }
}

TYPED_TEST(ReportTest, BadRangesAreNamed) {
  ReportQuery q;
  q.from = "1446-13-01";
  q.calendar = CalendarKind::kHijriUmmAlQura;
  auto r = this->reports_->Breakdown(this->Analyst(), q, BreakdownBy::kType);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "from");
  q.from = "2025-02-01";
  q.to = "2025-01-01";
  q.calendar = CalendarKind::kGregorian;
  r = this->reports_->Breakdown(this->Analyst(), q, BreakdownBy::kType);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "to");
  auto t = this->reports_->Trend(this->Analyst(), ReportQuery{}, PeriodUnit::kMonth);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().field, "from");
}

TYPED_TEST(ReportTest, DailyTotalsEqualRawRowsForEveryDimensionFilterPeriodAndCalendar) {
  app::ReportService raw(this->S(), this->S(), *this->installation_, this->clock_);
  raw.UseDailyTotals(false);
  this->ExpectTotalsEqualRaw(*this->reports_, raw, this->tehran_, "as generated");
  this->Shuffle(0);
  this->Shuffle(3);
  this->ExpectTotalsEqualRaw(*this->reports_, raw, this->tehran_, "after changes");

  // And both equal a recount from the rows the test wrote, for every dimension of a month.
  for (const ReportQuery& q : Ranges(this->tehran_)) {
    if (q.from.size() != 10 || q.to.size() != 10) continue;
    const auto parse = [](const std::string& t) {
      return d::CivilDate{std::stoi(t.substr(0, 4)), std::stoi(t.substr(5, 2)),
                          std::stoi(t.substr(8, 2))};
    };
    const base::Time from =
        *d::InstantOf(this->tehran_, q.calendar, parse(q.from), std::chrono::minutes(0));
    const base::Time to =
        *d::InstantOf(this->tehran_, q.calendar, parse(q.to), std::chrono::hours(24));
    for (BreakdownBy by : kDims) {
      if (by == BreakdownBy::kTag) continue;
      std::map<std::string, std::int64_t> expected, got;
      for (const auto& g : this->cases_) {
        if (g.c.created_at >= from && g.c.created_at < to) ++expected[Key(g.c, by)];
      }
      auto rows = this->reports_->Breakdown(this->Analyst(), q, by);
      ASSERT_TRUE(rows.ok());
      for (const auto& r : *rows) got[r.key] = r.count;
      EXPECT_EQ(got, expected) << q.from << " by " << static_cast<int>(by);
    }
  }
}

TYPED_TEST(ReportTest, BreakdownsAndTrendsReadTheTotalsWhenTheyCan) {
  // A count written into the totals by hand shows through where the totals answer, and only
  // there: proof that they are read (the other tests prove they are right).
  ReportQuery month;
  month.from = "2025-01-01";
  month.to = "2025-01-31";
  auto before = this->reports_->Breakdown(this->Analyst(), month, BreakdownBy::kChannel);
  ASSERT_TRUE(before.ok());
  auto conn = TypeParam::Connect(this->url_);
  const auto jan10 = d::ToLocalDays({2025, 1, 10}).time_since_epoch().count();
  ASSERT_EQ(conn->Exec("UPDATE report_day_totals SET n = n + 1000 WHERE dim = 'channel' AND "
                       "day = $1 AND value = (SELECT MIN(value) FROM report_day_totals WHERE "
                       "dim = 'channel' AND day = $1)",
                       {store::Int(jan10)}),
            1);
  auto after = this->reports_->Breakdown(this->Analyst(), month, BreakdownBy::kChannel);
  ASSERT_TRUE(after.ok());
  std::int64_t sum_before = 0, sum_after = 0;
  for (const auto& r : *before) sum_before += r.count;
  for (const auto& r : *after) sum_after += r.count;
  EXPECT_EQ(sum_after, sum_before + 1000);
  // A tag filter, or a bound inside a local day, is counted from raw rows.
  ReportQuery tagged = month;
  tagged.tag = kTags[0];
  app::ReportService raw(this->S(), this->S(), *this->installation_, this->clock_);
  raw.UseDailyTotals(false);
  EXPECT_EQ(*this->reports_->Breakdown(this->Analyst(), tagged, BreakdownBy::kChannel),
            *raw.Breakdown(this->Analyst(), tagged, BreakdownBy::kChannel));
  ReportQuery instants;
  instants.from = "2025-01-01T00:00:00Z";  // 03:30 in Tehran
  instants.to = "2025-02-01T00:00:00Z";
  EXPECT_EQ(*this->reports_->Breakdown(this->Analyst(), instants, BreakdownBy::kChannel),
            *raw.Breakdown(this->Analyst(), instants, BreakdownBy::kChannel));
  // A recount (a new zone fingerprint) puts the totals right again.
  ASSERT_EQ(conn->Exec("DELETE FROM report_zone"), 1);
  EXPECT_EQ(*this->reports_->Breakdown(this->Analyst(), month, BreakdownBy::kChannel), *before);
  auto rebuilt = this->reports_->SyncDailyTotals();
  ASSERT_TRUE(rebuilt.ok());
  EXPECT_TRUE(*rebuilt);
  EXPECT_FALSE(*this->reports_->SyncDailyTotals());  // already built for Tehran: nothing to do
  EXPECT_EQ(*this->reports_->Breakdown(this->Analyst(), month, BreakdownBy::kChannel), *before);
}

TYPED_TEST(ReportTest, ANewTimeZoneRecountsTheTotalsAndTheOldOnesAreNotUsed) {
  // The installation moves to Riyadh (UTC+3): local days shift by half an hour.
  app::CenterSettings settings;
  settings.time_zone = "Asia/Riyadh";
  app::InstallationRef riyadh(app::Installation::Make(settings, {}, {}));
  app::ReportService totals(this->S(), this->S(), riyadh, this->clock_);
  app::ReportService raw(this->S(), this->S(), riyadh, this->clock_);
  raw.UseDailyTotals(false);
  const auto riyadh_zone = *d::TimeZone::Make("Asia/Riyadh");
  // Before the recount the totals are Tehran's: Riyadh's reports count raw rows, still exact.
  this->ExpectTotalsEqualRaw(totals, raw, riyadh_zone, "riyadh before recount");
  auto rebuilt = totals.SyncDailyTotals();
  ASSERT_TRUE(rebuilt.ok());
  EXPECT_TRUE(*rebuilt);
  this->Shuffle(1);
  this->ExpectTotalsEqualRaw(totals, raw, riyadh_zone, "riyadh after recount");
  // A request outside the totals' coverage (before 1970-01-02) sends every report to raw rows.
  auto old = this->MakeCase("7799999999", this->categories_[0]);
  old.fields.created_at = base::FromMicros(3'600'000'000);  // 1970-01-01T01:00Z
  old.fields.workflow = "basic";
  old.fields.state = "new";
  ASSERT_TRUE(this->S().CreateCase(old).ok());
  ReportQuery all;
  for (BreakdownBy by : {BreakdownBy::kCategory, BreakdownBy::kUnit}) {
    auto a = totals.Breakdown(this->Analyst(), all, by);
    auto b = raw.Breakdown(this->Analyst(), all, by);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(*a, *b);
  }
}

}  // namespace
}  // namespace tawasul::store_contract
