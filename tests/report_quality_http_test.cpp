// Service-quality reports over HTTP: a real `tawasul serve` (moia-1933 demo) on SQLite and
// PostgreSQL. The figures are checked against recounts in report_quality_test; this checks the
// wire: the JSON contracts, their agreement with the other reports, the agent filter, the
// problems for bad input, who may read, and the CSV/XLSX downloads.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/demo_server_fixture.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;

class QualityHttp : public DemoServerTest {
 protected:
  QualityHttp() : DemoServerTest({.password = "quality-password"}) {}

  // Reports carry no requester: no phone number of the demo's citizens.
  void CheckBody(const std::string& path, const HttpResponse& r) override {
    EXPECT_EQ(r.body.find("+966"), std::string::npos) << path;
  }

  std::int64_t MyId(const std::string& user) {
    return json::parse(http_->Get("/api/v1/auth/me", Token(user)).body)
        .at("id")
        .get<std::int64_t>();
  }

  /// CSV lines without the byte-order mark and line ends.
  static std::vector<std::string> Lines(const std::string& csv) {
    std::vector<std::string> out;
    std::string body = csv.substr(0, 3) == "\xEF\xBB\xBF" ? csv.substr(3) : csv;
    for (std::size_t at = 0; at < body.size();) {
      const auto end = body.find("\r\n", at);
      out.push_back(body.substr(at, end - at));
      at = end == std::string::npos ? body.size() : end + 2;
    }
    return out;
  }

  static std::string Share(const json& v) {
    if (v.is_null()) return "";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", v.get<double>());
    return buf;
  }
};

TEST_P(QualityHttp, SlaFiguresAddUpInEveryDimension) {
  const std::string analyst = Token("analyst");
  const json s = GetJson("/api/v1/reports/sla", analyst);
  const json& t = s.at("total");
  const auto measured = t.at("measured").get<std::int64_t>();
  EXPECT_EQ(measured, t.at("met").get<std::int64_t>() + t.at("breached").get<std::int64_t>());
  EXPECT_LE(t.at("open_breached").get<std::int64_t>(), t.at("breached").get<std::int64_t>());
  EXPECT_GE(t.at("open_within").get<std::int64_t>(), 0);
  // The demo's requests fall under its SLA policies.
  EXPECT_GT(measured + t.at("open_within").get<std::int64_t>(), 0) << s.dump();
  if (measured == 0) {
    EXPECT_TRUE(t.at("compliance").is_null());
  } else {
    EXPECT_DOUBLE_EQ(t.at("compliance").get<double>(),
                     t.at("met").get<double>() / static_cast<double>(measured));
  }
  EXPECT_TRUE(s.at("rows").empty());
  for (const char* by : {"category", "unit", "channel", "type", "site", "agent"}) {
    const json b = GetJson(std::string("/api/v1/reports/sla?by=") + by, analyst);
    EXPECT_EQ(b.at("total"), t) << by;
    std::int64_t met = 0, breached = 0;
    for (const auto& r : b.at("rows")) {
      EXPECT_FALSE(r.at("label").get<std::string>().empty()) << by;
      EXPECT_EQ(r.at("measured"),
                r.at("met").get<std::int64_t>() + r.at("breached").get<std::int64_t>());
      EXPECT_TRUE(r.at("compliance").is_null() || r.at("compliance").is_number());
      met += r.at("met").get<std::int64_t>();
      breached += r.at("breached").get<std::int64_t>();
    }
    EXPECT_EQ(met, t.at("met").get<std::int64_t>()) << by;
    EXPECT_EQ(breached, t.at("breached").get<std::int64_t>()) << by;
  }
}

TEST_P(QualityHttp, HeatmapAndAgentsAgreeWithTheBreakdowns) {
  const std::string analyst = Token("analyst");
  std::int64_t total = 0;
  std::map<std::string, std::int64_t> by_agent;
  const json breakdown = GetJson("/api/v1/reports/breakdown?by=agent", analyst);
  for (const auto& r : breakdown.at("items")) {
    total += r.at("count").get<std::int64_t>();
    if (r.at("key") != "none") by_agent[r.at("key")] = r.at("count").get<std::int64_t>();
  }
  ASSERT_GT(total, 0) << breakdown.dump();

  for (const char* subject : {"", "requests", "contacts"}) {
    const std::string q = *subject ? std::string("?subject=") + subject : "";
    const json h = GetJson("/api/v1/reports/heatmap" + q, analyst);
    EXPECT_EQ(h.at("subject"), *subject ? subject : "requests");
    ASSERT_EQ(h.at("cells").size(), 168u);
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < 168; ++i) {
      const json& c = h["cells"][i];
      EXPECT_EQ(c.at("weekday"), i / 24 + 1);
      EXPECT_EQ(c.at("hour"), i % 24);
      sum += c.at("count").get<std::int64_t>();
    }
    if (std::string(subject) != "contacts") {
      EXPECT_EQ(sum, total);
    }
  }

  const json agents = GetJson("/api/v1/reports/agents", analyst);
  std::map<std::string, std::int64_t> requests;
  for (const auto& r : agents.at("rows")) {
    for (const char* k : {"key", "label", "requests", "contacts", "guidance",
                          "first_contact_resolution", "satisfaction"}) {
      EXPECT_TRUE(r.contains(k)) << k;
    }
    EXPECT_LE(r.at("guidance").get<std::int64_t>(), r.at("contacts").get<std::int64_t>());
    if (r.at("requests").get<std::int64_t>() > 0) requests[r.at("key")] = r.at("requests");
  }
  EXPECT_EQ(requests, by_agent);

  // The agent filter narrows every report to that user's requests.
  for (const auto& [key, count] : by_agent) {
    const json b = GetJson("/api/v1/reports/breakdown?by=channel&agent=" + key, analyst);
    std::int64_t n = 0;
    for (const auto& r : b.at("items")) n += r.at("count").get<std::int64_t>();
    EXPECT_EQ(n, count) << key;
    EXPECT_EQ(GetJson("/api/v1/reports/summary?agent=" + key, analyst).at("requests"), count);
    std::int64_t cells = 0;
    const json mine = GetJson("/api/v1/reports/heatmap?agent=" + key, analyst);
    for (const auto& c : mine.at("cells")) {
      cells += c.at("count").get<std::int64_t>();
    }
    EXPECT_EQ(cells, count) << key;
    const json a = GetJson("/api/v1/reports/agents?agent=" + key, analyst);
    ASSERT_EQ(a.at("rows").size(), 1u);
    EXPECT_EQ(a["rows"][0]["key"], key);
  }
}

TEST_P(QualityHttp, CallRatingsAndSurveysAreCounted) {
  const std::string analyst = Token("analyst");
  const json before = GetJson("/api/v1/reports/satisfaction", analyst);
  for (const char* part : {"calls", "requests"}) {
    const json& p = before.at(part);
    EXPECT_EQ(p.at("distribution").size(), 5u);
    if (p.at("ratings") == 0) {
      EXPECT_TRUE(p.at("share").is_null());
    }
  }
  // The IVR rates two calls of the agent: a 5 and a 2.
  const std::int64_t agent = MyId("agent");
  auto token = http_->PostJson("/api/v1/tokens", json{{"user_id", agent}, {"name", "ivr"}}.dump(),
                               Token("admin"));
  ASSERT_EQ(token.status, 201) << token.body;
  const std::string ivr = json::parse(token.body).at("token").get<std::string>();
  for (int rating : {5, 2}) {
    auto r = http_->PostJson(
        "/api/v1/ratings/calls",
        json{{"phone", "0501234567"}, {"agent_id", agent}, {"rating", rating}}.dump(), ivr);
    ASSERT_EQ(r.status, 201) << r.body;
  }
  const json after = GetJson("/api/v1/reports/satisfaction", analyst);
  const json& calls = after.at("calls");
  EXPECT_EQ(calls.at("ratings"), before["calls"]["ratings"].get<std::int64_t>() + 2);
  EXPECT_EQ(calls.at("satisfied"), before["calls"]["satisfied"].get<std::int64_t>() + 1);
  EXPECT_EQ(calls["distribution"][4], before["calls"]["distribution"][4].get<std::int64_t>() + 1);
  EXPECT_EQ(calls["distribution"][1], before["calls"]["distribution"][1].get<std::int64_t>() + 1);
  EXPECT_EQ(after.at("requests"), before.at("requests"));

  const json mine = GetJson("/api/v1/reports/satisfaction?agent=" + std::to_string(agent), analyst);
  EXPECT_EQ(mine["calls"]["ratings"], 2);
  EXPECT_DOUBLE_EQ(mine["calls"]["share"].get<double>(), 0.5);
  // Call ratings rate phone calls.
  EXPECT_EQ(GetJson("/api/v1/reports/satisfaction?channel=portal", analyst)["calls"]["ratings"], 0);
  const json agents = GetJson("/api/v1/reports/agents?agent=" + std::to_string(agent), analyst);
  ASSERT_EQ(agents.at("rows").size(), 1u);
  EXPECT_DOUBLE_EQ(agents["rows"][0]["satisfaction"].get<double>(), 0.5);
}

TEST_P(QualityHttp, BadParametersAreNamedAndOnlyReportingRolesRead) {
  const std::string analyst = Token("analyst");
  auto field = [&](const std::string& path) {
    return GetJson(path, analyst, 400).value("field", "");
  };
  EXPECT_EQ(field("/api/v1/reports/sla?by=status"), "by");
  EXPECT_EQ(field("/api/v1/reports/sla?by=colour"), "by");
  EXPECT_EQ(field("/api/v1/reports/heatmap?subject=calls"), "subject");
  for (const char* report : {"sla", "satisfaction", "heatmap", "agents", "breakdown?by=type&",
                             "trend?period=month&from=2025-01-01&to=2025-02-01&", "summary"}) {
    std::string path = std::string("/api/v1/reports/") + report;
    path += path.back() == '&' ? "" : "?";
    EXPECT_EQ(field(path + "agent=abc"), "agent") << report;
    EXPECT_EQ(field(path + "agent=99999999"), "agent") << report;
  }
  EXPECT_EQ(field("/api/v1/reports/agents?format=pdf"), "format");
  EXPECT_EQ(field("/api/v1/reports/sla?calendar=jalali&from=1403-13-01"), "from");
  for (const char* user : {"agent", "unit_staff", "dispatcher"}) {
    for (const char* report : {"satisfaction", "heatmap", "agents", "contacts"}) {
      GetJson(std::string("/api/v1/reports/") + report, Token(user), 403);
    }
  }
  GetJson("/api/v1/reports/sla", Token("agent"), 403);
  GetJson("/api/v1/reports/sla", Token("unit_staff"), 200);  // their own unit's (report_http_test)
  GetJson("/api/v1/reports/sla", "", 401);
}

TEST_P(QualityHttp, ExportsCarryTheSameFiguresAsTheJson) {
  const std::string analyst = Token("analyst");  // reads Arabic
  const json sla = GetJson("/api/v1/reports/sla?by=category", analyst);
  auto csv = http_->Get("/api/v1/reports/sla?by=category&format=csv", analyst);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.header("content-type").find("text/csv"), std::string::npos);
  EXPECT_NE(csv.header("content-disposition").find("sla-category.csv"), std::string::npos);
  ASSERT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  auto lines = Lines(csv.body);
  ASSERT_EQ(lines.size(), sla.at("rows").size() + 1);
  EXPECT_EQ(lines[0].rfind("المفتاح,", 0), 0u) << lines[0];
  for (std::size_t i = 0; i < sla["rows"].size(); ++i) {
    const json& r = sla["rows"][i];
    EXPECT_EQ(lines[i + 1], r.at("key").get<std::string>() + "," +
                                r.at("label").get<std::string>() + "," + r.at("measured").dump() +
                                "," + r.at("met").dump() + "," + r.at("breached").dump() + "," +
                                r.at("open_breached").dump() + "," + r.at("open_within").dump() +
                                "," + Share(r.at("compliance")));
  }
  // Without a dimension: one total row per clock, each as the JSON's clocks give it.
  auto totals = Lines(http_->Get("/api/v1/reports/sla?format=csv", analyst).body);
  ASSERT_EQ(totals.size(), 3u);
  for (const auto& [i, name] : {std::pair{1, "first_response"}, std::pair{2, "resolution"}}) {
    const json& f = sla.at("clocks").at(name);
    EXPECT_EQ(totals[i].rfind(std::string(name) + ",", 0), 0u) << totals[i];
    EXPECT_NE(totals[i].find("," + f.at("measured").dump() + "," + f.at("met").dump() + "," +
                             f.at("breached").dump() + "," + f.at("open_breached").dump() + "," +
                             f.at("open_within").dump() + ","),
              std::string::npos)
        << totals[i];
  }
  EXPECT_EQ(GetJson("/api/v1/reports/sla?clock=first_response", analyst).at("total"),
            sla.at("clocks").at("first_response"));
  EXPECT_EQ(GetJson("/api/v1/reports/sla?clock=end", analyst, 400).value("field", ""), "clock");

  const json heat = GetJson("/api/v1/reports/heatmap?subject=requests", analyst);
  csv = http_->Get("/api/v1/reports/heatmap?subject=requests&format=csv", analyst);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.header("content-disposition").find("heatmap-requests.csv"), std::string::npos);
  lines = Lines(csv.body);
  ASSERT_EQ(lines.size(), 8u);
  std::string header = "اليوم";
  for (int h = 0; h < 24; ++h) header += "," + std::to_string(h);
  EXPECT_EQ(lines[0], header);
  EXPECT_EQ(lines[1].rfind("الاثنين,", 0), 0u) << lines[1];
  EXPECT_EQ(lines[7].rfind("الأحد,", 0), 0u) << lines[7];
  for (int day = 0; day < 7; ++day) {
    std::string counts;
    for (int h = 0; h < 24; ++h) counts += "," + heat["cells"][day * 24 + h]["count"].dump();
    EXPECT_EQ(lines[day + 1].substr(lines[day + 1].find(',')), counts) << day;
  }

  const json agents = GetJson("/api/v1/reports/agents", analyst);
  csv = http_->Get("/api/v1/reports/agents?format=csv", analyst);
  ASSERT_EQ(csv.status, 200) << csv.body;
  lines = Lines(csv.body);
  ASSERT_EQ(lines.size(), agents.at("rows").size() + 1);
  for (std::size_t i = 0; i < agents["rows"].size(); ++i) {
    const json& r = agents["rows"][i];
    EXPECT_EQ(lines[i + 1], r.at("key").get<std::string>() + "," +
                                r.at("label").get<std::string>() + "," + r.at("requests").dump() +
                                "," + r.at("contacts").dump() + "," + r.at("guidance").dump() +
                                "," + Share(r.at("first_contact_resolution")) + "," +
                                Share(r.at("satisfaction")));
  }

  for (const char* path :
       {"/api/v1/reports/sla?by=agent&format=xlsx",
        "/api/v1/reports/heatmap?subject=contacts&format=xlsx",
        "/api/v1/reports/agents?format=xlsx", "/api/v1/reports/satisfaction?format=xlsx"}) {
    auto x = http_->Get(path, analyst);
    ASSERT_EQ(x.status, 200) << path << ": " << x.body;
    EXPECT_NE(x.header("content-type").find("spreadsheetml"), std::string::npos) << path;
    EXPECT_EQ(x.body.substr(0, 2), "PK") << path;
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, QualityHttp, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
