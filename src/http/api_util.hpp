#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/id.hpp"
#include "http/json_mapping.hpp"
#include "http/message.hpp"

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

/// True for application/json and any "+json" media type (parameters like charset ignored).
bool IsJsonContentType(const std::string* content_type);

/// The filename from Content-Disposition (`filename*=UTF-8''...` preferred over `filename=`).
std::string FilenameFromContentDisposition(std::string_view header);

}  // namespace tawasul::http
