// Reports over HTTP: a real `tawasul serve` (moia-1933 demo) on SQLite and PostgreSQL. The
// counting itself is checked against recounts in report_service_test; this checks the wire.
#include <gtest/gtest.h>

#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>

#include "support/demo_server_fixture.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;

class ReportHttp : public DemoServerTest {
 protected:
  ReportHttp() : DemoServerTest({.password = "report-password"}) {}
};

std::int64_t Sum(const json& items) {
  std::int64_t n = 0;
  for (const auto& r : items) n += r.at("count").get<std::int64_t>();
  return n;
}

TEST_P(ReportHttp, BreakdownTrendAndSummaryAgreeWithTheRequestList) {
  const std::string analyst = Login("analyst");
  const std::string admin = Login("admin");
  // The demo's requests, as the list counts them (all of them fit in one page of 200).
  const json list = GetJson("/api/v1/cases?limit=200", admin);
  const std::int64_t total = static_cast<std::int64_t>(list.at("items").size());
  ASSERT_GT(total, 0);

  for (const char* by : {"category", "channel", "type", "status", "unit", "site", "agent"}) {
    const json b = GetJson(std::string("/api/v1/reports/breakdown?by=") + by, analyst);
    EXPECT_EQ(Sum(b.at("items")), total) << by;
    for (const auto& r : b.at("items")) {
      EXPECT_TRUE(r.at("key").is_string());
      EXPECT_FALSE(r.at("label").get<std::string>().empty()) << by << " " << r.dump();
    }
  }
  std::map<std::string, std::int64_t> by_channel;
  for (const auto& c : list.at("items")) ++by_channel[c.at("channel").get<std::string>()];
  std::map<std::string, std::int64_t> got;
  const json channels = GetJson("/api/v1/reports/breakdown?by=channel", analyst);
  for (const auto& r : channels.at("items")) {
    got[r.at("key").get<std::string>()] = r.at("count").get<std::int64_t>();
  }
  EXPECT_EQ(got, by_channel);

  // The same requests per Hijri month, per Jalali year and per Gregorian day.
  for (const char* q : {"period=month&calendar=hijri&from=1440-01-01&to=1460-12-29",
                        "period=year&calendar=jalali&from=1400-01-01&to=1420-12-29",
                        "period=quarter&calendar=gregorian&from=2020-01-01&to=2035-12-31"}) {
    const json t = GetJson(std::string("/api/v1/reports/trend?") + q, analyst);
    EXPECT_EQ(Sum(t.at("items")), total) << q;
  }
  const json hijri = GetJson(
      "/api/v1/reports/trend?period=month&calendar=hijri&from=1446-09-01&to=1446-09-29", analyst);
  ASSERT_EQ(hijri.at("items").size(), 1u);
  EXPECT_EQ(hijri["items"][0]["period"], "1446-09");
  EXPECT_EQ(hijri["items"][0]["from"], "2025-03-01");
  EXPECT_EQ(hijri["items"][0]["to"], "2025-03-30");

  const json s = GetJson("/api/v1/reports/summary", analyst);
  EXPECT_EQ(s.at("requests").get<std::int64_t>(), total);
  EXPECT_EQ(s.at("backlog").at("aging").size(), 5u);
  EXPECT_EQ(Sum(s["backlog"]["aging"]), s["backlog"]["open"].get<std::int64_t>());
  EXPECT_TRUE(s.at("first_response").contains("p90_seconds"));
}

TEST_P(ReportHttp, LabelsFollowTheReadersLanguage) {
  const json ar = GetJson("/api/v1/reports/breakdown?by=status", Login("analyst"));
  ASSERT_FALSE(ar.at("items").empty());
  // Arabic letters are two bytes in UTF-8, starting 0xD8..0xDB.
  const std::string label = ar["items"][0]["label"];
  ASSERT_FALSE(label.empty());
  const auto lead = static_cast<unsigned char>(label[0]);
  EXPECT_TRUE(lead >= 0xD8 && lead <= 0xDB) << label;
}

TEST_P(ReportHttp, ExportsCarryTheSameFiguresAsTheJson) {
  const std::string analyst = Login("analyst");
  const json b = GetJson("/api/v1/reports/breakdown?by=category", analyst);
  auto csv = http_->Get("/api/v1/reports/breakdown?by=category&format=csv", analyst);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.header("content-type").find("text/csv"), std::string::npos);
  EXPECT_NE(csv.header("content-disposition").find("breakdown-category.csv"), std::string::npos);
  ASSERT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  // One line per row after the header: key,label,count with the JSON's figures.
  std::string expected;
  for (const auto& r : b.at("items")) {
    expected += r.at("key").get<std::string>() + "," + r.at("label").get<std::string>() + "," +
                std::to_string(r.at("count").get<std::int64_t>()) + "\r\n";
  }
  const auto first_line_end = csv.body.find("\r\n");
  ASSERT_NE(first_line_end, std::string::npos);
  EXPECT_EQ(csv.body.substr(first_line_end + 2), expected);

  auto xlsx = http_->Get(
      "/api/v1/reports/"
      "trend?period=month&calendar=jalali&from=1403-01-01&to=1404-12-29&format=xlsx",
      analyst);
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_NE(xlsx.header("content-type").find("spreadsheetml"), std::string::npos);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  GetJson("/api/v1/reports/breakdown?by=category&format=pdf", analyst, 400);
}

TEST_P(ReportHttp, TagsAreSetAndCounted) {
  const std::string admin = Login("admin");
  const json list = GetJson("/api/v1/cases?limit=2", admin);
  ASSERT_GE(list.at("items").size(), 2u);
  const std::string tag = "%D8%B3%D9%8A%D9%88%D9%84";  // سيول
  std::vector<std::int64_t> ids;
  for (const auto& c : list["items"]) {
    const std::int64_t id = c.at("id").get<std::int64_t>();
    ids.push_back(id);
    auto r = http_->Send("POST", "/api/v1/cases/" + std::to_string(id) + "/tags/" + tag, "",
                         {{"Authorization", "Bearer " + admin}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(json::parse(r.body).at("tags"), json::array({"سيول"}));
  }
  const json counts = GetJson("/api/v1/reports/breakdown?by=tag", Login("analyst"));
  ASSERT_EQ(counts.at("items").size(), 1u);
  EXPECT_EQ(counts["items"][0]["key"], "سيول");
  EXPECT_EQ(counts["items"][0]["count"], 2);
  const json filtered = GetJson("/api/v1/reports/summary?tag=" + tag, Login("analyst"));
  EXPECT_EQ(filtered.at("requests"), 2);
  auto r = http_->Send("DELETE", "/api/v1/cases/" + std::to_string(ids[0]) + "/tags/" + tag, "",
                       {{"Authorization", "Bearer " + admin}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body).at("tags"), json::array());
  r = http_->Send("POST", "/api/v1/cases/" + std::to_string(ids[0]) + "/tags/a%20b", "",
                  {{"Authorization", "Bearer " + admin}});
  EXPECT_EQ(r.status, 400) << r.body;
  r = http_->Send("POST", "/api/v1/cases/" + std::to_string(ids[0]) + "/tags/x", "",
                  {{"Authorization", "Bearer " + Login("agent")}});
  EXPECT_EQ(r.status, 403) << r.body;
  r = http_->Send("POST", "/api/v1/cases/99999999/tags/x", "",
                  {{"Authorization", "Bearer " + admin}});
  EXPECT_EQ(r.status, 404) << r.body;
}

TEST_P(ReportHttp, TheTagRegistryMatchesTagsHoweverTheyAreWrittenAndOpensThemToAgents) {
  const std::string admin = Login("admin");
  const std::string agent = Login("agent");
  const std::string supervisor = Login("supervisor");
  EXPECT_EQ(Send("POST", "/api/v1/admin/tags", json{{"name", "x"}}, supervisor).status, 403);
  json made = PostJson("/api/v1/admin/tags",
                       json{{"name", "COVID-19"},
                            {"names", {{"ar", "كورونا"}, {"fa", "کرونا"}, {"en", "COVID-19"}}},
                            {"colour", "#cc0000"},
                            {"open_to_agents", true}},
                       admin, 201);
  const std::int64_t covid = made.value("id", 0);
  EXPECT_EQ(made.value("colour", ""), "#cc0000");
  auto dup = Send("POST", "/api/v1/admin/tags", json{{"name", "covid-١٩"}}, admin);
  EXPECT_EQ(dup.status, 409) << "the same tag in lower case and Arabic-Indic digits";
  EXPECT_NE(dup.body.find("COVID-19"), std::string::npos) << dup.body;
  EXPECT_EQ(Send("POST", "/api/v1/admin/tags", json{{"name", "t1"}, {"colour", "red"}}, admin)
                .status,
            422);
  EXPECT_EQ(Send("POST", "/api/v1/admin/tags",
                 json{{"name", "t2"},
                      {"valid_from", "2026-02-01T00:00:00Z"},
                      {"valid_to", "2026-01-01T00:00:00Z"}},
                 admin)
                .status,
            422);
  EXPECT_EQ(Send("POST", "/api/v1/admin/tags", json{{"name", "t3"}, {"shade", "x"}}, admin).status,
            400);
  PostJson("/api/v1/admin/tags", json{{"name", "internal-review"}}, admin, 201);

  // Everyone reads the registry; the console offers what is usable.
  const json tags = GetJson("/api/v1/tags", agent);
  ASSERT_EQ(tags.at("items").size(), 2u);
  for (const auto& t : tags.at("items")) EXPECT_TRUE(t.value("usable", false)) << t.dump();

  // Agents tag at registration with an open tag, written any way; nothing else.
  const json cats = GetJson("/api/v1/categories", agent);
  const std::int64_t category = (cats.is_array() ? cats : cats.at("items"))[0].at("id");
  auto register_with = [&](const json& with) {
    return Send("POST", "/api/v1/cases",
                json{{"type", "complaint"},
                     {"category_id", category},
                     {"channel", "phone"},
                     {"description", "بلاغ عن تجمع في المسجد"},
                     {"requester", {{"name", "سالم"}, {"phone", "0501231234"}}},
                     {"tags", with}},
                agent);
  };
  const std::int64_t before = GetJson("/api/v1/reports/summary", Login("analyst")).at("requests");
  auto r = register_with(json::array({"covid-19"}));
  ASSERT_EQ(r.status, 201) << r.body;
  const std::int64_t first = json::parse(r.body).value("id", 0);
  r = register_with(json::array({"internal-review"}));
  EXPECT_EQ(r.status, 422) << "not open to agents: " << r.body;
  EXPECT_NE(r.body.find("tags[0]"), std::string::npos) << r.body;
  r = register_with(json::array({"no-such-tag"}));
  EXPECT_EQ(r.status, 422) << r.body;
  r = register_with(json::array({42}));
  EXPECT_EQ(r.status, 400) << "a tag is a string: " << r.body;
  EXPECT_EQ(GetJson("/api/v1/reports/summary", Login("analyst")).value("requests", 0), before + 1)
      << "a refused registration writes nothing";

  // A supervisor tags another request "Covid-19": the same tag, shown by its name.
  const json list = GetJson("/api/v1/cases?limit=5", admin);
  std::int64_t other = 0;
  for (const auto& c : list.at("items")) {
    if (c.value("id", 0) != first) other = c.value("id", 0);
  }
  r = http_->Send("POST", "/api/v1/cases/" + std::to_string(other) + "/tags/Covid-19", "",
                  {{"Authorization", "Bearer " + supervisor}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body).at("tags"), json::array({"COVID-19"}));
  const json counts = GetJson("/api/v1/reports/breakdown?by=tag", Login("analyst"));
  ASSERT_EQ(counts.at("items").size(), 1u) << counts.dump();
  EXPECT_EQ(counts["items"][0].value("key", ""), "COVID-19");
  EXPECT_EQ(counts["items"][0].value("count", 0), 2);
  EXPECT_EQ(GetJson("/api/v1/reports/summary?tag=covid-19", Login("analyst")).value("requests", 0),
            2);

  // Closed, or past its validity: refused at registration and when tagging.
  auto patched = Send("PATCH", "/api/v1/admin/tags/" + std::to_string(covid),
                      json{{"valid_to", "2020-01-01T00:00:00Z"}}, admin);
  ASSERT_EQ(patched.status, 200) << patched.body;
  r = register_with(json::array({"COVID-19"}));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("no longer valid"), std::string::npos) << r.body;
  r = http_->Send("POST", "/api/v1/cases/" + std::to_string(first) + "/tags/other-tag", "",
                  {{"Authorization", "Bearer " + supervisor}});
  EXPECT_EQ(r.status, 200) << "a new tag is added to the registry as written";
  EXPECT_EQ(GetJson("/api/v1/tags", agent).at("items").size(), 3u);
  EXPECT_EQ(Send("PATCH", "/api/v1/admin/tags/" + std::to_string(covid),
                 json{{"name", "renamed"}}, admin)
                .status,
            422);
  EXPECT_EQ(Send("PATCH", "/api/v1/admin/tags/999999", json{{"active", false}}, admin).status,
            404);

  // "other-tag" was the same topic: folded into COVID-19 by an administrator.
  std::int64_t other_tag = 0;
  const json registry = GetJson("/api/v1/tags", admin);
  for (const auto& t : registry.at("items")) {
    if (t.value("name", "") == "other-tag") other_tag = t.value("id", 0);
  }
  const std::string merge = "/api/v1/admin/tags/" + std::to_string(other_tag) + "/merge";
  EXPECT_EQ(Send("POST", merge, json{{"into", covid}}, supervisor).status, 403);
  EXPECT_EQ(Send("POST", merge, json::object(), admin).status, 400);
  EXPECT_EQ(Send("POST", merge, json{{"into", "COVID-19"}}, admin).status, 400);
  EXPECT_EQ(Send("POST", merge, json{{"into", 999999}}, admin).status, 404);
  ASSERT_EQ(Send("POST", merge, json{{"into", covid}}, admin).status, 204);
  EXPECT_EQ(GetJson("/api/v1/tags", agent).at("items").size(), 2u);
  const json merged = GetJson("/api/v1/reports/breakdown?by=tag", Login("analyst"));
  ASSERT_EQ(merged.at("items").size(), 1u) << merged.dump();
  EXPECT_EQ(merged["items"][0].value("count", 0), 2)
      << "the request that had both counts once";
}

TEST_P(ReportHttp, ContactsByTopicRollUpTheTaxonomy) {
  const std::string agent = Login("agent");
  const std::string analyst = Login("analyst");
  std::map<std::string, std::int64_t> codes;
  std::map<std::int64_t, std::int64_t> parent;
  const json cats = GetJson("/api/v1/categories", agent);
  for (const auto& c : cats.at("items")) {
    codes[c.at("code")] = c.at("id");
    parent[c.at("id")] = c.at("parent_id").is_null() ? 0 : c.at("parent_id").get<std::int64_t>();
  }
  // Three guidance calls on two leaves of one top category (maintenance).
  for (const char* leaf : {"MAINT-AC", "MAINT-AC", "MAINT-ELEC"}) {
    ASSERT_EQ(Send("POST", "/api/v1/contacts",
                   json{{"channel", "phone"}, {"direction", "inbound"}, {"outcome", "guidance"},
                        {"category_id", codes.at(leaf)}, {"phone", "0501110000"}},
                   agent)
                  .status,
              201);
  }
  const json rolled = GetJson("/api/v1/reports/contacts?by=topic&level=1", analyst);
  std::int64_t sum = 0, maint = 0;
  for (const auto& r : rolled.at("rows")) {
    const std::string key = r.value("key", "");
    const std::int64_t offered = r.at("figures").value("offered", 0);
    sum += offered;
    if (key != "none") {
      EXPECT_EQ(parent.at(std::stoll(key)), 0) << "only top-level rows: " << key;
    }
    if (key == std::to_string(codes.at("MAINT"))) maint = offered;
  }
  std::int64_t leaves = 0;  // the maintenance subtree, row by row as filed
  const json leaf = GetJson("/api/v1/reports/contacts?by=topic", analyst);
  for (const auto& r : leaf.at("rows")) {
    const std::string key = r.value("key", "");
    if (key == "none") continue;
    const std::int64_t id = std::stoll(key);
    if (id == codes.at("MAINT") || parent.at(id) == codes.at("MAINT")) {
      leaves += r.at("figures").value("offered", 0);
    }
  }
  EXPECT_GE(maint, 3);
  EXPECT_EQ(maint, leaves);
  EXPECT_EQ(sum, rolled.at("total").value("offered", 0)) << "each contact once";
  EXPECT_EQ(Send("GET", "/api/v1/reports/contacts?by=queue&level=1", nullptr, analyst).status, 400);
  EXPECT_EQ(Send("GET", "/api/v1/reports/contacts?by=topic&level=9", nullptr, analyst).status, 400);
}

TEST_P(ReportHttp, UnitStaffSeeTheirOwnUnitsFiguresAndNoOthers) {
  const std::string admin = Login("admin");
  const std::string staff = Login("unit_staff");
  const json me = GetJson("/api/v1/auth/me", staff);
  ASSERT_TRUE(me.contains("unit_id") && me["unit_id"].is_number()) << me.dump();
  const std::int64_t unit = me["unit_id"].get<std::int64_t>();
  // Two new requests, dispatched and referred to the staff's unit.
  const std::string agent = Login("agent");
  const std::string dispatcher = Login("dispatcher");
  const json cats = GetJson("/api/v1/categories", agent);
  const std::int64_t category = (cats.is_array() ? cats : cats.at("items"))[0].at("id");
  for (int i = 0; i < 2; ++i) {
    auto made = http_->PostJson(
        "/api/v1/cases",
        json{{"type", "complaint"}, {"category_id", category}, {"channel", "phone"},
             {"description", "طلب للجهة"}, {"requester", {{"name", "سالم"}, {"phone", "0501239999"}}}}
            .dump(),
        agent);
    ASSERT_EQ(made.status, 201) << made.body;
    const std::string path =
        "/api/v1/cases/" + std::to_string(json::parse(made.body).at("id").get<std::int64_t>());
    auto dispatched = http_->Send("POST", path + "/actions/dispatch", "{}",
                                  {{"Authorization", "Bearer " + dispatcher},
                                   {"Content-Type", "application/json"},
                                   {"If-Match", made.header("etag")}});
    ASSERT_EQ(dispatched.status, 200) << dispatched.body;
    auto referred = http_->Send("POST", path + "/actions/refer",
                                json{{"inputs", {{"unit_id", unit}}}}.dump(),
                                {{"Authorization", "Bearer " + dispatcher},
                                 {"Content-Type", "application/json"},
                                 {"If-Match", dispatched.header("etag")}});
    ASSERT_EQ(referred.status, 200) << referred.body;
  }
  // The same figures the analyst gets for that unit, and only those.
  const std::string analyst = Login("analyst");
  const std::string q = "/api/v1/reports/breakdown?by=category";
  EXPECT_EQ(GetJson(q, staff), GetJson(q + "&unit=" + std::to_string(unit), analyst));
  const json mine = GetJson("/api/v1/reports/summary", staff);
  EXPECT_EQ(mine.value("requests", 0),
            GetJson("/api/v1/reports/summary?unit=" + std::to_string(unit), analyst)
                .value("requests", -1));
  EXPECT_GE(mine.value("requests", 0), 2);
  EXPECT_LT(mine.value("requests", 0), GetJson("/api/v1/reports/summary", analyst).value("requests", 0));
  EXPECT_EQ(mine.at("contacts_apart_from_requests").value("total", -1), 0)
      << "contacts belong to no unit";
  EXPECT_EQ(GetJson("/api/v1/reports/sla", staff).at("total"),
            GetJson("/api/v1/reports/sla?unit=" + std::to_string(unit), analyst).at("total"));
  // Another unit, the contacts and the agents' figures stay closed.
  const json units = GetJson("/api/v1/units", admin);
  std::int64_t other = 0;
  for (const auto& u : units.at("items")) {
    if (u.value("id", 0) != unit && (u["parent_id"].is_null() || u.value("parent_id", 0) != unit)) {
      other = u.value("id", 0);
    }
  }
  ASSERT_GT(other, 0);
  GetJson("/api/v1/reports/summary?unit=" + std::to_string(other), staff, 403);
  GetJson("/api/v1/reports/contacts", staff, 403);
  GetJson("/api/v1/reports/agents", staff, 403);
  GetJson("/api/v1/reports/breakdown?by=channel", Login("agent"), 403);
}

TEST_P(ReportHttp, AgentsAndUnitStaffAreRefusedAndBadParametersNamed) {
  GetJson("/api/v1/reports/breakdown?by=channel", Login("agent"), 403);
  GetJson("/api/v1/reports/summary", "", 401);
  const std::string analyst = Login("analyst");
  json p = GetJson("/api/v1/reports/breakdown?by=colour", analyst, 400);
  EXPECT_EQ(p.value("field", ""), "by");
  p = GetJson("/api/v1/reports/breakdown", analyst, 400);
  EXPECT_EQ(p.value("field", ""), "by");
  p = GetJson("/api/v1/reports/trend?period=month&from=2025-01-01", analyst, 400);
  EXPECT_EQ(p.value("field", ""), "to");
  p = GetJson("/api/v1/reports/trend?period=month&calendar=hijri&from=1446-13-01&to=1447-01-01",
              analyst, 400);
  EXPECT_EQ(p.value("field", ""), "from");
  p = GetJson("/api/v1/reports/summary?colour=red", analyst, 400);
  EXPECT_EQ(p.value("field", ""), "colour");
}

TEST_P(ReportHttp, TheTaxonomyRollsUpToItsTopLevelInOneCall) {
  const std::string analyst = Login("analyst");
  const json cats = GetJson("/api/v1/categories", analyst);
  std::map<std::string, std::string> parent;  // id -> parent id ("" at the top)
  for (const auto& c : cats.is_array() ? cats : cats.at("items")) {
    parent[std::to_string(c.at("id").get<std::int64_t>())] =
        c["parent_id"].is_null() ? "" : std::to_string(c["parent_id"].get<std::int64_t>());
  }
  auto top = [&](std::string id) {
    for (int guard = 0; guard < 20 && parent.count(id) && !parent[id].empty(); ++guard) {
      id = parent[id];
    }
    return id;
  };
  const json leaf = GetJson("/api/v1/reports/breakdown?by=category", analyst);
  std::map<std::string, std::int64_t> expected;
  for (const auto& r : leaf.at("items")) {
    expected[top(r.at("key").get<std::string>())] += r.at("count").get<std::int64_t>();
  }
  const json rolled = GetJson("/api/v1/reports/breakdown?by=category&level=1", analyst);
  std::map<std::string, std::int64_t> got;
  for (const auto& r : rolled.at("items")) {
    got[r.at("key").get<std::string>()] = r.at("count").get<std::int64_t>();
    EXPECT_FALSE(r.at("label").get<std::string>().empty());
  }
  EXPECT_EQ(got, expected);
  EXPECT_LT(got.size(), leaf.at("items").size()) << "the demo files requests below the top";
  EXPECT_EQ(GetJson("/api/v1/reports/breakdown?by=category&level=leaf", analyst), leaf);

  // The export carries the rolled rows.
  auto csv = http_->Get("/api/v1/reports/breakdown?by=category&level=1&format=csv", analyst);
  ASSERT_EQ(csv.status, 200);
  for (const auto& [key, count] : expected) {
    EXPECT_NE(csv.body.find(key + ","), std::string::npos) << key << " in " << csv.body;
  }

  json p = GetJson("/api/v1/reports/breakdown?by=category&level=9", analyst, 400);
  EXPECT_EQ(p.value("field", ""), "level");
  p = GetJson("/api/v1/reports/breakdown?by=category&level=directorate", analyst, 400);
  EXPECT_EQ(p.value("field", ""), "level") << "categories have no kinds of unit";
  p = GetJson("/api/v1/reports/breakdown?by=channel&level=1", analyst, 400);
  EXPECT_EQ(p.value("field", ""), "level");
  const json units = GetJson("/api/v1/reports/breakdown?by=unit&level=1", analyst);
  for (const auto& r : units.at("items")) {
    if (r.value("key", "") == "none") {
      EXPECT_EQ(r.value("label", ""), "لم يُحَل بعد") << "the analyst reads Arabic";
    }
  }
}

// The demo's history (`tawasul demo --history DAYS`, what `make run` loads): every day of the
// period has requests, none lies in the future, the daily totals count them exactly as the raw
// rows do, and most of them are closed by the unit their category goes to.
class DemoHistoryHttp : public DemoServerTest {
 protected:
  DemoHistoryHttp()
      : DemoServerTest({.password = "history-password", .demo_args = {"--history", "40"}}) {}
};

TEST_P(DemoHistoryHttp, MonthsOfPlausibleRequestsAndCallsCountExactly) {
  const std::string analyst = Login("analyst");
  const json all = GetJson("/api/v1/reports/summary", analyst);
  EXPECT_GT(all.value("requests", 0), 40 * 10) << all.dump();
  EXPECT_GT(all.at("contacts_apart_from_requests").value("total", 0), 40 * 10);
  // Day by day over the history: every day has requests, and the days (counted through the
  // daily totals) add up to the summary of the same period.
  auto day = [](int back) {
    const std::time_t t = std::time(nullptr) - static_cast<std::time_t>(back) * 86400;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return std::string(buf);
  };
  const std::string period = "calendar=gregorian&from=" + day(35) + "&to=" + day(3);
  const json trend = GetJson("/api/v1/reports/trend?period=day&" + period, analyst);
  ASSERT_GE(trend.at("items").size(), 30u);
  std::int64_t days_sum = 0;
  for (const auto& d : trend.at("items")) {
    EXPECT_GT(d.value("count", 0), 0) << d.dump();
    days_sum += d.value("count", 0);
  }
  EXPECT_EQ(days_sum, GetJson("/api/v1/reports/summary?" + period, analyst).value("requests", 0));
  const json closed = GetJson("/api/v1/reports/breakdown?by=status", analyst);
  std::int64_t closed_count = 0, total = 0;
  for (const auto& r : closed.at("items")) {
    total += r.at("count").get<std::int64_t>();
    if (r.value("key", "") == "closed") closed_count = r.at("count").get<std::int64_t>();
  }
  EXPECT_EQ(total, all.value("requests", 0));
  EXPECT_GT(closed_count * 10, total * 6) << "most requests are closed";
  const json by_unit = GetJson("/api/v1/reports/breakdown?by=unit&level=1", analyst);
  std::int64_t unit_total = 0;
  for (const auto& r : by_unit.at("items")) unit_total += r.at("count").get<std::int64_t>();
  EXPECT_EQ(unit_total, total) << "every request in exactly one row";
  const json sla = GetJson("/api/v1/reports/sla", analyst);
  EXPECT_GT(sla.at("clocks").at("resolution").value("measured", 0), 100) << sla.dump();
  EXPECT_GT(sla.at("clocks").at("first_response").value("measured", 0), 100);
  const json calls = GetJson("/api/v1/reports/contacts?by=day", analyst);
  EXPECT_GT(calls.at("total").value("abandoned", 0), 0);
}

INSTANTIATE_TEST_SUITE_P(Stores, DemoHistoryHttp, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

// Dubai's walk-in branches: a request taken at a branch records it, and reports break down by
// branch (the branch summary Dubai publishes).
class BranchHttp : public DemoServerTest {
 protected:
  BranchHttp() : DemoServerTest({.password = "branch-password", .profile = "iacad-dubai"}) {}
};

TEST_P(BranchHttp, AWalkInRequestRecordsItsBranchAndReportsCountIt) {
  const std::string admin = Login("admin");
  const std::string agent = Login("agent");
  std::int64_t branch = 0, not_branch = 0;
  const json units = GetJson("/api/v1/units", admin);  // kept: the loop walks into it
  for (const auto& u : units.at("items")) {
    if (u.value("kind", "") == "branch" && branch == 0) branch = u.value("id", 0);
    if (u.value("kind", "") != "branch" && not_branch == 0) not_branch = u.value("id", 0);
  }
  ASSERT_GT(branch, 0);
  ASSERT_GT(not_branch, 0);
  const json cats = GetJson("/api/v1/categories", agent);
  const std::int64_t category = (cats.is_array() ? cats : cats.at("items"))[0].at("id");
  auto walk_in = [&](const json& extra) {
    json body{{"type", "inquiry"}, {"category_id", category}, {"channel", "walk_in"},
              {"description", "مراجعة في الفرع"},
              {"requester", {{"name", "مريم"}, {"phone", "0501234000"}}}};
    for (const auto& [k, v] : extra.items()) body[k] = v;
    return Send("POST", "/api/v1/cases", body, agent);
  };
  auto r = walk_in(json{{"branch_id", branch}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body).value("branch_id", 0), branch);
  r = walk_in(json{{"branch_id", branch}});
  ASSERT_EQ(r.status, 201) << r.body;
  r = walk_in(json{{"branch_id", not_branch}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("branch_id"), std::string::npos) << r.body;

  const json rows = GetJson("/api/v1/reports/breakdown?by=branch", Login("analyst"));
  std::map<std::string, std::int64_t> got;
  std::int64_t total = 0;
  for (const auto& x : rows.at("items")) {
    got[x.value("key", "")] = x.value("count", 0);
    total += x.value("count", 0);
    EXPECT_FALSE(x.value("label", "").empty());
  }
  EXPECT_EQ(got[std::to_string(branch)], 2);
  EXPECT_EQ(total, GetJson("/api/v1/reports/summary", Login("analyst")).value("requests", 0))
      << "every request in one row (\"none\": taken at no branch)";

  // The branch is a filter of every report, and the visits logged with the requests carry it.
  const std::string analyst = Login("analyst");
  const std::string b = std::to_string(branch);
  EXPECT_EQ(GetJson("/api/v1/reports/summary?branch=" + b, analyst).value("requests", 0), 2);
  const json contacts = GetJson("/api/v1/reports/contacts?by=branch", analyst);
  std::int64_t visits = 0;
  for (const auto& x : contacts.at("rows")) {
    if (x.value("key", "") == b) visits = x.at("figures").value("offered", 0);
  }
  EXPECT_EQ(visits, 2) << contacts.dump();
  const json only = GetJson("/api/v1/reports/contacts?branch=" + b, analyst);
  EXPECT_EQ(only.at("total").value("offered", 0), 2) << only.dump();
  EXPECT_EQ(Send("GET", "/api/v1/reports/summary?branch=abc", nullptr, analyst).status, 400);
}

INSTANTIATE_TEST_SUITE_P(Stores, BranchHttp, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

INSTANTIATE_TEST_SUITE_P(Stores, ReportHttp, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
