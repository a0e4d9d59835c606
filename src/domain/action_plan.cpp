#include "domain/action_plan.hpp"

#include <algorithm>
#include <chrono>

namespace tawasul::domain {
namespace {

using base::Error;
using base::ErrorCode;

std::string Input(const ActionInputs& in, const char* name) {
  auto it = in.find(name);
  return it == in.end() ? std::string() : it->second;
}

std::optional<std::int64_t> InputId(const ActionInputs& in, const char* name) {
  auto it = in.find(name);
  if (it == in.end()) return std::nullopt;
  return std::stoll(it->second);  // CheckInputs has made it digits only, at most 18 of them
}

/// The unit a referral goes to: the one given, else the category's routing.
base::Result<UnitId> ReferralUnit(const ActionInputs& inputs, std::optional<UnitId> routed) {
  if (auto v = InputId(inputs, "unit_id")) return UnitId{*v};
  if (routed) return *routed;
  return base::Invalid("inputs.unit_id", "is required: the category has no default unit");
}

PlannedNote ClockNote(const Effect& e) {
  return {"clock", e.clock, e.kind == EffectKind::kStartClock ? "start" : "stop"};
}

// ---- One step per effect ---------------------------------------------------------------------

base::Status Refer(ActionPlan& p, const ActionInputs& in, const ActionFacts& f) {
  auto unit = ReferralUnit(in, f.routed_unit);
  if (!unit) return unit.error();
  p.after.unit_id = *unit;
  p.refer_to = *unit;
  return base::Ok{};
}

void Answer(ActionPlan& p, const ActionInputs& in) { p.after.public_answer = Input(in, "answer"); }

void ScheduleMeeting(ActionPlan& p, const Case& c, const ActionInputs& in, const ActionFacts& f) {
  p.meeting = Meeting{c.id, Input(in, "date"), Input(in, "time"), Input(in, "place"), "", f.now};
}

void MeetingOutcome(ActionPlan& p, const Case& c, const ActionInputs& in, const ActionFacts& f) {
  Meeting m = p.meeting ? *p.meeting
                        : f.meeting.value_or(Meeting{c.id, "", "", "", "", f.now});
  m.outcome = Input(in, "outcome");
  m.updated_at = f.now;
  p.meeting = std::move(m);
}

/// An attempt to call the citizen back. Unless they were reached, the request stays where it
/// is, and after too many failures moves to `give_up_to` with its message.
void Callback(ActionPlan& p, const Workflow& w, const Case& c, const Effect& e,
              const ActionInputs& in, const ActionFacts& f) {
  const std::string outcome = Input(in, "outcome");
  p.callback = CallbackAttempt{c.id, f.now, f.actor, outcome};
  if (outcome == "reached") return;
  if (f.failed_callbacks + 1 >= f.callback_max_attempts && !e.give_up_to.empty()) {
    p.after.state = e.give_up_to;
    p.after.status = w.State(e.give_up_to)->status;
    if (!e.template_name.empty()) p.messages.push_back({e.template_name, "sms"});
  } else {
    p.after.state = c.state;  // try again later
    p.after.status = c.status;
  }
}

base::Status Merge(ActionPlan& p, const Case& c, const ActionInputs& in) {
  const CaseId target{*InputId(in, "case_id")};
  if (target == c.id) return base::Invalid("inputs.case_id", "a request cannot be merged into itself");
  p.after.duplicate_of = target;
  p.merge_into = target;
  p.no_survey = true;
  return base::Ok{};
}

void Malicious(ActionPlan& p, const Case& c) {
  p.count_malicious = c.requester_id.has_value();
  p.malicious = true;
  p.no_survey = true;
}

/// Allowed within the reopen window of the closing, or later when a low rating given within it
/// flags the request for review (docs/decisions/0009).
base::Status Reopen(const Case& c, const ActionFacts& f) {
  if (c.closed_at && f.now - *c.closed_at > std::chrono::hours(24) * f.reopen_window_days &&
      !f.review_allows_reopen) {
    return Error{ErrorCode::kConflict,
                 "The request was closed more than " + std::to_string(f.reopen_window_days) +
                     " days ago; register a new one",
                 "action"};
  }
  return base::Ok{};
}

}  // namespace

base::Result<ActionPlan> PlanAction(const Workflow& w, const Case& c, const WorkflowAction& action,
                                    const std::string& to_state, const ActionInputs& inputs,
                                    const ActionFacts& facts) {
  ActionPlan p;
  p.after = c;
  p.after.state = to_state;
  p.after.status = w.State(to_state)->status;
  p.after.updated_at = facts.now;
  for (const Effect& e : action.effects) {
    base::Status step = base::Ok{};
    switch (e.kind) {
      case EffectKind::kRefer:
        step = Refer(p, inputs, facts);
        break;
      case EffectKind::kAnswer:
        Answer(p, inputs);
        break;
      case EffectKind::kNotify:
        p.messages.push_back({e.template_name, e.channel});
        break;
      case EffectKind::kScheduleMeeting:
        ScheduleMeeting(p, c, inputs, facts);
        break;
      case EffectKind::kMeetingOutcome:
        MeetingOutcome(p, c, inputs, facts);
        break;
      case EffectKind::kCallback:
        Callback(p, w, c, e, inputs, facts);
        break;
      case EffectKind::kFollowUp:
        p.follow_up = e.follow_up_type;
        p.follow_up_then = e.then;
        break;
      case EffectKind::kMerge:
        step = Merge(p, c, inputs);
        break;
      case EffectKind::kTransfer:
        break;  // the agency is on the timeline with the action's inputs
      case EffectKind::kMalicious:
        Malicious(p, c);
        break;
      case EffectKind::kReopen:
        step = Reopen(c, facts);
        break;
      case EffectKind::kStartClock:
      case EffectKind::kStopClock:
        p.notes.push_back(ClockNote(e));
        break;
    }
    if (!step) return step.error();
  }
  p.closing = p.after.status == CaseStatus::kClosed && c.status != CaseStatus::kClosed;
  p.reopening = c.status == CaseStatus::kClosed && p.after.status != CaseStatus::kClosed;
  if (p.closing) {
    p.after.closed_at = facts.now;
  } else if (p.after.status != CaseStatus::kClosed) {
    p.after.closed_at.reset();
  }
  return p;
}

base::Result<FollowUpEntry> PlanFollowUpEntry(const Workflow& fw, const std::string& then,
                                              const ActionInputs& inputs,
                                              std::optional<UnitId> routed_unit) {
  FollowUpEntry out;
  if (then.empty()) {
    out.state = fw.initial;
    out.status = fw.State(fw.initial)->status;
    return out;
  }
  const std::string& entry = fw.EntryState();
  const auto conflict = [&](const std::string& why) {
    return Error{ErrorCode::kConflict,
                 "The follow-up's workflow \"" + fw.name + "\" " + why +
                     "; the profile's follow_up `then` must name an action from its entry state "
                     "that refers, notifies or moves clocks",
                 "action"};
  };
  const WorkflowAction* a = fw.Action(then);
  if (a == nullptr) return conflict("has no action \"" + then + "\"");
  const bool from_entry = std::any_of(a->from.begin(), a->from.end(), [&](const std::string& f) {
    return f == entry || f == "*";
  });
  if (!from_entry) return conflict("cannot take \"" + then + "\" from \"" + entry + "\"");
  out.action = a;
  out.from_state = entry;
  out.state = a->to.empty() ? entry : a->to;
  out.status = fw.State(out.state)->status;
  for (const Effect& e : a->effects) {
    switch (e.kind) {
      case EffectKind::kRefer: {
        auto unit = ReferralUnit(inputs, routed_unit);
        if (!unit) return unit.error();
        out.unit = *unit;
        break;
      }
      case EffectKind::kNotify:
        out.messages.push_back({e.template_name, e.channel});
        break;
      case EffectKind::kStartClock:
      case EffectKind::kStopClock:
        out.notes.push_back(ClockNote(e));
        break;
      default:
        return conflict("action \"" + then + "\" does more (" + std::string(ToString(e.kind)) + ")");
    }
  }
  return out;
}

}  // namespace tawasul::domain
