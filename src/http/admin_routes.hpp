#pragma once

#include "app/admin/admin_service.hpp"
#include "http/routes.hpp"

namespace tawasul::http {

/// Units, categories, sites and users (the organization the administrators keep).
/// A service pointer may be null where the server runs without it (the routes answer 503).
class AdminRoutes {
 public:
  explicit AdminRoutes(app::AdminService* admin) : admin_(admin) {}

  /// Adds this group's routes; `self` null lists them without services.
  static void Register(RouteRegistrar& r, AdminRoutes* self);

 private:
  Response ListUnits(Request& req, const app::Principal& who);
  Response CreateUnit(Request& req, const app::Principal& who);
  Response GetUnit(Request& req, const app::Principal& who);
  Response PatchUnit(Request& req, const app::Principal& who);
  Response ListCategories(Request& req, const app::Principal& who);
  Response CreateCategory(Request& req, const app::Principal& who);
  Response GetCategory(Request& req, const app::Principal& who);
  Response PatchCategory(Request& req, const app::Principal& who);
  Response ListSites(Request& req, const app::Principal& who);
  Response CreateSite(Request& req, const app::Principal& who);
  Response GetSite(Request& req, const app::Principal& who);
  Response PatchSite(Request& req, const app::Principal& who);
  Response ListUsers(Request& req, const app::Principal& who);
  Response CreateUser(Request& req, const app::Principal& who);
  Response GetUser(Request& req, const app::Principal& who);
  Response PatchUser(Request& req, const app::Principal& who);

  app::AdminService* admin_;
};

}  // namespace tawasul::http
