#pragma once

#include "app/auth/auth_service.hpp"
#include "base/time.hpp"
#include "http/routes.hpp"

namespace tawasul::http {

/// Signing in and out, the signed-in user's own profile and password, API tokens.
class AuthRoutes {
 public:
  AuthRoutes(app::AuthService* auth, const base::Clock* clock) : auth_(auth), clock_(clock) {}

  /// Adds this group's routes; `self` null lists them without services.
  static void Register(RouteRegistrar& r, AuthRoutes* self);

 private:
  Response Login(Request& req);
  Response Logout(Request& req);
  Response Me(Request& req, const app::Principal& who);
  Response PatchMe(Request& req, const app::Principal& who);
  Response ChangePassword(Request& req, const app::Principal& who);
  Response CreateToken(Request& req, const app::Principal& who);

  app::AuthService* auth_;
  const base::Clock* clock_;
};

}  // namespace tawasul::http
