#pragma once
// A telephone call as the PBX reports it (Zammad's generic CTI events: newCall, answer, hangup),
// folded into the call's contact record. Pure: the app reads the record, applies the event here
// and writes what comes back in one transaction. Events may come twice or out of order (a PBX
// retries, two nodes race); none is ever refused for that, and the call is never lost.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace tawasul::domain {

enum class CallEvent { kNewCall, kAnswer, kHangup };
std::optional<CallEvent> ParseCallEvent(std::string_view s);  ///< "newCall", "answer", "hangup"

/// The hangup causes a PBX reports (Zammad's names).
enum class HangupCause {
  kNormalClearing,
  kBusy,
  kCancel,
  kNoAnswer,
  kCongestion,
  kNotFound,
  kForwarded,
};
std::optional<HangupCause> ParseHangupCause(std::string_view s);
std::string_view ToString(HangupCause c);

/// What an agent made of a contact (guidance, a request registered or updated, a transfer), as
/// against what the line did (ringing, answered, missed...). A hangup keeps a disposition.
bool IsDisposition(ContactOutcome o);

/// The part of a call's record that events move.
struct CallRecord {
  ContactDirection direction = ContactDirection::kInbound;
  ContactOutcome outcome = ContactOutcome::kRinging;
  Time offered_at{};
  std::optional<Time> answered_at;
  std::optional<Time> ended_at;
  std::string cause;
};

/// What one event does to a call.
struct CallStep {
  enum class Kind {
    kIgnored,   ///< a repeat or a late event: nothing changes (answered 200 all the same)
    kCreated,   ///< the first event seen of this call: a new record
    kUpdated,   ///< the record moves
  };
  Kind kind = Kind::kIgnored;
  CallRecord after;
  /// An inbound call that ended unanswered (missed or abandoned): a callback task is due.
  bool callback_due = false;
  /// The feed's word for it: "ringing", "answered" or "ended" (empty when ignored).
  std::string event;
};

/// Applies `event` at `at` to the call (`current` absent when no event of it was seen yet).
/// `direction` is the event's when it gives one (newCall does), else the record's.
/// A hangup with no newCall makes a record that starts and ends at `at`; an answer with no
/// newCall one offered and answered at `at`; an answer after the hangup and a second newCall
/// are ignored. Unanswered inbound calls end as abandoned (the caller gave up: cancel, normal
/// clearing), missed (noAnswer, busy, congestion, notFound) or forwarded; unanswered outbound
/// calls as busy or no_answer.
CallStep ApplyCallEvent(const std::optional<CallRecord>& current, CallEvent event, Time at,
                        std::optional<ContactDirection> direction,
                        std::optional<HangupCause> cause);

/// Seconds from offered to answered (or to the end, unanswered); nullopt while ringing.
std::optional<std::int64_t> WaitSeconds(const Contact& c);
/// Seconds from answered to ended; nullopt when never answered or not yet ended.
std::optional<std::int64_t> TalkSeconds(const Contact& c);

/// One line of a PBX's caller-ID routing: outbound calls to numbers starting with `prefix`
/// (E.164 or digits as dialled; empty: any number) show `caller_id`.
struct CallerIdRule {
  std::string prefix;
  std::string caller_id;
  bool operator==(const CallerIdRule&) const = default;
};

/// The rule for an outbound call to `destination`: the longest prefix that starts it (the
/// empty prefix matches every number); nullopt when none does.
std::optional<CallerIdRule> PickCallerId(const std::vector<CallerIdRule>& rules,
                                         std::string_view destination);

}  // namespace tawasul::domain
