#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/model.hpp"

namespace tawasul::domain {

/// The kinds of input an action can ask for (docs/profiles.md).
enum class InputType { kText, kUnit, kCase, kDate, kTime, kChoice, kBool };
std::string_view ToString(InputType t);
std::optional<InputType> ParseInputType(std::string_view s);

struct ActionInputSpec {
  std::string name;
  InputType type = InputType::kText;
  bool required = false;
  std::vector<std::string> options;  ///< for kChoice
  bool operator==(const ActionInputSpec&) const = default;
};

enum class EffectKind {
  kRefer,
  kAnswer,
  kNotify,
  kScheduleMeeting,
  kMeetingOutcome,
  kCallback,
  kFollowUp,
  kMerge,
  kTransfer,
  kMalicious,
  kReopen,
  kStartClock,
  kStopClock,
};
std::string_view ToString(EffectKind k);
std::optional<EffectKind> ParseEffectKind(std::string_view s);

/// One effect of an action; which keys matter depends on `kind`.
struct Effect {
  EffectKind kind = EffectKind::kNotify;
  std::string template_name;   ///< notify; callback's give-up template
  std::string channel = "sms"; ///< notify: sms | email
  std::string give_up_to;      ///< callback: the state after too many failed attempts
  std::optional<CaseType> follow_up_type;  ///< follow_up
  std::string clock;           ///< start_clock / stop_clock: first_response | resolution
  bool operator==(const Effect&) const = default;
};

struct WorkflowState {
  std::string name;
  CaseStatus status = CaseStatus::kNew;
  LocalizedName label;
  std::string inbox;  ///< triage | unit | callbacks | meetings | "" (none)
  bool final = false;
  bool operator==(const WorkflowState&) const = default;
};

struct WorkflowAction {
  std::string name;
  LocalizedName label;
  std::vector<std::string> from;  ///< state names; "*" = any non-final state
  std::string to;                 ///< empty: stays in its state
  std::vector<Role> roles;
  bool unit_scoped = false;
  std::vector<ActionInputSpec> inputs;
  std::vector<Effect> effects;
  bool operator==(const WorkflowAction&) const = default;
};

/// A workflow is data: states and actions. Loaded from a profile and validated on load.
struct Workflow {
  std::string name;
  LocalizedName label;
  std::string initial;
  std::map<std::string, WorkflowState> states;
  std::vector<WorkflowAction> actions;
  std::vector<Effect> on_create;  ///< run at registration: notify, start_clock only

  const WorkflowState* State(std::string_view name) const;
  const WorkflowAction* Action(std::string_view name) const;
};

/// Checks a workflow's own consistency: the initial state exists, every from/to/give_up_to
/// names a state, action names are unique and well-formed, inputs that effects read are
/// declared, choice inputs have options. The error's field names the action or state.
base::Status ValidateWorkflow(const Workflow& w);

/// Who is acting, as far as the workflow cares.
struct Actor {
  Role role = Role::kAgent;
  std::optional<UnitId> unit_id;
};

/// True when `actor` may take `action` on a request in `state` assigned to `case_unit`.
bool MayTake(const Workflow& w, const WorkflowAction& action, std::string_view state,
             const Actor& actor, std::optional<UnitId> case_unit);

/// The actions `actor` may take now, in the workflow's order.
std::vector<const WorkflowAction*> AvailableActions(const Workflow& w, std::string_view state,
                                                    const Actor& actor,
                                                    std::optional<UnitId> case_unit);

/// Inputs as given by a client: name → text value (numbers and booleans as their text).
using ActionInputs = std::map<std::string, std::string>;

/// Checks and normalizes inputs against the action's spec: required present, unknown names
/// rejected, dates as YYYY-MM-DD, times as HH:MM, ids as positive integers, choices among the
/// options, booleans true/false, text cleaned. The error's field is "inputs.NAME".
base::Result<ActionInputs> CheckInputs(const WorkflowAction& action, const ActionInputs& given);

/// What an action does to a request in `state`: the state after it (before effects such as
/// a failed callback keep it where it is).
struct Transition {
  const WorkflowAction* action = nullptr;
  std::string to_state;
  CaseStatus to_status = CaseStatus::kNew;
};

/// Next(state, action, actor) → the transition, or a Conflict error (code kConflict) whose
/// message lists the actions that are allowed now.
base::Result<Transition> Next(const Workflow& w, std::string_view state,
                              std::string_view action_name, const Actor& actor,
                              std::optional<UnitId> case_unit);

}  // namespace tawasul::domain
