#include "app/principal.hpp"

namespace tawasul::app {

using domain::Role;

bool IsStaffWithFullCaseAccess(Role r) {
  switch (r) {
    case Role::kDispatcher:
    case Role::kHead:
    case Role::kSupervisor:
    case Role::kAdmin:
      return true;
    case Role::kAgent:
    case Role::kUnitStaff:
    case Role::kAnalyst:
      return false;
  }
  return false;
}

bool CanSeeRequesterIdentity(Role r) {
  switch (r) {
    case Role::kAgent:
    case Role::kDispatcher:
    case Role::kHead:
    case Role::kSupervisor:
    case Role::kAdmin:
      return true;
    case Role::kUnitStaff:  // referrals reach units anonymized
    case Role::kAnalyst:    // statistics need no identities
      return false;
  }
  return false;
}

bool CanWriteCases(Role r) { return r != Role::kAnalyst; }

bool MaySeeCase(const Principal& who, const std::optional<domain::UnitId>& unit_id) {
  return who.user.role != Role::kUnitStaff || unit_id == who.user.unit_id;
}

}  // namespace tawasul::app
