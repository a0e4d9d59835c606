#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace tawasul::http {

/// How a route's request body is read; the transport picks the body limit from it before it
/// reads the body.
enum class BodyKind {
  kNone,  ///< no body expected (a small one is tolerated and ignored)
  kJson,  ///< JSON, up to json_body_limit
  kRaw,   ///< raw bytes (uploads), up to body_limit
};

/// Who may call a route.
enum class Access {
  kPublic,  ///< no credentials needed
  kUser,    ///< a session cookie or bearer token; the use case checks the role
};

/// One row of the route table, as the OpenAPI test enumerates it.
struct RouteInfo {
  std::string method;  ///< "GET", "POST", "PATCH", ...
  std::string path;    ///< a template: literal segments and "{name}" parameters
  BodyKind body = BodyKind::kNone;
  Access access = Access::kUser;
};

using Handler = std::function<Response(Request&)>;

/// Maps (method, path) to a handler. Paths are matched segment by segment; a "{name}" segment
/// matches any non-empty segment and is passed percent-decoded in Request::params. Among the
/// templates of the request's method that match, the one with the most literal segments wins;
/// when only other methods match, the outcome is 405 and `allow` lists them.
class Router {
 public:
  enum class Outcome { kFound, kNotFound, kMethodNotAllowed };

  struct Route {
    RouteInfo info;
    std::vector<std::string> segments;  ///< "{name}" or a literal
    Handler handler;
  };

  struct Match {
    Outcome outcome = Outcome::kNotFound;
    const Route* route = nullptr;               ///< set when found
    std::map<std::string, std::string> params;  ///< set when found
    std::vector<std::string> allow;             ///< methods of the path, for 405's Allow
  };

  /// Adds a route; throws std::invalid_argument on a malformed template or a duplicate.
  void Add(RouteInfo info, Handler handler);

  Match Find(std::string_view method, std::string_view path) const;

  /// The route table in registration order.
  std::vector<RouteInfo> Table() const;

 private:
  std::vector<Route> routes_;
};

}  // namespace tawasul::http
