#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/business_calendar.hpp"
#include "domain/sla_clock.hpp"

namespace tawasul::app {

namespace d = tawasul::domain;

/// The satisfaction survey sent when a request closes (docs/profiles.md, [survey]).
struct SurveySettings {
  bool enabled = false;    ///< the profile has a [survey] table
  std::string link_base;   ///< e.g. "https://1111.example.om"; the link is link_base + "/s/" + token
  int valid_days = 14;     ///< the link expires this long after the closing
  int low_rating = 2;      ///< a rating at or below this flags the request for review
};

/// A center's service levels: business calendars, SLA policies and the survey, from the
/// profile's [calendars.NAME], [[sla]] and [survey] tables. Stored in the installation as the
/// TOML text of those tables (key "sla"), so every node reads the same ones.
struct SlaConfig {
  /// By name; "contact_center" is always there (round the clock unless the profile says
  /// otherwise).
  std::map<std::string, d::BusinessCalendar> calendars;
  std::vector<d::SlaPolicy> policies;  ///< the first that matches a request applies
  SurveySettings survey;
  std::string source;  ///< TOML of the tables above; empty when the profile has none

  /// The named calendar; a name no longer configured reads as round the clock.
  const d::BusinessCalendar& Calendar(const std::string& name) const;
};

/// The calendar every installation has: the contact center itself.
inline constexpr const char* kContactCenterCalendar = "contact_center";
/// The installation key holding SlaConfig::source.
inline constexpr const char* kInstallationSlaKey = "sla";

/// Reads the service-level tables from a profile's (or the installation's) TOML text, in the
/// center's `time_zone`. When `category_codes` is given, policies may name only those
/// categories. Errors read "FILE:LINE: problem" (field "profile").
base::Result<SlaConfig> ParseSlaConfig(const std::string& file, const std::string& text,
                                       const std::string& time_zone,
                                       const std::set<std::string>* category_codes = nullptr);

}  // namespace tawasul::app
