// Administration: units, categories, sites and users. Anyone logged in may read the org tree,
// the taxonomy and the sites (the agent console needs them); AdminService checks the admin role
// for every change.
#include <algorithm>

#include "http/admin_routes.hpp"
#include "http/api_util.hpp"
#include "http/json_mapping.hpp"
#include "http/problem.hpp"

namespace tawasul::http {

namespace {

template <class T>
Json Items(const std::vector<T>& list) {
  Json items = Json::array();
  for (const T& v : list) items.push_back(ToJson(v));
  return Json{{"items", std::move(items)}};
}

Response NotFound(const char* what) { return Problem(404, std::string("No such ") + what); }

}  // namespace

// ---- Units ------------------------------------------------------------------------------------

Response AdminRoutes::ListUnits(Request&, const app::Principal&) {
  return JsonResponse(200, Items(admin_->Units()));
}

Response AdminRoutes::CreateUnit(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto unit = ParseNewUnit(*body);
  if (!unit) return BadRequest(unit.error());
  auto created = admin_->CreateUnit(who, *unit);
  if (!created) return ErrorResponse(created.error());
  return Created(ToJson(*created), "/api/v1/units/" + std::to_string(created->id.value));
}

Response AdminRoutes::GetUnit(Request& req, const app::Principal&) {
  auto id = PathId<d::UnitTag>(req, "id");
  auto unit = id ? admin_->Unit(*id) : std::nullopt;
  if (!unit) return NotFound("unit");
  return JsonResponse(200, ToJson(*unit));
}

Response AdminRoutes::PatchUnit(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto id = PathId<d::UnitTag>(req, "id");
  if (!id) return NotFound("unit");
  bool malformed = false;  // the body's own error is a 400; the use case's rules answer theirs
  auto updated = admin_->PatchUnit(who, *id, [&](d::Unit& unit) {
    auto s = ApplyUnitPatch(*body, unit);
    malformed = !s;
    return s;
  });
  if (!updated) return malformed ? BadRequest(updated.error()) : ErrorResponse(updated.error());
  return JsonResponse(200, ToJson(*updated));
}

// ---- Categories -------------------------------------------------------------------------------

Response AdminRoutes::ListCategories(Request&, const app::Principal&) {
  return JsonResponse(200, Items(admin_->Categories()));
}

Response AdminRoutes::CreateCategory(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto category = ParseNewCategory(*body);
  if (!category) return BadRequest(category.error());
  auto created = admin_->CreateCategory(who, *category);
  if (!created) return ErrorResponse(created.error());
  return Created(ToJson(*created), "/api/v1/categories/" + std::to_string(created->id.value));
}

Response AdminRoutes::GetCategory(Request& req, const app::Principal&) {
  auto id = PathId<d::CategoryTag>(req, "id");
  auto category = id ? admin_->Category(*id) : std::nullopt;
  if (!category) return NotFound("category");
  return JsonResponse(200, ToJson(*category));
}

Response AdminRoutes::PatchCategory(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto id = PathId<d::CategoryTag>(req, "id");
  if (!id) return NotFound("category");
  bool malformed = false;
  auto updated = admin_->PatchCategory(who, *id, [&](d::Category& category) {
    auto s = ApplyCategoryPatch(*body, category);
    malformed = !s;
    return s;
  });
  if (!updated) return malformed ? BadRequest(updated.error()) : ErrorResponse(updated.error());
  return JsonResponse(200, ToJson(*updated));
}

// ---- Sites ------------------------------------------------------------------------------------

Response AdminRoutes::ListSites(Request&, const app::Principal&) {
  return JsonResponse(200, Items(admin_->Sites()));
}

Response AdminRoutes::CreateSite(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto site = ParseNewSite(*body);
  if (!site) return BadRequest(site.error());
  auto created = admin_->CreateSite(who, *site);
  if (!created) return ErrorResponse(created.error());
  return Created(ToJson(*created), "/api/v1/sites/" + std::to_string(created->id.value));
}

Response AdminRoutes::GetSite(Request& req, const app::Principal&) {
  auto id = PathId<d::SiteTag>(req, "id");
  auto site = id ? admin_->Site(*id) : std::nullopt;
  if (!site) return NotFound("site");
  return JsonResponse(200, ToJson(*site));
}

Response AdminRoutes::PatchSite(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto id = PathId<d::SiteTag>(req, "id");
  if (!id) return NotFound("site");
  bool malformed = false;
  auto updated = admin_->PatchSite(who, *id, [&](d::Site& site) {
    auto s = ApplySitePatch(*body, site);
    malformed = !s;
    return s;
  });
  if (!updated) return malformed ? BadRequest(updated.error()) : ErrorResponse(updated.error());
  return JsonResponse(200, ToJson(*updated));
}

// ---- Users ------------------------------------------------------------------------------------

Response AdminRoutes::ListUsers(Request&, const app::Principal& who) {
  auto users = admin_->ListUsers(who);
  if (!users) return ErrorResponse(users.error());
  return JsonResponse(200, Items(*users));
}

Response AdminRoutes::CreateUser(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParseNewUser(*body);
  if (!in) return BadRequest(in.error());
  auto created = admin_->CreateUser(who, *in);
  if (!created) return ErrorResponse(created.error());
  return Created(ToJson(*created), "/api/v1/users/" + std::to_string(created->id.value));
}

Response AdminRoutes::GetUser(Request& req, const app::Principal& who) {
  // Through ListUsers, so the admin check stays in AdminService.
  auto users = admin_->ListUsers(who);
  if (!users) return ErrorResponse(users.error());
  auto id = PathId<d::UserTag>(req, "id");
  auto it = std::find_if(users->begin(), users->end(),
                         [&](const d::User& u) { return id && u.id == *id; });
  if (it == users->end()) return NotFound("user");
  return JsonResponse(200, ToJson(*it));
}

Response AdminRoutes::PatchUser(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto id = PathId<d::UserTag>(req, "id");
  if (!id) return NotFound("user");
  // The password travels apart from the user's fields (it is never part of a user), and is
  // written with them in one transaction.
  std::optional<std::string> password;
  d::User shape;  // the body read once for its password; the fields go on the stored user below
  if (auto s = ApplyUserPatch(*body, shape, password); !s) return BadRequest(s.error());
  bool malformed = false;
  auto updated = admin_->PatchUser(
      who, *id,
      [&](d::User& user) {
        std::optional<std::string> ignored;
        auto s = ApplyUserPatch(*body, user, ignored);
        malformed = !s;
        return s;
      },
      password, RequestCredential(req).value_or(""));
  if (!updated) return malformed ? BadRequest(updated.error()) : ErrorResponse(updated.error());
  return JsonResponse(200, ToJson(*updated));
}

void AdminRoutes::Register(RouteRegistrar& r, AdminRoutes* self) {
  r.User("GET", "/api/v1/units", BodyKind::kNone, self, &AdminRoutes::ListUnits);
  r.User("POST", "/api/v1/units", BodyKind::kJson, self, &AdminRoutes::CreateUnit);
  r.User("GET", "/api/v1/units/{id}", BodyKind::kNone, self, &AdminRoutes::GetUnit);
  r.User("PATCH", "/api/v1/units/{id}", BodyKind::kJson, self, &AdminRoutes::PatchUnit);
  r.User("GET", "/api/v1/categories", BodyKind::kNone, self, &AdminRoutes::ListCategories);
  r.User("POST", "/api/v1/categories", BodyKind::kJson, self, &AdminRoutes::CreateCategory);
  r.User("GET", "/api/v1/categories/{id}", BodyKind::kNone, self, &AdminRoutes::GetCategory);
  r.User("PATCH", "/api/v1/categories/{id}", BodyKind::kJson, self, &AdminRoutes::PatchCategory);
  r.User("GET", "/api/v1/sites", BodyKind::kNone, self, &AdminRoutes::ListSites);
  r.User("POST", "/api/v1/sites", BodyKind::kJson, self, &AdminRoutes::CreateSite);
  r.User("GET", "/api/v1/sites/{id}", BodyKind::kNone, self, &AdminRoutes::GetSite);
  r.User("PATCH", "/api/v1/sites/{id}", BodyKind::kJson, self, &AdminRoutes::PatchSite);
  r.User("GET", "/api/v1/users", BodyKind::kNone, self, &AdminRoutes::ListUsers);
  r.User("POST", "/api/v1/users", BodyKind::kJson, self, &AdminRoutes::CreateUser);
  r.User("GET", "/api/v1/users/{id}", BodyKind::kNone, self, &AdminRoutes::GetUser);
  r.User("PATCH", "/api/v1/users/{id}", BodyKind::kJson, self, &AdminRoutes::PatchUser);
}

}  // namespace tawasul::http
