// The messages page's API over HTTP on a real `tawasul serve --demo-delivery` (muscat-1111,
// SQLite and PostgreSQL): the SMS a registration queues is taken by the demo sink (no gateway is
// configured) and listed as sent and "demo"; the list masks every recipient and carries no body;
// filters by status and channel; refusals for roles that may not read the outbox and for bad
// values, naming the parameter.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "support/demo_server_fixture.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;

class Messages : public DemoServerTest {
 protected:
  Messages()
      : DemoServerTest({.password = "messages-password", .profile = "muscat-1111", .env = {},
                        .serve_args = {"--demo-delivery"}}) {}

  /// The listed message of request `id` (null when none yet).
  json MessageOf(std::int64_t id, const std::string& query = "") {
    const json page = GetJson("/api/v1/messages?limit=200" + query, Token("supervisor"));
    for (const auto& m : page.at("items")) {
      if (m.at("case_id") == id) return m;
    }
    return nullptr;
  }
};

TEST_P(Messages, ADemoServerShowsEachMessageSentToTheSinkWithTheRecipientMasked) {
  const json cats = GetJson("/api/v1/categories", Token("admin")).at("items");
  const json created = PostJson("/api/v1/cases",
                                {{"type", "complaint"},
                                 {"category_id", cats.at(0).at("id")},
                                 {"channel", "phone"},
                                 {"description", "إنارة الشارع معطلة"},
                                 {"requester", {{"name", "خالد"}, {"phone", "92345670"}}}},
                                Token("agent"), 201);
  const std::int64_t id = created.at("id").get<std::int64_t>();
  // The outbox worker takes it within its poll interval; wait for it, bounded.
  json m;
  for (int i = 0; i < 100; ++i) {
    m = MessageOf(id);
    if (m.is_object() && m.value("status", "") == "sent") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(m.is_object()) << "the registration's SMS is listed";
  EXPECT_EQ(m.value("status", ""), "sent") << m.dump();
  EXPECT_TRUE(m.value("demo", false));
  EXPECT_EQ(m.value("channel", ""), "sms");
  EXPECT_EQ(m.value("template", ""), "registered");
  const std::string to = m.value("recipient", "");
  EXPECT_EQ(to.find("92345670"), std::string::npos) << to;
  EXPECT_NE(to.find("5670"), std::string::npos) << "the last four digits tell messages apart: " << to;
  EXPECT_FALSE(m.contains("body"));
  // The request view still shows it whole (and logs the reading).
  const json extras = GetJson("/api/v1/cases/" + std::to_string(id) + "/extras", Token("dispatcher"));
  ASSERT_FALSE(extras.at("messages").empty());
  EXPECT_NE(extras["messages"][0].value("body", "").find(created.value("tracking_code", "?")), std::string::npos);

  // Filters.
  EXPECT_TRUE(MessageOf(id, "&status=sent").is_object());
  EXPECT_TRUE(MessageOf(id, "&status=queued").is_null());
  EXPECT_TRUE(MessageOf(id, "&channel=email").is_null());
  // Paging: one at a time reaches it through the cursor.
  const json first = GetJson("/api/v1/messages?limit=1", Token("admin"));
  ASSERT_EQ(first.at("items").size(), 1u);
  ASSERT_TRUE(first.at("next_cursor").is_string());
  const json second = GetJson("/api/v1/messages?limit=1&cursor=" + first["next_cursor"].get<std::string>(), Token("admin"));
  if (!second.at("items").empty()) {
    EXPECT_LT(second["items"][0]["id"], first["items"][0]["id"]);
  }
}

TEST_P(Messages, OnlyThoseWhoMayResendReadTheOutboxAndBadValuesAreNamed) {
  for (const char* user : {"agent", "unit_staff", "analyst"}) {
    EXPECT_EQ(http_->Get("/api/v1/messages", Token(user)).status, 403) << user;
  }
  for (const char* q : {"status=lost", "channel=fax", "limit=0", "cursor=x"}) {
    auto r = http_->Get(std::string("/api/v1/messages?") + q, Token("admin"));
    EXPECT_EQ(r.status, 400) << q << " " << r.body;
    const std::string field = std::string(q).substr(0, std::string(q).find('='));
    EXPECT_EQ(json::parse(r.body).value("field", ""), field) << q;
  }
}

TEST_P(Messages, StaffWriteToTheCitizenThroughTheirChannelAndTheWordsJoinTheTimeline) {
  const json cats = GetJson("/api/v1/categories", Token("admin")).at("items");
  const json created = PostJson("/api/v1/cases",
                                {{"type", "complaint"},
                                 {"category_id", cats.at(0).at("id")},
                                 {"channel", "phone"},
                                 {"description", "حفرة في الطريق"},
                                 {"requester", {{"name", "سالم"}, {"phone", "92345671"}}}},
                                Token("agent"), 201);
  const std::string path = "/api/v1/cases/" + std::to_string(created.at("id").get<std::int64_t>());
  const json sent = PostJson(path + "/replies", {{"channel", "sms"}, {"text", "سيصل الفريق غدًا صباحًا"}},
                             Token("dispatcher"), 201);
  EXPECT_EQ(sent.at("channel"), "sms");
  EXPECT_EQ(sent.at("status"), "queued");
  EXPECT_EQ(sent.at("recipient").get<std::string>().find("92345671"), std::string::npos);
  // The citizen gets exactly these words; the request's messages show them whole.
  const json extras = GetJson(path + "/extras", Token("dispatcher"));
  bool found = false;
  for (const auto& m : extras.at("messages")) {
    if (m.value("template", "") == "reply") {
      found = true;
      EXPECT_EQ(m.value("body", ""), "سيصل الفريق غدًا صباحًا");
    }
  }
  EXPECT_TRUE(found) << extras.dump();
  // The timeline says who wrote what, on which channel.
  const json timeline = GetJson(path + "/timeline", Token("agent")).at("items");
  int replies = 0;
  for (const auto& e : timeline) {
    if (e.at("kind") == "reply") {
      ++replies;
      EXPECT_EQ(e.at("field"), "sms");
      EXPECT_EQ(e.at("note"), "سيصل الفريق غدًا صباحًا");
      EXPECT_TRUE(e.at("actor_id").is_number());
    }
  }
  EXPECT_EQ(replies, 1);

  // No email address on record: named by field; empty, too long, unknown channel, unknown field.
  auto r = Send("POST", path + "/replies", {{"channel", "email"}, {"text", "x"}}, Token("agent"));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(json::parse(r.body).value("field", ""), "channel");
  r = Send("POST", path + "/replies", {{"channel", "sms"}, {"text", "  "}}, Token("agent"));
  EXPECT_EQ(json::parse(r.body).value("field", ""), "text");
  r = Send("POST", path + "/replies", {{"channel", "sms"}, {"text", std::string(2000, 'x')}}, Token("agent"));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body).value("field", ""), "text");
  r = Send("POST", path + "/replies", {{"channel", "fax"}, {"text", "x"}}, Token("agent"));
  EXPECT_EQ(json::parse(r.body).value("field", ""), "channel");
  r = Send("POST", path + "/replies", {{"channel", "sms"}, {"text", "x"}, {"cc", "y"}}, Token("agent"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body).value("field", ""), "cc");
  // Roles that may not see who the citizen is cannot write to them.
  for (const char* user : {"unit_staff", "analyst"}) {
    EXPECT_EQ(Send("POST", path + "/replies", {{"channel", "sms"}, {"text", "x"}}, Token(user)).status, 403) << user;
  }
  // An anonymous request has no one to write to.
  const json anon = PostJson("/api/v1/cases",
                             {{"type", "complaint"}, {"category_id", cats.at(0).at("id")}, {"channel", "phone"},
                              {"description", "بلاغ بلا اسم"}, {"requester", nullptr}},
                             Token("agent"), 201);
  r = Send("POST", "/api/v1/cases/" + std::to_string(anon.at("id").get<std::int64_t>()) + "/replies",
           {{"channel", "sms"}, {"text", "x"}}, Token("agent"));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body).value("field", ""), "channel");
}

INSTANTIATE_TEST_SUITE_P(Stores, Messages, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
