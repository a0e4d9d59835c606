// Requester attributes over HTTP (issue 13): 8940's profile records the caller's role and a
// membership number. A real `tawasul serve` with the mosques-8940 demo, on SQLite and
// PostgreSQL: the definitions reach the console and the portal, values are typed and checked,
// kept on the requester (a returning caller's are updated), and reports break requests down by
// them.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "support/demo_server_fixture.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;

class AttributesHttp : public DemoServerTest {
 protected:
  AttributesHttp() : DemoServerTest({.password = "attributes-password", .profile = "mosques-8940"}) {}

  std::int64_t Category() {
    const json cats = GetJson("/api/v1/categories", Login("agent"));
    for (const auto& c : cats.at("items")) {
      if (c.value("code", "") == "MI-SPACE") return c.at("id");
    }
    return 0;
  }
  HttpResponse Register(const json& requester) {
    json body{{"type", "complaint"}, {"category_id", Category()}, {"channel", "phone"},
              {"description", "کلاس‌های کانون تعطیل شده است"}, {"requester", requester}};
    return Send("POST", "/api/v1/cases", body, Login("agent"));
  }
};

TEST_P(AttributesHttp, TheProfileDefinesThemTheConsoleAndPortalReadThem) {
  const json inst = GetJson("/api/v1/installation", Login("agent"));
  ASSERT_EQ(inst.at("requester_attributes").size(), 2u) << inst.dump();
  const json& role = inst.at("requester_attributes")[0];
  EXPECT_EQ(role.value("key", ""), "role");
  EXPECT_EQ(role.value("type", ""), "choice");
  EXPECT_EQ(role.at("choices").size(), 5u);
  EXPECT_EQ(role.at("choices")[2].value("key", ""), "imam");
  EXPECT_FALSE(role.at("name").value("fa", "").empty());
  auto pub = http_->Get("/api/v1/public/requester-attributes");
  ASSERT_EQ(pub.status, 200);
  EXPECT_EQ(json::parse(pub.body).at("items"), inst.at("requester_attributes"));
  // The portal and the login page read the center: its name, calendar and zone (no login).
  auto center = http_->Get("/api/v1/public/center");
  ASSERT_EQ(center.status, 200);
  const json c = json::parse(center.body);
  EXPECT_EQ(c.value("calendar", ""), "persian");
  EXPECT_EQ(c.value("time_zone", ""), "Asia/Tehran");
  EXPECT_EQ(c.at("center_name"), inst.at("center_name"));
}

TEST_P(AttributesHttp, ValuesAreCheckedKeptOnTheRequesterAndCounted) {
  auto r = Register(json{{"name", "حسن"}, {"phone", "09121112233"},
                         {"attributes", {{"role", "trustee"}, {"member_no", "۴۲"}}}});
  ASSERT_EQ(r.status, 201) << r.body;
  const json made = json::parse(r.body);
  EXPECT_EQ(made.at("requester").at("attributes"), (json{{"role", "trustee"}, {"member_no", "42"}}));

  // A returning caller: the role given now replaces the one on record; the number stays.
  r = Register(json{{"name", "حسن"}, {"phone", "09121112233"}, {"attributes", {{"role", "imam"}}}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::int64_t requester = json::parse(r.body).at("requester").at("id");
  EXPECT_EQ(requester, made.at("requester").at("id").get<std::int64_t>());
  const json kept = GetJson("/api/v1/requesters/" + std::to_string(requester), Login("supervisor"));
  EXPECT_EQ(kept.at("attributes"), (json{{"role", "imam"}, {"member_no", "42"}}));

  // Bad values: 422 naming the attribute; a value of the wrong JSON type: 400. Nothing written.
  const json before = GetJson("/api/v1/reports/summary", Login("analyst"));
  r = Register(json{{"name", "x"}, {"phone", "09121112234"}, {"attributes", {{"role", "pilot"}}}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(BodyJson(r).value("field", ""), "requester.attributes.role") << r.body;
  r = Register(json{{"name", "x"}, {"phone", "09121112234"}, {"attributes", {{"shoe_size", "42"}}}});
  EXPECT_EQ(BodyJson(r).value("field", ""), "requester.attributes.shoe_size") << r.body;
  r = Register(json{{"name", "x"}, {"phone", "09121112234"}, {"attributes", {{"member_no", "4x"}}}});
  EXPECT_EQ(BodyJson(r).value("field", ""), "requester.attributes.member_no") << r.body;
  r = Register(json{{"name", "x"}, {"phone", "09121112234"}, {"attributes", {{"role", true}}}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(GetJson("/api/v1/reports/summary", Login("analyst")).value("requests", 0),
            before.value("requests", -1));

  // The portal takes them too.
  auto p = http_->PostJson("/api/v1/public/requests",
                           json{{"type", "complaint"}, {"category_id", Category()},
                                {"description", "صدای بلندگو مزاحم است"},
                                {"requester", {{"name", "زهرا"}, {"phone", "09127778899"},
                                               {"attributes", {{"role", "worshipper"}}}}}}
                               .dump());
  ASSERT_EQ(p.status, 201) << p.body;

  // Reports: by role, each request once, a choice under its name, unset as "none".
  const std::string analyst = Login("analyst");
  const json rows = GetJson("/api/v1/reports/breakdown?by=attribute&attribute=role", analyst);
  std::map<std::string, std::int64_t> got;
  std::int64_t total = 0;
  for (const auto& x : rows.at("items")) {
    got[x.value("key", "")] = x.value("count", 0);
    total += x.value("count", 0);
    if (x.value("key", "") == "imam") {
      EXPECT_NE(x.value("label", "imam"), "imam");
    }
  }
  EXPECT_GE(got["imam"], 2) << "both of the returning caller's requests count under the role now";
  EXPECT_GE(got["worshipper"], 1);
  EXPECT_EQ(total, GetJson("/api/v1/reports/summary", analyst).value("requests", 0));
  EXPECT_EQ(Send("GET", "/api/v1/reports/breakdown?by=attribute", nullptr, analyst).status, 400);
  auto bad = Send("GET", "/api/v1/reports/breakdown?by=attribute&attribute=shoe_size", nullptr, analyst);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(BodyJson(bad).value("field", ""), "attribute") << bad.body;
  EXPECT_EQ(Send("GET", "/api/v1/reports/breakdown?by=unit&attribute=role", nullptr, analyst).status, 400);
  auto csv = Send("GET", "/api/v1/reports/breakdown?by=attribute&attribute=role&format=csv", nullptr, analyst);
  EXPECT_EQ(csv.status, 200);
}

INSTANTIATE_TEST_SUITE_P(Stores, AttributesHttp, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
