#pragma once
// The cases module's store port: requests, their timeline, requesters, contacts and attachments.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/sla/sla_store.hpp"
#include "base/result.hpp"
#include "base/time.hpp"
#include "domain/inbound.hpp"
#include "domain/model.hpp"

namespace tawasul::app {

using base::Result;
using base::Status;
namespace d = tawasul::domain;

/// A timeline line written with an action: kind ("notification", "clock", ...) and text.
struct TimelineNote {
  std::string kind;
  std::string field;
  std::string to;
  std::string note;
  std::string from = {};  ///< e.g. a "moved" line's workflow.state before
};

/// A new request as the store receives it: validated, with its tracking code already drawn.
/// When `requester` is set without an id, the store finds the requester by phone (or creates one)
/// in the same transaction.
struct NewCase {
  d::Case fields;                          ///< id, version, timestamps are filled by the store
  std::optional<d::Requester> requester;   ///< nullopt: anonymous
  std::optional<d::UserId> actor;
  /// Messages its workflow sends on registration (the tracking code by SMS), written with it:
  /// each with a "notification" event, like ApplyAction's; and extra timeline lines.
  std::vector<d::OutboxMessage> messages;
  std::vector<TimelineNote> notes;
  ServiceWrites service;  ///< its SLA clocks (app/sla_store.hpp)
  /// The contact (a call, a visit) it was registered during: linked as "registered" in the same
  /// transaction; an answered call's outcome becomes case_created.
  std::optional<d::ContactId> contact_id;
  /// Or a contact to log with it (staff registering a phone or walk-in request outside any
  /// open contact): written with the request's id and requester.
  std::optional<d::Contact> contact;
  /// Topic tags put on it at registration: (name, key), each checked by the app against the
  /// registry; written with it.
  std::vector<std::pair<std::string, std::string>> tags = {};
  /// The written message it came from (with `contact`): kept with the request's and the
  /// contact's ids.
  std::optional<d::InboundMessage> inbound = {};
};

/// One field change of a PATCH; the store writes it and a timeline "changed" event together.
struct FieldChange {
  std::string field;
  std::string from;
  std::string to;
};

struct CaseUpdate {
  d::CaseId id;
  std::int64_t expected_version = 0;  ///< 0: no precondition
  d::Case after;                      ///< the whole row as it must be written
  std::vector<FieldChange> changes;
  std::optional<d::UserId> actor;
  std::string note;
  ServiceWrites service;  ///< SLA clocks, survey, review written with the change
};

/// An internal note and the colleagues it names (@username), written together.
struct NewNote {
  d::CaseId case_id;
  d::UserId actor;
  std::string text;
  std::vector<d::UserId> mentions;
  base::Time at{};
};

/// A note that named a user, as their mentions list shows it.
struct Mention {
  std::int64_t id = 0;
  d::CaseId case_id;
  std::string tracking_code;
  std::optional<d::UserId> by;
  std::string by_name;
  std::string note;
  base::Time at{};
  std::optional<base::Time> seen_at;
};

struct CaseFilter {
  std::optional<d::CaseStatus> status;
  /// Any of these (workflow, state) pairs (inboxes): a state name means nothing without its
  /// workflow, since two workflows may both have an "answered" that feeds different inboxes.
  std::vector<std::pair<std::string, std::string>> states;
  std::optional<d::UserId> created_by;
  /// "Mine": owned by this user, or registered by them and owned by no one.
  std::optional<d::UserId> mine_of;
  std::optional<d::UserId> owner_id;
  bool unowned = false;  ///< only requests no one owns
  std::optional<d::CaseType> type;
  std::optional<d::CategoryId> category_id;
  std::vector<d::CategoryId> category_in;  ///< any of these (a category and those below it)
  std::optional<d::UnitId> unit_id;
  std::optional<d::Channel> channel;
  std::optional<d::SiteId> site_id;
  std::optional<d::RequesterId> requester_id;
  std::optional<base::Time> created_from;  ///< inclusive
  std::optional<base::Time> created_to;    ///< exclusive
  std::optional<std::int64_t> before_id;   ///< cursor: only ids below this (newest first)
  bool needs_review = false;               ///< only requests with an open review (low rating)
  int limit = 50;
};

/// Which contacts a list shows, newest first.
struct ContactFilter {
  std::optional<d::CaseId> case_id;  ///< linked to this request in any way
  std::optional<d::RequesterId> requester_id;
  std::optional<d::Channel> channel;
  std::optional<d::ContactDirection> direction;
  std::optional<d::ContactOutcome> outcome;
  std::optional<d::UserId> agent_id;
  std::optional<d::CategoryId> category_id;
  std::optional<d::SiteId> site_id;
  std::optional<std::string> queue;
  std::optional<std::string> number;        ///< the caller's or the called number (E.164)
  std::optional<base::Time> started_from;   ///< inclusive
  std::optional<base::Time> started_to;     ///< exclusive
  std::optional<std::int64_t> before_id;    ///< cursor: only ids below this
  int limit = 50;
};

/// What staff change on a contact; unset fields are kept. Written in one statement, so a PBX
/// event on the same call at the same moment cannot undo it.
struct ContactEdit {
  d::ContactId id;
  std::optional<d::ContactOutcome> outcome;  ///< a disposition (guidance, case_created, ...)
  std::optional<std::optional<d::CategoryId>> category_id;
  std::optional<std::optional<d::SiteId>> site_id;
  std::optional<std::string> note;
  std::optional<base::Time> end_at;  ///< ends a contact opened by hand (not a PBX's call)
  std::vector<std::string> add_tags = {};  ///< registry tags put on it (already checked)
  std::optional<d::UserId> actor = {};
};

struct AttachmentBlob {
  d::Attachment meta;
  std::string content;
};

/// Requests and what hangs on them, written in one transaction each.
class CaseStore {
 public:
  virtual ~CaseStore() = default;

  // Requesters
  virtual std::optional<d::Requester> GetRequester(d::RequesterId id) = 0;
  /// The requesters with these ids that exist, in no particular order (at most 500 ids).
  virtual std::vector<d::Requester> GetRequesters(const std::vector<d::RequesterId>& ids) = 0;
  virtual std::optional<d::Requester> FindRequesterByPhone(const std::string& e164) = 0;
  /// Requesters whose phone starts with `phone_prefix` (E.164 or a prefix of it).
  virtual std::vector<d::Requester> SearchRequesters(const std::string& phone_prefix,
                                                     int limit) = 0;
  virtual Result<d::Requester> UpdateRequester(const d::Requester& requester) = 0;
  /// Inserts a requester (e.g. the caller of a guidance-only call); Conflict on a taken phone.
  virtual Result<d::Requester> CreateRequester(const d::Requester& requester) = 0;

  // Requests
  /// Inserts the request, its requester when new, and a "created" timeline event in one
  /// transaction. Conflict on `tracking_code` when the code is taken (the caller draws again).
  virtual Result<d::Case> CreateCase(const NewCase& c) = 0;
  virtual std::optional<d::Case> GetCase(d::CaseId id) = 0;
  virtual std::optional<d::Case> FindCaseByTrackingCode(const std::string& code) = 0;
  virtual std::vector<d::Case> ListCases(const CaseFilter& filter) = 0;
  /// How many requests `filter` selects (its limit and cursor aside), counting at most `cap`.
  virtual std::int64_t CountCases(const CaseFilter& filter, std::int64_t cap) = 0;
  /// Writes `after` when the stored version equals `expected_version` (PreconditionFailed
  /// otherwise), bumps the version, appends one timeline event per change.
  virtual Result<d::Case> UpdateCase(const CaseUpdate& update) = 0;
  virtual std::vector<d::TimelineEvent> Timeline(d::CaseId id) = 0;
  /// Appends a "note" event and a mention row per named user, in one transaction; the event.
  virtual Result<d::TimelineEvent> AddNote(const NewNote& note) = 0;
  /// Queues `message` and writes a "reply" event holding `text` on the request, together; the
  /// message as queued (failed at once when its number sent a stop word).
  virtual Result<d::OutboxMessage> AddReply(d::CaseId id, d::UserId actor, const d::OutboxMessage& message,
                                            const std::string& text) = 0;
  /// `user`'s mentions, newest first (only those not yet seen when `unseen_only`).
  virtual std::vector<Mention> MentionsOf(d::UserId user, bool unseen_only,
                                          std::optional<std::int64_t> before_id, int limit) = 0;
  virtual std::int64_t CountUnseenMentions(d::UserId user) = 0;
  /// Marks `user`'s mentions on the request seen at `at`; how many were not seen before.
  virtual int MarkMentionsSeen(d::UserId user, d::CaseId case_id, base::Time at) = 0;

  // Contacts
  /// Inserts the contact and, when linked to a request, a "contact" timeline event.
  virtual Result<d::Contact> CreateContact(const d::Contact& contact) = 0;
  virtual std::optional<d::Contact> GetContact(d::ContactId id) = 0;
  virtual std::vector<d::Contact> ListContacts(const ContactFilter& filter) = 0;
  /// NotFound when there is no such contact.
  virtual Result<d::Contact> UpdateContact(const ContactEdit& change) = 0;

  // Attachments (content kept in the store so a request and its files commit together)
  virtual Result<d::Attachment> AddAttachment(const d::Attachment& meta,
                                              const std::string& content) = 0;
  virtual std::vector<d::Attachment> ListAttachments(d::CaseId case_id) = 0;
  virtual std::optional<AttachmentBlob> GetAttachment(d::AttachmentId id) = 0;
  /// Releases an attachment to staff who work on anonymized referrals, with its timeline event,
  /// in one transaction; releasing twice keeps the first release. NotFound: no such attachment.
  virtual Result<d::Attachment> ReleaseAttachment(d::AttachmentId id, d::UserId by, base::Time at) = 0;
};

}  // namespace tawasul::app
