#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace tawasul::domain {

/// What a role may do. One table (permissions.cpp) that the use cases check and the web app
/// reads (GET /api/v1/auth/me `permissions`), so the screens never keep their own copy. A
/// workflow's actions name their own roles; these are the rules around them.
enum class Permission {
  kWriteCases,           ///< cases.write: register, act on and change requests
  kRetypeCases,          ///< cases.retype: correct a request's type, category, site, text
  kSeeRequesterIdentity, ///< requesters.identity: the citizen's name, number, e-mail
  kAllCases,             ///< cases.all: every request whoever holds it, and its decisions
  kReleaseAttachments,   ///< attachments.release: let an anonymized unit see a file
  kResendMessages,       ///< messages.resend
  kDismissReviews,       ///< reviews.dismiss: clear a low rating's review flag
  kReadAccessLog,        ///< audit.access_log: who looked at whose identity
  kReadReports,          ///< reports.read: statistics and their exports
  kReadUnitReports,      ///< reports.unit: their own unit's statistics (unit staff)
  kTagCases,             ///< cases.tag: the crisis and topic tags
  kReadWallboard,        ///< wallboard.read
  kInboxTriage,          ///< inbox.triage
  kInboxUnit,            ///< inbox.unit
  kInboxCallbacks,       ///< inbox.callbacks
  kInboxMeetings,        ///< inbox.meetings
  kInboxReview,          ///< inbox.review: requests a citizen rated low
  kTakeCalls,            ///< calls.take: the screen-pop of a call and the callback worklist
  kAssignCases,          ///< cases.assign: give a request to a colleague (anyone may claim one)
  kAdminister,           ///< admin: users, units, categories, sites, workflows, settings
};

/// Whether `role` holds `p`.
bool Allows(Role role, Permission p);
/// The wire name, e.g. "reports.read".
std::string_view ToString(Permission p);
std::optional<Permission> ParsePermission(std::string_view s);
/// Every permission `role` holds, in the table's order.
std::vector<Permission> PermissionsOf(Role role);

}  // namespace tawasul::domain
