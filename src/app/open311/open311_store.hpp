#pragma once
// The Open311 module's store port: client applications and their keys, and where each report
// filed through them was made.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "domain/model.hpp"

namespace tawasul::app {

namespace d = tawasul::domain;

struct Open311Client {
  std::int64_t id = 0;
  std::string name;
  base::Time created_at{};
  std::optional<base::Time> revoked_at;
};

/// The place and details a client application sent with a report.
struct Open311Location {
  d::CaseId case_id;
  std::int64_t client_id = 0;
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::string address;
  std::string device_id;
  std::string media_url;
};

class Open311Store {
 public:
  virtual ~Open311Store() = default;
  /// Conflict on a name in use.
  virtual base::Result<Open311Client> CreateOpen311Client(const std::string& name,
                                                          const std::string& key_hash,
                                                          base::Time at) = 0;
  virtual std::vector<Open311Client> ListOpen311Clients() = 0;
  /// The client holding this key, revoked or not.
  virtual std::optional<Open311Client> FindOpen311Client(const std::string& key_hash) = 0;
  /// NotFound when there is no such client.
  virtual base::Result<Open311Client> RevokeOpen311Client(std::int64_t id, base::Time at) = 0;
  virtual base::Status SaveOpen311Location(const Open311Location& location) = 0;
  /// The locations kept for these requests (those filed through Open311).
  virtual std::vector<Open311Location> Open311Locations(const std::vector<d::CaseId>& ids) = 0;
};

}  // namespace tawasul::app
