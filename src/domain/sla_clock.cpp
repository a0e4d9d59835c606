#include "domain/sla_clock.hpp"

#include <algorithm>
#include <cmath>

namespace tawasul::domain {
namespace {

using std::chrono::microseconds;
using std::chrono::minutes;

template <class T>
bool Contains(const std::vector<T>& list, const T& v) {
  return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
}

RequestClock* Find(std::vector<RequestClock>& clocks, ClockName name) {
  for (RequestClock& c : clocks) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

/// Running → paused at `at`; a pause that ended exactly then goes on instead of a new one.
void PauseAt(RequestClock& c, Time at) {
  if (!c.pauses.empty() && c.pauses.back().to == at) {
    c.pauses.back().to.reset();
  } else {
    c.pauses.push_back({at, std::nullopt});
  }
  c.run = ClockRun::kPaused;
}

/// Paused or stopped → running at `at`: the stretch it did not run becomes a closed pause.
void RunAt(RequestClock& c, Time at) {
  switch (c.run) {
    case ClockRun::kRunning:
      return;
    case ClockRun::kPaused:
      if (!c.pauses.empty() && !c.pauses.back().to) c.pauses.back().to = std::max(at, c.pauses.back().from);
      break;
    case ClockRun::kStopped:
      if (c.stopped_at && *c.stopped_at < at) c.pauses.push_back({*c.stopped_at, at});
      c.stopped_at.reset();
      break;
  }
  c.run = ClockRun::kRunning;
}

void StopAt(RequestClock& c, Time at) {
  if (c.run == ClockRun::kStopped) return;
  if (c.run == ClockRun::kPaused && !c.pauses.empty() && !c.pauses.back().to) {
    // The time on hold does not count; the clock is judged as it stood when the hold began.
    const Time from = c.pauses.back().from;
    c.pauses.pop_back();
    c.stopped_at = std::max(from, c.started_at);
  } else {
    c.stopped_at = std::max(at, c.started_at);
  }
  c.run = ClockRun::kStopped;
}

RequestClock Clock(ClockName name, const SlaPolicy& p, minutes target, const std::string& calendar,
                   Time at) {
  RequestClock c;
  c.name = name;
  c.policy = p.name;
  c.calendar = calendar;
  c.target = target;
  c.warning_share = p.warning_share;
  c.started_at = at;
  return c;
}

}  // namespace

std::string_view ToString(ClockName v) {
  switch (v) {
    case ClockName::kFirstResponse:
      return "first_response";
    case ClockName::kResolution:
      return "resolution";
  }
  return {};
}

std::optional<ClockName> ParseClockName(std::string_view s) {
  if (s == "first_response") return ClockName::kFirstResponse;
  if (s == "resolution") return ClockName::kResolution;
  return std::nullopt;
}

std::string_view ToString(ClockRun v) {
  switch (v) {
    case ClockRun::kRunning:
      return "running";
    case ClockRun::kPaused:
      return "paused";
    case ClockRun::kStopped:
      return "stopped";
  }
  return {};
}

std::optional<ClockRun> ParseClockRun(std::string_view s) {
  if (s == "running") return ClockRun::kRunning;
  if (s == "paused") return ClockRun::kPaused;
  if (s == "stopped") return ClockRun::kStopped;
  return std::nullopt;
}

std::string_view ToString(Escalation v) {
  switch (v) {
    case Escalation::kNone:
      return "";
    case Escalation::kWarning:
      return "warning";
    case Escalation::kBreach:
      return "breach";
  }
  return {};
}

base::Result<minutes> ParseSlaDuration(std::string_view text, minutes day_length) {
  auto bad = [&] {
    return base::Invalid("duration", "\"" + std::string(text) +
                                         "\" is not a duration such as \"90m\", \"4h\", \"3d\" "
                                         "or \"1d4h\"");
  };
  minutes total{0};
  bool any = false;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    std::int64_t n = 0;
    const std::size_t digits_from = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      n = n * 10 + (text[i] - '0');
      if (n > kMaxSlaDuration.count()) return bad();
      ++i;
    }
    if (i == digits_from || i == text.size()) return bad();
    switch (text[i]) {
      case 'm':
        total += minutes(n);
        break;
      case 'h':
        total += minutes(n * 60);
        break;
      case 'd':
        total += day_length * n;
        break;
      default:
        return bad();
    }
    if (total > kMaxSlaDuration) {
      return base::Invalid("duration", "a target may not be longer than ten years");
    }
    any = true;
    ++i;
  }
  if (!any) return bad();
  if (total <= minutes(0)) return base::Invalid("duration", "a target must be longer than zero");
  return total;
}

const SlaPolicy* MatchSlaPolicy(std::span<const SlaPolicy> policies,
                                std::span<const std::string> category_chain, CaseType type,
                                Priority priority) {
  for (const SlaPolicy& p : policies) {
    if (!Contains(p.types, type) || !Contains(p.priorities, priority)) continue;
    const bool category = p.categories.empty() ||
                          std::any_of(category_chain.begin(), category_chain.end(),
                                      [&](const std::string& code) {
                                        return std::find(p.categories.begin(), p.categories.end(),
                                                         code) != p.categories.end();
                                      });
    if (category) return &p;
  }
  return nullptr;
}

std::vector<RequestClock> StartClocks(const SlaPolicy& p, Time at) {
  std::vector<RequestClock> out;
  if (p.first_response) {
    out.push_back(Clock(ClockName::kFirstResponse, p, *p.first_response, p.first_response_calendar, at));
  }
  if (p.resolution) {
    out.push_back(Clock(ClockName::kResolution, p, *p.resolution, p.resolution_calendar, at));
  }
  return out;
}

void RetargetClocks(std::vector<RequestClock>& clocks, const SlaPolicy* p, Time registered_at) {
  if (p == nullptr) return;
  for (const RequestClock& fresh : StartClocks(*p, registered_at)) {
    RequestClock* c = Find(clocks, fresh.name);
    if (c == nullptr) {
      clocks.push_back(fresh);
      continue;
    }
    c->policy = fresh.policy;
    c->calendar = fresh.calendar;
    c->target = fresh.target;
    c->warning_share = fresh.warning_share;
  }
}

void ApplyClockMarks(std::vector<RequestClock>& clocks, CaseStatus from, CaseStatus to,
                     std::span<const ClockMark> marks, Time at) {
  const bool to_hold = to == CaseStatus::kOnHold;
  for (const ClockMark& m : marks) {
    RequestClock* c = Find(clocks, m.clock);
    if (c == nullptr) continue;
    if (m.start) {
      RunAt(*c, at);
    } else if (to_hold) {
      if (c->run == ClockRun::kRunning) PauseAt(*c, at);
    } else {
      StopAt(*c, at);
    }
  }
  for (RequestClock& c : clocks) {
    if (to_hold && c.run == ClockRun::kRunning) PauseAt(c, at);
    if (from == CaseStatus::kOnHold && !to_hold && c.run == ClockRun::kPaused) RunAt(c, at);
    if (to == CaseStatus::kClosed) StopAt(c, at);
  }
}

std::optional<Time> FrozenAt(const RequestClock& c) {
  switch (c.run) {
    case ClockRun::kRunning:
      return std::nullopt;
    case ClockRun::kPaused:
      if (!c.pauses.empty() && !c.pauses.back().to) return c.pauses.back().from;
      return std::nullopt;
    case ClockRun::kStopped:
      return c.stopped_at;
  }
  return std::nullopt;
}

base::Result<SlaState> EvaluateClock(const BusinessCalendar& calendar, const RequestClock& c,
                                     Time now) {
  SlaClock clock{c.started_at, c.target, c.pauses};
  if (c.run == ClockRun::kStopped && c.stopped_at) now = std::min(now, *c.stopped_at);
  // Before the clock starts (a start in the future) nothing is used.
  now = std::max(now, c.started_at);
  auto state = EvaluateSla(calendar, clock, now, c.warning_share);
  if (state && c.run == ClockRun::kPaused) state->paused = true;
  return state;
}

Escalation EscalationDue(const RequestClock& c, const SlaState& state, bool warning_reported,
                         bool breach_reported) {
  if (breach_reported) return Escalation::kNone;
  if (state.status == SlaStatus::kBreached) return Escalation::kBreach;
  if (state.status == SlaStatus::kWarning && !warning_reported && c.run == ClockRun::kRunning) {
    return Escalation::kWarning;
  }
  return Escalation::kNone;
}

base::Result<std::optional<Time>> NextCheck(const BusinessCalendar& calendar,
                                            const RequestClock& c, bool warning_reported,
                                            bool breach_reported) {
  if (breach_reported) return std::optional<Time>();
  if (const std::optional<Time> frozen = FrozenAt(c)) {
    auto state = EvaluateClock(calendar, c, *frozen);
    if (!state) return state.error();
    if (state->status == SlaStatus::kBreached) return std::optional<Time>(*frozen);
    return std::optional<Time>();
  }
  if (c.run != ClockRun::kRunning) return std::optional<Time>();  // paused without a pause: none
  if (!warning_reported) {
    const auto warn = minutes(static_cast<std::int64_t>(
        std::ceil(static_cast<double>(c.target.count()) * c.warning_share)));
    auto at = AddBusinessDuration(calendar, c.started_at, std::min(warn, c.target), c.pauses);
    if (!at) return at.error();
    return std::optional<Time>(*at);
  }
  auto due = AddBusinessDuration(calendar, c.started_at, c.target, c.pauses);
  if (!due) return due.error();
  // Breached once now is past the due time.
  return std::optional<Time>(*due + microseconds(1));
}

}  // namespace tawasul::domain
