// Real SIP calls end to end (issue 12, part 6): Kamailio runs the routing script we ship
// (integrations/kamailio/tawasul.cfg), SIPp plays the citizens and the agents' desk phones, and
// a real `tawasul serve` takes the CTI events Kamailio posts on INVITE, 200 OK, BYE and CANCEL.
// Every call goes over UDP on loopback:
//   - answered: the agent's console gets the screen-pop over the WebSocket, a request is
//     registered and linked during the call, and after the BYE the call has its wait and talk
//     seconds;
//   - the caller gives up while it rings: a callback task appears;
//   - a blocked caller: Kamailio refuses the call with 486 because Tawasul says so;
//   - an agent dials out: the trunk (SIPp) gets the number and the caller ID Tawasul chose.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "support/demo_server_fixture.hpp"
#include "support/live_socket.hpp"

extern char** environ;

namespace tawasul::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr const char* kKamailio = "/usr/sbin/kamailio";
constexpr const char* kSipp = "/usr/bin/sipp";
constexpr const char* kKamailioModules = "/usr/lib/x86_64-linux-gnu/kamailio/modules";
constexpr const char* kExtension = "201";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

/// A UDP port on loopback that nothing uses now.
int FreeUdpPort() {
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    ::close(fd);
    return 0;
  }
  ::close(fd);
  return ntohs(a.sin_port);
}

/// True when something has UDP port `port` bound (read from /proc, as no probe is harmless).
bool UdpBound(int port) {
  char hex[8];
  std::snprintf(hex, sizeof hex, ":%04X", port);
  std::istringstream lines(ReadFile("/proc/net/udp"));
  for (std::string line; std::getline(lines, line);) {
    std::istringstream fields(line);
    std::string sl, local;
    fields >> sl >> local;
    if (local.size() > 5 && local.compare(local.size() - 5, 5, hex) == 0) return true;
  }
  return false;
}

/// A child process with its output in a file; killed (if still running) when destroyed.
class Child {
 public:
  Child(std::vector<std::string> argv, fs::path log) : log_(std::move(log)) {
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);  // its own group: killed with its children
    posix_spawnattr_setpgroup(&attr, 0);
    if (posix_spawn(&pid_, args[0], &actions, &attr, args.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
  ~Child() { Kill(); }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  bool started() const { return pid_ > 0; }
  bool running() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      status_ = status;
      return false;
    }
    return true;
  }
  /// Waits up to `limit` for the exit; its exit code, or -1 when it had to be killed.
  int Wait(std::chrono::milliseconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (running() && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(20ms);
    if (running()) {
      Kill();
      return -1;
    }
    return WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
  }
  void Kill() {
    if (pid_ <= 0) return;
    ::kill(-pid_, SIGKILL);
    ::waitpid(pid_, &status_, 0);
    pid_ = -1;
  }
  std::string output() const { return ReadFile(log_); }

 private:
  fs::path log_;
  pid_t pid_ = -1;
  int status_ = 0;
};


class SipE2E : public DemoServerTest {
 protected:
  SipE2E() : DemoServerTest({.password = "sip-password"}) {}

  void SetUp() override {
    DemoServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(fs::exists(kKamailio)) << "kamailio is missing: scripts/install-deps installs it";
    ASSERT_TRUE(fs::exists(kSipp)) << "sipp is missing: scripts/install-deps installs sip-tester";
    sip_dir_ = dir_ / "sip";
    fs::create_directories(sip_dir_);

    const std::string admin = Token("admin");
    json made = PostJson("/api/v1/admin/cti-sources", json{{"name", "Kamailio"}}, admin, 201);
    const std::string token = made.value("token", "");
    cti_source_path_ = "/api/v1/admin/cti-sources/" + std::to_string(made.value("id", 0));
    ASSERT_FALSE(token.empty());
    const json users = GetJson("/api/v1/users", admin);
    for (const auto& u : users.at("items")) {
      if (u.value("username", "") == "agent") agent_id_ = u.at("id").get<std::int64_t>();
    }
    ASSERT_GT(agent_id_, 0);
    ASSERT_EQ(Send("PATCH", "/api/v1/users/" + std::to_string(agent_id_),
                   json{{"extension", kExtension}}, admin)
                  .status,
              200);

    pbx_port_ = FreeUdpPort();
    ASSERT_GT(pbx_port_, 0);
    trunk_port_ = FreeUdpPort();
    const std::string url = server_->base_url() + "/api/v1/cti/" + token;
    kamailio_ = std::make_unique<Child>(
        std::vector<std::string>{kKamailio, "-f", std::string(TAWASUL_SOURCE_DIR) +
                                                  "/integrations/kamailio/tawasul.cfg",
                                 "-DD", "-E", "-L", kKamailioModules, "-Y", sip_dir_.string(),
                                 "-P", (sip_dir_ / "kamailio.pid").string(), "-l",
                                 "udp:127.0.0.1:" + std::to_string(pbx_port_), "-A",
                                 "TAWASUL_CTI_URL=\"" + url + "\"", "-A", "HOTLINE=\"1933\"",
                                 "-A", std::string("HOTLINE_EXTS=\"") + kExtension + "\"", "-A",
                                 "TRUNK=\"sip:127.0.0.1:" + std::to_string(trunk_port_) + "\""},
        sip_dir_ / "kamailio.log");
    ASSERT_TRUE(kamailio_->started());
    for (int i = 0; i < 250 && !UdpBound(pbx_port_) && kamailio_->running(); ++i)
      std::this_thread::sleep_for(20ms);
    ASSERT_TRUE(UdpBound(pbx_port_)) << kamailio_->output();
  }

  void TearDown() override {
    kamailio_.reset();
    DemoServerTest::TearDown();
  }

  std::string Pbx() const { return "127.0.0.1:" + std::to_string(pbx_port_); }

  /// SIPp running `scenario` (tests/sip/NAME.xml) once, as a client of the PBX or, with
  /// `listen_port`, as a phone waiting there; `keys` fill the scenario's [keywords], and
  /// "pause_ms" sets how long its <pause/> lasts.
  std::unique_ptr<Child> Sipp(const std::string& scenario, const std::string& service,
                              const std::vector<std::pair<std::string, std::string>>& keys,
                              int listen_port = 0, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> argv{kSipp, "-sf",
                                  std::string(TAWASUL_SOURCE_DIR) + "/tests/sip/" + scenario + ".xml",
                                  "-m", "1", "-nostdin", "-timeout", "30s", "-timeout_error",
                                  "-i", "127.0.0.1", "-s", service,
                                  "-trace_err", "-error_file",
                                  (sip_dir_ / (scenario + ".errors")).string()};
    if (listen_port > 0) {
      argv.insert(argv.end(), {"-p", std::to_string(listen_port)});
    } else {
      argv.insert(argv.end(), {"-p", std::to_string(FreeUdpPort())});
    }
    for (const auto& [k, v] : keys) {
      if (k == "pause_ms") {
        argv.insert(argv.end(), {"-d", v});  // the scenario's <pause/>
      } else {
        argv.insert(argv.end(), {"-key", k, v});
      }
    }
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back(Pbx());
    return std::make_unique<Child>(argv, sip_dir_ / (scenario + ".log"));
  }

  /// The agent's desk phone: registers extension 201 and then plays `scenario` at a port.
  std::unique_ptr<Child> Phone(const std::string& scenario) {
    const int port = FreeUdpPort();
    auto phone = Sipp(scenario, kExtension, {}, port);
    for (int i = 0; i < 250 && !UdpBound(port) && phone->running(); ++i)
      std::this_thread::sleep_for(20ms);
    EXPECT_TRUE(UdpBound(port)) << phone->output();
    auto reg = Sipp("register", kExtension, {{"phone_port", std::to_string(port)}});
    EXPECT_EQ(reg->Wait(20s), 0) << reg->output() << ReadFile(sip_dir_ / "register.errors");
    return phone;
  }

  std::string Why(Child& sipp, const std::string& scenario) {
    return sipp.output() + ReadFile(sip_dir_ / (scenario + ".errors")) +
           "\n--- kamailio ---\n" + kamailio_->output();
  }

  std::unique_ptr<LiveSocket> Open(const std::string& token) {
    auto s = std::make_unique<LiveSocket>(server_->port(),
                                          std::map<std::string, std::string>{
                                              {"Authorization", "Bearer " + token}});
    EXPECT_TRUE(s->open()) << s->error();
    return s;
  }

  std::int64_t CategoryId(const std::string& token, const std::string& code) {
    const json all = GetJson("/api/v1/categories", token);
    for (const auto& c : all.is_array() ? all : all.at("items")) {
      if (c.value("code", "") == code) return c.at("id").get<std::int64_t>();
    }
    ADD_FAILURE() << "no category " << code;
    return 0;
  }

  fs::path sip_dir_;
  int pbx_port_ = 0;
  int trunk_port_ = 0;  ///< the operator's trunk, where calls to outside numbers go
  std::string cti_source_path_;  ///< /api/v1/admin/cti-sources/{id}
  std::int64_t agent_id_ = 0;
  std::unique_ptr<Child> kamailio_;
};

TEST_P(SipE2E, AnAnsweredCallPopsUpIsLinkedToItsRequestAndKeepsItsTimes) {
  const std::string agent = Token("agent");
  auto socket = Open(agent);
  ASSERT_TRUE(IsReady(socket->Until(IsReady)));
  auto phone = Phone("agent_answers");

  // The citizen calls 1933 from a mobile, said without its trunk prefix, and talks for 2.5 s.
  auto caller = Sipp("caller_talks", "1933", {{"caller", "0501234567"}, {"pause_ms", "2500"}});
  json ringing = socket->Until(CallMessage("ringing"));
  const std::int64_t contact = ringing.value("contact_id", 0);
  ASSERT_GT(contact, 0) << ringing.dump();
  socket->Until(CallMessage("answered"));

  json pop = GetJson("/api/v1/contacts/" + std::to_string(contact) + "/pop", agent);
  EXPECT_EQ(pop["contact"].value("from", ""), "+966501234567");
  EXPECT_EQ(pop["contact"].value("queue", ""), "1933");
  EXPECT_EQ(pop["contact"].value("agent_id", 0), agent_id_) << "the extension that answered";
  EXPECT_EQ(pop["contact"].value("outcome", ""), "answered");

  // While they talk, the agent registers the request from the console, linked to the call.
  json made = PostJson("/api/v1/cases",
                       json{{"type", "complaint"},
                            {"category_id", CategoryId(agent, "SPK-FAULT")},
                            {"channel", "phone"},
                            {"description", "مكبر الصوت في المسجد لا يعمل"},
                            {"contact_id", contact},
                            {"requester", {{"name", "سالم"}, {"phone", "0501234567"}}}},
                       agent, 201);

  ASSERT_EQ(caller->Wait(30s), 0) << Why(*caller, "caller_talks");
  EXPECT_EQ(phone->Wait(10s), 0) << Why(*phone, "agent_answers");
  socket->Until(CallMessage("ended"));

  pop = GetJson("/api/v1/contacts/" + std::to_string(contact) + "/pop", agent);
  const json& call = pop["contact"];
  EXPECT_EQ(call.value("cause", ""), "normalClearing");
  EXPECT_EQ(call.value("outcome", ""), "case_created");
  EXPECT_EQ(call.value("case_id", 0), made.value("id", 0));
  ASSERT_TRUE(call["wait_seconds"].is_number_integer()) << call.dump();
  ASSERT_TRUE(call["talk_seconds"].is_number_integer()) << call.dump();
  EXPECT_GE(call["wait_seconds"].get<int>(), 0);
  EXPECT_LE(call["wait_seconds"].get<int>(), 5);
  EXPECT_GE(call["talk_seconds"].get<int>(), 2) << "the caller talked for 2.5 s";
  EXPECT_LE(call["talk_seconds"].get<int>(), 15);
  EXPECT_TRUE(GetJson("/api/v1/callbacks", agent).at("items").empty()) << "answered: no callback";
}

TEST_P(SipE2E, ACallerWhoHangsUpWhileItRingsGetsACallback) {
  const std::string agent = Token("agent");
  auto phone = Phone("agent_rings");
  auto caller = Sipp("caller_gives_up", "1933", {{"caller", "0559876543"}, {"pause_ms", "1200"}});
  ASSERT_EQ(caller->Wait(30s), 0) << Why(*caller, "caller_gives_up");
  EXPECT_EQ(phone->Wait(10s), 0) << Why(*phone, "agent_rings");

  const json tasks = GetJson("/api/v1/callbacks", agent);
  ASSERT_EQ(tasks.at("items").size(), 1u) << tasks.dump();
  EXPECT_EQ(tasks["items"][0].value("number", ""), "+966559876543");
  const json calls = GetJson("/api/v1/contacts?number=0559876543", agent);
  ASSERT_EQ(calls.at("items").size(), 1u) << calls.dump();
  EXPECT_EQ(calls["items"][0].value("outcome", ""), "abandoned");
  EXPECT_EQ(calls["items"][0].value("cause", ""), "cancel");
}

TEST_P(SipE2E, ABlockedCallerIsRefusedByThePbx) {
  ASSERT_EQ(Send("PUT", "/api/v1/admin/blocked-numbers/0501112233",
                 json{{"reason", "بلاغات كيدية متكررة"}}, Token("admin"))
                .status,
            200);
  auto phone = Phone("agent_answers");
  auto caller = Sipp("caller_refused", "1933", {{"caller", "0501112233"}});
  ASSERT_EQ(caller->Wait(30s), 0) << Why(*caller, "caller_refused");
  EXPECT_TRUE(phone->running()) << "the agent's phone never rang";

  const json list = GetJson("/api/v1/admin/blocked-numbers", Token("admin"));
  ASSERT_EQ(list.at("items").size(), 1u);
  EXPECT_EQ(list["items"][0].value("rejected", 0), 1);
  const json calls = GetJson("/api/v1/contacts?number=0501112233", Token("agent"));
  ASSERT_EQ(calls.at("items").size(), 1u) << calls.dump();
  EXPECT_EQ(calls["items"][0].value("outcome", ""), "rejected");
  EXPECT_TRUE(GetJson("/api/v1/callbacks", Token("agent")).at("items").empty());
}

TEST_P(SipE2E, AnAgentDialsOutWithTheCallerIdTawasulChooses) {
  ASSERT_EQ(Send("PUT", cti_source_path_ + "/caller-ids",
                 json{{"items", json::array({json{{"prefix", "+9665"}, {"caller_id", "+966112345678"}},
                                             json{{"prefix", ""}, {"caller_id", "1933"}}})}},
                 Token("admin"))
                .status,
            200);
  // The operator's trunk answers whatever reaches it; it keeps every message it saw.
  const fs::path seen = sip_dir_ / "trunk.messages";
  auto trunk = Sipp("agent_answers", "trunk", {}, trunk_port_,
                    {"-trace_msg", "-message_file", seen.string()});
  for (int i = 0; i < 250 && !UdpBound(trunk_port_) && trunk->running(); ++i)
    std::this_thread::sleep_for(20ms);
  // Extension 201 dials a mobile in its local form and talks for a second.
  auto agent = Sipp("caller_talks", "0501234567", {{"caller", kExtension}, {"pause_ms", "1000"}});
  ASSERT_EQ(agent->Wait(30s), 0) << Why(*agent, "caller_talks");
  EXPECT_EQ(trunk->Wait(10s), 0) << Why(*trunk, "agent_answers");

  const std::string messages = ReadFile(seen);
  EXPECT_NE(messages.find("INVITE sip:+966501234567@"), std::string::npos)
      << "the number Tawasul gave, in E.164:\n" << messages;
  EXPECT_NE(messages.find("P-Asserted-Identity: <sip:+966112345678@"), std::string::npos)
      << "the caller ID for Saudi mobiles:\n" << messages;

  const json calls = GetJson("/api/v1/contacts?number=0501234567", Token("agent"));
  ASSERT_EQ(calls.at("items").size(), 1u) << calls.dump();
  const json& call = calls["items"][0];
  EXPECT_EQ(call.value("direction", ""), "outbound");
  EXPECT_EQ(call.value("agent_id", 0), agent_id_);
  EXPECT_FALSE(call["answered_at"].is_null()) << call.dump();
  EXPECT_EQ(call.value("cause", ""), "normalClearing");
  ASSERT_TRUE(call["talk_seconds"].is_number_integer()) << call.dump();
  EXPECT_GE(call["talk_seconds"].get<int>(), 1);
}

// The telephone system does not depend on the store; SQLite is enough here (cti_e2e_test covers
// the CTI endpoint on both stores).
INSTANTIATE_TEST_SUITE_P(Stores, SipE2E, ::testing::Values("sqlite"));

}  // namespace
}  // namespace tawasul::testing
