// Breakdowns and trends from the store's daily totals (migration 0007, decision 0011). The totals
// count requests by local day and by one dimension's value, so they answer exactly a query whose
// bounds fall on local midnights and whose filters are on the dimension asked for (a breakdown)
// or on one dimension (a trend); anything else is counted from raw rows by report_service.cpp.
#include <cstdio>
#include <mutex>
#include <set>

#include "app/reports/report_service.hpp"

namespace tawasul::app {

namespace d = tawasul::domain;
using std::chrono::local_days;

namespace {

/// Requests created in [1970-01-02, 2200-01-01) UTC are bucketed; the store checks that none
/// lies outside before its totals answer (so local days are never negative, and the offsets
/// need not run forever).
constexpr std::int64_t kCoversFromMicros = 86'400'000'000;
constexpr std::int64_t kCoversToMicros = 7'258'118'400'000'000;

/// The zone's offsets over the coverage, with a fingerprint naming the zone and hashing them
/// (a new ICU with other rules for the zone makes another fingerprint, so a recount).
ReportZoneOffsets OffsetsOf(const d::TimeZone& zone) {
  static std::mutex mu;
  static std::map<std::string, ReportZoneOffsets> cache;
  std::lock_guard lock(mu);
  if (auto it = cache.find(zone.id()); it != cache.end()) return it->second;
  ReportZoneOffsets z;
  z.covers_from = base::FromMicros(kCoversFromMicros);
  z.covers_to = base::FromMicros(kCoversToMicros);
  std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a 64
  auto mix = [&](std::int64_t v) {
    for (int i = 0; i < 8; ++i) {
      hash ^= static_cast<std::uint64_t>(v >> (8 * i)) & 0xff;
      hash *= 1099511628211ULL;
    }
  };
  mix(kCoversFromMicros);
  mix(kCoversToMicros);
  for (const auto& [at, offset] : zone.OffsetChanges(z.covers_from, z.covers_to)) {
    z.offsets.emplace_back(at, static_cast<std::int32_t>(offset.count()));
    mix(base::ToMicros(at));
    mix(offset.count());
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  z.fingerprint = zone.id() + "/" + hex;
  cache[zone.id()] = z;
  return z;
}

local_days LocalDay(const d::TimeZone& zone, base::Time t) {
  return std::chrono::floor<std::chrono::days>(zone.ToLocal(t));
}

/// The local days [from, to) covers, when both bounds (if set) are local midnights.
std::optional<ReportDayRange> DaysOf(std::optional<base::Time> from, std::optional<base::Time> to,
                                     const d::TimeZone& zone) {
  constexpr std::chrono::microseconds kTick(1);
  ReportDayRange out;
  if (from) {
    const local_days day = LocalDay(zone, *from);
    if (LocalDay(zone, *from - kTick) >= day) return std::nullopt;  // not the day's first instant
    out.first = day.time_since_epoch().count();
  }
  if (to) {
    const local_days day = LocalDay(zone, *to);
    if (LocalDay(zone, *to - kTick) >= day) return std::nullopt;
    out.last = day.time_since_epoch().count() - 1;
  }
  return out;
}

/// `root` and every node below it, as breakdown keys.
template <class Node>
std::set<std::string> SubtreeKeys(const std::vector<Node>& nodes, std::int64_t root) {
  std::set<std::int64_t> ids{root};
  for (bool grew = true; grew;) {
    grew = false;
    for (const Node& n : nodes) {
      if (n.parent_id && ids.count(n.parent_id->value) != 0 && ids.insert(n.id.value).second) {
        grew = true;
      }
    }
  }
  std::set<std::string> out;
  for (auto id : ids) out.insert(std::to_string(id));
  return out;
}

const char* DimOf(BreakdownBy by) {
  switch (by) {
    case BreakdownBy::kCategory:
      return "category";
    case BreakdownBy::kUnit:
      return "unit";
    case BreakdownBy::kChannel:
      return "channel";
    case BreakdownBy::kType:
      return "type";
    case BreakdownBy::kStatus:
      return "status";
    case BreakdownBy::kSite:
      return "site";
    case BreakdownBy::kAgent:
      return "agent";
    case BreakdownBy::kBranch:
      return "branch";
    case BreakdownBy::kTag:
    case BreakdownBy::kAttribute:  // a requester's, as it is now: raw rows
      break;
  }
  return nullptr;
}

/// A filter of the query as the keys of one dimension it allows.
struct DimFilter {
  const char* dim;
  std::set<std::string> keys;
};

/// The query's filters on request dimensions; nullopt when one cannot be told from the totals.
std::optional<std::vector<DimFilter>> FiltersOf(const ReportQuery& q, OrgStore& store) {
  if (!q.tag.empty()) return std::nullopt;
  std::vector<DimFilter> out;
  if (q.unit_id) out.push_back({"unit", SubtreeKeys(store.ListUnits(), q.unit_id->value)});
  if (q.category_id) {
    out.push_back({"category", SubtreeKeys(store.ListCategories(), q.category_id->value)});
  }
  if (q.channel) out.push_back({"channel", {std::string(d::ToString(*q.channel))}});
  if (q.type) out.push_back({"type", {std::string(d::ToString(*q.type))}});
  if (q.site_id) out.push_back({"site", {std::to_string(q.site_id->value)}});
  if (q.agent_id) out.push_back({"agent", {std::to_string(q.agent_id->value)}});
  if (q.branch_id) out.push_back({"branch", {std::to_string(q.branch_id->value)}});
  return out;
}

}  // namespace

base::Result<bool> ReportService::SyncDailyTotals() {
  auto zone = Zone();
  if (!zone) return zone.error();
  return reports_.SetReportZone(OffsetsOf(*zone));
}

std::optional<std::map<std::string, std::int64_t>> ReportService::BreakdownFromTotals(
    const ReportQuery& q, const Range& range, const d::TimeZone& zone, BreakdownBy by,
    const char* totals_dim) {
  const char* dim = DimOf(by);
  if (!use_totals_ || dim == nullptr) return std::nullopt;
  const auto days = DaysOf(range.from, range.to, zone);
  if (!days) return std::nullopt;
  auto filters = FiltersOf(q, store_);
  if (!filters) return std::nullopt;
  // One dimension's totals: a filter on another would need the requests' other values.
  for (const DimFilter& f : *filters) {
    if (std::string_view(f.dim) != dim) return std::nullopt;
  }
  auto totals = reports_.ReportTotalsByValue(OffsetsOf(zone).fingerprint,
                                            totals_dim != nullptr ? totals_dim : dim, *days);
  if (!totals) return std::nullopt;
  for (const DimFilter& f : *filters) {
    std::erase_if(*totals, [&](const auto& kv) { return f.keys.count(kv.first) == 0; });
  }
  return totals;
}

std::optional<std::map<std::int64_t, std::int64_t>> ReportService::DaysFromTotals(
    const ReportQuery& q, const Range& range, const d::TimeZone& zone) {
  if (!use_totals_) return std::nullopt;
  const auto days = DaysOf(range.from, range.to, zone);
  if (!days) return std::nullopt;
  auto filters = FiltersOf(q, store_);
  if (!filters || filters->size() > 1) return std::nullopt;
  // Every request has exactly one type, so the type totals summed are all requests.
  const char* dim = filters->empty() ? "type" : filters->front().dim;
  std::vector<std::string> values;
  if (!filters->empty()) values.assign(filters->front().keys.begin(), filters->front().keys.end());
  return reports_.ReportTotalsByDay(OffsetsOf(zone).fingerprint, dim, values, *days);
}

}  // namespace tawasul::app
