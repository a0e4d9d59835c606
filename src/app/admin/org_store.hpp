#pragma once
// The organization's store port: units, categories, sites and the routing rules over them.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "domain/model.hpp"
#include "domain/routing.hpp"

namespace tawasul::app {

using base::Result;
using base::Status;
namespace d = tawasul::domain;

/// The organization tree, the category taxonomy and the sites.
class OrgStore {
 public:
  virtual ~OrgStore() = default;

  // Organization, taxonomy, sites
  virtual Result<d::Unit> CreateUnit(const d::Unit& unit) = 0;
  virtual Result<d::Unit> UpdateUnit(const d::Unit& unit) = 0;
  virtual std::optional<d::Unit> GetUnit(d::UnitId id) = 0;
  virtual std::vector<d::Unit> ListUnits() = 0;
  virtual Result<d::Category> CreateCategory(const d::Category& category) = 0;
  virtual Result<d::Category> UpdateCategory(const d::Category& category) = 0;
  virtual std::optional<d::Category> GetCategory(d::CategoryId id) = 0;
  virtual std::vector<d::Category> ListCategories() = 0;
  virtual Result<d::Site> CreateSite(const d::Site& site) = 0;
  virtual Result<d::Site> UpdateSite(const d::Site& site) = 0;
  virtual std::optional<d::Site> GetSite(d::SiteId id) = 0;
  virtual std::vector<d::Site> ListSites() = 0;

  // Routing rules (domain/routing.hpp), by id.
  virtual std::vector<d::RoutingRule> ListRoutingRules() = 0;
  virtual Result<d::RoutingRule> CreateRoutingRule(const d::RoutingRule& rule) = 0;
  /// NotFound when `rule.id` is unknown.
  virtual Result<d::RoutingRule> UpdateRoutingRule(const d::RoutingRule& rule) = 0;
  virtual Status DeleteRoutingRule(std::int64_t id) = 0;
};

}  // namespace tawasul::app
