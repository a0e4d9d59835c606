// End-to-end: a real `tawasul serve` process on a loopback port, on SQLite and on PostgreSQL,
// driven over HTTP. These tests see only what a client sees.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <set>

#include "domain/tracking_code.hpp"
#include "support/demo_server_fixture.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "e2e-password";

class HttpE2E : public DemoServerTest {
 protected:
  HttpE2E() : DemoServerTest({.password = kPassword, .serve_args = {"--read-timeout", "2"}}) {}

  std::int64_t FirstId(const std::string& path, const std::string& token,
                       const std::string& code = "") {
    auto r = http_->Get(path, token);
    EXPECT_EQ(r.status, 200) << r.body;
    auto j = json::parse(r.body);
    const json& items = j.is_array() ? j : j.at("items");
    for (const auto& it : items) {
      if (code.empty() || it.value("code", "") == code) return it.at("id").get<std::int64_t>();
    }
    ADD_FAILURE() << "nothing with code " << code << " in " << path;
    return 0;
  }

  json NewCaseBody() {
    return json{{"type", "complaint"},
                {"category_id", FirstId("/api/v1/categories", Login("agent"), "SPK-FAULT")},
                {"channel", "phone"},
                {"description", "مكبر الصوت لا يعمل"},
                {"requester",
                 {{"name", "عبدالله"}, {"phone", "٠٥٠١٢٣٤٥٦٧"}, {"email", ""}, {"national_id", ""}}},
                {"site_id", nullptr},
                {"priority", "high"}};
  }

  static void ExpectProblem(const HttpResponse& r, long status, const std::string& field) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_NE(r.header("content-type").find("application/problem+json"), std::string::npos)
        << r.header("content-type");
    auto j = json::parse(r.body, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << r.body;
    EXPECT_EQ(j.value("status", 0), status);
    EXPECT_TRUE(j.contains("title"));
    if (!field.empty()) {
      EXPECT_EQ(j.value("field", ""), field) << r.body;
    }
  }

};

TEST_P(HttpE2E, HealthMetricsAndOpenApi) {
  auto h = http_->Get("/health");
  EXPECT_EQ(h.status, 200);
  auto doc = http_->Get("/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  auto j = json::parse(doc.body);
  EXPECT_EQ(j.at("openapi").get<std::string>().substr(0, 2), "3.");
  EXPECT_TRUE(j.at("paths").contains("/api/v1/cases"));
  auto m = http_->Get("/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("tawasul_http_requests_total"), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("tawasul_store_"), std::string::npos);
}

TEST_P(HttpE2E, LoginSetsAStrictHttpOnlyCookieAndRejectsBadPasswords) {
  auto bad = http_->PostJson("/api/v1/auth/login",
                             json{{"username", "agent"}, {"password", "wrong-password"}}.dump());
  ExpectProblem(bad, 401, "");
  auto unknown = http_->PostJson("/api/v1/auth/login",
                                 json{{"username", "nobody"}, {"password", kPassword}}.dump());
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(json::parse(unknown.body).value("detail", ""), json::parse(bad.body).value("detail", ""))
      << "an unknown user and a wrong password must look the same";

  auto ok = http_->PostJson("/api/v1/auth/login",
                            json{{"username", "agent"}, {"password", kPassword}}.dump());
  ASSERT_EQ(ok.status, 200) << ok.body;
  ASSERT_FALSE(ok.set_cookies.empty());
  const std::string cookie = ok.set_cookies.front();
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;

  // The cookie alone authenticates; logout ends the session.
  const std::string pair = cookie.substr(0, cookie.find(';'));
  auto me = http_->Send("GET", "/api/v1/auth/me", "", {{"Cookie", pair}});
  EXPECT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(json::parse(me.body).value("username", ""), "agent");
  auto out = http_->Send("POST", "/api/v1/auth/logout", "", {{"Cookie", pair}});
  EXPECT_EQ(out.status, 204);
  EXPECT_EQ(http_->Send("GET", "/api/v1/auth/me", "", {{"Cookie", pair}}).status, 401);
  ExpectProblem(http_->Get("/api/v1/cases"), 401, "");
}

TEST_P(HttpE2E, CreateReadAndTrackARequest) {
  const std::string agent = Login("agent");
  auto created = http_->PostJson("/api/v1/cases", NewCaseBody().dump(), agent);
  ASSERT_EQ(created.status, 201) << created.body;
  auto c = json::parse(created.body);
  const std::string code = c.at("tracking_code");
  EXPECT_EQ(code.size(), 10u);
  EXPECT_TRUE(domain::DammValid(code));
  const auto id = c.at("id").get<std::int64_t>();
  EXPECT_FALSE(created.header("etag").empty());

  auto got = http_->Get("/api/v1/cases/" + std::to_string(id), agent);
  ASSERT_EQ(got.status, 200) << got.body;
  auto g = json::parse(got.body);
  EXPECT_EQ(g.at("status"), "new");
  EXPECT_EQ(g.at("priority"), "high");
  EXPECT_EQ(g.at("requester").at("phone"), "+966501234567") << "Arabic-Indic digits normalized";

  auto timeline = http_->Get("/api/v1/cases/" + std::to_string(id) + "/timeline", agent);
  ASSERT_EQ(timeline.status, 200);
  auto t = json::parse(timeline.body).at("items");
  ASSERT_GE(t.size(), 1u);
  EXPECT_EQ(t[0].at("kind"), "created");

  // The citizen tracks it with the code and phone, in any digits; a wrong pair reveals nothing.
  auto track = http_->Get("/api/v1/public/track?code=" + code + "&phone=0501234567");
  ASSERT_EQ(track.status, 200) << track.body;
  auto tj = json::parse(track.body);
  EXPECT_EQ(tj.at("status"), "new");
  EXPECT_FALSE(tj.contains("requester"));
  EXPECT_FALSE(tj.contains("description"));
  auto wrong_phone = http_->Get("/api/v1/public/track?code=" + code + "&phone=0509999999");
  std::string fake = code.substr(0, 9);
  fake += domain::DammCheckDigit(fake);  // a well-formed code that almost surely is not issued
  fake[0] = fake[0] == '9' ? '8' : static_cast<char>(fake[0] + 1);
  fake[9] = domain::DammCheckDigit(fake.substr(0, 9));
  auto no_code = http_->Get("/api/v1/public/track?code=" + fake + "&phone=0501234567");
  EXPECT_EQ(wrong_phone.status, 404);
  EXPECT_EQ(no_code.status, 404);
  EXPECT_EQ(wrong_phone.body, no_code.body);
}

TEST_P(HttpE2E, PatchNeedsIfMatchAndRejectsStaleWrites) {
  const std::string dispatcher = Login("dispatcher");
  auto created = http_->PostJson("/api/v1/cases", NewCaseBody().dump(), Login("agent"));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = "/api/v1/cases/" + std::to_string(json::parse(created.body).at("id").get<std::int64_t>());
  const std::string etag = created.header("etag");
  const std::map<std::string, std::string> base{{"Authorization", "Bearer " + dispatcher},
                                                {"Content-Type", "application/json"}};
  auto no_precondition = http_->Send("PATCH", path, R"({"priority":"urgent"})", base);
  EXPECT_EQ(no_precondition.status, 428) << no_precondition.body;

  auto h = base;
  h["If-Match"] = etag;
  auto first = http_->Send("PATCH", path, R"({"priority":"urgent","note":"caller rang again"})", h);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_NE(first.header("etag"), etag);
  auto stale = http_->Send("PATCH", path, R"({"priority":"low"})", h);
  ExpectProblem(stale, 412, "");
  EXPECT_EQ(json::parse(http_->Get(path, dispatcher).body).at("priority"), "urgent")
      << "the stale write changed nothing";

  auto t = json::parse(http_->Get(path + "/timeline", dispatcher).body).at("items");
  bool saw_change = false;
  for (const auto& e : t) {
    if (e.value("field", "") == "priority") {
      saw_change = true;
      EXPECT_EQ(e.at("from"), "high");
      EXPECT_EQ(e.at("to"), "urgent");
    }
  }
  EXPECT_TRUE(saw_change) << t.dump();
}

TEST_P(HttpE2E, BadInputGetsAProblemNamingTheFieldAndWritesNothing) {
  const std::string agent = Login("agent");
  const auto before = json::parse(http_->Get("/api/v1/cases?limit=200", agent).body).at("items").size();

  ExpectProblem(http_->PostJson("/api/v1/cases", "{\"type\": ", agent), 400, "");
  ExpectProblem(http_->PostJson("/api/v1/cases", "[1,2]", agent), 400, "");
  auto body = NewCaseBody();
  body["colour"] = "red";
  ExpectProblem(http_->PostJson("/api/v1/cases", body.dump(), agent), 400, "colour");
  body = NewCaseBody();
  body["category_id"] = "seven";
  ExpectProblem(http_->PostJson("/api/v1/cases", body.dump(), agent), 400, "category_id");
  body = NewCaseBody();
  body["channel"] = "pigeon";
  ExpectProblem(http_->PostJson("/api/v1/cases", body.dump(), agent), 400, "channel");
  body = NewCaseBody();
  body["category_id"] = 999999;
  ExpectProblem(http_->PostJson("/api/v1/cases", body.dump(), agent), 422, "category_id");
  body = NewCaseBody();
  body["requester"]["phone"] = "12";
  ExpectProblem(http_->PostJson("/api/v1/cases", body.dump(), agent), 422, "requester.phone");
  body = NewCaseBody();
  body["requester"]["national_id"] = "1234567890";
  ExpectProblem(http_->PostJson("/api/v1/cases", body.dump(), agent), 422, "requester.national_id");
  body = NewCaseBody();
  body["requester"]["name"] = "ali\u202Eevil";
  ExpectProblem(http_->PostJson("/api/v1/cases", body.dump(), agent), 422, "requester.name");
  body = NewCaseBody();
  body["description"] = "  ";
  ExpectProblem(http_->PostJson("/api/v1/cases", body.dump(), agent), 422, "description");
  // Invalid UTF-8 inside a JSON string.
  std::string raw = NewCaseBody().dump();
  raw.replace(raw.find("description\":\"") + 14, 2, "\xC3\x28");
  auto bad_utf8 = http_->PostJson("/api/v1/cases", raw, agent);
  EXPECT_EQ(bad_utf8.status, 400) << bad_utf8.body;
  // An oversize body.
  auto huge = NewCaseBody();
  huge["description"] = std::string(2 * 1024 * 1024, 'a');
  auto too_big = http_->PostJson("/api/v1/cases", huge.dump(), agent);
  EXPECT_EQ(too_big.status, 413);

  const auto after = json::parse(http_->Get("/api/v1/cases?limit=200", agent).body).at("items").size();
  EXPECT_EQ(before, after) << "no rejected request left a row behind";
  EXPECT_EQ(http_->Get("/health").status, 200) << "the server is still up";
}

TEST_P(HttpE2E, OversizeHeadersAndSlowClientsAreCutOff) {
  std::string big = "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(64 * 1024, 'a') +
                    "\r\n\r\n";
  std::string answer = RawExchange(server_->port(), big, 3000);
  EXPECT_TRUE(answer.empty() || answer.find(" 431 ") != std::string::npos ||
              answer.find(" 400 ") != std::string::npos)
      << answer.substr(0, 200);
  EXPECT_EQ(answer.find(" 200 "), std::string::npos);
  // A client that sends half a request and stalls is disconnected after the read timeout (2 s).
  auto start = std::chrono::steady_clock::now();
  std::string slow = RawExchange(server_->port(), "POST /api/v1/cases HTTP/1.1\r\nHost: x\r\n", 8000);
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_LT(waited, std::chrono::seconds(7)) << "the server closed the stalled connection";
  EXPECT_EQ(slow.find(" 5"), std::string::npos) << slow;
  EXPECT_EQ(http_->Get("/health").status, 200);
}

TEST_P(HttpE2E, ListFiltersAndCursorPagination) {
  const std::string agent = Login("agent");
  std::set<std::int64_t> all;
  const json listed = json::parse(http_->Get("/api/v1/cases?limit=200", agent).body);
  for (const auto& it : listed.at("items")) {
    all.insert(it.at("id").get<std::int64_t>());
  }
  ASSERT_GE(all.size(), 5u) << "the profile's sample requests";
  std::set<std::int64_t> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto r = http_->Get("/api/v1/cases?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor), agent);
    ASSERT_EQ(r.status, 200) << r.body;
    auto j = json::parse(r.body);
    for (const auto& it : j.at("items")) {
      EXPECT_TRUE(seen.insert(it.at("id").get<std::int64_t>()).second) << "no duplicates";
    }
    cursor = j.contains("next_cursor") && j["next_cursor"].is_string() ? j["next_cursor"].get<std::string>() : "";
    ++pages;
  } while (!cursor.empty() && pages < 50);
  EXPECT_EQ(seen, all) << "every request once, across pages";
  EXPECT_EQ(pages, static_cast<int>((all.size() + 1) / 2));

  auto portal = json::parse(http_->Get("/api/v1/cases?channel=portal&limit=200", agent).body);
  ASSERT_FALSE(portal.at("items").empty());
  for (const auto& it : portal.at("items")) EXPECT_EQ(it.at("channel"), "portal");
  auto bad = http_->Get("/api/v1/cases?status=lost", agent);
  ExpectProblem(bad, 400, "status");
  ExpectProblem(http_->Get("/api/v1/cases?created_from=yesterday", agent), 400, "created_from");
  ExpectProblem(http_->Get("/api/v1/cases?cursor=zz", agent), 400, "cursor");
}

TEST_P(HttpE2E, UnitStaffSeeOnlyTheirUnitsReferralsWithoutIdentity) {
  const std::string dispatcher = Login("dispatcher");
  const std::string staff = Login("unit_staff");
  auto created = http_->PostJson("/api/v1/cases", NewCaseBody().dump(), Login("agent"));
  ASSERT_EQ(created.status, 201);
  auto c = json::parse(created.body);
  const std::string path = "/api/v1/cases/" + std::to_string(c.at("id").get<std::int64_t>());
  EXPECT_EQ(http_->Get(path, staff).status, 404) << "not referred to their unit yet";

  const auto unit = FirstId("/api/v1/units", dispatcher, "RYD-MAINT");
  auto dispatched = http_->Send("POST", path + "/actions/dispatch", "{}",
                                {{"Authorization", "Bearer " + dispatcher},
                                 {"Content-Type", "application/json"},
                                 {"If-Match", created.header("etag")}});
  ASSERT_EQ(dispatched.status, 200) << dispatched.body;
  auto referred = http_->Send("POST", path + "/actions/refer",
                              json{{"inputs", {{"unit_id", unit}}}}.dump(),
                              {{"Authorization", "Bearer " + dispatcher},
                               {"Content-Type", "application/json"},
                               {"If-Match", dispatched.header("etag")}});
  ASSERT_EQ(referred.status, 200) << referred.body;
  EXPECT_EQ(json::parse(referred.body).at("case").at("state"), "referred");

  auto seen = http_->Get(path, staff);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(seen.body.find("+966501234567"), std::string::npos) << seen.body;
  EXPECT_EQ(seen.body.find("عبدالله"), std::string::npos) << seen.body;
  EXPECT_EQ(http_->Get("/api/v1/requesters?phone=0501234567", staff).status, 403);
}

TEST_P(HttpE2E, AttachmentsAreSniffedAndServedOnlyToThoseWhoSeeTheRequest) {
  const std::string agent = Login("agent");
  auto created = http_->PostJson("/api/v1/cases", NewCaseBody().dump(), agent);
  ASSERT_EQ(created.status, 201);
  const std::string path =
      "/api/v1/cases/" + std::to_string(json::parse(created.body).at("id").get<std::int64_t>());
  // A minimal PNG, sent with a lying Content-Type.
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89"
                        "\0\0\0\rIDATx\x9c" "c\xf8\x0f\0\0\x01\x01\0\x05\x18\xd8N\0\0\0\0IEND\xae" "B`\x82", 67);
  auto up = http_->Send("POST", path + "/attachments?filename=speaker.png", png,
                        {{"Authorization", "Bearer " + agent}, {"Content-Type", "text/html"}});
  ASSERT_EQ(up.status, 201) << up.body;
  auto a = json::parse(up.body);
  EXPECT_EQ(a.at("media_type"), "image/png");
  EXPECT_EQ(a.at("size"), 67);
  const std::string file = path + "/attachments/" + std::to_string(a.at("id").get<std::int64_t>());
  auto back = http_->Get(file, agent);
  ASSERT_EQ(back.status, 200);
  EXPECT_EQ(back.body, png);
  EXPECT_EQ(back.header("content-type"), "image/png");
  EXPECT_EQ(back.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(http_->Get(file, Login("unit_staff")).status, 404);

  auto exe = http_->Send("POST", path + "/attachments?filename=a.png", std::string("\x7f" "ELF\x02\x01\x01", 7) + std::string(200, '\0'),
                         {{"Authorization", "Bearer " + agent}, {"Content-Type", "image/png"}});
  EXPECT_EQ(exe.status, 415) << exe.body;
}

TEST_P(HttpE2E, PortalSubmissionIsRateLimitedPerClient) {
  const auto category = FirstId("/api/v1/public/categories", "", "MAINT-AC");
  json body{{"type", "complaint"},
            {"category_id", category},
            {"description", "التكييف معطل"},
            {"requester", {{"name", "سارة"}, {"phone", "+966501112233"}}}};
  auto first = http_->PostJson("/api/v1/public/requests", body.dump());
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_TRUE(domain::DammValid(json::parse(first.body).at("tracking_code").get<std::string>()));
  body["requester"].erase("phone");
  ExpectProblem(http_->PostJson("/api/v1/public/requests", body.dump()), 422, "requester.phone");
  int limited = 0;
  for (int i = 0; i < 40; ++i) {
    if (http_->Get("/api/v1/public/track?code=1234567890&phone=0500000000").status == 429) ++limited;
  }
  EXPECT_GT(limited, 0) << "tracking lookups are rate-limited per client address";
}

TEST_P(HttpE2E, AdminCrudAndConflictsNameTheField) {
  const std::string admin = Login("admin");
  auto unit = http_->PostJson(
      "/api/v1/units",
      json{{"code", "DEP-NEW"}, {"kind", "department"}, {"name", {{"ar", "قسم جديد"}, {"en", "New"}}}}.dump(),
      admin);
  ASSERT_EQ(unit.status, 201) << unit.body;
  auto dup = http_->PostJson(
      "/api/v1/units", json{{"code", "DEP-NEW"}, {"kind", "department"}, {"name", {{"en", "Again"}}}}.dump(),
      admin);
  ExpectProblem(dup, 409, "code");
  EXPECT_EQ(http_->PostJson("/api/v1/units", json{{"code", "X"}, {"kind", "department"}, {"name", {{"en", "X"}}}}.dump(),
                            Login("agent")).status,
            403);
  auto user = http_->PostJson("/api/v1/users",
                              json{{"username", "agent2"}, {"display_name", "وكيل"}, {"role", "agent"},
                                   {"password", "another-password"}}.dump(),
                              admin);
  ASSERT_EQ(user.status, 201) << user.body;
  EXPECT_EQ(user.body.find("password"), std::string::npos) << "no hash leaves the server";
  auto login = http_->PostJson("/api/v1/auth/login",
                               json{{"username", "agent2"}, {"password", "another-password"}}.dump());
  EXPECT_EQ(login.status, 200);
}

TEST_P(HttpE2E, GuidanceOnlyContactIsLoggedWithoutARequest) {
  const std::string agent = Login("agent");
  auto r = http_->PostJson("/api/v1/contacts",
                           json{{"channel", "phone"}, {"direction", "inbound"}, {"phone", "۰۵۰۷۷۷۶۶۵۵"},
                                {"outcome", "guidance"}, {"note", "موعد برنامج رمضان"}}.dump(),
                           agent);
  ASSERT_EQ(r.status, 201) << r.body;
  auto j = json::parse(r.body);
  EXPECT_TRUE(j.at("case_id").is_null());
  auto found = http_->Get("/api/v1/requesters?phone=0507776655", agent);
  ASSERT_EQ(found.status, 200);
  auto list = json::parse(found.body);
  const json& items = list.is_array() ? list : list.at("items");
  ASSERT_EQ(items.size(), 1u) << "the caller is now on record for the next call";
  EXPECT_EQ(items[0].at("phone"), "+966507776655");
}

TEST_P(HttpE2E, UserAddReadsThePasswordFromStdin) {
  std::string out;
  ASSERT_EQ(server_->RunCommand({"user", "add", "--username", "night_agent", "--role", "agent",
                                 "--display-name", "Night shift"},
                                "a-long-password\n", &out),
            0)
      << out;
  auto login = http_->PostJson("/api/v1/auth/login",
                               json{{"username", "night_agent"}, {"password", "a-long-password"}}.dump());
  EXPECT_EQ(login.status, 200) << login.body;
  EXPECT_NE(server_->RunCommand({"user", "add", "--username", "x", "--role", "wizard",
                                 "--display-name", "X"}, "pw-pw-pw-pw\n", &out), 0);
}

INSTANTIATE_TEST_SUITE_P(Stores, HttpE2E, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
