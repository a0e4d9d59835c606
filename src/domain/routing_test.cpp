#include "domain/routing.hpp"

#include <gtest/gtest.h>

namespace tawasul::domain {
namespace {

// maintenance (1) > air conditioning (2) > compressor (3); the default units are the capital's.
RoutingFacts Compressor(std::string region = "مكة المكرمة") {
  RoutingFacts f;
  f.chain = {{CategoryId{3}, UnitId{30}}, {CategoryId{2}, std::nullopt}, {CategoryId{1}, UnitId{10}}};
  f.site_id = SiteId{7};
  f.region = std::move(region);
  f.branch_id = UnitId{90};
  f.channel = Channel::kPhone;
  return f;
}

RoutingRule Rule(std::int64_t id, UnitId unit) {
  RoutingRule r;
  r.id = id;
  r.unit_id = unit;
  return r;
}

TEST(SuggestUnit, WithoutRulesTheNearestCategoryDefaultIsSuggested) {
  EXPECT_EQ(SuggestUnit({}, Compressor()), (RoutingSuggestion{UnitId{30}, 0}));
  RoutingFacts f = Compressor();
  f.chain[0].default_unit.reset();  // the compressor has none: air conditioning neither: maintenance
  EXPECT_EQ(SuggestUnit({}, f), (RoutingSuggestion{UnitId{10}, 0}));
  f.chain[2].default_unit.reset();
  EXPECT_FALSE(SuggestUnit({}, f).has_value());
}

TEST(SuggestUnit, ARuleOnAParentCategoryAndRegionBeatsTheLeafDefault) {
  RoutingRule makkah = Rule(1, UnitId{50});
  makkah.category_id = CategoryId{1};
  makkah.region = "مكة المكرمة";
  EXPECT_EQ(SuggestUnit({makkah}, Compressor()), (RoutingSuggestion{UnitId{50}, 1}));
  // Another region: the rule does not hold, the default stands.
  EXPECT_EQ(SuggestUnit({makkah}, Compressor("الرياض"))->unit, UnitId{30});
  // No site, so no region: a region rule never holds.
  RoutingFacts none = Compressor("");
  none.site_id.reset();
  EXPECT_EQ(SuggestUnit({makkah}, none)->unit, UnitId{30});
}

TEST(SuggestUnit, RegionsMatchWhateverTheLetterFormsAndSpacing) {
  RoutingRule r = Rule(1, UnitId{50});
  r.region = "مكه  المكرمه";  // ه for ة, a double space
  EXPECT_EQ(SuggestUnit({r}, Compressor())->rule_id, 1);
  EXPECT_TRUE(SameRegion("Eastern Province", "eastern  province"));
  EXPECT_FALSE(SameRegion("الشرقية", "الرياض"));
}

TEST(SuggestUnit, TheMostSpecificRuleWinsTopicFirstThenPlace) {
  RoutingRule region_only = Rule(1, UnitId{51});
  region_only.region = "مكة المكرمة";
  RoutingRule category_region = Rule(2, UnitId{52});
  category_region.category_id = CategoryId{1};
  category_region.region = "مكة المكرمة";
  RoutingRule deeper = Rule(3, UnitId{53});
  deeper.category_id = CategoryId{2};
  RoutingRule site = Rule(4, UnitId{54});
  site.category_id = CategoryId{1};
  site.site_id = SiteId{7};
  RoutingRule branch = Rule(5, UnitId{55});
  branch.category_id = CategoryId{1};
  branch.branch_id = UnitId{90};
  RoutingRule phone = Rule(6, UnitId{56});
  phone.category_id = CategoryId{1};
  phone.region = "مكة المكرمة";
  phone.channel = Channel::kPhone;

  EXPECT_EQ(SuggestUnit({region_only}, Compressor())->unit, UnitId{51})
      << "any rule beats the category default";
  EXPECT_EQ(SuggestUnit({region_only, category_region}, Compressor())->unit, UnitId{52})
      << "a category beats none";
  EXPECT_EQ(SuggestUnit({category_region, deeper}, Compressor())->unit, UnitId{53})
      << "the deeper category wins, though the other also names a region";
  EXPECT_EQ(SuggestUnit({category_region, site}, Compressor())->unit, UnitId{54})
      << "a site beats a region at the same depth";
  EXPECT_EQ(SuggestUnit({site, branch}, Compressor())->unit, UnitId{54}) << "a site beats a branch";
  EXPECT_EQ(SuggestUnit({category_region, branch}, Compressor())->unit, UnitId{55})
      << "a branch beats a region";
  EXPECT_EQ(SuggestUnit({category_region, phone}, Compressor())->unit, UnitId{56})
      << "a channel added to the same place is narrower";

  RoutingFacts chat = Compressor();
  chat.channel = Channel::kChat;
  EXPECT_EQ(SuggestUnit({phone, category_region}, chat)->unit, UnitId{52})
      << "a rule whose channel differs does not hold";
}

TEST(SuggestUnit, ClosedRulesAndOtherCategoriesAreIgnoredAndTiesGoToTheOlderRule) {
  RoutingRule closed = Rule(1, UnitId{51});
  closed.category_id = CategoryId{1};
  closed.active = false;
  RoutingRule other = Rule(2, UnitId{52});
  other.category_id = CategoryId{99};
  EXPECT_EQ(SuggestUnit({closed, other}, Compressor())->unit, UnitId{30});

  RoutingRule a = Rule(8, UnitId{58});
  a.branch_id = UnitId{90};
  RoutingRule b = Rule(6, UnitId{56});
  b.branch_id = UnitId{90};
  EXPECT_EQ(SuggestUnit({a, b}, Compressor())->unit, UnitId{56});
  EXPECT_TRUE(SameConditions(a, b));
  b.channel = Channel::kPhone;
  EXPECT_FALSE(SameConditions(a, b));
  EXPECT_EQ(ConditionCount(b), 2);
  EXPECT_EQ(SuggestUnit({a, b}, Compressor())->unit, UnitId{56});
}

TEST(SuggestUnit, ARuleWithNoConditionIsTheCatchAllBelowEveryOther) {
  RoutingRule all = Rule(1, UnitId{60});
  RoutingRule phone = Rule(2, UnitId{61});
  phone.channel = Channel::kPhone;
  EXPECT_EQ(SuggestUnit({all}, Compressor())->unit, UnitId{60});
  EXPECT_EQ(SuggestUnit({all, phone}, Compressor())->unit, UnitId{61});
}

}  // namespace
}  // namespace tawasul::domain
