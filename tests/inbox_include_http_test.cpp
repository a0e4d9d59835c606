// GET /api/v1/inbox/{name}?include=actions,extras over HTTP: a real `tawasul serve` on SQLite and
// on PostgreSQL. Each row's embedded actions and extras must be what GET /cases/{id}/actions and
// /extras answer the same user (the dispatcher's callbacks on muscat-1111, the head's meetings on
// pr-center, unit staff's unit inbox anonymized), every requester the inbox shows must be in the
// identity-access log, and an unknown include is a 400 naming `include`.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/demo_server_fixture.hpp"
#include "support/schema_check.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;

const std::string kName = "حمدان بن سعيد الكلباني";
const std::string kPhoneDigits = "92345678";

class InboxInclude : public DemoServerTest {
 protected:
  /// `phone`: the requesters', valid in the profile's country.
  InboxInclude(const std::string& profile, std::string phone)
      : DemoServerTest({.password = "inbox-password", .profile = profile, .env = {}}),
        phone_(std::move(phone)) {}

  /// Every inbox page and request read is checked against the OpenAPI document the server
  /// serves (issue 10: include=actions,extras answers were invalid against InboxCase).
  void CheckBody(const std::string& path, const HttpResponse& r) override {
    if (r.status != 200) return;
    if (doc_.is_null()) doc_ = json::parse(http_->Get("/api/v1/openapi.json", "").body);
    const json body = json::parse(r.body, nullptr, false);
    std::string schema;
    if (path.rfind("/api/v1/inbox/", 0) == 0) schema = "InboxPage";
    else if (path.find("/extras") != std::string::npos) schema = "CaseExtras";
    else if (path.rfind("/api/v1/cases/", 0) == 0 && path.find('/', 14) == std::string::npos)
      schema = "Case";
    if (schema.empty()) return;
    for (const auto& e : SchemaErrors(doc_, schema, body)) ADD_FAILURE() << path << ": " << e;
  }

  std::int64_t FirstCategory(const std::string& token) {
    const json cats = GetJson("/api/v1/categories", token);
    return cats.at("items").at(0).at("id").get<std::int64_t>();
  }

  /// A request with a named requester, as the agent registers it; its id.
  std::int64_t NewCase(const std::string& type, int n) {
    json body{{"type", type},
              {"category_id", FirstCategory(Token("admin"))},
              {"channel", "phone"},
              {"description", "طلب رقم " + std::to_string(n) + " اتصل على 9" + kPhoneDigits},
              {"requester", {{"name", kName}, {"phone", phone_}}}};
    const json c = PostJson("/api/v1/cases", body, Token("agent"), 201);
    return c.at("id").get<std::int64_t>();
  }

  /// Takes `action` on the request as `user`, with If-Match from a fresh read.
  void Act(const std::string& user, std::int64_t id, const std::string& action,
           const json& inputs = json::object()) {
    const std::string path = "/api/v1/cases/" + std::to_string(id);
    auto read = http_->Get(path, Token(user));
    ASSERT_EQ(read.status, 200) << read.body;
    auto r = http_->Send("POST", path + "/actions/" + action, json{{"inputs", inputs}}.dump(),
                         {{"Authorization", "Bearer " + Token(user)},
                          {"Content-Type", "application/json"},
                          {"If-Match", read.header("etag")}});
    ASSERT_EQ(r.status, 200) << action << " as " << user << ": " << r.body;
  }

  /// The inbox with everything embedded, checked row by row against the per-request endpoints
  /// as the same user; the rows.
  json ExpectRowsMatchPerCaseAnswers(const std::string& user, const std::string& inbox) {
    const json page = GetJson("/api/v1/inbox/" + inbox + "?include=actions,extras", Token(user));
    const json plain = GetJson("/api/v1/inbox/" + inbox, Token(user));
    EXPECT_EQ(page.at("items").size(), plain.at("items").size());
    for (std::size_t i = 0; i < page.at("items").size(); ++i) {
      const json& row = page["items"][i];
      const std::string path = "/api/v1/cases/" + std::to_string(row.at("id").get<std::int64_t>());
      EXPECT_EQ(row.at("actions"), GetJson(path + "/actions", Token(user)).at("items"))
          << user << " " << path;
      EXPECT_EQ(row.at("extras"), GetJson(path + "/extras", Token(user))) << user << " " << path;
      // Without include, the same rows and nothing embedded (SLA clocks read the time: left out).
      json bare = row, other = plain["items"][i];
      for (const char* key : {"actions", "extras", "sla"}) bare.erase(key);
      other.erase("sla");
      EXPECT_EQ(bare, other) << user << " " << path;
      EXPECT_FALSE(plain["items"][i].contains("actions"));
    }
    // One or the other alone embeds only that.
    const json only = GetJson("/api/v1/inbox/" + inbox + "?include=extras", Token(user));
    for (const auto& row : only.at("items")) {
      EXPECT_TRUE(row.contains("extras"));
      EXPECT_FALSE(row.contains("actions"));
    }
    return page.at("items");
  }

  /// The access-log entries for the request, as the supervisor reads them.
  json AccessLog(std::int64_t id) {
    return GetJson("/api/v1/cases/" + std::to_string(id) + "/access-log?limit=500",
                   Token("supervisor"))
        .at("entries");
  }

  static int Count(const json& entries, const std::string& username, const std::string& via) {
    int n = 0;
    for (const auto& e : entries) {
      if (e.value("username", "") == username && e.value("via", "") == via) ++n;
    }
    return n;
  }

  void ExpectBadInclude(const std::string& query) {
    auto r = http_->Get("/api/v1/inbox/callbacks?" + query, Token("dispatcher"));
    EXPECT_EQ(r.status, 400) << query << ": " << r.body;
    EXPECT_NE(r.header("content-type").find("application/problem+json"), std::string::npos);
    const json p = json::parse(r.body, nullptr, false);
    EXPECT_EQ(p.value("field", ""), "include") << query << ": " << r.body;
  }

  std::string phone_;
  json doc_;
};

// ---- The three-line flow (muscat-1111): the dispatcher's callbacks, unit staff's unit inbox.

class InboxIncludeCallbacks : public InboxInclude {
 protected:
  InboxIncludeCallbacks() : InboxInclude("muscat-1111", kPhoneDigits) {}
};

TEST_P(InboxIncludeCallbacks, RowsCarryWhatThePerRequestEndpointsAnswer) {
  const auto unit = GetJson("/api/v1/auth/me", Token("unit_staff")).at("unit_id").get<std::int64_t>();
  // Six requests: five answered by the unit (callbacks), one still with it (unit inbox).
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 6; ++i) {
    const std::int64_t id = NewCase("complaint", i);  // and sent to line 2 (start_with)
    Act("dispatcher", id, "refer", {{"unit_id", std::to_string(unit)}});
    if (i < 5) Act("unit_staff", id, "answer", {{"answer", "تم الإصلاح، للتواصل 9" + kPhoneDigits}});
    ids.push_back(id);
  }
  // Calls: one request in the callback state, one with a failed attempt recorded.
  Act("dispatcher", ids[0], "start_callback");
  Act("dispatcher", ids[1], "start_callback");
  Act("dispatcher", ids[1], "call_back_failed", {{"outcome", "no_answer"}});

  const json rows = ExpectRowsMatchPerCaseAnswers("dispatcher", "callbacks");
  std::set<std::int64_t> seen;
  bool some_attempt = false, some_message = false;
  for (const auto& row : rows) {
    seen.insert(row.at("id").get<std::int64_t>());
    EXPECT_FALSE(row.at("actions").empty()) << row.dump();
    some_attempt |= !row.at("extras").at("callbacks").empty();
    some_message |= !row.at("extras").at("messages").empty();
    EXPECT_EQ(row.at("requester").value("name", ""), kName);  // dispatchers see who asked
  }
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(seen.count(ids[i])) << ids[i];
  EXPECT_FALSE(seen.count(ids[5]));
  EXPECT_TRUE(some_attempt) << "the failed call is among the rows' extras";
  EXPECT_TRUE(some_message) << "the rows' SMS are among their extras";
  ExpectRowsMatchPerCaseAnswers("supervisor", "callbacks");

  // Unit staff: their unit's request, anonymized exactly as the per-request answers are.
  const json unit_rows = ExpectRowsMatchPerCaseAnswers("unit_staff", "unit");
  ASSERT_FALSE(unit_rows.empty());
  for (const auto& row : unit_rows) {
    EXPECT_TRUE(row.at("requester").is_null()) << row.dump();
    EXPECT_TRUE(row.at("requester_hidden").get<bool>()) << row.dump();
    for (const auto& m : row.at("extras").at("messages")) EXPECT_EQ(m.value("recipient", "x"), "");
  }
  const std::string raw =
      http_->Get("/api/v1/inbox/unit?include=actions,extras", Token("unit_staff")).body;
  EXPECT_EQ(raw.find(kName), std::string::npos) << raw;
  EXPECT_EQ(raw.find(kPhoneDigits), std::string::npos) << raw;
}

TEST_P(InboxIncludeCallbacks, WhoeverTheInboxShowsARequesterIsLogged) {
  const auto unit = GetJson("/api/v1/auth/me", Token("unit_staff")).at("unit_id").get<std::int64_t>();
  const std::int64_t answered = NewCase("complaint", 1);
  Act("dispatcher", answered, "refer", {{"unit_id", std::to_string(unit)}});
  const std::int64_t referred = NewCase("complaint", 2);
  Act("dispatcher", referred, "refer", {{"unit_id", std::to_string(unit)}});
  Act("unit_staff", answered, "answer", {{"answer", "تم"}});

  EXPECT_EQ(Count(AccessLog(answered), "dispatcher", "inbox"), 0);
  GetJson("/api/v1/inbox/callbacks?include=actions,extras", Token("dispatcher"));
  EXPECT_EQ(Count(AccessLog(answered), "dispatcher", "inbox"), 1);
  GetJson("/api/v1/inbox/callbacks", Token("dispatcher"));  // the plain list shows them too
  EXPECT_EQ(Count(AccessLog(answered), "dispatcher", "inbox"), 2);
  EXPECT_EQ(Count(AccessLog(answered), "dispatcher", "case_list"), 0) << "logged once, as an inbox";

  // Unit staff are shown nobody: nothing is written in their name.
  const auto before = AccessLog(referred).size();
  GetJson("/api/v1/inbox/unit?include=actions,extras", Token("unit_staff"));
  const json after = AccessLog(referred);
  EXPECT_EQ(after.size(), before) << after.dump();
  EXPECT_EQ(Count(after, "unit_staff", "inbox"), 0);
}

TEST_P(InboxIncludeCallbacks, EachRoleSeesItsWorklistsWithTheirCounts) {
  NewCase("complaint", 1);
  NewCase("complaint", 2);
  auto names_of = [&](const std::string& user) {
    std::vector<std::string> out;
    const json lists = GetJson("/api/v1/inbox", Token(user));
    for (const auto& x : lists.at("items")) {
      out.push_back(x.at("name"));
      if (x.value("more", true)) continue;
      // The count is what the list holds (two pages of 200 at most in the demo); mentions are
      // the notes naming the user that they have not opened.
      const std::string name = x.at("name").get<std::string>();
      const json page = GetJson(name == "mentions" ? "/api/v1/mentions?unseen=true&limit=200"
                                                   : "/api/v1/inbox/" + name + "?limit=200",
                                Token(user));
      EXPECT_EQ(x.value("count", -1), static_cast<std::int64_t>(page.at("items").size()))
          << user << " " << x.dump();
    }
    return out;
  };
  EXPECT_EQ(names_of("unit_staff"), (std::vector<std::string>{"mine", "unit", "mentions"}));
  const auto dispatcher = names_of("dispatcher");
  EXPECT_EQ(dispatcher, (std::vector<std::string>{"mine", "triage", "unit", "callbacks", "meetings", "review", "mentions"}));
  EXPECT_EQ(names_of("analyst"), (std::vector<std::string>{"mine"})) << "analysts write no notes";
  const auto agent = names_of("agent");
  EXPECT_EQ(std::count(agent.begin(), agent.end(), "meetings"), 0) << "not an agent's";
  std::int64_t triage = 0;
  const json lists = GetJson("/api/v1/inbox", Token("dispatcher"));
  for (const auto& x : lists.at("items")) {
    if (x.at("name") == "triage") triage = x.value("count", 0);
  }
  EXPECT_GE(triage, 2) << "the two new requests wait in triage";
  EXPECT_EQ(http_->Get("/api/v1/inbox", "").status, 401);
}

TEST_P(InboxIncludeCallbacks, AnUnknownIncludeIsABadRequestNamingIt) {
  for (const std::string q : {"include=everything", "include=actions,", "include=,extras",
                              "include=ACTIONS", "include=actions,extras,timeline"}) {
    ExpectBadInclude(q);
  }
  // Empty is neither; both in either order, or repeated, are fine.
  for (const std::string q : {"include=", "include=extras,actions", "include=actions,actions"}) {
    EXPECT_EQ(http_->Get("/api/v1/inbox/callbacks?" + q, Token("dispatcher")).status, 200) << q;
  }
  // Inbox rules come first for a role the inbox is not for, whatever include says.
  EXPECT_EQ(
      http_->Get("/api/v1/inbox/callbacks?include=actions", Token("unit_staff")).status, 403);
}

INSTANTIATE_TEST_SUITE_P(Stores, InboxIncludeCallbacks, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

// ---- The head's meetings (pr-center) ---------------------------------------------------------

class InboxIncludeMeetings : public InboxInclude {
 protected:
  InboxIncludeMeetings() : InboxInclude("pr-center", "09121234567") {}
};

TEST_P(InboxIncludeMeetings, TheHeadsMeetingsCarryTheirActionsAndMeetings) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 3; ++i) {
    const std::int64_t id = NewCase("meeting_request", i);
    Act("agent", id, "register");
    ids.push_back(id);
  }
  Act("head", ids[0], "approve",
      {{"date", "2031-03-04"}, {"time", "10:30"}, {"place", "قاعة الاجتماعات"}});

  const json rows = ExpectRowsMatchPerCaseAnswers("head", "meetings");
  std::map<std::int64_t, json> by_id;
  for (const auto& row : rows) by_id[row.at("id").get<std::int64_t>()] = row;
  for (const std::int64_t id : ids) ASSERT_TRUE(by_id.count(id)) << id;
  const json& approved = by_id[ids[0]].at("extras").at("meeting");
  ASSERT_TRUE(approved.is_object()) << by_id[ids[0]].dump();
  EXPECT_EQ(approved.value("date", ""), "2031-03-04");
  EXPECT_TRUE(by_id[ids[1]].at("extras").at("meeting").is_null());
  std::set<std::string> names;
  for (const auto& a : by_id[ids[1]].at("actions")) names.insert(a.value("name", ""));
  EXPECT_TRUE(names.count("approve") && names.count("decline")) << by_id[ids[1]].dump();
}

INSTANTIATE_TEST_SUITE_P(Stores, InboxIncludeMeetings, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
