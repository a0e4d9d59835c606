#include "domain/validation.hpp"

#include <gtest/gtest.h>

namespace tawasul::domain {
namespace {

TEST(CleanName, TrimsAndKeepsArabicAndPersian) {
  auto r = CleanName("  محمد رضایی ", "requester.name", 100, true);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "محمد رضایی");
}

TEST(CleanName, RejectsBidiControlsNamingTheField) {
  // U+202E RIGHT-TO-LEFT OVERRIDE would make "evil" read as "live".
  auto r = CleanName("ali\xE2\x80\xAE" "evil", "requester.name", 100, true);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "requester.name");
  EXPECT_EQ(r.error().code, base::ErrorCode::kInvalid);
}

TEST(CleanName, RejectsControlCharsNewlinesAndInvalidUtf8) {
  EXPECT_FALSE(CleanName(std::string("a\0b", 3), "n", 10, true).ok());
  EXPECT_FALSE(CleanName("a\nb", "n", 10, true).ok());
  EXPECT_FALSE(CleanName("\xC0\xAF", "n", 10, true).ok());
}

TEST(CleanName, RequiredAndLengthCountCodePoints) {
  EXPECT_FALSE(CleanName("   ", "n", 10, true).ok());
  EXPECT_TRUE(CleanName("   ", "n", 10, false).ok());
  EXPECT_TRUE(CleanName("مسجد", "n", 4, true).ok());  // 4 code points, 8 bytes
  EXPECT_FALSE(CleanName("مسجدی", "n", 4, true).ok());
}

TEST(CleanText, AllowsNewlinesAndBidiMarks) {
  auto r = CleanText("سطر اول\nline two \xE2\x80\x8F", "description", 100, true);
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->find('\n'), std::string::npos);
  EXPECT_FALSE(CleanText("bell\x07", "description", 100, true).ok());
}

TEST(CheckCode, AcceptsSafeCharactersOnly) {
  EXPECT_TRUE(CheckCode("MOS-001.a_b", "code").ok());
  EXPECT_FALSE(CheckCode("", "code").ok());
  EXPECT_FALSE(CheckCode("a b", "code").ok());
  EXPECT_FALSE(CheckCode("مسجد", "code").ok());
}

TEST(CleanLocalizedName, NeedsOneLanguageAndNamesTheSubfield) {
  EXPECT_FALSE(CleanLocalizedName({}, "name").ok());
  auto bad = CleanLocalizedName({"x\xE2\x80\xAE", "", ""}, "name");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "name.ar");
  EXPECT_TRUE(CleanLocalizedName({"", "", "Loudspeakers"}, "name").ok());
}

}  // namespace
}  // namespace tawasul::domain
