#include "domain/permissions.hpp"

#include <array>
#include <initializer_list>

namespace tawasul::domain {
namespace {

constexpr unsigned Bit(Role r) { return 1u << static_cast<unsigned>(r); }

constexpr unsigned Of(std::initializer_list<Role> roles) {
  unsigned m = 0;
  for (Role r : roles) m |= Bit(r);
  return m;
}

struct Row {
  Permission permission;
  std::string_view name;
  unsigned roles;
};

constexpr Role kAgent = Role::kAgent;
constexpr Role kDispatcher = Role::kDispatcher;
constexpr Role kUnitStaff = Role::kUnitStaff;
constexpr Role kHead = Role::kHead;
constexpr Role kSupervisor = Role::kSupervisor;
constexpr Role kAnalyst = Role::kAnalyst;
constexpr Role kAdmin = Role::kAdmin;

// Referrals reach units anonymized, and statistics need no identities: unit staff and analysts
// never hold requesters.identity. Analysts change nothing. Oversight (the access log, reports)
// is for the head, supervisors and admins; the wallboard also for dispatchers.
constexpr std::array kTable{
    Row{Permission::kWriteCases, "cases.write",
        Of({kAgent, kDispatcher, kUnitStaff, kHead, kSupervisor, kAdmin})},
    Row{Permission::kRetypeCases, "cases.retype",
        Of({kAgent, kDispatcher, kHead, kSupervisor, kAdmin})},
    Row{Permission::kSeeRequesterIdentity, "requesters.identity",
        Of({kAgent, kDispatcher, kHead, kSupervisor, kAdmin})},
    Row{Permission::kAllCases, "cases.all", Of({kDispatcher, kHead, kSupervisor, kAdmin})},
    Row{Permission::kReleaseAttachments, "attachments.release",
        Of({kDispatcher, kHead, kSupervisor, kAdmin})},
    Row{Permission::kResendMessages, "messages.resend",
        Of({kDispatcher, kHead, kSupervisor, kAdmin})},
    Row{Permission::kDismissReviews, "reviews.dismiss",
        Of({kDispatcher, kHead, kSupervisor, kAdmin})},
    Row{Permission::kReadAccessLog, "audit.access_log", Of({kHead, kSupervisor, kAdmin})},
    Row{Permission::kReadReports, "reports.read", Of({kAnalyst, kHead, kSupervisor, kAdmin})},
    Row{Permission::kReadUnitReports, "reports.unit", Of({kUnitStaff, kAdmin})},
    Row{Permission::kTagCases, "cases.tag", Of({kDispatcher, kHead, kSupervisor, kAdmin})},
    Row{Permission::kReadWallboard, "wallboard.read",
        Of({kDispatcher, kHead, kSupervisor, kAdmin})},
    Row{Permission::kInboxTriage, "inbox.triage",
        Of({kAgent, kDispatcher, kHead, kSupervisor, kAdmin})},
    Row{Permission::kInboxUnit, "inbox.unit",
        Of({kAgent, kDispatcher, kUnitStaff, kHead, kSupervisor, kAdmin})},
    Row{Permission::kInboxCallbacks, "inbox.callbacks",
        Of({kAgent, kDispatcher, kHead, kSupervisor, kAdmin})},
    Row{Permission::kInboxMeetings, "inbox.meetings", Of({kDispatcher, kHead, kSupervisor, kAdmin})},
    Row{Permission::kInboxReview, "inbox.review",
        Of({kAgent, kDispatcher, kHead, kSupervisor, kAdmin})},
    Row{Permission::kTakeCalls, "calls.take",
        Of({kAgent, kDispatcher, kHead, kSupervisor, kAdmin})},
    Row{Permission::kAssignCases, "cases.assign", Of({kDispatcher, kHead, kSupervisor, kAdmin})},
    Row{Permission::kAdminister, "admin", Of({kAdmin})},
};

constexpr bool Complete() {
  for (std::size_t i = 0; i < kTable.size(); ++i) {
    if (static_cast<std::size_t>(kTable[i].permission) != i) return false;
  }
  return kTable.size() == static_cast<std::size_t>(Permission::kAdminister) + 1;
}
static_assert(Complete(), "one row per Permission, in the enum's order");

}  // namespace

bool Allows(Role role, Permission p) {
  return (kTable[static_cast<std::size_t>(p)].roles & Bit(role)) != 0;
}

std::string_view ToString(Permission p) { return kTable[static_cast<std::size_t>(p)].name; }

std::optional<Permission> ParsePermission(std::string_view s) {
  for (const Row& r : kTable) {
    if (r.name == s) return r.permission;
  }
  return std::nullopt;
}

std::vector<Permission> PermissionsOf(Role role) {
  std::vector<Permission> out;
  for (const Row& r : kTable) {
    if ((r.roles & Bit(role)) != 0) out.push_back(r.permission);
  }
  return out;
}

}  // namespace tawasul::domain
