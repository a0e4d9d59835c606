#pragma once
// Requests: registration, reading as each role may, PATCH (and retyping), contacts, requesters and attachments.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/auth/principal.hpp"
#include "app/cases/inputs.hpp"
#include "domain/routing.hpp"
#include "app/cases/media_sniffer.hpp"
#include "app/crypto.hpp"
#include "app/installation/installation.hpp"
#include "app/settings.hpp"
#include "app/sla/sla_service.hpp"
#include "app/cases/case_service_store.hpp"
#include "base/result.hpp"
#include "base/time.hpp"
#include "domain/anonymizer.hpp"

namespace tawasul::app {

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
  CaseService(CaseServiceStore& store, Crypto& crypto, MediaSniffer& sniffer, const base::Clock& clock,
              const Settings& settings, InstallationRef& installation);
  Result<CaseView> Create(const Principal& who, const CaseInput& input);
  Result<CaseView> Get(const Principal& who, d::CaseId id);
  /// `cursor` is the opaque value from a previous page. Every requester the page shows is logged
  /// as an identity access `via` (an inbox lists through here too).
  /// The request with this (canonical) tracking code, when `who` may see it; an empty page
  /// otherwise (pickers that take a request, e.g. merging a duplicate).
  CasePage FindByCode(const Principal& who, const std::string& canonical_code);
  Result<CasePage> List(const Principal& who, CaseFilter filter, const std::string& cursor,
                        const char* via = "case_list");
  /// `if_match` is the version the client read (from the ETag); nullopt skips the check.
  Result<CaseView> Patch(const Principal& who, d::CaseId id, const CasePatch& patch,
                         std::optional<std::int64_t> if_match);
  /// Hands the request to `to` (nullopt: to no one) (case_owner.cpp). Anyone who may change it
  /// may claim an unowned request or let go of their own; giving it to a colleague or taking it
  /// from one needs cases.assign. The owner must be able to work it: active, may change
  /// requests, and sees it (unit staff: their unit's). On the timeline as a change of owner_id.
  Result<CaseView> Assign(const Principal& who, d::CaseId id, std::optional<d::UserId> to,
                          std::optional<std::int64_t> if_match);
  /// An internal note on the request (case_notes.cpp): staff who may change requests; each
  /// "@username" of an active colleague who can see the request becomes their mention (422
  /// naming `text` for one who cannot). The "note" timeline event.
  Result<d::TimelineEvent> AddNote(const Principal& who, d::CaseId id, const std::string& text);
  /// A reply to the citizen on `channel` (sms | email) from staff who may see the requester
  /// (case_reply.cpp): queued to the requester's number or address, the words on the timeline
  /// ("reply"). Invalid names `channel` when there is no one to write to there, `text` when it
  /// is empty or too long.
  Result<d::OutboxMessage> Reply(const Principal& who, d::CaseId id, const std::string& channel,
                                 const std::string& text);
  /// `who`'s mentions, newest first, each on a request they still see, masked like its timeline.
  Result<std::vector<Mention>> Mentions(const Principal& who, bool unseen_only,
                                        std::optional<std::int64_t> before_id, int limit);
  std::int64_t UnseenMentions(const Principal& who);
  /// `who` opened the request: their mentions on it are seen; how many were new.
  Result<int> SeeMentions(const Principal& who, d::CaseId id);
  /// The colleagues a request may be given to: active staff who may change requests, by name.
  Result<std::vector<d::User>> Colleagues(const Principal& who);
  /// The request's events, identifiers masked for those who may not see them; `workflow`, when
  /// given, receives the name of the request's workflow (for labelling its actions and states).
  Result<std::vector<d::TimelineEvent>> Timeline(const Principal& who, d::CaseId id,
                                                 std::string* workflow = nullptr);
  /// Display names of the staff who acted on a timeline, and of the owners it names (staff
  /// names are not requester identity).
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
  /// `tags`: (name, key) of registry tags already checked (Create checks them).
  Result<d::Case> Register(const CaseInput& input, std::optional<d::UserId> actor,
                           std::vector<std::pair<std::string, std::string>> tags = {});

  /// Shared with ActionService: the request if `who` may see it (NotFound otherwise), and the
  /// view of it `who` may have (identity hidden and masked for unit staff and analysts).
  Result<d::Case> Visible(const Principal& who, d::CaseId id);
  CaseView ViewFor(const Principal& who, const d::Case& c);
  /// What `who` reads `c`'s free text through: nullopt when `who` may see the requester; else
  /// the generic masks with `c`'s requester's own name, phone, national ID and e-mail
  /// (docs/decisions/0018-what-a-unit-may-see.md).
  std::optional<d::Anonymizer> MaskFor(const Principal& who, const d::Case& c);
  /// How many requests `filter` selects that `who` may see (unit staff: their unit's), at most
  /// `cap`; nothing is disclosed, so nothing is logged.
  std::int64_t Count(const Principal& who, CaseFilter filter, std::int64_t cap);
  /// The category and its ancestors, nearest first.
  std::vector<d::Category> CategoryChain(d::CategoryId id);
  /// Where routing would refer `c` now (domain/routing.hpp): the rules over its category chain,
  /// its site and the site's region, its branch and its channel (case_routing.cpp).
  std::optional<d::RoutingSuggestion> Route(const d::Case& c);
  /// The suggestion for a request being typed (the console shows it before registering):
  /// `draft` holds its category, site, branch and channel. Staff who register or refer.
  Result<std::optional<d::RoutingSuggestion>> Suggest(const Principal& who, const d::Case& draft);
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
  std::optional<Result<d::Case>> WriteRetype(const d::Case& before,
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
  /// `staff`: registered by staff, so the profile's required requester attributes must be given.
  Result<std::optional<d::Requester>> CheckRequester(const std::optional<RequesterInput>& in,
                                                     const std::string& field, bool staff = false);
  CaseServiceStore& store_;
  Crypto& crypto_;
  MediaSniffer& sniffer_;
  const base::Clock& clock_;
  const Settings& settings_;
  InstallationRef& installation_;
};

}  // namespace tawasul::app
