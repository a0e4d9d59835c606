#include "domain/inbound.hpp"

#include <gtest/gtest.h>

#include "domain/tracking_code.hpp"

namespace tawasul::domain {
namespace {

TEST(DecodeSmsText, ReadsUtf16BeArabicAndPersian) {
  // "سلام" in UTF-16BE, as Kannel hands a UCS-2 MO over when it does not recode.
  const std::string bytes("\x06\x33\x06\x44\x06\x27\x06\x45", 8);
  auto text = DecodeSmsText(bytes, "2", "UTF-16BE", "text");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "سلام");
  // Persian yeh and keheh survive (U+06CC, U+06A9), and an emoji's surrogate pair is joined.
  const std::string persian("\x06\xCC\x06\xA9\xD8\x3D\xDE\x00", 8);
  EXPECT_EQ(*DecodeSmsText(persian, "2", "", "text"), "یک😀");
}

TEST(DecodeSmsText, RefusesBrokenBytesNamingTheField) {
  auto odd = DecodeSmsText(std::string("\x06\x33\x06", 3), "2", "UTF-16BE", "text");
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.error().field, "text");
  EXPECT_FALSE(DecodeSmsText(std::string("\xDC\x00", 2), "2", "UTF-16BE", "text").ok());
  EXPECT_FALSE(DecodeSmsText("\xC3\x28", "0", "UTF-8", "text").ok());
  EXPECT_FALSE(DecodeSmsText("abc", "0", "KOI8-R", "text").ok());
}

TEST(DecodeSmsText, WidensLatin1AndKeepsUtf8) {
  EXPECT_EQ(*DecodeSmsText("caf\xE9", "0", "ISO-8859-1", "t"), "café");
  EXPECT_EQ(*DecodeSmsText("مرحبا", "0", "utf-8", "t"), "مرحبا");
  EXPECT_EQ(*DecodeSmsText("hello", "", "", "t"), "hello");
}

TEST(FindTrackingCode, FindsACodeInAnyScriptAndGrouping) {
  const std::string code = MakeTrackingCode(123456789);
  EXPECT_EQ(FindTrackingCode("about " + code + " please"), code);
  EXPECT_EQ(FindTrackingCode("رقم البلاغ " + FormatTrackingCode(code) + " لم يحل"), code);
  std::string dashed = code.substr(0, 3) + "-" + code.substr(3, 3) + "-" + code.substr(6);
  EXPECT_EQ(FindTrackingCode(dashed), code);
  // Persian digits.
  std::string persian;
  for (const char c : code) persian += std::string("\xDB") + static_cast<char>(0xB0 + (c - '0'));
  EXPECT_EQ(FindTrackingCode("کد " + persian), code);
}

TEST(FindTrackingCode, IgnoresNumbersThatAreNotCodes) {
  const std::string code = MakeTrackingCode(987654321);
  std::string wrong = code;
  wrong[9] = wrong[9] == '9' ? '0' : static_cast<char>(wrong[9] + 1);  // the check digit fails
  EXPECT_EQ(FindTrackingCode("code " + wrong), std::nullopt);
  EXPECT_EQ(FindTrackingCode("call 0501234567"), std::nullopt);  // starts with 0
  EXPECT_EQ(FindTrackingCode("id 9" + code), std::nullopt);      // part of a longer number
  EXPECT_EQ(FindTrackingCode(code.substr(0, 5) + "  " + code.substr(5)), std::nullopt);
  EXPECT_EQ(FindTrackingCode(""), std::nullopt);
}

TEST(IsKeyword, MatchesFoldedWholeMessages) {
  const std::vector<std::string> stop{"STOP", "توقف", "لغو"};
  EXPECT_TRUE(IsKeyword("stop", stop));
  EXPECT_TRUE(IsKeyword("  Stop. ", stop));
  EXPECT_TRUE(IsKeyword("تـوقف", stop));  // tatweel
  EXPECT_TRUE(IsKeyword("لغو!", stop));
  EXPECT_FALSE(IsKeyword("please stop the noise", stop));
  EXPECT_FALSE(IsKeyword("", stop));
  EXPECT_FALSE(IsKeyword("stop", {}));
}

TEST(HtmlToText, KeepsTheWordsAndDropsWhatCouldRun) {
  const std::string html =
      "<html><head><title>x</title><style>p{color:red}</style></head><body>"
      "<p>السلام عليكم&nbsp;&amp; شكرًا</p><script>alert('x')</script>"
      "<div>line&#32;two<br>three &lt;b&gt; &#x645;</div><!-- hidden --><img src=x onerror=y>"
      "</body></html>";
  EXPECT_EQ(HtmlToText(html), "السلام عليكم & شكرًا\n\nline two\nthree <b> م");
  EXPECT_EQ(HtmlToText("a &#0; b &#x1; c &#xD800; d &bogus; e"), "a b c d &bogus; e");
  EXPECT_EQ(HtmlToText("<p>one</p>\n\n\n\n<p>two</p>"), "one\n\ntwo");
  EXPECT_EQ(HtmlToText("<SCRIPT>x</SCRIPT>ok<style"), "ok");
}

TEST(WhyNoAutoReply, AnswersOnlyPeople) {
  MailOrigin person{"citizen@example.com", "", "", "", "<citizen@example.com>", false};
  EXPECT_EQ(WhyNoAutoReply(person, {"center@example.org"}), "");
  MailOrigin m = person;
  m.auto_submitted = "auto-replied";
  EXPECT_NE(WhyNoAutoReply(m, {}), "");
  m = person;
  m.auto_submitted = "No";
  EXPECT_EQ(WhyNoAutoReply(m, {}), "");
  for (const char* p : {"bulk", "JUNK", "list"}) {
    m = person;
    m.precedence = p;
    EXPECT_NE(WhyNoAutoReply(m, {}), "") << p;
  }
  m = person;
  m.list_id = "<news.example.com>";
  EXPECT_NE(WhyNoAutoReply(m, {}), "");
  m = person;
  m.return_path = "<>";
  EXPECT_NE(WhyNoAutoReply(m, {}), "");
  m = person;
  m.from = "MAILER-DAEMON@example.com";
  EXPECT_NE(WhyNoAutoReply(m, {}), "");
  m = person;
  m.from = "Center@Example.org";
  EXPECT_EQ(WhyNoAutoReply(m, {"center@example.org"}), "our own address");
  m = person;
  m.auto_reply_header = true;
  EXPECT_NE(WhyNoAutoReply(m, {}), "");
}

}  // namespace
}  // namespace tawasul::domain
