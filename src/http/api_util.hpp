#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/installation/installation.hpp"
#include "app/services.hpp"
#include "base/id.hpp"
#include "base/time.hpp"
#include "http/json_mapping.hpp"
#include "http/message.hpp"
#include "http/problem.hpp"

/// Small helpers shared by the handler files (internal to http/).
namespace tawasul::http {

/// A JSON response (application/json).
Response JsonResponse(int status, const Json& body);

/// 201 with a Location header.
Response Created(const Json& body, const std::string& location);

/// A positive decimal id ("12"); nullopt for anything else.
std::optional<std::int64_t> ParseId(std::string_view text);

/// The path parameter `name` as an id; nullopt when malformed (the caller answers 404).
template <class Tag>
std::optional<base::Id<Tag>> PathId(const Request& req, const char* name) {
  auto it = req.params.find(name);
  if (it == req.params.end()) return std::nullopt;
  auto v = ParseId(it->second);
  if (!v) return std::nullopt;
  return base::Id<Tag>{*v};
}

/// The path parameter `name` as a plain id (rows without a strong id type).
inline std::optional<std::int64_t> PathNumber(const Request& req, const char* name) {
  auto it = req.params.find(name);
  if (it == req.params.end()) return std::nullopt;
  return ParseId(it->second);
}

/// A strong ETag for a version: "\"7\"".
std::string ETagFor(std::int64_t version);

/// An If-Match header as the PATCH handlers read it.
struct IfMatch {
  bool present = false;
  bool any = false;                     ///< "*": no precondition
  std::optional<std::int64_t> version;  ///< set when the value is one of our ETags
};

/// Reads `"7"` or `W/"7"` (weak tolerated: versions are exact anyway) or `*`. Other values are
/// present but carry no version, so they can match no current ETag (412).
IfMatch ParseIfMatch(const std::string* header);

/// For a change that must name the version it was made on (PATCH, actions): 428 when If-Match
/// is absent; else nullopt, with `version` set to the version to check (nullopt for `*`; 0,
/// never a version, for a value that is not one of our ETags).
std::optional<Response> RequireIfMatch(const Request& req, std::optional<std::int64_t>& version);

/// A request as JSON with its ETag (and Location when `status` is 201).
Response CaseResponse(int status, const app::CaseView& view, const app::Installation& installation);

inline Response NoSuchCase() { return Problem(404, "No such request"); }

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

/// application/x-www-form-urlencoded → (name, value) pairs in order, repeats kept ("user[]");
/// nullopt when a name or value is not valid percent-encoding.
std::optional<std::vector<std::pair<std::string, std::string>>> ParseForm(std::string_view body);

/// True for application/json and any "+json" media type (parameters like charset ignored).
bool IsJsonContentType(const std::string* content_type);

/// The filename from Content-Disposition (`filename*=UTF-8''...` preferred over `filename=`).
std::string FilenameFromContentDisposition(std::string_view header);

}  // namespace tawasul::http
