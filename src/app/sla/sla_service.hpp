#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/sla/sla_config.hpp"
#include "app/sla/sla_store.hpp"
#include "base/time.hpp"
#include "domain/model.hpp"
#include "domain/sla_clock.hpp"
#include "domain/workflow.hpp"

/// SLA clocks as the use cases move them: the rules are domain/sla_clock's (pure), the state is
/// the store's, written in the same transaction as the change (registration, action, PATCH)
/// that moves it. These helpers turn one into the other and schedule the escalation timer.
namespace tawasul::app {

/// Codes of a category chain (nearest first), as policies match them.
std::vector<std::string> CategoryCodes(const std::vector<d::Category>& chain);

/// The clocks a new request starts with, at `at`, each scheduled for the timer. Empty when no
/// policy matches.
std::vector<StoredClock> ClocksForNewCase(const SlaConfig& config, const std::vector<d::Category>& chain,
                                          d::CaseType type, d::Priority priority, base::Time at);

/// The clock marks an action's effects make, in order.
std::vector<d::ClockMark> ClockMarks(const d::WorkflowAction& action);

/// `current` after an action from status `from` to `to` at `at`, rescheduled; only the clocks
/// that changed are returned (the ones to write).
std::vector<StoredClock> ClocksAfterAction(const SlaConfig& config, std::vector<StoredClock> current,
                                           d::CaseStatus from, d::CaseStatus to,
                                           const std::vector<d::ClockMark>& marks, base::Time at);

/// `current` after the request's category, type or priority changed: the matching policy's
/// targets, rescheduled; only the clocks that changed are returned.
std::vector<StoredClock> ClocksAfterRetarget(const SlaConfig& config,
                                             std::vector<StoredClock> current,
                                             const std::vector<d::Category>& chain,
                                             d::CaseType type, d::Priority priority,
                                             base::Time registered_at);

/// `base` with each clock of `changed` put in place of the one of the same name (or added):
/// what a request's clocks are after a step that returned only the clocks it changed.
void OverlayClocks(std::vector<StoredClock>& base, const std::vector<StoredClock>& changed);

/// Sets `clock.next_check_at` from its state and reported marks (domain NextCheck); a calendar
/// error leaves nothing to check (and is logged by the caller's view as an error state).
void Schedule(const SlaConfig& config, StoredClock& clock);

/// One clock as a user sees it.
struct SlaClockView {
  d::RequestClock clock;
  d::SlaState state;
  bool warning_reported = false;
  bool breach_reported = false;
};

/// The clocks' states at `now`, in clock order (first_response, resolution).
std::vector<SlaClockView> ViewClocks(const SlaConfig& config, const std::vector<StoredClock>& clocks,
                                     base::Time now);

}  // namespace tawasul::app
