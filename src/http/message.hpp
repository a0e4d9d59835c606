#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tawasul::http {

/// Orders header names without regard to ASCII case (HTTP field names are case-insensitive).
struct CaseInsensitiveLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const;
};

/// Request headers; repeated fields are joined with ", " (or "; " for Cookie) by the transport.
using Headers = std::map<std::string, std::string, CaseInsensitiveLess>;

/// An HTTP request as the handlers see it: no Beast types, so handlers and tests compile fast.
struct Request {
  std::string method;  ///< "GET", "POST", ... as sent
  std::string target;  ///< the raw request target, e.g. "/api/v1/cases?status=new"
  std::string path;    ///< the target's path, still percent-encoded (the router decodes segments)
  std::map<std::string, std::string> query;  ///< decoded names and values; the first one wins
  Headers headers;
  std::string body;
  std::string client;  ///< the client's address (X-Forwarded-For only when trusted)
  std::string peer;    ///< the socket's peer address, whatever X-Forwarded-For says
  std::map<std::string, std::string> params;  ///< path parameters, filled in by the router

  /// The header's value, or nullptr.
  const std::string* Header(std::string_view name) const;
  /// A query parameter's value, or nullptr.
  const std::string* Query(std::string_view name) const;
  /// A cookie's value from the Cookie header, or nullopt.
  std::optional<std::string> Cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  ///< may repeat (Set-Cookie)
  std::string body;
  bool close = false;  ///< the transport closes the connection after sending this

  void Set(std::string name, std::string value);
  const std::string* Header(std::string_view name) const;
};

/// Decodes %XX escapes; with `plus_as_space`, "+" means a space (query strings). nullopt when
/// an escape is malformed.
std::optional<std::string> PercentDecode(std::string_view in, bool plus_as_space);

/// Encodes everything but RFC 3986 unreserved characters.
std::string PercentEncode(std::string_view in);

/// Splits `target` into `req.path` and `req.query`. False when the target is not in origin
/// form (must start with "/"), an escape is malformed, or a decoded value is not UTF-8.
bool ParseTarget(Request& req);

/// The standard reason phrase, e.g. "Not Found".
std::string_view ReasonPhrase(int status);

}  // namespace tawasul::http
