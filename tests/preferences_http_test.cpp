// PATCH /api/v1/auth/me over HTTP: a user saves their own language, calendar and digits, which
// every later sign-in (any browser) answers; nothing else about the user can change this way.
// A real `tawasul serve` (moia-1933 demo) on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>

#include "support/demo_server_fixture.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;

class PreferencesHttp : public DemoServerTest {
 protected:
  PreferencesHttp()
      : DemoServerTest({.password = "prefs-password", .profile = "moia-1933", .env = {}}) {}

  /// The whole sign-in answer (it carries the saved language).
  json Login(const std::string& user) {
    auto r = LoginResponse(user);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body, nullptr, false);
  }

  HttpResponse PatchMe(const std::string& token, const std::string& body,
                       const std::string& type = "application/json") {
    std::map<std::string, std::string> h{{"Content-Type", type}};
    if (!token.empty()) h["Authorization"] = "Bearer " + token;
    return http_->Send("PATCH", "/api/v1/auth/me", body, h);
  }

  json Me(const std::string& token) { return GetJson("/api/v1/auth/me", token); }

  static void ExpectProblem(const HttpResponse& r, long status, const std::string& field) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_NE(r.header("content-type").find("application/problem+json"), std::string::npos);
    const json j = json::parse(r.body, nullptr, false);
    ASSERT_TRUE(j.is_object()) << r.body;
    EXPECT_EQ(j.value("field", ""), field) << r.body;
  }
};

TEST_P(PreferencesHttp, TheLanguageIsSavedAndEverySignInAnswersIt) {
  const json first = Login("agent");
  const std::string token = first.at("token");
  ASSERT_EQ(first.at("user").at("language"), "ar");

  auto r = PatchMe(token, R"({"language":"fa"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body).at("language"), "fa");
  EXPECT_EQ(Me(token).at("language"), "fa");
  // Another browser: a new session starts in the saved language.
  const json second = Login("agent");
  EXPECT_EQ(second.at("user").at("language"), "fa");
  EXPECT_EQ(Me(second.at("token")).at("language"), "fa");

  // Any role may change its own language; others' languages stay as they were.
  const std::string head = Login("head").at("token");
  ASSERT_EQ(PatchMe(head, R"({"language":"en"})").status, 200);
  EXPECT_EQ(Me(head).at("language"), "en");
  EXPECT_EQ(Me(token).at("language"), "fa");

  // An empty patch changes nothing and answers the user.
  r = PatchMe(token, "{}");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body).at("language"), "fa");
}

TEST_P(PreferencesHttp, BadInputIsAProblemNamingTheField) {
  const std::string token = Login("agent").at("token");
  ExpectProblem(PatchMe(token, R"({"language":"de"})"), 422, "language");
  ExpectProblem(PatchMe(token, R"({"language":7})"), 400, "language");
  ExpectProblem(PatchMe(token, R"({"language":null})"), 400, "language");
  ExpectProblem(PatchMe(token, R"({"theme":"dark"})"), 400, "theme");
  // Role, unit, name and active state are the administrator's.
  ExpectProblem(PatchMe(token, R"({"role":"admin"})"), 400, "role");
  ExpectProblem(PatchMe(token, R"({"active":true,"language":"en"})"), 400, "active");
  ExpectProblem(PatchMe(token, R"({"display_name":"X"})"), 400, "display_name");
  EXPECT_EQ(PatchMe(token, "[1]").status, 400);
  EXPECT_EQ(PatchMe(token, R"({"language":"en"})", "text/plain").status, 415);
  EXPECT_EQ(PatchMe("", R"({"language":"en"})").status, 401);
  EXPECT_EQ(PatchMe("not-a-token", R"({"language":"en"})").status, 401);
  // None of that changed anything.
  const json me = Me(token);
  EXPECT_EQ(me.at("language"), "ar");
  EXPECT_EQ(me.at("role"), "agent");
}

TEST_P(PreferencesHttp, SavingTheLanguageKeepsAnAdministratorsChangeMadeMeanwhile) {
  // The agent's session was authenticated before the administrator renamed them: saving the
  // language must not write the old name back.
  const std::string agent = Login("agent").at("token");
  const json me = Me(agent);
  const std::string admin = Login("admin").at("token");
  std::map<std::string, std::string> h{{"Content-Type", "application/json"},
                                       {"Authorization", "Bearer " + admin}};
  auto renamed = http_->Send("PATCH", "/api/v1/users/" + std::to_string(me.at("id").get<int>()),
                             R"({"display_name":"Renamed agent"})", h);
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  auto r = PatchMe(agent, R"({"language":"en"})");
  ASSERT_EQ(r.status, 200) << r.body;
  const json after = json::parse(r.body);
  EXPECT_EQ(after.at("language"), "en");
  EXPECT_EQ(after.at("display_name"), "Renamed agent");
  EXPECT_EQ(Me(agent).at("display_name"), "Renamed agent");
}

// The user's own calendar and digits (issue 4): "" means the center's calendar and the
// language's usual digits; the web app formats every date and number with them.
TEST_P(PreferencesHttp, CalendarAndDigitsAreSavedAndEverySignInAnswersThem) {
  const json first = Login("agent");
  const std::string token = first.at("token");
  EXPECT_EQ(first.at("user").at("calendar"), "");
  EXPECT_EQ(first.at("user").at("digits"), "");

  auto r = PatchMe(token, R"({"calendar":"gregorian","digits":"latn"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body).at("calendar"), "gregorian");
  EXPECT_EQ(json::parse(r.body).at("digits"), "latn");
  const json again = Login("agent");
  EXPECT_EQ(again.at("user").at("calendar"), "gregorian");
  EXPECT_EQ(again.at("user").at("digits"), "latn");
  EXPECT_EQ(again.at("user").at("language"), "ar");  // untouched

  // Either alone; the other stays.
  ASSERT_EQ(PatchMe(token, R"({"calendar":"persian"})").status, 200);
  EXPECT_EQ(Me(token).at("calendar"), "persian");
  EXPECT_EQ(Me(token).at("digits"), "latn");
  ASSERT_EQ(PatchMe(token, R"({"digits":"native","language":"fa"})").status, 200);
  EXPECT_EQ(Me(token).at("digits"), "native");
  EXPECT_EQ(Me(token).at("language"), "fa");
  ASSERT_EQ(PatchMe(token, R"({"calendar":"islamic-umalqura"})").status, 200);
  EXPECT_EQ(Me(token).at("calendar"), "islamic-umalqura");

  // Back to the center's calendar and the language's digits.
  ASSERT_EQ(PatchMe(token, R"({"calendar":"","digits":""})").status, 200);
  EXPECT_EQ(Me(token).at("calendar"), "");
  EXPECT_EQ(Me(token).at("digits"), "");
  // Another user's choice is theirs alone.
  EXPECT_EQ(Me(Login("head").at("token")).at("calendar"), "");
}

TEST_P(PreferencesHttp, AnUnknownCalendarOrDigitsIsA400NamingTheFieldAndSavesNothing) {
  const std::string token = Login("agent").at("token");
  ASSERT_EQ(PatchMe(token, R"({"calendar":"gregorian","digits":"latn"})").status, 200);
  ExpectProblem(PatchMe(token, R"({"calendar":"julian"})"), 400, "calendar");
  ExpectProblem(PatchMe(token, R"({"calendar":"hijri"})"), 400, "calendar");  // a report name
  ExpectProblem(PatchMe(token, R"({"calendar":"Gregorian"})"), 400, "calendar");
  ExpectProblem(PatchMe(token, R"({"calendar":1})"), 400, "calendar");
  ExpectProblem(PatchMe(token, R"({"calendar":null})"), 400, "calendar");
  ExpectProblem(PatchMe(token, R"({"digits":"arab"})"), 400, "digits");
  ExpectProblem(PatchMe(token, R"({"digits":true})"), 400, "digits");
  // One bad member: the good ones are not written either.
  ExpectProblem(PatchMe(token, R"({"language":"en","calendar":"persian","digits":"roman"})"), 400,
                "digits");
  ExpectProblem(PatchMe(token, R"({"language":"en","calendar":"mayan","digits":"native"})"), 400,
                "calendar");
  ExpectProblem(PatchMe(token, R"({"language":"de","calendar":"persian"})"), 422, "language");
  // The administrator's PATCH /users/{id} does not set them: they are the user's own.
  const std::string admin = Login("admin").at("token");
  const json me = Me(token);
  auto by_admin = http_->Send("PATCH", "/api/v1/users/" + std::to_string(me.at("id").get<int>()),
                              R"({"calendar":"persian"})",
                              {{"Content-Type", "application/json"},
                               {"Authorization", "Bearer " + admin}});
  ExpectProblem(by_admin, 400, "calendar");
  const json after = Me(token);
  EXPECT_EQ(after.at("language"), "ar");
  EXPECT_EQ(after.at("calendar"), "gregorian");
  EXPECT_EQ(after.at("digits"), "latn");
}

// POST /api/v1/auth/password and the administrator's reset (PATCH /users/{id} "password").
class PasswordHttp : public PreferencesHttp {
 protected:
  HttpResponse SignIn(const std::string& user, const std::string& password) {
    return http_->Send("POST", "/api/v1/auth/login",
                       json{{"username", user}, {"password", password}}.dump(),
                       {{"Content-Type", "application/json"}});
  }
  HttpResponse ChangePassword(const std::string& token, const std::string& current,
                              const std::string& next) {
    return http_->Send("POST", "/api/v1/auth/password",
                       json{{"current", current}, {"new", next}}.dump(),
                       {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token}});
  }
  HttpResponse PatchUser(const std::string& token, long id, const json& body) {
    return http_->Send("PATCH", "/api/v1/users/" + std::to_string(id), body.dump(),
                       {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token}});
  }
  long IdOf(const std::string& token) { return Me(token).at("id").get<long>(); }
};

TEST_P(PasswordHttp, AUserChangesTheirPasswordAndTheirOtherSessionsEnd) {
  const std::string here = Login("agent").at("token");
  const std::string elsewhere = Login("agent").at("token");
  const std::string head = Login("head").at("token");
  auto r = ChangePassword(here, "prefs-password", "a new passphrase");
  ASSERT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(SignIn("agent", "prefs-password").status, 401);
  EXPECT_EQ(SignIn("agent", "a new passphrase").status, 200);
  // The caller's session stays; their other session ends; other users' sessions are untouched.
  EXPECT_EQ(http_->Get("/api/v1/auth/me", here).status, 200);
  EXPECT_EQ(http_->Get("/api/v1/auth/me", elsewhere).status, 401);
  EXPECT_EQ(http_->Get("/api/v1/auth/me", head).status, 200);
  EXPECT_EQ(SignIn("head", "prefs-password").status, 200);
}

TEST_P(PasswordHttp, AWrongCurrentOrAWeakNewPasswordIsAProblemNamingTheField) {
  const std::string token = Login("agent").at("token");
  ExpectProblem(ChangePassword(token, "not my password", "a new passphrase"), 422, "current");
  ExpectProblem(ChangePassword(token, "prefs-password", "short"), 422, "new");
  ExpectProblem(ChangePassword(token, "prefs-password", std::string(1025, 'x')), 422, "new");
  // Seven Arabic letters are fourteen bytes but seven characters: too short.
  const std::string seven_arabic = "\u0643\u0644\u0645\u0629\u0633\u0631\u0627";
  ExpectProblem(ChangePassword(token, "prefs-password", seven_arabic), 422, "new");
  std::map<std::string, std::string> h{{"Content-Type", "application/json"},
                                       {"Authorization", "Bearer " + token}};
  ExpectProblem(http_->Send("POST", "/api/v1/auth/password", R"({"current":"prefs-password"})", h),
                400, "new");
  EXPECT_EQ(http_->Send("POST", "/api/v1/auth/password", R"({"current":"x","new":"y"})",
                        {{"Content-Type", "application/json"}})
                .status,
            401);
  // Nothing changed.
  EXPECT_EQ(SignIn("agent", "prefs-password").status, 200);
  EXPECT_EQ(http_->Get("/api/v1/auth/me", token).status, 200);
}

TEST_P(PasswordHttp, AnAdministratorResetsAPasswordAndOnlyAnAdministratorMay) {
  const std::string agent = Login("agent").at("token");
  const long agent_id = IdOf(agent);
  const std::string supervisor = Login("supervisor").at("token");
  ExpectProblem(PatchUser(supervisor, agent_id, {{"password", "taken over!"}}), 403, "");
  EXPECT_EQ(SignIn("agent", "prefs-password").status, 200);

  const std::string admin = Login("admin").at("token");
  ExpectProblem(PatchUser(admin, agent_id, {{"password", "weak"}, {"display_name", "Z"}}), 422,
                "password");
  EXPECT_NE(Me(agent).at("display_name"), "Z");  // a weak password changes nothing
  auto r = PatchUser(admin, agent_id, {{"password", "reset by admin"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body).count("password"), 0u);
  EXPECT_EQ(SignIn("agent", "prefs-password").status, 401);
  EXPECT_EQ(SignIn("agent", "reset by admin").status, 200);
  EXPECT_EQ(http_->Get("/api/v1/auth/me", agent).status, 401);  // the agent's sessions ended
  EXPECT_EQ(http_->Get("/api/v1/auth/me", admin).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Stores, PasswordHttp, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

INSTANTIATE_TEST_SUITE_P(Stores, PreferencesHttp, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
