#pragma once
// Routing rules: where a request should be referred, from what it is about (a category and the
// categories below it), where (a site, or any site of a region), where it was taken (a branch)
// and how it came (a channel). Admins keep the rules as data; the dispatcher sees the unit they
// suggest and may refer elsewhere. Pure.
//
// Which rule wins: among the active rules whose every condition holds, the most specific one,
// judged on what the request is about first and where second:
//   1. the deepest category (a rule on "loudspeakers/fault" beats one on "loudspeakers", which
//      beats a rule with no category);
//   2. then a site, then a branch, then a region, then a channel (each set beats unset, in
//      that order: "this mosque" is narrower than "the branch that took it", than "its region");
//   3. then the older rule (lower id).
// So "funding problems → the funding department" holds over "mosque problems in Tehran → the
// Tehran office" for a funding problem in Tehran, as a center that keeps funding central means.
// When no rule holds, the category's own default unit (the nearest category up the tree that has
// one) is the suggestion.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace tawasul::domain {

struct RoutingRule {
  std::int64_t id = 0;
  std::optional<CategoryId> category_id;  ///< this category and every category below it
  std::optional<SiteId> site_id;
  std::string region;                     ///< a site registry region; "" any
  std::optional<UnitId> branch_id;        ///< where the request was taken
  std::optional<Channel> channel;
  UnitId unit_id;                         ///< the unit it suggests
  bool active = true;
  std::string note;  ///< why the rule exists, for the admins who read it later
  bool operator==(const RoutingRule&) const = default;
};

/// What is known of a request when routing it.
struct RoutingFacts {
  /// Its category first, then each parent up to the root, with each one's default unit.
  struct ChainLink {
    CategoryId id;
    std::optional<UnitId> default_unit;
  };
  std::vector<ChainLink> chain;
  std::optional<SiteId> site_id;
  std::string region;  ///< the site's region from the registry ("" when no site)
  std::optional<UnitId> branch_id;
  Channel channel = Channel::kPhone;
};

struct RoutingSuggestion {
  UnitId unit;
  std::int64_t rule_id = 0;  ///< 0: the category's default unit
  bool operator==(const RoutingSuggestion&) const = default;
};

/// The suggested unit, or nothing when no rule holds and no category on the chain has a default.
std::optional<RoutingSuggestion> SuggestUnit(const std::vector<RoutingRule>& rules,
                                             const RoutingFacts& facts);

/// How many conditions a rule sets (0: it holds for every request).
int ConditionCount(const RoutingRule& rule);

/// Whether two rules have the same conditions (so neither could ever be more specific).
bool SameConditions(const RoutingRule& a, const RoutingRule& b);

/// Regions compare as folded text: letter forms, case, diacritics and spacing do not matter.
bool SameRegion(std::string_view a, std::string_view b);

}  // namespace tawasul::domain
