#include <algorithm>
#include <chrono>

#include "app/workflow/action_service.hpp"
#include "domain/action_plan.hpp"
#include "app/surveys/survey_service.hpp"
#include "domain/calendar.hpp"
#include "domain/template_text.hpp"
#include "domain/tracking_code.hpp"

namespace tawasul::app {

using base::Error;
using base::ErrorCode;
namespace dom = tawasul::domain;

namespace {

constexpr int kTrackingCodeDraws = 8;

std::string Get(const dom::ActionInputs& in, const char* name) {
  auto it = in.find(name);
  return it == in.end() ? std::string() : it->second;
}

std::string InputsText(const dom::ActionInputs& in) {
  std::string out;
  for (const auto& [k, v] : in) out += (out.empty() ? "" : "; ") + k + "=" + v;
  return out;
}

std::string IdText(const std::optional<dom::UnitId>& v) {
  return v ? std::to_string(v->value) : std::string();
}

/// A meeting date (YYYY-MM-DD, Gregorian, checked by CheckInputs) as the citizen reads it: in
/// the center's calendar, e.g. 1404/01/20 for a Jalali center, 1446/10/05 for a Hijri one.
std::string DateForCenter(const std::string& iso, const std::string& calendar) {
  dom::CivilDate g{std::stoi(iso.substr(0, 4)), std::stoi(iso.substr(5, 2)),
                   std::stoi(iso.substr(8, 2))};
  dom::CalendarKind kind = dom::CalendarKind::kGregorian;
  if (calendar == "persian") kind = dom::CalendarKind::kJalali;
  if (calendar == "islamic-umalqura") kind = dom::CalendarKind::kHijriUmmAlQura;
  const dom::CivilDate d = dom::FromGregorian(kind, g);
  char out[16];
  std::snprintf(out, sizeof out, "%04d/%02d/%02d", d.year, d.month, d.day);
  return out;
}

}  // namespace

ActionService::ActionService(ActionServiceStore& store, CaseService& cases, Crypto& crypto,
                             const base::Clock& clock, InstallationRef& installation)
    : store_(store), cases_(cases), crypto_(crypto), clock_(clock), installation_(installation) {}

Result<std::vector<dom::WorkflowAction>> ActionService::Available(const Principal& who,
                                                                 dom::CaseId id) {
  auto c = cases_.Visible(who, id);
  if (!c) return c.error();
  return AvailableOn(who, *c);
}

std::vector<dom::WorkflowAction> ActionService::AvailableOn(const Principal& who,
                                                           const dom::Case& c) {
  if (!CanWriteCases(who.user.role)) return {};
  const auto inst = installation_.Get();
  const dom::Workflow* wf = inst->FindWorkflow(c.workflow);
  if (wf == nullptr) return {};
  std::vector<dom::WorkflowAction> out;
  for (const auto* a :
       dom::AvailableActions(*wf, c.state, {who.user.role, who.user.unit_id}, c.unit_id)) {
    out.push_back(*a);
  }
  return out;
}

Result<ActionOutcome> ActionService::Take(const Principal& who, dom::CaseId id,
                                          const std::string& action_name,
                                          const dom::ActionInputs& given,
                                          std::optional<std::int64_t> if_match) {
  if (!CanWriteCases(who.user.role)) {
    return Error{ErrorCode::kForbidden, "This role cannot act on requests", {}};
  }
  auto current = cases_.Visible(who, id);
  if (!current) return current.error();
  const dom::Case& c = *current;
  if (if_match && *if_match != c.version) {
    return Error{ErrorCode::kPreconditionFailed,
                 "The request changed since you read it; reload and try again", {}};
  }
  const auto inst = installation_.Get();
  const CenterSettings& center = inst->settings();
  const dom::Workflow* wf = inst->FindWorkflow(c.workflow);
  if (wf == nullptr) {
    return Error{ErrorCode::kUnavailable, "The workflow \"" + c.workflow + "\" is not installed", {}};
  }
  auto t = dom::Next(*wf, c.state, action_name, {who.user.role, who.user.unit_id}, c.unit_id);
  if (!t) return t.error();
  auto inputs = dom::CheckInputs(*t->action, given);
  if (!inputs) return inputs.error();

  const base::Time now = clock_.Now();
  const SlaConfig& sla = inst->sla();
  const dom::WorkflowAction& action = *t->action;
  const auto chain = cases_.CategoryChain(c.category_id);

  // The facts the plan needs, read only when one of the action's effects asks for them.
  dom::ActionFacts facts;
  facts.now = now;
  facts.actor = who.user.id;
  facts.callback_max_attempts = center.callback_max_attempts;
  facts.reopen_window_days = center.reopen_window_days;
  // A referral that names no unit goes where routing suggests (rules, else category default).
  if (auto routed = cases_.Route(c)) facts.routed_unit = routed->unit;
  const auto has = [&](dom::EffectKind k) {
    return std::any_of(action.effects.begin(), action.effects.end(),
                       [&](const dom::Effect& e) { return e.kind == k; });
  };
  if (has(dom::EffectKind::kMeetingOutcome)) facts.meeting = store_.GetMeeting(id);
  if (has(dom::EffectKind::kCallback)) {
    const auto attempts = store_.CallbackAttempts(id);
    facts.failed_callbacks = static_cast<int>(std::count_if(
        attempts.begin(), attempts.end(), [](const auto& a) { return a.outcome != "reached"; }));
  }
  if (has(dom::EffectKind::kReopen)) facts.review_allows_reopen = ReviewAllowsReopen(store_, id);

  auto plan = dom::PlanAction(*wf, c, action, t->to_state, *inputs, facts);
  if (!plan) return plan.error();
  const dom::Case& after = plan->after;
  // What the plan names and only the store can vouch for.
  if (plan->refer_to) {
    auto u = store_.GetUnit(*plan->refer_to);
    if (!u || !u->active) return base::Invalid("inputs.unit_id", "no such unit");
  }
  if (plan->merge_into) {
    auto other = cases_.Visible(who, *plan->merge_into);
    if (!other) return base::Invalid("inputs.case_id", "no such request");
    if (other->duplicate_of) {
      return base::Invalid("inputs.case_id", "that request is itself merged into another");
    }
  }

  ActionWrite w;
  w.action = action_name;
  w.inputs_text = InputsText(*inputs);
  w.from_state = c.state;
  w.meeting = plan->meeting;
  w.callback = plan->callback;
  w.count_malicious = plan->count_malicious;
  for (const auto& n : plan->notes) w.notes.push_back({n.kind, n.field, n.to, ""});

  // A follow-up is registered like any request, in its own workflow; a `then` takes its next
  // step at once (e.g. its referral, anonymized like any).
  const dom::Workflow* follow_up_workflow = nullptr;
  std::vector<dom::PlannedMessage> follow_up_sends;
  if (plan->follow_up) {
    const dom::Workflow& fw = inst->WorkflowFor(chain, *plan->follow_up);
    auto entry = dom::PlanFollowUpEntry(fw, plan->follow_up_then, *inputs, facts.routed_unit);
    if (!entry) return entry.error();
    if (entry->unit) {
      auto u = store_.GetUnit(*entry->unit);
      if (!u || !u->active) return base::Invalid("inputs.unit_id", "no such unit");
    }
    NewCase nc;
    nc.fields.type = *plan->follow_up;
    nc.fields.category_id = c.category_id;
    nc.fields.channel = c.channel;
    nc.fields.requester_id = c.requester_id;
    nc.fields.site_id = c.site_id;
    nc.fields.description = c.description;
    nc.fields.priority = c.priority;
    nc.fields.parent_id = id;
    nc.fields.created_by = who.user.id;
    nc.fields.created_at = now;
    nc.fields.updated_at = now;
    nc.fields.workflow = fw.name;
    nc.fields.state = entry->state;
    nc.fields.status = entry->status;
    nc.fields.unit_id = entry->unit;
    nc.actor = who.user.id;
    nc.service.clocks = ClocksForNewCase(sla, chain, nc.fields.type, nc.fields.priority, now);
    if (entry->action != nullptr) {
      const std::string shown = entry->unit ? "unit_id=" + std::to_string(entry->unit->value) : "";
      nc.notes.push_back(
          TimelineNote{"action", entry->action->name, entry->state, shown, entry->from_state});
      for (const auto& n : entry->notes) nc.notes.push_back({n.kind, n.field, n.to, ""});
      auto moved = ClocksAfterAction(sla, nc.service.clocks, dom::CaseStatus::kNew,
                                     entry->status, ClockMarks(*entry->action), now);
      OverlayClocks(nc.service.clocks, moved);
    }
    follow_up_sends = entry->messages;
    w.follow_up = std::move(nc);
    follow_up_workflow = &fw;
  }

  ServiceWrites service;  // SLA clocks, survey and review, written with the action
  // SLA clocks move with the action (domain/sla_clock: marks, holds, closing), in its commit.
  if (auto clocks = store_.SlaClocks({id}); !clocks.empty()) {
    service.clocks = ClocksAfterAction(sla, std::move(clocks), c.status, after.status,
                                       ClockMarks(action), now);
  }
  // Leaving "closed" ends a review flag: the request is being worked again.
  service.review_reopened = plan->reopening;

  // Messages are rendered last, so they carry the answer and the meeting just recorded.
  std::optional<dom::Requester> requester;
  if (c.requester_id) requester = store_.GetRequester(*c.requester_id);
  std::map<std::string, std::string> values{{"tracking_code", c.tracking_code},
                                            {"reason", Get(*inputs, "reason")},
                                            {"agency", Get(*inputs, "agency")},
                                            {"answer", after.public_answer}};
  if (w.meeting) {
    values["meeting_date"] =
        w.meeting->date.empty() ? "" : DateForCenter(w.meeting->date, center.calendar);
    values["meeting_time"] = w.meeting->time;
    values["meeting_place"] = w.meeting->place;
  }
  for (const auto& [name, channel] : plan->messages) {
    auto composed = inst->Compose(name, channel, requester ? &*requester : nullptr, values, now);
    if (!composed.message) {
      w.notes.push_back({"notification", channel, name, composed.skipped});
      continue;
    }
    composed.message->case_id = id;
    w.messages.push_back(std::move(*composed.message));
  }
  // After closing: a single-use link to rate the service (only its hash is stored).
  if (plan->closing && !plan->no_survey && sla.survey.enabled && requester &&
      !requester->phone.empty()) {
    auto invite = MakeSurveyInvite(*inst, crypto_, *requester, values, now);
    if (invite.message) {
      invite.message->case_id = id;
      w.messages.push_back(std::move(*invite.message));
      service.survey = std::move(invite.survey);
    } else {
      w.notes.push_back({"notification", "sms", kSurveyTemplate, invite.skipped});
    }
  }

  std::vector<FieldChange> changes;
  auto record = [&](const char* f, std::string from, std::string to) {
    if (from != to) changes.push_back({f, std::move(from), std::move(to)});
  };
  record("status", std::string(dom::ToString(c.status)), std::string(dom::ToString(after.status)));
  record("unit_id", IdText(c.unit_id), IdText(after.unit_id));
  record("public_answer", c.public_answer, after.public_answer);
  w.update = CaseUpdate{id, c.version, after, std::move(changes), who.user.id, "", {}};
  w.release_held = !plan->malicious;
  w.update.service = std::move(service);

  std::optional<dom::CaseId> follow_up_id;
  for (int draw = 0;; ++draw) {
    if (w.follow_up) {
      // The follow-up is registered like any request: its workflow's on_create messages (its own
      // tracking code by SMS) are written with it.
      NewCase& nc = *w.follow_up;
      nc.fields.tracking_code = dom::MakeTrackingCode(crypto_.Random64());
      nc.messages.clear();
      for (const dom::Effect& e : follow_up_workflow->on_create) {
        if (e.kind != dom::EffectKind::kNotify) continue;
        auto composed = inst->Compose(e.template_name, e.channel, requester ? &*requester : nullptr,
                                      {{"tracking_code", nc.fields.tracking_code}}, now);
        if (composed.message) nc.messages.push_back(std::move(*composed.message));
      }
      for (const auto& [name, channel] : follow_up_sends) {
        auto composed = inst->Compose(name, channel, requester ? &*requester : nullptr,
                                      {{"tracking_code", nc.fields.tracking_code}}, now);
        if (composed.message) nc.messages.push_back(std::move(*composed.message));
      }
    }
    auto written = store_.ApplyAction(w, &follow_up_id);
    if (written) {
      ActionOutcome out{cases_.ViewFor(who, *written), follow_up_id, w.messages};
      cases_.AuditIdentity(who, {&out.view}, "action");
      if (auto mask = cases_.MaskFor(who, *written)) {
        for (auto& m : out.queued) {
          m.recipient.clear();
          m.body = mask->Mask(m.body);
          m.subject = mask->Mask(m.subject);
        }
      }
      for (auto& m : out.queued) m.body = MaskSurveyLink(m.body);
      return out;
    }
    const bool code_clash = written.error().code == ErrorCode::kConflict &&
                            written.error().field == "tracking_code";
    if (!code_clash || draw + 1 >= kTrackingCodeDraws) return written.error();
  }
}

Result<CasePage> ActionService::Inbox(const Principal& who, const std::string& name,
                                      const std::string& cursor, int limit) {
  auto page = Inbox(who, name, cursor, limit, InboxInclude{});
  if (!page) return page.error();
  return std::move(page->page);
}

Result<InboxPage> ActionService::Inbox(const Principal& who, const std::string& name,
                                       const std::string& cursor, int limit,
                                       InboxInclude include, const InboxNarrow& narrow) {
  auto page = InboxPageFor(who, name, cursor, limit, narrow);
  if (!page) return page.error();
  InboxPage out{std::move(*page), {}, {}};
  const std::vector<CaseView>& rows = out.page.items;
  // The rows came from CaseService::List, which shows only requests `who` may see: what
  // Available and Extras check first holds for every row.
  if (include.actions) {
    for (const CaseView& v : rows) out.actions.push_back(AvailableOn(who, v.c));
  }
  if (include.extras) {
    std::vector<dom::CaseId> ids;
    for (const CaseView& v : rows) ids.push_back(v.c.id);
    auto extras = ExtrasOf(who, ids);
    for (const CaseView& v : rows) out.extras.push_back(std::move(extras[v.c.id]));
  }
  return out;
}

Result<std::optional<CaseFilter>> ActionService::InboxFilter(const Principal& who,
                                                             const std::string& name) {
  const dom::Role role = who.user.role;
  CaseFilter f;
  auto states_for = [&](const std::string& inbox) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [wname, wf] : installation_.Get()->workflows()) {
      for (const auto& [sname, st] : wf.states) {
        if (st.inbox == inbox) out.emplace_back(wname, sname);
      }
    }
    return out;
  };
  auto forbid = [] { return Error{ErrorCode::kForbidden, "This inbox is not for your role", {}}; };
  const auto may = [&](dom::Permission p) { return dom::Allows(role, p); };
  if (name == "mine") {
    f.mine_of = who.user.id;
  } else if (name == "unit") {
    if (!may(dom::Permission::kInboxUnit)) return forbid();
    f.states = states_for("unit");
  } else if (name == "triage" || name == "callbacks") {
    if (!may(name == "triage" ? dom::Permission::kInboxTriage : dom::Permission::kInboxCallbacks)) {
      return forbid();
    }
    f.states = states_for(name);
  } else if (name == "review") {
    // Requests a citizen rated low (survey or call), until reopened or dismissed.
    if (!may(dom::Permission::kInboxReview)) return forbid();
    f.needs_review = true;
  } else if (name == "meetings") {
    if (!may(dom::Permission::kInboxMeetings)) return forbid();
    f.states = states_for("meetings");
  } else {
    return base::NotFound("No such inbox: use triage, unit, callbacks, meetings, review or mine");
  }
  if (name != "mine" && name != "review" && f.states.empty()) {
    return std::optional<CaseFilter>();  // no workflow feeds this inbox
  }
  return std::optional<CaseFilter>(std::move(f));
}

Result<CasePage> ActionService::InboxPageFor(const Principal& who, const std::string& name,
                                             const std::string& cursor, int limit,
                                             const InboxNarrow& narrow) {
  auto f = InboxFilter(who, name);
  if (!f) return f.error();
  if (!*f) return CasePage{};
  CaseFilter& filter = **f;
  filter.limit = limit;
  if (narrow.owner_id) filter.owner_id = narrow.owner_id;
  filter.unowned = narrow.unowned;
  filter.site_id = narrow.site_id;
  filter.channel = narrow.channel;
  if (narrow.category_id) {
    // The category and every category below it.
    const auto all = store_.ListCategories();
    std::vector<d::CategoryId> in{*narrow.category_id};
    for (std::size_t i = 0; i < in.size(); ++i) {
      for (const d::Category& c : all) {
        if (c.parent_id == in[i]) in.push_back(c.id);
      }
    }
    filter.category_in = std::move(in);
  }
  // Like every list that shows requesters, a disclosure logged as GET /cases/{id} is: one row per
  // requester shown (none for unit staff, whose rows carry no requester).
  return cases_.List(who, **f, cursor, "inbox");
}

std::vector<ActionService::InboxCount> ActionService::InboxCounts(const Principal& who,
                                                                  std::int64_t cap) {
  std::vector<InboxCount> out;
  for (const char* name : {"mine", "triage", "unit", "callbacks", "meetings", "review"}) {
    auto f = InboxFilter(who, name);
    if (!f) continue;  // not for this role
    out.push_back({name, *f ? cases_.Count(who, **f, cap) : 0});
  }
  // Notes that named this user and that they have not opened yet (case_notes.cpp).
  if (CanWriteCases(who.user.role)) out.push_back({"mentions", std::min(cases_.UnseenMentions(who), cap)});
  return out;
}

Result<CaseExtras> ActionService::Extras(const Principal& who, dom::CaseId id) {
  auto c = cases_.Visible(who, id);
  if (!c) return c.error();
  return std::move(ExtrasOf(who, {id})[id]);
}

std::map<dom::CaseId, CaseExtras> ActionService::ExtrasOf(const Principal& who,
                                                          const std::vector<dom::CaseId>& ids) {
  std::map<dom::CaseId, CaseExtras> out;
  for (const dom::CaseId id : ids) out[id];  // a request with none has empty extras
  ActionStore::ExtrasRows rows = store_.ExtrasOf(ids);
  // Those who may not see the requester read each request's free text (messages, a meeting's
  // place and outcome) through that request's own masks.
  const bool identity = CanSeeRequesterIdentity(who.user.role);
  std::map<dom::CaseId, std::optional<dom::Anonymizer>> masks;
  const auto mask_of = [&](dom::CaseId id) -> const std::optional<dom::Anonymizer>& {
    auto it = masks.find(id);
    if (it == masks.end()) {
      std::optional<dom::Anonymizer> m;
      if (!identity) {
        const auto c = store_.GetCase(id);
        m = c ? cases_.MaskFor(who, *c) : std::optional<dom::Anonymizer>(dom::Anonymizer());
      }
      it = masks.emplace(id, std::move(m)).first;
    }
    return it->second;
  };
  for (auto& m : rows.meetings) {
    if (const auto& mask = mask_of(m.case_id)) {
      m.place = mask->Mask(m.place);
      m.outcome = mask->Mask(m.outcome);
    }
    out[m.case_id].meeting = std::move(m);
  }
  for (auto& a : rows.callbacks) out[a.case_id].callbacks.push_back(std::move(a));
  for (auto& m : rows.messages) {
    m.body = MaskSurveyLink(m.body);
    if (const auto& mask = mask_of(*m.case_id)) {
      m.recipient.clear();
      m.body = mask->Mask(m.body);
    }
    const dom::CaseId id = *m.case_id;  // the read matched on it
    out[id].messages.push_back(std::move(m));
  }
  return out;
}

}  // namespace tawasul::app
