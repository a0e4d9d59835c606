#include "app/sla/sla_service.hpp"

#include <algorithm>

namespace tawasul::app {

namespace dom = tawasul::domain;

std::vector<std::string> CategoryCodes(const std::vector<d::Category>& chain) {
  std::vector<std::string> codes;
  for (const auto& c : chain) codes.push_back(c.code);
  return codes;
}

void Schedule(const SlaConfig& config, StoredClock& s) {
  auto next = dom::NextCheck(config.Calendar(s.clock.calendar), s.clock, s.warning_reported,
                             s.breach_reported);
  s.next_check_at = next ? *next : std::nullopt;
}

std::vector<StoredClock> ClocksForNewCase(const SlaConfig& config,
                                          const std::vector<d::Category>& chain,
                                          d::CaseType type, d::Priority priority, base::Time at) {
  const auto codes = CategoryCodes(chain);
  const dom::SlaPolicy* policy = dom::MatchSlaPolicy(config.policies, codes, type, priority);
  std::vector<StoredClock> out;
  if (policy == nullptr) return out;
  for (dom::RequestClock& c : dom::StartClocks(*policy, at)) {
    StoredClock s;
    s.clock = std::move(c);
    Schedule(config, s);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<d::ClockMark> ClockMarks(const d::WorkflowAction& action) {
  std::vector<d::ClockMark> marks;
  for (const d::Effect& e : action.effects) {
    if (e.kind != dom::EffectKind::kStartClock && e.kind != dom::EffectKind::kStopClock) continue;
    if (auto name = dom::ParseClockName(e.clock)) {
      marks.push_back({*name, e.kind == dom::EffectKind::kStartClock});
    }
  }
  return marks;
}

namespace {

/// Applies `change` to the domain clocks of `current` and returns the rows that changed.
template <class Change>
std::vector<StoredClock> Changed(const SlaConfig& config, std::vector<StoredClock> current,
                                 Change change) {
  std::vector<dom::RequestClock> clocks;
  for (const auto& s : current) clocks.push_back(s.clock);
  change(clocks);
  std::vector<StoredClock> out;
  for (dom::RequestClock& c : clocks) {
    auto it = std::find_if(current.begin(), current.end(),
                           [&](const StoredClock& s) { return s.clock.name == c.name; });
    StoredClock s;
    if (it != current.end()) {
      if (it->clock == c) continue;
      s = *it;
    } else if (!current.empty()) {
      s.case_id = current.front().case_id;
    }
    s.clock = std::move(c);
    Schedule(config, s);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

std::vector<StoredClock> ClocksAfterAction(const SlaConfig& config, std::vector<StoredClock> current,
                                           d::CaseStatus from, d::CaseStatus to,
                                           const std::vector<d::ClockMark>& marks, base::Time at) {
  return Changed(config, std::move(current), [&](std::vector<dom::RequestClock>& clocks) {
    dom::ApplyClockMarks(clocks, from, to, marks, at);
  });
}

std::vector<StoredClock> ClocksAfterRetarget(const SlaConfig& config,
                                             std::vector<StoredClock> current,
                                             const std::vector<d::Category>& chain,
                                             d::CaseType type, d::Priority priority,
                                             base::Time registered_at) {
  const auto codes = CategoryCodes(chain);
  const dom::SlaPolicy* policy = dom::MatchSlaPolicy(config.policies, codes, type, priority);
  return Changed(config, std::move(current), [&](std::vector<dom::RequestClock>& clocks) {
    dom::RetargetClocks(clocks, policy, registered_at);
  });
}

std::vector<SlaClockView> ViewClocks(const SlaConfig& config, const std::vector<StoredClock>& clocks,
                                     base::Time now) {
  std::vector<SlaClockView> out;
  for (const StoredClock& s : clocks) {
    auto state = dom::EvaluateClock(config.Calendar(s.clock.calendar), s.clock, now);
    if (!state) continue;  // a calendar without working time: no due time to show
    out.push_back({s.clock, *state, s.warning_reported, s.breach_reported});
  }
  std::sort(out.begin(), out.end(), [](const SlaClockView& a, const SlaClockView& b) {
    return a.clock.name < b.clock.name;
  });
  return out;
}

void OverlayClocks(std::vector<StoredClock>& base, const std::vector<StoredClock>& changed) {
  for (const StoredClock& c : changed) {
    auto it = std::find_if(base.begin(), base.end(), [&](const StoredClock& b) {
      return b.clock.name == c.clock.name;
    });
    if (it == base.end()) {
      base.push_back(c);
    } else {
      *it = c;
    }
  }
}

}  // namespace tawasul::app
