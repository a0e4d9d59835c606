// End to end: a real `tawasul serve` loaded with muscat-1111, on SQLite and on PostgreSQL. A
// report is taken through the three lines to its closing; the survey SMS's link (read from the
// outbox, as the SMS gateway would) opens the page without login, rates once, and the low
// rating lands in the dispatchers' review inbox; the IVR posts a call rating with an API token.
// Due times show on the request throughout.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <memory>

#include "store/open_store.hpp"
#include "support/demo_server_fixture.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;

class SurveyE2E : public DemoServerTest {
 protected:
  SurveyE2E()
      : DemoServerTest({.password = "survey-e2e-password", .profile = "muscat-1111", .env = {}}) {}

  std::int64_t IdOf(const std::string& kind, const std::string& code) {
    auto r = http_->Get("/api/v1/" + kind, Token("admin"));
    const json list = json::parse(r.body);
    for (const auto& it : list.at("items")) {
      if (it.value("code", "") == code) return it.at("id").get<std::int64_t>();
    }
    ADD_FAILURE() << "no " << kind << " " << code << ": " << r.body.substr(0, 300);
    return 0;
  }

  /// Takes an action on the request as `user`, with the ETag last seen.
  json Act(const std::string& user, std::int64_t id, const std::string& action,
           const json& inputs = json::object()) {
    auto r = http_->Send("POST", "/api/v1/cases/" + std::to_string(id) + "/actions/" + action,
                         json{{"inputs", inputs}}.dump(),
                         {{"Authorization", "Bearer " + Token(user)},
                          {"Content-Type", "application/json"},
                          {"If-Match", etag_}});
    EXPECT_EQ(r.status, 200) << action << ": " << r.body;
    etag_ = r.header("etag");
    return json::parse(r.body, nullptr, false);
  }

  /// A report registered, referred, answered and closed after the callback.
  std::pair<std::int64_t, std::string> ClosedReport() {
    auto created = http_->PostJson(
        "/api/v1/cases",
        json{{"type", "complaint"},
             {"category_id", IdOf("categories", "WASTE")},
             {"channel", "phone"},
             {"description", "لم تُرفع النفايات"},
             {"requester", {{"name", "سالم"}, {"phone", "99123456"}}}}
            .dump(),
        Token("agent"));
    EXPECT_EQ(created.status, 201) << created.body;
    const json c = json::parse(created.body);
    // Due times show from registration: both clocks, on track.
    EXPECT_EQ(c.at("sla").at("first_response").value("state", ""), "on_track") << c.dump();
    EXPECT_EQ(c.at("sla").at("resolution").value("run", ""), "running");
    EXPECT_TRUE(c.at("sla").at("resolution").at("due").is_string());
    EXPECT_TRUE(c.at("review").is_null());
    const auto id = c.at("id").get<std::int64_t>();
    etag_ = created.header("etag");
    json referred = Act("dispatcher", id, "refer");
    EXPECT_EQ(referred.at("case").at("sla").at("first_response").value("run", ""), "stopped");
    Act("unit_staff", id, "answer", {{"answer", "تم رفع النفايات"}});
    Act("dispatcher", id, "start_callback");
    json closed = Act("dispatcher", id, "call_back_reached", {{"outcome", "reached"}});
    bool survey_queued = false;
    for (const auto& m : closed.at("queued")) {
      if (m.value("template", "") != "survey") continue;
      survey_queued = true;
      EXPECT_NE(m.value("body", "").find("/s/…"), std::string::npos) << "masked for staff";
    }
    EXPECT_TRUE(survey_queued) << closed.dump();
    return {id, c.at("tracking_code").get<std::string>()};
  }

  /// The link's token as the SMS carries it: read from the outbox, like the gateway does.
  std::string TokenSent(std::int64_t id) {
    base::SystemClock clock;
    auto store = store::OpenStore(store_url(), clock);
    for (const auto& m : store->Messages(domain::CaseId{id})) {
      if (m.template_name != "survey") continue;
      const auto at = m.body.find("https://1111.tawasul.example/s/");
      if (at == std::string::npos) break;
      std::string token = m.body.substr(at + 31);
      return token.substr(0, token.find_first_not_of(
                                 "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"));
    }
    ADD_FAILURE() << "no survey SMS in the outbox";
    return {};
  }

  std::set<std::int64_t> ReviewInbox() {
    auto r = http_->Get("/api/v1/inbox/review", Token("dispatcher"));
    EXPECT_EQ(r.status, 200) << r.body;
    std::set<std::int64_t> ids;
    const json page = json::parse(r.body);
    for (const auto& it : page.at("items")) ids.insert(it.at("id").get<std::int64_t>());
    return ids;
  }

  std::string etag_;
};

TEST_P(SurveyE2E, TheSurveyLinkRatesOnceWithoutLoginAndALowRatingIsReviewed) {
  const auto [id, code] = ClosedReport();
  const std::string token = TokenSent(id);
  ASSERT_EQ(token.size(), 43u);
  const std::string api = "/api/v1/public/surveys/" + token;

  // The page the SMS links to: HTML in the citizen's language, no login, no script.
  auto page = http_->Get("/s/" + token);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.header("content-type").find("text/html"), std::string::npos);
  EXPECT_NE(page.body.find(code), std::string::npos);
  EXPECT_NE(page.body.find("<form method=\"post\""), std::string::npos);
  EXPECT_NE(page.body.find("dir=\"rtl\""), std::string::npos);
  EXPECT_NE(page.header("content-security-policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(page.header("referrer-policy"), "no-referrer");

  auto shown = http_->Get(api);
  ASSERT_EQ(shown.status, 200) << shown.body;
  const json s = json::parse(shown.body);
  EXPECT_EQ(s.at("tracking_code"), code);
  EXPECT_EQ(s.at("public_answer"), "تم رفع النفايات");
  EXPECT_FALSE(s.at("answered").get<bool>());
  EXPECT_EQ(shown.body.find("99123456"), std::string::npos) << "never who asked";

  EXPECT_EQ(http_->PostJson(api, R"({"rating": "five"})").status, 400);
  EXPECT_EQ(http_->PostJson(api, R"({"rating": 4, "colour": "red"})").status, 400);
  auto out_of_range = http_->PostJson(api, R"({"rating": 7})");
  EXPECT_EQ(out_of_range.status, 422) << out_of_range.body;
  EXPECT_EQ(json::parse(out_of_range.body).value("field", ""), "rating");

  auto rated = http_->PostJson(api, json{{"rating", 1}, {"comment", "لم تُرفع بعد"}}.dump());
  ASSERT_EQ(rated.status, 200) << rated.body;
  EXPECT_EQ(json::parse(rated.body).at("rating"), 1);
  EXPECT_EQ(http_->PostJson(api, R"({"rating": 5})").status, 409) << "single use";
  auto form_again = http_->Send("POST", "/s/" + token, "rating=5",
                                {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(form_again.status, 409);
  EXPECT_TRUE(json::parse(http_->Get(api).body).at("answered").get<bool>());

  std::string wrong = token;
  wrong[5] = wrong[5] == 'x' ? 'y' : 'x';
  EXPECT_EQ(http_->Get("/api/v1/public/surveys/" + wrong).status, 404);
  EXPECT_EQ(http_->PostJson("/api/v1/public/surveys/" + wrong, R"({"rating": 3})").status, 404);
  EXPECT_EQ(http_->Get("/s/" + wrong).status, 404);

  // The low rating is in the dispatchers' review inbox, within the reopen window.
  EXPECT_TRUE(ReviewInbox().count(id));
  auto c = json::parse(http_->Get("/api/v1/cases/" + std::to_string(id), Token("dispatcher")).body);
  EXPECT_EQ(c.at("review").value("rating", 0), 1);
  EXPECT_TRUE(c.at("review").value("reopenable", false));
  EXPECT_EQ(c.at("sla").at("resolution").value("run", ""), "stopped");
  EXPECT_EQ(http_->Get("/api/v1/inbox/review", Token("unit_staff")).status, 403);

  auto dismissed = http_->Send("POST", "/api/v1/cases/" + std::to_string(id) + "/review/dismiss",
                               json{{"note", "اتصلنا بالمواطن"}}.dump(),
                               {{"Authorization", "Bearer " + Token("dispatcher")},
                                {"Content-Type", "application/json"}});
  EXPECT_EQ(dismissed.status, 204) << dismissed.body;
  EXPECT_FALSE(ReviewInbox().count(id));
}

TEST_P(SurveyE2E, ThePageFormRatesAndTheIvrPostsCallRatingsWithAnApiToken) {
  const auto [id, code] = ClosedReport();
  const std::string token = TokenSent(id);
  auto no_rating = http_->Send("POST", "/s/" + token, "comment=x",
                               {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(no_rating.status, 422);
  auto thanks = http_->Send("POST", "/s/" + token, "rating=4&comment=%D8%B4%D9%83%D8%B1%D8%A7+",
                            {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(thanks.status, 200) << thanks.body;
  EXPECT_NE(thanks.body.find("شكرًا"), std::string::npos);
  EXPECT_NE(http_->Get("/s/" + token).body.find("من قبل"), std::string::npos) << "already rated";
  EXPECT_FALSE(ReviewInbox().count(id)) << "4 is not a low rating";

  // The IVR: an integration user with an API token rates the call that just ended.
  auto contact = http_->PostJson("/api/v1/contacts",
                                 json{{"channel", "phone"},
                                      {"direction", "inbound"},
                                      {"phone", "99123456"},
                                      {"case_id", id},
                                      {"outcome", "case_updated"}}
                                     .dump(),
                                 Token("agent"));
  ASSERT_EQ(contact.status, 201) << contact.body;
  const auto agent_id =
      json::parse(http_->Get("/api/v1/auth/me", Token("agent")).body).at("id").get<std::int64_t>();
  auto api_token = http_->PostJson("/api/v1/tokens", json{{"user_id", agent_id}, {"name", "ivr"}}.dump(),
                                   Token("admin"));
  ASSERT_EQ(api_token.status, 201) << api_token.body;
  const std::string ivr = json::parse(api_token.body).at("token").get<std::string>();

  const std::string rating = json{{"phone", "99123456"}, {"agent_id", agent_id}, {"rating", 2}}.dump();
  EXPECT_EQ(http_->PostJson("/api/v1/ratings/calls", rating, Token("dispatcher")).status, 403)
      << "a session cannot post call ratings";
  EXPECT_EQ(http_->PostJson("/api/v1/ratings/calls", R"({"phone": "99123456"})", ivr).status, 400);
  auto rated = http_->PostJson("/api/v1/ratings/calls", rating, ivr);
  ASSERT_EQ(rated.status, 201) << rated.body;
  const json r = json::parse(rated.body);
  EXPECT_EQ(r.at("case_id"), id);
  EXPECT_EQ(r.at("contact_id"), json::parse(contact.body).at("id"));
  EXPECT_TRUE(r.at("flagged_for_review").get<bool>());
  EXPECT_TRUE(ReviewInbox().count(id));
}

INSTANTIATE_TEST_SUITE_P(Stores, SurveyE2E, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
