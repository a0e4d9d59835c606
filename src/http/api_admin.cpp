// Administration: units, categories, sites and users. Anyone logged in may read the org tree,
// the taxonomy and the sites (the agent console needs them); AdminService checks the admin role
// for every change.
#include <algorithm>

#include "http/api.hpp"
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

Response Api::ListUnits(Request&, const app::Principal&) {
  return JsonResponse(200, Items(services_->admin.Units()));
}

Response Api::CreateUnit(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto unit = ParseNewUnit(*body);
  if (!unit) return BadRequest(unit.error());
  auto created = services_->admin.CreateUnit(who, *unit);
  if (!created) return ErrorResponse(created.error());
  return Created(ToJson(*created), "/api/v1/units/" + std::to_string(created->id.value));
}

Response Api::GetUnit(Request& req, const app::Principal&) {
  auto id = PathId<d::UnitTag>(req, "id");
  auto unit = id ? services_->admin.Unit(*id) : std::nullopt;
  if (!unit) return NotFound("unit");
  return JsonResponse(200, ToJson(*unit));
}

Response Api::PatchUnit(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto id = PathId<d::UnitTag>(req, "id");
  if (!id) return NotFound("unit");
  bool malformed = false;  // the body's own error is a 400; the use case's rules answer theirs
  auto updated = services_->admin.PatchUnit(who, *id, [&](d::Unit& unit) {
    auto s = ApplyUnitPatch(*body, unit);
    malformed = !s;
    return s;
  });
  if (!updated) return malformed ? BadRequest(updated.error()) : ErrorResponse(updated.error());
  return JsonResponse(200, ToJson(*updated));
}

// ---- Categories -------------------------------------------------------------------------------

Response Api::ListCategories(Request&, const app::Principal&) {
  return JsonResponse(200, Items(services_->admin.Categories()));
}

Response Api::CreateCategory(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto category = ParseNewCategory(*body);
  if (!category) return BadRequest(category.error());
  auto created = services_->admin.CreateCategory(who, *category);
  if (!created) return ErrorResponse(created.error());
  return Created(ToJson(*created), "/api/v1/categories/" + std::to_string(created->id.value));
}

Response Api::GetCategory(Request& req, const app::Principal&) {
  auto id = PathId<d::CategoryTag>(req, "id");
  auto category = id ? services_->admin.Category(*id) : std::nullopt;
  if (!category) return NotFound("category");
  return JsonResponse(200, ToJson(*category));
}

Response Api::PatchCategory(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto id = PathId<d::CategoryTag>(req, "id");
  if (!id) return NotFound("category");
  bool malformed = false;
  auto updated = services_->admin.PatchCategory(who, *id, [&](d::Category& category) {
    auto s = ApplyCategoryPatch(*body, category);
    malformed = !s;
    return s;
  });
  if (!updated) return malformed ? BadRequest(updated.error()) : ErrorResponse(updated.error());
  return JsonResponse(200, ToJson(*updated));
}

// ---- Sites ------------------------------------------------------------------------------------

Response Api::ListSites(Request&, const app::Principal&) {
  return JsonResponse(200, Items(services_->admin.Sites()));
}

Response Api::CreateSite(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto site = ParseNewSite(*body);
  if (!site) return BadRequest(site.error());
  auto created = services_->admin.CreateSite(who, *site);
  if (!created) return ErrorResponse(created.error());
  return Created(ToJson(*created), "/api/v1/sites/" + std::to_string(created->id.value));
}

Response Api::GetSite(Request& req, const app::Principal&) {
  auto id = PathId<d::SiteTag>(req, "id");
  auto site = id ? services_->admin.Site(*id) : std::nullopt;
  if (!site) return NotFound("site");
  return JsonResponse(200, ToJson(*site));
}

Response Api::PatchSite(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto id = PathId<d::SiteTag>(req, "id");
  if (!id) return NotFound("site");
  bool malformed = false;
  auto updated = services_->admin.PatchSite(who, *id, [&](d::Site& site) {
    auto s = ApplySitePatch(*body, site);
    malformed = !s;
    return s;
  });
  if (!updated) return malformed ? BadRequest(updated.error()) : ErrorResponse(updated.error());
  return JsonResponse(200, ToJson(*updated));
}

// ---- Users ------------------------------------------------------------------------------------

Response Api::ListUsers(Request&, const app::Principal& who) {
  auto users = services_->admin.ListUsers(who);
  if (!users) return ErrorResponse(users.error());
  return JsonResponse(200, Items(*users));
}

Response Api::CreateUser(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParseNewUser(*body);
  if (!in) return BadRequest(in.error());
  auto created = services_->admin.CreateUser(who, *in);
  if (!created) return ErrorResponse(created.error());
  return Created(ToJson(*created), "/api/v1/users/" + std::to_string(created->id.value));
}

Response Api::GetUser(Request& req, const app::Principal& who) {
  // Through ListUsers, so the admin check stays in AdminService.
  auto users = services_->admin.ListUsers(who);
  if (!users) return ErrorResponse(users.error());
  auto id = PathId<d::UserTag>(req, "id");
  auto it = std::find_if(users->begin(), users->end(),
                         [&](const d::User& u) { return id && u.id == *id; });
  if (it == users->end()) return NotFound("user");
  return JsonResponse(200, ToJson(*it));
}

Response Api::PatchUser(Request& req, const app::Principal& who) {
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
  auto updated = services_->admin.PatchUser(
      who, *id,
      [&](d::User& user) {
        std::optional<std::string> ignored;
        auto s = ApplyUserPatch(*body, user, ignored);
        malformed = !s;
        return s;
      },
      password, Credential(req).value_or(""));
  if (!updated) return malformed ? BadRequest(updated.error()) : ErrorResponse(updated.error());
  return JsonResponse(200, ToJson(*updated));
}

}  // namespace tawasul::http
