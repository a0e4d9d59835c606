// Routing rules (migration 0018): a small table read whole when a request is routed.
#include <string>

#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"

namespace tawasul::store {

using namespace rows;  // NOLINT(google-build-using-namespace): column lists and mappers

namespace {

constexpr std::string_view kRuleCols =
    "id, category_id, site_id, region, branch_id, channel, unit_id, active, note";

d::RoutingRule RuleFrom(const Row& r) {
  d::RoutingRule out;
  out.id = AsInt(r[0]);
  out.category_id = AsOptId<d::CategoryId>(r[1]);
  out.site_id = AsOptId<d::SiteId>(r[2]);
  out.region = AsText(r[3]);
  out.branch_id = AsOptId<d::UnitId>(r[4]);
  const std::string channel = AsText(r[5]);
  if (!channel.empty()) out.channel = Parsed(d::ParseChannel, r[5], "channel");
  out.unit_id = AsId<d::UnitId>(r[6]);
  out.active = AsInt(r[7]) != 0;
  out.note = AsText(r[8]);
  return out;
}

Params RuleParams(const d::RoutingRule& rule) {
  return {IdOrNull(rule.category_id), IdOrNull(rule.site_id), Text(rule.region),
          IdOrNull(rule.branch_id),
          Text(rule.channel ? std::string(d::ToString(*rule.channel)) : std::string()),
          IdValue(rule.unit_id), Bool(rule.active), Text(rule.note)};
}

}  // namespace

std::vector<d::RoutingRule> SqlStore::ListRoutingRules() {
  return Read([&](Conn& c) {
    std::vector<d::RoutingRule> out;
    for (const Row& r : c.Query(Select(kRuleCols, "routing_rules", "ORDER BY id"))) {
      out.push_back(RuleFrom(r));
    }
    return out;
  });
}

Result<d::RoutingRule> SqlStore::CreateRoutingRule(const d::RoutingRule& rule) {
  return Write<d::RoutingRule>([&](Conn& c) -> Result<d::RoutingRule> {
    const auto r = c.Query(
        "INSERT INTO routing_rules (category_id, site_id, region, branch_id, channel, unit_id, "
        "active, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        RuleParams(rule));
    d::RoutingRule out = rule;
    out.id = AsInt(r.at(0).at(0));
    return out;
  });
}

Result<d::RoutingRule> SqlStore::UpdateRoutingRule(const d::RoutingRule& rule) {
  return Write<d::RoutingRule>([&](Conn& c) -> Result<d::RoutingRule> {
    Params params = RuleParams(rule);
    params.push_back(Int(rule.id));
    const auto r = c.Query(
        "UPDATE routing_rules SET category_id = $1, site_id = $2, region = $3, branch_id = $4, "
        "channel = $5, unit_id = $6, active = $7, note = $8 WHERE id = $9 RETURNING " +
            std::string(kRuleCols),
        params);
    if (r.empty()) return base::NotFound("no such routing rule");
    return RuleFrom(r[0]);
  });
}

Status SqlStore::DeleteRoutingRule(std::int64_t id) {
  return Write<base::Ok>([&](Conn& c) -> Status {
    if (c.Exec("DELETE FROM routing_rules WHERE id = $1", {Int(id)}) == 0) {
      return base::NotFound("no such routing rule");
    }
    return base::Ok{};
  });
}

}  // namespace tawasul::store
