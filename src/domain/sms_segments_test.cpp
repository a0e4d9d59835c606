#include "domain/sms_segments.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tawasul::domain {
namespace {

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

SmsSegments Gsm(int units, int segments) { return {SmsEncoding::kGsm7, units, segments}; }
SmsSegments Ucs2(int units, int segments) { return {SmsEncoding::kUcs2, units, segments}; }

TEST(SmsSegments, PlainAsciiIsGsm7With160ThenPartsOf153) {
  EXPECT_EQ(CountSmsSegments(""), Gsm(0, 1));
  EXPECT_EQ(CountSmsSegments("Your report 123456789 is registered"), Gsm(35, 1));
  EXPECT_EQ(CountSmsSegments(Repeat("a", 160)), Gsm(160, 1));
  EXPECT_EQ(CountSmsSegments(Repeat("a", 161)), Gsm(161, 2));
  EXPECT_EQ(CountSmsSegments(Repeat("a", 306)), Gsm(306, 2));
  EXPECT_EQ(CountSmsSegments(Repeat("a", 307)), Gsm(307, 3));
}

TEST(SmsSegments, ExtensionCharactersCostTwoSeptetsAndAreNotSplit) {
  EXPECT_EQ(CountSmsSegments("{}"), Gsm(4, 1));
  EXPECT_EQ(CountSmsSegments("€5"), Gsm(3, 1));
  EXPECT_EQ(CountSmsSegments(Repeat("a", 158) + "€"), Gsm(160, 1));
  EXPECT_EQ(CountSmsSegments(Repeat("a", 159) + "€"), Gsm(161, 2));
  // 152 septets, then an escape pair that would straddle the 153rd: it moves to part two.
  EXPECT_EQ(CountSmsSegments(Repeat("a", 152) + "[" + Repeat("a", 152)), Gsm(306, 3));
  EXPECT_EQ(CountSmsSegments(Repeat("a", 151) + "[" + Repeat("a", 153)), Gsm(306, 2));
}

TEST(SmsSegments, LatinLettersOfTheGsmTableStayGsm7) {
  EXPECT_EQ(CountSmsSegments("Café à Zürich, £5 ¿ok?").encoding, SmsEncoding::kGsm7);
  // Not in GSM 03.38: a backtick, a tab, a curly apostrophe, ê.
  EXPECT_EQ(CountSmsSegments("a`b").encoding, SmsEncoding::kUcs2);
  EXPECT_EQ(CountSmsSegments("a\tb").encoding, SmsEncoding::kUcs2);
  EXPECT_EQ(CountSmsSegments("it’s").encoding, SmsEncoding::kUcs2);
  EXPECT_EQ(CountSmsSegments("fête").encoding, SmsEncoding::kUcs2);
}

TEST(SmsSegments, ArabicAndPersianAreUcs2With70ThenPartsOf67) {
  const std::string ar = "م";  // one BMP code point, two UTF-8 bytes
  EXPECT_EQ(CountSmsSegments("تم تسجيل بلاغكم برقم 123"), Ucs2(24, 1));
  EXPECT_EQ(CountSmsSegments("درخواست شما ثبت شد"), Ucs2(18, 1));
  EXPECT_EQ(CountSmsSegments(Repeat(ar, 70)), Ucs2(70, 1));
  EXPECT_EQ(CountSmsSegments(Repeat(ar, 71)), Ucs2(71, 2));
  EXPECT_EQ(CountSmsSegments(Repeat(ar, 134)), Ucs2(134, 2));
  EXPECT_EQ(CountSmsSegments(Repeat(ar, 135)), Ucs2(135, 3));
  // One Arabic letter makes an otherwise ASCII text UCS-2: all of it counts at 70.
  EXPECT_EQ(CountSmsSegments(Repeat("a", 69) + ar), Ucs2(70, 1));
  EXPECT_EQ(CountSmsSegments(Repeat("a", 70) + ar), Ucs2(71, 2));
  // Persian digits and ZWNJ (U+200C) are single units too.
  EXPECT_EQ(CountSmsSegments("۱۲۳\u200C"), Ucs2(4, 1));
}

TEST(SmsSegments, SurrogatePairsCountTwoUnitsAndAreNotSplit) {
  const std::string emoji = "\U0001F600";  // outside the BMP: a surrogate pair
  EXPECT_EQ(CountSmsSegments(emoji), Ucs2(2, 1));
  EXPECT_EQ(CountSmsSegments(Repeat(emoji, 35)), Ucs2(70, 1));
  EXPECT_EQ(CountSmsSegments(Repeat(emoji, 36)), Ucs2(72, 2));
  // 66 units, then a pair that would straddle unit 67: it opens part two.
  EXPECT_EQ(CountSmsSegments(Repeat("م", 66) + emoji + Repeat("م", 66)), Ucs2(134, 3));
  EXPECT_EQ(CountSmsSegments(Repeat("م", 65) + emoji + Repeat("م", 67)), Ucs2(134, 2));
}

TEST(SmsSegments, MalformedUtf8CountsAsReplacementCharacters) {
  EXPECT_EQ(CountSmsSegments("ab\xFF"), Ucs2(3, 1));
  EXPECT_EQ(CountSmsSegments("\xD9"), Ucs2(1, 1));  // a truncated two-byte sequence
}

}  // namespace
}  // namespace tawasul::domain
