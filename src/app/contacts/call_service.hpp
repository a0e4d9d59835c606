#pragma once
// Calls from telephone systems: the CTI endpoint's events (compatible with Zammad's generic CTI
// API), the PBXs allowed to post them, blocked callers, the callback worklist of missed calls
// and the screen-pop an agent sees when a call rings or is answered.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/auth/principal.hpp"
#include "app/cases/case_service.hpp"
#include "app/contacts/call_service_store.hpp"
#include "app/crypto.hpp"
#include "app/settings.hpp"
#include "base/result.hpp"
#include "base/time.hpp"
#include "domain/calendar.hpp"

namespace tawasul::app {

/// One CTI event as posted by a PBX (Zammad's field names; the HTTP layer reads JSON or a form).
struct CtiEventInput {
  std::string event;  ///< newCall | answer | hangup
  std::string from;
  std::string to;
  std::string direction;           ///< in | out
  std::string call_id;             ///< callId (or call_id)
  std::vector<std::string> users;  ///< user / user[]: the agents the call rings or was answered by
  std::string queue;
  std::string answering_number;
  std::string cause;
};

/// What the PBX is told: nothing ({}), to reject the call, or how to dial an outbound one.
struct CtiAnswer {
  bool reject = false;
  std::string reason;    ///< "busy" when rejected
  bool changed = false;  ///< a call notice was written (the live feed may be woken)
  /// An outbound newCall that the source's caller-ID routing covers: dial `number` showing
  /// `caller_id`.
  std::optional<domain::CallerIdRule> dial = std::nullopt;
  std::string number = {};
};

/// A PBX as administrators see it; `token` is set only when it was just made or rotated.
struct CtiSourceView {
  CtiSource source;
  std::optional<std::string> token;
};

/// What an agent's console shows for a call.
struct ScreenPop {
  domain::Contact call;
  std::vector<domain::Requester> requesters;     ///< who the number belongs to (may be several)
  std::vector<domain::Case> open_requests;       ///< their requests not closed, newest first
  std::vector<domain::Contact> recent_contacts;  ///< their last contacts, newest first
  std::vector<std::pair<domain::CaseId, std::string>> links;  ///< requests linked to this call
};

/// One line of a requester's history: a contact or a request, newest first.
struct HistoryEntry {
  base::Time at{};
  std::optional<domain::Contact> contact;
  std::optional<domain::Case> request;
};

/// A page of contacts, newest first; `next_before` continues it.
struct ContactPage {
  std::vector<domain::Contact> items;
  std::optional<std::int64_t> next_before;
};

class CallService {
 public:
  static constexpr int kMaxCallbackAttempts = 3;

  CallService(CallServiceStore& store, CaseService& cases, Crypto& crypto, const base::Clock& clock,
              const Settings& settings);

  /// An event from the PBX holding `token`: Unauthenticated for an unknown or revoked token,
  /// Invalid (naming the field) for a malformed event; a repeated or late event is accepted
  /// and changes nothing.
  Result<CtiAnswer> RecordEvent(const std::string& token, const CtiEventInput& in);

  // Administrators: the PBXs allowed to post events.
  Result<std::vector<CtiSource>> ListSources(const Principal& who);
  Result<CtiSourceView> CreateSource(const Principal& who, const std::string& name);
  Result<CtiSourceView> RotateSource(const Principal& who, std::int64_t id);
  Result<CtiSource> RevokeSource(const Principal& who, std::int64_t id);
  /// Replaces a PBX's caller-ID routing for outbound calls; Invalid names the rule and field.
  Result<CtiSource> SetCallerIds(const Principal& who, std::int64_t id,
                                 const std::vector<domain::CallerIdRule>& rules);

  // Administrators: blocked callers.
  Result<std::vector<BlockedNumber>> ListBlocked(const Principal& who);
  Result<BlockedNumber> Block(const Principal& who, const std::string& number,
                              const std::string& reason, std::optional<base::Time> expires_at);
  Status Unblock(const Principal& who, const std::string& number);

  // Agents: the callback worklist.
  Result<std::vector<CallbackTask>> ListCallbacks(const Principal& who,
                                                  const std::optional<std::string>& status);
  Result<CallbackTask> RecordCallback(const Principal& who, std::int64_t task_id,
                                      domain::ContactOutcome outcome, const std::string& note);

  /// The screen-pop of a call: the caller's records (logged as identity access).
  Result<ScreenPop> Pop(const Principal& who, domain::ContactId id);
  /// Contacts, newest first (staff who take calls; numbers are theirs to see).
  Result<ContactPage> ListContacts(const Principal& who, ContactFilter filter);
  /// What came of a contact (guidance, a request, a transfer), its topic, branch and note; a
  /// contact opened by hand is ended with `end`. Conflict: the disposition of a call that was
  /// never answered.
  Result<domain::Contact> UpdateContact(const Principal& who, domain::ContactId id,
                                        const ContactPatch& patch);
  /// A requester's contacts and requests on one timeline, newest first (logged as identity
  /// access).
  Result<std::vector<HistoryEntry>> History(const Principal& who, domain::RequesterId id,
                                            int limit);
  /// Links a contact to a request registered, updated or looked up during it.
  Status Link(const Principal& who, domain::ContactId id, domain::CaseId case_id,
              const std::string& link);

 private:
  /// An E.164 number, "anonymous", or the digits as given when the country's rules cannot read
  /// them (an extension); Invalid when too long or not a number at all.
  Result<std::string> Number(const std::string& text, const char* field) const;
  std::optional<domain::UserId> MatchAgent(const std::string& name_or_extension);

  CallServiceStore& store_;
  CaseService& cases_;
  Crypto& crypto_;
  const base::Clock& clock_;
  const Settings& settings_;
  /// The installation's time zone (read when first needed: it is loaded after construction).
  domain::TimeZone Zone();

  std::mutex zone_mu_;
  std::optional<domain::TimeZone> zone_;
};

}  // namespace tawasul::app
