// The transport against real sockets: limits, timeouts, keep-alive, pipelining, errors, graceful
// stop, static files, plus one pass through the API on a throwaway SQLite store. The client is
// plain POSIX sockets, so this file stays free of Beast.
#include "http/server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "app/cases/media_sniffer.hpp"
#include "app/services.hpp"
#include "store/open_store.hpp"

namespace tawasul::http {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

/// Fast, predictable crypto; VerifyPassword can be held to keep a request in flight.
class TestCrypto final : public app::Crypto {
 public:
  std::uint64_t Random64() override { return 0x9E3779B97F4A7C15ULL * ++counter_; }
  std::string RandomToken() override { return "token-" + std::to_string(++counter_); }
  std::string HashPassword(const std::string& password) override { return "plain:" + password; }
  bool VerifyPassword(const std::string& encoded, const std::string& password) override {
    std::unique_lock lock(mu_);
    entered_ = true;
    cv_.notify_all();
    cv_.wait(lock, [&] { return !hold_; });
    return encoded == "plain:" + password;
  }
  std::string HashToken(const std::string& token) override {
    if (token == "boom") throw std::runtime_error("crypto exploded (test)");
    return "hash:" + token;
  }

  void Hold() {
    std::lock_guard lock(mu_);
    hold_ = true;
    entered_ = false;
  }
  void WaitEntered() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return entered_; });
  }
  void Release() {
    std::lock_guard lock(mu_);
    hold_ = false;
    cv_.notify_all();
  }

 private:
  std::atomic<std::uint64_t> counter_{0};
  std::mutex mu_;
  std::condition_variable cv_;
  bool hold_ = false;
  bool entered_ = false;
};

class TextSniffer final : public app::MediaSniffer {
 public:
  std::string Sniff(const std::string&) override { return "text/plain"; }
};

struct RawResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  ///< lower-case names
  std::string body;
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

/// One TCP connection speaking raw HTTP/1.1.
class Client {
 public:
  explicit Client(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return connected_; }

  void Send(const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
      const ssize_t n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<std::size_t>(n);
    }
  }

  /// Reads one response (Content-Length framed); nullopt when the connection ends first.
  /// With `no_body` (a HEAD), the response has no body whatever its Content-Length says.
  std::optional<RawResponse> Read(std::chrono::milliseconds timeout = 5s, bool no_body = false) {
    std::size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill(timeout)) return std::nullopt;
    }
    RawResponse res;
    const std::string head = buf_.substr(0, end);
    buf_.erase(0, end + 4);
    std::size_t pos = head.find("\r\n");
    res.status = std::stoi(head.substr(9, 3));
    while (pos != std::string::npos) {
      const std::size_t next = head.find("\r\n", pos + 2);
      const std::string line =
          head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
      const std::size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.erase(0, 1);
        if (res.headers.count(name)) {
          res.headers[name] += "\n" + value;
        } else {
          res.headers[name] = value;
        }
      }
      pos = next;
    }
    const std::size_t length = !no_body && res.headers.count("content-length")
                                   ? std::stoul(res.headers["content-length"])
                                   : 0;
    while (buf_.size() < length) {
      if (!Fill(timeout)) return std::nullopt;
    }
    res.body = buf_.substr(0, length);
    buf_.erase(0, length);
    return res;
  }

  /// True when the server closes the connection within `timeout`.
  bool ClosedWithin(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (!Fill(std::chrono::duration_cast<std::chrono::milliseconds>(
              deadline - std::chrono::steady_clock::now()))) {
        return eof_;
      }
    }
    return false;
  }

 private:
  bool Fill(std::chrono::milliseconds timeout) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return false;
    char chunk[65536];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) {
      eof_ = true;
      return false;
    }
    buf_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  bool eof_ = false;
  std::string buf_;
};

std::string Get(const std::string& target, const std::string& extra = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: t\r\n" + extra + "\r\n";
}

std::string Post(const std::string& target, const std::string& body, const std::string& extra = "",
                 const std::string& type = "application/json") {
  return "POST " + target + " HTTP/1.1\r\nHost: t\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" + extra + "\r\n" + body;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tawasul_http_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ = store::OpenStore("sqlite:" + (dir_ / "t.db").string(), clock_);
    store_->Migrate();
    auth_ = std::make_unique<app::AuthService>(*store_, crypto_, clock_, settings_);
    installation_ = std::make_unique<app::InstallationRef>(
        app::Installation::Make(app::CenterSettings{}, {}, {}));
    admin_ = std::make_unique<app::AdminService>(*store_, crypto_, *installation_);
    cases_ = std::make_unique<app::CaseService>(*store_, crypto_, sniffer_, clock_, settings_,
                                                *installation_);
    pub_ = std::make_unique<app::PublicService>(*store_, *cases_, clock_, settings_);
    actions_ =
        std::make_unique<app::ActionService>(*store_, *cases_, crypto_, clock_, *installation_);
    services_ = std::make_unique<Services>(Services{*store_, *store_, *auth_, *admin_, *cases_, *pub_,
                                                    *actions_, *installation_, clock_, settings_});
    app::NewUserInput admin;
    admin.username = "admin";
    admin.display_name = "Admin";
    admin.role = domain::Role::kAdmin;
    admin.password = "password-1";
    ASSERT_TRUE(admin_->CreateUserUnchecked(admin).ok());
    options_.host = "127.0.0.1";
    options_.port = 0;
    options_.port_file = (dir_ / "port").string();
    options_.io_threads = 2;
    options_.worker_threads = 4;
    options_.json_body_limit = 4096;
    options_.body_limit = 256 * 1024;
    options_.header_limit = 4096;
    options_.read_timeout_seconds = 1;
  }

  void TearDown() override {
    Stop();
    fs::remove_all(dir_);
  }

  void Start() {
    thread_ = std::thread([this] { rc_ = RunServer(options_, *services_); });
    for (int i = 0; i < 500 && !fs::exists(options_.port_file); ++i)
      std::this_thread::sleep_for(10ms);
    std::ifstream in(options_.port_file);
    int port = 0;
    in >> port;
    ASSERT_GT(port, 0) << "the server did not write its port";
    port_ = static_cast<std::uint16_t>(port);
  }

  void Stop() {
    if (!thread_.joinable()) return;
    std::raise(SIGTERM);  // the server's signal_set turns it into a graceful stop
    thread_.join();
    EXPECT_EQ(rc_, 0);
  }

  RawResponse Call(const std::string& request) {
    Client c(port_);
    c.Send(request);
    auto res = c.Read();
    EXPECT_TRUE(res.has_value()) << request;
    return res.value_or(RawResponse{});
  }

  std::string Login() {
    auto res = Call(Post("/api/v1/auth/login", R"({"username":"admin","password":"password-1"})"));
    EXPECT_EQ(res.status, 200) << res.body;
    const std::string key = "\"token\":\"";
    const std::size_t at = res.body.find(key);
    if (at == std::string::npos) return "";
    return res.body.substr(at + key.size(), res.body.find('"', at + key.size()) - at - key.size());
  }

  fs::path dir_;
  base::SystemClock clock_;
  TestCrypto crypto_;
  TextSniffer sniffer_;
  app::Settings settings_;
  std::unique_ptr<app::Store> store_;
  std::unique_ptr<app::AuthService> auth_;
  std::unique_ptr<app::AdminService> admin_;
  std::unique_ptr<app::InstallationRef> installation_;
  std::unique_ptr<app::CaseService> cases_;
  std::unique_ptr<app::PublicService> pub_;
  std::unique_ptr<app::ActionService> actions_;
  std::unique_ptr<Services> services_;
  ServerOptions options_;
  std::thread thread_;
  int rc_ = -1;
  std::uint16_t port_ = 0;
};

TEST_F(ServerTest, HealthAnswersAndThePortFileIsWritten) {
  Start();
  auto res = Call(Get("/health"));
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.Header("content-type"), "application/json");
  EXPECT_NE(res.body.find("\"status\":\"ok\""), std::string::npos);
  EXPECT_FALSE(fs::exists(options_.port_file + ".tmp"));
  Client c(port_);
  c.Send("HEAD /health HTTP/1.1\r\nHost: t\r\n\r\n" + Get("/health"));
  auto head = c.Read(5s, true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_NE(head->Header("content-length"), "0");  // the GET's length, without the body
  auto next = c.Read();                            // starts right after the HEAD's headers
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
}

TEST_F(ServerTest, UnknownPathsAndWrongMethodsAreProblems) {
  Start();
  auto missing = Call(Get("/api/v1/nothing"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.Header("content-type"), "application/problem+json");
  auto wrong = Call("DELETE /api/v1/cases HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.Header("allow"), "GET, POST");
}

TEST_F(ServerTest, KeepsAliveAndAnswersPipelinedRequestsInOrder) {
  Start();
  Client c(port_);
  c.Send(Get("/health") + Get("/api/v1/nothing") + Get("/health"));
  auto a = c.Read();
  auto b = c.Read();
  auto d = c.Read();
  ASSERT_TRUE(a && b && d);
  EXPECT_EQ(a->status, 200);
  EXPECT_EQ(b->status, 404);
  EXPECT_EQ(d->status, 200);
  c.Send(Get("/health"));
  auto e = c.Read();
  ASSERT_TRUE(e);
  EXPECT_EQ(e->status, 200);
  c.Send(Get("/health", "Connection: close\r\n"));
  auto f = c.Read();
  ASSERT_TRUE(f);
  EXPECT_TRUE(c.ClosedWithin(2s));
}

TEST_F(ServerTest, AuthenticationByCookieOrBearer) {
  Start();
  auto anonymous = Call(Get("/api/v1/auth/me"));
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.Header("www-authenticate"), "Bearer");

  auto login = Call(Post("/api/v1/auth/login", R"({"username":"admin","password":"password-1"})"));
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string cookie = login.Header("set-cookie");
  EXPECT_NE(cookie.find("tawasul_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  const std::string token = Login();

  auto by_cookie = Call(Get("/api/v1/auth/me", "Cookie: tawasul_session=" + token + "\r\n"));
  EXPECT_EQ(by_cookie.status, 200);
  EXPECT_NE(by_cookie.body.find("\"username\":\"admin\""), std::string::npos);
  auto by_bearer = Call(Get("/api/v1/auth/me", "Authorization: Bearer " + token + "\r\n"));
  EXPECT_EQ(by_bearer.status, 200);

  auto bad = Call(Post("/api/v1/auth/login", R"({"username":"admin","password":"nope-nope"})"));
  EXPECT_EQ(bad.status, 401);

  auto logout = Call(Post("/api/v1/auth/logout", "", "Authorization: Bearer " + token + "\r\n"));
  EXPECT_EQ(logout.status, 204);
  EXPECT_NE(logout.Header("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(Call(Get("/api/v1/auth/me", "Authorization: Bearer " + token + "\r\n")).status, 401);
}

TEST_F(ServerTest, JsonBodiesAreStrict) {
  Start();
  EXPECT_EQ(Call(Post("/api/v1/auth/login", "{\"username\":")).status, 400);
  auto unknown = Call(Post("/api/v1/auth/login", R"({"username":"a","password":"b","otp":1})"));
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("\"field\":\"otp\""), std::string::npos);
  EXPECT_EQ(
      Call(Post("/api/v1/auth/login", "{\"username\":\"\xC3\x28\",\"password\":\"b\"}")).status,
      400);
  EXPECT_EQ(Call(Post("/api/v1/auth/login", R"({"username":"a","password":"b"})", "", "text/plain"))
                .status,
            415);
}

TEST_F(ServerTest, JsonRoutesGetTheSmallBodyLimit) {
  Start();
  Client c(port_);
  c.Send(Post("/api/v1/auth/login", std::string(10000, 'x')));
  auto res = c.Read();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(res->Header("content-type"), "application/problem+json");
  EXPECT_TRUE(c.ClosedWithin(5s));
}

TEST_F(ServerTest, ChunkedBodiesAreLimitedToo) {
  Start();
  Client c(port_);
  std::string chunk(3000, 'x');
  c.Send(
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\nBB8\r\n" +
      chunk + "\r\nBB8\r\n" + chunk + "\r\n0\r\n\r\n");
  auto res = c.Read();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
}

TEST_F(ServerTest, UploadsGetTheLargeBodyLimit) {
  Start();
  const std::string token = Login();
  const std::string auth = "Authorization: Bearer " + token + "\r\n";
  // Past json_body_limit but within body_limit: reaches the use case (no such request).
  auto res = Call(Post("/api/v1/cases/999/attachments?filename=a.txt", std::string(100000, 'a'),
                       auth, "text/plain"));
  EXPECT_EQ(res.status, 404) << res.body;
  Client c(port_);
  c.Send(Post("/api/v1/cases/999/attachments?filename=a.txt", std::string(300000, 'a'), auth,
              "text/plain"));
  auto big = c.Read();
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
}

TEST_F(ServerTest, OversizeHeadersAre431) {
  Start();
  auto res = Call(Get("/health", "X-Junk: " + std::string(8000, 'j') + "\r\n"));
  EXPECT_EQ(res.status, 431);
}

TEST_F(ServerTest, GarbageIs400ThenClose) {
  Start();
  Client c(port_);
  c.Send("HELLO THERE\r\n\r\n");
  auto res = c.Read();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_TRUE(c.ClosedWithin(5s));
}

TEST_F(ServerTest, SlowClientsAreCutOff) {
  Start();
  Client c(port_);
  c.Send("GET /health HTTP/1.1\r\nHost:");
  EXPECT_TRUE(c.ClosedWithin(4s));
  Client idle(port_);  // an idle keep-alive connection too
  EXPECT_TRUE(idle.ClosedWithin(4s));
}

TEST_F(ServerTest, ExpectContinueIsHonoured) {
  Start();
  Client c(port_);
  const std::string body = R"({"username":"admin","password":"password-1"})";
  c.Send(
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
      "Expect: 100-continue\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n");
  auto cont = c.Read();
  ASSERT_TRUE(cont);
  EXPECT_EQ(cont->status, 100);
  c.Send(body);
  auto res = c.Read();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

TEST_F(ServerTest, AHandlerExceptionIs500AndTheConnectionLivesOn) {
  Start();
  Client c(port_);
  c.Send(Get("/api/v1/auth/me", "Authorization: Bearer boom\r\n"));
  auto res = c.Read();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
  EXPECT_EQ(res->Header("content-type"), "application/problem+json");
  EXPECT_EQ(res->body.find("exploded"), std::string::npos) << "internals must not leak";
  c.Send(Get("/health"));
  auto next = c.Read();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
}

TEST_F(ServerTest, StopFinishesRequestsInFlight) {
  Start();
  crypto_.Hold();
  Client c(port_);
  c.Send(Post("/api/v1/auth/login", R"({"username":"admin","password":"password-1"})"));
  crypto_.WaitEntered();  // the login is now running on a worker
  Client idle(port_);
  std::raise(SIGTERM);
  EXPECT_TRUE(idle.ClosedWithin(5s)) << "idle connections are closed at once";
  std::this_thread::sleep_for(100ms);
  Client late(port_);
  EXPECT_FALSE(late.connected()) << "no new connections after the signal";
  crypto_.Release();
  auto res = c.Read();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->Header("connection"), "close");
  thread_.join();
  EXPECT_EQ(rc_, 0);
}

TEST_F(ServerTest, MetricsCountRequestsByRouteTemplate) {
  Start();
  Call(Get("/health"));
  Call(Get("/api/v1/cases/12"));
  auto res = Call(Get("/metrics"));
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.Header("content-type").rfind("text/plain; version=0.0.4", 0), 0u);
  EXPECT_NE(
      res.body.find(R"(tawasul_http_requests_total{route="/health",method="GET",status="200"} 1)"),
      std::string::npos)
      << res.body;
  EXPECT_NE(res.body.find(R"(route="/api/v1/cases/{id}",method="GET",status="401")"),
            std::string::npos);
  EXPECT_NE(res.body.find(
                "tawasul_http_request_duration_seconds_bucket{route=\"/health\",le=\"+Inf\"} 1"),
            std::string::npos);
}

TEST_F(ServerTest, ServesTheWebAppSafely) {
  const fs::path web = dir_ / "web";
  fs::create_directories(web / "assets");
  std::ofstream(web / "index.html") << "<!doctype html><title>t</title>";
  std::ofstream(web / "assets" / "app.js") << "console.log(1)";
  std::ofstream(dir_ / "secret.txt") << "secret";
  options_.web_root = web.string();
  Start();
  auto index = Call(Get("/"));
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(index.Header("content-security-policy").find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(index.Header("x-frame-options"), "DENY");
  auto js = Call(Get("/assets/app.js"));
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_NE(js.Header("cache-control").find("immutable"), std::string::npos);
  auto route = Call(Get("/cases/12"));
  EXPECT_EQ(route.status, 200);
  EXPECT_EQ(route.body, index.body);
  EXPECT_EQ(Call(Get("/missing.png")).status, 404);
  EXPECT_EQ(Call(Get("/../secret.txt")).status, 400);
  EXPECT_EQ(Call(Get("/%2e%2e/secret.txt")).status, 400);
  auto api = Call(Get("/api/v1/nothing"));
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.Header("content-type"), "application/problem+json");
}

TEST_F(ServerTest, AMapTileServerIsTheOnlyOtherOriginPagesMayLoadImagesFrom) {
  const fs::path web = dir_ / "web";
  fs::create_directories(web);
  std::ofstream(web / "index.html") << "<!doctype html><title>t</title>";
  options_.web_root = web.string();
  options_.map_tiles = "https://tiles.example.om:8443/osm/{z}/{x}/{y}.png";
  Start();
  const std::string csp = Call(Get("/")).Header("content-security-policy");
  EXPECT_NE(csp.find("img-src 'self' data: blob: https://tiles.example.om:8443;"), std::string::npos) << csp;
  EXPECT_NE(csp.find("connect-src 'self';"), std::string::npos) << "only images: " << csp;
  // The template is checked before anything serves it.
  EXPECT_EQ(MapTilesProblem(""), "");
  EXPECT_EQ(MapTilesProblem("/tiles/{z}/{x}/{y}.png"), "");
  EXPECT_EQ(MapTilesProblem(options_.map_tiles), "");
  EXPECT_NE(MapTilesProblem("https://tiles.example/{z}/{x}.png"), "") << "no {y}";
  EXPECT_NE(MapTilesProblem("ftp://tiles.example/{z}/{x}/{y}.png"), "");
  EXPECT_NE(MapTilesProblem("https://t.example/{z}/{x}/{y}.png; script-src *"), "");
  EXPECT_EQ(OriginOf("http://127.0.0.1:9000/t/{z}/{x}/{y}.png"), "http://127.0.0.1:9000");
  EXPECT_EQ(OriginOf("/t/{z}/{x}/{y}.png"), "");
}

TEST_F(ServerTest, ARequestsLifeThroughTheApi) {
  Start();
  const std::string auth = "Authorization: Bearer " + Login() + "\r\n";
  auto category = Call(Post("/api/v1/categories",
                            R"({"code":"MNT","name":{"ar":"صيانة","en":"Maintenance"}})", auth));
  ASSERT_EQ(category.status, 201) << category.body;
  EXPECT_FALSE(category.Header("location").empty());
  const std::string cat_id = category.body.substr(
      category.body.find("\"id\":") + 5,
      category.body.find(',', category.body.find("\"id\":")) - category.body.find("\"id\":") - 5);

  auto created = Call(Post(
      "/api/v1/cases",
      R"({"type":"complaint","category_id":)" + cat_id +
          R"(,"description":"The loudspeaker is broken","requester":{"name":"Ali","phone":"0501234567"}})",
      auth));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Header("etag"), "\"1\"");
  const std::string location = created.Header("location");
  ASSERT_EQ(location.rfind("/api/v1/cases/", 0), 0u);

  auto got = Call(Get(location, auth));
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.Header("etag"), "\"1\"");
  EXPECT_NE(got.body.find("\"phone\":\"+966501234567\""), std::string::npos) << got.body;

  const std::string patch = R"({"priority":"high","note":"caller is upset"})";
  auto no_precondition =
      Call("PATCH " + location + " HTTP/1.1\r\nHost: t\r\n" + auth +
           "Content-Type: application/json\r\nContent-Length: " + std::to_string(patch.size()) +
           "\r\n\r\n" + patch);
  EXPECT_EQ(no_precondition.status, 428);
  auto stale = Call("PATCH " + location + " HTTP/1.1\r\nHost: t\r\n" + auth +
                    "If-Match: \"7\"\r\nContent-Type: application/json\r\nContent-Length: " +
                    std::to_string(patch.size()) + "\r\n\r\n" + patch);
  EXPECT_EQ(stale.status, 412);
  auto patched = Call("PATCH " + location + " HTTP/1.1\r\nHost: t\r\n" + auth +
                      "If-Match: W/\"1\"\r\nContent-Type: application/json\r\nContent-Length: " +
                      std::to_string(patch.size()) + "\r\n\r\n" + patch);
  EXPECT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.Header("etag"), "\"2\"");

  auto timeline = Call(Get(location + "/timeline", auth));
  EXPECT_EQ(timeline.status, 200);
  EXPECT_NE(timeline.body.find("caller is upset"), std::string::npos);

  auto list = Call(Get("/api/v1/cases?status=new&limit=10", auth));
  EXPECT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("\"next_cursor\":null"), std::string::npos);
  auto bad_filter = Call(Get("/api/v1/cases?status=lost", auth));
  EXPECT_EQ(bad_filter.status, 400);
  EXPECT_NE(bad_filter.body.find("\"field\":\"status\""), std::string::npos);
  EXPECT_EQ(Call(Get("/api/v1/cases?limit=500", auth)).status, 400);
  EXPECT_EQ(Call(Get("/api/v1/cases?colour=red", auth)).status, 400);

  auto upload = Call(Post(location + "/attachments?filename=note.txt", "hello", auth, "image/png"));
  ASSERT_EQ(upload.status, 201) << upload.body;
  EXPECT_NE(upload.body.find("\"media_type\":\"text/plain\""), std::string::npos);
  auto file = Call(Get(upload.Header("location"), auth));
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body, "hello");
  EXPECT_EQ(file.Header("content-type"), "text/plain");
  EXPECT_EQ(file.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(file.Header("content-disposition").rfind("attachment;", 0), 0u);

  auto invalid = Call(Post("/api/v1/cases",
                           R"({"type":"complaint","category_id":)" + cat_id +
                               R"(,"description":"x","requester":{"phone":"12"}})",
                           auth));
  EXPECT_EQ(invalid.status, 422);
  EXPECT_NE(invalid.body.find("\"field\":\"requester.phone\""), std::string::npos) << invalid.body;

  auto portal = Call(Post(
      "/api/v1/public/requests",
      R"({"type":"suggestion","category_id":)" + cat_id +
          R"(,"description":"More lights","requester":{"name":"Sara","phone":"0551234567"}})"));
  ASSERT_EQ(portal.status, 201) << portal.body;
  const std::size_t at = portal.body.find("\"tracking_code\":\"") + 17;
  const std::string code = portal.body.substr(at, 10);
  auto tracked = Call(Get("/api/v1/public/track?code=" + code + "&phone=0551234567"));
  EXPECT_EQ(tracked.status, 200) << tracked.body;
  EXPECT_NE(tracked.body.find("\"status\":\"new\""), std::string::npos);
  auto wrong = Call(Get("/api/v1/public/track?code=" + code + "&phone=0559999999"));
  EXPECT_EQ(wrong.status, 404);
  auto categories = Call(Get("/api/v1/public/categories"));
  EXPECT_EQ(categories.status, 200);
  EXPECT_EQ(categories.body.find("default_unit_id"), std::string::npos);
}

TEST_F(ServerTest, WorkflowActionsInboxesAndTheInstallation) {
  Start();
  const std::string auth = "Authorization: Bearer " + Login() + "\r\n";
  auto category = Call(Post("/api/v1/categories",
                            R"({"code":"MNT","name":{"en":"Maintenance"},"workflow":"basic"})",
                            auth));
  ASSERT_EQ(category.status, 201) << category.body;
  const auto cat = nlohmann::json::parse(category.body);
  EXPECT_EQ(cat["workflow"], "basic");
  auto created = Call(Post("/api/v1/cases",
                           R"({"type":"complaint","category_id":)" +
                               std::to_string(cat["id"].get<std::int64_t>()) +
                               R"(,"description":"The loudspeaker is broken"})",
                           auth));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto c = nlohmann::json::parse(created.body);
  EXPECT_EQ(c["workflow"], "basic");
  EXPECT_EQ(c["state"], "new");
  EXPECT_EQ(c["state_label"]["en"], "New");
  EXPECT_TRUE(c["closed_at"].is_null());
  const std::string location = created.Header("location");

  auto actions = Call(Get(location + "/actions", auth));
  ASSERT_EQ(actions.status, 200) << actions.body;
  std::vector<std::string> names;
  const auto available = nlohmann::json::parse(actions.body);
  for (const auto& a : available["items"]) names.push_back(a["name"].get<std::string>());
  EXPECT_EQ(names, (std::vector<std::string>{"refer", "answer", "close"}));

  const std::string close = location + "/actions/close";
  EXPECT_EQ(Call(Post(close, R"({"inputs":{"note":"done"}})", auth)).status, 428);
  const std::string v1 = auth + "If-Match: \"1\"\r\n";
  auto nested = Call(Post(close, R"({"inputs":{"note":{"text":"done"}}})", v1));
  EXPECT_EQ(nested.status, 400);
  EXPECT_NE(nested.body.find("\"field\":\"inputs.note\""), std::string::npos) << nested.body;
  EXPECT_EQ(Call(Post(close, R"({"inputs":{},"note":"x"})", v1)).status, 400);
  auto unknown = Call(Post(location + "/actions/fly", "", v1));
  ASSERT_EQ(unknown.status, 409) << unknown.body;
  const auto problem = nlohmann::json::parse(unknown.body);
  EXPECT_EQ(problem["allowed"], nlohmann::json::array({"refer", "answer", "close"}));
  EXPECT_NE(problem["detail"].get<std::string>().find("refer, answer, close"), std::string::npos);
  EXPECT_EQ(Call(Post(close, "", auth + "If-Match: \"7\"\r\n")).status, 412);
  auto required = Call(Post(location + "/actions/answer", "", v1));
  EXPECT_EQ(required.status, 422) << required.body;
  EXPECT_NE(required.body.find("\"field\":\"inputs.answer\""), std::string::npos);

  auto closed = Call(Post(close, R"({"inputs":{"note":"done"}})", v1));
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.Header("etag"), "\"2\"");
  const auto outcome = nlohmann::json::parse(closed.body);
  EXPECT_EQ(outcome["case"]["state"], "closed");
  EXPECT_EQ(outcome["case"]["status"], "closed");
  EXPECT_FALSE(outcome["case"]["closed_at"].is_null());
  EXPECT_TRUE(outcome["follow_up_id"].is_null());
  EXPECT_EQ(outcome["queued"], nlohmann::json::array());
  auto after = Call(Post(close, "", auth + "If-Match: *\r\n"));
  ASSERT_EQ(after.status, 409) << after.body;
  EXPECT_EQ(nlohmann::json::parse(after.body)["allowed"], nlohmann::json::array());

  auto extras = Call(Get(location + "/extras", auth));
  ASSERT_EQ(extras.status, 200) << extras.body;
  EXPECT_TRUE(nlohmann::json::parse(extras.body)["meeting"].is_null());

  auto triage = Call(Get("/api/v1/inbox/triage?limit=5", auth));
  ASSERT_EQ(triage.status, 200) << triage.body;
  EXPECT_EQ(nlohmann::json::parse(triage.body)["items"].size(), 0u) << "closed is in no inbox";
  auto mine = Call(Get("/api/v1/inbox/mine", auth));
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(nlohmann::json::parse(mine.body)["items"].size(), 1u);
  EXPECT_EQ(Call(Get("/api/v1/inbox/elsewhere", auth)).status, 404);
  EXPECT_EQ(Call(Get("/api/v1/inbox/triage?limit=0", auth)).status, 400);
  EXPECT_EQ(Call(Get("/api/v1/inbox/triage?sort=old", auth)).status, 400);

  auto inst = Call(Get("/api/v1/installation", auth));
  ASSERT_EQ(inst.status, 200) << inst.body;
  EXPECT_EQ(nlohmann::json::parse(inst.body)["calendar"], "gregorian");
  auto workflows = Call(Get("/api/v1/workflows", auth));
  ASSERT_EQ(workflows.status, 200) << workflows.body;
  EXPECT_EQ(nlohmann::json::parse(workflows.body)["items"][0]["name"], "basic");
  EXPECT_EQ(Call(Get("/api/v1/workflows")).status, 401);
}

}  // namespace
}  // namespace tawasul::http
