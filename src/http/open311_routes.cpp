// Open311 GeoReport v2 (open311.org; decision 0029). Each resource answers in JSON or XML by its
// suffix; errors are the spec's list of {code, description}. Reports are followed by their
// tracking code (service_request_id), and nothing published names a requester.
#include "http/open311_routes.hpp"

#include <sstream>

#include "base/text.hpp"
#include "http/api_util.hpp"
#include "http/problem.hpp"

namespace tawasul::http {
namespace {

enum class Format { kJson, kXml };

/// "services.json" → ("services", json); nullopt for another suffix.
std::optional<std::pair<std::string, Format>> Split(const std::string& name) {
  if (name.ends_with(".json")) return std::make_pair(name.substr(0, name.size() - 5), Format::kJson);
  if (name.ends_with(".xml")) return std::make_pair(name.substr(0, name.size() - 4), Format::kXml);
  return std::nullopt;
}

Format FormatOf(const Request& req) {
  return req.path.ends_with(".xml") ? Format::kXml : Format::kJson;
}

std::string XmlEscape(const std::string& s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

void XmlValue(std::ostringstream& o, const std::string& name, const Json& v) {
  if (v.is_null()) {
    o << "<" << name << "/>";
  } else if (v.is_array()) {
    // A list of scalars: one element per value, named by the list (keywords, formats).
    o << "<" << name << ">";
    for (const auto& x : v) XmlValue(o, name == "formats" ? "format" : "value", x);
    o << "</" << name << ">";
  } else if (v.is_object()) {
    o << "<" << name << ">";
    for (const auto& [k, x] : v.items()) XmlValue(o, k, x);
    o << "</" << name << ">";
  } else if (v.is_string()) {
    o << "<" << name << ">" << XmlEscape(v.get<std::string>()) << "</" << name << ">";
  } else {
    o << "<" << name << ">" << v.dump() << "</" << name << ">";
  }
}

/// `body`: a JSON array of objects (or one object), as the spec's JSON form; the XML form wraps
/// each object as <item> in <root>.
Response Answer(Format f, int status, const Json& body, const char* root, const char* item) {
  Response res;
  res.status = status;
  if (f == Format::kJson) {
    res.Set("Content-Type", "application/json; charset=utf-8");
    res.body = body.dump();
    return res;
  }
  std::ostringstream o;
  o << "<?xml version=\"1.0\" encoding=\"utf-8\"?>";
  if (body.is_array()) {
    o << "<" << root << ">";
    for (const auto& x : body) XmlValue(o, item, x);
    o << "</" << root << ">";
  } else {
    XmlValue(o, root, body);
  }
  res.Set("Content-Type", "text/xml; charset=utf-8");
  res.body = o.str();
  return res;
}

Response Error311(Format f, int status, const std::string& description) {
  return Answer(f, status, Json::array({Json{{"code", status}, {"description", description}}}), "errors", "error");
}

Response FromError(Format f, const base::Error& e) {
  const std::string what = e.field.empty() ? e.message : e.field + ": " + e.message;
  switch (e.code) {
    case base::ErrorCode::kForbidden:
    case base::ErrorCode::kUnauthenticated:
      return Error311(f, 403, what);
    case base::ErrorCode::kNotFound:
      return Error311(f, 404, what);
    case base::ErrorCode::kInvalid:
    case base::ErrorCode::kConflict:
    case base::ErrorCode::kTooLarge:
      return Error311(f, 400, what);
    default:
      return Error311(f, 503, what);
  }
}

Json Optional(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json ReportJson(const app::Open311Report& r) {
  return Json{{"service_request_id", r.service_request_id},
              {"status", r.status},
              {"status_notes", r.status_notes},
              {"service_name", r.service_name},
              {"service_code", r.service_code},
              {"description", r.description},
              {"agency_responsible", r.agency_responsible},
              {"service_notice", ""},
              {"requested_datetime", base::FormatRfc3339(r.requested_datetime)},
              {"updated_datetime", base::FormatRfc3339(r.updated_datetime)},
              {"expected_datetime", nullptr},
              {"address", r.address},
              {"address_id", nullptr},
              {"zipcode", nullptr},
              {"lat", Optional(r.latitude)},
              {"long", Optional(r.longitude)},
              {"media_url", r.media_url}};
}

std::vector<std::string> Csv(const std::string& s) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(s);
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

}  // namespace

Response Open311Routes::Discovery(Request& req) {
  const Format f = FormatOf(req);
  const std::string* host = req.Header("Host");
  const std::string base = "http://" + (host ? *host : std::string("localhost")) + "/open311/v2/";
  Json body{{"changeset", "2026-12-07T00:00:00Z"},
            {"contact", "The center's contact center"},
            {"key_service", "API keys are issued by the center's administrators"},
            {"endpoints", Json::array({Json{{"specification", "http://wiki.open311.org/GeoReport_v2"},
                                            {"url", base},
                                            {"changeset", "2026-12-07T00:00:00Z"},
                                            {"type", "production"},
                                            {"formats", Json::array({"application/json", "text/xml"})}}})}};
  if (f == Format::kXml) {
    // <discovery> with <endpoints><endpoint>…</endpoint></endpoints>.
    std::ostringstream o;
    o << "<?xml version=\"1.0\" encoding=\"utf-8\"?><discovery>";
    for (const char* k : {"changeset", "contact", "key_service"}) XmlValue(o, k, body[k]);
    o << "<endpoints>";
    for (const auto& e : body["endpoints"]) XmlValue(o, "endpoint", e);
    o << "</endpoints></discovery>";
    Response res;
    res.Set("Content-Type", "text/xml; charset=utf-8");
    res.body = o.str();
    return res;
  }
  return Answer(f, 200, body, "discovery", "discovery");
}

Response Open311Routes::Services(Request& req) {
  const Format f = FormatOf(req);
  if (service_ == nullptr) return Error311(f, 503, "Open311 is not available on this server");
  Json items = Json::array();
  for (const auto& s : service_->Services()) {
    items.push_back(Json{{"service_code", s.code},
                         {"service_name", s.name},
                         {"description", s.description},
                         {"metadata", false},
                         {"type", "realtime"},
                         {"keywords", ""},
                         {"group", s.group}});
  }
  return Answer(f, 200, items, "services", "service");
}

Response Open311Routes::ServiceDefinition(Request& req) {
  auto parts = Split(req.params.at("id"));
  const Format f = parts ? parts->second : Format::kJson;
  if (!parts) return Error311(f, 404, "Use services/{service_code}.json or .xml");
  if (service_ == nullptr) return Error311(f, 503, "Open311 is not available on this server");
  auto s = service_->Service(parts->first);
  if (!s) return FromError(f, s.error());
  // The categories carry no extra questions: a definition with no attributes.
  return Answer(f, 200, Json{{"service_code", s->code}, {"attributes", Json::array()}}, "service_definition",
                "service_definition");
}

Response Open311Routes::PostRequest(Request& req) {
  const Format f = FormatOf(req);
  if (service_ == nullptr) return Error311(f, 503, "Open311 is not available on this server");
  auto form = ParseForm(req.body);
  if (!form) return Error311(f, 400, "The body is not a valid form (application/x-www-form-urlencoded)");
  app::Open311Submission in;
  for (const auto& [k, v] : *form) {
    if (!base::IsValidUtf8(v)) return Error311(f, 400, k + ": is not valid UTF-8");
    if (k == "api_key") in.api_key = v;
    else if (k == "service_code") in.service_code = v;
    else if (k == "description") in.description = v;
    else if (k == "lat") in.lat = v;
    else if (k == "long") in.lon = v;
    else if (k == "address_string") in.address_string = v;
    else if (k == "email") in.email = v;
    else if (k == "phone") in.phone = v;
    else if (k == "first_name") in.first_name = v;
    else if (k == "last_name") in.last_name = v;
    else if (k == "device_id") in.device_id = v;
    else if (k == "media_url") in.media_url = v;
    // account_id, address_id and attribute[...] are accepted and not kept.
  }
  if (const std::string* key = req.Query("api_key"); key != nullptr && in.api_key.empty()) in.api_key = *key;
  auto code = service_->Submit(in);
  if (!code) return FromError(f, code.error());
  return Answer(f, 201,
                Json::array({Json{{"service_request_id", *code}, {"token", *code}, {"service_notice", ""},
                                  {"account_id", nullptr}}}),
                "service_requests", "request");
}

Response Open311Routes::GetRequests(Request& req) {
  const Format f = FormatOf(req);
  if (service_ == nullptr) return Error311(f, 503, "Open311 is not available on this server");
  app::Open311Query q;
  auto param = [&](const char* name) {
    const std::string* v = req.Query(name);
    return v == nullptr ? std::string() : *v;
  };
  q.ids = Csv(param("service_request_id"));
  q.service_code = param("service_code");
  q.status = param("status");
  for (const auto& [name, slot] : {std::pair<const char*, std::optional<base::Time>*>{"start_date", &q.start},
                                   {"end_date", &q.end}}) {
    const std::string v = param(name);
    if (v.empty()) continue;
    *slot = base::ParseRfc3339(v);
    if (!*slot) return Error311(f, 400, std::string(name) + ": want a w3 date-time (2026-12-01T00:00:00Z)");
  }
  if (q.start && q.end && *q.start > *q.end) return Error311(f, 400, "start_date: after end_date");
  auto list = service_->Requests(q);
  if (!list) return FromError(f, list.error());
  Json items = Json::array();
  for (const auto& r : *list) items.push_back(ReportJson(r));
  return Answer(f, 200, items, "service_requests", "request");
}

Response Open311Routes::GetRequest(Request& req) {
  auto parts = Split(req.params.at("id"));
  const Format f = parts ? parts->second : Format::kJson;
  if (!parts) return Error311(f, 404, "Use requests/{service_request_id}.json or .xml");
  if (service_ == nullptr) return Error311(f, 503, "Open311 is not available on this server");
  app::Open311Query q;
  q.ids = {parts->first};
  auto list = service_->Requests(q);
  if (!list) return FromError(f, list.error());
  if (list->empty()) return Error311(f, 404, "No such service request");
  return Answer(f, 200, Json::array({ReportJson(list->front())}), "service_requests", "request");
}

Response Open311Routes::GetToken(Request& req) {
  auto parts = Split(req.params.at("id"));
  const Format f = parts ? parts->second : Format::kJson;
  if (!parts) return Error311(f, 404, "Use tokens/{token}.json or .xml");
  if (service_ == nullptr) return Error311(f, 503, "Open311 is not available on this server");
  // Requests are registered at once: a token is the service_request_id itself.
  app::Open311Query q;
  q.ids = {parts->first};
  auto list = service_->Requests(q);
  if (!list) return FromError(f, list.error());
  if (list->empty()) return Error311(f, 404, "No such token");
  return Answer(f, 200, Json::array({Json{{"service_request_id", list->front().service_request_id}, {"token", parts->first}}}),
                "service_requests", "request");
}

namespace {
Json ClientJson(const app::Open311Client& c) {
  return Json{{"id", c.id},
              {"name", c.name},
              {"created_at", base::FormatRfc3339(c.created_at)},
              {"revoked_at", c.revoked_at ? Json(base::FormatRfc3339(*c.revoked_at)) : Json(nullptr)}};
}
}  // namespace

Response Open311Routes::ListClients(Request&, const app::Principal& who) {
  if (service_ == nullptr) return Problem(503, "This service is not available on this server");
  auto list = service_->Clients(who);
  if (!list) return ErrorResponse(list.error());
  Json items = Json::array();
  for (const auto& c : *list) items.push_back(ClientJson(c));
  return JsonResponse(200, Json{{"items", items}});
}

Response Open311Routes::CreateClient(Request& req, const app::Principal& who) {
  if (service_ == nullptr) return Problem(503, "This service is not available on this server");
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  for (const auto& [name, value] : body->items()) {
    if (name != "name") return BadRequest(name, "is not a known member");
  }
  if (!body->contains("name") || !(*body)["name"].is_string()) return BadRequest("name", "is required (a string)");
  auto made = service_->CreateClient(who, (*body)["name"].get<std::string>());
  if (!made) return ErrorResponse(made.error());
  Json j = ClientJson(made->first);
  j["api_key"] = made->second;  // shown this once; only its hash is kept
  return Created(j, "/api/v1/admin/open311-clients/" + std::to_string(made->first.id));
}

Response Open311Routes::RevokeClient(Request& req, const app::Principal& who) {
  if (service_ == nullptr) return Problem(503, "This service is not available on this server");
  auto id = PathNumber(req, "id");
  if (!id) return Problem(404, "No such Open311 client");
  auto c = service_->RevokeClient(who, *id);
  if (!c) return ErrorResponse(c.error());
  return JsonResponse(200, ClientJson(*c));
}

void Open311Routes::Register(RouteRegistrar& r, Open311Routes* self) {
  for (const std::string f : {".json", ".xml"}) {
    // RouteInfo copies the path.
    r.Public("GET", ("/open311/v2/discovery" + f).c_str(), BodyKind::kNone, self, &Open311Routes::Discovery);
    r.Public("GET", ("/open311/v2/services" + f).c_str(), BodyKind::kNone, self, &Open311Routes::Services);
    r.Public("GET", ("/open311/v2/requests" + f).c_str(), BodyKind::kNone, self, &Open311Routes::GetRequests);
    r.Public("POST", ("/open311/v2/requests" + f).c_str(), BodyKind::kRaw, self, &Open311Routes::PostRequest);
  }
  r.Public("GET", "/open311/v2/services/{id}", BodyKind::kNone, self, &Open311Routes::ServiceDefinition);
  r.Public("GET", "/open311/v2/requests/{id}", BodyKind::kNone, self, &Open311Routes::GetRequest);
  r.Public("GET", "/open311/v2/tokens/{id}", BodyKind::kNone, self, &Open311Routes::GetToken);
  r.User("GET", "/api/v1/admin/open311-clients", BodyKind::kNone, self, &Open311Routes::ListClients);
  r.User("POST", "/api/v1/admin/open311-clients", BodyKind::kJson, self, &Open311Routes::CreateClient);
  r.User("DELETE", "/api/v1/admin/open311-clients/{id}", BodyKind::kNone, self, &Open311Routes::RevokeClient);
}

}  // namespace tawasul::http
