#pragma once

#include "app/admin/admin_service.hpp"
#include "app/cases/case_service.hpp"
#include "http/routes.hpp"

namespace tawasul::http {

/// Routing rules (admins keep them) and the unit they suggest for a request being typed.
class RoutingRoutes {
 public:
  RoutingRoutes(app::AdminService* admin, app::CaseService* cases) : admin_(admin), cases_(cases) {}

  /// Adds this group's routes; `self` null lists them without services.
  static void Register(RouteRegistrar& r, RoutingRoutes* self);

 private:
  Response ListRules(Request& req, const app::Principal& who);
  Response CreateRule(Request& req, const app::Principal& who);
  Response PatchRule(Request& req, const app::Principal& who);
  Response DeleteRule(Request& req, const app::Principal& who);
  Response Suggestion(Request& req, const app::Principal& who);

  app::AdminService* admin_;
  app::CaseService* cases_;
};

}  // namespace tawasul::http
