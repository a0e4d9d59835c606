#include "domain/workflow.hpp"

#include <algorithm>
#include <set>

#include "domain/validation.hpp"

namespace tawasul::domain {
namespace {

constexpr EffectKind kAllEffects[] = {
    EffectKind::kRefer,        EffectKind::kAnswer,    EffectKind::kNotify,
    EffectKind::kScheduleMeeting, EffectKind::kMeetingOutcome, EffectKind::kCallback,
    EffectKind::kFollowUp,     EffectKind::kMerge,     EffectKind::kTransfer,
    EffectKind::kMalicious,    EffectKind::kReopen,    EffectKind::kStartClock,
    EffectKind::kStopClock};
constexpr InputType kAllInputs[] = {InputType::kText, InputType::kUnit,   InputType::kCase,
                                    InputType::kDate, InputType::kTime,   InputType::kChoice,
                                    InputType::kBool};

bool ValidName(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool ValidDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!IsDigits(s.substr(0, 4)) || !IsDigits(s.substr(5, 2)) || !IsDigits(s.substr(8, 2))) return false;
  const int y = ToInt(s.substr(0, 4)), m = ToInt(s.substr(5, 2)), d = ToInt(s.substr(8, 2));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

bool ValidTime(std::string_view s) {
  if (s.size() != 5 || s[2] != ':' || !IsDigits(s.substr(0, 2)) || !IsDigits(s.substr(3, 2))) {
    return false;
  }
  return ToInt(s.substr(0, 2)) < 24 && ToInt(s.substr(3, 2)) < 60;
}

}  // namespace

std::string_view ToString(InputType t) {
  switch (t) {
    case InputType::kText: return "text";
    case InputType::kUnit: return "unit";
    case InputType::kCase: return "case";
    case InputType::kDate: return "date";
    case InputType::kTime: return "time";
    case InputType::kChoice: return "choice";
    case InputType::kBool: return "bool";
  }
  return "text";
}

std::optional<InputType> ParseInputType(std::string_view s) {
  for (auto t : kAllInputs) {
    if (ToString(t) == s) return t;
  }
  return std::nullopt;
}

std::string_view ToString(EffectKind k) {
  switch (k) {
    case EffectKind::kRefer: return "refer";
    case EffectKind::kAnswer: return "answer";
    case EffectKind::kNotify: return "notify";
    case EffectKind::kScheduleMeeting: return "schedule_meeting";
    case EffectKind::kMeetingOutcome: return "meeting_outcome";
    case EffectKind::kCallback: return "callback";
    case EffectKind::kFollowUp: return "follow_up";
    case EffectKind::kMerge: return "merge";
    case EffectKind::kTransfer: return "transfer";
    case EffectKind::kMalicious: return "malicious";
    case EffectKind::kReopen: return "reopen";
    case EffectKind::kStartClock: return "start_clock";
    case EffectKind::kStopClock: return "stop_clock";
  }
  return "notify";
}

std::optional<EffectKind> ParseEffectKind(std::string_view s) {
  for (auto k : kAllEffects) {
    if (ToString(k) == s) return k;
  }
  return std::nullopt;
}

std::vector<std::pair<std::string, bool>> InputsRead(const Effect& e) {
  switch (e.kind) {
    case EffectKind::kRefer:
      return {};  // unit_id is optional: the category's default unit otherwise
    case EffectKind::kAnswer:
      return {{"answer", true}};
    case EffectKind::kScheduleMeeting:
      return {{"date", true}, {"time", true}, {"place", true}};
    case EffectKind::kMeetingOutcome:
      return {{"outcome", true}};
    case EffectKind::kCallback:
      return {{"outcome", true}};
    case EffectKind::kMerge:
      return {{"case_id", true}};
    case EffectKind::kTransfer:
      return {{"agency", true}};
    case EffectKind::kNotify:
    case EffectKind::kFollowUp:
    case EffectKind::kMalicious:
    case EffectKind::kReopen:
    case EffectKind::kStartClock:
    case EffectKind::kStopClock:
      return {};
  }
  return {};
}


const WorkflowState* Workflow::State(std::string_view n) const {
  auto it = states.find(std::string(n));
  return it == states.end() ? nullptr : &it->second;
}

const WorkflowAction* Workflow::Action(std::string_view n) const {
  for (const auto& a : actions) {
    if (a.name == n) return &a;
  }
  return nullptr;
}

base::Status ValidateWorkflow(const Workflow& w) {
  if (!ValidName(w.name)) return base::Invalid("name", "must be 1-64 of a-z, 0-9, _");
  if (w.states.empty()) return base::Invalid("states", "a workflow needs states");
  if (!w.State(w.initial)) {
    return base::Invalid("initial", "state \"" + w.initial + "\" is not defined");
  }
  for (const auto& [name, st] : w.states) {
    if (!ValidName(name)) return base::Invalid("states." + name, "bad state name");
    if (!st.inbox.empty() && st.inbox != "triage" && st.inbox != "unit" &&
        st.inbox != "callbacks" && st.inbox != "meetings") {
      return base::Invalid("states." + name + ".inbox",
                           "must be triage, unit, callbacks or meetings");
    }
  }
  if (!w.entry.empty()) {
    const WorkflowState* st = w.State(w.entry);
    if (st == nullptr) return base::Invalid("entry", "state \"" + w.entry + "\" is not defined");
    if (st->final) return base::Invalid("entry", "state \"" + w.entry + "\" is final");
  }
  for (const auto& e : w.on_retype) {
    if (e.kind != EffectKind::kNotify && e.kind != EffectKind::kStartClock &&
        e.kind != EffectKind::kStopClock) {
      return base::Invalid("on_retype", "on_retype may only notify, start_clock or stop_clock");
    }
    if (e.kind == EffectKind::kNotify && e.template_name.empty()) {
      return base::Invalid("on_retype", "notify needs a template");
    }
    if (e.kind != EffectKind::kNotify && e.clock != "first_response" && e.clock != "resolution") {
      return base::Invalid("on_retype", "clock must be first_response or resolution");
    }
  }
  for (const auto& e : w.on_create) {
    if (e.kind != EffectKind::kNotify && e.kind != EffectKind::kStartClock) {
      return base::Invalid("on_create", "on_create may only notify or start_clock");
    }
    if (e.kind == EffectKind::kNotify && e.template_name.empty()) {
      return base::Invalid("on_create", "notify needs a template");
    }
  }
  if (!w.start_with.empty()) {
    const WorkflowAction* a = w.Action(w.start_with);
    if (a == nullptr) return base::Invalid("start_with", "action \"" + w.start_with + "\" is not defined");
    const bool leaves_initial = std::find(a->from.begin(), a->from.end(), w.initial) != a->from.end() ||
                                std::find(a->from.begin(), a->from.end(), "*") != a->from.end();
    if (!leaves_initial || a->to.empty()) {
      return base::Invalid("start_with", "action \"" + w.start_with + "\" must lead from \"" + w.initial + "\" to a state");
    }
    for (const auto& in : a->inputs) {
      if (in.required) return base::Invalid("start_with", "action \"" + w.start_with + "\" needs input \"" + in.name + "\"");
    }
    for (const auto& e : a->effects) {
      if (e.kind != EffectKind::kNotify && e.kind != EffectKind::kStartClock) {
        return base::Invalid("start_with", "action \"" + w.start_with + "\" may only notify or start_clock");
      }
    }
  }
  std::set<std::string> names;
  for (const auto& a : w.actions) {
    const std::string f = "actions." + a.name;
    if (!ValidName(a.name)) return base::Invalid(f, "action \"" + a.name + "\": bad name");
    if (!names.insert(a.name).second) return base::Invalid(f, "action \"" + a.name + "\" twice");
    if (a.from.empty()) return base::Invalid(f, "action \"" + a.name + "\": `from` is empty");
    for (const auto& s : a.from) {
      if (s != "*" && !w.State(s)) {
        return base::Invalid(f, "action \"" + a.name + "\": state \"" + s + "\" is not defined");
      }
    }
    if (!a.to.empty() && !w.State(a.to)) {
      return base::Invalid(f, "action \"" + a.name + "\": state \"" + a.to + "\" is not defined");
    }
    if (a.roles.empty()) return base::Invalid(f, "action \"" + a.name + "\": no roles");
    std::set<std::string> input_names;
    for (const auto& in : a.inputs) {
      if (!ValidName(in.name) || !input_names.insert(in.name).second) {
        return base::Invalid(f, "action \"" + a.name + "\": input \"" + in.name +
                                    "\" is malformed or repeated");
      }
      if (in.type == InputType::kChoice && in.options.empty()) {
        return base::Invalid(f, "action \"" + a.name + "\": choice input \"" + in.name +
                                    "\" has no options");
      }
    }
    for (const auto& e : a.effects) {
      for (const auto& [input, required] : InputsRead(e)) {
        auto it = std::find_if(a.inputs.begin(), a.inputs.end(),
                               [&](const ActionInputSpec& s) { return s.name == input; });
        if (it == a.inputs.end() || (required && !it->required)) {
          return base::Invalid(f, "action \"" + a.name + "\": effect " +
                                      std::string(ToString(e.kind)) + " needs required input \"" +
                                      input + "\"");
        }
      }
      if (e.kind == EffectKind::kNotify && e.template_name.empty()) {
        return base::Invalid(f, "action \"" + a.name + "\": notify needs a template");
      }
      if (e.kind == EffectKind::kNotify && e.channel != "sms" && e.channel != "email") {
        return base::Invalid(f, "action \"" + a.name + "\": notify channel must be sms or email");
      }
      if (e.kind == EffectKind::kCallback) {
        if (!e.give_up_to.empty() && !w.State(e.give_up_to)) {
          return base::Invalid(f, "action \"" + a.name + "\": give_up_to state \"" +
                                      e.give_up_to + "\" is not defined");
        }
      }
      if ((e.kind == EffectKind::kStartClock || e.kind == EffectKind::kStopClock) &&
          e.clock != "first_response" && e.clock != "resolution") {
        return base::Invalid(f, "action \"" + a.name +
                                    "\": clock must be first_response or resolution");
      }
      if (e.kind == EffectKind::kFollowUp && !e.follow_up_type) {
        return base::Invalid(f, "action \"" + a.name + "\": follow_up needs a request type");
      }
      if (e.kind == EffectKind::kFollowUp && !e.then.empty() && !ValidName(e.then)) {
        return base::Invalid(f, "action \"" + a.name + "\": follow_up's `then` is not an action name");
      }
    }
  }
  return base::Ok{};
}

bool MayTake(const Workflow& w, const WorkflowAction& action, std::string_view state,
             const Actor& actor, std::optional<UnitId> case_unit) {
  const WorkflowState* st = w.State(state);
  if (st == nullptr) return false;
  const bool from_ok = std::any_of(action.from.begin(), action.from.end(), [&](const auto& f) {
    return f == state || (f == "*" && !st->final);
  });
  if (!from_ok) return false;
  const bool role_ok = actor.role == Role::kAdmin ||
                       std::find(action.roles.begin(), action.roles.end(), actor.role) !=
                           action.roles.end();
  if (!role_ok) return false;
  if (actor.role == Role::kUnitStaff) {
    // Unit staff act only on their own unit's requests, whatever the workflow says.
    if (!actor.unit_id || case_unit != actor.unit_id) return false;
  }
  return true;
}

std::vector<const WorkflowAction*> AvailableActions(const Workflow& w, std::string_view state,
                                                    const Actor& actor,
                                                    std::optional<UnitId> case_unit) {
  std::vector<const WorkflowAction*> out;
  for (const auto& a : w.actions) {
    if (MayTake(w, a, state, actor, case_unit)) out.push_back(&a);
  }
  return out;
}

base::Result<ActionInputs> CheckInputs(const WorkflowAction& action, const ActionInputs& given) {
  for (const auto& [name, value] : given) {
    (void)value;
    if (std::none_of(action.inputs.begin(), action.inputs.end(),
                     [&](const ActionInputSpec& s) { return s.name == name; })) {
      return base::Invalid("inputs." + name, "is not an input of action " + action.name);
    }
  }
  ActionInputs out;
  for (const auto& spec : action.inputs) {
    const std::string field = "inputs." + spec.name;
    auto it = given.find(spec.name);
    if (it == given.end() || it->second.empty()) {
      if (spec.required) return base::Invalid(field, "is required");
      continue;
    }
    const std::string& v = it->second;
    switch (spec.type) {
      case InputType::kText: {
        auto t = CleanText(v, field, 4000, spec.required);
        if (!t) return t.error();
        out[spec.name] = *t;
        break;
      }
      case InputType::kUnit:
      case InputType::kCase:
        if (!IsDigits(v) || v.size() > 18 || v.find_first_not_of('0') == std::string::npos) {
          return base::Invalid(field, "must be an id");
        }
        out[spec.name] = v;
        break;
      case InputType::kDate:
        if (!ValidDate(v)) return base::Invalid(field, "must be a date YYYY-MM-DD");
        out[spec.name] = v;
        break;
      case InputType::kTime:
        if (!ValidTime(v)) return base::Invalid(field, "must be a time HH:MM");
        out[spec.name] = v;
        break;
      case InputType::kChoice:
        if (std::find(spec.options.begin(), spec.options.end(), v) == spec.options.end()) {
          std::string opts;
          for (const auto& o : spec.options) opts += (opts.empty() ? "" : ", ") + o;
          return base::Invalid(field, "must be one of: " + opts);
        }
        out[spec.name] = v;
        break;
      case InputType::kBool:
        if (v != "true" && v != "false") return base::Invalid(field, "must be true or false");
        out[spec.name] = v;
        break;
    }
  }
  return out;
}

base::Result<Transition> Next(const Workflow& w, std::string_view state,
                              std::string_view action_name, const Actor& actor,
                              std::optional<UnitId> case_unit) {
  const WorkflowAction* a = w.Action(action_name);
  if (a == nullptr || !MayTake(w, *a, state, actor, case_unit)) {
    std::string allowed;
    for (const auto* x : AvailableActions(w, state, actor, case_unit)) {
      allowed += (allowed.empty() ? "" : ", ") + x->name;
    }
    return base::Error{base::ErrorCode::kConflict,
                       "Action \"" + std::string(action_name) + "\" is not allowed now; allowed: " +
                           (allowed.empty() ? "none" : allowed),
                       "action"};
  }
  Transition t;
  t.action = a;
  t.to_state = a->to.empty() ? std::string(state) : a->to;
  t.to_status = w.State(t.to_state)->status;
  return t;
}

namespace {

bool HoldsMeetings(const Workflow& w) {
  for (const auto& a : w.actions) {
    for (const auto& e : a.effects) {
      if (e.kind == EffectKind::kScheduleMeeting || e.kind == EffectKind::kMeetingOutcome) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

base::Result<RetypePlan> PlanRetype(const Workflow& from, const Workflow& to,
                                    std::string_view state, bool has_meeting) {
  RetypePlan plan;
  if (from.name == to.name) return plan;
  const WorkflowState* now = from.State(state);
  if (now == nullptr || now->final) return plan;  // closed, or a state no longer defined
  if (has_meeting && !HoldsMeetings(to)) {
    return base::Error{base::ErrorCode::kConflict,
                       "The request has a meeting with the head, and the \"" + to.name +
                           "\" workflow cannot hold or record meetings: decline the meeting, "
                           "or record its outcome, before changing the type",
                       "type"};
  }
  plan.move = true;
  plan.to_state = state == from.initial ? to.initial : to.EntryState();
  plan.to_status = to.State(plan.to_state)->status;
  plan.restart_clocks = to.retype_restarts_clocks;
  plan.effects = to.on_retype;
  return plan;
}

}  // namespace tawasul::domain
