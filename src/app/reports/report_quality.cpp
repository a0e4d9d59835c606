// Service-quality figures over the same raw rows and filters as the other reports (these go
// no other way: SLA verdicts depend on "now" and on the clocks' calendars). SLA verdicts are
// the SLA module's own (domain::EvaluateClock over the stored clocks with the installation's
// business calendars), so a report never disagrees with what a request's page shows.
#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "app/reports/report_service.hpp"
#include "app/sla/sla_service.hpp"

namespace tawasul::app {

namespace d = tawasul::domain;

namespace {

base::Error Forbidden() {
  return base::Error{base::ErrorCode::kForbidden,
                     "Reports are for analysts, supervisors, heads "
                     "and admins",
                     {}};
}

/// SlaClocks reads an IN list: a bounded one per statement keeps both engines' limits far off.
constexpr std::size_t kClockBatch = 500;

/// Contacts carry a channel, an agent and a branch of the filters (call ratings the first two:
/// `branch` null); the other filters describe requests, as in Summary.
bool ContactPasses(d::Channel channel, const std::optional<d::UserId>& agent,
                   const ReportQuery& q, const std::optional<d::UnitId>* branch = nullptr) {
  if (q.channel && channel != *q.channel) return false;
  if (q.agent_id && agent != q.agent_id) return false;
  if (branch != nullptr && q.branch_id && *branch != q.branch_id) return false;
  return true;
}

enum class Verdict { kMet, kBreached, kOpenWithin, kOpenBreached };

void Count(SlaFigures& f, Verdict v) {
  switch (v) {
    case Verdict::kMet:
      ++f.met;
      break;
    case Verdict::kBreached:
      ++f.breached;
      break;
    case Verdict::kOpenBreached:
      ++f.breached;
      ++f.open_breached;
      break;
    case Verdict::kOpenWithin:
      ++f.open_within;
      break;
  }
  f.measured = f.met + f.breached;
}

std::optional<double> Ratio(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

std::optional<double> SlaFigures::compliance() const { return Ratio(met, met + breached); }

std::optional<double> RatingFigures::share() const { return Ratio(satisfied, ratings); }

void RatingFigures::Add(int rating) {
  if (rating < 1 || rating > 5) return;
  ++ratings;
  ++distribution[static_cast<std::size_t>(rating - 1)];
  if (rating >= 4) ++satisfied;
}

std::optional<HeatmapSubject> ParseHeatmapSubject(std::string_view s) {
  if (s == "requests") return HeatmapSubject::kRequests;
  if (s == "contacts") return HeatmapSubject::kContacts;
  return std::nullopt;
}

std::string_view ToString(HeatmapSubject s) {
  return s == HeatmapSubject::kContacts ? "contacts" : "requests";
}

base::Result<SlaReport> ReportService::Sla(const Principal& who, const ReportQuery& q_in,
                                           std::optional<BreakdownBy> by, d::ClockName asked,
                                           const RollUp& roll) {
  auto scoped = Scoped(who, q_in);
  if (!scoped) return scoped.error();
  const ReportQuery& q = *scoped;
  if (by && (*by == BreakdownBy::kStatus || *by == BreakdownBy::kTag)) {
    return base::Invalid("by", "must be category, unit, channel, type, site or agent");
  }
  // Rows rolled up the tree (a directorate's figures, a top category's), each request once.
  std::map<std::string, std::string> rolled;
  if (roll.kind != RollUp::Kind::kNone) {
    if (!by) return base::Invalid("level", "needs by=category or by=unit");
    auto map = RollMap(*by, roll);
    if (!map) return map.error();
    rolled = std::move(*map);
  }
  auto zone = Zone();
  if (!zone) return zone.error();
  auto range = Resolve(q, *zone);
  if (!range) return range.error();
  const auto rows = Filtered(reports_.ReportCases(range->from, range->to), q);
  const auto inst = installation_.Get();
  const SlaConfig no_config;
  const SlaConfig& config = inst ? inst->sla() : no_config;

  // Each request's clocks, by name.
  std::map<std::pair<std::int64_t, d::ClockName>, d::RequestClock> clocks;
  for (std::size_t i = 0; i < rows.size(); i += kClockBatch) {
    std::vector<d::CaseId> ids;
    for (std::size_t j = i; j < std::min(rows.size(), i + kClockBatch); ++j) {
      ids.push_back(rows[j].id);
    }
    for (StoredClock& s : store_.SlaClocks(ids)) {
      clocks.emplace(std::pair(s.case_id.value, s.clock.name), std::move(s.clock));
    }
  }

  SlaReport out;
  std::map<std::string, SlaFigures> by_key;
  const base::Time now = clock_.Now();
  for (const ReportCase& c : rows) {
    for (const d::ClockName name : {d::ClockName::kFirstResponse, d::ClockName::kResolution}) {
      auto it = clocks.find({c.id.value, name});
      if (it == clocks.end()) continue;
      const d::RequestClock& clock = it->second;
      auto state = d::EvaluateClock(config.Calendar(clock.calendar), clock, now);
      if (!state) continue;  // a calendar without working time: no due time to judge by
      const bool breached = state->status == d::SlaStatus::kBreached;
      const Verdict v = clock.run == d::ClockRun::kStopped
                            ? (breached ? Verdict::kBreached : Verdict::kMet)
                            : (breached ? Verdict::kOpenBreached : Verdict::kOpenWithin);
      Count(name == d::ClockName::kFirstResponse ? out.first_response : out.resolution, v);
      if (name != asked) continue;
      Count(out.total, v);
      if (by) {
        for (std::string& key : RowKeys(c, *by)) {
          auto up = rolled.find(key);
          Count(by_key[up != rolled.end() ? up->second : std::move(key)], v);
        }
      }
    }
  }
  if (by) {
    const auto names = Names(*by, who.user.language);
    for (const auto& [key, figures] : by_key) {
      auto name = names.find(key);
      out.rows.push_back(SlaRow{
          key, name != names.end() ? name->second : EnumLabel(key, who.user.language), figures});
    }
    std::sort(out.rows.begin(), out.rows.end(), [](const SlaRow& a, const SlaRow& b) {
      return a.figures.measured != b.figures.measured ? a.figures.measured > b.figures.measured
                                                      : a.key < b.key;
    });
  }
  return out;
}

base::Result<SatisfactionReport> ReportService::Satisfaction(const Principal& who,
                                                             const ReportQuery& q) {
  if (!MayRead(who.user.role)) return Forbidden();
  auto zone = Zone();
  if (!zone) return zone.error();
  auto range = Resolve(q, *zone);
  if (!range) return range.error();
  SatisfactionReport out;
  // A call rating rates a phone call.
  for (const ReportRating& r : reports_.ReportCallRatings(range->from, range->to)) {
    if (ContactPasses(d::Channel::kPhone, r.agent_id, q)) out.calls.Add(r.rating);
  }
  std::set<std::int64_t> counted;
  for (const ReportCase& c : Filtered(reports_.ReportCases(range->from, range->to), q)) {
    counted.insert(c.id.value);
  }
  for (const ReportRating& r : reports_.ReportSurveyRatings(range->from, range->to)) {
    if (r.case_id && counted.count(r.case_id->value) != 0) out.requests.Add(r.rating);
  }
  return out;
}

base::Result<HeatmapReport> ReportService::Heatmap(const Principal& who, const ReportQuery& q,
                                                   HeatmapSubject subject) {
  if (!MayRead(who.user.role)) return Forbidden();
  auto zone = Zone();
  if (!zone) return zone.error();
  auto range = Resolve(q, *zone);
  if (!range) return range.error();
  HeatmapReport out;
  out.subject = subject;
  for (int weekday = 1; weekday <= 7; ++weekday) {
    for (int hour = 0; hour < 24; ++hour) out.cells.push_back(HeatmapCell{weekday, hour, 0});
  }
  auto add = [&](base::Time t) {
    const auto local = zone->ToLocal(t);
    const auto day = std::chrono::floor<std::chrono::days>(local);
    const unsigned weekday =
        std::chrono::weekday(std::chrono::sys_days(day.time_since_epoch())).iso_encoding();
    const auto hour = std::chrono::floor<std::chrono::hours>(local - day).count();
    ++out.cells[static_cast<std::size_t>((weekday - 1) * 24 + hour)].count;
  };
  if (subject == HeatmapSubject::kRequests) {
    for (const ReportCase& c : Filtered(reports_.ReportCases(range->from, range->to), q)) {
      add(c.created_at);
    }
  } else {
    for (const ReportContact& c : reports_.ReportContacts(range->from, range->to)) {
      if (c.direction != d::ContactDirection::kInbound) continue;
      if (ContactPasses(c.channel, c.agent_id, q, &c.branch_id)) add(c.started_at);
    }
  }
  return out;
}

base::Result<std::vector<AgentRow>> ReportService::Agents(const Principal& who,
                                                          const ReportQuery& q) {
  if (!MayRead(who.user.role)) return Forbidden();
  auto zone = Zone();
  if (!zone) return zone.error();
  auto range = Resolve(q, *zone);
  if (!range) return range.error();
  struct Tally {
    AgentRow row;
    std::int64_t inbound_guidance = 0;
    std::int64_t inbound_registered = 0;
    RatingFigures ratings;
  };
  std::map<std::int64_t, Tally> by_user;
  for (const ReportCase& c : Filtered(reports_.ReportCases(range->from, range->to), q)) {
    if (c.created_by) ++by_user[c.created_by->value].row.requests;
  }
  for (const ReportContact& c : reports_.ReportContacts(range->from, range->to)) {
    if (!c.agent_id || !ContactPasses(c.channel, c.agent_id, q, &c.branch_id)) continue;
    Tally& t = by_user[c.agent_id->value];
    ++t.row.contacts;
    if (c.outcome == d::ContactOutcome::kGuidance) ++t.row.guidance;
    if (c.direction == d::ContactDirection::kInbound) {
      if (c.outcome == d::ContactOutcome::kGuidance) ++t.inbound_guidance;
      if (c.outcome == d::ContactOutcome::kCaseCreated) ++t.inbound_registered;
    }
  }
  for (const ReportRating& r : reports_.ReportCallRatings(range->from, range->to)) {
    if (r.agent_id && ContactPasses(d::Channel::kPhone, r.agent_id, q)) {
      by_user[r.agent_id->value].ratings.Add(r.rating);
    }
  }
  const auto names = Names(BreakdownBy::kAgent, who.user.language);
  std::vector<AgentRow> out;
  for (auto& [id, t] : by_user) {
    AgentRow row = std::move(t.row);
    row.key = std::to_string(id);
    auto name = names.find(row.key);
    row.label = name != names.end() ? name->second : row.key;
    row.first_contact_resolution =
        Ratio(t.inbound_guidance, t.inbound_guidance + t.inbound_registered);
    row.satisfaction = t.ratings.share();
    out.push_back(std::move(row));
  }
  // The busiest first; ties by id, so the order is stable.
  std::stable_sort(out.begin(), out.end(), [](const AgentRow& a, const AgentRow& b) {
    return a.requests + a.contacts > b.requests + b.contacts;
  });
  return out;
}

}  // namespace tawasul::app
