#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "domain/model.hpp"
#include "domain/sla_clock.hpp"

namespace tawasul::app {

namespace d = tawasul::domain;
using base::Result;
using base::Status;

/// A request's SLA clock as the store keeps it, with the escalation timer's bookkeeping.
struct StoredClock {
  d::CaseId case_id;  ///< unset in a NewCase's writes: the new request's id
  d::RequestClock clock;
  /// When the escalation timer looks at it next (domain NextCheck); nothing to do when empty.
  std::optional<base::Time> next_check_at;
  bool warning_reported = false;  ///< read only: from the escalation marks
  bool breach_reported = false;   ///< read only
  std::int64_t version = 0;       ///< bumped on every write; the timer's write checks it
  bool operator==(const StoredClock&) const = default;
};

/// A satisfaction survey sent with a closing; the link's token is stored only as its hash.
struct NewSurvey {
  std::string token_hash;
  std::string language;
  base::Time expires_at{};
};

struct Survey {
  std::int64_t id = 0;
  d::CaseId case_id;
  std::string language;
  base::Time created_at{};
  base::Time expires_at{};
  std::optional<base::Time> answered_at;
  std::optional<int> rating;
  std::string comment;
  bool operator==(const Survey&) const = default;
};

/// A low rating's flag on a request: listed in the "review" inbox until a dispatcher reopens
/// the request or dismisses the flag.
struct CaseReview {
  d::CaseId case_id;
  std::string source;  ///< survey | call
  int rating = 0;
  std::string comment;
  base::Time flagged_at{};
  /// The rating came within the reopen window: a reopen action is allowed on its strength
  /// even after the window has passed.
  bool reopenable = false;
  bool operator==(const CaseReview&) const = default;
};

/// What SLA clocks, surveys and reviews a change of a request writes, in its transaction.
struct ServiceWrites {
  std::vector<StoredClock> clocks;  ///< inserted or replaced whole (version bumped)
  std::optional<NewSurvey> survey;  ///< a survey of the request (its link goes in a message)
  bool review_reopened = false;     ///< closes the request's open review as "reopened"
};

/// The citizen's answer to a survey.
struct SurveyAnswer {
  std::string token_hash;
  int rating = 0;
  std::string comment;
  base::Time at{};
  std::optional<CaseReview> flag;  ///< set for a low rating: flags the request for review
};

/// A post-call rating from the IVR.
struct CallRating {
  std::int64_t id = 0;
  std::optional<d::ContactId> contact_id;
  std::optional<d::UserId> agent_id;
  std::string phone;  ///< E.164, when known
  std::optional<d::CaseId> case_id;
  int rating = 0;
  base::Time created_at{};
  bool operator==(const CallRating&) const = default;
};

/// How staff are reached (escalations); kept beside the user, not in it.
struct StaffContact {
  d::UserId user_id;
  std::string email;
  std::string phone;          ///< E.164
  bool unit_manager = false;  ///< a unit_staff user who manages their unit
  bool operator==(const StaffContact&) const = default;
};

/// One look of the escalation timer at one clock, written in one transaction: the next check,
/// and when something is reported the mark (unique per request, clock and kind), its timeline
/// event and the messages to staff.
struct SlaCheck {
  d::CaseId case_id;
  d::ClockName clock = d::ClockName::kResolution;
  std::int64_t expected_version = 0;
  std::optional<base::Time> next_check_at;
  d::Escalation escalation = d::Escalation::kNone;
  base::Time at{};
  base::Time due{};
  std::string note;  ///< on the timeline event; never a recipient
  std::vector<d::OutboxMessage> messages;
};

/// The store port for SLA clocks, escalations, surveys, ratings and reviews (app::Store
/// extends it; implemented in store/sql_store_sla.cpp, contract-tested on both engines).
class SlaStore {
 public:
  virtual ~SlaStore() = default;

  /// The clocks of these requests, with their reported marks.
  virtual std::vector<StoredClock> SlaClocks(const std::vector<d::CaseId>& case_ids) = 0;
  /// Clocks whose next check is due at `now`, soonest first.
  virtual std::vector<StoredClock> DueSlaClocks(base::Time now, int limit) = 0;
  /// Writes one look of the timer. PreconditionFailed (nothing written) when the clock changed
  /// since it was read; Conflict (nothing written) when the mark was already reported.
  virtual Status RecordSlaCheck(const SlaCheck& check) = 0;

  virtual Status SaveStaffContact(const StaffContact& contact) = 0;  ///< insert or replace
  virtual std::vector<StaffContact> StaffContacts() = 0;

  virtual std::optional<Survey> FindSurvey(const std::string& token_hash) = 0;
  /// The request's latest survey (the one its last closing sent) and its token's hash, so the
  /// portal can answer it for a citizen who proved code and phone; nullopt when none was sent.
  virtual std::optional<std::pair<Survey, std::string>> LatestSurveyOf(d::CaseId case_id) = 0;
  /// Records the answer once, with a "survey" timeline event and the review flag when given.
  /// NotFound when no such survey or expired at `at`; Conflict when already answered.
  virtual Result<Survey> AnswerSurvey(const SurveyAnswer& answer) = 0;
  /// Stores a call rating; with `flag`, flags its request for review (and notes both on the
  /// request's timeline).
  virtual Result<CallRating> AddCallRating(const CallRating& rating,
                                           const std::optional<CaseReview>& flag) = 0;
  /// Open reviews of these requests.
  virtual std::vector<CaseReview> OpenReviews(const std::vector<d::CaseId>& case_ids) = 0;
  /// Closes the open review as dismissed, with a timeline event; NotFound when none is open.
  virtual Status DismissReview(d::CaseId case_id, std::optional<d::UserId> actor,
                               const std::string& note, base::Time at) = 0;
};

}  // namespace tawasul::app
