#pragma once

#include <cstdint>
#include <memory>
#include <map>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/hash_gate.hpp"
#include "app/inputs.hpp"
#include "app/installation.hpp"
#include "app/media_sniffer.hpp"
#include "app/principal.hpp"
#include "app/rate_limiter.hpp"
#include "app/sla_service.hpp"
#include "app/store.hpp"
#include "base/result.hpp"
#include "base/time.hpp"
#include "domain/anonymizer.hpp"

namespace tawasul::app {

/// Installation facts the use cases need.
struct Settings {
  std::string country = "SA";        ///< default region for phones and national IDs
  std::string time_zone = "Asia/Riyadh";
  std::int64_t max_attachment_bytes = 10 * 1024 * 1024;
  std::int64_t session_ttl_seconds = 12 * 3600;
  double track_rate_per_second = 1.0;   ///< public tracking lookups per client address
  double track_burst = 10;
  /// Messages a portal submission may cause to one recipient (per hour, per day), counting every
  /// message queued to it; past that the request is registered without its message.
  int portal_messages_per_hour = 3;
  int portal_messages_per_day = 6;
};

/// Randomness and password hashing (libsodium in production); a port so tests stay fast.
class Crypto {
 public:
  virtual ~Crypto() = default;
  virtual std::uint64_t Random64() = 0;
  virtual std::string RandomToken() = 0;  ///< URL-safe, ≥ 256 bits
  virtual std::string HashPassword(const std::string& password) = 0;
  virtual bool VerifyPassword(const std::string& encoded, const std::string& password) = 0;
  virtual std::string HashToken(const std::string& token) = 0;  ///< hex, for lookup at rest
};

struct LoginResult {
  std::string token;
  d::User user;
  base::Time expires_at;
};

class AuthService {
 public:
  AuthService(Store& store, Crypto& crypto, const base::Clock& clock, const Settings& settings);
  /// Password hashes under way and waiting, for each other use of the gate (a password change).
  HashGate& hash_gate() { return gate_; }
  /// Checks the password, throttled per account and per client address (an IPv6 address counts
  /// as its /64) with limits every node shares: after 5 failures on an account (20 from an
  /// address) within a day of each other, each further failure doubles the wait before the
  /// next attempt (1 s, 2 s, ... up to a 15-minute lock); a throttled attempt is
  /// refused (kRateLimited) before any hashing, with the seconds to wait in `retry_after`.
  /// Hashing runs behind a bounded gate: kUnavailable when it is full.
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& client = {}, int* retry_after = nullptr);
  /// Resolves a bearer token or session cookie value to its user.
  Result<Principal> Authenticate(const std::string& token);
  Status Logout(const std::string& token);
  /// An API token for an integration (PBX/CTI, IVR): admin only; never expires until revoked.
  Result<std::string> CreateApiToken(const Principal& who, d::UserId for_user,
                                     const std::string& name);
  /// The user's own preferences, saved so every browser signs in with them: language (ar, fa
  /// or en), calendar ("" = the center's, gregorian, islamic-umalqura, persian) and digits
  /// ("" = the language's usual, latn, native). Only the present ones change; all are checked
  /// before anything is written.
  struct OwnPreferences {
    std::optional<std::string> language;
    std::optional<std::string> calendar;
    std::optional<std::string> digits;
  };
  Result<d::User> SetOwnPreferences(const Principal& who, const OwnPreferences& prefs);
  /// Changes the user's own password after checking the current one (422 naming `current` when
  /// wrong, `new` when too weak); ends their other sessions but keeps `token`, the caller's.
  Status ChangeOwnPassword(const Principal& who, const std::string& current,
                           const std::string& next, const std::string& token);

 private:
  Store& store_;
  Crypto& crypto_;
  const base::Clock& clock_;
  const Settings& settings_;
  HashGate gate_;
};

/// The one password rule (CLI `user add`, admin creation and reset, self-service change),
/// reported as a problem naming `field`.
Status CheckNewPassword(const std::string& password, const char* field);

struct NewUserInput {
  std::string username;
  std::string display_name;
  d::Role role = d::Role::kAgent;
  std::optional<d::UnitId> unit_id;
  std::string language = "ar";
  std::string password;
};

/// Administration of units, categories, sites and users (admin role).
class AdminService {
 public:
  AdminService(Store& store, Crypto& crypto, InstallationRef& installation);
  Result<d::Unit> CreateUnit(const Principal& who, d::Unit unit);
  Result<d::Unit> UpdateUnit(const Principal& who, d::Unit unit);
  Result<d::Category> CreateCategory(const Principal& who, d::Category category);
  Result<d::Category> UpdateCategory(const Principal& who, d::Category category);
  Result<d::Site> CreateSite(const Principal& who, d::Site site);
  Result<d::Site> UpdateSite(const Principal& who, d::Site site);
  Result<d::User> CreateUser(const Principal& who, const NewUserInput& input);
  Result<d::User> UpdateUser(const Principal& who, d::User user);
  /// An administrator's password reset; ends the user's sessions except `keep_token`'s.
  Status ResetPassword(const Principal& who, d::UserId id, const std::string& password,
                       const std::string& keep_token);
  Result<std::vector<d::User>> ListUsers(const Principal& who);

  /// A PATCH as a use case: the role first, then the stored record (404), then `change` (the
  /// request's fields laid over it; its error is the caller's), the checks and the write.
  template <class T>
  using Change = std::function<Status(T&)>;
  Result<d::Unit> PatchUnit(const Principal& who, d::UnitId id, const Change<d::Unit>& change);
  Result<d::Category> PatchCategory(const Principal& who, d::CategoryId id,
                                    const Change<d::Category>& change);
  Result<d::Site> PatchSite(const Principal& who, d::SiteId id, const Change<d::Site>& change);
  /// With `password`, the user's fields and the new password are written in one transaction
  /// (their sessions and tokens revoked but `keep_token`'s); a weak password changes nothing.
  Result<d::User> PatchUser(const Principal& who, d::UserId id, const Change<d::User>& change,
                            const std::optional<std::string>& password,
                            const std::string& keep_token);
  /// Used by the CLI (no principal: the operator at the console is trusted).
  Result<d::User> CreateUserUnchecked(const NewUserInput& input);

 private:
  Status CheckUnit(const d::Unit& unit);
  Status CheckCategory(const d::Category& category);
  Status CheckSite(const d::Site& site);
  Store& store_;
  Crypto& crypto_;
  InstallationRef& installation_;
};

/// A request as a user may see it.
struct CaseView {
  d::Case c;
  std::optional<d::Requester> requester;  ///< absent when anonymous or hidden from this user
  bool requester_hidden = false;
  bool requester_flagged = false;  ///< the number has repeated malicious reports (dispatchers see it)
  std::vector<SlaClockView> sla;   ///< its SLA clocks at the time of reading (none: no policy)
  std::optional<CaseReview> review;  ///< an open review flag (a low rating)
};

/// The masks for free text on a request of `r` (null: anonymous): the generic masks and `r`'s
/// own name, phone, national ID and e-mail.
d::Anonymizer AnonymizerOf(const d::Requester* r);

struct CasePage {
  std::vector<CaseView> items;
  std::optional<std::string> next_cursor;
};

class CaseService {
 public:
  CaseService(Store& store, Crypto& crypto, MediaSniffer& sniffer, const base::Clock& clock,
              const Settings& settings, InstallationRef& installation);
  Result<CaseView> Create(const Principal& who, const CaseInput& input);
  Result<CaseView> Get(const Principal& who, d::CaseId id);
  /// `cursor` is the opaque value from a previous page. Every requester the page shows is logged
  /// as an identity access `via` (an inbox lists through here too).
  Result<CasePage> List(const Principal& who, CaseFilter filter, const std::string& cursor,
                        const char* via = "case_list");
  /// `if_match` is the version the client read (from the ETag); nullopt skips the check.
  Result<CaseView> Patch(const Principal& who, d::CaseId id, const CasePatch& patch,
                         std::optional<std::int64_t> if_match);
  /// The request's events, identifiers masked for those who may not see them; `workflow`, when
  /// given, receives the name of the request's workflow (for labelling its actions and states).
  Result<std::vector<d::TimelineEvent>> Timeline(const Principal& who, d::CaseId id,
                                                 std::string* workflow = nullptr);
  /// Display names of the staff who acted on a timeline (staff names are not requester identity).
  std::map<std::int64_t, std::string> ActorNames(const std::vector<d::TimelineEvent>& events);

  Result<d::Contact> LogContact(const Principal& who, const ContactInput& input);
  Result<std::vector<d::Requester>> SearchRequesters(const Principal& who,
                                                     const std::string& phone);
  Result<d::Requester> GetRequester(const Principal& who, d::RequesterId id);

  Result<d::Attachment> AddAttachment(const Principal& who, d::CaseId id,
                                      const std::string& filename, const std::string& content);
  /// A citizen's file on their own request (the portal checked code and phone): the same size
  /// and sniffed-type rules as staff uploads, no uploader.
  Result<d::Attachment> AddCitizenAttachment(d::CaseId id, const std::string& filename,
                                             const std::string& content);
  Result<std::vector<d::Attachment>> ListAttachments(const Principal& who, d::CaseId id);
  Result<AttachmentBlob> GetAttachment(const Principal& who, d::CaseId id, d::AttachmentId aid);
  /// A dispatcher lets staff who work on anonymized referrals see an attachment (withheld from
  /// them until then: docs/decisions/0018-what-a-unit-may-see.md); on the timeline.
  Result<d::Attachment> ReleaseAttachment(const Principal& who, d::CaseId id,
                                          d::AttachmentId aid);

  /// Shared by the portal: validates, draws a unique tracking code, stores durably.
  Result<d::Case> Register(const CaseInput& input, std::optional<d::UserId> actor);

  /// Shared with ActionService: the request if `who` may see it (NotFound otherwise), and the
  /// view of it `who` may have (identity hidden and masked for unit staff and analysts).
  Result<d::Case> Visible(const Principal& who, d::CaseId id);
  CaseView ViewFor(const Principal& who, const d::Case& c);
  /// What `who` reads `c`'s free text through: nullopt when `who` may see the requester; else
  /// the generic masks with `c`'s requester's own name, phone, national ID and e-mail
  /// (docs/decisions/0018-what-a-unit-may-see.md).
  std::optional<d::Anonymizer> MaskFor(const Principal& who, const d::Case& c);
  /// The category and its ancestors, nearest first.
  std::vector<d::Category> CategoryChain(d::CategoryId id);
  /// Records, in one write, that `who` was shown the requester of each view that carries one.
  void AuditIdentity(const Principal& who, const std::vector<const CaseView*>& views,
                     const char* via);
  void AuditRequesters(const Principal& who, const std::vector<d::Requester>& shown,
                       const char* via);

 private:
  /// ViewFor without the SLA clocks and review; FillServiceLevels adds them for many at once.
  /// The requesters of all of `cases` are read at once.
  std::vector<CaseView> BareViews(const Principal& who, const std::vector<d::Case>& cases);
  /// A PATCH whose type or category belongs to another workflow, on a request not yet closed:
  /// the move (domain PlanRetype) written with the PATCH's changes, clocks and the new
  /// workflow's on_retype messages in one transaction (case_retype.cpp). nullopt: no move, the
  /// caller writes the PATCH as usual.
  std::optional<Result<d::Case>> WriteRetype(const Principal& who, const d::Case& before,
                                             CaseUpdate& update);
  Result<d::Attachment> StoreAttachment(d::CaseId id, const std::string& filename,
                                        const std::string& content,
                                        std::optional<d::UserId> uploader);
  void FillServiceLevels(const Principal& who, std::vector<CaseView>& views);
  /// The 409 for a PATCH of a field that a workflow action owns, naming the request's workflow's
  /// actions with that effect.
  base::Error OwnedByAction(const char* field, const std::string& workflow, d::EffectKind effect);
  /// Whether staff who may not see the requester may see `a`: released, or their own upload.
  bool ReleasedTo(const d::Attachment& a);
  /// Whether a portal submission may not message `recipient` now (Settings' per-destination
  /// limits).
  bool DestinationSaturated(const std::string& recipient, base::Time now);
  Result<std::optional<d::Requester>> CheckRequester(const std::optional<RequesterInput>& in,
                                                     const std::string& field);
  Store& store_;
  Crypto& crypto_;
  MediaSniffer& sniffer_;
  const base::Clock& clock_;
  const Settings& settings_;
  InstallationRef& installation_;
};

/// What taking an action did.
struct ActionOutcome {
  CaseView view;
  std::optional<d::CaseId> follow_up_id;
  std::vector<d::OutboxMessage> queued;  ///< recipients hidden from users who may not see them
};

/// A request's meeting, callback attempts and queued messages.
struct CaseExtras {
  std::optional<d::Meeting> meeting;
  std::vector<d::CallbackAttempt> callbacks;
  std::vector<d::OutboxMessage> messages;
};

/// What GET /inbox/{name}?include= embeds in each row.
struct InboxInclude {
  bool actions = false;
  bool extras = false;
};

/// An inbox page and, per row (parallel to page.items), what `include` asked for: the answers
/// GET /cases/{id}/actions and /extras would give for that row.
struct InboxPage {
  CasePage page;
  std::vector<std::vector<d::WorkflowAction>> actions;  ///< empty unless include.actions
  std::vector<CaseExtras> extras;                       ///< empty unless include.extras
};

/// Workflow actions and inboxes, driven by the installation's workflows (data).
class ActionService {
 public:
  ActionService(Store& store, CaseService& cases, Crypto& crypto, const base::Clock& clock,
                InstallationRef& installation);
  /// The actions `who` may take on the request now, with their inputs.
  Result<std::vector<d::WorkflowAction>> Available(const Principal& who, d::CaseId id);
  /// Takes an action: 409 (kConflict) listing the allowed actions when it is not allowed now.
  Result<ActionOutcome> Take(const Principal& who, d::CaseId id, const std::string& action,
                             const d::ActionInputs& inputs, std::optional<std::int64_t> if_match);
  /// Inboxes: triage, unit, callbacks, meetings, mine. Every requester shown is logged ("inbox").
  Result<CasePage> Inbox(const Principal& who, const std::string& name, const std::string& cursor,
                         int limit);
  /// The inbox with each row's actions and extras, computed in one pass (one store read for all
  /// the rows' extras) with the same functions as Available and Extras.
  Result<InboxPage> Inbox(const Principal& who, const std::string& name, const std::string& cursor,
                          int limit, InboxInclude include);
  Result<CaseExtras> Extras(const Principal& who, d::CaseId id);

 private:
  /// Available's answer for a request the caller has already found visible to `who`.
  std::vector<d::WorkflowAction> AvailableOn(const Principal& who, const d::Case& c);
  /// Extras' answer for each of these requests (visible to `who`), in one store read.
  std::map<d::CaseId, CaseExtras> ExtrasOf(const Principal& who,
                                           const std::vector<d::CaseId>& ids);
  Result<CasePage> InboxPageFor(const Principal& who, const std::string& name,
                                const std::string& cursor, int limit);

  Store& store_;
  CaseService& cases_;
  Crypto& crypto_;
  const base::Clock& clock_;
  InstallationRef& installation_;
};

/// What the public tracking page shows: status and the public answer only.
struct PublicTrackView {
  std::string tracking_code;
  d::CaseStatus status = d::CaseStatus::kNew;
  d::CaseType type = d::CaseType::kComplaint;
  std::string public_answer;
  base::Time created_at{};
  base::Time updated_at{};
  /// The satisfaction survey of its last closing, when one was sent: whether it can still be
  /// answered here, and the rating once given.
  struct Rating {
    bool open = false;
    std::optional<int> value;
  };
  std::optional<Rating> rating;
};

/// The portal: no login.
class PublicService {
 public:
  PublicService(Store& store, CaseService& cases, const base::Clock& clock,
                const Settings& settings);
  Result<d::Case> Submit(const PublicRequestInput& input, const std::string& client);
  /// A wrong code/phone pair answers NotFound whether or not the code exists.
  Result<PublicTrackView> Track(const std::string& code, const std::string& phone,
                                const std::string& client);
  /// The request this code and phone name, under the tracking rate limit (NotFound for any
  /// mismatch, like Track); the portal's rating checks this before answering the survey.
  Result<d::Case> Match(const std::string& code, const std::string& phone,
                        const std::string& client);
  /// A photo or document added from the portal right after submitting: code and phone as for
  /// tracking, under the tracking rate limit, only while the request is open and at most
  /// kCitizenAttachmentsMax citizen files per request.
  Result<d::Attachment> AddAttachment(const std::string& code, const std::string& phone,
                                      const std::string& filename, const std::string& content,
                                      const std::string& client);
  static constexpr int kCitizenAttachmentsMax = 3;

 private:
  Result<d::Case> Matching(const std::string& code, const std::string& phone);
  Store& store_;
  CaseService& cases_;
  const base::Clock& clock_;
  const Settings& settings_;
  RateLimiter submit_limiter_;
  RateLimiter track_limiter_;
};

}  // namespace tawasul::app
