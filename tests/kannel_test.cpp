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
  Kannel()
      : dir_((std::filesystem::temp_directory_path() / ("tawasul-kannel-" + Unique())).string()) {
    const std::string out = dir_ + ".out";
    const std::string cmd = std::string(TAWASUL_SOURCE_DIR) + "/scripts/kannel-test start '" +
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
    kannel_ = std::make_unique<Kannel>();
    const std::string config = (dir_ / "tawasul.toml").string();
    std::ofstream(config) << "[sms]\n"
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

INSTANTIATE_TEST_SUITE_P(Stores, KannelE2E, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
