// The wallboard counts raw rows like the reports do (app/report_service): the open requests,
// their resolution clocks as app/sla_service evaluates them, and today's requests and contacts.
#include "app/reports/wallboard_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "app/reports/report_labels.hpp"
#include "app/reports/report_service.hpp"
#include "app/sla/sla_service.hpp"
#include "domain/call.hpp"
#include "domain/calendar.hpp"

namespace tawasul::app {

namespace d = tawasul::domain;

namespace {

/// Local midnight today in the installation's time zone (UTC when it has none).
base::Result<base::Time> StartOfToday(const std::shared_ptr<const Installation>& inst,
                                      base::Time now) {
  auto zone = d::TimeZone::Make(inst ? inst->settings().time_zone : std::string("UTC"));
  if (!zone) return zone.error();
  return d::InstantOf(*zone, d::CalendarKind::kGregorian, d::LocalDateOf(*zone, now),
                      std::chrono::minutes(0));
}

}  // namespace

WallboardService::WallboardService(WallboardServiceStore& store, InstallationRef& installation,
                                   const base::Clock& clock)
    : store_(store), installation_(installation), clock_(clock) {}

bool WallboardService::MayRead(d::Role role) {
  return d::Allows(role, d::Permission::kReadWallboard);
}

base::Result<Wallboard> WallboardService::Read(const Principal& who) {
  if (!MayRead(who.user.role)) {
    return base::Error{base::ErrorCode::kForbidden,
                       "The wallboard is for supervisors, heads, admins and dispatchers",
                       {}};
  }
  const std::string& language = who.user.language;
  const auto inst = installation_.Get();
  Wallboard w;
  w.generated_at = clock_.Now();
  auto midnight = StartOfToday(inst, w.generated_at);
  if (!midnight) return midnight.error();

  const std::vector<ReportCase> open = store_.OpenReportCases();
  std::map<d::CaseStatus, std::int64_t> by_status;
  std::map<std::int64_t, std::int64_t> by_unit;  // 0: no unit
  std::vector<d::CaseId> ids;
  for (const ReportCase& c : open) {
    ++by_status[c.status];
    ++by_unit[c.unit_id ? c.unit_id->value : 0];
    ids.push_back(c.id);
  }
  for (d::CaseStatus s : {d::CaseStatus::kNew, d::CaseStatus::kDispatched,
                          d::CaseStatus::kReferred, d::CaseStatus::kAnswered,
                          d::CaseStatus::kCallback, d::CaseStatus::kOnHold}) {
    const std::string key(d::ToString(s));
    w.open_by_status.push_back({key, ReportService::EnumLabel(key, language), by_status[s]});
  }
  std::map<std::int64_t, std::string> unit_names;
  for (const d::Unit& u : store_.ListUnits()) {
    unit_names[u.id.value] = LocalizedLabel(u.name, language);
  }
  for (const auto& [unit, count] : by_unit) {
    if (unit == 0) {
      w.open_by_unit.push_back({"none", ReportService::EnumLabel("none", language), count});
    } else {
      w.open_by_unit.push_back({std::to_string(unit), unit_names[unit], count});
    }
  }
  std::stable_sort(w.open_by_unit.begin(), w.open_by_unit.end(),
                   [](const WallboardRow& a, const WallboardRow& b) { return a.count > b.count; });

  // In slices: the store reads clocks with an IN list, and SQLite bounds its parameters.
  constexpr std::size_t kSlice = 500;
  const base::Time soon = w.generated_at + kDueSoon;
  for (std::size_t i = 0; inst && i < ids.size(); i += kSlice) {
    const std::vector<d::CaseId> slice(ids.begin() + static_cast<std::ptrdiff_t>(i),
                                       ids.begin() + static_cast<std::ptrdiff_t>(
                                                         std::min(ids.size(), i + kSlice)));
    for (const SlaClockView& v :
         ViewClocks(inst->sla(), store_.SlaClocks(slice), w.generated_at)) {
      if (v.clock.name == d::ClockName::kFirstResponse) {
        // Only requests still waiting for their first answer: one given late is history.
        if (v.clock.run == d::ClockRun::kStopped) continue;
        if (v.state.status == d::SlaStatus::kBreached) {
          ++w.first_response_breached;
        } else if (v.clock.run == d::ClockRun::kRunning && v.state.due <= soon) {
          ++w.first_response_due_soon;
        }
        continue;
      }
      if (v.clock.name != d::ClockName::kResolution) continue;
      if (v.state.status == d::SlaStatus::kBreached) {
        ++w.breached;
      } else if (v.clock.run == d::ClockRun::kRunning && v.state.due <= soon) {
        ++w.due_soon;  // a paused or stopped clock comes no nearer to its due time
      }
    }
  }
  w.today_requests = static_cast<std::int64_t>(store_.ReportCases(*midnight, std::nullopt).size());
  const auto today = store_.ReportContacts(*midnight, std::nullopt);
  w.today_contacts = static_cast<std::int64_t>(today.size());
  // Rings older than this are a hangup the PBX never reported, not a caller still waiting.
  const base::Time stale = w.generated_at - std::chrono::hours(2);
  std::set<std::int64_t> talking;
  for (const ReportContact& c : today) {
    if (c.from_pbx && c.answered_at && !c.ended_at && c.agent_id && c.started_at > stale) {
      talking.insert(c.agent_id->value);  // inbound or outbound: the agent is busy
    }
    if (c.direction != d::ContactDirection::kInbound) continue;
    if (c.outcome == d::ContactOutcome::kAbandoned) ++w.today_abandoned;
    if (c.answered_at || (!c.from_pbx && d::IsDisposition(c.outcome))) ++w.today_answered;
    if (c.outcome == d::ContactOutcome::kRinging && !c.ended_at && c.started_at > stale) {
      ++w.calls_waiting;
      w.longest_wait_seconds = std::max<std::int64_t>(
          w.longest_wait_seconds,
          std::chrono::duration_cast<std::chrono::seconds>(w.generated_at - c.started_at).count());
    }
  }
  w.agents_on_calls = static_cast<std::int64_t>(talking.size());
  return w;
}

}  // namespace tawasul::app
