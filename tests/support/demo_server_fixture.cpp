#include "support/demo_server_fixture.hpp"

#include <cstdlib>
#include <map>
#include <system_error>

namespace tawasul::testing {

void DemoServerTest::SetUp() {
  if (GetParam() == "postgres") {
    pg_ = std::make_unique<ScratchPgDatabase>();
    if (pg_->url().empty()) {
      if (std::getenv("TAWASUL_ALLOW_NO_PG") != nullptr) GTEST_SKIP() << "no PostgreSQL";
      FAIL() << "TAWASUL_TEST_PG is not set; run the tests with scripts/run-tests";
    }
    url_ = pg_->url();
  } else {
    // An absolute path of the test's own: the test and other nodes may open the same file.
    std::string tmpl = (std::filesystem::temp_directory_path() / "tawasul-demo-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    url_ = "sqlite:" + (dir_ / "store.db").string();
  }
  server_ = StartNode(true);
  ASSERT_TRUE(server_->running()) << "the demo did not load";
  http_ = std::make_unique<HttpClient>(server_->base_url());
}

void DemoServerTest::TearDown() {
  http_.reset();
  server_.reset();
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

std::unique_ptr<ServerProcess> DemoServerTest::StartNode(bool load_demo) {
  std::vector<std::string> env = options_.env;
  env.push_back(std::string("TAWASUL_PROFILES_DIR=") + TAWASUL_PROFILES_DIR);
  auto node = std::make_unique<ServerProcess>(TAWASUL_BINARY, url_, std::move(env));
  if (load_demo) {
    std::vector<std::string> args{"demo"};
    if (!options_.profile.empty()) args.insert(args.end(), {"--profile", options_.profile});
    args.insert(args.end(), {"--password", options_.password});
    args.insert(args.end(), options_.demo_args.begin(), options_.demo_args.end());
    std::string out;
    const int status = node->RunCommand(args, "", &out);
    EXPECT_EQ(status, 0) << out;
    if (status != 0) return node;  // not started: SetUp stops there
  }
  node->Start(options_.serve_args);
  return node;
}

HttpResponse DemoServerTest::LoginResponse(const HttpClient& http, const std::string& user) const {
  return http.PostJson("/api/v1/auth/login",
                       json{{"username", user}, {"password", options_.password}}.dump());
}

std::string DemoServerTest::Login(const HttpClient& http, const std::string& user) const {
  auto r = LoginResponse(http, user);
  EXPECT_EQ(r.status, 200) << r.body;
  const json j = json::parse(r.body, nullptr, false);
  return j.is_object() ? j.value("token", std::string()) : std::string();
}

std::string DemoServerTest::Token(const std::string& user) {
  auto& t = tokens_[user];
  if (t.empty()) t = Login(user);
  return t;
}

DemoServerTest::json DemoServerTest::BodyJson(const HttpResponse& r) {
  return r.body.empty() ? json() : json::parse(r.body, nullptr, false);
}

DemoServerTest::json DemoServerTest::GetJson(const std::string& path, const std::string& token,
                                             long status) {
  auto r = http_->Get(path, token);
  EXPECT_EQ(r.status, status) << path << ": " << r.body;
  CheckBody(path, r);
  return BodyJson(r);
}

DemoServerTest::json DemoServerTest::PostJson(const std::string& path, const json& body,
                                              const std::string& token, long status) {
  auto r = http_->PostJson(path, body.dump(), token);
  EXPECT_EQ(r.status, status) << path << ": " << r.body;
  CheckBody(path, r);
  return BodyJson(r);
}

HttpResponse DemoServerTest::Send(const std::string& method, const std::string& path,
                                  const json& body, const std::string& token,
                                  const HttpClient* via) const {
  std::map<std::string, std::string> headers{{"Authorization", "Bearer " + token}};
  std::string text;
  if (!body.is_null()) {
    headers["Content-Type"] = "application/json";
    text = body.dump();
  }
  return (via != nullptr ? *via : *http_).Send(method, path, text, headers);
}

}  // namespace tawasul::testing
