#include "app/auth/principal.hpp"

#include "domain/permissions.hpp"

namespace tawasul::app {

using domain::Permission;
using domain::Role;

bool IsStaffWithFullCaseAccess(Role r) { return domain::Allows(r, Permission::kAllCases); }

bool CanSeeRequesterIdentity(Role r) {
  return domain::Allows(r, Permission::kSeeRequesterIdentity);
}

bool CanWriteCases(Role r) { return domain::Allows(r, Permission::kWriteCases); }

bool May(const Principal& who, Permission p) { return domain::Allows(who.user.role, p); }

base::Status RequireAdmin(const Principal& who) {
  if (!May(who, Permission::kAdminister)) {
    return base::Error{base::ErrorCode::kForbidden, "This needs the admin role", {}};
  }
  return base::Ok{};
}

bool MaySeeCase(const Principal& who, const std::optional<domain::UnitId>& unit_id) {
  return who.user.role != Role::kUnitStaff || unit_id == who.user.unit_id;
}

}  // namespace tawasul::app
