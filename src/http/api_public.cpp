// The citizens' portal: no login. Abuse is bounded by PublicService's per-client rate limits,
// keyed by the client address the transport recorded.
#include <cmath>

#include "http/api.hpp"
#include "http/api_util.hpp"
#include "http/json_mapping.hpp"
#include "http/problem.hpp"

namespace tawasul::http {

Response Api::SubmitPublicRequest(Request& req) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParsePublicRequest(*body);
  if (!in) return BadRequest(in.error());
  auto c = services_->pub.Submit(*in, req.client);
  if (!c) return ErrorResponse(c.error());
  return JsonResponse(201, Json{{"tracking_code", c->tracking_code}});
}

Response Api::TrackPublicRequest(Request& req) {
  const std::string* code = req.Query("code");
  const std::string* phone = req.Query("phone");
  if (code == nullptr || code->empty()) return BadRequest("code", "is required");
  if (phone == nullptr || phone->empty()) return BadRequest("phone", "is required");
  auto view = services_->pub.Track(*code, *phone, req.client);
  if (!view) {
    const double rate = services_->settings.track_rate_per_second;
    const int retry = rate > 0 ? std::max(1, static_cast<int>(std::ceil(1.0 / rate))) : 60;
    return ErrorResponse(view.error(), retry);
  }
  return JsonResponse(200, ToJson(*view));
}

Response Api::PublicCategories(Request&) {
  // What the portal form needs, and no more (no default units: the org's routing is internal).
  Json items = Json::array();
  for (const d::Category& c : services_->store.ListCategories()) {
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

}  // namespace tawasul::http
