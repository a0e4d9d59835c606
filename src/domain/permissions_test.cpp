#include "domain/permissions.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace tawasul::domain {
namespace {

constexpr Role kRoles[] = {Role::kAgent,      Role::kDispatcher, Role::kUnitStaff, Role::kHead,
                           Role::kSupervisor, Role::kAnalyst,    Role::kAdmin};

TEST(Permissions, NamesAreUniqueAndReadBack) {
  std::set<std::string> names;
  for (int i = 0; i <= static_cast<int>(Permission::kAdminister); ++i) {
    const auto p = static_cast<Permission>(i);
    const std::string name(ToString(p));
    EXPECT_TRUE(names.insert(name).second) << name;
    EXPECT_EQ(ParsePermission(name), p) << name;
  }
  EXPECT_FALSE(ParsePermission("reports.write").has_value());
}

TEST(Permissions, UnitsAndAnalystsNeverSeeWhoWrote) {
  EXPECT_FALSE(Allows(Role::kUnitStaff, Permission::kSeeRequesterIdentity));
  EXPECT_FALSE(Allows(Role::kAnalyst, Permission::kSeeRequesterIdentity));
  EXPECT_FALSE(Allows(Role::kUnitStaff, Permission::kReleaseAttachments));
  EXPECT_FALSE(Allows(Role::kUnitStaff, Permission::kRetypeCases));
  EXPECT_TRUE(Allows(Role::kUnitStaff, Permission::kWriteCases));  // they answer referrals
  EXPECT_TRUE(Allows(Role::kUnitStaff, Permission::kInboxUnit));
  EXPECT_FALSE(Allows(Role::kUnitStaff, Permission::kInboxTriage));
}

TEST(Permissions, AnalystsReadStatisticsAndChangeNothing) {
  const auto held = PermissionsOf(Role::kAnalyst);
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0], Permission::kReadReports);
}

TEST(Permissions, OnlyAdministratorsAdministerAndTheyHoldEverything) {
  for (Role r : kRoles) EXPECT_EQ(Allows(r, Permission::kAdminister), r == Role::kAdmin);
  EXPECT_EQ(PermissionsOf(Role::kAdmin).size(), static_cast<std::size_t>(Permission::kAdminister) + 1);
}

TEST(Permissions, OversightIsForTheHeadSupervisorsAndAdmins) {
  for (Role r : kRoles) {
    const bool oversight = r == Role::kHead || r == Role::kSupervisor || r == Role::kAdmin;
    EXPECT_EQ(Allows(r, Permission::kReadAccessLog), oversight);
    EXPECT_EQ(Allows(r, Permission::kReadReports), oversight || r == Role::kAnalyst);
    EXPECT_EQ(Allows(r, Permission::kReadUnitReports), r == Role::kUnitStaff || r == Role::kAdmin)
        << "unit staff read their own unit's figures";
    EXPECT_EQ(Allows(r, Permission::kReadWallboard), oversight || r == Role::kDispatcher);
    EXPECT_EQ(Allows(r, Permission::kInboxMeetings), oversight || r == Role::kDispatcher);
  }
}

}  // namespace
}  // namespace tawasul::domain
