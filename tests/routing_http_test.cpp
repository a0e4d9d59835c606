// Routing rules over HTTP (issue 13): a real `tawasul serve` with the moia-1933 demo, whose
// profile routes reports about mosques to the ministry branch of the mosque's region, on SQLite
// and PostgreSQL. Registration records the suggestion, the console can ask for it, reports count
// unreferred requests under it as "not yet referred", and admins keep the rules.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "support/demo_server_fixture.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;

class RoutingHttp : public DemoServerTest {
 protected:
  RoutingHttp() : DemoServerTest({.password = "routing-password"}) {}

  void SetUp() override {
    DemoServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    admin_ = Login("admin");
    agent_ = Login("agent");
    const json units = GetJson("/api/v1/units", admin_);
    for (const auto& u : units.at("items")) units_[u.at("code")] = u.at("id");
    const json cats = GetJson("/api/v1/categories", admin_);
    for (const auto& c : cats.at("items")) cats_[c.at("code")] = c.at("id");
    const json sites = GetJson("/api/v1/sites", admin_);
    for (const auto& s : sites.at("items")) {
      const std::string region = s.value("region", "");
      if (region == "مكة المكرمة" && makkah_site_ == 0) makkah_site_ = s.at("id");
      if (region == "الرياض" && riyadh_site_ == 0) riyadh_site_ = s.at("id");
    }
    ASSERT_GT(makkah_site_, 0);
    ASSERT_GT(riyadh_site_, 0);
  }

  json Register(const std::string& category, std::int64_t site) {
    json body{{"type", "complaint"}, {"category_id", cats_.at(category)}, {"channel", "phone"},
              {"site_id", site}, {"description", "المكيف لا يعمل في المسجد"},
              {"requester", {{"name", "سعد"}, {"phone", "0501112233"}}}};
    auto r = Send("POST", "/api/v1/cases", body, agent_);
    EXPECT_EQ(r.status, 201) << r.body;
    return BodyJson(r);
  }

  std::string admin_, agent_;
  std::map<std::string, std::int64_t> units_, cats_;
  std::int64_t makkah_site_ = 0, riyadh_site_ = 0;
};

TEST_P(RoutingHttp, ARequestIsSuggestedTheUnitOfItsRegionAndCountedThereUntilReferred) {
  // A maintenance fault at a mosque in Makkah: the Makkah branch's maintenance department, by a
  // rule on the parent category and the site's region; in Riyadh no rule holds and the
  // category's default stands.
  const json makkah = Register("MAINT-AC", makkah_site_);
  EXPECT_EQ(makkah.value("suggested_unit_id", 0), units_.at("MAK-MAINT")) << makkah.dump();
  EXPECT_TRUE(makkah.at("unit_id").is_null());
  const json riyadh = Register("MAINT-AC", riyadh_site_);
  EXPECT_EQ(riyadh.value("suggested_unit_id", 0), units_.at("RYD-MAINT"));

  // The console asks before registering.
  const json s = GetJson("/api/v1/routing/suggestion?category_id=" +
                             std::to_string(cats_.at("MAINT-ELEC")) +
                             "&site_id=" + std::to_string(makkah_site_),
                         agent_);
  EXPECT_EQ(s.value("unit_id", 0), units_.at("MAK-MAINT"));
  EXPECT_TRUE(s.at("rule_id").is_number());
  const json fallback = GetJson("/api/v1/routing/suggestion?category_id=" +
                                    std::to_string(cats_.at("MAINT-ELEC")),
                                agent_);
  EXPECT_EQ(fallback.value("unit_id", 0), units_.at("RYD-MAINT"));
  EXPECT_TRUE(fallback.at("rule_id").is_null()) << "no site, no region: the category default";
  EXPECT_EQ(Send("GET", "/api/v1/routing/suggestion?category_id=999999", nullptr, agent_).status, 400);
  EXPECT_EQ(Send("GET", "/api/v1/routing/suggestion?site_id=1", nullptr, agent_).status, 400);
  EXPECT_EQ(Send("GET", "/api/v1/routing/suggestion?category_id=1", nullptr, Login("unit_staff")).status,
            403);

  // Reports: by unit, the Makkah department's row counts it, apart, as not yet referred; rolled
  // up to branches, the Makkah branch carries it.
  const std::string analyst = Login("analyst");
  auto row = [&](const json& items, std::int64_t id) {
    for (const auto& r : items) {
      if (r.value("key", "") == std::to_string(id)) return r;
    }
    return json();
  };
  const json by_unit = GetJson("/api/v1/reports/breakdown?by=unit", analyst);
  const json mak_row = row(by_unit.at("items"), units_.at("MAK-MAINT"));
  ASSERT_TRUE(mak_row.is_object()) << by_unit.dump();
  EXPECT_GE(mak_row.value("not_yet_referred", 0), 1);
  EXPECT_GE(mak_row.value("count", 0), mak_row.value("not_yet_referred", 0));
  const json by_branch = GetJson("/api/v1/reports/breakdown?by=unit&level=branch", analyst);
  EXPECT_GE(row(by_branch.at("items"), units_.at("BR-MAKKAH")).value("not_yet_referred", 0),
            mak_row.value("not_yet_referred", 0))
      << "the branch carries its departments' (maintenance and others)";
  std::int64_t total = 0;
  for (const auto& r : by_unit.at("items")) total += r.value("count", 0);
  EXPECT_EQ(total, GetJson("/api/v1/reports/summary", analyst).value("requests", 0))
      << "each request counts once, referred or not";

  // Reclassified to a category no rule covers: the suggestion follows.
  const std::string supervisor = Login("supervisor");
  const std::string path = "/api/v1/cases/" + std::to_string(makkah.at("id").get<std::int64_t>());
  const auto before = http_->Send("GET", path, "", {{"Authorization", "Bearer " + supervisor}});
  ASSERT_EQ(before.status, 200) << before.body;
  const auto moved = http_->Send("PATCH", path, json{{"category_id", cats_.at("DON-BUILD")}}.dump(),
                                 {{"Authorization", "Bearer " + supervisor},
                                  {"Content-Type", "application/json"},
                                  {"If-Match", before.header("etag")}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(json::parse(moved.body).value("suggested_unit_id", 0), units_.at("HQ-DONORS"));

  // Referred elsewhere by the dispatcher: it leaves the not-yet-referred count.
  const std::string dispatcher = Login("dispatcher");
  const std::string rpath = "/api/v1/cases/" + std::to_string(riyadh.at("id").get<std::int64_t>());
  const auto got = http_->Send("GET", rpath, "", {{"Authorization", "Bearer " + dispatcher}});
  auto dispatched = http_->Send("POST", rpath + "/actions/dispatch", "{}",
                                {{"Authorization", "Bearer " + dispatcher},
                                 {"Content-Type", "application/json"},
                                 {"If-Match", got.header("etag")}});
  ASSERT_EQ(dispatched.status, 200) << dispatched.body;
  auto referred = http_->Send("POST", rpath + "/actions/refer",
                              json{{"inputs", {{"unit_id", units_.at("MAK-MAINT")}}}}.dump(),
                              {{"Authorization", "Bearer " + dispatcher},
                               {"Content-Type", "application/json"},
                               {"If-Match", dispatched.header("etag")}});
  ASSERT_EQ(referred.status, 200) << referred.body;
  const json after = GetJson("/api/v1/reports/breakdown?by=unit", analyst);
  const json ryd_after = row(after.at("items"), units_.at("RYD-MAINT"));
  const json ryd_before = row(by_unit.at("items"), units_.at("RYD-MAINT"));
  EXPECT_EQ(ryd_after.value("not_yet_referred", 0), ryd_before.value("not_yet_referred", 0) - 1);
  EXPECT_EQ(row(after.at("items"), units_.at("MAK-MAINT")).value("count", 0),
            mak_row.value("count", 0))
      << "one left the Makkah row (reclassified), one joined it (referred there)";
}

TEST_P(RoutingHttp, AdminsKeepTheRulesAndBadOnesAreRefusedByField) {
  const json listed = GetJson("/api/v1/admin/routing-rules", admin_);
  EXPECT_EQ(listed.at("items").size(), 14u) << "seven categories × two regions in the profile";
  EXPECT_EQ(Send("GET", "/api/v1/admin/routing-rules", nullptr, agent_).status, 403);

  // A rule for one mosque beats its region's rule.
  json rule{{"category_id", cats_.at("MAINT")}, {"site_id", makkah_site_},
            {"unit_id", units_.at("HQ-BENEF")}, {"note", "الجامع يتبع الوكالة مباشرة"}};
  const json made = PostJson("/api/v1/admin/routing-rules", rule, admin_, 201);
  EXPECT_EQ(made.value("conditions", 0), 2);
  EXPECT_EQ(Register("MAINT-AC", makkah_site_).value("suggested_unit_id", 0), units_.at("HQ-BENEF"));

  // The same conditions twice, a site outside the rule's region, a unit that is no branch, an
  // unknown unit: 422 naming the field; a malformed body: 400; nothing is written.
  auto r = Send("POST", "/api/v1/admin/routing-rules", rule, admin_);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(BodyJson(r).value("field", ""), "category_id") << r.body;
  r = Send("POST", "/api/v1/admin/routing-rules",
           json{{"site_id", makkah_site_}, {"region", "الرياض"}, {"unit_id", units_.at("RYD-MOSQ")}},
           admin_);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(BodyJson(r).value("field", ""), "region") << r.body;
  r = Send("POST", "/api/v1/admin/routing-rules",
           json{{"branch_id", units_.at("RYD-MOSQ")}, {"unit_id", units_.at("RYD-MOSQ")}}, admin_);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(BodyJson(r).value("field", ""), "branch_id") << r.body;
  r = Send("POST", "/api/v1/admin/routing-rules", json{{"unit_id", 999999}}, admin_);
  EXPECT_EQ(BodyJson(r).value("field", ""), "unit_id") << r.body;
  r = Send("POST", "/api/v1/admin/routing-rules", json{{"region", "مكة"}}, admin_);
  EXPECT_EQ(r.status, 400) << "unit_id is required";
  r = Send("POST", "/api/v1/admin/routing-rules", json{{"unit_id", units_.at("RYD-MOSQ")}, {"colour", 1}},
           admin_);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(GetJson("/api/v1/admin/routing-rules", admin_).at("items").size(), 15u);

  // Switched off, it no longer holds; deleted, it is gone.
  const std::string path = "/api/v1/admin/routing-rules/" + std::to_string(made.at("id").get<std::int64_t>());
  r = Send("PATCH", path, json{{"active", false}}, admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Register("MAINT-AC", makkah_site_).value("suggested_unit_id", 0), units_.at("MAK-MAINT"));
  EXPECT_EQ(Send("DELETE", path, nullptr, admin_).status, 204);
  EXPECT_EQ(Send("DELETE", path, nullptr, admin_).status, 404);
  EXPECT_EQ(Send("PATCH", path, json{{"active", true}}, admin_).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Stores, RoutingHttp, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
