#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/store.hpp"
#include "app/installation/installation.hpp"
#include "app/admin/admin_service.hpp"
#include "app/cases/case_service.hpp"

namespace tawasul::app {

/// A center's profile as read from profiles/NAME/ (docs/profiles.md), cross-checked.
struct Profile {
  struct UnitSeed {
    d::Unit unit;
    std::string parent;
  };
  struct CategorySeed {
    d::Category category;
    std::string parent;
    std::string default_unit;
  };
  /// A routing rule by codes ("" for a condition it does not set).
  struct RoutingSeed {
    std::string category, site, region, branch, channel, unit, note;
  };
  struct UserSeed {
    std::string username, display_name, unit, language;
    d::Role role = d::Role::kAgent;
    std::string email, phone;  ///< where escalations reach them (phone in E.164)
    bool manager = false;      ///< a unit_staff user who manages their unit
  };
  struct SampleCase {
    d::CaseType type = d::CaseType::kComplaint;
    std::string category, site;
    d::Channel channel = d::Channel::kPhone;
    std::string description;
    std::optional<RequesterInput> requester;
  };
  CenterSettings settings;
  std::vector<UnitSeed> units;
  std::vector<CategorySeed> categories;
  std::vector<d::Site> sites;
  std::vector<RoutingSeed> routing;
  /// A unit's monthly figures by email ([[report_schedules]]).
  struct ScheduleSeed {
    std::string unit;
    std::vector<std::string> recipients;
    std::string language;
  };
  std::vector<ScheduleSeed> schedules;
  std::vector<UserSeed> users;
  std::vector<InstallationStore::TemplateText> templates;
  std::vector<SampleCase> samples;
  std::vector<InstallationStore::WorkflowSource> workflow_sources;
  std::map<std::string, d::Workflow> workflows;
  SlaConfig sla;  ///< business calendars, SLA policies, the survey
};

/// Parses a profile from its files: `profile_file` → its text, and the workflow files (path →
/// text; a later file with the same workflow name replaces an earlier one, so a center's own
/// file overrides a shared one when listed after it). Errors read "FILE:LINE: problem".
base::Result<Profile> ParseProfile(const std::string& profile_file, const std::string& profile_text,
                                   const std::vector<std::pair<std::string, std::string>>& workflow_files);

/// Loads a parsed profile into an empty store through the use cases (so every rule applies),
/// installs its workflows and templates, and registers its sample requests. Returns a summary.
base::Result<std::string> LoadProfile(const Profile& profile, Store& store, AdminService& admin,
                                      CaseService& cases, InstallationRef& installation,
                                      const std::string& password);

}  // namespace tawasul::app
