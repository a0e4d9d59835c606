#include "domain/call.hpp"

#include <algorithm>
#include <chrono>

namespace tawasul::domain {

std::optional<CallEvent> ParseCallEvent(std::string_view s) {
  if (s == "newCall") return CallEvent::kNewCall;
  if (s == "answer") return CallEvent::kAnswer;
  if (s == "hangup") return CallEvent::kHangup;
  return std::nullopt;
}

std::string_view ToString(HangupCause c) {
  switch (c) {
    case HangupCause::kNormalClearing:
      return "normalClearing";
    case HangupCause::kBusy:
      return "busy";
    case HangupCause::kCancel:
      return "cancel";
    case HangupCause::kNoAnswer:
      return "noAnswer";
    case HangupCause::kCongestion:
      return "congestion";
    case HangupCause::kNotFound:
      return "notFound";
    case HangupCause::kForwarded:
      return "forwarded";
  }
  return {};
}

std::optional<HangupCause> ParseHangupCause(std::string_view s) {
  for (int i = 0; i <= static_cast<int>(HangupCause::kForwarded); ++i) {
    const auto c = static_cast<HangupCause>(i);
    if (ToString(c) == s) return c;
  }
  return std::nullopt;
}

namespace {

bool Ended(const CallRecord& r) { return r.ended_at.has_value(); }
}  // namespace

bool IsDisposition(ContactOutcome o) {
  return o == ContactOutcome::kGuidance || o == ContactOutcome::kCaseCreated ||
         o == ContactOutcome::kCaseUpdated || o == ContactOutcome::kTransferred;
}

namespace {

/// How a call that was never answered ends.
ContactOutcome Unanswered(ContactDirection direction, std::optional<HangupCause> cause) {
  const HangupCause c = cause.value_or(HangupCause::kNormalClearing);
  if (c == HangupCause::kForwarded) return ContactOutcome::kForwarded;
  if (direction == ContactDirection::kOutbound) {
    return c == HangupCause::kBusy ? ContactOutcome::kBusy : ContactOutcome::kNoAnswer;
  }
  switch (c) {
    case HangupCause::kNormalClearing:
    case HangupCause::kCancel:
      return ContactOutcome::kAbandoned;
    default:
      return ContactOutcome::kMissed;
  }
}

}  // namespace

CallStep ApplyCallEvent(const std::optional<CallRecord>& current, CallEvent event, Time at,
                        std::optional<ContactDirection> direction,
                        std::optional<HangupCause> cause) {
  CallStep step;
  CallRecord r;
  if (current) {
    r = *current;
  } else {
    r.direction = direction.value_or(ContactDirection::kInbound);
    r.offered_at = at;
  }
  step.kind = current ? CallStep::Kind::kUpdated : CallStep::Kind::kCreated;
  switch (event) {
    case CallEvent::kNewCall:
      if (current) {
        step.kind = CallStep::Kind::kIgnored;  // a repeat (or later than an answer or hangup)
        break;
      }
      r.outcome = ContactOutcome::kRinging;
      step.event = "ringing";
      break;
    case CallEvent::kAnswer:
      if (current && (Ended(r) || r.answered_at)) {
        step.kind = CallStep::Kind::kIgnored;
        break;
      }
      r.answered_at = std::max(at, r.offered_at);
      r.outcome = ContactOutcome::kAnswered;
      step.event = "answered";
      break;
    case CallEvent::kHangup:
      if (current && Ended(r)) {
        step.kind = CallStep::Kind::kIgnored;
        break;
      }
      r.ended_at = std::max({at, r.offered_at, r.answered_at.value_or(r.offered_at)});
      if (cause) r.cause = std::string(ToString(*cause));
      if (r.answered_at) {
        // What the agent made of the call (guidance, a request) outlives the hangup.
        if (cause == HangupCause::kForwarded) {
          r.outcome = ContactOutcome::kForwarded;
        } else if (!IsDisposition(r.outcome)) {
          r.outcome = ContactOutcome::kAnswered;
        }
      } else {
        r.outcome = Unanswered(r.direction, cause);
        step.callback_due = r.direction == ContactDirection::kInbound &&
                            (r.outcome == ContactOutcome::kAbandoned ||
                             r.outcome == ContactOutcome::kMissed);
      }
      step.event = "ended";
      break;
  }
  if (step.kind == CallStep::Kind::kIgnored) {
    step.after = current.value_or(r);
    step.event.clear();
    step.callback_due = false;
    return step;
  }
  step.after = r;
  return step;
}

namespace {
std::int64_t Seconds(Time from, Time to) {
  return std::max<std::int64_t>(
      0, std::chrono::duration_cast<std::chrono::seconds>(to - from).count());
}
}  // namespace

std::optional<std::int64_t> WaitSeconds(const Contact& c) {
  if (c.answered_at) return Seconds(c.started_at, *c.answered_at);
  if (c.ended_at) return Seconds(c.started_at, *c.ended_at);
  return std::nullopt;
}

std::optional<std::int64_t> TalkSeconds(const Contact& c) {
  if (!c.answered_at || !c.ended_at) return std::nullopt;
  return Seconds(*c.answered_at, *c.ended_at);
}

std::optional<CallerIdRule> PickCallerId(const std::vector<CallerIdRule>& rules,
                                         std::string_view destination) {
  const CallerIdRule* best = nullptr;
  for (const CallerIdRule& r : rules) {
    if (destination.substr(0, r.prefix.size()) != r.prefix) continue;
    if (!best || r.prefix.size() > best->prefix.size()) best = &r;
  }
  if (!best) return std::nullopt;
  return *best;
}

}  // namespace tawasul::domain
