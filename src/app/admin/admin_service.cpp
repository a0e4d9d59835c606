#include <set>

#include "app/admin/admin_audit.hpp"
#include "app/admin/admin_service.hpp"
#include "domain/validation.hpp"

namespace tawasul::app {

using base::Error;
using base::ErrorCode;
namespace dom = tawasul::domain;

namespace {

/// Walks up from `parent` and fails when it reaches `self` (a cycle) or a missing node.
template <class Node, class IdT, class Get>
Status CheckParent(std::optional<IdT> parent, IdT self, Get get) {
  std::set<std::int64_t> seen;
  for (auto p = parent; p; ) {
    if (self.valid() && *p == self) return base::Invalid("parent_id", "would make a cycle");
    if (!seen.insert(p->value).second) return base::Invalid("parent_id", "would make a cycle");
    std::optional<Node> node = get(*p);
    if (!node) return base::Invalid("parent_id", "no such parent");
    p = node->parent_id;
  }
  return base::Ok{};
}

}  // namespace

AdminService::AdminService(AdminServiceStore& store, Crypto& crypto, InstallationRef& installation)
    : store_(store), crypto_(crypto), installation_(installation) {}

Status AdminService::CheckUnit(const dom::Unit& unit) {
  if (auto s = dom::CheckCode(unit.code, "code"); !s) return s;
  return CheckParent<dom::Unit>(unit.parent_id, unit.id,
                                [&](dom::UnitId id) { return store_.GetUnit(id); });
}

Status AdminService::CheckCategory(const dom::Category& c) {
  if (auto s = dom::CheckCode(c.code, "code"); !s) return s;
  if (!c.workflow.empty() && installation_.Get()->FindWorkflow(c.workflow) == nullptr) {
    return base::Invalid("workflow", "no workflow \"" + c.workflow + "\" is installed");
  }
  if (c.default_unit_id && !store_.GetUnit(*c.default_unit_id)) {
    return base::Invalid("default_unit_id", "no such unit");
  }
  return CheckParent<dom::Category>(c.parent_id, c.id,
                                    [&](dom::CategoryId id) { return store_.GetCategory(id); });
}

Status AdminService::CheckSite(const dom::Site& s) {
  if (auto st = dom::CheckCode(s.code, "code"); !st) return st;
  if (s.latitude && (*s.latitude < -90 || *s.latitude > 90)) {
    return base::Invalid("latitude", "must be between -90 and 90");
  }
  if (s.longitude && (*s.longitude < -180 || *s.longitude > 180)) {
    return base::Invalid("longitude", "must be between -180 and 180");
  }
  return base::Ok{};
}

Result<dom::Unit> AdminService::CreateUnit(const Principal& who, dom::Unit unit) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  auto name = dom::CleanLocalizedName(unit.name, "name");
  if (!name) return name.error();
  unit.name = *name;
  unit.id = {};
  if (auto s = CheckUnit(unit); !s) return s.error();
  return Recorded(store_, who, "unit", "create", std::optional<dom::Unit>(), store_.CreateUnit(unit));
}

Result<dom::Unit> AdminService::UpdateUnit(const Principal& who, dom::Unit unit) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  auto name = dom::CleanLocalizedName(unit.name, "name");
  if (!name) return name.error();
  unit.name = *name;
  if (auto s = CheckUnit(unit); !s) return s.error();
  const auto before = store_.GetUnit(unit.id);
  return Recorded(store_, who, "unit", "update", before, store_.UpdateUnit(unit));
}

Result<dom::Category> AdminService::CreateCategory(const Principal& who, dom::Category c) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  auto name = dom::CleanLocalizedName(c.name, "name");
  if (!name) return name.error();
  c.name = *name;
  c.id = {};
  if (auto s = CheckCategory(c); !s) return s.error();
  return Recorded(store_, who, "category", "create", std::optional<dom::Category>(), store_.CreateCategory(c));
}

Result<dom::Category> AdminService::UpdateCategory(const Principal& who, dom::Category c) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  auto name = dom::CleanLocalizedName(c.name, "name");
  if (!name) return name.error();
  c.name = *name;
  if (auto s = CheckCategory(c); !s) return s.error();
  const auto before = store_.GetCategory(c.id);
  return Recorded(store_, who, "category", "update", before, store_.UpdateCategory(c));
}

Result<dom::Site> AdminService::CreateSite(const Principal& who, dom::Site site) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  auto name = dom::CleanLocalizedName(site.name, "name");
  if (!name) return name.error();
  site.name = *name;
  site.id = {};
  for (auto* f : {&site.region, &site.district}) {
    auto v = dom::CleanName(*f, f == &site.region ? "region" : "district", 100, false);
    if (!v) return v.error();
    *f = *v;
  }
  if (auto s = CheckSite(site); !s) return s.error();
  return Recorded(store_, who, "site", "create", std::optional<dom::Site>(), store_.CreateSite(site));
}

Result<dom::Site> AdminService::UpdateSite(const Principal& who, dom::Site site) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  auto name = dom::CleanLocalizedName(site.name, "name");
  if (!name) return name.error();
  site.name = *name;
  if (auto s = CheckSite(site); !s) return s.error();
  const auto before = store_.GetSite(site.id);
  return Recorded(store_, who, "site", "update", before, store_.UpdateSite(site));
}

Result<dom::User> AdminService::CreateUser(const Principal& who, const NewUserInput& input) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  return Recorded(store_, who, "user", "create", std::optional<dom::User>(),
                  CreateUserUnchecked(input));
}

namespace {
Status CheckUserFields(AdminServiceStore& store, dom::User& u) {
  if (u.username.size() < 2 || u.username.size() > 64) {
    return base::Invalid("username", "must be 2 to 64 characters");
  }
  for (char ch : u.username) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' ||
                    ch == '_' || ch == '-';
    if (!ok) return base::Invalid("username", "may hold only a-z, 0-9, '.', '_', '-'");
  }
  auto name = dom::CleanName(u.display_name, "display_name", 100, true);
  if (!name) return name.error();
  u.display_name = *name;
  if (!dom::IsSupportedLanguage(u.language)) return base::Invalid("language", "must be ar, fa or en");
  if (u.role == dom::Role::kUnitStaff && !u.unit_id) {
    return base::Invalid("unit_id", "unit staff must belong to a unit");
  }
  if (u.unit_id && !store.GetUnit(*u.unit_id)) return base::Invalid("unit_id", "no such unit");
  // What a PBX names the agent by: digits (and * #), at most 20; empty for none.
  if (u.extension.size() > 20) return base::Invalid("extension", "must be at most 20 characters");
  for (char ch : u.extension) {
    if (!((ch >= '0' && ch <= '9') || ch == '*' || ch == '#')) {
      return base::Invalid("extension", "may hold only digits, * and #");
    }
  }
  return base::Ok{};
}
}  // namespace

Status CheckNewPassword(const std::string& password, const char* field) {
  // Characters, not bytes: an Arabic or Persian letter is two UTF-8 bytes, and four of them are
  // not an eight-character password.
  std::size_t chars = 0;
  for (unsigned char ch : password) chars += (ch & 0xC0) != 0x80 ? 1 : 0;
  if (chars < 8 || password.size() > 4096 || chars > 1024) {
    return base::Invalid(field, "must be 8 to 1024 characters");
  }
  return base::Ok{};
}

Result<dom::User> AdminService::CreateUserUnchecked(const NewUserInput& input) {
  dom::User u;
  u.username = input.username;
  u.display_name = input.display_name;
  u.role = input.role;
  u.unit_id = input.unit_id;
  u.language = input.language.empty() ? "ar" : input.language;
  u.extension = input.extension;
  if (auto s = CheckUserFields(store_, u); !s) return s.error();
  if (auto s = CheckNewPassword(input.password, "password"); !s) return s.error();
  return store_.CreateUser(u, crypto_.HashPassword(input.password));
}

Result<dom::User> AdminService::UpdateUser(const Principal& who, dom::User user) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  if (auto s = CheckUserFields(store_, user); !s) return s.error();
  if (user.id == who.user.id && (!user.active || user.role != dom::Role::kAdmin)) {
    return base::Invalid("role", "an administrator cannot demote or deactivate themself");
  }
  const auto before = store_.GetUser(user.id);
  return Recorded(store_, who, "user", "update", before, store_.UpdateUser(user));
}

Status AdminService::ResetPassword(const Principal& who, dom::UserId id,
                                  const std::string& password, const std::string& keep_token) {
  if (auto s = RequireAdmin(who); !s) return s;
  if (auto s = CheckNewPassword(password, "password"); !s) return s;
  auto set = store_.SetPassword(id, crypto_.HashPassword(password),
                                keep_token.empty() ? "" : crypto_.HashToken(keep_token));
  // Never the password itself: that it was reset, and that sessions and tokens were revoked.
  if (set) {
    RecordAdminChange(store_, who, "user", std::to_string(id.value), "password_reset", "",
                      "sessions and API tokens revoked");
  }
  return set;
}

Result<dom::Unit> AdminService::PatchUnit(const Principal& who, dom::UnitId id,
                                          const Change<dom::Unit>& change) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  auto unit = store_.GetUnit(id);
  if (!unit) return base::NotFound("No such unit");
  if (auto s = change(*unit); !s) return s.error();
  return UpdateUnit(who, *unit);
}

Result<dom::Category> AdminService::PatchCategory(const Principal& who, dom::CategoryId id,
                                                  const Change<dom::Category>& change) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  auto category = store_.GetCategory(id);
  if (!category) return base::NotFound("No such category");
  if (auto s = change(*category); !s) return s.error();
  return UpdateCategory(who, *category);
}

Result<dom::Site> AdminService::PatchSite(const Principal& who, dom::SiteId id,
                                          const Change<dom::Site>& change) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  auto site = store_.GetSite(id);
  if (!site) return base::NotFound("No such site");
  if (auto s = change(*site); !s) return s.error();
  return UpdateSite(who, *site);
}

Result<dom::User> AdminService::PatchUser(const Principal& who, dom::UserId id,
                                          const Change<dom::User>& change,
                                          const std::optional<std::string>& password,
                                          const std::string& keep_token) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  const auto before = store_.GetUser(id);
  if (!before) return base::NotFound("No such user");
  dom::User user = *before;
  if (auto s = change(user); !s) return s.error();
  if (!password) return UpdateUser(who, user);
  // Checked before anything is written, and written with the fields: all or nothing.
  if (auto s = CheckNewPassword(*password, "password"); !s) return s.error();
  if (auto s = CheckUserFields(store_, user); !s) return s.error();
  if (user.id == who.user.id && (!user.active || user.role != dom::Role::kAdmin)) {
    return base::Invalid("role", "an administrator cannot demote or deactivate themself");
  }
  auto written = Recorded(store_, who, "user", "update", before,
                          store_.UpdateUserAndPassword(
                              user, crypto_.HashPassword(*password),
                              keep_token.empty() ? "" : crypto_.HashToken(keep_token)));
  if (written) {
    RecordAdminChange(store_, who, "user", std::to_string(id.value), "password_reset", "",
                      "sessions and API tokens revoked");
  }
  return written;
}

std::vector<dom::Unit> AdminService::Units() { return store_.ListUnits(); }
std::optional<dom::Unit> AdminService::Unit(dom::UnitId id) { return store_.GetUnit(id); }
std::vector<dom::Category> AdminService::Categories() { return store_.ListCategories(); }
std::optional<dom::Category> AdminService::Category(dom::CategoryId id) {
  return store_.GetCategory(id);
}
CenterSettings AdminService::Center() { return installation_.Get()->settings(); }

std::vector<dom::RequesterAttribute> AdminService::RequesterAttributes() {
  return installation_.Get()->settings().requester_attributes;
}

std::vector<dom::Site> AdminService::Sites() { return store_.ListSites(); }
std::optional<dom::Site> AdminService::Site(dom::SiteId id) { return store_.GetSite(id); }

Result<AdminService::AuditTrailPage> AdminService::AuditTrail(const Principal& who,
                                                               std::int64_t before_id, int limit) {
  if (!May(who, dom::Permission::kAdminister)) {
    return base::Error{base::ErrorCode::kForbidden,
                       "Only an administrator may read the audit trail", {}};
  }
  AuditTrailPage page;
  page.entries = store_.AdminAudit(before_id, limit);
  for (const AdminAuditEntry& e : page.entries) {
    if (!e.actor || page.actor_names.count(e.actor->value)) continue;
    const auto u = store_.GetUser(*e.actor);
    page.actor_names[e.actor->value] = u ? u->display_name : std::string();
  }
  return page;
}

Result<std::vector<dom::User>> AdminService::ListUsers(const Principal& who) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  return store_.ListUsers();
}

}  // namespace tawasul::app
