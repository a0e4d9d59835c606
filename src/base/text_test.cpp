#include "base/text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tawasul::base {
namespace {

TEST(IsValidUtf8, AcceptsAsciiArabicPersianAndEmoji) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("hello"));
  EXPECT_TRUE(IsValidUtf8("شكوى"));
  EXPECT_TRUE(IsValidUtf8("شکایت"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));  // U+1F600
}

TEST(IsValidUtf8, AcceptsTheBoundaries) {
  EXPECT_TRUE(IsValidUtf8(std::string("\x00", 1)));  // U+0000
  EXPECT_TRUE(IsValidUtf8("\x7F"));                  // U+007F
  EXPECT_TRUE(IsValidUtf8("\xC2\x80"));              // U+0080, smallest 2-byte
  EXPECT_TRUE(IsValidUtf8("\xDF\xBF"));              // U+07FF
  EXPECT_TRUE(IsValidUtf8("\xE0\xA0\x80"));          // U+0800, smallest 3-byte
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));          // U+D7FF, just below the surrogates
  EXPECT_TRUE(IsValidUtf8("\xEE\x80\x80"));          // U+E000, just above them
  EXPECT_TRUE(IsValidUtf8("\xEF\xBF\xBF"));          // U+FFFF
  EXPECT_TRUE(IsValidUtf8("\xF0\x90\x80\x80"));      // U+10000, smallest 4-byte
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));      // U+10FFFF, the last code point
}

TEST(IsValidUtf8, RejectsOverlongForms) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // '/' in two bytes
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));          // U+007F in two bytes
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));          // "modified UTF-8" NUL
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // '/' in three bytes
  EXPECT_FALSE(IsValidUtf8("\xE0\x9F\xBF"));      // U+07FF in three bytes
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));  // '/' in four bytes
  EXPECT_FALSE(IsValidUtf8("\xF0\x8F\xBF\xBF"));  // U+FFFF in four bytes
}

TEST(IsValidUtf8, RejectsSurrogates) {
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));              // U+D800
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));              // U+DFFF
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\xBD\xED\xB8\x80"));  // a CESU-8 surrogate pair
}

TEST(IsValidUtf8, RejectsCodePointsPastTheLast) {
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xF7\xBF\xBF\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xF8\x88\x80\x80\x80"));  // old 5-byte form
  EXPECT_FALSE(IsValidUtf8("\xFE"));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(IsValidUtf8, RejectsTruncatedAndStraySequences) {
  EXPECT_FALSE(IsValidUtf8("\xC3"));
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));
  EXPECT_FALSE(IsValidUtf8("\xF0\x9F\x98"));
  EXPECT_FALSE(IsValidUtf8("ab\xD8"));     // Arabic lead byte cut at the end
  EXPECT_FALSE(IsValidUtf8("\xE2\x82x"));  // ASCII where a continuation belongs
  EXPECT_FALSE(IsValidUtf8("\x80"));       // a lone continuation byte
  EXPECT_FALSE(IsValidUtf8(std::string("a\xBF") + "b"));
  EXPECT_FALSE(IsValidUtf8("\xC3\xA9\xA9"));  // one continuation too many
}

TEST(HasBidiControl, FindsEveryDirectionControl) {
  for (const char* mark : {"\xD8\x9C", "\xE2\x80\x8E", "\xE2\x80\x8F", "\xE2\x80\xAA",
                           "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD", "\xE2\x80\xAE",
                           "\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9"}) {
    EXPECT_TRUE(HasBidiControl(std::string("name") + mark + "txt")) << mark;
  }
}

TEST(HasBidiControl, IgnoresOrdinaryTextAndNeighbours) {
  EXPECT_FALSE(HasBidiControl("محمد رضا"));
  EXPECT_FALSE(HasBidiControl("\xE2\x80\x8C"));  // U+200C ZWNJ, needed in Persian words
  EXPECT_FALSE(HasBidiControl("\xE2\x80\xAF"));  // U+202F, next to U+202E
  EXPECT_FALSE(HasBidiControl("\xE2\x81\xA5"));  // U+2065, next to U+2066
  EXPECT_FALSE(HasBidiControl("\xE2\x81\xAA"));  // U+206A, next to U+2069
  EXPECT_FALSE(HasBidiControl("\xE2\x80"));      // malformed, not a control
}

TEST(HasControlChar, AllowsTabNewlineAndCarriageReturn) {
  EXPECT_FALSE(HasControlChar("line one\r\nline two\tend"));
  EXPECT_FALSE(HasControlChar("نص عادي"));
  EXPECT_FALSE(HasControlChar("\xC2\xA0"));  // U+00A0 follows the C1 block
}

TEST(HasControlChar, FindsC0DelAndC1) {
  EXPECT_TRUE(HasControlChar(std::string("a") + '\0' + "b"));
  EXPECT_TRUE(HasControlChar("a\x1B[31m"));  // an escape sequence
  EXPECT_TRUE(HasControlChar("\x1F"));
  EXPECT_TRUE(HasControlChar("\x7F"));
  EXPECT_TRUE(HasControlChar("\xC2\x80"));  // U+0080
  EXPECT_TRUE(HasControlChar("\xC2\x85"));  // U+0085, next line
  EXPECT_TRUE(HasControlChar("\xC2\x9F"));  // U+009F
}

TEST(FoldDigits, FoldsArabicIndicAndPersianDigits) {
  EXPECT_EQ(FoldDigits("٠١٢٣٤٥٦٧٨٩"), "0123456789");
  EXPECT_EQ(FoldDigits("۰۱۲۳۴۵۶۷۸۹"), "0123456789");
  EXPECT_EQ(FoldDigits("رقم ٤٢ و ۷"), "رقم 42 و 7");
  EXPECT_EQ(FoldDigits("abc 123"), "abc 123");
}

TEST(FoldDigits, LeavesNeighbouringLettersAlone) {
  // U+065F and U+066A (percent sign) surround the Arabic-Indic digits; U+06EF and U+06FA
  // surround the Persian ones.
  EXPECT_EQ(FoldDigits("\xD9\x9F\xD9\xAA\xDB\xAF\xDB\xBA"), "\xD9\x9F\xD9\xAA\xDB\xAF\xDB\xBA");
  EXPECT_EQ(FoldDigits("\xD9"), "\xD9");  // a cut-off lead byte is kept as it is
}

TEST(Trim, RemovesAsciiWhitespaceAndNoBreakSpace) {
  EXPECT_EQ(Trim("  hello \t\n"), "hello");
  EXPECT_EQ(Trim("\xC2\xA0 سلام\xC2\xA0"), "سلام");
  EXPECT_EQ(Trim("a b"), "a b");
  EXPECT_EQ(Trim(" \t \xC2\xA0 "), "");
  EXPECT_EQ(Trim(""), "");
}

TEST(CodePointCount, CountsCodePointsNotBytes) {
  EXPECT_EQ(CodePointCount(""), 0u);
  EXPECT_EQ(CodePointCount("abc"), 3u);
  EXPECT_EQ(CodePointCount("سلام"), 4u);
  EXPECT_EQ(CodePointCount("\xF0\x9F\x98\x80x"), 2u);
}

TEST(DigitsOnly, FoldsThenKeepsDigits) {
  EXPECT_EQ(DigitsOnly("+966 (50) 123-4567"), "966501234567");
  EXPECT_EQ(DigitsOnly("٠٥٠ ١٢٣ ٤٥٦٧"), "0501234567");
  EXPECT_EQ(DigitsOnly("۰۹۱۲-۱۲۳"), "0912123");
  EXPECT_EQ(DigitsOnly("no digits"), "");
}

TEST(AppendUtf8, WritesEachLengthAndRoundTrips) {
  std::string out;
  for (const char32_t cp : {U'A', U'\u00E9', U'\u0645', U'\u06CC', U'\U0001F600'}) AppendUtf8(out, cp);
  EXPECT_EQ(out, "A\u00E9\u0645\u06CC\U0001F600");
  EXPECT_TRUE(IsValidUtf8(out));
  EXPECT_EQ(CodePointCount(out), 5u);
}

}  // namespace
}  // namespace tawasul::base
