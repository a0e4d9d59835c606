#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "domain/model.hpp"
#include "domain/workflow.hpp"

namespace tawasul::domain {

/// What planning an action needs to know beyond the request and the action: facts the app reads
/// from the store first (only those the action's effects ask for), and the center's settings.
struct ActionFacts {
  Time now{};
  std::optional<UserId> actor;
  /// The nearest default unit up the request's category chain: where `refer` sends it when the
  /// action names no unit.
  std::optional<UnitId> routed_unit;
  std::optional<Meeting> meeting;   ///< the request's meeting so far (meeting_outcome)
  int failed_callbacks = 0;         ///< callback attempts so far that did not reach the citizen
  int callback_max_attempts = 3;
  int reopen_window_days = 14;
  /// A low rating given within the window flags the request for review: a reopen is allowed
  /// on its strength even after the window.
  bool review_allows_reopen = false;
};

/// A message the action sends the requester, rendered by the app from the profile's template.
struct PlannedMessage {
  std::string template_name;
  std::string channel;
  bool operator==(const PlannedMessage&) const = default;
};

/// A timeline line the action adds beside its own (e.g. "clock first_response stop").
struct PlannedNote {
  std::string kind;
  std::string field;
  std::string to;
  bool operator==(const PlannedNote&) const = default;
};

/// Everything an action does, as data: the request after it and what goes with it. The app
/// checks what needs the store (the unit exists, the merge target is visible), renders the
/// messages, moves the clocks and writes it all in one transaction.
struct ActionPlan {
  Case after;
  std::optional<Meeting> meeting;            ///< inserted or replaced
  std::optional<CallbackAttempt> callback;   ///< appended
  std::optional<CaseType> follow_up;         ///< a linked request of this type is opened
  std::string follow_up_then;                ///< and this action of its workflow taken on it
  std::optional<UnitId> refer_to;            ///< the unit to check (exists, active)
  std::optional<CaseId> merge_into;          ///< the request to check (visible, not merged)
  std::vector<PlannedMessage> messages;
  std::vector<PlannedNote> notes;
  bool count_malicious = false;  ///< the requester's number gets a malicious close
  bool malicious = false;        ///< closed as abuse: held messages never go
  bool no_survey = false;        ///< merged or malicious: nobody to ask about the service
  bool closing = false;          ///< the action closes the request now
  bool reopening = false;        ///< the action leaves "closed"
};

/// Plans `action` (already allowed by Next, its inputs checked by CheckInputs) on request `c`
/// of workflow `w`, moving it to `to_state`. Each effect is one small step, in the workflow's
/// order. Errors: 422 on inputs.unit_id when a referral has no unit to go to, on inputs.case_id
/// for a merge into itself; 409 on action for a reopen past the window.
base::Result<ActionPlan> PlanAction(const Workflow& w, const Case& c, const WorkflowAction& action,
                                    const std::string& to_state, const ActionInputs& inputs,
                                    const ActionFacts& facts);

/// A follow-up that another decision opened, entering workflow `fw`: its state, status and unit
/// once `then` (an action of `fw`, from its entry state) is taken on it at once, and the
/// messages and clock lines of that action. `then` may only refer, notify and move clocks
/// (409 on action naming the profile's mistake otherwise).
struct FollowUpEntry {
  const WorkflowAction* action = nullptr;  ///< null when there is no `then`
  std::string from_state;                  ///< the state it was taken from
  std::string state;
  CaseStatus status = CaseStatus::kNew;
  std::optional<UnitId> unit;
  std::vector<PlannedMessage> messages;
  std::vector<PlannedNote> notes;
};
base::Result<FollowUpEntry> PlanFollowUpEntry(const Workflow& fw, const std::string& then,
                                              const ActionInputs& inputs,
                                              std::optional<UnitId> routed_unit);

}  // namespace tawasul::domain
