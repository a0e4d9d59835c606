#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/business_calendar.hpp"
#include "domain/model.hpp"
#include "domain/sla.hpp"

namespace tawasul::domain {

/// The two clocks of a request: until someone acts on it, and until it is solved.
enum class ClockName { kFirstResponse, kResolution };
/// Wire names: "first_response", "resolution".
std::string_view ToString(ClockName v);
std::optional<ClockName> ParseClockName(std::string_view s);

/// running: counts working time. paused: the request waits on the citizen (on_hold); the
/// time does not count and the clock resumes by itself. stopped: the workflow marked the
/// target reached (stop_clock) or the request closed; only a start_clock runs it again.
enum class ClockRun { kRunning, kPaused, kStopped };
/// Wire names: "running", "paused", "stopped".
std::string_view ToString(ClockRun v);
std::optional<ClockRun> ParseClockRun(std::string_view s);

/// An SLA target as written in a profile: whole numbers with units m, h and d, e.g. "90m",
/// "4h", "3d", "1d4h". A day is `day_length` of working time (a calendar's working day), so
/// "3d" means three working days. Errors name the field "duration".
base::Result<std::chrono::minutes> ParseSlaDuration(std::string_view text,
                                                    std::chrono::minutes day_length);

/// Targets for the requests a policy matches. A policy matches a request when each of its
/// lists is empty or holds the request's value; categories match the whole subtree (a code
/// anywhere in the request's category chain).
struct SlaPolicy {
  std::string name;
  std::vector<std::string> categories;  ///< category codes
  std::vector<CaseType> types;
  std::vector<Priority> priorities;
  std::optional<std::chrono::minutes> first_response;
  std::optional<std::chrono::minutes> resolution;
  std::string first_response_calendar;  ///< a business calendar's name
  std::string resolution_calendar;
  double warning_share = 0.8;  ///< a warning once this share of the target is used
  bool operator==(const SlaPolicy&) const = default;
};

/// The first policy, in order, that matches; nullptr when none does. `category_chain` holds
/// the codes of the request's category and its ancestors.
const SlaPolicy* MatchSlaPolicy(std::span<const SlaPolicy> policies,
                                std::span<const std::string> category_chain, CaseType type,
                                Priority priority);

/// One SLA clock of one request, as it stands. Every stretch in which it did not run is a
/// pause (a hold, or the time between a stop and a restart), so its business time is
/// EvaluateSla's with these pauses.
struct RequestClock {
  ClockName name = ClockName::kResolution;
  std::string policy;
  std::string calendar;
  std::chrono::minutes target{};
  double warning_share = 0.8;
  ClockRun run = ClockRun::kRunning;
  Time started_at{};
  std::vector<Pause> pauses;       ///< closed, except the last while paused
  std::optional<Time> stopped_at;  ///< set while stopped
  bool operator==(const RequestClock&) const = default;
};

/// The clocks a request registered at `at` under `policy` gets: one per target it sets.
std::vector<RequestClock> StartClocks(const SlaPolicy& policy, Time at);

/// After a change of category, type or priority: each clock takes the targets of `policy`
/// (its name, target, calendar and warning share) and keeps its times; a clock the policy
/// has no target for stays as it was; a target without a clock yet starts one from
/// `registered_at`. With no policy nothing changes.
void RetargetClocks(std::vector<RequestClock>& clocks, const SlaPolicy* policy,
                    Time registered_at);

/// A workflow action's clock mark: start_clock (start = true) or stop_clock.
struct ClockMark {
  ClockName clock = ClockName::kResolution;
  bool start = false;
};

/// Moves the clocks through one workflow action at `at`, from status `from` to `to`:
/// 1. the marks in order: start runs a paused or stopped clock again; stop stops it, except
///    on an action that puts the request on hold, where a stop is read as that pause;
/// 2. entering on_hold pauses every running clock; leaving it resumes every paused one;
/// 3. closing stops every clock that is not stopped.
void ApplyClockMarks(std::vector<RequestClock>& clocks, CaseStatus from, CaseStatus to,
                     std::span<const ClockMark> marks, Time at);

/// The instant a clock stopped counting: its stop, the start of its current pause, or
/// nothing while it runs.
std::optional<Time> FrozenAt(const RequestClock& clock);

/// Where the clock stands at `now`; a stopped clock is judged at its stop (breached when it
/// stopped after its due time), a paused one by the time it used before the pause.
base::Result<SlaState> EvaluateClock(const BusinessCalendar& calendar, const RequestClock& clock,
                                     Time now);

/// What the escalation timer should report now, given what it reported before.
enum class Escalation { kNone, kWarning, kBreach };
/// Wire names: "warning", "breach" ("" for kNone).
std::string_view ToString(Escalation v);
/// A breach when the state is breached and none was reported; else a warning when the clock
/// runs, the warning share is reached and no warning (nor breach) was reported.
Escalation EscalationDue(const RequestClock& clock, const SlaState& state, bool warning_reported,
                         bool breach_reported);

/// When the escalation timer must look at the clock next: for a running clock, the instant
/// the warning share is used up (no warning reported yet), else the first instant past the
/// due time (no breach reported yet); for a paused or stopped clock, the instant it froze
/// when it had broken its target by then without a reported breach. Nothing otherwise.
base::Result<std::optional<Time>> NextCheck(const BusinessCalendar& calendar,
                                            const RequestClock& clock, bool warning_reported,
                                            bool breach_reported);

}  // namespace tawasul::domain
