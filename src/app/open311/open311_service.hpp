#pragma once
// Open311 GeoReport v2 (decision 0029): municipal apps and FixMyStreet-style clients list the
// services (the taxonomy's categories), file reports with an API key that admins issue, and
// follow any report by its tracking code. What is published carries no identity: descriptions
// and answers are masked like a unit's view, and no requester field is ever given out.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/auth/principal.hpp"
#include "app/cases/case_service.hpp"
#include "app/cases/case_service_store.hpp"
#include "app/crypto.hpp"
#include "app/installation/installation.hpp"
#include "app/open311/open311_store.hpp"
#include "base/result.hpp"
#include "base/time.hpp"

namespace tawasul::app {

struct Open311ServiceInfo {
  std::string code;
  std::string name;
  std::string group;  ///< the parent category's name
  std::string description;
};

/// A report as GET requests publishes it.
struct Open311Report {
  std::string service_request_id;  ///< the tracking code
  std::string status;              ///< open | closed
  std::string status_notes;        ///< the public answer, masked
  std::string service_name;
  std::string service_code;
  std::string description;         ///< masked
  std::string agency_responsible;
  base::Time requested_datetime{};
  base::Time updated_datetime{};
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::string address;
  std::string media_url;
};

/// POST requests' fields as the form gives them (strings; checked here).
struct Open311Submission {
  std::string api_key;
  std::string service_code;
  std::string description;
  std::string lat;
  std::string lon;
  std::string address_string;
  std::string email;
  std::string phone;
  std::string first_name;
  std::string last_name;
  std::string device_id;
  std::string media_url;
};

struct Open311Query {
  std::vector<std::string> ids;  ///< service_request_id, comma separated in the query
  std::string service_code;
  std::optional<base::Time> start;
  std::optional<base::Time> end;
  std::string status;  ///< open | closed | empty
};

class Open311Service {
 public:
  Open311Service(CaseServiceStore& cases_store, Open311Store& store, CaseService& cases,
                 Crypto& crypto, const base::Clock& clock, const Settings& settings,
                 InstallationRef& installation);

  std::vector<Open311ServiceInfo> Services();
  /// NotFound for an unknown or retired code.
  Result<Open311ServiceInfo> Service(const std::string& code);
  /// Files a report; its tracking code. Forbidden for a missing, unknown or revoked key;
  /// Invalid naming the field for what the spec or our rules refuse.
  Result<std::string> Submit(const Open311Submission& in);
  /// Reports, newest first (at most 1000, the last 90 days unless dates are given).
  Result<std::vector<Open311Report>> Requests(const Open311Query& q);

  // Administrators: the client applications and their keys (the key is shown once).
  Result<std::vector<Open311Client>> Clients(const Principal& who);
  Result<std::pair<Open311Client, std::string>> CreateClient(const Principal& who, const std::string& name);
  Result<Open311Client> RevokeClient(const Principal& who, std::int64_t id);

 private:
  std::string Name(const d::LocalizedName& n) const;

  CaseServiceStore& cases_store_;
  Open311Store& store_;
  CaseService& cases_;
  Crypto& crypto_;
  const base::Clock& clock_;
  const Settings& settings_;
  InstallationRef& installation_;
};

}  // namespace tawasul::app
