#pragma once

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

}  // namespace tawasul::app
