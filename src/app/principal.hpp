#pragma once

#include <optional>

#include "domain/model.hpp"

namespace tawasul::app {

/// Who is acting: an authenticated user (session or API token).
struct Principal {
  domain::User user;
  domain::TokenKind via = domain::TokenKind::kSession;
};

/// Role checks used across the use cases.
bool IsStaffWithFullCaseAccess(domain::Role r);  ///< dispatcher, head, supervisor, admin
bool CanSeeRequesterIdentity(domain::Role r);    ///< everyone but unit_staff and analyst
bool CanWriteCases(domain::Role r);              ///< everyone but analyst
/// Whether `who` may see a request now referred to `unit_id` (unit staff: only their unit's).
/// The one rule behind CaseService::Visible and the live feed.
bool MaySeeCase(const Principal& who, const std::optional<domain::UnitId>& unit_id);

}  // namespace tawasul::app
