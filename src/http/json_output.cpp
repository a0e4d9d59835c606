// Domain and app values as JSON: snake_case members, RFC 3339 UTC times, integer ids, null for
// absent optional values.
#include "base/time.hpp"
#include "http/json_mapping.hpp"

namespace tawasul::http {

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
              {"created_at", base::FormatRfc3339(v.created_at)}};
}

Json ToJson(const d::Attachment& v) {
  return Json{{"id", v.id.value},
              {"case_id", v.case_id.value},
              {"filename", v.filename},
              {"media_type", v.media_type},
              {"size", v.size},
              {"uploaded_by", IdOrNull(v.uploaded_by)},
              {"created_at", base::FormatRfc3339(v.created_at)}};
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

Json ToJson(const app::CaseView& v) {
  const d::Case& c = v.c;
  Json j{{"id", c.id.value},
         {"tracking_code", c.tracking_code},
         {"type", Name(c.type)},
         {"category_id", c.category_id.value},
         {"channel", Name(c.channel)},
         // Hidden requesters are hidden entirely: the id alone would link a citizen's requests.
         {"requester_id", v.requester_hidden ? Json(nullptr) : IdOrNull(c.requester_id)},
         {"requester", v.requester ? ToJson(*v.requester) : Json(nullptr)},
         {"requester_hidden", v.requester_hidden},
         {"anonymous", !c.requester_id.has_value()},
         {"site_id", IdOrNull(c.site_id)},
         {"description", c.description},
         {"priority", Name(c.priority)},
         {"status", Name(c.status)},
         {"unit_id", IdOrNull(c.unit_id)},
         {"public_answer", c.public_answer},
         {"created_by", IdOrNull(c.created_by)},
         {"created_at", base::FormatRfc3339(c.created_at)},
         {"updated_at", base::FormatRfc3339(c.updated_at)},
         {"version", c.version}};
  return j;
}

Json ToJson(const app::PublicTrackView& v) {
  return Json{{"tracking_code", v.tracking_code},
              {"status", Name(v.status)},
              {"type", Name(v.type)},
              {"public_answer", v.public_answer},
              {"created_at", base::FormatRfc3339(v.created_at)},
              {"updated_at", base::FormatRfc3339(v.updated_at)}};
}

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace tawasul::http
