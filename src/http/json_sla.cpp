// SLA clocks, review flags, surveys and call ratings as JSON, and the few bodies they take.
#include <limits>
#include <set>

#include "base/time.hpp"
#include "http/json_mapping.hpp"

namespace tawasul::http {

namespace {

Json TimeOrNull(const std::optional<base::Time>& t) {
  return t ? Json(base::FormatRfc3339(*t)) : Json(nullptr);
}

/// The body must be an object holding only `known` members.
base::Status OnlyMembers(const Json& body, std::initializer_list<const char*> known) {
  if (!body.is_object()) return base::Invalid("", "the body must be a JSON object");
  for (const auto& [key, value] : body.items()) {
    bool found = false;
    for (const char* k : known) found = found || key == k;
    if (!found) return base::Invalid(key, "is not a known member");
  }
  return base::Ok{};
}

/// An optional integer member; an error naming it when present with another type.
base::Result<std::optional<std::int64_t>> OptInt(const Json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::optional<std::int64_t>();
  if (!it->is_number_integer()) return base::Invalid(name, "must be an integer");
  if (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(
                                                                  std::numeric_limits<std::int64_t>::max())) {
    return base::Invalid(name, "is out of range");
  }
  return std::optional<std::int64_t>(it->get<std::int64_t>());
}

base::Result<std::string> OptString(const Json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::string();
  if (!it->is_string()) return base::Invalid(name, "must be a string");
  return it->get<std::string>();
}

/// A rating as an int; a value past int's range reads as 0, which the use case refuses (422).
int AsRating(std::int64_t v) {
  return v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()
             ? 0
             : static_cast<int>(v);
}

}  // namespace

Json ToJson(const std::vector<app::SlaClockView>& clocks) {
  if (clocks.empty()) return nullptr;
  Json out = Json::object();
  for (const app::SlaClockView& v : clocks) {
    const d::RequestClock& c = v.clock;
    out[std::string(d::ToString(c.name))] = Json{
        {"state", std::string(d::ToString(v.state.status))},
        {"run", std::string(d::ToString(c.run))},
        {"due", base::FormatRfc3339(v.state.due)},
        {"target_minutes", c.target.count()},
        {"elapsed_minutes", v.state.elapsed.count()},
        {"remaining_minutes", v.state.remaining.count()},
        {"share", v.state.share},
        {"policy", c.policy},
        {"calendar", c.calendar},
        {"started_at", base::FormatRfc3339(c.started_at)},
        {"stopped_at", TimeOrNull(c.stopped_at)},
        {"warning_reported", v.warning_reported},
        {"breach_reported", v.breach_reported}};
  }
  return out;
}

Json ToJson(const app::CaseReview& v) {
  return Json{{"source", v.source},
              {"rating", v.rating},
              {"comment", v.comment},
              {"flagged_at", base::FormatRfc3339(v.flagged_at)},
              {"reopenable", v.reopenable}};
}

Json ToJson(const app::SurveyPage& v) {
  return Json{{"tracking_code", v.tracking_code},
              {"type", std::string(d::ToString(v.type))},
              {"category", ToJson(v.category)},
              {"public_answer", v.public_answer},
              {"closed_at", TimeOrNull(v.closed_at)},
              {"expires_at", base::FormatRfc3339(v.expires_at)},
              {"language", v.language},
              {"center_name", ToJson(v.center_name)},
              {"answered", v.answered}};
}

Json ToJson(const app::CallRatingOutcome& v) {
  const app::CallRating& r = v.rating;
  auto id = [](const auto& o) { return o ? Json(o->value) : Json(nullptr); };
  return Json{{"id", r.id},
              {"contact_id", id(r.contact_id)},
              {"agent_id", id(r.agent_id)},
              {"case_id", id(r.case_id)},
              {"rating", r.rating},
              {"created_at", base::FormatRfc3339(r.created_at)},
              {"flagged_for_review", v.flagged_for_review}};
}

base::Result<SurveyAnswerInput> ParseSurveyAnswer(const Json& body) {
  if (auto s = OnlyMembers(body, {"rating", "comment"}); !s) return s.error();
  auto rating = OptInt(body, "rating");
  if (!rating) return rating.error();
  if (!*rating) return base::Invalid("rating", "is required");
  auto comment = OptString(body, "comment");
  if (!comment) return comment.error();
  return SurveyAnswerInput{AsRating(**rating), *comment};
}

base::Result<PublicRatingInput> ParsePublicRating(const Json& body) {
  if (auto s = OnlyMembers(body, {"code", "phone", "rating", "comment"}); !s) return s.error();
  PublicRatingInput in;
  for (auto [name, out] : {std::pair{"code", &in.code}, std::pair{"phone", &in.phone}}) {
    auto v = OptString(body, name);
    if (!v) return v.error();
    if (v->empty()) return base::Invalid(name, "is required");
    *out = *v;
  }
  auto rating = OptInt(body, "rating");
  if (!rating) return rating.error();
  if (!*rating) return base::Invalid("rating", "is required");
  auto comment = OptString(body, "comment");
  if (!comment) return comment.error();
  in.answer = SurveyAnswerInput{AsRating(**rating), *comment};
  return in;
}

base::Result<app::CallRatingInput> ParseCallRating(const Json& body) {
  if (auto s = OnlyMembers(body, {"contact_id", "phone", "agent_id", "rating"}); !s) {
    return s.error();
  }
  app::CallRatingInput in;
  auto contact = OptInt(body, "contact_id");
  if (!contact) return contact.error();
  if (*contact) in.contact_id = d::ContactId{**contact};
  auto agent = OptInt(body, "agent_id");
  if (!agent) return agent.error();
  if (*agent) in.agent_id = d::UserId{**agent};
  auto phone = OptString(body, "phone");
  if (!phone) return phone.error();
  in.phone = *phone;
  auto rating = OptInt(body, "rating");
  if (!rating) return rating.error();
  if (!*rating) return base::Invalid("rating", "is required");
  in.rating = AsRating(**rating);
  return in;
}

base::Result<std::string> ParseReviewNote(const Json& body) {
  if (auto s = OnlyMembers(body, {"note"}); !s) return s.error();
  return OptString(body, "note");
}

}  // namespace tawasul::http
