// Routing rules as administrators keep them: checked against the organization and against the
// other rules, written, and put on the administrative audit trail.
#include <algorithm>

#include "app/admin/admin_audit.hpp"
#include "app/admin/admin_service.hpp"
#include "domain/permissions.hpp"
#include "domain/validation.hpp"

namespace tawasul::app {

namespace dom = tawasul::domain;

namespace {

/// The field a duplicate is reported on: the first condition the rule sets.
const char* FirstCondition(const dom::RoutingRule& r) {
  if (r.category_id) return "category_id";
  if (r.site_id) return "site_id";
  if (!r.region.empty()) return "region";
  if (r.branch_id) return "branch_id";
  if (r.channel) return "channel";
  return "unit_id";
}

}  // namespace

Status AdminService::CheckRoutingRule(dom::RoutingRule& r) {
  auto unit = store_.GetUnit(r.unit_id);
  if (!unit) return base::Invalid("unit_id", "no such unit");
  if (!unit->active && r.active) return base::Invalid("unit_id", "is closed");
  if (r.category_id && !store_.GetCategory(*r.category_id)) {
    return base::Invalid("category_id", "no such category");
  }
  auto region = dom::CleanName(r.region, "region", 100, false);
  if (!region) return region.error();
  r.region = *region;
  if (r.site_id) {
    auto site = store_.GetSite(*r.site_id);
    if (!site) return base::Invalid("site_id", "no such site");
    if (!r.region.empty() && !dom::SameRegion(r.region, site->region)) {
      return base::Invalid("region", "the site is in the region \"" + site->region + "\"");
    }
  }
  if (r.branch_id) {
    auto branch = store_.GetUnit(*r.branch_id);
    if (!branch || branch->kind != dom::UnitKind::kBranch) {
      return base::Invalid("branch_id", "is not a branch");
    }
  }
  auto note = dom::CleanText(r.note, "note", 500, false);
  if (!note) return note.error();
  r.note = *note;
  if (r.active) {
    for (const dom::RoutingRule& other : store_.ListRoutingRules()) {
      if (other.id != r.id && other.active && dom::SameConditions(other, r)) {
        return base::Invalid(FirstCondition(r), "rule " + std::to_string(other.id) +
                                                    " already has the same conditions");
      }
    }
  }
  return base::Ok{};
}

Result<std::vector<dom::RoutingRule>> AdminService::RoutingRules(const Principal& who) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  return store_.ListRoutingRules();
}

Result<dom::RoutingRule> AdminService::CreateRoutingRule(const Principal& who,
                                                         dom::RoutingRule rule) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  rule.id = 0;
  if (auto s = CheckRoutingRule(rule); !s) return s.error();
  auto written = store_.CreateRoutingRule(rule);
  if (written) {
    RecordAdminChange(store_, who, "routing_rule", std::to_string(written->id), "create", "",
                      Describe(*written));
  }
  return written;
}

Result<dom::RoutingRule> AdminService::PatchRoutingRule(const Principal& who, std::int64_t id,
                                                        const Change<dom::RoutingRule>& change) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  const auto rules = store_.ListRoutingRules();
  auto it = std::find_if(rules.begin(), rules.end(),
                         [&](const dom::RoutingRule& r) { return r.id == id; });
  if (it == rules.end()) return base::NotFound("No such routing rule");
  dom::RoutingRule rule = *it;
  if (auto s = change(rule); !s) return s.error();
  rule.id = id;
  if (auto s = CheckRoutingRule(rule); !s) return s.error();
  auto written = store_.UpdateRoutingRule(rule);
  if (written) {
    RecordAdminChange(store_, who, "routing_rule", std::to_string(id), "update", Describe(*it),
                      Describe(*written));
  }
  return written;
}

Status AdminService::DeleteRoutingRule(const Principal& who, std::int64_t id) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  const auto rules = store_.ListRoutingRules();
  auto it = std::find_if(rules.begin(), rules.end(),
                         [&](const dom::RoutingRule& r) { return r.id == id; });
  if (it == rules.end()) return base::NotFound("No such routing rule");
  auto done = store_.DeleteRoutingRule(id);
  if (done) RecordAdminChange(store_, who, "routing_rule", std::to_string(id), "delete", Describe(*it), "");
  return done;
}

}  // namespace tawasul::app
