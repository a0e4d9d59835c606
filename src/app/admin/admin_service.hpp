#pragma once
// Administration of units, categories, sites and users (admin role).

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/auth/principal.hpp"
#include "app/crypto.hpp"
#include "app/installation/installation.hpp"
#include "app/admin/admin_service_store.hpp"
#include "base/result.hpp"

namespace tawasul::app {

struct NewUserInput {
  std::string username;
  std::string display_name;
  d::Role role = d::Role::kAgent;
  std::optional<d::UnitId> unit_id;
  std::string language = "ar";
  std::string password;
  std::string extension = {};  ///< the telephone extension ("" none)
};

/// Administration of units, categories, sites and users (admin role).
class AdminService {
 public:
  AdminService(AdminServiceStore& store, Crypto& crypto, InstallationRef& installation);
  Result<d::Unit> CreateUnit(const Principal& who, d::Unit unit);
  Result<d::Unit> UpdateUnit(const Principal& who, d::Unit unit);
  Result<d::Category> CreateCategory(const Principal& who, d::Category category);
  Result<d::Category> UpdateCategory(const Principal& who, d::Category category);
  Result<d::Site> CreateSite(const Principal& who, d::Site site);
  Result<d::Site> UpdateSite(const Principal& who, d::Site site);
  Result<d::User> CreateUser(const Principal& who, const NewUserInput& input);
  Result<d::User> UpdateUser(const Principal& who, d::User user);
  /// An administrator's password reset; ends the user's sessions except `keep_token`'s.
  Status ResetPassword(const Principal& who, d::UserId id, const std::string& password,
                       const std::string& keep_token);
  Result<std::vector<d::User>> ListUsers(const Principal& who);

  /// The organization, taxonomy and sites as every signed-in user reads them (pickers, labels)
  /// and the portal lists the active ones. No role check: none of it is personal.
  std::vector<d::Unit> Units();
  std::optional<d::Unit> Unit(d::UnitId id);
  std::vector<d::Category> Categories();
  std::optional<d::Category> Category(d::CategoryId id);
  std::vector<d::Site> Sites();
  std::optional<d::Site> Site(d::SiteId id);
  /// What the center records about requesters (the profile's [[requester_attributes]]): the
  /// console and the portal show these fields.
  std::vector<d::RequesterAttribute> RequesterAttributes();
  /// The center as the public sees it: its name, calendar, time zone and languages (the portal
  /// and the login page show dates in the center's calendar and zone, and name the center).
  CenterSettings Center();

  /// One page of the administrative audit trail, newest first (admin only), with the display
  /// names of those who made the changes.
  struct AuditTrailPage {
    std::vector<AdminAuditEntry> entries;
    std::map<std::int64_t, std::string> actor_names;  ///< user id -> display name
  };
  Result<AuditTrailPage> AuditTrail(const Principal& who, std::int64_t before_id, int limit);

  /// A PATCH as a use case: the role first, then the stored record (404), then `change` (the
  /// request's fields laid over it; its error is the caller's), the checks and the write.
  template <class T>
  using Change = std::function<Status(T&)>;
  Result<d::Unit> PatchUnit(const Principal& who, d::UnitId id, const Change<d::Unit>& change);
  Result<d::Category> PatchCategory(const Principal& who, d::CategoryId id,
                                    const Change<d::Category>& change);
  Result<d::Site> PatchSite(const Principal& who, d::SiteId id, const Change<d::Site>& change);
  /// With `password`, the user's fields and the new password are written in one transaction
  /// (their sessions and tokens revoked but `keep_token`'s); a weak password changes nothing.
  Result<d::User> PatchUser(const Principal& who, d::UserId id, const Change<d::User>& change,
                            const std::optional<std::string>& password,
                            const std::string& keep_token);
  /// Routing rules (domain/routing.hpp): admins list and change them; a rule is checked against
  /// the organization (its unit, category, site and branch exist; a branch is a unit of kind
  /// branch; a site and a region agree) and against the other active rules (no two with the same
  /// conditions, which would leave the winner to their age).
  Result<std::vector<d::RoutingRule>> RoutingRules(const Principal& who);
  Result<d::RoutingRule> CreateRoutingRule(const Principal& who, d::RoutingRule rule);
  Result<d::RoutingRule> PatchRoutingRule(const Principal& who, std::int64_t id,
                                          const Change<d::RoutingRule>& change);
  Status DeleteRoutingRule(const Principal& who, std::int64_t id);
  /// Used by the CLI (no principal: the operator at the console is trusted).
  Result<d::User> CreateUserUnchecked(const NewUserInput& input);

 private:
  Status CheckUnit(const d::Unit& unit);
  Status CheckCategory(const d::Category& category);
  Status CheckSite(const d::Site& site);
  Status CheckRoutingRule(d::RoutingRule& rule);
  AdminServiceStore& store_;
  Crypto& crypto_;
  InstallationRef& installation_;
};

}  // namespace tawasul::app
