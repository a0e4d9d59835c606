// Requests (cases), their timelines and attachments, requesters and contacts. Visibility, roles
// and every rule live in CaseService; these handlers parse, call one use case and map the result.
#include "http/case_routes.hpp"
#include "http/api_util.hpp"
#include "http/json_mapping.hpp"
#include "http/problem.hpp"
#include "http/static_files.hpp"
#include "domain/identity.hpp"
#include "domain/tracking_code.hpp"

namespace tawasul::http {

namespace {

template <class T>
Json Items(const std::vector<T>& list) {
  Json items = Json::array();
  for (const T& v : list) items.push_back(ToJson(v));
  return Json{{"items", std::move(items)}};
}

/// A Content-Disposition filename made safe to quote: ASCII fallback plus RFC 8187 form.
std::string Disposition(const std::string& filename) {
  std::string ascii;
  for (const char c : filename) {
    const auto u = static_cast<unsigned char>(c);
    ascii.push_back(u >= 0x20 && u < 0x7F && c != '"' && c != '\\' ? c : '_');
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + PercentEncode(filename);
}

}  // namespace

// ---- Requesters -------------------------------------------------------------------------------

Response CaseRoutes::SearchRequesters(Request& req, const app::Principal& who) {
  QueryReader q(req);
  std::string phone;
  q.String("phone", phone);
  if (auto bad = q.Finish()) return *bad;
  if (phone.empty()) return BadRequest("phone", "is required");
  auto found = cases_->SearchRequesters(who, phone);
  if (!found) {
    // Every input here is a query parameter: a rejected one is a bad request.
    if (found.error().code == base::ErrorCode::kInvalid) return BadRequest(found.error());
    return ErrorResponse(found.error());
  }
  return JsonResponse(200, Items(*found));
}

Response CaseRoutes::GetRequester(Request& req, const app::Principal& who) {
  auto id = PathId<d::RequesterTag>(req, "id");
  if (!id) return Problem(404, "No such requester");
  auto r = cases_->GetRequester(who, *id);
  if (!r) return ErrorResponse(r.error());
  return JsonResponse(200, ToJson(*r));
}

// ---- Requests ---------------------------------------------------------------------------------

Response CaseRoutes::CreateCase(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParseCaseInput(*body);
  if (!in) return BadRequest(in.error());
  auto view = cases_->Create(who, *in);
  if (!view) return ErrorResponse(view.error());
  return CaseResponse(201, *view, *installation_->Get());
}

/// `?code=`: the one request with this tracking code, when this user may see it (pickers that
/// take a request, e.g. merging a duplicate); an empty page otherwise.
Response CaseRoutes::FindCaseByCode(const app::Principal& who, const std::string& code) {
  auto canonical = d::NormalizeTrackingCode(code);
  if (!canonical) return BadRequest("code", "is not a tracking code");
  const app::CasePage page = cases_->FindByCode(who, *canonical);
  return JsonResponse(200, ToJson(page, *installation_->Get()));
}

Response CaseRoutes::ListCases(Request& req, const app::Principal& who) {
  app::CaseFilter filter;
  std::string cursor;
  QueryReader q(req);
  q.Enum("status", filter.status, &d::ParseCaseStatus);
  q.Enum("type", filter.type, &d::ParseCaseType);
  q.Id("category_id", filter.category_id);
  q.Id("unit_id", filter.unit_id);
  q.Enum("channel", filter.channel, &d::ParseChannel);
  q.Id("site_id", filter.site_id);
  q.Id("requester_id", filter.requester_id);
  q.Time("created_from", filter.created_from);
  q.Time("created_to", filter.created_to);
  q.Int("limit", filter.limit, 1, 200);
  q.String("cursor", cursor);
  std::string code;
  q.String("code", code);
  if (auto bad = q.Finish()) return *bad;
  if (!code.empty()) return FindCaseByCode(who, code);
  auto page = cases_->List(who, filter, cursor);
  if (!page) {
    if (page.error().code == base::ErrorCode::kInvalid) return BadRequest(page.error());
    return ErrorResponse(page.error());
  }
  return JsonResponse(200, ToJson(*page, *installation_->Get()));
}

Response CaseRoutes::GetCase(Request& req, const app::Principal& who) {
  auto id = PathId<d::CaseTag>(req, "id");
  if (!id) return NoSuchCase();
  auto view = cases_->Get(who, *id);
  if (!view) return ErrorResponse(view.error());
  return CaseResponse(200, *view, *installation_->Get());
}

Response CaseRoutes::PatchCase(Request& req, const app::Principal& who) {
  auto id = PathId<d::CaseTag>(req, "id");
  if (!id) return NoSuchCase();
  // Several agents work the same requests: a change must say which version it was made on.
  std::optional<std::int64_t> version;
  if (auto missing = RequireIfMatch(req, version)) return *missing;
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto patch = ParseCasePatch(*body);
  if (!patch) return BadRequest(patch.error());
  auto view = cases_->Patch(who, *id, *patch, version);
  if (!view) return ErrorResponse(view.error());
  return CaseResponse(200, *view, *installation_->Get());
}

Response CaseRoutes::CaseTimeline(Request& req, const app::Principal& who) {
  auto id = PathId<d::CaseTag>(req, "id");
  if (!id) return NoSuchCase();
  std::string workflow_name;
  auto events = cases_->Timeline(who, *id, &workflow_name);
  if (!events) return ErrorResponse(events.error());
  // Action events carry the workflow's names for the action and the states it moved between,
  // so every role (unit staff cannot read /workflows) reads them in its own language.
  const auto installation = installation_->Get();
  // Each action was taken in the workflow the request was in then: walking back from today's,
  // a "moved" line (a retype at review: from = "workflow.state") names the one before it.
  std::vector<std::string> in_workflow(events->size());
  for (std::size_t i = events->size(); i-- > 0;) {
    in_workflow[i] = workflow_name;
    const d::TimelineEvent& e = (*events)[i];
    if (e.kind == "moved") workflow_name = e.from.substr(0, e.from.find('.'));
  }
  const auto state_label = [&](const std::string& qualified, const char* state_key,
                               const char* workflow_key, Json& j) {
    const auto dot = qualified.find('.');
    if (dot == std::string::npos) return;
    const d::Workflow* w = installation->FindWorkflow(qualified.substr(0, dot));
    if (w == nullptr) return;
    j[workflow_key] = ToJson(w->label);
    if (const d::WorkflowState* st = w->State(qualified.substr(dot + 1))) j[state_key] = ToJson(st->label);
  };
  const auto names = cases_->ActorNames(*events);
  Json items = Json::array();
  for (std::size_t i = 0; i < events->size(); ++i) {
    const d::TimelineEvent& e = (*events)[i];
    Json j = ToJson(e);
    if (e.actor_id) j["actor_name"] = names.at(e.actor_id->value);
    if (e.kind == "changed" && e.field == "owner_id") {
      // Who had it and who has it now, by name (staff names are not the requester's identity).
      const auto name_of = [&](const std::string& v) -> Json {
        const auto id = ParseId(v);
        if (!id) return nullptr;
        const auto it = names.find(*id);
        return it == names.end() ? Json(nullptr) : Json(it->second);
      };
      j["from_name"] = name_of(e.from);
      j["to_name"] = name_of(e.to);
    }
    const d::Workflow* wf = installation->FindWorkflow(in_workflow[i]);
    if (e.kind == "action" && wf != nullptr) {
      if (const d::WorkflowAction* a = wf->Action(e.field)) j["action_label"] = ToJson(a->label);
      if (const d::WorkflowState* st = wf->State(e.from)) j["from_label"] = ToJson(st->label);
      if (const d::WorkflowState* st = wf->State(e.to)) j["to_label"] = ToJson(st->label);
    } else if (e.kind == "moved") {
      state_label(e.from, "from_label", "from_workflow_label", j);
      state_label(e.to, "to_label", "to_workflow_label", j);
    }
    items.push_back(std::move(j));
  }
  return JsonResponse(200, Json{{"items", std::move(items)}});
}

// ---- Owner ------------------------------------------------------------------------------------

/// PUT /cases/{id}/owner {"user_id": id | null}: claim, assign or let go (CaseService::Assign).
Response CaseRoutes::SetOwner(Request& req, const app::Principal& who) {
  auto id = PathId<d::CaseTag>(req, "id");
  if (!id) return NoSuchCase();
  // If-Match is optional: taking a request someone else owns is refused anyway (409).
  std::optional<std::int64_t> version;
  if (req.Header("If-Match") != nullptr) {
    if (auto bad = RequireIfMatch(req, version)) return *bad;
  }
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  const auto it = body->find("user_id");
  if (it == body->end()) return BadRequest("user_id", "is required: a user's id, or null for no one");
  std::optional<d::UserId> to;
  if (!it->is_null()) {
    if (!it->is_number_integer() || it->get<std::int64_t>() <= 0) {
      return BadRequest("user_id", "must be a user's id, or null for no one");
    }
    to = d::UserId{it->get<std::int64_t>()};
  }
  auto view = cases_->Assign(who, *id, to, version);
  if (!view) return ErrorResponse(view.error());
  return CaseResponse(200, *view, *installation_->Get());
}

/// GET /colleagues: the staff a request may be given to (the assign pickers).
Response CaseRoutes::ListColleagues(Request&, const app::Principal& who) {
  auto users = cases_->Colleagues(who);
  if (!users) return ErrorResponse(users.error());
  Json items = Json::array();
  for (const d::User& u : *users) {
    items.push_back(Json{{"id", u.id.value}, {"name", u.display_name}, {"username", u.username},
                         {"role", std::string(d::ToString(u.role))},
                         {"unit_id", u.unit_id ? Json(u.unit_id->value) : Json(nullptr)}});
  }
  return JsonResponse(200, Json{{"items", std::move(items)}});
}

// ---- Notes and mentions -----------------------------------------------------------------------

/// POST /cases/{id}/notes {"text": "..."}: an internal note; "@username" tells a colleague.
Response CaseRoutes::AddNote(Request& req, const app::Principal& who) {
  auto id = PathId<d::CaseTag>(req, "id");
  if (!id) return NoSuchCase();
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  const auto it = body->find("text");
  if (it == body->end() || !it->is_string()) return BadRequest("text", "is required: the note's text");
  auto event = cases_->AddNote(who, *id, it->get<std::string>());
  if (!event) return ErrorResponse(event.error());
  Json j = ToJson(*event);
  j["actor_name"] = who.user.display_name;
  return JsonResponse(201, std::move(j));
}

/// POST /cases/{id}/replies {"channel": "sms"|"email", "text"}: a message to the citizen.
Response CaseRoutes::AddReply(Request& req, const app::Principal& who) {
  auto id = PathId<d::CaseTag>(req, "id");
  if (!id) return NoSuchCase();
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  for (const auto& [key, value] : body->items()) {
    if (key != "channel" && key != "text") return BadRequest(key, "is not a field of a reply");
  }
  const auto channel = body->find("channel");
  if (channel == body->end() || !channel->is_string()) return BadRequest("channel", "is required: sms or email");
  const auto text = body->find("text");
  if (text == body->end() || !text->is_string()) return BadRequest("text", "is required: the words to send");
  auto sent = cases_->Reply(who, *id, channel->get<std::string>(), text->get<std::string>());
  if (!sent) return ErrorResponse(sent.error());
  return JsonResponse(201, Json{{"id", sent->id.value},
                                {"channel", sent->channel},
                                {"status", sent->status},
                                {"recipient", domain::MaskedRecipient(sent->recipient)},
                                {"last_error", sent->last_error},
                                {"created_at", base::FormatRfc3339(sent->created_at)}});
}

/// GET /mentions?unseen=true&limit=&cursor=: notes that named this user, newest first.
Response CaseRoutes::ListMentions(Request& req, const app::Principal& who) {
  std::string unseen, cursor;
  int limit = 50;
  QueryReader q(req);
  q.String("unseen", unseen);
  q.String("cursor", cursor);
  q.Int("limit", limit, 1, 200);
  if (auto bad = q.Finish()) return *bad;
  if (!unseen.empty() && unseen != "true" && unseen != "false") return BadRequest("unseen", "must be true or false");
  std::optional<std::int64_t> before;
  if (!cursor.empty()) {
    before = ParseId(cursor);
    if (!before) return BadRequest("cursor", "is not a cursor from this list");
  }
  auto list = cases_->Mentions(who, unseen == "true", before, limit);
  if (!list) return ErrorResponse(list.error());
  Json items = Json::array();
  for (const app::Mention& m : *list) {
    items.push_back(Json{{"id", m.id},
                         {"case_id", m.case_id.value},
                         {"tracking_code", m.tracking_code},
                         {"by_name", m.by_name},
                         {"note", m.note},
                         {"at", base::FormatRfc3339(m.at)},
                         {"seen_at", m.seen_at ? Json(base::FormatRfc3339(*m.seen_at)) : Json(nullptr)}});
  }
  Json next = nullptr;
  if (static_cast<int>(list->size()) == limit && !list->empty()) next = std::to_string(list->back().id);
  return JsonResponse(200, Json{{"items", std::move(items)}, {"next_cursor", std::move(next)}});
}

/// POST /cases/{id}/mentions/seen: this user opened the request.
Response CaseRoutes::SeeMentions(Request& req, const app::Principal& who) {
  auto id = PathId<d::CaseTag>(req, "id");
  if (!id) return NoSuchCase();
  auto n = cases_->SeeMentions(who, *id);
  if (!n) return ErrorResponse(n.error());
  return JsonResponse(200, Json{{"seen", *n}});
}

// ---- Contacts ---------------------------------------------------------------------------------

Response CaseRoutes::CreateContact(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParseContactInput(*body);
  if (!in) return BadRequest(in.error());
  auto contact = cases_->LogContact(who, *in);
  if (!contact) return ErrorResponse(contact.error());
  return JsonResponse(201, ToJson(*contact));
}

// ---- Attachments ------------------------------------------------------------------------------

Response CaseRoutes::AddAttachment(Request& req, const app::Principal& who) {
  auto id = PathId<d::CaseTag>(req, "id");
  if (!id) return NoSuchCase();
  QueryReader q(req);
  std::string filename;
  q.String("filename", filename);
  if (auto bad = q.Finish()) return *bad;
  if (filename.empty()) {
    if (const std::string* cd = req.Header("Content-Disposition")) {
      filename = FilenameFromContentDisposition(*cd);
    }
  }
  // The media type is sniffed from the bytes by the use case; Content-Type is not trusted.
  auto added = cases_->AddAttachment(who, *id, filename, req.body);
  if (!added) return ErrorResponse(added.error());
  return Created(ToJson(*added), "/api/v1/cases/" + std::to_string(id->value) + "/attachments/" +
                                     std::to_string(added->id.value));
}

Response CaseRoutes::ListAttachments(Request& req, const app::Principal& who) {
  auto id = PathId<d::CaseTag>(req, "id");
  if (!id) return NoSuchCase();
  auto list = cases_->ListAttachments(who, *id);
  if (!list) return ErrorResponse(list.error());
  return JsonResponse(200, Items(*list));
}

Response CaseRoutes::ReleaseAttachment(Request& req, const app::Principal& who) {
  auto id = PathId<d::CaseTag>(req, "id");
  auto aid = PathId<d::AttachmentTag>(req, "attachment_id");
  if (!id || !aid) return Problem(404, "No such attachment");
  auto released = cases_->ReleaseAttachment(who, *id, *aid);
  if (!released) return ErrorResponse(released.error());
  return JsonResponse(200, ToJson(*released));
}

Response CaseRoutes::GetAttachment(Request& req, const app::Principal& who) {
  auto id = PathId<d::CaseTag>(req, "id");
  auto aid = PathId<d::AttachmentTag>(req, "attachment_id");
  if (!id || !aid) return Problem(404, "No such attachment");
  auto blob = cases_->GetAttachment(who, *id, *aid);
  if (!blob) return ErrorResponse(blob.error());
  Response res;
  res.Set("Content-Type",
          blob->meta.media_type.empty() ? "application/octet-stream" : blob->meta.media_type);
  res.Set("Content-Disposition", Disposition(blob->meta.filename));
  res.Set("X-Content-Type-Options", "nosniff");
  // Even if a browser renders it, an uploaded file runs no script and loads nothing.
  res.Set("Content-Security-Policy", "default-src 'none'; sandbox");
  res.Set("Cache-Control", "private, no-store");
  res.body = std::move(blob->content);
  return res;
}

void CaseRoutes::Register(RouteRegistrar& r, CaseRoutes* self) {
  r.User("GET", "/api/v1/requesters", BodyKind::kNone, self, &CaseRoutes::SearchRequesters);
  r.User("GET", "/api/v1/requesters/{id}", BodyKind::kNone, self, &CaseRoutes::GetRequester);
  r.User("GET", "/api/v1/cases", BodyKind::kNone, self, &CaseRoutes::ListCases);
  r.User("POST", "/api/v1/cases", BodyKind::kJson, self, &CaseRoutes::CreateCase);
  r.User("GET", "/api/v1/cases/{id}", BodyKind::kNone, self, &CaseRoutes::GetCase);
  r.User("PATCH", "/api/v1/cases/{id}", BodyKind::kJson, self, &CaseRoutes::PatchCase);
  r.User("GET", "/api/v1/cases/{id}/timeline", BodyKind::kNone, self, &CaseRoutes::CaseTimeline);
  r.User("PUT", "/api/v1/cases/{id}/owner", BodyKind::kJson, self, &CaseRoutes::SetOwner);
  r.User("GET", "/api/v1/colleagues", BodyKind::kNone, self, &CaseRoutes::ListColleagues);
  r.User("POST", "/api/v1/cases/{id}/notes", BodyKind::kJson, self, &CaseRoutes::AddNote);
  r.User("POST", "/api/v1/cases/{id}/mentions/seen", BodyKind::kNone, self, &CaseRoutes::SeeMentions);
  r.User("GET", "/api/v1/mentions", BodyKind::kNone, self, &CaseRoutes::ListMentions);
  r.User("GET", "/api/v1/cases/{id}/attachments", BodyKind::kNone, self, &CaseRoutes::ListAttachments);
  r.User("POST", "/api/v1/cases/{id}/replies", BodyKind::kJson, self, &CaseRoutes::AddReply);
  r.User("POST", "/api/v1/cases/{id}/attachments", BodyKind::kRaw, self, &CaseRoutes::AddAttachment);
  r.User("GET", "/api/v1/cases/{id}/attachments/{attachment_id}", BodyKind::kNone, self, &CaseRoutes::GetAttachment);
  r.User("POST", "/api/v1/cases/{id}/attachments/{attachment_id}/release", BodyKind::kNone, self, &CaseRoutes::ReleaseAttachment);
  r.User("POST", "/api/v1/contacts", BodyKind::kJson, self, &CaseRoutes::CreateContact);
}

}  // namespace tawasul::http
