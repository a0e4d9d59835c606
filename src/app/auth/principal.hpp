#pragma once

#include <optional>

#include "base/result.hpp"
#include "domain/model.hpp"
#include "domain/permissions.hpp"

namespace tawasul::app {

/// Who is acting: an authenticated user (session or API token).
struct Principal {
  domain::User user;
  domain::TokenKind via = domain::TokenKind::kSession;
};

/// Role checks used across the use cases: the domain's permissions table (domain/permissions).
bool IsStaffWithFullCaseAccess(domain::Role r);  ///< cases.all
bool CanSeeRequesterIdentity(domain::Role r);    ///< requesters.identity
bool CanWriteCases(domain::Role r);              ///< cases.write
/// Whether `who`'s role holds `p`.
bool May(const Principal& who, domain::Permission p);
/// Forbidden ("This needs the admin role") unless `who` administers; the administration use
/// cases' first check.
base::Status RequireAdmin(const Principal& who);
/// Whether `who` may see a request now referred to `unit_id` (unit staff: only their unit's).
/// The one rule behind CaseService::Visible and the live feed.
bool MaySeeCase(const Principal& who, const std::optional<domain::UnitId>& unit_id);

}  // namespace tawasul::app
