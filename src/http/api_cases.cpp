// Requests (cases), their timelines and attachments, requesters and contacts. Visibility, roles
// and every rule live in CaseService; these handlers parse, call one use case and map the result.
#include <set>

#include "http/api.hpp"
#include "http/api_util.hpp"
#include "http/json_mapping.hpp"
#include "http/problem.hpp"
#include "http/static_files.hpp"

namespace tawasul::http {

namespace {

template <class T>
Json Items(const std::vector<T>& list) {
  Json items = Json::array();
  for (const T& v : list) items.push_back(ToJson(v));
  return Json{{"items", std::move(items)}};
}

Response CaseResponse(int status, const app::CaseView& view) {
  Response res = JsonResponse(status, ToJson(view));
  res.Set("ETag", ETagFor(view.c.version));
  if (status == 201) res.Set("Location", "/api/v1/cases/" + std::to_string(view.c.id.value));
  return res;
}

Response NoSuchCase() { return Problem(404, "No such request"); }

/// Reads typed query parameters; the first bad one is reported (400) by name.
class QueryReader {
 public:
  explicit QueryReader(const Request& req) : req_(req) {}

  template <class Tag>
  void Id(const char* name, std::optional<base::Id<Tag>>& out) {
    const std::string* v = Get(name);
    if (v == nullptr) return;
    auto id = ParseId(*v);
    if (!id) return Fail(name, "must be a positive integer id");
    out = base::Id<Tag>{*id};
  }

  template <class E>
  void Enum(const char* name, std::optional<E>& out, std::optional<E> (*parse)(std::string_view)) {
    const std::string* v = Get(name);
    if (v == nullptr) return;
    auto e = parse(*v);
    if (!e) return Fail(name, "is not a known value");
    out = *e;
  }

  void Time(const char* name, std::optional<base::Time>& out) {
    const std::string* v = Get(name);
    if (v == nullptr) return;
    auto t = base::ParseRfc3339(*v);
    if (!t) return Fail(name, "must be an RFC 3339 date-time or date, e.g. 2026-01-31T09:30:00Z");
    out = *t;
  }

  void Int(const char* name, int& out, int min, int max) {
    const std::string* v = Get(name);
    if (v == nullptr) return;
    auto n = v->size() <= 9 ? ParseId(*v) : std::nullopt;
    if (!n || *n < min || *n > max) {
      return Fail(name,
                  "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
    }
    out = static_cast<int>(*n);
  }

  void String(const char* name, std::string& out) {
    if (const std::string* v = Get(name)) out = *v;
  }

  /// The first error, else one for the first parameter nobody asked for.
  std::optional<Response> Finish() const {
    if (error_) return error_;
    for (const auto& [name, value] : req_.query) {
      if (known_.count(name) == 0) return BadRequest(name, "is not a known query parameter");
    }
    return std::nullopt;
  }

 private:
  const std::string* Get(const char* name) {
    known_.insert(name);
    return req_.Query(name);
  }
  void Fail(const char* name, const std::string& detail) {
    if (!error_) error_ = BadRequest(name, detail);
  }

  const Request& req_;
  std::set<std::string> known_;
  std::optional<Response> error_;
};

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

Response Api::SearchRequesters(Request& req, const app::Principal& who) {
  QueryReader q(req);
  std::string phone;
  q.String("phone", phone);
  if (auto bad = q.Finish()) return *bad;
  if (phone.empty()) return BadRequest("phone", "is required");
  auto found = services_->cases.SearchRequesters(who, phone);
  if (!found) {
    // Every input here is a query parameter: a rejected one is a bad request.
    if (found.error().code == base::ErrorCode::kInvalid) return BadRequest(found.error());
    return ErrorResponse(found.error());
  }
  return JsonResponse(200, Items(*found));
}

Response Api::GetRequester(Request& req, const app::Principal& who) {
  auto id = PathId<d::RequesterTag>(req, "id");
  if (!id) return Problem(404, "No such requester");
  auto r = services_->cases.GetRequester(who, *id);
  if (!r) return ErrorResponse(r.error());
  return JsonResponse(200, ToJson(*r));
}

// ---- Requests ---------------------------------------------------------------------------------

Response Api::CreateCase(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParseCaseInput(*body);
  if (!in) return BadRequest(in.error());
  auto view = services_->cases.Create(who, *in);
  if (!view) return ErrorResponse(view.error());
  return CaseResponse(201, *view);
}

Response Api::ListCases(Request& req, const app::Principal& who) {
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
  if (auto bad = q.Finish()) return *bad;
  auto page = services_->cases.List(who, filter, cursor);
  if (!page) {
    if (page.error().code == base::ErrorCode::kInvalid) return BadRequest(page.error());
    return ErrorResponse(page.error());
  }
  Json items = Json::array();
  for (const app::CaseView& v : page->items) items.push_back(ToJson(v));
  return JsonResponse(
      200, Json{{"items", std::move(items)},
                {"next_cursor", page->next_cursor ? Json(*page->next_cursor) : Json(nullptr)}});
}

Response Api::GetCase(Request& req, const app::Principal& who) {
  auto id = PathId<d::CaseTag>(req, "id");
  if (!id) return NoSuchCase();
  auto view = services_->cases.Get(who, *id);
  if (!view) return ErrorResponse(view.error());
  return CaseResponse(200, *view);
}

Response Api::PatchCase(Request& req, const app::Principal& who) {
  auto id = PathId<d::CaseTag>(req, "id");
  if (!id) return NoSuchCase();
  // Several agents work the same requests: a change must say which version it was made on.
  const IfMatch if_match = ParseIfMatch(req.Header("If-Match"));
  if (!if_match.present) {
    return Problem(428, "Send If-Match with the ETag of the request you read (or * to overwrite)");
  }
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto patch = ParseCasePatch(*body);
  if (!patch) return BadRequest(patch.error());
  std::optional<std::int64_t> version;
  if (!if_match.any) {
    // A value that is not one of our ETags matches no version; 0 is never a version.
    version = if_match.version.value_or(0);
  }
  auto view = services_->cases.Patch(who, *id, *patch, version);
  if (!view) return ErrorResponse(view.error());
  return CaseResponse(200, *view);
}

Response Api::CaseTimeline(Request& req, const app::Principal& who) {
  auto id = PathId<d::CaseTag>(req, "id");
  if (!id) return NoSuchCase();
  auto events = services_->cases.Timeline(who, *id);
  if (!events) return ErrorResponse(events.error());
  return JsonResponse(200, Items(*events));
}

// ---- Contacts ---------------------------------------------------------------------------------

Response Api::CreateContact(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParseContactInput(*body);
  if (!in) return BadRequest(in.error());
  auto contact = services_->cases.LogContact(who, *in);
  if (!contact) return ErrorResponse(contact.error());
  return JsonResponse(201, ToJson(*contact));
}

// ---- Attachments ------------------------------------------------------------------------------

Response Api::AddAttachment(Request& req, const app::Principal& who) {
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
  auto added = services_->cases.AddAttachment(who, *id, filename, req.body);
  if (!added) return ErrorResponse(added.error());
  return Created(ToJson(*added), "/api/v1/cases/" + std::to_string(id->value) + "/attachments/" +
                                     std::to_string(added->id.value));
}

Response Api::ListAttachments(Request& req, const app::Principal& who) {
  auto id = PathId<d::CaseTag>(req, "id");
  if (!id) return NoSuchCase();
  auto list = services_->cases.ListAttachments(who, *id);
  if (!list) return ErrorResponse(list.error());
  return JsonResponse(200, Items(*list));
}

Response Api::GetAttachment(Request& req, const app::Principal& who) {
  auto id = PathId<d::CaseTag>(req, "id");
  auto aid = PathId<d::AttachmentTag>(req, "attachment_id");
  if (!id || !aid) return Problem(404, "No such attachment");
  auto blob = services_->cases.GetAttachment(who, *id, *aid);
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

}  // namespace tawasul::http
