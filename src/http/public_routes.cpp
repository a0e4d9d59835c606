// The citizens' portal: no login. Abuse is bounded by PublicService's per-client rate limits,
// keyed by the client address the transport recorded.
#include <cmath>

#include "http/public_routes.hpp"
#include "http/api_util.hpp"
#include "http/json_mapping.hpp"
#include "http/problem.hpp"

namespace tawasul::http {

namespace {
/// Retry-After for the tracking limit (tracking, portal uploads and ratings share it).
int TrackRetryAfterFor(double rate) {
  return rate > 0 ? std::max(1, static_cast<int>(std::ceil(1.0 / rate))) : 60;
}
}  // namespace

Response PublicRoutes::SubmitPublicRequest(Request& req) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParsePublicRequest(*body);
  if (!in) return BadRequest(in.error());
  auto c = pub_->Submit(*in, req.client);
  if (!c) return ErrorResponse(c.error());
  return JsonResponse(201, Json{{"tracking_code", c->tracking_code}});
}

Response PublicRoutes::TrackPublicRequest(Request& req) {
  const std::string* code = req.Query("code");
  const std::string* phone = req.Query("phone");
  if (code == nullptr || code->empty()) return BadRequest("code", "is required");
  if (phone == nullptr || phone->empty()) return BadRequest("phone", "is required");
  auto view = pub_->Track(*code, *phone, req.client);
  if (!view) {
    return ErrorResponse(view.error(), TrackRetryAfterFor(settings_->track_rate_per_second));
  }
  return JsonResponse(200, ToJson(*view));
}

Response PublicRoutes::PublicCategories(Request&) {
  // What the portal form needs, and no more (no default units: the org's routing is internal).
  Json items = Json::array();
  for (const d::Category& c : admin_->Categories()) {
    if (!c.active) continue;
    items.push_back(Json{{"id", c.id.value},
                         {"parent_id", c.parent_id ? Json(c.parent_id->value) : Json(nullptr)},
                         {"code", c.code},
                         {"name", ToJson(c.name)}});
  }
  Response res = JsonResponse(200, Json{{"items", std::move(items)}});
  res.Set("Cache-Control", "public, max-age=60");
  return res;
}

Response PublicRoutes::PublicRequesterAttributes(Request&) {
  // The portal's extra requester fields (a caller's role...): definitions, nothing personal.
  Json items = Json::array();
  for (const auto& a : admin_->RequesterAttributes()) items.push_back(ToJson(a));
  Response res = JsonResponse(200, Json{{"items", std::move(items)}});
  res.Set("Cache-Control", "public, max-age=60");
  return res;
}

Response PublicRoutes::PublicCenter(Request&) {
  const app::CenterSettings c = admin_->Center();
  Response res = JsonResponse(200, Json{{"center_name", ToJson(c.center_name)},
                                        {"calendar", c.calendar},
                                        {"time_zone", c.time_zone},
                                        {"languages", c.languages}});
  res.Set("Cache-Control", "public, max-age=60");
  return res;
}

Response PublicRoutes::PublicSites(Request&) {
  // The portal's location picker: names and districts only (no internal routing).
  Json items = Json::array();
  for (const d::Site& s : admin_->Sites()) {
    if (!s.active) continue;
    items.push_back(Json{{"id", s.id.value},
                         {"code", s.code},
                         {"name", ToJson(s.name)},
                         {"district", s.district},
                         {"region", s.region}});
  }
  Response res = JsonResponse(200, Json{{"items", std::move(items)}});
  res.Set("Cache-Control", "public, max-age=60");
  return res;
}

Response PublicRoutes::AddPublicAttachment(Request& req) {
  // The phone is a query parameter like tracking's; the bytes are the body, sniffed by the use
  // case (Content-Type is not trusted). The answer says what was stored, not who sent it.
  auto it = req.params.find("code");
  const std::string code = it == req.params.end() ? std::string() : it->second;
  QueryReader q(req);
  std::string phone;
  std::string filename;
  q.String("phone", phone);
  q.String("filename", filename);
  if (auto bad = q.Finish()) return *bad;
  if (phone.empty()) return BadRequest("phone", "is required");
  auto added = pub_->AddAttachment(code, phone, filename, req.body, req.client);
  if (!added) {
    return ErrorResponse(added.error(), TrackRetryAfterFor(settings_->track_rate_per_second));
  }
  return JsonResponse(201, Json{{"filename", added->filename},
                                {"media_type", added->media_type},
                                {"size", added->size}});
}

Response PublicRoutes::RatePublicRequest(Request& req) {
  if (surveys_ == nullptr) return Problem(503, "Surveys are not available on this server");
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParsePublicRating(*body);
  if (!in) return BadRequest(in.error());
  auto c = pub_->Match(in->code, in->phone, req.client);
  if (!c) {
    return ErrorResponse(c.error(), TrackRetryAfterFor(settings_->track_rate_per_second));
  }
  auto answered = surveys_->AnswerLatest(c->id, in->answer.rating, in->answer.comment);
  if (!answered) return ErrorResponse(answered.error());
  return JsonResponse(200, Json{{"rating", answered->rating.value_or(in->answer.rating)},
                                {"answered_at", base::FormatRfc3339(*answered->answered_at)}});
}

void PublicRoutes::Register(RouteRegistrar& r, PublicRoutes* self) {
  r.Public("POST", "/api/v1/public/requests", BodyKind::kJson, self, &PublicRoutes::SubmitPublicRequest);
  r.Public("GET", "/api/v1/public/track", BodyKind::kNone, self, &PublicRoutes::TrackPublicRequest);
  r.Public("GET", "/api/v1/public/categories", BodyKind::kNone, self, &PublicRoutes::PublicCategories);
  r.Public("GET", "/api/v1/public/sites", BodyKind::kNone, self, &PublicRoutes::PublicSites);
  r.Public("GET", "/api/v1/public/requester-attributes", BodyKind::kNone, self,
           &PublicRoutes::PublicRequesterAttributes);
  r.Public("GET", "/api/v1/public/center", BodyKind::kNone, self, &PublicRoutes::PublicCenter);
  r.Public("POST", "/api/v1/public/requests/{code}/attachments", BodyKind::kRaw, self, &PublicRoutes::AddPublicAttachment);
  r.Public("POST", "/api/v1/public/rating", BodyKind::kJson, self, &PublicRoutes::RatePublicRequest);
}

}  // namespace tawasul::http
