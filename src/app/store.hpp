#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/live/live_store.hpp"
#include "app/outbox/outbox.hpp"
#include "app/reports/report_store.hpp"
#include "app/sla/sla_store.hpp"
#include "base/result.hpp"
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

/// Everything one workflow action writes, in one transaction (see Store::ApplyAction).
struct ActionWrite {
  CaseUpdate update;                 ///< the request after the action, with version check
  std::string action;                ///< the action's name, for the timeline; empty: no action line
  std::string inputs_text;           ///< the inputs as shown on the timeline ("name=value; ...")
  std::string from_state;
  std::vector<d::OutboxMessage> messages;
  std::optional<d::Meeting> meeting;          ///< inserted or replaced
  std::optional<d::CallbackAttempt> callback; ///< appended
  std::optional<NewCase> follow_up;           ///< a linked request created with the action
  bool count_malicious = false;      ///< increments the requester's malicious_count
  std::vector<TimelineNote> notes;   ///< extra timeline lines (queued notifications, clocks)
  /// Staff accepted the request: messages held for an unknown number (a portal submission, the
  /// profile's portal_unknown_numbers = "hold") are queued now.
  bool release_held = false;
};

struct CaseFilter {
  std::optional<d::CaseStatus> status;
  /// Any of these (workflow, state) pairs (inboxes): a state name means nothing without its
  /// workflow, since two workflows may both have an "answered" that feeds different inboxes.
  std::vector<std::pair<std::string, std::string>> states;
  std::optional<d::UserId> created_by;
  std::optional<d::CaseType> type;
  std::optional<d::CategoryId> category_id;
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

struct StoredToken {
  std::string hash;  ///< hex of a keyed hash of the secret; the secret itself is never stored
  d::UserId user_id;
  d::TokenKind kind = d::TokenKind::kSession;
  std::string name;
  base::Time created_at{};
  std::optional<base::Time> expires_at;
};

struct UserWithSecret {
  d::User user;
  std::string password_hash;  ///< argon2id encoded string (libsodium)
};

/// One administrative change (who changed what, with the old and new values as text).
struct AdminAuditEntry {
  std::int64_t id = 0;
  base::Time at{};
  std::optional<d::UserId> actor;
  std::string entity;  ///< user, unit, category, site, template, workflow, service_levels
  std::string key;     ///< which one: an id, a name or a code
  std::string action;  ///< create, update, password_reset, put, holiday_add, ...
  std::string old_value;
  std::string new_value;
  std::string prev_hash;  ///< the hash of the entry before ("" for the first)
  std::string hash;       ///< SHA-256 (hex) of prev_hash and every field above
  bool operator==(const AdminAuditEntry&) const = default;
};

struct AdminAuditCheck {
  std::int64_t checked = 0;                ///< entries read
  std::optional<std::int64_t> broken_at;   ///< the first entry that breaks the chain
  std::string why;                         ///< what does not hold there
};

struct AttachmentBlob {
  d::Attachment meta;
  std::string content;
};

/// The store port. Implemented once over SQL (store/sql_store) with SQLite and PostgreSQL
/// drivers; a contract suite (tests/store_contract_test.cpp) runs unchanged on both.
/// Every write is durable when the call returns (fsync'd, possibly in a group commit).
/// Methods return NotFound / Conflict / PreconditionFailed as values; storage faults throw.
class Store : public SlaStore, public ReportStore, public LiveStore {
 public:
  virtual ~Store() = default;

  /// Applies pending migrations; returns the schema version now in place.
  virtual int Migrate() = 0;
  virtual int SchemaVersion() = 0;
  /// True when no user exists (a fresh store, e.g. before `tawasul demo`).
  virtual bool IsEmpty() = 0;
  /// Appends the store's own Prometheus lines (commit batches, their sizes and durations).
  virtual void AppendMetrics(std::string& out) = 0;

  // Users and tokens
  virtual Result<d::User> CreateUser(const d::User& user, const std::string& password_hash) = 0;
  virtual Result<d::User> UpdateUser(const d::User& user) = 0;
  /// Sets a user's password and, in the same transaction, revokes their sessions and API tokens
  /// except the session whose token hash is `keep_session_hash` (empty: all of them), so a stolen
  /// session or token dies with the old password; an integration is given a new token.
  virtual Status SetPassword(d::UserId id, const std::string& password_hash,
                             const std::string& keep_session_hash) = 0;
  /// UpdateUser and SetPassword in one transaction: an administrator's PATCH with a password.
  virtual Result<d::User> UpdateUserAndPassword(const d::User& user,
                                                const std::string& password_hash,
                                                const std::string& keep_session_hash) = 0;
  virtual std::optional<d::User> GetUser(d::UserId id) = 0;
  virtual std::optional<UserWithSecret> FindUserByUsername(const std::string& username) = 0;
  virtual std::vector<d::User> ListUsers() = 0;
  virtual Status SaveToken(const StoredToken& token) = 0;
  virtual std::optional<StoredToken> FindToken(const std::string& hash) = 0;
  virtual Status DeleteToken(const std::string& hash) = 0;

  // Organization, taxonomy, sites
  virtual Result<d::Unit> CreateUnit(const d::Unit& unit) = 0;
  virtual Result<d::Unit> UpdateUnit(const d::Unit& unit) = 0;
  virtual std::optional<d::Unit> GetUnit(d::UnitId id) = 0;
  virtual std::vector<d::Unit> ListUnits() = 0;
  virtual Result<d::Category> CreateCategory(const d::Category& category) = 0;
  virtual Result<d::Category> UpdateCategory(const d::Category& category) = 0;
  virtual std::optional<d::Category> GetCategory(d::CategoryId id) = 0;
  virtual std::vector<d::Category> ListCategories() = 0;
  virtual Result<d::Site> CreateSite(const d::Site& site) = 0;
  virtual Result<d::Site> UpdateSite(const d::Site& site) = 0;
  virtual std::optional<d::Site> GetSite(d::SiteId id) = 0;
  virtual std::vector<d::Site> ListSites() = 0;

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
  /// Writes `after` when the stored version equals `expected_version` (PreconditionFailed
  /// otherwise), bumps the version, appends one timeline event per change.
  virtual Result<d::Case> UpdateCase(const CaseUpdate& update) = 0;
  virtual std::vector<d::TimelineEvent> Timeline(d::CaseId id) = 0;

  // Workflow actions
  /// Writes the update (version-checked like UpdateCase, same "changed" events), an "action"
  /// event (field = action, from = from_state, to = the new state, note = inputs_text), the
  /// queued messages (each with a "notification" event: field = channel, to = template name;
  /// never the recipient), the meeting, the callback attempt, the follow-up request (with its
  /// own "created" event and parent_id set) and the malicious count, all in one transaction.
  /// Returns the request after the action; the follow-up's id is in `follow_up_id` when made.
  virtual Result<d::Case> ApplyAction(const ActionWrite& write,
                                      std::optional<d::CaseId>* follow_up_id) = 0;
  virtual std::optional<d::Meeting> GetMeeting(d::CaseId id) = 0;
  virtual std::vector<d::CallbackAttempt> CallbackAttempts(d::CaseId id) = 0;
  virtual std::vector<d::OutboxMessage> Messages(d::CaseId id) = 0;
  /// GetMeeting, CallbackAttempts and Messages for many requests in one read (an inbox's rows):
  /// each list ordered by request, then as the single-request calls order it.
  struct ExtrasRows {
    std::vector<d::Meeting> meetings;
    std::vector<d::CallbackAttempt> callbacks;
    std::vector<d::OutboxMessage> messages;
  };
  virtual ExtrasRows ExtrasOf(const std::vector<d::CaseId>& ids) = 0;

  // Delivering the outbox (app/OutboxWorker, delivery reports). Each outcome also writes a
  // "delivery" timeline event on the message's request: field = channel, to = sent | failed |
  // delivered | undeliverable, note = the template (and why it failed); never the recipient.
  /// Atomically claims up to `limit` messages on `channels` that are due at `now`: queued ones
  /// whose next attempt is due, and 'sending' ones whose claim's lease ran out (their worker
  /// died). Each becomes 'sending', its attempts go up by one (a claim counts as an attempt, so
  /// a message that crashes its worker cannot loop forever), next_attempt_at becomes the lease's
  /// end and claimed_by `worker_id`. Concurrent claims, from threads or nodes, never share a row.
  virtual std::vector<ClaimedMessage> ClaimMessages(const std::string& worker_id, base::Time now,
                                                    int limit, std::chrono::microseconds lease,
                                                    const std::vector<std::string>& channels) = 0;
  /// True when ClaimMessages would find something now: a read, so idle polling writes nothing.
  virtual bool HasDueMessages(base::Time now, const std::vector<std::string>& channels) = 0;
  /// The gateway took the message: 'sending' (or a queued retry) becomes 'sent', with its
  /// reference and sent_at. A message a delivery report already settled keeps its status.
  virtual Status MarkSent(d::MessageId id, const std::string& gateway_ref, base::Time now) = 0;
  /// The attempt failed: back to 'queued' until `retry_at`, or 'failed' for good when it is
  /// unset. Conflict when claim `attempt` is no longer current (re-claimed after its lease,
  /// or settled by a delivery report), and then nothing changes.
  virtual Status MarkFailed(d::MessageId id, int attempt, const std::string& error,
                            std::optional<base::Time> retry_at, base::Time now) = 0;
  /// Applies a gateway's delivery report; a report after the final one (delivered or
  /// undeliverable) changes nothing. NotFound for an unknown message.
  virtual Result<d::OutboxMessage> RecordDelivery(const DeliveryReport& report) = 0;
  virtual std::optional<d::OutboxMessage> GetMessage(d::MessageId id) = 0;
  /// The installation-wide secret `name`; the first caller's `candidate` becomes it, so every
  /// node of an installation reads the same value.
  virtual std::string InstallationSecret(const std::string& name, const std::string& candidate) = 0;

  // The installation (the profile it was made from): settings, workflows and templates
  /// Key/value settings (country, time_zone, calendar, languages, ...); empty when none.
  virtual std::map<std::string, std::string> Installation() = 0;
  virtual Status SaveInstallation(const std::map<std::string, std::string>& settings) = 0;
  /// Workflow sources (TOML text) by name, with the file they came from for error messages.
  struct WorkflowSource {
    std::string name;
    std::string file;
    std::string source;
  };
  virtual Status SaveWorkflow(const WorkflowSource& w) = 0;  ///< insert or replace
  virtual std::vector<WorkflowSource> ListWorkflows() = 0;
  /// Requests not closed, counted by (workflow, state): what a workflow edit must not strand.
  virtual std::map<std::pair<std::string, std::string>, int> CountOpenCasesByState() = 0;
  /// Templates: name × kind (sms | email_subject | email_body) × language → text.
  struct TemplateText {
    std::string name;
    std::string kind;
    std::string language;
    std::string text;
  };
  virtual Status SaveTemplate(const TemplateText& t) = 0;  ///< insert or replace

  /// The audit of identity access: one row per requester a user was shown (anonymized referral
  /// keeps identities from unit staff; everyone else who sees one is recorded).
  struct IdentityAccess {
    d::UserId user_id;
    d::RequesterId requester_id;
    std::optional<d::CaseId> case_id;
    std::string via;  ///< "case", "case_list", "inbox", "requester", "requester_search", "action"
    base::Time at{};
    std::int64_t id = 0;  ///< the row's id when read back (the access log's cursor)
  };
  virtual Status LogIdentityAccess(const std::vector<IdentityAccess>& rows) = 0;
  virtual std::vector<IdentityAccess> IdentityAccessLog(d::RequesterId requester_id) = 0;
  /// One page of a requester's access log, newest first (sql_store_audit.cpp): rows below
  /// `before_id` when set, only those about `case_id` when set, at most `limit`.
  struct IdentityAccessQuery {
    d::RequesterId requester_id;
    std::optional<d::CaseId> case_id;
    std::optional<std::int64_t> before_id;
    int limit = 100;
  };
  virtual std::vector<IdentityAccess> IdentityAccessPage(const IdentityAccessQuery& q) = 0;
  /// Queues a copy of a message the outbox gave up on ('failed', or 'unknown' after a lost
  /// claim), with a "resend" timeline event (field = channel, from = the original's id, to =
  /// the copy's id, note = `note`), in one transaction. NotFound for an unknown message or one
  /// of no request; Conflict on "status" for any other state or when it was resent already.
  virtual Result<d::OutboxMessage> ResendMessage(d::MessageId id, std::optional<d::UserId> actor,
                                                 const std::string& note, base::Time now) = 0;
  virtual std::vector<TemplateText> ListTemplates() = 0;

  // Contacts
  /// Inserts the contact and, when linked to a request, a "contact" timeline event.
  virtual Result<d::Contact> CreateContact(const d::Contact& contact) = 0;
  virtual std::optional<d::Contact> GetContact(d::ContactId id) = 0;
  virtual std::vector<d::Contact> ListContacts(std::optional<d::CaseId> case_id,
                                               std::optional<d::RequesterId> requester_id,
                                               int limit) = 0;

  // Attachments (content kept in the store so a request and its files commit together)
  virtual Result<d::Attachment> AddAttachment(const d::Attachment& meta,
                                              const std::string& content) = 0;
  virtual std::vector<d::Attachment> ListAttachments(d::CaseId case_id) = 0;
  virtual std::optional<AttachmentBlob> GetAttachment(d::AttachmentId id) = 0;
  /// Releases an attachment to staff who work on anonymized referrals, with its timeline event,
  /// in one transaction; releasing twice keeps the first release. NotFound: no such attachment.
  virtual Result<d::Attachment> ReleaseAttachment(d::AttachmentId id, d::UserId by, base::Time at) = 0;

  // Abuse limits shared by every node (migration 0010)
  /// The latest time any of `keys` may next try to log in (epoch when none is throttled).
  virtual base::Time LoginAllowedAt(const std::vector<std::string>& keys) = 0;
  /// One more failed log-in for each of `keys` at `now`; `delay(failures)` gives how long the
  /// key must then wait. Returns the largest failure count after the update. Failures older than
  /// `forget` before `now` are forgotten first.
  virtual int RecordLoginFailure(const std::vector<std::string>& keys, base::Time now,
                                 std::chrono::seconds (*delay)(int failures),
                                 std::chrono::seconds forget) = 0;
  virtual void ClearLoginFailures(const std::string& key) = 0;
  /// Messages queued to `recipient` (E.164 or address) since `since`, on any channel.
  virtual int CountMessagesTo(const std::string& recipient, base::Time since) = 0;
  /// Whether a message to `recipient` was ever let go (any status but held): staff have
  /// accepted a request from this number before.
  virtual bool HasMessaged(const std::string& recipient) = 0;

  // The audit trail of administrative changes, a hash chain (migration 0011)
  /// Appends `e` (id, at when unset, prev_hash and hash are the store's) after the last entry,
  /// under a lock every node respects; the entry as written.
  virtual Result<AdminAuditEntry> AppendAdminAudit(AdminAuditEntry e) = 0;
  /// Entries newest first, older than `before_id` (0: from the newest), at most `limit`.
  virtual std::vector<AdminAuditEntry> AdminAudit(std::int64_t before_id, int limit) = 0;
  /// Walks the chain from the first entry: the checked count, and the first entry whose fields,
  /// hash or link to the one before do not hold (an offline edit, insertion or deletion).
  virtual AdminAuditCheck VerifyAdminAudit() = 0;
};

}  // namespace tawasul::app
