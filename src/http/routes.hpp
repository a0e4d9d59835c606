#pragma once
// Route groups: each feature's handlers are one type (CaseRoutes, ReportRoutes, ...) that holds
// only the use cases it calls and registers its own routes through a RouteRegistrar. The Api
// (api.hpp) owns the groups, the router, authentication and the metrics around them.

#include <functional>
#include <optional>
#include <string>

#include "app/auth/principal.hpp"
#include "base/result.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace tawasul::http {

/// Authenticates a request (bearer token or session cookie) into the signed-in user.
using Authenticator = std::function<base::Result<app::Principal>(const Request&)>;

/// Adds a group's routes to the router. A user route is authenticated, and a state-changing one
/// riding on the session cookie must come from the app's own origin, before its handler runs.
/// `group` may be null when the table is built only to be listed (Api::RouteTable).
class RouteRegistrar {
 public:
  RouteRegistrar(Router& router, Authenticator authenticate)
      : router_(router), authenticate_(std::move(authenticate)) {}

  template <class G>
  void Public(const char* method, const char* path, BodyKind body, G* group,
              Response (G::*fn)(Request&)) {
    router_.Add(RouteInfo{method, path, body, Access::kPublic},
                [group, fn](Request& req) { return (group->*fn)(req); });
  }

  template <class G>
  void User(const char* method, const char* path, BodyKind body, G* group,
            Response (G::*fn)(Request&, const app::Principal&)) {
    AddUser(
        RouteInfo{method, path, body, Access::kUser},
        [group, fn](Request& req, const app::Principal& who) { return (group->*fn)(req, who); });
  }

 private:
  using UserHandler = std::function<Response(Request&, const app::Principal&)>;
  void AddUser(RouteInfo info, UserHandler handler);

  Router& router_;
  Authenticator authenticate_;
};

/// The token a request carries: the bearer token, else the session cookie; an empty string for
/// another Authorization scheme (never falls back to the cookie); nullopt for neither.
std::optional<std::string> RequestCredential(const Request& req);

/// The session cookie's Set-Cookie value.
std::string SessionCookie(const std::string& value, std::int64_t max_age);

/// 403 for a state-changing request on the session cookie from another origin (see routes.cpp).
std::optional<Response> CrossSiteRefusal(const Request& req);

}  // namespace tawasul::http
