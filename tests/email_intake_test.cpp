// Email and fax intake end to end: a real IMAP server (Dovecot from scripts/dovecot-test, mail
// delivered by its LDA), a real SMTP server for the answers (aiosmtpd with support/smtp_sink.py),
// and a real `tawasul serve` reading two mailboxes, a center's inbox and a fax gateway's.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <thread>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/smtp_sink.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kPassword = "email-password";

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

std::string Unique() {
  std::random_device rd;
  return std::to_string(::getpid()) + "-" + std::to_string(rd());
}

/// A throwaway Dovecot from scripts/dovecot-test, stopped (and its folder removed) at the end.
class Dovecot {
 public:
  Dovecot() : dir_((std::filesystem::temp_directory_path() / ("tawasul-dovecot-" + Unique())).string()) {
    const std::string out = dir_ + ".out";
    const int rc = std::system((std::string(TAWASUL_SOURCE_DIR) + "/scripts/dovecot-test start '" +
                                dir_ + "' >'" + out + "' 2>&1").c_str());
    const std::string text = ReadAll(out);
    std::filesystem::remove(out);
    if (rc != 0) throw std::runtime_error("scripts/dovecot-test start failed:\n" + text);
    std::istringstream lines(ReadAll(dir_ + "/env"));
    for (std::string line; std::getline(lines, line);) {
      const auto eq = line.find('=');
      if (eq != std::string::npos) env_[line.substr(0, eq)] = line.substr(eq + 1);
    }
  }
  ~Dovecot() {
    [[maybe_unused]] const int rc = std::system(
        (std::string(TAWASUL_SOURCE_DIR) + "/scripts/dovecot-test stop '" + dir_ + "' >/dev/null 2>&1").c_str());
  }
  std::string Env(const std::string& k) const { return env_.count(k) ? env_.at(k) : ""; }

  /// Delivers `message` (CRLF or LF lines) to `user`'s INBOX through Dovecot's LDA.
  void Deliver(const std::string& message, const std::string& user = "tawasul") const {
    const std::string file = dir_ + "/msg-" + Unique() + ".eml";
    std::ofstream(file, std::ios::binary) << message;
    const int rc = std::system((std::string(TAWASUL_SOURCE_DIR) + "/scripts/dovecot-test deliver '" +
                                dir_ + "' '" + file + "' " + user).c_str());
    std::filesystem::remove(file);
    if (rc != 0) throw std::runtime_error("dovecot-lda failed for " + user);
  }

 private:
  std::string dir_;
  std::map<std::string, std::string> env_;
};

bool MailToolsInstalled() {
  return std::filesystem::exists("/usr/sbin/dovecot") && std::filesystem::exists("/usr/lib/dovecot/dovecot-lda") &&
         AiosmtpdInstalled();
}

constexpr const char* kPdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

std::string Base64(const std::string& in) {
  static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < in.size(); i += 3) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    if (i + 2 < in.size()) v |= static_cast<unsigned char>(in[i + 2]);
    out += t[(v >> 18) & 63];
    out += t[(v >> 12) & 63];
    out += i + 1 < in.size() ? t[(v >> 6) & 63] : '=';
    out += i + 2 < in.size() ? t[v & 63] : '=';
  }
  return out;
}

class EmailE2E : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!MailToolsInstalled()) {
      if (std::getenv("TAWASUL_ALLOW_NO_MAIL") != nullptr) GTEST_SKIP() << "no Dovecot or aiosmtpd";
      FAIL() << "Dovecot or aiosmtpd is missing: apt-get install dovecot-imapd python3-aiosmtpd "
                "(scripts/install-deps), or set TAWASUL_ALLOW_NO_MAIL=1 to skip";
    }
    dir_ = std::filesystem::temp_directory_path() / ("tawasul-email-e2e-" + Unique());
    std::filesystem::create_directories(dir_);
    std::string url = "sqlite:" + (dir_ / "store.db").string();
    if (GetParam() == "postgres") {
      pg_ = std::make_unique<ScratchPgDatabase>();
      if (pg_->url().empty()) {
        if (std::getenv("TAWASUL_ALLOW_NO_PG") != nullptr) GTEST_SKIP() << "no PostgreSQL";
        FAIL() << "TAWASUL_TEST_PG is not set; run the tests with scripts/run-tests";
      }
      url = pg_->url();
    }
    dovecot_ = std::make_unique<Dovecot>();
    sink_ = std::make_unique<SmtpSink>(dir_ / "smtp");
    const std::string config = (dir_ / "tawasul.toml").string();
    std::ofstream(config) << "[email]\nsmtp_url = \"" << sink_->url() << "\"\n"
                          << "from = \"info@center.example\"\n"
                          << "[outbox]\npoll_interval_ms = 50\n"
                          << "[[mailboxes]]\nname = \"info\"\n"
                          << "url = \"" << dovecot_->Env("IMAP_URL") << "\"\n"
                          << "username = \"tawasul\"\n"
                          << "address = \"info@center.example\"\n"
                          << "category = \"DAWA-QURAN\"\ntype = \"inquiry\"\npoll_interval_ms = 100\n"
                          << "[[mailboxes]]\nname = \"fax\"\nfax = true\n"
                          << "url = \"" << dovecot_->Env("IMAP_URL") << "\"\n"
                          << "username = \"fax\"\naddress = \"fax@center.example\"\n"
                          << "category = \"MAINT\"\ntype = \"complaint\"\npoll_interval_ms = 100\n";
    server_ = std::make_unique<ServerProcess>(
        TAWASUL_BINARY, url,
        std::vector<std::string>{"TAWASUL_CONFIG=" + config, "TAWASUL_COUNTRY=SA",
                                 "TAWASUL_MAILBOX_PASSWORD_INFO=" + dovecot_->Env("IMAP_PASSWORD"),
                                 "TAWASUL_MAILBOX_PASSWORD_FAX=" + dovecot_->Env("IMAP_PASSWORD"),
                                 std::string("TAWASUL_PROFILES_DIR=") + TAWASUL_PROFILES_DIR});
    std::string out;
    ASSERT_EQ(server_->RunCommand({"demo", "--profile", "moia-1933", "--password", kPassword}, "", &out), 0) << out;
    server_->Start();
    http_ = std::make_unique<HttpClient>(server_->base_url());
    admin_ = Login("admin");
    agent_ = Login("agent");
  }

  void TearDown() override {
    server_.reset();
    sink_.reset();
    dovecot_.reset();
    pg_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::string Login(const std::string& user) {
    auto r = http_->PostJson("/api/v1/auth/login", json{{"username", user}, {"password", kPassword}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).at("token").get<std::string>();
  }

  /// Polls the inbound list until it holds `n` messages; newest first.
  json WaitForInbound(std::size_t n) {
    json items = json::array();
    for (auto until = std::chrono::steady_clock::now() + 15s; std::chrono::steady_clock::now() < until;
         std::this_thread::sleep_for(50ms)) {
      items = json::parse(http_->Get("/api/v1/inbound", admin_).body).at("items");
      if (items.size() >= n) return items;
    }
    ADD_FAILURE() << "inbound list has " << items.size() << " of " << n << " messages\n"
                  << ReadAll(server_->log_path());
    return items;
  }

  json Case(std::int64_t id) { return json::parse(http_->Get("/api/v1/cases/" + std::to_string(id), agent_).body); }

  std::filesystem::path dir_;
  std::unique_ptr<ScratchPgDatabase> pg_;
  std::unique_ptr<Dovecot> dovecot_;
  std::unique_ptr<SmtpSink> sink_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> http_;
  std::string admin_;
  std::string agent_;
};

TEST_P(EmailE2E, AnEmailOpensARequestIsAnsweredAndRepliesJoinIt) {
  // Arabic in both parts (the text part is preferred), a PDF attached, a subject in RFC 2047.
  dovecot_->Deliver(
      "From: =?UTF-8?B?" + Base64("فاطمة") + "?= <Fatima@Example.com>\r\n"
      "To: info@center.example\r\n"
      "Subject: =?UTF-8?B?" + Base64("موعد حلقة التحفيظ") + "?=\r\n"
      "Message-ID: <q1@example.com>\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
      "--b1\r\nContent-Type: multipart/alternative; boundary=\"b2\"\r\n\r\n"
      "--b2\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
      Base64("متى تبدأ حلقة التحفيظ في مسجد الحي؟") + "\r\n"
      "--b2\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>HTML copy</p><script>x()</script>\r\n"
      "--b2--\r\n"
      "--b1\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"letter.pdf\"\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n" + Base64(kPdf) + "\r\n--b1--\r\n");
  json in = WaitForInbound(1);
  ASSERT_EQ(in[0].at("outcome"), "created") << in.dump();
  EXPECT_EQ(in[0].at("channel"), "email");
  const std::int64_t id = in[0].at("case_id").get<std::int64_t>();
  const json c = Case(id);
  EXPECT_EQ(c.at("channel"), "email");
  EXPECT_EQ(c.at("description"), "موعد حلقة التحفيظ\n\nمتى تبدأ حلقة التحفيظ في مسجد الحي؟");
  EXPECT_EQ(c.at("requester").at("email"), "fatima@example.com");
  EXPECT_EQ(c.at("requester").at("name"), "فاطمة");
  EXPECT_EQ(c.at("type"), "inquiry");
  const json files = json::parse(http_->Get("/api/v1/cases/" + std::to_string(id) + "/attachments", agent_).body);
  ASSERT_EQ(files.at("items").size(), 1u) << files.dump();
  EXPECT_EQ(files.at("items")[0].at("filename"), "letter.pdf");
  EXPECT_EQ(files.at("items")[0].at("media_type"), "application/pdf");

  // The answer carries the tracking code, sent by SMTP to the sender.
  auto sent = sink_->WaitFor(1);
  ASSERT_EQ(sent.size(), 1u) << ReadAll(server_->log_path());
  const std::string code = c.at("tracking_code");
  EXPECT_EQ(sent[0].at("rcpt_tos")[0], "fatima@example.com");
  EXPECT_NE(sent[0].at("subject").get<std::string>().find(code), std::string::npos);
  const std::string our_id = sent[0].at("message_id");

  // A reply to our answer (In-Reply-To) and a new email naming the code both join the request.
  dovecot_->Deliver("From: fatima@example.com\r\nTo: info@center.example\r\nSubject: Re: x\r\n"
                    "Message-ID: <q2@example.com>\r\nIn-Reply-To: " + our_id + "\r\n\r\nشكرا، وما المستوى المطلوب؟\r\n");
  dovecot_->Deliver("From: other@example.net\r\nTo: info@center.example\r\nSubject: about " + code + "\r\n"
                    "Message-ID: <q3@example.net>\r\n\r\nI am her brother.\r\n");
  in = WaitForInbound(3);
  EXPECT_EQ(in[0].at("outcome"), "appended");
  EXPECT_EQ(in[1].at("outcome"), "appended");
  EXPECT_EQ(in[0].at("case_id"), id);
  EXPECT_EQ(in[1].at("case_id"), id);
  const json timeline = json::parse(http_->Get("/api/v1/cases/" + std::to_string(id) + "/timeline", agent_).body).at("items");
  int inbound = 0;
  for (const auto& e : timeline) {
    if (e.at("kind") == "inbound") {
      ++inbound;
      EXPECT_EQ(e.at("field"), "email");
    }
  }
  EXPECT_EQ(inbound, 2) << timeline.dump();
  // Replies are not answered again: still one email sent.
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(sink_->Messages().size(), 1u);
  // Each is a contact on channel email.
  const json contacts = json::parse(http_->Get("/api/v1/contacts?case_id=" + std::to_string(id), agent_).body).at("items");
  EXPECT_EQ(contacts.size(), 3u);
}

TEST_P(EmailE2E, MachinesAreNotAnsweredBouncesMarkOurMessageAndJunkIsKept) {
  dovecot_->Deliver("From: someone@example.com\r\nTo: info@center.example\r\nSubject: إنارة المسجد\r\n"
                    "Message-ID: <m1@example.com>\r\n\r\nالإنارة معطلة\r\n");
  auto sent = sink_->WaitFor(1);
  ASSERT_EQ(sent.size(), 1u);
  const std::string our_id = sent[0].at("message_id");
  // An auto-reply from a holiday responder: registered, never answered.
  dovecot_->Deliver("From: away@example.org\r\nTo: info@center.example\r\nSubject: Out of office\r\n"
                    "Auto-Submitted: auto-replied\r\nMessage-ID: <m2@example.org>\r\n\r\nI am away.\r\n");
  // Our answer to someone@ bounced.
  dovecot_->Deliver(
      "From: MAILER-DAEMON@example.com\r\nTo: info@center.example\r\nSubject: Undelivered Mail\r\n"
      "Message-ID: <m3@example.com>\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n\r\n"
      "--r\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
      "--r\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.com\r\n\r\n"
      "Final-Recipient: rfc822; someone@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n"
      "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n"
      "--r\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: info@center.example\r\n"
      "Message-ID: " + our_id + "\r\nSubject: x\r\n"
      "--r--\r\n");
  // Junk: no headers, bytes that are not text.
  dovecot_->Deliver(std::string("\x01\x02\xff\xfe garbage without headers\r\n", 28));
  json in = WaitForInbound(4);
  std::map<std::string, json> by;
  for (const auto& m : in) by[m.at("outcome").get<std::string>() + (m.at("reason").get<std::string>().empty() ? "" : "+reason")] = m;
  ASSERT_TRUE(by.count("created+reason")) << in.dump();
  EXPECT_NE(by["created+reason"].at("reason").get<std::string>().find("Auto-Submitted"), std::string::npos);
  ASSERT_TRUE(by.count("bounced")) << in.dump();
  ASSERT_TRUE(by.count("rejected+reason")) << in.dump();
  // Nothing more was sent: the holiday responder got no answer.
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(sink_->Messages().size(), 1u);
  // The bounce marked our email undeliverable, on its request's timeline too.
  const json undeliverable = json::parse(http_->Get("/api/v1/messages?status=undeliverable", admin_).body).at("items");
  ASSERT_EQ(undeliverable.size(), 1u);
  EXPECT_EQ(undeliverable[0].at("template"), "email_received");
  EXPECT_NE(undeliverable[0].at("last_error").get<std::string>().find("user unknown"), std::string::npos);
  EXPECT_EQ(by["bounced"].at("case_id"), undeliverable[0].at("case_id"));
}

TEST_P(EmailE2E, AFaxBecomesARequestWithItsDocumentAndAnSmsBack) {
  const std::string tiff("II*\0\x08\0\0\0\0\0\0\0\0\0\0\0", 16);
  dovecot_->Deliver("From: gateway@fax.example\r\nTo: fax@center.example\r\n"
                    "Subject: Fax from +966 50 777 0009 (2 pages)\r\nMessage-ID: <f1@fax.example>\r\n"
                    "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"f\"\r\n\r\n"
                    "--f\r\nContent-Type: text/plain\r\n\r\nReceived fax.\r\n"
                    "--f\r\nContent-Type: image/tiff; name=\"fax.tif\"\r\nContent-Disposition: attachment; filename=\"fax.tif\"\r\n"
                    "Content-Transfer-Encoding: base64\r\n\r\n" + Base64(tiff) + "\r\n--f--\r\n",
                    "fax");
  json in = WaitForInbound(1);
  ASSERT_EQ(in[0].at("outcome"), "created") << in.dump();
  EXPECT_EQ(in[0].at("channel"), "fax");
  const json c = Case(in[0].at("case_id").get<std::int64_t>());
  EXPECT_EQ(c.at("channel"), "fax");
  EXPECT_EQ(c.at("requester").at("phone"), "+966507770009");
  EXPECT_EQ(c.at("type"), "complaint");
  const json files = json::parse(http_->Get("/api/v1/cases/" + std::to_string(c.at("id").get<std::int64_t>()) + "/attachments", agent_).body);
  ASSERT_EQ(files.at("items").size(), 1u) << files.dump();
  EXPECT_EQ(files.at("items")[0].at("media_type"), "image/tiff");
  // No email goes back to a fax gateway; an SMS with the code is queued to the mobile number.
  std::this_thread::sleep_for(300ms);
  EXPECT_TRUE(sink_->Messages().empty());
  const json queued = json::parse(http_->Get("/api/v1/messages?channel=sms", admin_).body).at("items");
  ASSERT_EQ(queued.size(), 1u) << queued.dump();
  EXPECT_EQ(queued[0].at("template"), "sms_received");
}

INSTANTIATE_TEST_SUITE_P(Stores, EmailE2E, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
