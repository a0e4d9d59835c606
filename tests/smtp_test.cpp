// Email end to end: a real SMTP server on loopback (Debian's python3-aiosmtpd, with
// tests/support/smtp_sink.py writing each message as JSON decoded by Python's email package),
// the SMTP sender, and a real `tawasul serve` whose outbox worker sends through it.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "app/outbox/outbox.hpp"
#include "base/time.hpp"
#include "channels/smtp_email.hpp"
#include "store/open_store.hpp"
#include "support/server_process.hpp"
#include "support/smtp_sink.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

std::string Unique() {
  std::random_device rd;
  return std::to_string(::getpid()) + "-" + std::to_string(rd());
}

std::string Lf(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), '\r'), s.end());
  return s;
}

class SmtpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!AiosmtpdInstalled()) {
      if (std::getenv("TAWASUL_ALLOW_NO_SMTP") != nullptr) GTEST_SKIP() << "no aiosmtpd";
      FAIL() << "python3-aiosmtpd is not installed (scripts/install-deps), or set "
                "TAWASUL_ALLOW_NO_SMTP=1 to skip";
    }
    dir_ = std::filesystem::temp_directory_path() / ("tawasul-smtp-" + Unique());
    sink_ = std::make_unique<SmtpSink>(dir_);
  }
  void TearDown() override {
    sink_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  channels::SmtpOptions Options() const {
    channels::SmtpOptions o;
    o.url = sink_->url();
    o.from = "noreply@center.example";
    o.from_name = "مركز الاتصال ١٩٣٣";
    o.timeout = 10s;
    return o;
  }

  static app::Outgoing Email(const std::string& to, const std::string& subject,
                             const std::string& body) {
    app::Outgoing out;
    out.message.id = domain::MessageId{17};
    out.message.channel = "email";
    out.message.recipient = to;
    out.message.subject = subject;
    out.message.body = body;
    out.report_token = "89abcdef0123456789abcdef01234567";
    return out;
  }

  std::filesystem::path dir_;
  std::unique_ptr<SmtpSink> sink_;
  base::FakeClock clock_{base::FromMicros(1'795'509'000'000'000)};
};

TEST_F(SmtpTest, ArabicAndPersianSubjectsAndBodiesArriveIntact) {
  channels::SmtpEmailSender sender(Options(), clock_);
  // Long enough to fold into several encoded words; mixes scripts, digits and punctuation.
  const std::string subject =
      "استفساركم رقم ٤٨٢٩١٥٣٠٦٧ — درخواست شما به کد ۴۸۲۹۱۵۳۰۶۷ ثبت شد (Ticket 4829153067)";
  const std::string body =
      "الإجابة على استفساركم رقم 4829153067:\n"
      "يُسمح بإحضار السجادة الشخصية، مع مراعاة التعليمات.\n\n"
      "پاسخ درخواست شما: لطفاً با شماره‌ی ۸۹۴۰ تماس "
      "بگیرید.\n"
      "مركز الاتصال ١٩٣٣";
  const auto result = sender.Send(Email("citizen@example.sa", subject, body));
  ASSERT_EQ(result.kind, app::SendResult::Kind::kAccepted) << result.error;
  EXPECT_EQ(result.gateway_ref, "<tawasul.17.89abcdef01234567@center.example>");

  const auto mail = sink_->WaitFor(1);
  ASSERT_EQ(mail.size(), 1u);
  const json& m = mail[0];
  EXPECT_EQ(m.at("mail_from"), "noreply@center.example");
  EXPECT_EQ(m.at("rcpt_tos"), json::array({"citizen@example.sa"}));
  EXPECT_EQ(m.at("subject"), subject);
  EXPECT_EQ(Lf(m.at("body").get<std::string>()), body);
  EXPECT_EQ(m.at("from"), "مركز الاتصال ١٩٣٣ <noreply@center.example>");
  EXPECT_EQ(m.at("to"), "citizen@example.sa");
  EXPECT_EQ(m.at("content_type"), "text/plain");
  EXPECT_EQ(m.at("charset"), "utf-8");
  EXPECT_EQ(m.at("message_id"), result.gateway_ref);
  EXPECT_EQ(m.at("date"), "Tue, 24 Nov 2026 08:30:00 +0000");
  // On the wire it is 7-bit ASCII with lines of at most 78 characters (RFC 5322).
  const std::string raw = m.at("raw");
  EXPECT_TRUE(std::all_of(raw.begin(), raw.end(), [](char c) { return (c & 0x80) == 0; }));
  std::size_t start = 0;
  while (start < raw.size()) {
    const auto end = raw.find("\r\n", start);
    EXPECT_LE((end == std::string::npos ? raw.size() : end) - start, 78u);
    start = end == std::string::npos ? raw.size() : end + 2;
  }
}

TEST_F(SmtpTest, ARejectedRecipientIsPermanentAndADownServerIsTemporary) {
  channels::SmtpEmailSender sender(Options(), clock_);
  const auto rejected = sender.Send(Email("reject-me@example.sa", "x", "y"));
  EXPECT_EQ(rejected.kind, app::SendResult::Kind::kPermanentFailure) << rejected.error;
  EXPECT_NE(rejected.error.find("550"), std::string::npos) << rejected.error;

  auto options = Options();
  options.url = "smtp://127.0.0.1:" + std::to_string(FreePort());  // nobody listens
  channels::SmtpEmailSender down(options, clock_);
  EXPECT_EQ(down.Send(Email("citizen@example.sa", "x", "y")).kind,
            app::SendResult::Kind::kTemporaryFailure);
  EXPECT_TRUE(sink_->Messages().empty());
}

TEST_F(SmtpTest, TawasulServeSendsQueuedEmailThroughItsWorker) {
  const std::string url = "sqlite:" + (dir_ / "store.db").string();
  const std::string config = (dir_ / "tawasul.toml").string();
  std::ofstream(config) << "[email]\nsmtp_url = \"" << sink_->url() << "\"\n"
                        << "from = \"noreply@center.example\"\nfrom_name = \"مرکز ۸۹۴۰\"\n"
                        << "[outbox]\npoll_interval_ms = 50\n";
  ServerProcess server(
      TAWASUL_BINARY, url,
      {"TAWASUL_CONFIG=" + config, std::string("TAWASUL_PROFILES_DIR=") + TAWASUL_PROFILES_DIR});
  std::string out;
  ASSERT_EQ(server.RunCommand({"demo", "--profile", "mosques-8940", "--password", "pw-12345678"},
                              "", &out),
            0)
      << out;

  // An email queued with a request, as a workflow's notify effect writes it.
  domain::CaseId case_id;
  std::int64_t message_id = 0;
  {
    auto store = store::OpenStore(url);
    app::NewCase nc;
    nc.fields.tracking_code = "5550001112";
    nc.fields.category_id = store->ListCategories().at(0).id;
    nc.fields.description = "درخواست تعمیر بلندگوی مسجد";
    domain::OutboxMessage m;
    m.channel = "email";
    m.template_name = "answered";
    m.recipient = "citizen@example.ir";
    m.language = "fa";
    m.subject = "درخواست شما به کد ۵۵۵۰۰۰۱۱۱۲";
    m.body = "پاسخ درخواست شما:\nبلندگو تعمیر شد.";
    nc.messages.push_back(m);
    auto c = store->CreateCase(nc);
    ASSERT_TRUE(c.ok()) << c.error().message;
    case_id = c->id;
    message_id = store->Messages(case_id).at(0).id.value;
  }
  server.Start();

  const auto mail = sink_->WaitFor(1);
  ASSERT_EQ(mail.size(), 1u) << std::ifstream(server.log_path()).rdbuf();
  EXPECT_EQ(mail[0].at("subject"), "درخواست شما به کد ۵۵۵۰۰۰۱۱۱۲");
  EXPECT_EQ(Lf(mail[0].at("body").get<std::string>()), "پاسخ درخواست شما:\nبلندگو تعمیر شد.");
  EXPECT_EQ(mail[0].at("from"), "مرکز ۸۹۴۰ <noreply@center.example>");

  auto store = store::OpenStore(url);
  std::optional<domain::OutboxMessage> m;
  for (auto until = std::chrono::steady_clock::now() + 10s;
       std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(20ms)) {
    m = store->GetMessage(domain::MessageId{message_id});
    if (m && m->status == "sent") break;
  }
  ASSERT_TRUE(m);
  EXPECT_EQ(m->status, "sent");
  EXPECT_EQ(m->gateway_ref, mail[0].at("message_id"));
  bool on_timeline = false;
  for (const auto& e : store->Timeline(case_id)) {
    on_timeline = on_timeline || (e.kind == "delivery" && e.field == "email" && e.to == "sent");
  }
  EXPECT_TRUE(on_timeline);
  EXPECT_EQ(server.Stop(), 0);
}

// Muscat's directorates general get last month's figures (their departments included) as a
// spreadsheet, each once: the worker queues them when the server starts, the outbox sends them,
// and a restart sends nothing again. The sink reads the MIME parts and the spreadsheet's cells
// with Python's email and zipfile packages.
TEST_F(SmtpTest, EachDirectorateGetsLastMonthAsASpreadsheetOnce) {
  const std::string url = "sqlite:" + (dir_ / "store.db").string();
  const std::string config = (dir_ / "tawasul.toml").string();
  std::ofstream(config) << "[email]\nsmtp_url = \"" << sink_->url() << "\"\n"
                        << "from = \"reports@muscat.example.om\"\n"
                        << "[outbox]\npoll_interval_ms = 50\n[reports]\nschedule_poll_seconds = 1\n";
  ServerProcess server(
      TAWASUL_BINARY, url,
      {"TAWASUL_CONFIG=" + config, std::string("TAWASUL_PROFILES_DIR=") + TAWASUL_PROFILES_DIR});
  std::string out;
  ASSERT_EQ(server.RunCommand({"demo", "--profile", "muscat-1111", "--password", "pw-12345678",
                               "--history", "45"},
                              "", &out),
            0)
      << out;
  server.Start();
  const auto mail = sink_->WaitFor(5);  // four directorates, one with two recipients
  ASSERT_EQ(mail.size(), 5u) << std::ifstream(server.log_path()).rdbuf();
  bool health = false;
  for (const auto& m : mail) {
    EXPECT_EQ(m.at("content_type"), "multipart/mixed");
    ASSERT_EQ(m.at("attachments").size(), 1u) << m.dump();
    const json& a = m.at("attachments")[0];
    EXPECT_EQ(a.at("content_type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_TRUE(a.at("zip").get<bool>()) << "an XLSX is a zip file";
    EXPECT_NE(a.at("filename").get<std::string>().find(".xlsx"), std::string::npos);
    const auto strings = a.at("strings").get<std::vector<std::string>>();
    EXPECT_NE(std::find(strings.begin(), strings.end(), "الإجماليات"), strings.end());
    if (m.at("to") == "<dg-health@muscat.example.om>" || m.at("to") == "dg-health@muscat.example.om") {
      health = true;
      EXPECT_NE(std::find(strings.begin(), strings.end(), "المديرية العامة للشؤون الصحية"), strings.end());
      EXPECT_NE(std::find(strings.begin(), strings.end(), "قسم الرقابة الغذائية"), strings.end())
          << "its departments are in it";
      EXPECT_EQ(std::find(strings.begin(), strings.end(), "المديرية العامة للبيئة"), strings.end())
          << "another directorate's figures are not";
      EXPECT_NE(m.at("subject").get<std::string>().find("المديرية العامة للشؤون الصحية"),
                std::string::npos);
    }
  }
  EXPECT_TRUE(health);
  EXPECT_EQ(server.Stop(), 0);

  // Restarted: the month has gone; nothing is sent again.
  server.Start();
  std::this_thread::sleep_for(2500ms);
  EXPECT_EQ(sink_->Messages().size(), 5u);
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace tawasul::testing
