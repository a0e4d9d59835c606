// The channel adapters' pure parts: sendsms URLs, smsbox answers, MIME headers and bodies.
// tests/kannel_test.cpp and tests/smtp_test.cpp run them against real servers.
#include <gtest/gtest.h>

#include <string>

#include "channels/curl_util.hpp"
#include "channels/kannel_sms.hpp"
#include "channels/smtp_email.hpp"

namespace tawasul::channels {
namespace {

app::Outgoing Sms(const std::string& text) {
  app::Outgoing out;
  out.message.id = domain::MessageId{42};
  out.message.channel = "sms";
  out.message.recipient = "+966501234567";
  out.message.body = text;
  out.sender = "1933";
  out.report_token = "0123456789abcdef0123456789abcdef";
  return out;
}

KannelOptions Kannel() {
  KannelOptions o;
  o.sendsms_url = "http://127.0.0.1:13013/cgi-bin/sendsms";
  o.username = "tawasul";
  o.password = "p&ss word";
  o.dlr_base_url = "http://10.0.0.5:8080/";
  o.default_sender = "CENTER";
  return o;
}

std::string Param(const std::string& url, const std::string& name) {
  const std::string key = "&" + name + "=";
  auto at = url.find(key);
  if (at == std::string::npos) {
    at = url.find("?" + name + "=");
    if (at == std::string::npos) return "<absent>";
  }
  const auto start = at + key.size();
  return url.substr(start, url.find('&', start) - start);
}

TEST(UrlEncode, KeepsUnreservedAndEncodesTheRestAsUtf8Bytes) {
  EXPECT_EQ(UrlEncode("aZ09-._~"), "aZ09-._~");
  EXPECT_EQ(UrlEncode("a b&c=d+e/%"), "a%20b%26c%3Dd%2Be%2F%25");
  EXPECT_EQ(UrlEncode("سلام"), "%D8%B3%D9%84%D8%A7%D9%85");
}

TEST(KannelSms, ArabicGoesAsUcs2WithTheTextInUtf8) {
  KannelSmsSender sender(Kannel());
  const std::string url = sender.SendSmsUrl(Sms("سلام 12"));
  EXPECT_EQ(url.rfind("http://127.0.0.1:13013/cgi-bin/sendsms?username=tawasul&", 0), 0u) << url;
  EXPECT_EQ(Param(url, "password"), "p%26ss%20word");
  EXPECT_EQ(Param(url, "from"), "1933");
  EXPECT_EQ(Param(url, "to"), "%2B966501234567");
  EXPECT_EQ(Param(url, "text"), "%D8%B3%D9%84%D8%A7%D9%85%2012");
  EXPECT_EQ(Param(url, "coding"), "2");
  EXPECT_EQ(Param(url, "charset"), "UTF-8");
  EXPECT_EQ(Param(url, "dlr-mask"), "31");
}

TEST(KannelSms, GsmTextGoesAsSevenBit) {
  KannelSmsSender sender(Kannel());
  EXPECT_EQ(Param(sender.SendSmsUrl(Sms("Your report 123 is registered")), "coding"), "0");
  EXPECT_EQ(Param(sender.SendSmsUrl(Sms("Price: 5€")), "coding"), "0");
  EXPECT_EQ(Param(sender.SendSmsUrl(Sms("it’s")), "coding"), "2");
}

TEST(KannelSms, TheDlrUrlCarriesTheMessageIdItsTokenAndKannelsEscapes) {
  KannelSmsSender sender(Kannel());
  const auto out = Sms("x");
  EXPECT_EQ(sender.DlrUrl(out),
            "http://10.0.0.5:8080/api/v1/hooks/kannel/dlr?id=42&type=%d&secret="
            "0123456789abcdef0123456789abcdef&answer=%A");
  // Inside sendsms's query it is encoded once, so Kannel decodes it back to the URL above.
  EXPECT_EQ(Param(sender.SendSmsUrl(out), "dlr-url"), UrlEncode(sender.DlrUrl(out)));
}

TEST(KannelSms, TheDefaultSenderStandsInForAProfileWithoutOne) {
  KannelSmsSender sender(Kannel());
  auto out = Sms("x");
  out.sender.clear();
  EXPECT_EQ(Param(sender.SendSmsUrl(out), "from"), "CENTER");
}

TEST(KannelSms, WithoutADlrBaseNoReportIsAskedFor) {
  auto options = Kannel();
  options.dlr_base_url.clear();
  KannelSmsSender sender(options);
  EXPECT_EQ(Param(sender.SendSmsUrl(Sms("x")), "dlr-url"), "<absent>");
}

TEST(KannelSms, InterpretsSmsboxAnswers) {
  using Kind = app::SendResult::Kind;
  EXPECT_EQ(KannelSmsSender::Interpret(202, "0: Accepted for delivery").kind, Kind::kAccepted);
  EXPECT_EQ(KannelSmsSender::Interpret(202, "0: Accepted for delivery").gateway_ref, "");
  EXPECT_EQ(KannelSmsSender::Interpret(202, "1: Queued for later delivery\n").kind,
            Kind::kAccepted);
  EXPECT_EQ(KannelSmsSender::Interpret(202, "0: Accepted for delivery: 7f3c").gateway_ref, "7f3c");
  EXPECT_EQ(KannelSmsSender::Interpret(403, "Authorization failed for sendsms").kind,
            Kind::kTemporaryFailure);
  EXPECT_EQ(KannelSmsSender::Interpret(503, "Sendsms temporarily unavailable").kind,
            Kind::kTemporaryFailure);
  const auto bad = KannelSmsSender::Interpret(400, "Missing receiver number, rejected");
  EXPECT_EQ(bad.kind, Kind::kPermanentFailure);
  EXPECT_EQ(bad.error, "kannel answered 400: Missing receiver number, rejected");
}

TEST(KannelSms, RefusesWhatIsNotAPhoneNumberAndReportsAnUnreachableGateway) {
  auto options = Kannel();
  options.sendsms_url = "http://127.0.0.1:1/cgi-bin/sendsms";  // nothing listens on port 1
  KannelSmsSender sender(options);
  auto out = Sms("x");
  out.message.recipient = "+9665&to=+1";
  EXPECT_EQ(sender.Send(out).kind, app::SendResult::Kind::kPermanentFailure);
  const auto down = sender.Send(Sms("x"));
  EXPECT_EQ(down.kind, app::SendResult::Kind::kTemporaryFailure);
  EXPECT_EQ(down.error.find("p&ss"), std::string::npos) << "no password in errors";
}

TEST(Smtp, AsciiHeadersStayReadableAndOthersBecomeEncodedWords) {
  EXPECT_EQ(EncodeHeaderWord("Your report 123"), "Your report 123");
  EXPECT_EQ(EncodeHeaderWord("بلاغكم"), "=?UTF-8?B?2KjZhNin2LrZg9mF?=");
  // A header value with a line break cannot smuggle in another header.
  EXPECT_EQ(EncodeHeaderWord("x\r\nBcc: a@b"), "=?UTF-8?B?eA0KQmNjOiBhQGI=?=");
}

TEST(Smtp, LongSubjectsFoldIntoWordsOfWholeCharacters) {
  std::string subject;
  for (int i = 0; i < 40; ++i) subject += "درخواست ";
  const std::string encoded = EncodeHeaderWord(subject);
  std::size_t start = 0;
  int words = 0;
  while (start < encoded.size()) {
    auto end = encoded.find("\r\n ", start);
    const std::string line = encoded.substr(start, end == std::string::npos ? end : end - start);
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_EQ(line.rfind("=?UTF-8?B?", 0), 0u) << line;
    ++words;
    start = end == std::string::npos ? encoded.size() : end + 3;
  }
  EXPECT_GT(words, 5);
}

TEST(Smtp, DatesAreRfc5322) {
  EXPECT_EQ(FormatRfc5322Date(base::FromMicros(1'795'509'000'123'456)),
            "Tue, 24 Nov 2026 08:30:00 +0000");
  EXPECT_EQ(FormatRfc5322Date(base::FromMicros(0)), "Thu, 01 Jan 1970 00:00:00 +0000");
}

TEST(Smtp, OnlyPlainAddressesAreAccepted) {
  EXPECT_TRUE(IsPlainEmailAddress("citizen@example.om"));
  EXPECT_TRUE(IsPlainEmailAddress("a.b+c@mail.example.ir"));
  EXPECT_FALSE(IsPlainEmailAddress("a@b>\r\nRCPT TO:<c@d"));
  EXPECT_FALSE(IsPlainEmailAddress("a b@c"));
  EXPECT_FALSE(IsPlainEmailAddress("no-at-sign"));
  EXPECT_FALSE(IsPlainEmailAddress("a@b@c"));
  EXPECT_FALSE(IsPlainEmailAddress(""));
}

TEST(Smtp, ComposesAPlainTextUtf8MessageWithCrlfLines) {
  EmailParts p{"noreply@center.example",
               "مركز ١٩٣٣",
               "citizen@example.sa",
               "بلاغكم 123",
               "سطر\nline 2",
               "<tawasul.1.abc@center.example>",
               base::FromMicros(0)};
  const std::string m = ComposeEmail(p);
  EXPECT_NE(m.find("From: =?UTF-8?B?2YXYsdmD2LIg2aHZqdmj2aM=?= <noreply@center.example>\r\n"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("To: <citizen@example.sa>\r\n"), std::string::npos);
  EXPECT_NE(m.find("Subject: =?UTF-8?B?2KjZhNin2LrZg9mFIDEyMw==?=\r\n"), std::string::npos) << m;
  EXPECT_NE(m.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  EXPECT_NE(m.find("Content-Transfer-Encoding: base64\r\n"), std::string::npos);
  EXPECT_NE(m.find("Message-ID: <tawasul.1.abc@center.example>\r\n"), std::string::npos);
  // "سطر\r\nline 2" in base64: the bare LF became CRLF.
  EXPECT_NE(m.find("\r\n\r\n2LPYt9ixDQpsaW5lIDI=\r\n"), std::string::npos) << m;
  for (std::size_t i = 0; i < m.size(); ++i) {
    if (m[i] == '\n') {
      ASSERT_TRUE(i > 0 && m[i - 1] == '\r') << "bare LF at " << i;
    }
  }
}

TEST(Smtp, TheMessageIdIsStableAcrossAttempts) {
  base::FakeClock clock(base::FromMicros(0));
  SmtpOptions o;
  o.from = "noreply@center.example";
  SmtpEmailSender sender(o, clock);
  app::Outgoing out;
  out.message.id = domain::MessageId{7};
  out.report_token = "0123456789abcdef0123456789abcdef";
  EXPECT_EQ(sender.MessageId(out), "<tawasul.7.0123456789abcdef@center.example>");
  out.message.attempts = 3;
  EXPECT_EQ(sender.MessageId(out), "<tawasul.7.0123456789abcdef@center.example>");
}

}  // namespace
}  // namespace tawasul::channels
