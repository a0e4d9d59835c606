#include "domain/tag.hpp"

#include <gtest/gtest.h>

namespace tawasul::domain {
namespace {

TEST(TagKey, CaseLettersDiacriticsAndDigitsFoldToOneKey) {
  EXPECT_EQ(TagKey("COVID-19"), TagKey("covid-19"));
  EXPECT_EQ(TagKey("covid-١٩"), TagKey("covid-19")) << "Arabic-Indic digits";
  EXPECT_EQ(TagKey("كورونا"), TagKey("کورونا")) << "Arabic and Persian kaf";
  EXPECT_EQ(TagKey("كُورُونَا"), TagKey("كورونا")) << "diacritics";
  EXPECT_EQ(TagKey("كـورونا"), TagKey("كورونا")) << "tatweel";
  EXPECT_EQ(TagKey("سيول"), TagKey("سیول")) << "Arabic and Persian yeh";
  EXPECT_NE(TagKey("سيول"), TagKey("سيل"));
  EXPECT_NE(TagKey("covid-19"), TagKey("covid-20"));
}

TEST(TagRefusal, ClosedOrOutsideItsPeriodIsRefused) {
  Tag t;
  const Time t0 = Time{} + std::chrono::hours(24 * 20000);
  EXPECT_EQ(TagRefusal(t, t0), "");
  t.valid_from = t0;
  t.valid_to = t0 + std::chrono::hours(24);
  EXPECT_EQ(TagRefusal(t, t0 - std::chrono::seconds(1)), "is not valid yet");
  EXPECT_EQ(TagRefusal(t, t0), "");
  EXPECT_EQ(TagRefusal(t, t0 + std::chrono::hours(24)), "is no longer valid");
  t.valid_from.reset();
  t.valid_to.reset();
  t.active = false;
  EXPECT_EQ(TagRefusal(t, t0), "is closed");
}

TEST(TagColour, HexOrNothing) {
  EXPECT_TRUE(IsTagColour(""));
  EXPECT_TRUE(IsTagColour("#a1B2c3"));
  EXPECT_FALSE(IsTagColour("red"));
  EXPECT_FALSE(IsTagColour("#12345"));
  EXPECT_FALSE(IsTagColour("#12345g"));
}

}  // namespace
}  // namespace tawasul::domain
