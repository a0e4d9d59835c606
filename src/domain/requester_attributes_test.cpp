#include "domain/requester_attributes.hpp"

#include <gtest/gtest.h>

namespace tawasul::domain {
namespace {

std::vector<RequesterAttribute> Defs() {
  RequesterAttribute role{"role", AttributeType::kChoice, {"الصفة", "نقش", "Role"}, true,
                          {{"imam", {"إمام", "امام جماعت", "Imam"}}, {"trustee", {"أمين", "هیئت امنا", "Trustee"}}}};
  RequesterAttribute member{"member_no", AttributeType::kNumber, {"", "", "Member number"}, false, {}};
  RequesterAttribute since{"since", AttributeType::kDate, {"", "", "Since"}, false, {}};
  RequesterAttribute mosque{"mosque_name", AttributeType::kText, {"", "", "Mosque"}, false, {}};
  return {role, member, since, mosque};
}

TEST(CheckAttributes, ValuesAreCheckedByTypeAndNormalised) {
  auto ok = CheckAttributes(Defs(), {{"role", "imam"}, {"member_no", "۱۲۳"}, {"since", "2024-02-29"},
                                     {"mosque_name", "  مسجد الرحمة "}, {"member_no_", ""}},
                            "requester.attributes", true);
  EXPECT_FALSE(ok.ok()) << "an unknown key is refused even when empty";
  EXPECT_EQ(ok.error().field, "requester.attributes.member_no_");
  ok = CheckAttributes(Defs(), {{"role", "imam"}, {"member_no", "۱۲۳"}, {"since", "2024-02-29"},
                                {"mosque_name", "  مسجد الرحمة "}},
                       "requester.attributes", true);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(*ok, (AttributeValues{{"role", "imam"}, {"member_no", "123"}, {"since", "2024-02-29"},
                                  {"mosque_name", "مسجد الرحمة"}}));
}

TEST(CheckAttributes, BadValuesAreNamedByField) {
  auto field = [](const AttributeValues& v, bool require = false) {
    auto r = CheckAttributes(Defs(), v, "attributes", require);
    return r.ok() ? std::string() : r.error().field;
  };
  EXPECT_EQ(field({{"role", "pilot"}}), "attributes.role");
  for (const char* same : {"Imam", "IMAM", "امام جماعت", "إمام"}) {
    auto r = CheckAttributes(Defs(), {{"role", same}}, "attributes", false);
    ASSERT_TRUE(r.ok()) << same;
    EXPECT_EQ(r->at("role"), "imam") << "a choice by its key or a name, stored as its key: " << same;
  }
  EXPECT_EQ(field({{"member_no", "12a"}}), "attributes.member_no");
  EXPECT_EQ(field({{"since", "2023-02-29"}}), "attributes.since") << "not a leap year";
  EXPECT_EQ(field({{"since", "29/02/2024"}}), "attributes.since");
  EXPECT_EQ(field({{"mosque_name", std::string(201, 'x')}}), "attributes.mosque_name");
  EXPECT_EQ(field({{"member_no", "5"}}, true), "attributes.role") << "required";
  EXPECT_EQ(field({{"role", ""}}, false), "") << "empty is unset";
}

TEST(AttributeDefinitionProblem, KeysNamesAndChoicesAreChecked) {
  auto defs = Defs();
  EXPECT_EQ(AttributeDefinitionProblem(defs[0]), "");
  RequesterAttribute bad = defs[0];
  bad.key = "Role";
  EXPECT_NE(AttributeDefinitionProblem(bad), "");
  bad = defs[0];
  bad.choices.push_back(bad.choices[0]);
  EXPECT_NE(AttributeDefinitionProblem(bad), "");
  bad = defs[0];
  bad.choices.clear();
  EXPECT_NE(AttributeDefinitionProblem(bad), "");
  bad = defs[1];
  bad.choices = defs[0].choices;
  EXPECT_NE(AttributeDefinitionProblem(bad), "");
  bad = defs[1];
  bad.name = {};
  EXPECT_NE(AttributeDefinitionProblem(bad), "");
}

TEST(EncodeAttributes, RoundTripsAnyText) {
  const AttributeValues v{{"a", "x=y"}, {"b", "back\\slash\nnewline"}, {"c", "سطر"}};
  EXPECT_EQ(DecodeAttributes(EncodeAttributes(v)), v);
  EXPECT_TRUE(DecodeAttributes("").empty());
  EXPECT_EQ(DecodeAttributes("junk\n=v\nk=1\n"), (AttributeValues{{"k", "1"}}));
}

}  // namespace
}  // namespace tawasul::domain
