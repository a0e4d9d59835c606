// Contacts end to end on a real `tawasul serve` (SQLite and PostgreSQL): every phone or walk-in
// request registered by staff is a contact; a request registered during a call links to it; a
// contact opened by hand (a visit, a call from a PBX that is not connected) is closed with what
// came of it and its topic; contacts are listed with filters; a requester's history puts
// contacts and requests on one timeline.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "support/demo_server_fixture.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;

class ContactsE2E : public DemoServerTest {
 protected:
  ContactsE2E() : DemoServerTest({.password = "contacts-password"}) {}

  std::int64_t FirstId(const std::string& path, const std::string& token, const char* key,
                       const std::string& value) {
    const json all = GetJson(path, token);
    for (const auto& c : all.is_array() ? all : all.at("items")) {
      if (value.empty() || c.value(key, "") == value) return c.at("id").get<std::int64_t>();
    }
    ADD_FAILURE() << "nothing in " << path;
    return 0;
  }
  std::int64_t Category(const std::string& code) {
    return FirstId("/api/v1/categories", Token("agent"), "code", code);
  }
  json Register(const std::string& phone, const json& extra = json::object()) {
    json body{{"type", "complaint"},
              {"category_id", Category("SPK-FAULT")},
              {"channel", "phone"},
              {"description", "مكبر الصوت لا يعمل"},
              {"requester", {{"name", "خالد"}, {"phone", phone}}}};
    for (const auto& [k, v] : extra.items()) body[k] = v;
    return PostJson("/api/v1/cases", body, Token("agent"), 201);
  }
  json Contacts(const std::string& query) {
    return GetJson("/api/v1/contacts" + query, Token("supervisor")).at("items");
  }
  std::string Id(const json& j) { return std::to_string(j.at("id").get<std::int64_t>()); }
};

TEST_P(ContactsE2E, APhoneRequestRegisteredByStaffIsAContact) {
  const json request = Register("0501231234");
  json found = Contacts("?case_id=" + Id(request));
  ASSERT_EQ(found.size(), 1u) << found.dump();
  EXPECT_EQ(found[0].value("outcome", ""), "case_created");
  EXPECT_EQ(found[0].value("channel", ""), "phone");
  EXPECT_EQ(found[0].value("from", ""), "+966501231234");
  EXPECT_EQ(found[0].value("category_id", 0), request.value("category_id", 0));
  EXPECT_FALSE(found[0]["ended_at"].is_null());

  // A portal request is no contact of an agent's: none is logged.
  const json portal = PostJson(
      "/api/v1/cases",
      json{{"type", "complaint"}, {"category_id", Category("SPK-FAULT")}, {"channel", "portal"},
           {"description", "طلب من البوابة"}, {"requester", {{"name", "خالد"}, {"phone", "0501231234"}}}},
      Token("agent"), 201);
  EXPECT_TRUE(Contacts("?case_id=" + Id(portal)).empty());
}

TEST_P(ContactsE2E, AVisitIsOpenedByHandClosedWithItsTopicAndLinkedToItsRequests) {
  const std::int64_t site = FirstId("/api/v1/sites", Token("agent"), "code", "");
  json visit = PostJson("/api/v1/contacts",
                        json{{"channel", "walk_in"},
                             {"outcome", "answered"},
                             {"phone", "0509871234"},
                             {"name", "فاطمة"},
                             {"site_id", site}},
                        Token("agent"), 201);
  EXPECT_TRUE(visit["ended_at"].is_null()) << "open until closed";
  EXPECT_FALSE(visit["answered_at"].is_null());
  EXPECT_EQ(visit.value("site_id", 0), site);

  // Two requests registered during the visit link to it; neither logs a contact of its own.
  const json first = Register("0509871234", json{{"contact_id", visit.at("id")}, {"channel", "walk_in"}});
  const json second = Register("0509871234", json{{"contact_id", visit.at("id")}, {"channel", "walk_in"}});
  json found = Contacts("?case_id=" + Id(second));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].value("id", 0), visit.value("id", 0));
  EXPECT_EQ(found[0].value("outcome", ""), "case_created");
  EXPECT_EQ(found[0].value("case_id", 0), first.value("id", 0)) << "the first request stays first";
  EXPECT_EQ(Contacts("?requester_id=" + std::to_string(first["requester"].value("id", 0))).size(), 1u);

  auto r = Send("PATCH", "/api/v1/contacts/" + Id(visit),
                json{{"category_id", Category("SPK-FAULT")}, {"note", "زار الفرع"}, {"end", true}},
                Token("agent"));
  ASSERT_EQ(r.status, 200) << r.body;
  json closed = json::parse(r.body);
  EXPECT_FALSE(closed["ended_at"].is_null());
  EXPECT_EQ(closed.value("note", ""), "زار الفرع");
  EXPECT_EQ(closed.value("outcome", ""), "case_created");

  // Bad input names its field and changes nothing.
  r = Send("PATCH", "/api/v1/contacts/" + Id(visit), json{{"outcome", "missed"}}, Token("agent"));
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("outcome"), std::string::npos);
  r = Send("PATCH", "/api/v1/contacts/" + Id(visit), json{{"category_id", 999999}}, Token("agent"));
  EXPECT_EQ(r.status, 422);
  r = Send("PATCH", "/api/v1/contacts/" + Id(visit), json{{"colour", "red"}}, Token("agent"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Send("PATCH", "/api/v1/contacts/999999", json{{"note", "x"}}, Token("agent")).status,
            404);
  EXPECT_EQ(Send("PATCH", "/api/v1/contacts/" + Id(visit), json{{"note", "x"}}, Token("analyst"))
                .status,
            403);
}

TEST_P(ContactsE2E, GuidanceOnlyClosesAHandOpenedCallWithItsTopic) {
  json call = PostJson("/api/v1/contacts",
                       json{{"channel", "phone"}, {"outcome", "answered"}, {"phone", "0505550000"}},
                       Token("agent"), 201);
  auto r = Send("PATCH", "/api/v1/contacts/" + Id(call),
                json{{"outcome", "guidance"}, {"category_id", Category("SPK-FAULT")}, {"end", true}},
                Token("agent"));
  ASSERT_EQ(r.status, 200) << r.body;
  json found = Contacts("?outcome=guidance&category_id=" + std::to_string(Category("SPK-FAULT")));
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].value("id", 0), call.value("id", 0));
  EXPECT_EQ(found[0].value("from", ""), "+966505550000");

  EXPECT_EQ(Send("POST", "/api/v1/contacts", json{{"outcome", "ringing"}}, Token("agent")).status,
            422)
      << "only a telephone system rings";
  EXPECT_EQ(Send("POST", "/api/v1/cases",
                 json{{"type", "complaint"}, {"category_id", Category("SPK-FAULT")},
                      {"description", "x"}, {"contact_id", 999999}},
                 Token("agent"))
                .status,
            422);
}

TEST_P(ContactsE2E, ContactsAreListedByNumberAndPagedNewestFirst) {
  for (int i = 0; i < 3; ++i) Register("0501110000");
  Register("0502220000");
  json mine = Contacts("?number=501110000");
  ASSERT_EQ(mine.size(), 3u);
  // Written in groups split by commas, Latin or Arabic, in Arabic-Indic digits.
  EXPECT_EQ(Contacts("?number=050,111,0000").size(), 3u);
  EXPECT_EQ(Contacts("?number=%D9%A0%D9%A5%D9%A0%D8%8C%D9%A1%D9%A1%D9%A1%D8%8C%D9%A0%D9%A0%D9%A0%D9%A0").size(), 3u);
  EXPECT_GT(mine[0].value("id", 0), mine[1].value("id", 0));
  json page = GetJson("/api/v1/contacts?number=0501110000&limit=2", Token("supervisor"));
  ASSERT_EQ(page["items"].size(), 2u);
  ASSERT_TRUE(page["next_before"].is_number_integer());
  json rest = GetJson("/api/v1/contacts?number=0501110000&limit=2&before=" +
                          std::to_string(page["next_before"].get<std::int64_t>()),
                      Token("supervisor"));
  ASSERT_EQ(rest["items"].size(), 1u);
  EXPECT_TRUE(rest["next_before"].is_null());
  EXPECT_EQ(Send("GET", "/api/v1/contacts", nullptr, Token("analyst")).status, 403);
  EXPECT_EQ(Send("GET", "/api/v1/contacts?outcome=lost", nullptr, Token("agent")).status, 400);
  EXPECT_EQ(Send("GET", "/api/v1/contacts?number=abc", nullptr, Token("agent")).status, 422);
}

TEST_P(ContactsE2E, ARequestersHistoryPutsContactsAndRequestsOnOneTimeline) {
  const json request = Register("0503330000");
  json guidance = PostJson("/api/v1/contacts",
                           json{{"channel", "phone"}, {"outcome", "guidance"}, {"phone", "0503330000"}},
                           Token("agent"), 201);
  const std::string requester = std::to_string(request["requester"].value("id", 0));
  json history = GetJson("/api/v1/requesters/" + requester + "/history", Token("agent"));
  ASSERT_EQ(history["items"].size(), 3u) << history.dump();
  EXPECT_EQ(history["items"][0].value("kind", ""), "contact");
  EXPECT_EQ(history["items"][0]["contact"].value("id", 0), guidance.value("id", 0));
  std::set<std::string> kinds;
  for (const auto& e : history["items"]) kinds.insert(e.value("kind", ""));
  EXPECT_EQ(kinds, (std::set<std::string>{"contact", "request"}));
  for (std::size_t i = 1; i < history["items"].size(); ++i) {
    EXPECT_GE(history["items"][i - 1].value("at", ""), history["items"][i].value("at", ""));
  }
  EXPECT_EQ(Send("GET", "/api/v1/requesters/" + requester + "/history", nullptr, Token("unit_staff"))
                .status,
            403);
  EXPECT_EQ(Send("GET", "/api/v1/requesters/999999/history", nullptr, Token("agent")).status, 404);
}

TEST_P(ContactsE2E, ACrisisTagCountsAcrossCallsAndRequests) {
  const std::string admin = Token("admin");
  const std::string agent = Token("agent");
  PostJson("/api/v1/admin/tags",
           json{{"name", "سيول"}, {"names", {{"ar", "سيول"}, {"fa", "سیل"}, {"en", "Floods"}}},
                {"open_to_agents", true}},
           admin, 201);
  PostJson("/api/v1/admin/tags", json{{"name", "internal"}}, admin, 201);
  // A request registered by phone with the tag (written with a Persian yeh): the request and
  // the call logged with it both carry it.
  Register("0501230001", json{{"tags", json::array({"سیول"})}});
  // A guidance-only call about the floods.
  PostJson("/api/v1/contacts",
           json{{"channel", "phone"}, {"outcome", "guidance"}, {"phone", "0501230002"},
                {"tags", json::array({"سيول"})}},
           agent, 201);
  // A call opened by hand, then closed as guidance and tagged.
  json open = PostJson("/api/v1/contacts",
                       json{{"channel", "phone"}, {"outcome", "answered"}, {"phone", "0501230003"}},
                       agent, 201);
  auto patched = Send("PATCH", "/api/v1/contacts/" + Id(open),
                      json{{"outcome", "guidance"}, {"end", true}, {"tags", json::array({"سيول"})}},
                      agent);
  ASSERT_EQ(patched.status, 200) << patched.body;
  // An untagged call, and tags agents may not use.
  PostJson("/api/v1/contacts",
           json{{"channel", "phone"}, {"outcome", "guidance"}, {"phone", "0501230004"}}, agent,
           201);
  auto refused = Send("POST", "/api/v1/contacts",
                      json{{"channel", "phone"}, {"outcome", "guidance"}, {"phone", "0501230005"},
                           {"tags", json::array({"internal"})}},
                      agent);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("tags[0]"), std::string::npos) << refused.body;
  EXPECT_TRUE(Contacts("?number=0501230005").empty()) << "a refused contact writes nothing";

  const std::string analyst = Token("analyst");
  const json calls = GetJson("/api/v1/reports/contacts?tag=%D8%B3%D9%8A%D9%88%D9%84", analyst);
  EXPECT_EQ(calls["total"].value("offered", 0), 3) << calls.dump();
  const json by_tag = GetJson("/api/v1/reports/contacts?by=tag", analyst);
  ASSERT_EQ(by_tag.at("rows").size(), 1u) << by_tag.dump();
  EXPECT_EQ(by_tag["rows"][0].value("key", ""), "سيول");
  EXPECT_EQ(by_tag["rows"][0]["figures"].value("offered", 0), 3);
  EXPECT_EQ(GetJson("/api/v1/reports/summary?tag=%D8%B3%DB%8C%D9%88%D9%84", analyst)
                .value("requests", 0),
            1)
      << "the request, found by the tag written with a Persian yeh";
}

INSTANTIATE_TEST_SUITE_P(Stores, ContactsE2E, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tawasul::testing
