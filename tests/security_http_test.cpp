// The security holes of issue 10 (points 2 to 7) over HTTP, on SQLite and PostgreSQL, each
// against a real `tawasul serve`: log-in throttling shared by every node, cross-origin writes on
// the session cookie, JSON numbers that overflow, PATCH around the workflow, /metrics behind a
// token, role checks before input checks, bidi overrides, API tokens that outlive a password,
// and portal messages capped per destination.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "support/demo_server_fixture.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "security-password";

class SecurityHttp : public DemoServerTest {
 protected:
  SecurityHttp()
      : DemoServerTest({.password = kPassword,
                        .profile = "moia-1933",
                        .env = {"TAWASUL_METRICS_TOKEN=metrics-secret"}}) {}

  HttpResponse LoginAs(const std::string& user, const std::string& password,
                       const HttpClient* via = nullptr) {
    const HttpClient& http = via != nullptr ? *via : *http_;
    return http.PostJson("/api/v1/auth/login",
                         json{{"username", user}, {"password", password}}.dump());
  }

  /// The session cookie a browser would hold after signing in as `user`.
  std::string SessionCookie(const std::string& user) {
    const auto r = LoginAs(user, kPassword);
    EXPECT_EQ(r.status, 200) << r.body;
    for (const auto& c : r.set_cookies) {
      if (c.rfind("tawasul_session=", 0) == 0) return c.substr(0, c.find(';'));
    }
    ADD_FAILURE() << "no session cookie";
    return {};
  }

  std::string Origin() const { return server_->base_url(); }

  std::int64_t NewCase(const std::string& description) {
    const json cats = GetJson("/api/v1/categories", Token("admin"));
    const json body{{"type", "complaint"},
                    {"category_id", cats.at("items").at(0).at("id")},
                    {"channel", "phone"},
                    {"description", description},
                    {"requester", {{"name", "سالم"}, {"phone", "0501234567"}}}};
    return PostJson("/api/v1/cases", body, Token("agent"), 201).at("id").get<std::int64_t>();
  }

  static void ExpectProblem(const HttpResponse& r, long status, const std::string& field) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_NE(r.header("content-type").find("application/problem+json"), std::string::npos);
    const json j = json::parse(r.body, nullptr, false);
    ASSERT_TRUE(j.is_object()) << r.body;
    if (!field.empty()) {
      EXPECT_EQ(j.value("field", ""), field) << r.body;
    }
  }
};

// ---- 2. Log-in throttling ----------------------------------------------------------------------

TEST_P(SecurityHttp, FailedLogInsSlowThenLockTheAccountOnEveryNode) {
  // Wrong passwords until the server asks to wait: after five free failures each one doubles
  // the wait, so a 429 comes within a few tries however slow this machine is.
  int failures = 0;
  HttpResponse r;
  for (; failures < 12; ++failures) {
    r = LoginAs("agent", "wrong-password");
    if (r.status != 401) break;
  }
  ASSERT_EQ(r.status, 429) << r.body;
  EXPECT_GE(failures, 5) << "five failures are free";
  EXPECT_GE(std::stoi(r.header("retry-after")), 1);
  // Refused before the password is checked: the right one waits too...
  EXPECT_EQ(LoginAs("agent", kPassword).status, 429);
  // ...on another node of the same store: the limit lives in the store.
  auto second = StartNode(false);
  HttpClient other(second->base_url());
  EXPECT_EQ(LoginAs("agent", kPassword, &other).status, 429);
  // Another account from the same address is not locked by the agent's failures.
  EXPECT_EQ(LoginAs("dispatcher", kPassword).status, 200);
}

// ---- 4. Cross-origin writes on the cookie ------------------------------------------------------

TEST_P(SecurityHttp, ACookieWriteFromAnotherOriginIsRefused) {
  const std::string cookie = SessionCookie("dispatcher");
  const auto id = NewCase("مكبر الصوت معطل");
  const std::string tag = "/api/v1/cases/" + std::to_string(id) + "/tags/crisis";
  // A sibling port or subdomain is the same *site*: SameSite=Strict lets the cookie through.
  auto r = http_->Send("POST", tag, "", {{"Cookie", cookie}, {"Origin", "http://127.0.0.1:1"}});
  ExpectProblem(r, 403, "");
  r = http_->Send("POST", tag, "", {{"Cookie", cookie}, {"Sec-Fetch-Site", "same-site"}});
  ExpectProblem(r, 403, "");
  r = http_->Send("POST", "/api/v1/cases/" + std::to_string(id) + "/attachments?filename=a.txt",
                  "hello", {{"Cookie", cookie}, {"Origin", "http://evil.example"}});
  ExpectProblem(r, 403, "");
  r = http_->Send("POST", "/api/v1/auth/logout", "",
                  {{"Cookie", cookie}, {"Origin", "http://evil.example"}});
  ExpectProblem(r, 403, "");
  // The app's own origin, and a bearer token from anywhere, go through.
  r = http_->Send("POST", tag, "",
                  {{"Cookie", cookie}, {"Origin", Origin()}, {"Sec-Fetch-Site", "same-origin"}});
  EXPECT_LT(r.status, 300) << r.body;
  r = http_->Send("DELETE", tag, "",
                  {{"Authorization", "Bearer " + Token("dispatcher")}, {"Origin", "http://x.y"}});
  EXPECT_LT(r.status, 300) << r.body;
  r = http_->Send("POST", "/api/v1/auth/logout", "", {{"Cookie", cookie}, {"Origin", Origin()}});
  EXPECT_EQ(r.status, 204);
}

// ---- 5. JSON numbers that overflow -------------------------------------------------------------

TEST_P(SecurityHttp, AnOverflowingNumberIsABadRequestNamingItsField) {
  const std::map<std::string, std::string> json_type{{"Content-Type", "application/json"}};
  auto r = http_->Send("POST", "/api/v1/auth/login", R"({"username":1e999,"password":"x"})",
                       json_type);
  ExpectProblem(r, 400, "username");
  r = http_->Send("POST", "/api/v1/public/requests", R"({"type":"complaint","category_id":1e999})",
                  json_type);
  ExpectProblem(r, 400, "category_id");
  r = http_->Send("POST", "/api/v1/public/rating", R"({"code":"X","phone":"1","rating":-1e999})",
                  json_type);
  ExpectProblem(r, 400, "rating");
  // Every public JSON route, with a bare overflowing number and one nested in an object.
  for (const std::string path : {"/api/v1/auth/login", "/api/v1/public/requests",
                                 "/api/v1/public/rating", "/api/v1/public/surveys/abc"}) {
    for (const std::string body : {"1e999999", R"({"a":{"b":[1,2e400]}})"}) {
      r = http_->Send("POST", path, body, json_type);
      EXPECT_EQ(r.status, 400) << path << " " << body << ": " << r.body;
    }
  }
  // A signed-in route too.
  r = http_->Send("PATCH", "/api/v1/auth/me", R"({"language":1e999})",
                  {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + Token("agent")}});
  ExpectProblem(r, 400, "language");
}

// ---- 6. PATCH does not go around the workflow --------------------------------------------------

TEST_P(SecurityHttp, FieldsAnActionOwnsCannotBePatched) {
  const auto id = NewCase("إنارة المسجد معطلة");
  const std::string path = "/api/v1/cases/" + std::to_string(id);
  const json units = GetJson("/api/v1/units", Token("admin"));
  const auto unit = units.at("items").at(0).at("id").get<std::int64_t>();
  for (const std::string user : {"agent", "dispatcher"}) {
    const auto read = http_->Get(path, Token(user));
    auto r = http_->Send("PATCH", path, json{{"unit_id", unit}}.dump(),
                         {{"Content-Type", "application/json"},
                          {"Authorization", "Bearer " + Token(user)},
                          {"If-Match", read.header("etag")}});
    ExpectProblem(r, 409, "unit_id");
    EXPECT_NE(r.body.find("refer"), std::string::npos) << "names the action to use: " << r.body;
    r = http_->Send("PATCH", path, json{{"public_answer", "تم"}}.dump(),
                    {{"Content-Type", "application/json"},
                     {"Authorization", "Bearer " + Token(user)},
                     {"If-Match", read.header("etag")}});
    ExpectProblem(r, 409, "public_answer");
  }
  const json after = GetJson(path, Token("dispatcher"));
  EXPECT_TRUE(after.at("unit_id").is_null()) << "nothing was written";
  EXPECT_EQ(after.at("public_answer"), "");
}

// ---- 7. Smaller points ---------------------------------------------------------------------------

TEST_P(SecurityHttp, MetricsNeedTheConfiguredToken) {
  EXPECT_EQ(http_->Get("/metrics").status, 403) << "not even from the loopback once a token is set";
  EXPECT_EQ(http_->Get("/metrics", "wrong").status, 403);
  const auto r = http_->Get("/metrics", "metrics-secret");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("tawasul_http_requests_total"), std::string::npos);
}

TEST_P(SecurityHttp, TheRoleIsCheckedBeforeTheInput) {
  auto r = Send("PUT", "/api/v1/admin/survey", json{{"enabled", "not a boolean"}}, Token("agent"));
  EXPECT_EQ(r.status, 403) << r.body;
  for (const std::string path :
       {"/api/v1/reports/breakdown?by=nonsense", "/api/v1/reports/trend?bucket=nonsense",
        "/api/v1/reports/summary?from=yesterday", "/api/v1/reports/sla?nonsense=1",
        "/api/v1/reports/satisfaction?nonsense=1", "/api/v1/reports/heatmap?nonsense=1",
        "/api/v1/reports/agents?nonsense=1"}) {
    EXPECT_EQ(http_->Get(path, Token("agent")).status, 403) << path;
    EXPECT_EQ(http_->Get(path, Token("analyst")).status, 400) << path << " (analysts may ask)";
  }
}

TEST_P(SecurityHttp, BidiOverridesAreStrippedFromFreeText) {
  const auto id = NewCase("abc\u202Edcba\u202C and \u2066isolated\u2069 \u200Fmark");
  const json c = GetJson("/api/v1/cases/" + std::to_string(id), Token("dispatcher"));
  EXPECT_EQ(c.at("description"), "abcdcba and isolated \u200Fmark");
}

TEST_P(SecurityHttp, APasswordChangeRevokesTheUsersApiTokens) {
  const auto agent_id = GetJson("/api/v1/auth/me", Token("agent")).at("id");
  const json created = PostJson("/api/v1/tokens", {{"user_id", agent_id}, {"name", "pbx"}},
                                Token("admin"), 201);
  const std::string api_token = created.at("token");
  EXPECT_EQ(http_->Get("/api/v1/auth/me", api_token).status, 200);
  const std::string session = Token("agent");
  auto r = Send("POST", "/api/v1/auth/password",
                {{"current", kPassword}, {"new", "a-new-long-password-2026"}}, session);
  ASSERT_LT(r.status, 300) << r.body;
  EXPECT_EQ(http_->Get("/api/v1/auth/me", api_token).status, 401) << "the API token is revoked";
  EXPECT_EQ(http_->Get("/api/v1/auth/me", session).status, 200) << "the changing session stays";
}

// The permissions the server sends with the user (the web app shows what they list) are the
// ones its routes enforce: for every demo role, each listed permission opens its route and each
// missing one is a 403.
TEST_P(SecurityHttp, ThePermissionsSentWithTheUserAreTheOnesTheRoutesEnforce) {
  // A route opens to any of its permissions (a unit's own figures: reports.unit).
  const std::vector<std::pair<std::string, std::string>> guarded = {
      {"reports.read|reports.unit", "/api/v1/reports/summary"},
      {"reports.read", "/api/v1/reports/agents"},
      {"wallboard.read", "/api/v1/wallboard"},
      {"admin", "/api/v1/admin/audit"},
      {"inbox.triage", "/api/v1/inbox/triage"},
      {"inbox.callbacks", "/api/v1/inbox/callbacks"},
      {"inbox.meetings", "/api/v1/inbox/meetings"},
      {"inbox.review", "/api/v1/inbox/review"},
      {"inbox.unit", "/api/v1/inbox/unit"},
  };
  for (const std::string user :
       {"agent", "dispatcher", "unit_staff", "head", "supervisor", "analyst", "admin"}) {
    const json me = GetJson("/api/v1/auth/me", Token(user));
    ASSERT_TRUE(me.contains("permissions") && me.at("permissions").is_array()) << me.dump();
    std::set<std::string> held;
    for (const json& p : me.at("permissions")) held.insert(p.get<std::string>());
    // The same list comes with the sign-in, which the web app reads first.
    const json signed_in = BodyJson(LoginAs(user, kPassword));
    EXPECT_EQ(signed_in.at("user").at("permissions"), me.at("permissions")) << user;
    for (const auto& [permission, path] : guarded) {
      const auto r = Send("GET", path, nullptr, Token(user));
      bool holds = false;
      std::stringstream any(permission);
      for (std::string one; std::getline(any, one, '|');) holds = holds || held.count(one) > 0;
      if (holds) {
        EXPECT_EQ(r.status, 200) << user << " holds " << permission << ": GET " << path << " "
                                 << r.body;
      } else {
        EXPECT_EQ(r.status, 403) << user << " lacks " << permission << ": GET " << path << " "
                                 << r.body;
      }
    }
    // Identity: the roles without it read requests without their requester.
    EXPECT_EQ(held.count("requesters.identity") == 1,
              user != "unit_staff" && user != "analyst") << user;
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, SecurityHttp, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

// ---- 3. The portal cannot message anyone without bound ------------------------------------------

class PortalMessageLimit : public DemoServerTest {
 protected:
  PortalMessageLimit()
      : DemoServerTest({.password = kPassword,
                        .profile = "pr-center",
                        .env = {"TAWASUL_PORTAL_MESSAGES_PER_HOUR=2"}}) {}
};

TEST_P(PortalMessageLimit, AVictimsNumberGetsNoMoreThanTheLimit) {
  const json cats = GetJson("/api/v1/public/categories", "");
  const auto category = cats.at("items").at(0).at("id");
  std::vector<std::string> codes;
  for (int i = 0; i < 4; ++i) {
    const json body{{"type", "complaint"},
                    {"category_id", category},
                    {"description", "شکایت شماره " + std::to_string(i)},
                    {"requester", {{"name", "قربانی"}, {"phone", "09121112233"}}}};
    const auto r = http_->PostJson("/api/v1/public/requests", body.dump());
    ASSERT_EQ(r.status, 201) << r.body << " (every request is still registered)";
    codes.push_back(json::parse(r.body).at("tracking_code"));
  }
  int messages = 0, withheld = 0;
  const json list = GetJson("/api/v1/cases?channel=portal&limit=50", Token("dispatcher"));
  for (const auto& c : list.at("items")) {
    const std::string path = "/api/v1/cases/" + std::to_string(c.at("id").get<std::int64_t>());
    const json extras = GetJson(path + "/extras", Token("dispatcher"));
    const json timeline = GetJson(path + "/timeline", Token("dispatcher"));
    for (const auto& m : extras.at("messages")) {
      messages += m.value("recipient", "") == "+989121112233" ? 1 : 0;
    }
    for (const auto& e : timeline.at("items")) {
      withheld += e.value("note", "").find("too many messages") != std::string::npos ? 1 : 0;
    }
  }
  EXPECT_EQ(messages, 2) << "two an hour to one number";
  EXPECT_EQ(withheld, 2) << "the others say on their timeline why no SMS went";
}

INSTANTIATE_TEST_SUITE_P(Stores, PortalMessageLimit, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

// ---- 3. A profile may hold a portal submission's messages to an unknown number ---------------

std::filesystem::path HoldingProfilesDir() {
  return std::filesystem::temp_directory_path() /
         ("tawasul-hold-profiles-" + std::to_string(::getpid()));
}

/// pr-center with `portal_unknown_numbers = "hold"`, in a profiles folder of the test's own.
std::string HoldingProfiles() {
  namespace fs = std::filesystem;
  const fs::path dir = HoldingProfilesDir();
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const char* part : {"_shared", "pr-center"}) {
    fs::copy(fs::path(TAWASUL_PROFILES_DIR) / part, dir / part, fs::copy_options::recursive);
  }
  std::ifstream in(dir / "pr-center" / "profile.toml");
  const std::string toml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::ofstream(dir / "pr-center" / "profile.toml") << "portal_unknown_numbers = \"hold\"\n"
                                                    << toml;
  return dir.string();
}

class PortalHold : public DemoServerTest {
 protected:
  // The fixture adds the repository's TAWASUL_PROFILES_DIR after these; the first wins.
  PortalHold()
      : DemoServerTest({.password = kPassword,
                        .profile = "pr-center",
                        .env = {"TAWASUL_PROFILES_DIR=" + HoldingProfiles(),
                                "TAWASUL_PORTAL_MESSAGES_PER_HOUR=50",
                                "TAWASUL_PORTAL_MESSAGES_PER_DAY=50"}}) {}
  void TearDown() override {
    DemoServerTest::TearDown();
    std::filesystem::remove_all(HoldingProfilesDir());
  }

  /// The statuses of the request's messages to `e164`, and its timeline's notes.
  std::pair<std::vector<std::string>, std::string> Messages(std::int64_t id, const std::string& e164) {
    const std::string path = "/api/v1/cases/" + std::to_string(id);
    const json extras = GetJson(path + "/extras", Token("dispatcher"));
    const json timeline = GetJson(path + "/timeline", Token("dispatcher"));
    std::vector<std::string> statuses;
    for (const auto& m : extras.at("messages")) {
      if (m.value("recipient", "") == e164) statuses.push_back(m.value("status", ""));
    }
    std::string notes;
    for (const auto& e : timeline.at("items")) notes += e.value("note", "") + "\n";
    return {statuses, notes};
  }

  std::int64_t Submit(const std::string& phone) {
    const json cats = GetJson("/api/v1/public/categories", "");
    const json body{{"type", "complaint"},
                    {"category_id", cats.at("items").at(0).at("id")},
                    {"description", "درخواست از درگاه"},
                    {"requester", {{"name", "شهروند"}, {"phone", phone}}}};
    const auto r = http_->PostJson("/api/v1/public/requests", body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    const std::string code = json::parse(r.body).value("tracking_code", "");
    const json list = GetJson("/api/v1/cases?channel=portal&limit=50", Token("dispatcher"));
    for (const auto& c : list.at("items")) {
      if (c.value("tracking_code", "") == code) return c.at("id").get<std::int64_t>();
    }
    ADD_FAILURE() << "the submission is not listed";
    return 0;
  }
};

TEST_P(PortalHold, AnUnknownNumbersMessagesWaitForStaffToAccept) {
  const std::string e164 = "+989127776655";
  const auto first = Submit("09127776655");
  auto [statuses, notes] = Messages(first, e164);
  EXPECT_EQ(statuses, std::vector<std::string>{"held"}) << "the tracking code waits";
  EXPECT_NE(notes.find("held until staff accept"), std::string::npos) << notes;
  // Submitting again does not make the number known.
  const auto second = Submit("09127776655");
  EXPECT_EQ(Messages(second, e164).first, std::vector<std::string>{"held"});

  // Staff accept the first: its message is queued; then the number is known.
  const std::string path = "/api/v1/cases/" + std::to_string(first);
  const auto read = http_->Get(path, Token("agent"));
  const json actions = GetJson(path + "/actions", Token("agent"));
  ASSERT_FALSE(actions.at("items").empty());
  auto r = http_->Send("POST", path + "/actions/register", json{{"inputs", json::object()}}.dump(),
                       {{"Content-Type", "application/json"},
                        {"Authorization", "Bearer " + Token("agent")},
                        {"If-Match", read.header("etag")}});
  ASSERT_EQ(r.status, 200) << r.body;
  std::tie(statuses, notes) = Messages(first, e164);
  ASSERT_FALSE(statuses.empty());
  EXPECT_EQ(statuses.front(), "queued") << "released when staff accepted";
  EXPECT_NE(notes.find("released"), std::string::npos) << notes;
  EXPECT_EQ(Messages(Submit("09127776655"), e164).first, std::vector<std::string>{"queued"})
      << "a number staff accepted gets its messages at once";
}

INSTANTIATE_TEST_SUITE_P(Stores, PortalHold, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
