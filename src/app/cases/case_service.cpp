#include <algorithm>
#include <stdexcept>
#include <charconv>
#include <map>

#include "app/cases/case_service.hpp"
#include "base/text.hpp"
#include "app/reports/tag_check.hpp"
#include "domain/identity.hpp"
#include "domain/template_text.hpp"
#include "domain/tracking_code.hpp"
#include "domain/validation.hpp"

namespace tawasul::app {

using base::Error;
using base::ErrorCode;
namespace dom = tawasul::domain;

namespace {

constexpr std::size_t kDescriptionMax = 10000;
constexpr std::size_t kAnswerMax = 10000;
constexpr int kTrackingCodeDraws = 8;

Error Forbidden(std::string message) { return Error{ErrorCode::kForbidden, std::move(message), {}}; }

Error CaseNotFound() { return base::NotFound("No such request"); }

template <class Tag>
std::string IdText(const std::optional<base::Id<Tag>>& v) {
  return v ? std::to_string(v->value) : std::string();
}

}  // namespace

CaseService::CaseService(CaseServiceStore& store, Crypto& crypto, MediaSniffer& sniffer,
                         const base::Clock& clock, const Settings& settings,
                         InstallationRef& installation)
    : store_(store),
      crypto_(crypto),
      sniffer_(sniffer),
      clock_(clock),
      settings_(settings),
      installation_(installation) {}

std::vector<dom::Category> CaseService::CategoryChain(dom::CategoryId id) {
  std::vector<dom::Category> chain;
  std::optional<dom::CategoryId> next = id;
  while (next && chain.size() < 32) {  // the admin rules forbid cycles; 32 guards old data
    auto c = store_.GetCategory(*next);
    if (!c) break;
    next = c->parent_id;
    chain.push_back(std::move(*c));
  }
  return chain;
}

Result<std::optional<dom::Requester>> CaseService::CheckRequester(
    const std::optional<RequesterInput>& in, const std::string& field, bool staff) {
  if (!in) return std::optional<dom::Requester>{};
  dom::Requester r;
  auto name = dom::CleanName(in->name, field + ".name", 200, false);
  if (!name) return name.error();
  r.name = *name;
  if (!in->phone.empty()) {
    auto phone = dom::NormalizePhone(in->phone, settings_.country);
    if (!phone) return base::Invalid(field + ".phone", phone.error().message);
    r.phone = *phone;
  }
  if (!in->email.empty()) {
    auto email = dom::NormalizeEmail(in->email);
    if (!email) return base::Invalid(field + ".email", email.error().message);
    r.email = *email;
  }
  if (!in->national_id.empty()) {
    auto nid = dom::NormalizeNationalId(in->national_id, settings_.country);
    if (!nid) return base::Invalid(field + ".national_id", nid.error().message);
    r.national_id = *nid;
  }
  if (!in->language.empty() && !dom::IsSupportedLanguage(in->language)) {
    return base::Invalid(field + ".language", "must be ar, fa or en");
  }
  r.language = in->language;
  if (r.name.empty() && r.phone.empty() && r.email.empty()) {
    return base::Invalid(field, "needs a name, phone or email (or null for an anonymous request)");
  }
  // The profile's attributes (a caller's role...), typed and checked; required ones only when
  // staff register (a portal visitor may leave them out).
  auto attributes = dom::CheckAttributes(installation_.Get()->settings().requester_attributes,
                                         in->attributes, field + ".attributes", staff);
  if (!attributes) return attributes.error();
  r.attributes = std::move(*attributes);
  return std::optional<dom::Requester>(std::move(r));
}

Result<dom::Case> CaseService::Register(const CaseInput& input, std::optional<dom::UserId> actor,
                                        std::vector<std::pair<std::string, std::string>> tags) {
  auto description = dom::CleanText(input.description, "description", kDescriptionMax, true);
  if (!description) return description.error();
  auto chain = CategoryChain(input.category_id);
  if (chain.empty() || !chain.front().active) {
    return base::Invalid("category_id", "no such category");
  }
  if (input.site_id) {
    auto site = store_.GetSite(*input.site_id);
    if (!site || !site->active) return base::Invalid("site_id", "no such site");
  }
  auto requester = CheckRequester(input.requester, "requester", actor.has_value());
  if (!requester) return requester.error();

  NewCase nc;
  if (input.contact_id) {
    if (!actor || !store_.GetContact(*input.contact_id)) {
      return base::Invalid("contact_id", "no such contact");
    }
    nc.contact_id = input.contact_id;
  } else if (actor && (input.channel == dom::Channel::kPhone ||
                       input.channel == dom::Channel::kWalkIn)) {
    // Registered outside any open contact (a PBX that is not connected, a visitor at the
    // desk): the call or visit is logged with the request, so it counts among contacts.
    dom::Contact k;
    k.channel = input.channel;
    k.direction = dom::ContactDirection::kInbound;
    k.agent_id = actor;
    k.outcome = dom::ContactOutcome::kCaseCreated;
    k.category_id = input.category_id;
    k.branch_id = input.branch_id;  // the desk's branch; else the store takes the agent's
    if (requester && *requester) k.from_number = (*requester)->phone;
    nc.contact = k;
  } else if (input.inbound) {
    // A citizen's SMS (or other written message) that opens a request: it counts as the
    // request's contact, and the message is kept with it.
    dom::Contact k;
    k.channel = input.inbound->channel;
    k.direction = dom::ContactDirection::kInbound;
    k.outcome = dom::ContactOutcome::kCaseCreated;
    k.category_id = input.category_id;
    k.from_number = input.inbound->sender;
    k.to_number = input.inbound->recipient;
    nc.contact = k;
    nc.inbound = input.inbound;
  }
  nc.tags = std::move(tags);
  nc.fields.branch_id = input.branch_id;
  nc.fields.type = input.type;
  nc.fields.category_id = input.category_id;
  nc.fields.channel = input.channel;
  nc.fields.site_id = input.site_id;
  nc.fields.description = *description;
  nc.fields.priority = input.priority;
  if (auto routed = Route(nc.fields)) nc.fields.suggested_unit_id = routed->unit;
  const auto inst = installation_.Get();
  const dom::Workflow& workflow = inst->WorkflowFor(chain, input.type);
  nc.fields.workflow = workflow.name;
  nc.fields.state = workflow.initial;
  nc.fields.status = workflow.State(workflow.initial)->status;
  // The step registration takes at once where the workflow says so (start_with): by staff
  // whose role may take it, and for the portal; its messages and clocks join on_create's.
  const dom::WorkflowAction* start = nullptr;
  if (!workflow.start_with.empty()) {
    start = workflow.Action(workflow.start_with);
    if (start != nullptr && actor) {
      const auto user = store_.GetUser(*actor);
      if (!user || std::find(start->roles.begin(), start->roles.end(), user->role) == start->roles.end()) {
        start = nullptr;
      }
    }
  }
  std::vector<dom::Effect> effects = workflow.on_create;
  if (start != nullptr) {
    nc.fields.state = start->to;
    nc.fields.status = workflow.State(start->to)->status;
    effects.insert(effects.end(), start->effects.begin(), start->effects.end());
  }
  nc.fields.created_by = actor;
  nc.requester = *requester;
  nc.actor = actor;
  // A citizen's submission to a number we never let a message go to: its messages wait for
  // staff when the profile says so (CenterSettings::portal_unknown_numbers).
  const bool hold_messages = !actor && input.channel == dom::Channel::kPortal &&
                             inst->settings().portal_unknown_numbers == "hold" &&
                             nc.requester && !nc.requester->phone.empty() &&
                             !store_.HasMessaged(nc.requester->phone);
  for (int i = 0; i < kTrackingCodeDraws; ++i) {
    nc.fields.tracking_code = dom::MakeTrackingCode(crypto_.Random64());
    const base::Time now = clock_.Now();
    nc.fields.created_at = now;
    nc.fields.updated_at = now;
    if (nc.contact) {
      nc.contact->started_at = now;
      nc.contact->answered_at = now;
      nc.contact->ended_at = now;
      nc.contact->created_at = now;
    }
    // What the workflow does at registration (the tracking code by SMS), in the same commit.
    nc.messages.clear();
    nc.notes.clear();
    if (start != nullptr) nc.notes.push_back({"action", start->name, start->to, "", workflow.initial});
    const dom::Requester* to = nc.requester ? &*nc.requester : nullptr;
    for (const dom::Effect& e : effects) {
      if (e.kind == dom::EffectKind::kStartClock) {
        nc.notes.push_back({"clock", e.clock, "start", ""});
        continue;
      }
      auto composed = inst->Compose(e.template_name, e.channel, to,
                                    {{"tracking_code", nc.fields.tracking_code}}, now);
      if (composed.message && !actor && DestinationSaturated(composed.message->recipient, now)) {
        // A portal visitor cannot make us message a number without bound (someone else's
        // phone, typed in again and again): the request is kept, the message is not sent.
        nc.notes.push_back({"notification", e.channel, e.template_name,
                            "not sent: too many messages to this recipient from the portal"});
      } else if (composed.message && hold_messages) {
        composed.message->status = "held";
        nc.messages.push_back(std::move(*composed.message));
        nc.notes.push_back({"notification", e.channel, e.template_name,
                            "held until staff accept the request: a number not seen before"});
      } else if (composed.message) {
        nc.messages.push_back(std::move(*composed.message));
      } else {
        nc.notes.push_back({"notification", e.channel, e.template_name, composed.skipped});
      }
    }
    // A written message is answered on its channel with the tracking code, unless the
    // workflow's own registration messages already reach the sender there.
    if (!input.ack_template.empty() && to != nullptr) {
      // Email is answered by email; SMS, and a fax sent from a mobile number, by SMS.
      const std::string channel =
          input.inbound && input.inbound->channel == dom::Channel::kEmail ? "email" : "sms";
      const std::string& address = channel == "email" ? to->email : to->phone;
      const bool reached = std::any_of(nc.messages.begin(), nc.messages.end(), [&](const auto& m) {
        return m.channel == channel && m.recipient == address;
      });
      if (!reached) {
        auto ack = inst->Compose(input.ack_template, channel, to,
                                 {{"tracking_code", nc.fields.tracking_code}}, now);
        if (ack.message) {
          nc.messages.push_back(std::move(*ack.message));
        } else {
          nc.notes.push_back({"notification", channel, input.ack_template, ack.skipped});
        }
      }
    }
    // SLA clocks start at registration (the first policy that matches), in the same commit.
    nc.service.clocks =
        ClocksForNewCase(inst->sla(), chain, nc.fields.type, nc.fields.priority, now);
    if (start != nullptr && nc.fields.status != dom::CaseStatus::kNew) {
      OverlayClocks(nc.service.clocks,
                    ClocksAfterAction(inst->sla(), nc.service.clocks, dom::CaseStatus::kNew,
                                      nc.fields.status, {}, now));
    }
    auto created = store_.CreateCase(nc);
    if (created.ok() || created.error().code != ErrorCode::kConflict ||
        created.error().field != "tracking_code") {
      return created;
    }
  }
  return Error{ErrorCode::kUnavailable, "Could not draw a free tracking code", {}};
}

CaseView CaseService::ViewFor(const Principal& who, const dom::Case& c) {
  std::vector<CaseView> one = BareViews(who, {c});
  FillServiceLevels(who, one);
  return std::move(one.front());
}

void CaseService::FillServiceLevels(const Principal& who, std::vector<CaseView>& views) {
  if (views.empty()) return;
  std::vector<dom::CaseId> ids;
  for (const auto& v : views) ids.push_back(v.c.id);
  const auto inst = installation_.Get();
  const base::Time now = clock_.Now();
  std::map<dom::CaseId, std::vector<StoredClock>> clocks;
  for (auto& s : store_.SlaClocks(ids)) clocks[s.case_id].push_back(std::move(s));
  std::map<dom::CaseId, CaseReview> reviews;
  for (auto& r : store_.OpenReviews(ids)) reviews.emplace(r.case_id, std::move(r));
  for (auto& v : views) {
    if (auto it = clocks.find(v.c.id); it != clocks.end()) {
      v.sla = ViewClocks(inst->sla(), it->second, now);
    }
    if (auto it = reviews.find(v.c.id); it != reviews.end()) {
      v.review = it->second;
      // The citizen's comment is free text: masked like the rest for those who may not see who.
      if (auto mask = MaskFor(who, v.c)) v.review->comment = mask->Mask(v.review->comment);
    }
  }
}

std::vector<CaseView> CaseService::BareViews(const Principal& who,
                                             const std::vector<dom::Case>& cases) {
  std::vector<CaseView> out;
  out.reserve(cases.size());
  std::vector<dom::RequesterId> ids;
  for (const dom::Case& c : cases) {
    if (c.requester_id) ids.push_back(*c.requester_id);
  }
  std::map<dom::RequesterId, dom::Requester> requesters;
  for (auto& r : store_.GetRequesters(ids)) requesters.emplace(r.id, std::move(r));
  if (!CanSeeRequesterIdentity(who.user.role)) {
    // Referrals reach units anonymized: identity fields are absent, and the requester's own
    // name, numbers and address, and anyone's numbers or addresses, are masked in free text.
    for (const dom::Case& c : cases) {
      CaseView& v = out.emplace_back(CaseView{c, std::nullopt, false, false, {}, std::nullopt});
      const auto it = c.requester_id ? requesters.find(*c.requester_id) : requesters.end();
      const dom::Anonymizer mask = AnonymizerOf(
          it == requesters.end() ? nullptr : &it->second);
      v.c.description = mask.Mask(c.description);
      v.c.public_answer = mask.Mask(c.public_answer);
      v.requester_hidden = c.requester_id.has_value();
    }
    return out;
  }
  const int threshold = installation_.Get()->settings().malicious_flag_threshold;
  for (const dom::Case& c : cases) {
    CaseView& v = out.emplace_back(CaseView{c, std::nullopt, false, false, {}, std::nullopt});
    if (!c.requester_id) continue;
    if (auto it = requesters.find(*c.requester_id); it != requesters.end()) {
      v.requester = it->second;
      v.requester_flagged = it->second.malicious_count >= threshold;
    }
  }
  return out;
}

Error CaseService::OwnedByAction(const char* field, const std::string& workflow,
                                 dom::EffectKind effect) {
  std::string actions;
  if (const dom::Workflow* w = installation_.Get()->FindWorkflow(workflow)) {
    for (const dom::WorkflowAction& a : w->actions) {
      for (const dom::Effect& e : a.effects) {
        if (e.kind == effect && actions.find("\"" + a.name + "\"") == std::string::npos) {
          actions += (actions.empty() ? "\"" : ", \"") + a.name + "\"";
        }
      }
    }
  }
  return Error{ErrorCode::kConflict,
               std::string(field) + " changes only through a workflow action" +
                   (actions.empty() ? std::string() : " (" + actions + ")") +
                   ": POST /api/v1/cases/{id}/actions/{action}",
               field};
}

bool CaseService::DestinationSaturated(const std::string& recipient, base::Time now) {
  if (recipient.empty()) return false;
  return store_.CountMessagesTo(recipient, now - std::chrono::hours(1)) >=
             settings_.portal_messages_per_hour ||
         store_.CountMessagesTo(recipient, now - std::chrono::hours(24)) >=
             settings_.portal_messages_per_day;
}

dom::Anonymizer AnonymizerOf(const dom::Requester* r) {
  if (r == nullptr) return dom::Anonymizer();
  dom::IdentityMarks marks{r->name, {}, r->national_id, r->email};
  if (!r->phone.empty()) marks.phones.push_back(r->phone);
  return dom::Anonymizer(marks);
}

std::optional<dom::Anonymizer> CaseService::MaskFor(const Principal& who, const dom::Case& c) {
  if (CanSeeRequesterIdentity(who.user.role)) return std::nullopt;
  if (!c.requester_id) return dom::Anonymizer();
  const auto r = store_.GetRequester(*c.requester_id);
  return AnonymizerOf(r ? &*r : nullptr);
}

Result<dom::Case> CaseService::Visible(const Principal& who, dom::CaseId id) {
  auto c = store_.GetCase(id);
  if (!c) return CaseNotFound();
  if (!MaySeeCase(who, c->unit_id)) {
    return CaseNotFound();  // not "forbidden": unit staff must not learn the request exists
  }
  return *c;
}

Result<CaseView> CaseService::Create(const Principal& who, const CaseInput& input) {
  if (!CanWriteCases(who.user.role) || who.user.role == dom::Role::kUnitStaff) {
    return Forbidden("This role cannot register requests");
  }
  // Tags at registration come from the registry: open to agents, or any usable tag for the
  // roles that tag requests; each is checked as it stands now.
  auto tags = CheckRegistryTags(store_, who.user.role, input.tags, clock_.Now(), "tags");
  if (!tags) return tags.error();
  // The branch it is taken at: the one chosen (a walk-in's desk), else the staff member's own.
  CaseInput in = input;
  if (in.branch_id) {
    auto branch = store_.GetUnit(*in.branch_id);
    if (!branch || !branch->active || branch->kind != dom::UnitKind::kBranch) {
      return base::Invalid("branch_id", "is not a branch");
    }
  } else {
    // The nearest branch at or above their unit: a few point reads, only for staff with a unit.
    std::optional<dom::UnitId> at = who.user.unit_id;
    for (int guard = 0; at && guard < 20; ++guard) {
      auto unit = store_.GetUnit(*at);
      if (!unit) break;
      if (unit->kind == dom::UnitKind::kBranch) {
        in.branch_id = unit->id;
        break;
      }
      at = unit->parent_id;
    }
  }
  auto c = Register(in, who.user.id, std::move(*tags));
  if (!c) return c.error();
  return ViewFor(who, *c);
}

void CaseService::AuditIdentity(const Principal& who, const std::vector<const CaseView*>& views,
                                const char* via) {
  std::vector<AccessStore::IdentityAccess> rows;
  const base::Time now = clock_.Now();
  for (const CaseView* v : views) {
    if (v->requester) rows.push_back({who.user.id, v->requester->id, v->c.id, via, now});
  }
  if (auto s = store_.LogIdentityAccess(rows); !s) {
    throw std::runtime_error("identity access could not be logged: " + s.error().message);
  }
}

Result<CaseView> CaseService::Get(const Principal& who, dom::CaseId id) {
  auto c = Visible(who, id);
  if (!c) return c.error();
  CaseView v = ViewFor(who, *c);
  AuditIdentity(who, {&v}, "case");
  return v;
}

CasePage CaseService::FindByCode(const Principal& who, const std::string& canonical_code) {
  CasePage page;
  if (auto c = store_.FindCaseByTrackingCode(canonical_code)) {
    if (auto v = Get(who, c->id)) page.items.push_back(std::move(*v));
  }
  return page;
}

std::int64_t CaseService::Count(const Principal& who, CaseFilter filter, std::int64_t cap) {
  if (who.user.role == dom::Role::kUnitStaff) {
    if (filter.unit_id && filter.unit_id != who.user.unit_id) return 0;
    filter.unit_id = who.user.unit_id;
  }
  filter.before_id.reset();
  return store_.CountCases(filter, cap);
}

Result<CasePage> CaseService::List(const Principal& who, CaseFilter filter,
                                   const std::string& cursor, const char* via) {
  if (filter.requester_id && !CanSeeRequesterIdentity(who.user.role)) {
    // The id alone would link one hidden citizen's requests together.
    return Forbidden("This role cannot filter by requester");
  }
  if (who.user.role == dom::Role::kUnitStaff) {
    if (filter.unit_id && filter.unit_id != who.user.unit_id) return CasePage{};
    filter.unit_id = who.user.unit_id;
  }
  if (!cursor.empty()) {
    std::int64_t before = 0;
    auto [p, ec] = std::from_chars(cursor.data() + 1, cursor.data() + cursor.size(), before);
    if (cursor[0] != 'c' || ec != std::errc() || p != cursor.data() + cursor.size() || before <= 0) {
      return base::Invalid("cursor", "is not a cursor this server gave out");
    }
    filter.before_id = before;
  }
  if (filter.limit < 1 || filter.limit > 200) return base::Invalid("limit", "must be 1 to 200");
  const int wanted = filter.limit;
  filter.limit = wanted + 1;  // one extra row tells whether another page exists
  auto rows = store_.ListCases(filter);
  CasePage page;
  const bool more = static_cast<int>(rows.size()) > wanted;
  if (more) rows.resize(wanted);
  page.items = BareViews(who, rows);
  FillServiceLevels(who, page.items);
  std::vector<const CaseView*> shown;
  for (const CaseView& v : page.items) shown.push_back(&v);
  AuditIdentity(who, shown, via);
  if (more && !rows.empty()) {
    std::string next = "c";
    next += std::to_string(rows.back().id.value);
    page.next_cursor = std::move(next);
  }
  return page;
}

Result<CaseView> CaseService::Patch(const Principal& who, dom::CaseId id, const CasePatch& patch,
                                    std::optional<std::int64_t> if_match) {
  const dom::Role role = who.user.role;
  if (!CanWriteCases(role)) return Forbidden("This role cannot change requests");
  auto current = Visible(who, id);
  if (!current) return current.error();
  if (if_match && *if_match != current->version) {
    return Error{ErrorCode::kPreconditionFailed,
                 "The request changed since you read it; reload and try again", {}};
  }

  const bool unit_staff = role == dom::Role::kUnitStaff;
  auto deny = [&](const char* field) -> Error {
    return Error{ErrorCode::kForbidden, std::string("This role cannot change ") + field, field};
  };

  dom::Case after = *current;
  std::vector<FieldChange> changes;
  auto record = [&](const char* field, std::string from, std::string to) {
    if (from != to) changes.push_back({field, std::move(from), std::move(to)});
  };

  if (patch.type) {
    if (unit_staff) return deny("type");
    record("type", std::string(dom::ToString(after.type)), std::string(dom::ToString(*patch.type)));
    after.type = *patch.type;
  }
  if (patch.category_id) {
    if (unit_staff) return deny("category_id");
    auto cat = store_.GetCategory(*patch.category_id);
    if (!cat || !cat->active) return base::Invalid("category_id", "no such category");
    record("category_id", std::to_string(after.category_id.value),
           std::to_string(patch.category_id->value));
    after.category_id = *patch.category_id;
  }
  if (patch.priority) {
    if (unit_staff) return deny("priority");
    record("priority", std::string(dom::ToString(after.priority)),
           std::string(dom::ToString(*patch.priority)));
    after.priority = *patch.priority;
  }
  if (patch.status) {
    return base::Invalid("status",
                         "changes only through a workflow action: POST /api/v1/cases/{id}/actions/{action}");
  }
  if (patch.site_id) {
    if (unit_staff) return deny("site_id");
    if (*patch.site_id) {
      auto site = store_.GetSite(**patch.site_id);
      if (!site || !site->active) return base::Invalid("site_id", "no such site");
    }
    record("site_id", IdText(after.site_id), IdText(*patch.site_id));
    after.site_id = *patch.site_id;
  }
  if (patch.unit_id) {
    if (unit_staff) return deny("unit_id");
    // Referral is a workflow decision: its roles, states, messages and clocks go with it.
    return OwnedByAction("unit_id", current->workflow, dom::EffectKind::kRefer);
  }
  if (patch.description) {
    if (unit_staff) return deny("description");
    auto d = dom::CleanText(*patch.description, "description", kDescriptionMax, true);
    if (!d) return d.error();
    record("description", after.description, *d);
    after.description = *d;
  }
  if (patch.public_answer) {
    return OwnedByAction("public_answer", current->workflow, dom::EffectKind::kAnswer);
  }
  std::string note;
  if (patch.note) {
    auto n = dom::CleanText(*patch.note, "note", kAnswerMax, false);
    if (!n) return n.error();
    note = *n;
  }
  if (changes.empty() && note.empty()) return ViewFor(who, *current);

  if (after.category_id != current->category_id || after.site_id != current->site_id) {
    auto routed = Route(after);  // reclassified: the suggestion follows
    after.suggested_unit_id = routed ? std::optional<dom::UnitId>(routed->unit) : std::nullopt;
  }
  after.updated_at = clock_.Now();
  CaseUpdate update{id, current->version, after, std::move(changes), who.user.id, note, {}};
  if (after.type != current->type || after.category_id != current->category_id) {
    // Review typed it into another workflow: it moves there (case_retype.cpp).
    if (auto moved = WriteRetype(*current, update)) {
      if (!*moved) return moved->error();
      return ViewFor(who, **moved);
    }
  }
  if (after.type != current->type || after.category_id != current->category_id ||
      after.priority != current->priority) {
    // Another policy may match now: the clocks keep their times and take its targets.
    update.service.clocks = ClocksAfterRetarget(
        installation_.Get()->sla(), store_.SlaClocks({id}), CategoryChain(after.category_id),
        after.type, after.priority, current->created_at);
  }
  auto written = store_.UpdateCase(update);
  if (!written) return written.error();
  return ViewFor(who, *written);
}

Result<std::vector<dom::TimelineEvent>> CaseService::Timeline(const Principal& who,
                                                              dom::CaseId id,
                                                              std::string* workflow) {
  auto c = Visible(who, id);
  if (!c) return c.error();
  if (workflow != nullptr) *workflow = c->workflow;
  auto events = store_.Timeline(id);
  if (auto mask = MaskFor(who, *c)) {
    for (auto& e : events) {
      e.note = mask->Mask(e.note);
      e.from = mask->Mask(e.from);
      e.to = mask->Mask(e.to);
    }
  }
  return events;
}

std::map<std::int64_t, std::string> CaseService::ActorNames(
    const std::vector<dom::TimelineEvent>& events) {
  std::map<std::int64_t, std::string> names;
  const auto add = [&](dom::UserId id) {
    if (names.count(id.value)) return;
    const auto user = store_.GetUser(id);
    names[id.value] = user ? user->display_name : std::string();
  };
  for (const auto& e : events) {
    if (e.actor_id) add(*e.actor_id);
    if (e.kind == "changed" && e.field == "owner_id") {  // whose hands it passed between
      for (const std::string* v : {&e.from, &e.to}) {
        std::int64_t id = 0;
        const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), id);
        if (ec == std::errc() && end == v->data() + v->size() && id > 0) add(dom::UserId{id});
      }
    }
  }
  return names;
}

}  // namespace tawasul::app
