// GMime reading the mail citizens send: charsets, encodings, HTML, files, threading headers,
// bounces and junk.
#include "channels/mime_email.hpp"

#include <gtest/gtest.h>

#include <string>

#include "channels/imap_mailbox.hpp"

namespace tawasul::channels {
namespace {

TEST(ParseEmail, ReadsAWindows1256QuotedPrintableLetterAndItsHeaders) {
  // "مرحبا" in windows-1256 is E3 D1 CD C8 C7.
  const std::string raw =
      "From: \"Ali Reza\" <Ali@Example.COM>\r\n"
      "Subject: =?windows-1256?B?48fP?=\r\n"
      "Message-ID: <abc@example.com>\r\n"
      "In-Reply-To: <x1@center.example>\r\n"
      "References: <x0@center.example> <x1@center.example>\r\n"
      "Precedence: bulk\r\n"
      "Content-Type: text/plain; charset=windows-1256\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
      "=E3=D1=CD=C8=C7\r\n";
  auto p = ParseEmail(raw);
  ASSERT_TRUE(p.ok()) << p.error().message;
  const auto& m = p->message;
  EXPECT_EQ(m.from_address, "ali@example.com");
  EXPECT_EQ(m.from_name, "Ali Reza");
  EXPECT_EQ(m.subject, "ماد");
  EXPECT_EQ(m.text, "مرحبا");
  EXPECT_EQ(m.message_id, "abc@example.com");
  EXPECT_EQ(m.in_reply_to, (std::vector<std::string>{"x1@center.example", "x0@center.example"}));
  EXPECT_EQ(m.origin.precedence, "bulk");
  EXPECT_EQ(m.headers.at("precedence"), "bulk");
}

TEST(ParseEmail, ReducesHtmlOnlyMailToTextWithoutItsScripts) {
  const std::string raw =
      "From: a@example.com\r\nSubject: hi\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n"
      "<html><body><p>السلام</p><script>steal()</script><p>عليكم &amp; شكرا</p></body></html>\r\n";
  auto p = ParseEmail(raw);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->message.text, "السلام\n\nعليكم & شكرا");
}

TEST(ParseEmail, KeepsFilesWithinTheLimitsAndListsTheRest) {
  std::string raw =
      "From: a@example.com\r\nSubject: files\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
      "--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n";
  for (int i = 0; i < 3; ++i) {
    raw += "--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"f" +
           std::to_string(i) + ".pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n";
  }
  raw += "--b\r\nContent-Type: application/zip\r\nContent-Disposition: attachment; filename=\"big.zip\"\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" + std::string(200, 'A') + "\r\n--b--\r\n";
  auto p = ParseEmail(raw, 2, 100);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->message.text, "see attached");
  ASSERT_EQ(p->message.files.size(), 2u);
  EXPECT_EQ(p->message.files[0].filename, "f0.pdf");
  EXPECT_EQ(p->message.files[0].content, "%PDF-1.4\n");
  ASSERT_EQ(p->skipped_files.size(), 2u);
  EXPECT_NE(p->skipped_files[0].find("f2.pdf"), std::string::npos);
  EXPECT_NE(p->skipped_files[1].find("big.zip"), std::string::npos);
}

TEST(ParseEmail, RecognisesABounceAndTheMessageItIsAbout) {
  const std::string raw =
      "From: MAILER-DAEMON@mx.example\r\nSubject: failure\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n\r\n"
      "--r\r\nContent-Type: text/plain\r\n\r\nCould not deliver.\r\n"
      "--r\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\n"
      "Status: 5.1.1\r\nDiagnostic-Code: smtp; 550 no such user\r\n"
      "--r\r\nContent-Type: message/rfc822\r\n\r\nFrom: info@center.example\r\n"
      "Message-ID: <ours.1@center.example>\r\nSubject: x\r\n\r\nbody\r\n--r--\r\n";
  auto p = ParseEmail(raw);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->message.bounce_of, "ours.1@center.example");
  EXPECT_EQ(p->message.bounce_reason, "smtp; 550 no such user");
  EXPECT_EQ(p->message.text, "Could not deliver.");
}

TEST(ParseEmail, SurvivesJunkAndBrokenCharsets) {
  EXPECT_FALSE(ParseEmail("").ok());
  EXPECT_FALSE(ParseEmail(std::string("\x01\x02\xff no headers here", 19)).ok());
  auto p = ParseEmail("From: a@example.com\r\nContent-Type: text/plain; charset=x-unknown\r\n\r\nok \xff\xfe bytes\r\n");
  ASSERT_TRUE(p.ok());
  EXPECT_NE(p->message.text.find("ok"), std::string::npos);
  // Nesting deep enough to exhaust a naive parser is read without crashing.
  std::string deep = "From: a@example.com\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n";
  for (int i = 0; i < 40; ++i) {
    deep += "--b" + std::to_string(i) + "\r\nContent-Type: multipart/mixed; boundary=\"b" + std::to_string(i + 1) + "\"\r\n\r\n";
  }
  EXPECT_TRUE(ParseEmail(deep).ok());
}

TEST(ImapMailbox, ReadsUidsFromASearchAnswer) {
  EXPECT_EQ(ImapMailbox::ParseSearch("* SEARCH 7 3 12\r\n"), (std::vector<std::int64_t>{3, 7, 12}));
  EXPECT_EQ(ImapMailbox::ParseSearch("* SEARCH\r\n"), (std::vector<std::int64_t>{}));
  EXPECT_EQ(ImapMailbox::ParseSearch("* OK x\r\n* SEARCH 5 x 5\r\n"), (std::vector<std::int64_t>{5}));
}

}  // namespace
}  // namespace tawasul::channels
