// Domain and app values as JSON: snake_case members, RFC 3339 UTC times, integer ids, null for
// absent optional values.
#include "base/time.hpp"
#include "domain/call.hpp"
#include "http/json_mapping.hpp"

namespace tawasul::http {

namespace {
Json OrNull(const std::optional<std::int64_t>& v) { return v ? Json(*v) : Json(nullptr); }
}  // namespace

namespace {

template <class E>
std::string Name(E v) {
  return std::string(d::ToString(v));
}

template <class Tag>
Json IdOrNull(const std::optional<base::Id<Tag>>& id) {
  return id ? Json(id->value) : Json(nullptr);
}

Json TimeOrNull(const std::optional<base::Time>& t) {
  return t ? Json(base::FormatRfc3339(*t)) : Json(nullptr);
}

}  // namespace

Json ToJson(const d::LocalizedName& v) { return Json{{"ar", v.ar}, {"fa", v.fa}, {"en", v.en}}; }

Json ToJson(const d::Unit& v) {
  return Json{{"id", v.id.value},     {"parent_id", IdOrNull(v.parent_id)},
              {"code", v.code},       {"name", ToJson(v.name)},
              {"kind", Name(v.kind)}, {"active", v.active}};
}

Json ToJson(const d::Category& v) {
  return Json{{"id", v.id.value},
              {"parent_id", IdOrNull(v.parent_id)},
              {"code", v.code},
              {"name", ToJson(v.name)},
              {"default_unit_id", IdOrNull(v.default_unit_id)},
              {"workflow", v.workflow},
              {"active", v.active}};
}

Json ToJson(const d::Site& v) {
  return Json{{"id", v.id.value},
              {"code", v.code},
              {"kind", Name(v.kind)},
              {"name", ToJson(v.name)},
              {"region", v.region},
              {"district", v.district},
              {"latitude", v.latitude ? Json(*v.latitude) : Json(nullptr)},
              {"longitude", v.longitude ? Json(*v.longitude) : Json(nullptr)},
              {"active", v.active}};
}

Json ToJson(const d::User& v) {
  return Json{{"id", v.id.value},
              {"username", v.username},
              {"display_name", v.display_name},
              {"role", Name(v.role)},
              {"unit_id", IdOrNull(v.unit_id)},
              {"language", v.language},
              {"calendar", v.calendar},
              {"digits", v.digits},
              {"extension", v.extension},
              {"active", v.active},
              {"created_at", base::FormatRfc3339(v.created_at)}};
}

Json ToJson(const d::Requester& v) {
  return Json{{"id", v.id.value},
              {"name", v.name},
              {"phone", v.phone},
              {"email", v.email},
              {"national_id", v.national_id},
              {"language", v.language},
              {"malicious_count", v.malicious_count},
              {"attributes", v.attributes},
              {"created_at", base::FormatRfc3339(v.created_at)}};
}

Json ToJson(const d::Contact& v) {
  return Json{{"id", v.id.value},
              {"channel", Name(v.channel)},
              {"direction", Name(v.direction)},
              {"requester_id", IdOrNull(v.requester_id)},
              {"case_id", IdOrNull(v.case_id)},
              {"agent_id", IdOrNull(v.agent_id)},
              {"outcome", Name(v.outcome)},
              {"note", v.note},
              {"started_at", base::FormatRfc3339(v.started_at)},
              {"ended_at", TimeOrNull(v.ended_at)},
              {"created_at", base::FormatRfc3339(v.created_at)},
              {"from", v.from_number},
              {"to", v.to_number},
              {"queue", v.queue},
              {"call_id", v.call_id ? Json(*v.call_id) : Json(nullptr)},
              {"site_id", IdOrNull(v.site_id)},
              {"category_id", IdOrNull(v.category_id)},
              {"answered_at", TimeOrNull(v.answered_at)},
              {"cause", v.cause},
              {"branch_id", IdOrNull(v.branch_id)},
              {"wait_seconds", OrNull(d::WaitSeconds(v))},
              {"talk_seconds", OrNull(d::TalkSeconds(v))}};
}

Json ToJson(const d::Attachment& v) {
  return Json{{"id", v.id.value},
              {"case_id", v.case_id.value},
              {"filename", v.filename},
              {"media_type", v.media_type},
              {"size", v.size},
              {"uploaded_by", IdOrNull(v.uploaded_by)},
              {"created_at", base::FormatRfc3339(v.created_at)},
              {"released_at", TimeOrNull(v.released_at)},
              {"released_by", IdOrNull(v.released_by)}};
}

Json ToJson(const d::TimelineEvent& v) {
  return Json{{"id", v.id.value},
              {"case_id", v.case_id.value},
              {"at", base::FormatRfc3339(v.at)},
              {"actor_id", IdOrNull(v.actor_id)},
              {"kind", v.kind},
              {"field", v.field},
              {"from", v.from},
              {"to", v.to},
              {"note", v.note}};
}

Json ToJson(const app::CaseView& v, const app::Installation& installation) {
  const d::Case& c = v.c;
  Json requester = nullptr;
  if (v.requester) {
    requester = ToJson(*v.requester);
    requester["flagged"] = v.requester_flagged;
  }
  Json state_label = nullptr;
  if (const d::Workflow* wf = installation.FindWorkflow(c.workflow)) {
    if (const d::WorkflowState* st = wf->State(c.state)) state_label = ToJson(st->label);
  }
  Json j{{"id", c.id.value},
         {"tracking_code", c.tracking_code},
         {"type", Name(c.type)},
         {"category_id", c.category_id.value},
         {"channel", Name(c.channel)},
         // Hidden requesters are hidden entirely: the id alone would link a citizen's requests.
         {"requester_id", v.requester_hidden ? Json(nullptr) : IdOrNull(c.requester_id)},
         {"requester", std::move(requester)},
         {"requester_hidden", v.requester_hidden},
         {"anonymous", !c.requester_id.has_value()},
         {"site_id", IdOrNull(c.site_id)},
         {"branch_id", IdOrNull(c.branch_id)},
         {"suggested_unit_id", IdOrNull(c.suggested_unit_id)},
         {"description", c.description},
         {"priority", Name(c.priority)},
         {"status", Name(c.status)},
         {"workflow", c.workflow},
         {"state", c.state},
         {"state_label", std::move(state_label)},
         {"unit_id", IdOrNull(c.unit_id)},
         {"owner_id", IdOrNull(c.owner_id)},
         {"public_answer", c.public_answer},
         {"parent_id", IdOrNull(c.parent_id)},
         {"duplicate_of", IdOrNull(c.duplicate_of)},
         {"closed_at", TimeOrNull(c.closed_at)},
         {"created_by", IdOrNull(c.created_by)},
         {"created_at", base::FormatRfc3339(c.created_at)},
         {"updated_at", base::FormatRfc3339(c.updated_at)},
         {"version", c.version},
         {"sla", ToJson(v.sla)},
         {"review", v.review ? ToJson(*v.review) : Json(nullptr)}};
  return j;
}

Json ToJson(const app::CasePage& v, const app::Installation& installation) {
  Json items = Json::array();
  for (const app::CaseView& c : v.items) items.push_back(ToJson(c, installation));
  return Json{{"items", std::move(items)},
              {"next_cursor", v.next_cursor ? Json(*v.next_cursor) : Json(nullptr)}};
}

Json ToJson(const app::PublicTrackView& v) {
  Json rating = nullptr;
  if (v.rating) {
    rating = Json{{"open", v.rating->open},
                  {"value", v.rating->value ? Json(*v.rating->value) : Json(nullptr)}};
  }
  return Json{{"tracking_code", v.tracking_code},
              {"status", Name(v.status)},
              {"type", Name(v.type)},
              {"public_answer", v.public_answer},
              {"created_at", base::FormatRfc3339(v.created_at)},
              {"updated_at", base::FormatRfc3339(v.updated_at)},
              {"rating", std::move(rating)}};
}

Json ToJson(const d::WorkflowAction& v) {
  Json inputs = Json::array();
  for (const d::ActionInputSpec& in : v.inputs) {
    inputs.push_back({{"name", in.name},
                      {"type", std::string(d::ToString(in.type))},
                      {"required", in.required},
                      {"options", in.options}});
  }
  return Json{{"name", v.name},
              {"label", ToJson(v.label)},
              {"to", v.to.empty() ? Json(nullptr) : Json(v.to)},
              {"inputs", std::move(inputs)}};
}

namespace {

/// An effect with the keys its kind reads, as written in the workflow file.
Json EffectJson(const d::Effect& e) {
  Json j{{"kind", std::string(d::ToString(e.kind))}};
  switch (e.kind) {
    case d::EffectKind::kNotify:
      j["template"] = e.template_name;
      j["channel"] = e.channel;
      break;
    case d::EffectKind::kCallback:
      j["give_up_to"] = e.give_up_to;
      j["give_up_template"] = e.template_name;
      break;
    case d::EffectKind::kFollowUp:
      j["type"] = e.follow_up_type ? Json(Name(*e.follow_up_type)) : Json(nullptr);
      j["then"] = e.then;
      break;
    case d::EffectKind::kStartClock:
    case d::EffectKind::kStopClock:
      j["clock"] = e.clock;
      break;
    default:
      break;
  }
  return j;
}

}  // namespace

Json ToJson(const d::Workflow& v) {
  Json states = Json::array();
  for (const auto& [name, st] : v.states) {
    states.push_back({{"name", name},
                      {"label", ToJson(st.label)},
                      {"status", Name(st.status)},
                      {"inbox", st.inbox.empty() ? Json(nullptr) : Json(st.inbox)},
                      {"final", st.final}});
  }
  Json actions = Json::array();
  for (const d::WorkflowAction& a : v.actions) {
    Json j = ToJson(a);
    Json roles = Json::array();
    for (const d::Role r : a.roles) roles.push_back(Name(r));
    Json effects = Json::array();
    for (const d::Effect& e : a.effects) effects.push_back(EffectJson(e));
    j["from"] = a.from;
    j["roles"] = std::move(roles);
    j["unit_scoped"] = a.unit_scoped;
    j["effects"] = std::move(effects);
    actions.push_back(std::move(j));
  }
  Json on_retype = Json::array();
  for (const d::Effect& e : v.on_retype) on_retype.push_back(EffectJson(e));
  return Json{{"name", v.name},
              {"label", ToJson(v.label)},
              {"initial", v.initial},
              {"entry", v.EntryState()},
              {"start_with", v.start_with.empty() ? Json(nullptr) : Json(v.start_with)},
              {"states", std::move(states)},
              {"actions", std::move(actions)},
              {"on_retype", Json{{"clocks", v.retype_restarts_clocks ? "restart" : "keep"},
                                 {"effects", std::move(on_retype)}}}};
}

Json ToJson(const d::Meeting& v) {
  return Json{{"date", v.date}, {"time", v.time}, {"place", v.place}, {"outcome", v.outcome}};
}

Json ToJson(const d::CallbackAttempt& v) {
  return Json{{"at", base::FormatRfc3339(v.at)},
              {"user_id", IdOrNull(v.user_id)},
              {"outcome", v.outcome}};
}

Json ToJson(const d::OutboxMessage& v) {
  return Json{{"id", v.id.value},
              {"channel", v.channel},
              {"template", v.template_name},
              {"recipient", v.recipient},
              {"language", v.language},
              {"subject", v.subject},
              {"body", v.body},
              {"status", v.status},
              {"created_at", base::FormatRfc3339(v.created_at)},
              {"segments", v.segments},
              {"attempts", v.attempts},
              {"sent_at", v.sent_at ? Json(base::FormatRfc3339(*v.sent_at)) : Json(nullptr)}};
}

Json ToJson(const app::ActionOutcome& v, const app::Installation& installation) {
  Json queued = Json::array();
  for (const d::OutboxMessage& m : v.queued) {
    queued.push_back({{"channel", m.channel},
                      {"template", m.template_name},
                      {"recipient", m.recipient},
                      {"language", m.language},
                      {"subject", m.subject},
                      {"body", m.body}});
  }
  return Json{{"case", ToJson(v.view, installation)},
              {"follow_up_id", IdOrNull(v.follow_up_id)},
              {"queued", std::move(queued)}};
}

Json ToJson(const app::CaseExtras& v) {
  Json callbacks = Json::array();
  for (const d::CallbackAttempt& a : v.callbacks) callbacks.push_back(ToJson(a));
  Json messages = Json::array();
  for (const d::OutboxMessage& m : v.messages) messages.push_back(ToJson(m));
  return Json{{"meeting", v.meeting ? ToJson(*v.meeting) : Json(nullptr)},
              {"callbacks", std::move(callbacks)},
              {"messages", std::move(messages)}};
}

Json ToJson(const d::RequesterAttribute& v) {
  Json choices = Json::array();
  for (const auto& c : v.choices) choices.push_back(Json{{"key", c.key}, {"name", ToJson(c.name)}});
  return Json{{"key", v.key},
              {"type", std::string(d::ToString(v.type))},
              {"name", ToJson(v.name)},
              {"required", v.required},
              {"choices", std::move(choices)}};
}

Json ToJson(const app::CenterSettings& v) {
  Json attributes = Json::array();
  for (const auto& a : v.requester_attributes) attributes.push_back(ToJson(a));
  return Json{{"profile", v.profile},
              {"requester_attributes", std::move(attributes)},
              {"country", v.country},
              {"time_zone", v.time_zone},
              {"calendar", v.calendar},
              {"languages", v.languages},
              {"center_name", ToJson(v.center_name)},
              {"sms_sender", v.sms_sender}};
}

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace tawasul::http
