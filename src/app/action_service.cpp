#include <algorithm>
#include <chrono>

#include "app/services.hpp"
#include "app/survey_service.hpp"
#include "domain/calendar.hpp"
#include "domain/template_text.hpp"
#include "domain/tracking_code.hpp"

namespace tawasul::app {

using base::Error;
using base::ErrorCode;
namespace dom = tawasul::domain;

namespace {

constexpr int kTrackingCodeDraws = 8;

std::optional<std::int64_t> ParseId(const dom::ActionInputs& in, const char* name) {
  auto it = in.find(name);
  if (it == in.end()) return std::nullopt;
  return std::stoll(it->second);  // CheckInputs has made it digits only, ≤ 18 of them
}

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

/// The action `name` of a follow-up's workflow `fw`, taken on it at creation: it must start
/// from the workflow's entry state and do only what a new request can (refer, notify, clocks).
Result<const dom::WorkflowAction*> FollowUpThen(const dom::Workflow& fw, const std::string& name) {
  const dom::WorkflowAction* a = fw.Action(name);
  const std::string& entry = fw.EntryState();
  const auto conflict = [&](const std::string& why) {
    return Error{ErrorCode::kConflict,
                 "The follow-up's workflow \"" + fw.name + "\" " + why +
                     "; the profile's follow_up `then` must name an action from its entry state "
                     "that refers, notifies or moves clocks",
                 "action"};
  };
  if (a == nullptr) return conflict("has no action \"" + name + "\"");
  const bool from_entry = std::any_of(a->from.begin(), a->from.end(), [&](const std::string& f) {
    return f == entry || f == "*";
  });
  if (!from_entry) return conflict("cannot take \"" + name + "\" from \"" + entry + "\"");
  for (const dom::Effect& e : a->effects) {
    if (e.kind != dom::EffectKind::kRefer && e.kind != dom::EffectKind::kNotify &&
        e.kind != dom::EffectKind::kStartClock && e.kind != dom::EffectKind::kStopClock) {
      return conflict("action \"" + name + "\" does more (" + std::string(dom::ToString(e.kind)) + ")");
    }
  }
  return a;
}

}  // namespace

ActionService::ActionService(Store& store, CaseService& cases, Crypto& crypto,
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
  ActionWrite w;
  w.action = action_name;
  w.inputs_text = InputsText(*inputs);
  w.from_state = c.state;
  dom::Case after = c;
  after.state = t->to_state;
  after.status = t->to_status;
  after.updated_at = now;

  std::optional<dom::Requester> requester;
  if (c.requester_id) requester = store_.GetRequester(*c.requester_id);
  std::map<std::string, std::string> values{{"tracking_code", c.tracking_code},
                                            {"reason", Get(*inputs, "reason")},
                                            {"agency", Get(*inputs, "agency")}};
  std::vector<std::pair<std::string, std::string>> to_send;  // template, channel
  const SlaConfig& sla = inst->sla();
  ServiceWrites service;  // SLA clocks, survey and review, written with the action
  bool no_survey = false;  // merged or malicious: nobody to ask about the service
  bool malicious = false;  // closed as abuse: a message held for an unknown number never goes

  // A referral's unit: the one given, else the category's routing (nearest default unit).
  auto refer_unit = [&]() -> Result<dom::UnitId> {
    std::optional<dom::UnitId> unit;
    if (auto v = ParseId(*inputs, "unit_id")) unit = dom::UnitId{*v};
    if (!unit) {
      for (const auto& cat : cases_.CategoryChain(c.category_id)) {
        if (cat.default_unit_id) {
          unit = cat.default_unit_id;
          break;
        }
      }
    }
    if (!unit) return base::Invalid("inputs.unit_id", "is required: the category has no default unit");
    auto u = store_.GetUnit(*unit);
    if (!u || !u->active) return base::Invalid("inputs.unit_id", "no such unit");
    return *unit;
  };

  const dom::Workflow* follow_up_workflow = nullptr;
  std::vector<std::pair<std::string, std::string>> follow_up_sends;  // its `then` action's
  for (const dom::Effect& e : t->action->effects) {
    switch (e.kind) {
      case dom::EffectKind::kRefer: {
        auto unit = refer_unit();
        if (!unit) return unit.error();
        after.unit_id = *unit;
        break;
      }
      case dom::EffectKind::kAnswer:
        after.public_answer = Get(*inputs, "answer");
        break;
      case dom::EffectKind::kNotify:
        to_send.emplace_back(e.template_name, e.channel);
        break;
      case dom::EffectKind::kScheduleMeeting:
        w.meeting = dom::Meeting{id, Get(*inputs, "date"), Get(*inputs, "time"),
                                 Get(*inputs, "place"), "", now};
        break;
      case dom::EffectKind::kMeetingOutcome: {
        auto m = store_.GetMeeting(id);
        if (!m) m = dom::Meeting{id, "", "", "", "", now};
        m->outcome = Get(*inputs, "outcome");
        m->updated_at = now;
        w.meeting = *m;
        break;
      }
      case dom::EffectKind::kCallback: {
        const std::string outcome = Get(*inputs, "outcome");
        w.callback = dom::CallbackAttempt{id, now, who.user.id, outcome};
        if (outcome != "reached") {
          auto attempts = store_.CallbackAttempts(id);
          const auto failed = 1 + std::count_if(attempts.begin(), attempts.end(), [](const auto& a) {
                                return a.outcome != "reached";
                              });
          if (failed >= center.callback_max_attempts && !e.give_up_to.empty()) {
            after.state = e.give_up_to;
            after.status = wf->State(e.give_up_to)->status;
            if (!e.template_name.empty()) to_send.emplace_back(e.template_name, "sms");
          } else {
            after.state = c.state;  // try again later
            after.status = c.status;
          }
        }
        break;
      }
      case dom::EffectKind::kFollowUp: {
        NewCase nc;
        nc.fields.type = *e.follow_up_type;
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
        const dom::Workflow& fw = inst->WorkflowFor(cases_.CategoryChain(c.category_id), nc.fields.type);
        nc.fields.workflow = fw.name;
        nc.fields.state = fw.initial;
        nc.fields.status = fw.State(fw.initial)->status;
        nc.actor = who.user.id;
        nc.service.clocks = ClocksForNewCase(sla, cases_.CategoryChain(c.category_id),
                                             nc.fields.type, nc.fields.priority, now);
        if (!e.then.empty()) {
          // The decision that opened it already took the follow-up's next step (e.g. its
          // referral, anonymized like any): that action of its own workflow, from its entry.
          auto next = FollowUpThen(fw, e.then);
          if (!next) return next.error();
          const dom::WorkflowAction& then = **next;
          nc.fields.state = then.to.empty() ? fw.EntryState() : then.to;
          nc.fields.status = fw.State(nc.fields.state)->status;
          std::string shown;  // the inputs it used, as an action's line shows them
          for (const dom::Effect& te : then.effects) {
            if (te.kind == dom::EffectKind::kRefer) {
              auto unit = refer_unit();
              if (!unit) return unit.error();
              nc.fields.unit_id = *unit;
              shown = "unit_id=" + std::to_string(unit->value);
            } else if (te.kind == dom::EffectKind::kNotify) {
              follow_up_sends.emplace_back(te.template_name, te.channel);
            } else if (te.kind == dom::EffectKind::kStartClock ||
                       te.kind == dom::EffectKind::kStopClock) {
              nc.notes.push_back({"clock", te.clock,
                                  te.kind == dom::EffectKind::kStartClock ? "start" : "stop", ""});
            }
          }
          nc.notes.insert(nc.notes.begin(),
                          TimelineNote{"action", then.name, nc.fields.state, shown, fw.EntryState()});
          auto moved = ClocksAfterAction(sla, nc.service.clocks, dom::CaseStatus::kNew,
                                         nc.fields.status, ClockMarks(then), now);
          for (StoredClock& k : nc.service.clocks) {
            for (StoredClock& m : moved) {
              if (m.clock.name == k.clock.name) k = m;
            }
          }
        }
        w.follow_up = std::move(nc);
        follow_up_workflow = &fw;
        break;
      }
      case dom::EffectKind::kMerge: {
        const dom::CaseId target{*ParseId(*inputs, "case_id")};
        if (target == id) return base::Invalid("inputs.case_id", "a request cannot be merged into itself");
        auto other = cases_.Visible(who, target);
        if (!other) return base::Invalid("inputs.case_id", "no such request");
        if (other->duplicate_of) {
          return base::Invalid("inputs.case_id", "that request is itself merged into another");
        }
        after.duplicate_of = target;
        no_survey = true;
        break;
      }
      case dom::EffectKind::kTransfer:
        break;  // the agency is on the timeline with the action's inputs
      case dom::EffectKind::kMalicious:
        w.count_malicious = c.requester_id.has_value();
        malicious = true;
        no_survey = true;
        break;
      case dom::EffectKind::kReopen:
        // A citizen who rated the closing low within the window may have it reopened later
        // (docs/decisions/0009): the open review keeps the window's promise.
        if (c.closed_at &&
            now - *c.closed_at > std::chrono::hours(24) * center.reopen_window_days &&
            !ReviewAllowsReopen(store_, id)) {
          return Error{ErrorCode::kConflict,
                       "The request was closed more than " +
                           std::to_string(center.reopen_window_days) +
                           " days ago; register a new one",
                       "action"};
        }
        break;
      case dom::EffectKind::kStartClock:
      case dom::EffectKind::kStopClock:
        w.notes.push_back({"clock", e.clock,
                           e.kind == dom::EffectKind::kStartClock ? "start" : "stop", ""});
        break;
    }
  }
  const bool closing =
      after.status == dom::CaseStatus::kClosed && c.status != dom::CaseStatus::kClosed;
  if (closing) {
    after.closed_at = now;
  } else if (after.status != dom::CaseStatus::kClosed) {
    after.closed_at.reset();
  }
  // SLA clocks move with the action (domain/sla_clock: marks, holds, closing), in its commit.
  if (auto clocks = store_.SlaClocks({id}); !clocks.empty()) {
    service.clocks = ClocksAfterAction(sla, std::move(clocks), c.status, after.status,
                                       ClockMarks(*t->action), now);
  }
  // Leaving "closed" ends a review flag: the request is being worked again.
  service.review_reopened =
      c.status == dom::CaseStatus::kClosed && after.status != dom::CaseStatus::kClosed;

  // Messages are rendered last, so they carry the answer and the meeting just recorded.
  values["answer"] = after.public_answer;
  if (w.meeting) {
    values["meeting_date"] =
        w.meeting->date.empty() ? "" : DateForCenter(w.meeting->date, center.calendar);
    values["meeting_time"] = w.meeting->time;
    values["meeting_place"] = w.meeting->place;
  }
  for (const auto& [name, channel] : to_send) {
    auto composed = inst->Compose(name, channel, requester ? &*requester : nullptr, values, now);
    if (!composed.message) {
      w.notes.push_back({"notification", channel, name, composed.skipped});
      continue;
    }
    composed.message->case_id = id;
    w.messages.push_back(std::move(*composed.message));
  }
  // After closing: a single-use link to rate the service (only its hash is stored).
  if (closing && !no_survey && sla.survey.enabled && requester && !requester->phone.empty()) {
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
  w.release_held = !malicious;
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
                                       InboxInclude include) {
  auto page = InboxPageFor(who, name, cursor, limit);
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

Result<CasePage> ActionService::InboxPageFor(const Principal& who, const std::string& name,
                                             const std::string& cursor, int limit) {
  const dom::Role role = who.user.role;
  CaseFilter f;
  f.limit = limit;
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
    f.created_by = who.user.id;
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
    return CasePage{};  // no workflow feeds this inbox
  }
  // Like every list that shows requesters, a disclosure logged as GET /cases/{id} is: one row per
  // requester shown (none for unit staff, whose rows carry no requester).
  return cases_.List(who, f, cursor, "inbox");
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
  Store::ExtrasRows rows = store_.ExtrasOf(ids);
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
