#pragma once
// The contacts module's store port: calls reported by PBXs (CTI sources and their events),
// blocked callers, callback tasks and the links from a contact to the requests it touched.
// Contacts themselves are written by CaseStore::CreateContact (logged by hand) and here (calls).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "domain/call.hpp"
#include "domain/model.hpp"

namespace tawasul::app {

/// A PBX allowed to post call events; its token is kept only as a hash.
struct CtiSource {
  std::int64_t id = 0;
  std::string name;
  base::Time created_at{};
  std::optional<base::Time> rotated_at;
  std::optional<base::Time> revoked_at;
  /// Caller-ID routing for outbound calls, longest prefix first.
  std::vector<domain::CallerIdRule> caller_ids = {};
  bool operator==(const CtiSource&) const = default;
};

/// A caller whose calls are rejected (e.g. repeated malicious reports), until `expires_at`.
struct BlockedNumber {
  std::string number;  ///< E.164
  std::string reason;
  std::optional<base::Time> expires_at;  ///< nullopt: until unblocked
  std::optional<domain::UserId> created_by;
  base::Time created_at{};
  std::int64_t rejected = 0;  ///< calls rejected so far
  bool operator==(const BlockedNumber&) const = default;
};

/// Missed and abandoned calls from one number on one (local) day: one task to call back.
struct CallbackTask {
  std::int64_t id = 0;
  std::string number;
  std::string day;            ///< YYYY-MM-DD in the installation's time zone
  std::string status;         ///< open, done, given_up
  std::int64_t missed = 0;    ///< calls missed that day
  std::int64_t attempts = 0;  ///< calls made back
  domain::ContactId first_contact_id;
  domain::ContactId last_contact_id;  ///< the last missed call or the last attempt
  std::string note;
  base::Time created_at{};
  base::Time updated_at{};
  bool operator==(const CallbackTask&) const = default;
};

/// One event of a call, as the app has read and normalised it.
struct CallEventWrite {
  std::int64_t source_id = 0;
  std::string call_id;
  domain::CallEvent event = domain::CallEvent::kNewCall;
  base::Time at{};
  std::optional<domain::ContactDirection> direction;
  std::optional<domain::HangupCause> cause;
  std::string from_number;  ///< E.164, "anonymous" or as given
  std::string to_number;
  std::string queue;
  std::optional<domain::RequesterId> requester_id;  ///< the caller, when one number matches
  std::optional<domain::UserId> agent_id;           ///< who answered
  std::vector<domain::UserId> notify;               ///< whose consoles pop up (empty: every agent)
  std::string callback_number;  ///< the number to call back; empty: none (anonymous)
  std::string day;              ///< the local day for a callback task
};

struct CallEventResult {
  domain::Contact contact;
  domain::CallStep::Kind kind = domain::CallStep::Kind::kIgnored;
  bool rejected = false;  ///< the caller is blocked: the PBX is told to reject the call
};

class CallStore {
 public:
  virtual ~CallStore() = default;

  virtual base::Result<CtiSource> CreateCtiSource(const std::string& name,
                                                  const std::string& token_hash, base::Time at) = 0;
  virtual std::vector<CtiSource> ListCtiSources() = 0;
  /// The active (not revoked) source with this token hash.
  virtual std::optional<CtiSource> FindCtiSource(const std::string& token_hash) = 0;
  /// A new token for the source (the old one stops working at once).
  virtual base::Result<CtiSource> RotateCtiSource(std::int64_t id, const std::string& token_hash,
                                                  base::Time at) = 0;
  virtual base::Result<CtiSource> RevokeCtiSource(std::int64_t id, base::Time at) = 0;
  /// Replaces the source's caller-ID routing (NotFound when there is no such active source).
  virtual base::Result<CtiSource> SetCtiCallerIds(
      std::int64_t id, const std::vector<domain::CallerIdRule>& rules) = 0;

  /// Blocks (or re-blocks with a new reason and expiry) a number.
  virtual base::Result<BlockedNumber> BlockNumber(const BlockedNumber& b) = 0;
  virtual base::Status UnblockNumber(const std::string& number) = 0;
  virtual std::vector<BlockedNumber> ListBlockedNumbers() = 0;

  /// Folds one event into its call in one transaction (domain::ApplyCallEvent on the row read
  /// under lock): the contact, its call_events line, the callback task of a missed inbound call,
  /// and for a newCall from a number blocked at `at`, a rejected contact and the count.
  virtual base::Result<CallEventResult> RecordCallEvent(const CallEventWrite& w) = 0;

  /// Open tasks first (oldest first), then the others newest first; `status` filters.
  virtual std::vector<CallbackTask> ListCallbackTasks(const std::optional<std::string>& status,
                                                      int limit) = 0;
  virtual std::optional<CallbackTask> GetCallbackTask(std::int64_t id) = 0;
  /// Records a call back: an outbound contact to the task's number with `outcome`, one more
  /// attempt, and the task done (answered), given up (`max_attempts` reached) or still open.
  virtual base::Result<CallbackTask> RecordCallbackAttempt(std::int64_t id,
                                                           domain::ContactOutcome outcome,
                                                           domain::UserId agent,
                                                           const std::string& note,
                                                           int max_attempts, base::Time at) = 0;

  /// Links a contact to a request it registered, updated or looked up (idempotent).
  virtual base::Status LinkContact(domain::ContactId contact, domain::CaseId case_id,
                                   const std::string& link, base::Time at) = 0;
  /// The requests a contact touched: (case id, link), in the order linked.
  virtual std::vector<std::pair<domain::CaseId, std::string>> ContactLinks(
      domain::ContactId contact) = 0;
  /// Requesters whose number ends in `tail` (at least 7 digits), at most `limit`.
  virtual std::vector<domain::Requester> FindRequestersByPhoneTail(const std::string& digits,
                                                                   int limit) = 0;
  /// Users whose extension is `extension` (active ones).
  virtual std::optional<domain::User> FindUserByExtension(const std::string& extension) = 0;

};

}  // namespace tawasul::app
