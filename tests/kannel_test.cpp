// SMS end to end: a real Kannel (bearerbox + smsbox + the fake SMSC, from scripts/kannel-test)
// and a real `tawasul serve` configured for it. An action queues an Arabic SMS; the outbox
// worker hands it to smsbox; it must reach the SMSC intact (UCS-2), and Kannel's delivery
// reports must come back to tawasul's hook and show on the message and the request's timeline.
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
#include <regex>
#include <sstream>
#include <thread>

#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kPassword = "kannel-password";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

std::string Unique() {
  std::random_device rd;
  return std::to_string(::getpid()) + "-" + std::to_string(rd());
}

/// fakesmsc's data field: URL-encoded bytes, "+" for a space.
std::string UrlDecodeBytes(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

/// UTF-16BE bytes (what UCS-2 SMS carry) to UTF-8.
std::string Utf16BeToUtf8(const std::string& bytes) {
  std::string out;
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    char32_t cp =
        (static_cast<unsigned char>(bytes[i]) << 8) | static_cast<unsigned char>(bytes[i + 1]);
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < bytes.size()) {
      const char32_t lo = (static_cast<unsigned char>(bytes[i + 2]) << 8) |
                          static_cast<unsigned char>(bytes[i + 3]);
      cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      i += 2;
    }
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

std::u32string Utf8ToCodePoints(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out += cp;
    i += n;
  }
  return out;
}

/// A message the fake SMSC received.
struct Mt {
  std::string from;
  std::string to;
  std::string type;  ///< text | data | ucs-2
  std::string text;  ///< decoded to UTF-8
};

/// A throwaway Kannel from scripts/kannel-test, stopped (and its folder removed) at the end.
class Kannel {
 public:
  /// `mo_url`: where smsbox hands each MO (KANNEL_MO_URL), or empty.
  explicit Kannel(const std::string& mo_url = "")
      : dir_((std::filesystem::temp_directory_path() / ("tawasul-kannel-" + Unique())).string()) {
    const std::string out = dir_ + ".out";
    const std::string cmd = (mo_url.empty() ? "" : "KANNEL_MO_URL='" + mo_url + "' ") +
                            std::string(TAWASUL_SOURCE_DIR) + "/scripts/kannel-test start '" +
                            dir_ + "' >'" + out + "' 2>&1";
    const int rc = std::system(cmd.c_str());
    const std::string text = ReadFile(out);
    std::filesystem::remove(out);
    if (rc != 0) throw std::runtime_error("scripts/kannel-test start failed:\n" + text);
    std::istringstream lines(ReadFile(dir_ + "/env"));
    for (std::string line; std::getline(lines, line);) {
      const auto eq = line.find('=');
      if (eq != std::string::npos) env_[line.substr(0, eq)] = line.substr(eq + 1);
    }
  }
  ~Kannel() {
    // Nothing is stored, so a hard stop loses nothing and saves a second per test.
    const std::string cmd = "FAST_STOP=1 " + std::string(TAWASUL_SOURCE_DIR) +
                            "/scripts/kannel-test stop '" + dir_ + "' >/dev/null 2>&1";
    [[maybe_unused]] const int rc = std::system(cmd.c_str());
  }
  Kannel(const Kannel&) = delete;
  Kannel& operator=(const Kannel&) = delete;

  std::string Env(const std::string& key) const {
    auto it = env_.find(key);
    return it == env_.end() ? "" : it->second;
  }

  /// A citizen's SMS through the fake SMSC, as UCS-2 (at most ~38 Arabic letters: fakesmsc
  /// reads 254-byte lines).
  void SendMo(const std::string& from, const std::string& to, const std::string& utf8) const {
    std::string line = from + " " + to + " ucs2 ";
    static const char* hex = "0123456789ABCDEF";
    for (const char32_t cp : Utf8ToCodePoints(utf8)) {
      auto unit = [&](unsigned u) {
        for (const unsigned b : {u >> 8, u & 0xFFu}) {
          line += '%';
          line += hex[b >> 4];
          line += hex[b & 15];
        }
      };
      if (cp >= 0x10000) {
        unit(0xD800 + ((cp - 0x10000) >> 10));
        unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
      } else {
        unit(static_cast<unsigned>(cp));
      }
    }
    if (line.size() > 254) throw std::runtime_error("MO too long for fakesmsc: " + utf8);
    std::ofstream(Env("KANNEL_MO_FIFO")) << line << "\n" << std::flush;
  }

  std::vector<Mt> Received() const {
    static const std::regex line(R"(Got message \d+: <(\S+) (\S+) (\S+) (.*)>\s*$)");
    std::vector<Mt> out;
    std::istringstream in(ReadFile(Env("KANNEL_FAKESMSC_LOG")));
    for (std::string l; std::getline(in, l);) {
      std::smatch m;
      if (!std::regex_search(l, m, line)) continue;
      Mt mt{m[1], m[2], m[3], m[4]};
      if (mt.type == "ucs-2") mt.text = Utf16BeToUtf8(UrlDecodeBytes(mt.text));
      if (mt.type == "data") mt.text = UrlDecodeBytes(mt.text);
      out.push_back(mt);
    }
    return out;
  }

 private:
  std::string dir_;
  std::map<std::string, std::string> env_;
};

bool KannelInstalled() {
  return std::filesystem::exists("/usr/sbin/bearerbox") &&
         std::filesystem::exists("/usr/lib/kannel/test/fakesmsc");
}

class KannelE2E : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!KannelInstalled()) {
      if (std::getenv("TAWASUL_ALLOW_NO_KANNEL") != nullptr) GTEST_SKIP() << "no Kannel";
      FAIL() << "Kannel is not installed: apt-get install kannel kannel-extras "
                "(scripts/install-deps), or set TAWASUL_ALLOW_NO_KANNEL=1 to skip";
    }
    dir_ = std::filesystem::temp_directory_path() / ("tawasul-kannel-e2e-" + Unique());
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
    const int port = FreeLoopbackPort();
    ASSERT_GT(port, 0);
    mo_token_ = "mo-token-" + Unique();
    kannel_ = std::make_unique<Kannel>("http://127.0.0.1:" + std::to_string(port) +
                                       "/api/v1/hooks/kannel/mo?token=" + mo_token_);
    const std::string config = (dir_ / "tawasul.toml").string();
    std::ofstream(config) << "[sms]\n"
                          << "inbound_token = \"" << mo_token_ << "\"\n"
                          << "sendsms_url = \"" << kannel_->Env("KANNEL_SENDSMS_URL") << "\"\n"
                          << "username = \"" << kannel_->Env("KANNEL_USERNAME") << "\"\n"
                          << "password = \"" << kannel_->Env("KANNEL_PASSWORD") << "\"\n"
                          << "[outbox]\npoll_interval_ms = 50\n";
    server_ = std::make_unique<ServerProcess>(
        TAWASUL_BINARY, url,
        std::vector<std::string>{"TAWASUL_CONFIG=" + config, "TAWASUL_COUNTRY=SA",
                                 std::string("TAWASUL_PROFILES_DIR=") + TAWASUL_PROFILES_DIR});
    std::string out;
    ASSERT_EQ(
        server_->RunCommand({"demo", "--profile", "moia-1933", "--password", kPassword}, "", &out),
        0)
        << out;
    server_->UsePort(port);
    server_->Start();
    http_ = std::make_unique<HttpClient>(server_->base_url());
  }

  void TearDown() override {
    server_.reset();
    kannel_.reset();
    pg_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::string Login(const std::string& user) {
    auto r = http_->PostJson("/api/v1/auth/login",
                             json{{"username", user}, {"password", kPassword}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).at("token").get<std::string>();
  }

  /// A request by phone, dispatched: the "dispatch" action queues the "registered" SMS.
  std::string DispatchedCase(const std::string& token) {
    auto categories = json::parse(http_->Get("/api/v1/categories", token).body);
    std::int64_t category = 0;
    for (const auto& c : categories.at("items")) {
      if (c.at("code") == "SPK-FAULT") category = c.at("id").get<std::int64_t>();
    }
    const json body{{"type", "complaint"},
                    {"category_id", category},
                    {"channel", "phone"},
                    {"description", "مكبر الصوت لا يعمل"},
                    {"requester", {{"name", "عبدالله"}, {"phone", "٠٥٠١٢٣٤٥٦٧"}}},
                    {"priority", "normal"}};
    auto created = http_->PostJson("/api/v1/cases", body.dump(), token);
    EXPECT_EQ(created.status, 201) << created.body;
    const std::string path =
        "/api/v1/cases/" + std::to_string(json::parse(created.body).at("id").get<std::int64_t>());
    auto dispatched = http_->Send("POST", path + "/actions/dispatch", "{}",
                                  {{"Authorization", "Bearer " + token},
                                   {"Content-Type", "application/json"},
                                   {"If-Match", created.header("etag")}});
    EXPECT_EQ(dispatched.status, 200) << dispatched.body;
    return path;
  }

  /// Polls the request's messages until the first has `status` (or 15 s pass).
  json WaitForMessage(const std::string& path, const std::string& token,
                      const std::string& status) {
    json m;
    for (auto until = std::chrono::steady_clock::now() + 15s;
         std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(20ms)) {
      auto extras = json::parse(http_->Get(path + "/extras", token).body);
      if (extras.at("messages").empty()) continue;
      m = extras.at("messages")[0];
      if (m.at("status") == status) return m;
    }
    ADD_FAILURE() << "message never became " << status << ": " << m.dump() << "\n"
                  << ReadFile(server_->log_path());
    return m;
  }

  std::vector<Mt> WaitForSmsc(std::size_t n) {
    std::vector<Mt> got;
    // fakesmsc looks at its socket once a second, so an MT can take that long to show.
    for (auto until = std::chrono::steady_clock::now() + 10s;
         std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(20ms)) {
      got = kannel_->Received();
      if (got.size() >= n) return got;
    }
    ADD_FAILURE() << "the fake SMSC got " << got.size() << " of " << n << " messages";
    return got;
  }

  /// Polls the inbound list (as the admin) until it holds `n` messages; newest first.
  json WaitForInbound(const std::string& token, std::size_t n) {
    json items = json::array();
    for (auto until = std::chrono::steady_clock::now() + 10s;
         std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(20ms)) {
      items = json::parse(http_->Get("/api/v1/inbound", token).body).at("items");
      if (items.size() >= n) return items;
    }
    ADD_FAILURE() << "inbound list has " << items.size() << " of " << n << " messages\n"
                  << ReadFile(server_->log_path());
    return items;
  }

  /// The messages the fake SMSC got for `to`.
  std::vector<Mt> WaitForSmscTo(const std::string& to, std::size_t n) {
    std::vector<Mt> mine;
    for (auto until = std::chrono::steady_clock::now() + 10s;
         std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(20ms)) {
      mine.clear();
      for (auto& m : kannel_->Received()) {
        if (m.to == to) mine.push_back(m);
      }
      if (mine.size() >= n) return mine;
    }
    ADD_FAILURE() << "the fake SMSC got " << mine.size() << " of " << n << " messages to " << to;
    return mine;
  }

  std::string mo_token_;
  std::filesystem::path dir_;
  std::unique_ptr<ScratchPgDatabase> pg_;
  std::unique_ptr<Kannel> kannel_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> http_;
};

TEST_P(KannelE2E, AnArabicSmsReachesTheSmscAndItsDeliveryReportComesBack) {
  const std::string agent = Login("agent");
  const std::string path = DispatchedCase(agent);

  // Kannel's DLR 1 ("delivered to the handset") reached the hook and settled the message.
  const json m = WaitForMessage(path, agent, "delivered");
  EXPECT_EQ(m.at("channel"), "sms");
  EXPECT_EQ(m.at("template"), "registered");
  EXPECT_EQ(m.at("segments"), 1);
  EXPECT_EQ(m.at("attempts"), 1);
  EXPECT_FALSE(m.at("sent_at").is_null());
  const std::string body = m.at("body").get<std::string>();
  EXPECT_NE(body.find("تم تسجيل بلاغكم"), std::string::npos) << body;

  // The SMSC got it once, as UCS-2, from the profile's sender, text intact.
  const auto received = WaitForSmsc(1);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].from, "1933");
  EXPECT_EQ(received[0].to, "+966501234567");
  EXPECT_EQ(received[0].type, "ucs-2");
  EXPECT_EQ(received[0].text, body);

  // The timeline says so, without the phone number.
  auto timeline = json::parse(http_->Get(path + "/timeline", agent).body).at("items");
  std::vector<std::string> deliveries;
  for (const auto& e : timeline) {
    if (e.at("kind") == "delivery") {
      deliveries.push_back(e.at("field").get<std::string>() + ":" + e.at("to").get<std::string>());
    }
    EXPECT_EQ(e.dump().find("501234567"), std::string::npos) << e.dump();
  }
  EXPECT_EQ(deliveries, (std::vector<std::string>{"sms:sent", "sms:delivered"}));
}

TEST_P(KannelE2E, TheHookRefusesForgedReports) {
  const std::string agent = Login("agent");
  const std::string path = DispatchedCase(agent);
  const json m = WaitForMessage(path, agent, "delivered");
  const std::string id = std::to_string(m.at("id").get<std::int64_t>());
  const std::string hook = "/api/v1/hooks/kannel/dlr?id=" + id;
  EXPECT_EQ(http_->Get(hook + "&type=2&secret=00000000000000000000000000000000").status, 403);
  EXPECT_EQ(http_->Get(hook + "&type=2").status, 400);
  EXPECT_EQ(http_->Get("/api/v1/hooks/kannel/dlr?id=x&type=2&secret=y").status, 400);
  EXPECT_EQ(WaitForMessage(path, agent, "delivered").at("status"), "delivered");
}

TEST_P(KannelE2E, ACitizensSmsOpensARequestAndIsAnsweredWithItsTrackingCode) {
  const std::string admin = Login("admin");
  const std::string agent = Login("agent");
  kannel_->SendMo("+966507770001", "1933", "مكبر الصوت في المسجد لا يعمل");
  const json in = WaitForInbound(admin, 1);
  ASSERT_EQ(in.size(), 1u);
  EXPECT_EQ(in[0].at("outcome"), "created");
  EXPECT_EQ(in[0].at("channel"), "sms");
  EXPECT_EQ(in[0].at("sender"), "+96•••0001");  // masked: a list would disclose many
  EXPECT_EQ(in[0].at("recipient"), "1933");
  EXPECT_EQ(in[0].at("body"), "مكبر الصوت في المسجد لا يعمل");  // UCS-2 read right
  ASSERT_TRUE(in[0].at("case_id").is_number());

  // The request: channel sms, the text as its description, the sender as its requester, filed
  // under the profile's [sms_intake] category, and counted as an inbound SMS contact.
  const std::string path = "/api/v1/cases/" + std::to_string(in[0].at("case_id").get<std::int64_t>());
  const json c = json::parse(http_->Get(path, agent).body);
  EXPECT_EQ(c.at("channel"), "sms");
  EXPECT_EQ(c.at("description"), "مكبر الصوت في المسجد لا يعمل");
  EXPECT_EQ(c.at("requester").at("phone"), "+966507770001");
  const std::string code = c.at("tracking_code").get<std::string>();
  const json contacts = json::parse(http_->Get("/api/v1/contacts?case_id=" +
                                               std::to_string(c.at("id").get<std::int64_t>()),
                                               agent).body).at("items");
  ASSERT_EQ(contacts.size(), 1u) << contacts.dump();
  EXPECT_EQ(contacts[0].at("channel"), "sms");
  EXPECT_EQ(contacts[0].at("direction"), "inbound");

  // The answer reaches the handset through Kannel, carrying the tracking code.
  const auto back = WaitForSmscTo("+966507770001", 1);
  ASSERT_FALSE(back.empty());
  EXPECT_NE(back[0].text.find(code), std::string::npos) << back[0].text;
  EXPECT_EQ(back[0].from, "1933");
  // Counted on /metrics for operators.
  const std::string metrics = http_->Get("/metrics").body;
  EXPECT_NE(metrics.find("tawasul_inbound_messages_total{channel=\"sms\",outcome=\"created\"} 1"),
            std::string::npos);
}

TEST_P(KannelE2E, LaterSmsJoinTheRequestByNumberOrTrackingCode) {
  const std::string admin = Login("admin");
  const std::string agent = Login("agent");
  kannel_->SendMo("+966507770002", "1933", "الإضاءة معطلة");
  json in = WaitForInbound(admin, 1);
  const std::int64_t id = in[0].at("case_id").get<std::int64_t>();
  const std::string path = "/api/v1/cases/" + std::to_string(id);
  const std::string code = json::parse(http_->Get(path, agent).body).at("tracking_code");
  // The agent takes it, so a reply from the citizen reaches the agent's mentions.
  const json me = json::parse(http_->Get("/api/v1/auth/me", agent).body);
  ASSERT_EQ(http_->Send("PUT", path + "/owner", json{{"user_id", me.at("id")}}.dump(),
                        {{"Authorization", "Bearer " + agent}, {"Content-Type", "application/json"}})
                .status, 200);

  kannel_->SendMo("+966507770002", "1933", "وأيضا المكيف");  // the same number: joins it
  in = WaitForInbound(admin, 2);
  EXPECT_EQ(in[0].at("outcome"), "appended");
  EXPECT_EQ(in[0].at("case_id"), id);
  // Another number naming the code (in Arabic-Indic digits) joins it too.
  std::string arabic_code;
  for (const char ch : code) arabic_code += std::string("\xD9") + static_cast<char>(0xA0 + (ch - '0'));
  kannel_->SendMo("+966507770003", "1933", "بخصوص " + arabic_code);
  in = WaitForInbound(admin, 3);
  EXPECT_EQ(in[0].at("outcome"), "appended");
  EXPECT_EQ(in[0].at("case_id"), id);

  // Both are on the timeline in the citizens' words, each an inbound SMS contact.
  std::vector<std::string> texts;
  const json timeline = json::parse(http_->Get(path + "/timeline", agent).body).at("items");
  for (const auto& e : timeline) {
    if (e.at("kind") == "inbound") {
      EXPECT_EQ(e.at("field"), "sms");
      texts.push_back(e.at("note"));
    }
  }
  EXPECT_EQ(texts.size(), 2u) << timeline.dump();
  EXPECT_NE(std::find(texts.begin(), texts.end(), "وأيضا المكيف"), texts.end());
  const json contacts =
      json::parse(http_->Get("/api/v1/contacts?case_id=" + std::to_string(id), agent).body).at("items");
  EXPECT_EQ(contacts.size(), 3u);
  // The owner is told: the two replies are their unseen mentions.
  const json mentions = json::parse(http_->Get("/api/v1/mentions?unseen=true", agent).body);
  EXPECT_EQ(mentions.at("items").size(), 2u) << mentions.dump();
  // Each sender is answered: the first with its code, the others with "added".
  EXPECT_EQ(WaitForSmscTo("+966507770002", 2).size(), 2u);
  EXPECT_EQ(WaitForSmscTo("+966507770003", 1).size(), 1u);
}

TEST_P(KannelE2E, StopWordsFloodsAndBadInputAreKeptNotLost) {
  const std::string admin = Login("admin");
  const std::string hook = "/api/v1/hooks/kannel/mo?token=" + mo_token_;
  // STOP: answered once, then nothing more goes to the number until START.
  kannel_->SendMo("+966507770004", "1933", "توقف");
  json in = WaitForInbound(admin, 1);
  EXPECT_EQ(in[0].at("outcome"), "stopped");
  EXPECT_EQ(WaitForSmscTo("+966507770004", 1).size(), 1u);
  auto r = http_->Get(hook + "&from=%2B966507770004&to=1933&text=noise+again&coding=0&charset=UTF-8");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body).at("outcome"), "created");
  const json failed =
      json::parse(http_->Get("/api/v1/messages?status=failed", admin).body).at("items");
  ASSERT_FALSE(failed.empty());
  for (const auto& m : failed) {
    EXPECT_TRUE(m.at("recipient").get<std::string>().ends_with("0004")) << m.dump();
    EXPECT_NE(m.at("last_error").get<std::string>().find("stop word"), std::string::npos);
  }
  r = http_->Get(hook + "&from=%2B966507770004&to=1933&text=START&coding=0&charset=UTF-8");
  EXPECT_EQ(json::parse(r.body).at("outcome"), "started");

  // A flood from one number: past the hourly limit each message is kept as throttled and opens
  // nothing; the requests it opened before stay.
  int throttled = 0;
  for (int i = 0; i < 12; ++i) {
    r = http_->Get(hook + "&from=%2B966507770005&to=1933&text=flood+" + std::to_string(i) +
                   "&coding=0&charset=UTF-8");
    ASSERT_EQ(r.status, 200) << r.body;
    if (json::parse(r.body).at("outcome") == "throttled") ++throttled;
  }
  EXPECT_EQ(throttled, 2);  // the profile-independent default: 10 an hour
  const json kept = json::parse(http_->Get("/api/v1/inbound?outcome=throttled", admin).body);
  EXPECT_EQ(kept.at("items").size(), 2u);

  // A wrong token, a missing sender, bytes that are not UTF-16: refused, nothing opened; the
  // unreadable one is still kept, as rejected.
  EXPECT_EQ(http_->Get("/api/v1/hooks/kannel/mo?token=wrong-token-000000&from=1&text=x").status, 403);
  r = http_->Get(hook + "&text=hi");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body).at("field"), "from");
  r = http_->Get(hook + "&from=%2B966507770006&text=%06%33%06&coding=2&charset=UTF-16BE");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(json::parse(r.body).at("field"), "text");
  const json rejected = json::parse(http_->Get("/api/v1/inbound?outcome=rejected", admin).body);
  ASSERT_EQ(rejected.at("items").size(), 1u);
  EXPECT_EQ(rejected.at("items")[0].at("sender"), "+96•••0006");
  // Staff without identity rights cannot list them.
  EXPECT_EQ(http_->Get("/api/v1/inbound", Login("agent")).status, 403);
}

INSTANTIATE_TEST_SUITE_P(Stores, KannelE2E, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
