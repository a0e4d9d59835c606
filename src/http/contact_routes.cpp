// Calls and contacts. The CTI endpoint takes what PBX scripts written for Zammad's generic CTI
// API send: JSON or a form (arrays as repeated `user[]`), always answered 200 with {} or an
// instruction for a valid event.
#include "http/contact_routes.hpp"

#include "domain/call.hpp"
#include "http/api_util.hpp"
#include "http/json_mapping.hpp"
#include "http/problem.hpp"

namespace tawasul::http {

namespace {

constexpr std::size_t kCtiBodyLimit = 64 * 1024;

Response Unavailable() { return Problem(503, "Telephony is not available on this server"); }

Json CallerIdsJson(const std::vector<domain::CallerIdRule>& rules) {
  Json out = Json::array();
  for (const auto& r : rules) out.push_back(Json{{"prefix", r.prefix}, {"caller_id", r.caller_id}});
  return out;
}

Json SourceJson(const app::CtiSource& s) {
  return Json{{"id", s.id},
              {"name", s.name},
              {"created_at", base::FormatRfc3339(s.created_at)},
              {"rotated_at", s.rotated_at ? Json(base::FormatRfc3339(*s.rotated_at)) : Json()},
              {"revoked_at", s.revoked_at ? Json(base::FormatRfc3339(*s.revoked_at)) : Json()},
              {"caller_ids", CallerIdsJson(s.caller_ids)}};
}

Json SourceViewJson(const app::CtiSourceView& v) {
  Json j = SourceJson(v.source);
  if (v.token) j["token"] = *v.token;
  return j;
}

Json BlockedJson(const app::BlockedNumber& b) {
  return Json{{"number", b.number},
              {"reason", b.reason},
              {"expires_at", b.expires_at ? Json(base::FormatRfc3339(*b.expires_at)) : Json()},
              {"created_by", b.created_by ? Json(b.created_by->value) : Json()},
              {"created_at", base::FormatRfc3339(b.created_at)},
              {"rejected", b.rejected}};
}

Json TaskJson(const app::CallbackTask& t) {
  return Json{{"id", t.id},
              {"number", t.number},
              {"day", t.day},
              {"status", t.status},
              {"missed", t.missed},
              {"attempts", t.attempts},
              {"first_contact_id", t.first_contact_id.value},
              {"last_contact_id", t.last_contact_id.value},
              {"note", t.note},
              {"created_at", base::FormatRfc3339(t.created_at)},
              {"updated_at", base::FormatRfc3339(t.updated_at)}};
}

Json CaseSummary(const d::Case& c) {
  return Json{{"id", c.id.value},
              {"tracking_code", c.tracking_code},
              {"type", std::string(d::ToString(c.type))},
              {"status", std::string(d::ToString(c.status))},
              {"category_id", c.category_id.value},
              {"created_at", base::FormatRfc3339(c.created_at)}};
}

template <class T, class F>
Json Items(const std::vector<T>& list, F&& to_json) {
  Json items = Json::array();
  for (const T& v : list) items.push_back(to_json(v));
  return Json{{"items", std::move(items)}};
}

/// A JSON member as text: strings as they are, numbers written out (PBXs send callId as either).
std::optional<std::string> TextOf(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  if (v.is_null()) return std::string();
  return std::nullopt;
}

/// The CTI event from a JSON or form body; a problem naming the field when it cannot be read.
std::optional<Response> ReadCti(const Request& req, app::CtiEventInput& in) {
  const std::string* type = req.Header("Content-Type");
  const bool json = IsJsonContentType(type);
  auto set = [&in](const std::string& name, const std::string& value) {
    if (name == "event") in.event = value;
    else if (name == "from") in.from = value;
    else if (name == "to") in.to = value;
    else if (name == "direction") in.direction = value;
    else if (name == "callId" || name == "call_id") in.call_id = value;
    else if (name == "user" || name == "user[]") in.users.push_back(value);
    else if (name == "queue") in.queue = value;
    else if (name == "answeringNumber") in.answering_number = value;
    else if (name == "cause") in.cause = value;
    // Other members (Zammad's PBXs send e.g. "answeringNumber" variants or "comment") are
    // ignored, as Zammad ignores them.
  };
  if (json) {
    auto body = ParseJsonObject(req.body);
    if (!body) return BadRequest(body.error());
    for (const auto& [name, value] : body->items()) {
      if ((name == "user" || name == "user[]") && value.is_array()) {
        for (const Json& u : value) {
          auto text = TextOf(u);
          if (!text) return BadRequest("user", "must be a string or an array of strings");
          in.users.push_back(*text);
        }
        continue;
      }
      auto text = TextOf(value);
      if (!text) return BadRequest(name, "must be a string");
      set(name, *text);
    }
    return std::nullopt;
  }
  const bool form = type != nullptr && type->rfind("application/x-www-form-urlencoded", 0) == 0;
  if (!form && !req.body.empty()) {
    return Problem(415, "Send the event as application/json or application/x-www-form-urlencoded");
  }
  auto pairs = ParseForm(req.body);
  if (!pairs) return BadRequest("body", "is not valid form encoding");
  for (const auto& [name, value] : *pairs) set(name, value);
  // A GET-style PBX may put the fields in the query instead.
  for (const auto& [name, value] : req.query) set(name, value);
  return std::nullopt;
}

Response NoContent() {
  Response res;
  res.status = 204;
  return res;
}

}  // namespace

void ContactRoutes::Register(RouteRegistrar& r, ContactRoutes* self) {
  r.Public("POST", "/api/v1/cti/{token}", BodyKind::kRaw, self, &ContactRoutes::CtiEvent);
  r.User("GET", "/api/v1/admin/cti-sources", BodyKind::kNone, self, &ContactRoutes::ListSources);
  r.User("POST", "/api/v1/admin/cti-sources", BodyKind::kJson, self,
         &ContactRoutes::CreateSource);
  r.User("POST", "/api/v1/admin/cti-sources/{id}/rotate", BodyKind::kNone, self,
         &ContactRoutes::RotateSource);
  r.User("DELETE", "/api/v1/admin/cti-sources/{id}", BodyKind::kNone, self,
         &ContactRoutes::RevokeSource);
  r.User("PUT", "/api/v1/admin/cti-sources/{id}/caller-ids", BodyKind::kJson, self,
         &ContactRoutes::PutCallerIds);
  r.User("GET", "/api/v1/admin/blocked-numbers", BodyKind::kNone, self,
         &ContactRoutes::ListBlocked);
  r.User("PUT", "/api/v1/admin/blocked-numbers/{number}", BodyKind::kJson, self,
         &ContactRoutes::Block);
  r.User("DELETE", "/api/v1/admin/blocked-numbers/{number}", BodyKind::kNone, self,
         &ContactRoutes::Unblock);
  r.User("GET", "/api/v1/callbacks", BodyKind::kNone, self, &ContactRoutes::ListCallbacks);
  r.User("POST", "/api/v1/callbacks/{id}/attempts", BodyKind::kJson, self,
         &ContactRoutes::RecordCallback);
  r.User("GET", "/api/v1/contacts/{id}/pop", BodyKind::kNone, self, &ContactRoutes::Pop);
  r.User("POST", "/api/v1/contacts/{id}/links", BodyKind::kJson, self, &ContactRoutes::Link);
  r.User("GET", "/api/v1/contacts", BodyKind::kNone, self, &ContactRoutes::ListContacts);
  r.User("PATCH", "/api/v1/contacts/{id}", BodyKind::kJson, self, &ContactRoutes::PatchContact);
  r.User("GET", "/api/v1/requesters/{id}/history", BodyKind::kNone, self,
         &ContactRoutes::History);
}

Response ContactRoutes::CtiEvent(Request& req) {
  if (calls_ == nullptr) return Unavailable();
  if (req.body.size() > kCtiBodyLimit) return Problem(413, "A call event is at most 64 KiB");
  app::CtiEventInput in;
  if (auto bad = ReadCti(req, in)) return *bad;
  auto answer = calls_->RecordEvent(req.params["token"], in);
  if (!answer) return ErrorResponse(answer.error());
  if (answer->changed && on_call_) on_call_();
  Json out = Json::object();
  if (answer->reject) out = Json{{"action", "reject"}, {"reason", answer->reason}};
  if (answer->dial) {
    out = Json{{"action", "dial"}, {"caller_id", answer->dial->caller_id},
               {"number", answer->number}};
  }
  return JsonResponse(200, out);
}

Response ContactRoutes::ListSources(Request&, const app::Principal& who) {
  if (calls_ == nullptr) return Unavailable();
  auto list = calls_->ListSources(who);
  if (!list) return ErrorResponse(list.error());
  return JsonResponse(200, Items(*list, SourceJson));
}

Response ContactRoutes::CreateSource(Request& req, const app::Principal& who) {
  if (calls_ == nullptr) return Unavailable();
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  for (const auto& [name, value] : body->items()) {
    if (name != "name") return BadRequest(name, "is not a known member");
  }
  if (!body->contains("name") || !(*body)["name"].is_string()) {
    return BadRequest("name", "is required (a string)");
  }
  auto made = calls_->CreateSource(who, (*body)["name"].get<std::string>());
  if (!made) return ErrorResponse(made.error());
  return Created(SourceViewJson(*made),
                 "/api/v1/admin/cti-sources/" + std::to_string(made->source.id));
}

Response ContactRoutes::RotateSource(Request& req, const app::Principal& who) {
  if (calls_ == nullptr) return Unavailable();
  auto id = PathNumber(req, "id");
  if (!id) return Problem(404, "No such telephone system");
  auto s = calls_->RotateSource(who, *id);
  if (!s) return ErrorResponse(s.error());
  return JsonResponse(200, SourceViewJson(*s));
}

Response ContactRoutes::RevokeSource(Request& req, const app::Principal& who) {
  if (calls_ == nullptr) return Unavailable();
  auto id = PathNumber(req, "id");
  if (!id) return Problem(404, "No such telephone system");
  auto s = calls_->RevokeSource(who, *id);
  if (!s) return ErrorResponse(s.error());
  return JsonResponse(200, SourceJson(*s));
}

Response ContactRoutes::PutCallerIds(Request& req, const app::Principal& who) {
  if (calls_ == nullptr) return Unavailable();
  auto id = PathNumber(req, "id");
  if (!id) return Problem(404, "No such telephone system");
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  for (const auto& [name, value] : body->items()) {
    if (name != "items") return BadRequest(name, "is not a known member");
  }
  if (!body->contains("items") || !(*body)["items"].is_array()) {
    return BadRequest("items", "is required (an array of {prefix, caller_id})");
  }
  std::vector<domain::CallerIdRule> rules;
  const Json& items = (*body)["items"];
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string at = "items[" + std::to_string(i) + "]";
    if (!items[i].is_object()) return BadRequest(at, "must be an object {prefix, caller_id}");
    domain::CallerIdRule rule;
    for (const auto& [name, value] : items[i].items()) {
      if (name != "prefix" && name != "caller_id") {
        return BadRequest(at + "." + name, "is not a known member");
      }
      if (!value.is_string()) return BadRequest(at + "." + name, "must be a string");
      (name == "prefix" ? rule.prefix : rule.caller_id) = value.get<std::string>();
    }
    rules.push_back(std::move(rule));
  }
  auto s = calls_->SetCallerIds(who, *id, rules);
  if (!s) return ErrorResponse(s.error());
  return JsonResponse(200, SourceJson(*s));
}

Response ContactRoutes::ListBlocked(Request&, const app::Principal& who) {
  if (calls_ == nullptr) return Unavailable();
  auto list = calls_->ListBlocked(who);
  if (!list) return ErrorResponse(list.error());
  return JsonResponse(200, Items(*list, BlockedJson));
}

Response ContactRoutes::Block(Request& req, const app::Principal& who) {
  if (calls_ == nullptr) return Unavailable();
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  std::string reason;
  std::optional<base::Time> expires;
  for (const auto& [name, value] : body->items()) {
    if (name == "reason") {
      if (!value.is_string()) return BadRequest("reason", "must be a string");
      reason = value.get<std::string>();
    } else if (name == "expires_at") {
      if (value.is_null()) continue;
      if (!value.is_string()) return BadRequest("expires_at", "must be an RFC 3339 date-time");
      auto t = base::ParseRfc3339(value.get<std::string>());
      if (!t) return BadRequest("expires_at", "must be an RFC 3339 date-time");
      expires = *t;
    } else {
      return BadRequest(name, "is not a known member");
    }
  }
  auto b = calls_->Block(who, req.params["number"], reason, expires);
  if (!b) return ErrorResponse(b.error());
  return JsonResponse(200, BlockedJson(*b));
}

Response ContactRoutes::Unblock(Request& req, const app::Principal& who) {
  if (calls_ == nullptr) return Unavailable();
  auto s = calls_->Unblock(who, req.params["number"]);
  if (!s) return ErrorResponse(s.error());
  return NoContent();
}

Response ContactRoutes::ListCallbacks(Request& req, const app::Principal& who) {
  if (calls_ == nullptr) return Unavailable();
  QueryReader q(req);
  std::string status;
  q.String("status", status);
  if (auto bad = q.Finish()) return *bad;
  auto list = calls_->ListCallbacks(
      who, status.empty() ? std::nullopt : std::optional<std::string>(status));
  if (!list) {
    if (list.error().code == base::ErrorCode::kInvalid) return BadRequest(list.error());
    return ErrorResponse(list.error());
  }
  return JsonResponse(200, Items(*list, TaskJson));
}

Response ContactRoutes::RecordCallback(Request& req, const app::Principal& who) {
  if (calls_ == nullptr) return Unavailable();
  auto id = PathNumber(req, "id");
  if (!id) return Problem(404, "No such callback task");
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  std::optional<d::ContactOutcome> outcome;
  std::string note;
  for (const auto& [name, value] : body->items()) {
    if (name == "outcome") {
      if (!value.is_string()) return BadRequest("outcome", "must be a string");
      outcome = d::ParseContactOutcome(value.get<std::string>());
      if (!outcome) return BadRequest("outcome", "is not a known outcome");
    } else if (name == "note") {
      if (!value.is_string()) return BadRequest("note", "must be a string");
      note = value.get<std::string>();
    } else {
      return BadRequest(name, "is not a known member");
    }
  }
  if (!outcome) return BadRequest("outcome", "is required");
  auto t = calls_->RecordCallback(who, *id, *outcome, note);
  if (!t) return ErrorResponse(t.error());
  return JsonResponse(200, TaskJson(*t));
}

Response ContactRoutes::Pop(Request& req, const app::Principal& who) {
  if (calls_ == nullptr) return Unavailable();
  auto id = PathId<d::ContactTag>(req, "id");
  if (!id) return Problem(404, "No such contact");
  auto pop = calls_->Pop(who, *id);
  if (!pop) return ErrorResponse(pop.error());
  Json links = Json::array();
  for (const auto& [case_id, link] : pop->links) {
    links.push_back(Json{{"case_id", case_id.value}, {"link", link}});
  }
  Json requesters = Json::array();
  for (const auto& r : pop->requesters) requesters.push_back(ToJson(r));
  Json open = Json::array();
  for (const auto& c : pop->open_requests) open.push_back(CaseSummary(c));
  Json recent = Json::array();
  for (const auto& c : pop->recent_contacts) recent.push_back(ToJson(c));
  return JsonResponse(200, Json{{"contact", ToJson(pop->call)},
                                {"requesters", std::move(requesters)},
                                {"open_requests", std::move(open)},
                                {"recent_contacts", std::move(recent)},
                                {"links", std::move(links)}});
}

Response ContactRoutes::Link(Request& req, const app::Principal& who) {
  if (calls_ == nullptr) return Unavailable();
  auto id = PathId<d::ContactTag>(req, "id");
  if (!id) return Problem(404, "No such contact");
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  std::optional<d::CaseId> case_id;
  std::string link = "registered";
  for (const auto& [name, value] : body->items()) {
    if (name == "case_id") {
      if (!value.is_number_integer() || value.get<std::int64_t>() < 1) {
        return BadRequest("case_id", "must be a request id");
      }
      case_id = d::CaseId{value.get<std::int64_t>()};
    } else if (name == "link") {
      if (!value.is_string()) return BadRequest("link", "must be a string");
      link = value.get<std::string>();
    } else {
      return BadRequest(name, "is not a known member");
    }
  }
  if (!case_id) return BadRequest("case_id", "is required");
  auto s = calls_->Link(who, *id, *case_id, link);
  if (!s) return ErrorResponse(s.error());
  return NoContent();
}

Response ContactRoutes::ListContacts(Request& req, const app::Principal& who) {
  if (calls_ == nullptr) return Unavailable();
  app::ContactFilter f;
  QueryReader q(req);
  q.Id("case_id", f.case_id);
  q.Id("requester_id", f.requester_id);
  q.Enum("channel", f.channel, &d::ParseChannel);
  q.Enum("direction", f.direction, &d::ParseContactDirection);
  q.Enum("outcome", f.outcome, &d::ParseContactOutcome);
  q.Id("agent_id", f.agent_id);
  q.Id("category_id", f.category_id);
  q.Id("site_id", f.site_id);
  std::string queue, number, before;
  q.String("queue", queue);
  q.String("number", number);
  q.Time("from", f.started_from);
  q.Time("to", f.started_to);
  q.String("before", before);
  q.Int("limit", f.limit, 1, 200);
  if (auto bad = q.Finish()) return *bad;
  if (!queue.empty()) f.queue = queue;
  if (!number.empty()) f.number = number;
  if (!before.empty()) {
    auto id = ParseId(before);
    if (!id) return BadRequest("before", "must be a contact id");
    f.before_id = *id;
  }
  auto page = calls_->ListContacts(who, f);
  if (!page) return ErrorResponse(page.error());
  Json out = Items(page->items, [](const d::Contact& c) { return ToJson(c); });
  out["next_before"] = page->next_before ? Json(*page->next_before) : Json();
  return JsonResponse(200, out);
}

Response ContactRoutes::PatchContact(Request& req, const app::Principal& who) {
  if (calls_ == nullptr) return Unavailable();
  auto id = PathId<d::ContactTag>(req, "id");
  if (!id) return Problem(404, "No such contact");
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto patch = ParseContactPatch(*body);
  if (!patch) return BadRequest(patch.error());
  auto contact = calls_->UpdateContact(who, *id, *patch);
  if (!contact) return ErrorResponse(contact.error());
  return JsonResponse(200, ToJson(*contact));
}

Response ContactRoutes::History(Request& req, const app::Principal& who) {
  if (calls_ == nullptr) return Unavailable();
  auto id = PathId<d::RequesterTag>(req, "id");
  if (!id) return Problem(404, "No such requester");
  int limit = 50;
  QueryReader q(req);
  q.Int("limit", limit, 1, 200);
  if (auto bad = q.Finish()) return *bad;
  auto history = calls_->History(who, *id, limit);
  if (!history) return ErrorResponse(history.error());
  Json items = Json::array();
  for (const app::HistoryEntry& e : *history) {
    Json line{{"at", base::FormatRfc3339(e.at)}};
    if (e.contact) {
      line["kind"] = "contact";
      line["contact"] = ToJson(*e.contact);
    } else if (e.request) {
      line["kind"] = "request";
      line["request"] = CaseSummary(*e.request);
    }
    items.push_back(std::move(line));
  }
  return JsonResponse(200, Json{{"items", std::move(items)}});
}

}  // namespace tawasul::http
