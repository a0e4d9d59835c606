#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/store.hpp"
#include "base/time.hpp"
#include "store/conn_pool.hpp"
#include "store/db.hpp"
#include "store/group_commit.hpp"
#include "store/metrics.hpp"

namespace tawasul::store {

namespace d = tawasul::domain;
using base::Result;
using base::Status;

/// app::Store written once in SQL over the Conn abstraction; SQLite and PostgreSQL differ only
/// in their drivers and migrations. Writes go through one group-commit writer; reads use a
/// pool of connections.
class SqlStore final : public app::Store {
 public:
  /// `clock` fills timestamps the caller left at the epoch (zero); it must outlive the store.
  SqlStore(Engine engine, std::unique_ptr<Conn> writer, ConnPool::Factory reader_factory,
           std::size_t max_readers, const base::Clock& clock);
  ~SqlStore() override;

  int Migrate() override;
  int SchemaVersion() override;
  bool IsEmpty() override;
  void AppendMetrics(std::string& out) override;

  Result<d::User> CreateUser(const d::User& user, const std::string& password_hash) override;
  Result<d::User> UpdateUser(const d::User& user) override;
  Result<d::User> UpdateUserAndPassword(const d::User& user, const std::string& password_hash,
                                        const std::string& keep_session_hash) override;
  Status SetPassword(d::UserId id, const std::string& password_hash,
                     const std::string& keep_session_hash) override;
  std::optional<d::User> GetUser(d::UserId id) override;
  std::optional<app::UserWithSecret> FindUserByUsername(const std::string& username) override;
  std::vector<d::User> ListUsers() override;
  Status SaveToken(const app::StoredToken& token) override;
  std::optional<app::StoredToken> FindToken(const std::string& hash) override;
  Status DeleteToken(const std::string& hash) override;

  Result<d::Unit> CreateUnit(const d::Unit& unit) override;
  Result<d::Unit> UpdateUnit(const d::Unit& unit) override;
  std::optional<d::Unit> GetUnit(d::UnitId id) override;
  std::vector<d::Unit> ListUnits() override;
  Result<d::Category> CreateCategory(const d::Category& category) override;
  Result<d::Category> UpdateCategory(const d::Category& category) override;
  std::optional<d::Category> GetCategory(d::CategoryId id) override;
  std::vector<d::Category> ListCategories() override;
  Result<d::Site> CreateSite(const d::Site& site) override;
  Result<d::Site> UpdateSite(const d::Site& site) override;
  std::optional<d::Site> GetSite(d::SiteId id) override;
  std::vector<d::Site> ListSites() override;
  Status MergeTag(std::int64_t from, std::int64_t into) override;
  Result<std::int64_t> RekeyTag(std::int64_t id, const std::string& key) override;
  std::vector<app::ReportSchedule> ListReportSchedules() override;
  Result<app::ReportSchedule> CreateReportSchedule(const app::ReportSchedule& s) override;
  Result<app::ReportSchedule> UpdateReportSchedule(const app::ReportSchedule& s) override;
  Status DeleteReportSchedule(std::int64_t id) override;
  Result<bool> QueueScheduledReport(std::int64_t id, const std::string& expected_last,
                                    const std::string& period,
                                    const std::vector<d::OutboxMessage>& messages) override;
  std::vector<d::RoutingRule> ListRoutingRules() override;
  Result<d::RoutingRule> CreateRoutingRule(const d::RoutingRule& rule) override;
  Result<d::RoutingRule> UpdateRoutingRule(const d::RoutingRule& rule) override;
  Status DeleteRoutingRule(std::int64_t id) override;

  std::optional<d::Requester> GetRequester(d::RequesterId id) override;
  std::vector<d::Requester> GetRequesters(const std::vector<d::RequesterId>& ids) override;
  std::optional<d::Requester> FindRequesterByPhone(const std::string& e164) override;
  std::vector<d::Requester> SearchRequesters(const std::string& phone_prefix, int limit) override;
  Result<d::Requester> UpdateRequester(const d::Requester& requester) override;
  Result<d::Requester> CreateRequester(const d::Requester& requester) override;

  Result<d::Case> CreateCase(const app::NewCase& c) override;
  std::optional<d::Case> GetCase(d::CaseId id) override;
  std::optional<d::Case> FindCaseByTrackingCode(const std::string& code) override;
  std::vector<d::Case> ListCases(const app::CaseFilter& filter) override;
  std::int64_t CountCases(const app::CaseFilter& filter, std::int64_t cap) override;
  Result<d::Case> UpdateCase(const app::CaseUpdate& update) override;
  std::vector<d::TimelineEvent> Timeline(d::CaseId id) override;
  Result<d::TimelineEvent> AddNote(const app::NewNote& note) override;
  std::vector<app::Mention> MentionsOf(d::UserId user, bool unseen_only,
                                       std::optional<std::int64_t> before_id, int limit) override;
  std::int64_t CountUnseenMentions(d::UserId user) override;
  int MarkMentionsSeen(d::UserId user, d::CaseId case_id, base::Time at) override;

  Result<d::Case> ApplyAction(const app::ActionWrite& write,
                              std::optional<d::CaseId>* follow_up_id) override;
  std::optional<d::Meeting> GetMeeting(d::CaseId id) override;
  std::vector<d::CallbackAttempt> CallbackAttempts(d::CaseId id) override;
  std::vector<d::OutboxMessage> Messages(d::CaseId id) override;
  ExtrasRows ExtrasOf(const std::vector<d::CaseId>& ids) override;  // sql_store_extras.cpp

  // Delivering the outbox (sql_store_outbox.cpp)
  std::vector<app::ClaimedMessage> ClaimMessages(const std::string& worker_id, base::Time now,
                                                 int limit, std::chrono::microseconds lease,
                                                 const std::vector<std::string>& channels) override;
  bool HasDueMessages(base::Time now, const std::vector<std::string>& channels) override;
  Status MarkSent(d::MessageId id, const std::string& gateway_ref, base::Time now) override;
  Status MarkFailed(d::MessageId id, int attempt, const std::string& error,
                    std::optional<base::Time> retry_at, base::Time now) override;
  Result<d::OutboxMessage> RecordDelivery(const app::DeliveryReport& report) override;
  std::optional<d::OutboxMessage> GetMessage(d::MessageId id) override;
  Result<app::Open311Client> CreateOpen311Client(const std::string& name, const std::string& key_hash,
                                                 base::Time at) override;
  std::vector<app::Open311Client> ListOpen311Clients() override;
  std::optional<app::Open311Client> FindOpen311Client(const std::string& key_hash) override;
  Result<app::Open311Client> RevokeOpen311Client(std::int64_t id, base::Time at) override;
  Status SaveOpen311Location(const app::Open311Location& location) override;
  std::vector<app::Open311Location> Open311Locations(const std::vector<d::CaseId>& ids) override;
  Result<d::OutboxMessage> AddReply(d::CaseId id, d::UserId actor, const d::OutboxMessage& message,
                                    const std::string& text) override;
  Result<d::InboundMessage> AppendInbound(const app::InboundAppend& a) override;
  Result<d::InboundMessage> RecordInbound(const d::InboundMessage& m,
                                          const std::vector<d::OutboxMessage>& replies,
                                          std::optional<bool> sms_opt_out) override;
  std::int64_t CountInboundSince(d::Channel channel, const std::string& sender,
                                 base::Time since) override;
  std::optional<d::Case> LatestOpenCaseOf(d::RequesterId requester) override;
  bool SmsOptedOut(const std::string& phone) override;
  std::vector<d::InboundMessage> ListInbound(const app::InboundFilter& filter) override;
  std::optional<d::InboundMessage> FindInbound(const std::string& external_id) override;
  Status NoteInbound(std::int64_t id, const std::string& reason) override;
  std::optional<d::CaseId> CaseOfEmail(const std::vector<std::string>& message_ids) override;
  std::int64_t MailboxCursor(const std::string& name) override;
  Status SetMailboxCursor(const std::string& name, std::int64_t last_uid) override;
  std::vector<d::OutboxMessage> ListMessages(const app::MessageFilter& filter) override;
  std::string InstallationSecret(const std::string& name, const std::string& candidate) override;

  // SLA clocks, escalations, surveys, ratings and reviews (sql_store_sla.cpp)
  std::vector<app::StoredClock> SlaClocks(const std::vector<d::CaseId>& case_ids) override;
  std::vector<app::StoredClock> DueSlaClocks(base::Time now, int limit) override;
  Status RecordSlaCheck(const app::SlaCheck& check) override;
  Status SaveStaffContact(const app::StaffContact& contact) override;
  std::vector<app::StaffContact> StaffContacts() override;
  std::optional<app::Survey> FindSurvey(const std::string& token_hash) override;
  std::optional<std::pair<app::Survey, std::string>> LatestSurveyOf(d::CaseId case_id) override;
  Result<app::Survey> AnswerSurvey(const app::SurveyAnswer& answer) override;
  Result<app::CallRating> AddCallRating(const app::CallRating& rating,
                                        const std::optional<app::CaseReview>& flag) override;
  std::vector<app::CaseReview> OpenReviews(const std::vector<d::CaseId>& case_ids) override;
  Status DismissReview(d::CaseId case_id, std::optional<d::UserId> actor, const std::string& note,
                       base::Time at) override;

  // Report reads (sql_store_reports.cpp)
  std::vector<app::ReportCase> ReportCases(std::optional<base::Time> from,
                                           std::optional<base::Time> to) override;
  std::vector<std::pair<d::CaseId, std::string>> ReportRequesterAttributes(
      std::optional<base::Time> from, std::optional<base::Time> to) override;
  std::vector<app::ReportCase> OpenReportCases() override;
  std::vector<app::ReportContact> ReportContacts(std::optional<base::Time> from,
                                                 std::optional<base::Time> to) override;
  Result<bool> TagCase(d::CaseId id, const std::string& name, const std::string& key,
                       std::optional<d::UserId> actor, base::Time at) override;
  Result<bool> UntagCase(d::CaseId id, const std::string& key, std::optional<d::UserId> actor,
                         base::Time at) override;
  std::vector<d::Tag> ListTags() override;
  std::optional<d::Tag> FindTag(const std::string& key) override;
  Result<d::Tag> CreateTag(const d::Tag& tag) override;
  Result<d::Tag> UpdateTag(const d::Tag& tag) override;
  std::vector<std::string> CaseTags(d::CaseId id) override;
  // Daily report totals (sql_store_report_totals.cpp)
  Result<bool> SetReportZone(const app::ReportZoneOffsets& zone) override;
  std::optional<std::map<std::string, std::int64_t>> ReportTotalsByValue(
      const std::string& fingerprint, const std::string& dim, app::ReportDayRange days) override;
  std::optional<std::map<std::int64_t, std::int64_t>> ReportTotalsByDay(
      const std::string& fingerprint, const std::string& dim,
      const std::vector<std::string>& values, app::ReportDayRange days) override;

  // The live feed's reads (sql_store_live.cpp)
  app::ChangeCursor LatestChange() override;
  app::Changes ChangesSince(const app::ChangeCursor& after, int limit) override;
  // Quality report reads (sql_store_report_quality.cpp)
  std::vector<app::ReportRating> ReportCallRatings(std::optional<base::Time> from,
                                                   std::optional<base::Time> to) override;
  std::vector<app::ReportRating> ReportSurveyRatings(std::optional<base::Time> from,
                                                     std::optional<base::Time> to) override;

  std::map<std::string, std::string> Installation() override;
  Status SaveInstallation(const std::map<std::string, std::string>& settings) override;
  Status SaveWorkflow(const WorkflowSource& w) override;
  std::vector<WorkflowSource> ListWorkflows() override;
  std::map<std::pair<std::string, std::string>, int> CountOpenCasesByState() override;
  Status SaveTemplate(const TemplateText& t) override;
  Status LogIdentityAccess(const std::vector<IdentityAccess>& rows) override;
  std::vector<IdentityAccess> IdentityAccessLog(d::RequesterId requester_id) override;
  // Reading the access log and resending messages (sql_store_audit.cpp)
  std::vector<IdentityAccess> IdentityAccessPage(const IdentityAccessQuery& q) override;
  Result<d::OutboxMessage> ResendMessage(d::MessageId id, std::optional<d::UserId> actor,
                                         const std::string& note, base::Time now) override;
  std::vector<TemplateText> ListTemplates() override;

  Result<d::Contact> CreateContact(const d::Contact& contact) override;
  std::optional<d::Contact> GetContact(d::ContactId id) override;
  std::vector<d::Contact> ListContacts(const app::ContactFilter& filter) override;
  Result<d::Contact> UpdateContact(const app::ContactEdit& change) override;

  Result<d::Attachment> AddAttachment(const d::Attachment& meta,
                                      const std::string& content) override;
  std::vector<d::Attachment> ListAttachments(d::CaseId case_id) override;
  std::optional<app::AttachmentBlob> GetAttachment(d::AttachmentId id) override;
  Result<d::Attachment> ReleaseAttachment(d::AttachmentId id, d::UserId by, base::Time at) override;
  base::Time LoginAllowedAt(const std::vector<std::string>& keys) override;
  int RecordLoginFailure(const std::vector<std::string>& keys, base::Time now,
                         std::chrono::seconds (*delay)(int failures),
                         std::chrono::seconds forget) override;
  void ClearLoginFailures(const std::string& key) override;
  int CountMessagesTo(const std::string& recipient, base::Time since) override;
  bool HasMessaged(const std::string& recipient) override;
  Result<app::AdminAuditEntry> AppendAdminAudit(app::AdminAuditEntry e) override;
  std::vector<app::AdminAuditEntry> AdminAudit(std::int64_t before_id, int limit) override;
  app::AdminAuditCheck VerifyAdminAudit() override;

  // Calls from PBXs, blocked callers, callback tasks, contact links (sql_store_calls.cpp)
  Result<app::CtiSource> CreateCtiSource(const std::string& name, const std::string& token_hash,
                                         base::Time at) override;
  std::vector<app::CtiSource> ListCtiSources() override;
  std::optional<app::CtiSource> FindCtiSource(const std::string& token_hash) override;
  Result<app::CtiSource> RotateCtiSource(std::int64_t id, const std::string& token_hash,
                                         base::Time at) override;
  Result<app::CtiSource> RevokeCtiSource(std::int64_t id, base::Time at) override;
  Result<app::CtiSource> SetCtiCallerIds(std::int64_t id,
                                         const std::vector<domain::CallerIdRule>& rules) override;
  Result<app::BlockedNumber> BlockNumber(const app::BlockedNumber& b) override;
  base::Status UnblockNumber(const std::string& number) override;
  std::vector<app::BlockedNumber> ListBlockedNumbers() override;
  Result<app::CallEventResult> RecordCallEvent(const app::CallEventWrite& w) override;
  std::vector<app::CallbackTask> ListCallbackTasks(const std::optional<std::string>& status,
                                                   int limit) override;
  std::optional<app::CallbackTask> GetCallbackTask(std::int64_t id) override;
  Result<app::CallbackTask> RecordCallbackAttempt(std::int64_t id, d::ContactOutcome outcome,
                                                  d::UserId agent, const std::string& note,
                                                  int max_attempts, base::Time at) override;
  base::Status LinkContact(d::ContactId contact, d::CaseId case_id, const std::string& link,
                           base::Time at) override;
  std::vector<std::pair<d::CaseId, std::string>> ContactLinks(d::ContactId contact) override;
  std::vector<d::Requester> FindRequestersByPhoneTail(const std::string& digits,
                                                      int limit) override;
  std::optional<d::User> FindUserByExtension(const std::string& extension) override;

 private:
  /// Runs `fn(conn)` (returning Result<T>) as one job of the group commit; constraint
  /// violations become Conflict / Invalid values and roll back this job's writes only.
  template <class T, class F>
  Result<T> Write(F&& fn) {
    std::optional<Result<T>> out;
    writer_->Run([&](Conn& conn) {
      try {
        out.emplace(fn(conn));
      } catch (const DbError& e) {
        auto mapped = MapConstraint(e);
        if (!mapped) throw;
        out.emplace(std::move(*mapped));
      }
      return out->ok();
    });
    return std::move(*out);
  }

  /// Runs `fn(conn)` on a pooled read connection and times it.
  template <class F>
  auto Read(F&& fn) {
    const auto started = std::chrono::steady_clock::now();
    auto lease = readers_.Acquire();
    struct Timer {
      StoreMetrics& m;
      std::chrono::steady_clock::time_point t0;
      ~Timer() { m.RecordRead(std::chrono::steady_clock::now() - t0); }
    } timer{metrics_, started};
    return fn(*lease);
  }

  static std::optional<base::Error> MapConstraint(const DbError& e);

  // Pieces of write jobs shared by several methods; each runs inside the caller's job.
  /// Inserts the request (and its requester when new) and its "created" event; the request's
  /// unset created_at becomes `default_time`, or now when that is unset too. A taken tracking
  /// code throws (unique violation), failing the whole job.
  d::Case InsertCase(Conn& c, const app::NewCase& nc, base::Time default_time);
  /// Puts registry tags (by name; keyed here) on a contact; the tag is made on first use.
  void InsertContactTags(Conn& c, d::ContactId id, const std::vector<std::string>& names,
                         std::optional<d::UserId> actor, base::Time at);
  /// Puts the tag keyed `key` on the request (the tag made as `name` on first use) with its
  /// timeline event; `added_out`: false when the request had it.
  void InsertCaseTag(Conn& c, d::CaseId id, const std::string& name, const std::string& key,
                     std::optional<d::UserId> actor, base::Time when, bool* added_out);
  /// A contact row (and, when it names a request, its link and, with `timeline`, a timeline
  /// line; the contact a request is registered in needs none: "created" says it).
  d::Contact InsertContact(Conn& c, const d::Contact& contact, bool timeline = true);
  /// Outbox rows and their "notification" events, for registration and for actions.
  /// Messages with no request (`case_id` nullopt, e.g. an answer to a stop word) get no event.
  /// An SMS to a number that sent a stop word is kept as failed, not queued.
  void InsertMessages(Conn& c, std::optional<d::CaseId> case_id, base::Time at, std::optional<d::UserId> actor,
                      const std::vector<d::OutboxMessage>& messages);
  /// An inbound_messages row (sql_store_inbound.cpp); its id.
  static std::int64_t InsertInbound(Conn& c, const d::InboundMessage& m);
  /// Writes `u.after` under the version check, then its "changed" and "note" events at `at`.
  static Result<d::Case> WriteCaseUpdate(Conn& c, const app::CaseUpdate& u, base::Time at);
  /// A change's SLA clocks, survey and review resolution (sql_store_sla.cpp).
  static void WriteService(Conn& c, d::CaseId case_id, base::Time at,
                           std::optional<d::UserId> actor, const app::ServiceWrites& w);
  static void AppendEvent(Conn& c, d::CaseId case_id, base::Time at, std::optional<d::UserId> actor,
                          std::string_view kind, const std::string& field, const std::string& from,
                          const std::string& to, const std::string& note);
  /// `t`, or now when `t` is the epoch (the caller left it unset).
  base::Time Stamp(base::Time t) const;

  Engine engine_;
  const base::Clock& clock_;
  StoreMetrics metrics_;
  ConnPool readers_;
  std::unique_ptr<GroupCommitter> writer_;
};

}  // namespace tawasul::store
