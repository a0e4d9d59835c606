#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/id.hpp"
#include "base/time.hpp"

namespace tawasul::domain {

using base::Time;

struct CaseTag {};
struct UserTag {};
struct UnitTag {};
struct CategoryTag {};
struct SiteTag {};
struct RequesterTag {};
struct ContactTag {};
struct AttachmentTag {};
struct EventTag {};
struct MessageTag {};

using CaseId = base::Id<CaseTag>;
using UserId = base::Id<UserTag>;
using UnitId = base::Id<UnitTag>;
using CategoryId = base::Id<CategoryTag>;
using SiteId = base::Id<SiteTag>;
using RequesterId = base::Id<RequesterTag>;
using ContactId = base::Id<ContactTag>;
using AttachmentId = base::Id<AttachmentTag>;
using EventId = base::Id<EventTag>;
using MessageId = base::Id<MessageTag>;

/// A name in the three languages the product speaks; any may be empty but not all.
struct LocalizedName {
  std::string ar;
  std::string fa;
  std::string en;
  bool operator==(const LocalizedName&) const = default;
};

enum class Channel { kPhone, kWalkIn, kPortal, kEmail, kChat, kSms, kFax, kSocial };
enum class CaseType {
  kComplaint,
  kSuggestion,
  kCriticism,
  kReport,           ///< report on the conduct of a person, unit or affiliated body
  kViolationReport,
  kServiceRequest,
  kInquiry,
  kMeetingRequest,   ///< a public-meeting request with the head of the center
};
enum class Priority { kLow, kNormal, kHigh, kUrgent };
enum class CaseStatus { kNew, kDispatched, kReferred, kAnswered, kCallback, kOnHold, kClosed };
enum class Role { kAgent, kDispatcher, kUnitStaff, kHead, kSupervisor, kAnalyst, kAdmin };
enum class ContactDirection { kInbound, kOutbound };
enum class ContactOutcome {
  kGuidance,      ///< answered by guidance; no request
  kCaseCreated,   ///< a request was registered
  kCaseUpdated,   ///< about an existing request
  kTransferred,   ///< handed to another unit or agency
  kNoAnswer,
  kBusy,
  kWrongNumber,
  kAbandoned,     ///< the caller hung up before anyone answered
  kRinging,       ///< a call offered and not yet answered or ended (from the PBX)
  kAnswered,      ///< a call answered by an agent (from the PBX)
  kMissed,        ///< an inbound call nobody answered (no answer, busy, congestion)
  kRejected,      ///< refused at once: a blocked caller
  kForwarded,     ///< sent on by the PBX (another number, a queue elsewhere)
  kVoicemail,     ///< the caller left a message
};
enum class UnitKind { kCenter, kDirectorate, kDepartment, kDeputy, kBranch, kAffiliate };
enum class SiteKind { kMosque, kFacility, kArea, kBranch, kOther };
enum class TokenKind { kSession, kApi };

// Wire names (snake_case) for every enum; Parse* returns nullopt for an unknown name.
std::string_view ToString(Channel v);
std::string_view ToString(CaseType v);
std::string_view ToString(Priority v);
std::string_view ToString(CaseStatus v);
std::string_view ToString(Role v);
std::string_view ToString(ContactDirection v);
std::string_view ToString(ContactOutcome v);
std::string_view ToString(UnitKind v);
std::string_view ToString(SiteKind v);
std::string_view ToString(TokenKind v);
std::optional<Channel> ParseChannel(std::string_view s);
std::optional<CaseType> ParseCaseType(std::string_view s);
std::optional<Priority> ParsePriority(std::string_view s);
std::optional<CaseStatus> ParseCaseStatus(std::string_view s);
std::optional<Role> ParseRole(std::string_view s);
std::optional<ContactDirection> ParseContactDirection(std::string_view s);
std::optional<ContactOutcome> ParseContactOutcome(std::string_view s);
std::optional<UnitKind> ParseUnitKind(std::string_view s);
std::optional<SiteKind> ParseSiteKind(std::string_view s);
std::optional<TokenKind> ParseTokenKind(std::string_view s);

/// The organization tree: directorates › departments, deputies, branches; units receive referrals.
struct Unit {
  UnitId id;
  std::optional<UnitId> parent_id;
  std::string code;
  LocalizedName name;
  UnitKind kind = UnitKind::kDepartment;
  bool active = true;
  bool operator==(const Unit&) const = default;
};

/// A node of the category taxonomy (a tree).
struct Category {
  CategoryId id;
  std::optional<CategoryId> parent_id;
  std::string code;
  LocalizedName name;
  std::optional<UnitId> default_unit_id;
  std::string workflow;  ///< the workflow for requests in this category; empty: inherit / default
  bool active = true;
  bool operator==(const Category&) const = default;
};

/// A place requests are about: a mosque, a facility, a municipal area.
struct Site {
  SiteId id;
  std::string code;
  SiteKind kind = SiteKind::kMosque;
  LocalizedName name;
  std::string region;
  std::string district;
  std::optional<double> latitude;
  std::optional<double> longitude;
  bool active = true;
  bool operator==(const Site&) const = default;
};

struct User {
  UserId id;
  std::string username;
  std::string display_name;
  Role role = Role::kAgent;
  std::optional<UnitId> unit_id;  ///< set for unit_staff (their unit) and optional otherwise
  std::string language = "ar";    ///< ar, fa or en
  /// The calendar this user reads dates in: "" = the center's, else gregorian |
  /// islamic-umalqura | persian (the installation's wire names).
  std::string calendar;
  std::string digits;  ///< "" = the language's usual digits, "latn" or "native"
  std::string extension;  ///< the telephone extension the PBX names this agent by ("" none)
  bool active = true;
  Time created_at{};
  bool operator==(const User&) const = default;
};

/// The citizen record. `phone` is E.164 when present.
struct Requester {
  RequesterId id;
  std::string name;
  std::string phone;
  std::string email;
  std::string national_id;
  std::string language;
  int malicious_count = 0;  ///< requests from this requester closed as malicious or abusive
  Time created_at{};
  /// The profile's requester attributes (domain/requester_attributes.hpp): key → value.
  std::map<std::string, std::string> attributes = {};
  bool operator==(const Requester&) const = default;
};

/// A request (case): what must be followed up.
struct Case {
  CaseId id;
  std::string tracking_code;
  CaseType type = CaseType::kComplaint;
  CategoryId category_id;
  Channel channel = Channel::kPhone;
  std::optional<RequesterId> requester_id;  ///< absent for an anonymous request
  std::optional<SiteId> site_id;
  std::string description;
  Priority priority = Priority::kNormal;
  CaseStatus status = CaseStatus::kNew;  ///< the coarse status of `state` (for citizens, reports)
  std::string workflow;                  ///< the workflow the request follows
  std::string state;                     ///< its state in that workflow
  std::optional<UnitId> unit_id;
  std::string public_answer;
  std::optional<CaseId> parent_id;       ///< the request this one follows up
  std::optional<CaseId> duplicate_of;    ///< set when merged into another request
  std::optional<Time> closed_at;
  std::optional<UserId> created_by;  ///< absent when submitted on the public portal
  Time created_at{};
  Time updated_at{};
  std::int64_t version = 1;  ///< bumped on every change; the ETag
  std::optional<UnitId> branch_id = {};  ///< the branch (a unit of kind branch) it was taken at
  std::optional<UnitId> suggested_unit_id = {};  ///< where routing would refer it (routing.hpp)
  std::optional<UserId> owner_id = {};  ///< the member of staff who claimed or was assigned it
  bool operator==(const Case&) const = default;
};

/// One entry of a request's timeline: who, when, what changed from what to what.
struct TimelineEvent {
  EventId id;
  CaseId case_id;
  Time at{};
  std::optional<UserId> actor_id;
  std::string kind;   ///< "created", "changed", "contact", "attachment", ...
  std::string field;  ///< for "changed": the field's wire name
  std::string from;
  std::string to;
  std::string note;
  bool operator==(const TimelineEvent&) const = default;
};

/// One call, visit or message, with or without a request.
/// One interaction on one channel: a call (in or out), a visit, a message.
struct Contact {
  ContactId id;
  Channel channel = Channel::kPhone;
  ContactDirection direction = ContactDirection::kInbound;
  std::optional<RequesterId> requester_id;
  std::optional<CaseId> case_id;  ///< the first request registered or updated during it
  std::optional<UserId> agent_id;  ///< who logged it, or the agent who answered the call
  ContactOutcome outcome = ContactOutcome::kGuidance;
  std::string note;
  Time started_at{};  ///< offered (a call's first ring, a visit's arrival)
  std::optional<Time> ended_at;
  Time created_at{};
  std::string from_number;  ///< E.164, "anonymous", or as the PBX gave it when unparseable
  std::string to_number;
  std::string queue;        ///< the PBX's queue or the number dialled
  std::optional<std::string> call_id;     ///< the PBX's id of the call (unique per source)
  std::optional<std::int64_t> source_id;  ///< the PBX (CTI source) that reported the call
  std::optional<SiteId> site_id;          ///< the branch or counter of a visit
  std::optional<CategoryId> category_id;  ///< the topic
  std::optional<Time> answered_at;
  std::string cause;  ///< the PBX's hangup cause (normalClearing, busy, cancel, ...)
  /// The branch (a unit of kind branch) it was taken at: the one chosen for a walk-in, else the
  /// nearest branch at or above the agent's unit (filled by the store when the agent is known).
  std::optional<UnitId> branch_id = {};
  /// Topic tags to put on it when it is written (registry names, already checked); contacts
  /// read back do not carry them (reports read contact_tags).
  std::vector<std::string> tags = {};
  bool operator==(const Contact&) const = default;
};

struct Attachment {
  AttachmentId id;
  CaseId case_id;
  std::string filename;
  std::string media_type;  ///< sniffed from the content, never taken from the client
  std::int64_t size = 0;
  std::optional<UserId> uploaded_by;
  Time created_at{};
  /// When a dispatcher released it to staff who work on anonymized referrals; until then they
  /// do not see it (docs/decisions/0018-what-a-unit-may-see.md).
  std::optional<Time> released_at;
  std::optional<UserId> released_by;
  bool operator==(const Attachment&) const = default;
};

/// A public-meeting request's meeting: date, time and place, and its outcome.
struct Meeting {
  CaseId case_id;
  std::string date;   ///< YYYY-MM-DD, the installation's local date
  std::string time;   ///< HH:MM local
  std::string place;
  std::string outcome;
  Time updated_at{};
  bool operator==(const Meeting&) const = default;
};

/// One attempt of line 2 to call the citizen back.
struct CallbackAttempt {
  CaseId case_id;
  Time at{};
  std::optional<UserId> user_id;
  std::string outcome;  ///< reached | no_answer | busy | wrong_number
  bool operator==(const CallbackAttempt&) const = default;
};

/// A message to a requester, queued in the same transaction as the action that causes it.
/// A file sent with an email (a scheduled report's spreadsheet).
struct MessageFile {
  std::string filename;
  std::string media_type;
  std::string content;  ///< the bytes
  bool operator==(const MessageFile&) const = default;
};

struct OutboxMessage {
  MessageId id;
  std::optional<CaseId> case_id;
  std::string channel;    ///< sms | email
  std::string template_name;
  std::string recipient;  ///< E.164 phone or email address
  std::string language;
  std::string subject;    ///< email only
  std::string body;       ///< rendered when queued
  /// queued | sending | sent | delivered | undeliverable | failed (see Store::ClaimMessages)
  std::string status = "queued";
  Time created_at{};
  int segments = 0;         ///< SMS parts on the air (0 for email); counted when queued
  int attempts = 0;         ///< send attempts so far (claims, including one a crash cut short)
  std::optional<Time> sent_at;  ///< when a gateway accepted it
  std::string gateway_ref;  ///< the gateway's reference (email: our Message-ID)
  std::string last_error;   ///< the last failed attempt's error, for operators
  /// Email only: an attached file (outbox_files, migration 0020), loaded when it is claimed.
  std::optional<MessageFile> file = {};
  bool operator==(const OutboxMessage&) const = default;
};

}  // namespace tawasul::domain
