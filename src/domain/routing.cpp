#include "domain/routing.hpp"

#include <algorithm>
#include <tuple>

#include "domain/anonymizer.hpp"

namespace tawasul::domain {

namespace {

std::u32string RegionKey(std::string_view s) {
  std::u32string folded = FoldForMatch(s);
  std::u32string out;
  for (const char32_t c : folded) {
    const bool space = c == U' ' || c == U'\t' || c == U'-' || c == U'_';
    if (space) {
      if (!out.empty() && out.back() != U' ') out += U' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == U' ') out.pop_back();
  return out;
}

}  // namespace

int ConditionCount(const RoutingRule& r) {
  return (r.category_id ? 1 : 0) + (r.site_id ? 1 : 0) + (r.region.empty() ? 0 : 1) +
         (r.branch_id ? 1 : 0) + (r.channel ? 1 : 0);
}

bool SameRegion(std::string_view a, std::string_view b) { return RegionKey(a) == RegionKey(b); }

bool SameConditions(const RoutingRule& a, const RoutingRule& b) {
  return a.category_id == b.category_id && a.site_id == b.site_id &&
         SameRegion(a.region, b.region) && a.branch_id == b.branch_id && a.channel == b.channel;
}

std::optional<RoutingSuggestion> SuggestUnit(const std::vector<RoutingRule>& rules,
                                             const RoutingFacts& f) {
  const std::u32string region = RegionKey(f.region);
  // (category depth, site, branch, region, channel): larger is more specific.
  using Rank = std::tuple<std::size_t, bool, bool, bool, bool>;
  const RoutingRule* best = nullptr;
  Rank best_rank{};
  for (const RoutingRule& r : rules) {
    if (!r.active) continue;
    std::size_t depth = 0;  // of the rule's category, counted from the root (1) down
    if (r.category_id) {
      auto it = std::find_if(f.chain.begin(), f.chain.end(),
                             [&](const RoutingFacts::ChainLink& l) { return l.id == *r.category_id; });
      if (it == f.chain.end()) continue;
      depth = static_cast<std::size_t>(f.chain.end() - it);
    }
    if (r.site_id && r.site_id != f.site_id) continue;
    if (!r.region.empty() && (region.empty() || RegionKey(r.region) != region)) continue;
    if (r.branch_id && r.branch_id != f.branch_id) continue;
    if (r.channel && r.channel != f.channel) continue;
    const Rank rank{depth, r.site_id.has_value(), r.branch_id.has_value(), !r.region.empty(),
                    r.channel.has_value()};
    if (best == nullptr || rank > best_rank || (rank == best_rank && r.id < best->id)) {
      best = &r;
      best_rank = rank;
    }
  }
  if (best != nullptr) return RoutingSuggestion{best->unit_id, best->id};
  for (const auto& link : f.chain) {
    if (link.default_unit) return RoutingSuggestion{*link.default_unit, 0};
  }
  return std::nullopt;
}

}  // namespace tawasul::domain
