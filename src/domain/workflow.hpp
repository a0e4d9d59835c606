#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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
  /// follow_up: an action of the follow-up's own workflow taken on it at once, from that
  /// workflow's entry state (e.g. its referral): the decision that asked for the follow-up
  /// already made it. Empty: the follow-up starts in its workflow's initial state.
  std::string then;
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
  /// An action registration takes at once, in the same commit, when staff whose role may take
  /// it register (Muscat's "register and send to line 2"), and for portal submissions. It
  /// leaves the initial state, needs no input and may only notify or start a clock. Empty: none.
  std::string start_with;
  /// Where a request that arrives already registered enters: retyped at review into this
  /// workflow, or a follow-up another decision opened. Empty: `initial`.
  std::string entry;
  /// A request retyped into this workflow at review: its SLA clocks restart from the move
  /// (else they keep their start and take the new targets), and these effects run
  /// (notify, start_clock, stop_clock).
  bool retype_restarts_clocks = false;
  std::vector<Effect> on_retype;

  const WorkflowState* State(std::string_view name) const;
  /// `entry`, or `initial` when none is named.
  const std::string& EntryState() const { return entry.empty() ? initial : entry; }
  const WorkflowAction* Action(std::string_view name) const;
};

/// The inputs `e` reads, and whether each must be declared required.
std::vector<std::pair<std::string, bool>> InputsRead(const Effect& e);

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

/// What a change of a request's type or category does to its workflow (PATCH at review).
struct RetypePlan {
  bool move = false;          ///< false: the request keeps its workflow and state
  std::string to_state;       ///< in the new workflow
  CaseStatus to_status = CaseStatus::kNew;
  bool restart_clocks = false;
  std::vector<Effect> effects;  ///< the new workflow's on_retype effects
};

/// The plan for a request in `state` of `from`, whose new type and category belong to `to`.
/// A request still in `from`'s initial state (not yet registered) enters `to`'s initial state;
/// one further on enters `to`'s entry state. A closed request (final state) keeps its workflow:
/// only the record's type changes. A move that would strand data the new workflow cannot act
/// on is a Conflict on field "type": a meeting scheduled or held (`has_meeting`) when `to` has
/// no meeting actions.
base::Result<RetypePlan> PlanRetype(const Workflow& from, const Workflow& to,
                                    std::string_view state, bool has_meeting);

}  // namespace tawasul::domain
