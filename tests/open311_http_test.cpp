// Open311 GeoReport v2 on a real `tawasul serve` (moia-1933, SQLite and PostgreSQL): admins issue
// and revoke client applications' keys; a client written from the spec (tests/open311/
// spec_client.py: Python's standard library only) files a report and follows it in JSON and
// XML; staff see the report on their side at the site nearest to where it was made.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "support/demo_server_fixture.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;

class Open311 : public DemoServerTest {
 protected:
  Open311() : DemoServerTest({.password = "open311-password", .profile = "moia-1933"}) {}

  /// Runs the spec's client; its exit status and what it printed.
  int RunClient(const std::string& key, const std::string& code, double lat, double lon, std::string* out) {
    const std::string cmd = std::string("/usr/bin/python3 ") + TAWASUL_SOURCE_DIR + "/tests/open311/spec_client.py " +
                            server_->base_url() + " '" + key + "' '" + code + "' " + std::to_string(lat) + " " +
                            std::to_string(lon) + " 2>&1";
    FILE* p = ::popen(cmd.c_str(), "r");
    if (p == nullptr) return -1;
    char buf[4096];
    while (std::fgets(buf, sizeof buf, p) != nullptr) *out += buf;
    return ::pclose(p);
  }
};

TEST_P(Open311, AClientWrittenFromTheSpecFilesAndFollowsAReport) {
  // Only admins issue keys; the key is shown once.
  EXPECT_EQ(Send("POST", "/api/v1/admin/open311-clients", {{"name", "x"}}, Token("supervisor")).status, 403);
  const json made = PostJson("/api/v1/admin/open311-clients", {{"name", "Baladi app"}}, Token("admin"), 201);
  const std::string key = made.at("api_key");
  ASSERT_GE(key.size(), 32u);
  EXPECT_EQ(Send("POST", "/api/v1/admin/open311-clients", {{"name", "Baladi app"}}, Token("admin")).status, 409);
  const json listed = GetJson("/api/v1/admin/open311-clients", Token("admin"));
  ASSERT_EQ(listed.at("items").size(), 1u);
  EXPECT_FALSE(listed.at("items")[0].contains("api_key"));

  // A site with coordinates: the report is made 50 m from it.
  const json sites = GetJson("/api/v1/sites", Token("admin")).at("items");
  json site;
  for (const auto& s : sites) {
    if (s.contains("latitude") && s.at("latitude").is_number()) {
      site = s;
      break;
    }
  }
  ASSERT_TRUE(site.is_object()) << "a moia site with coordinates";
  const double lat = site.at("latitude").get<double>() + 0.00045;
  const double lon = site.at("longitude").get<double>();
  // The client's citizen wrote once before by number only: the name given now joins the record,
  // so the published text masks it (the spec client checks that no name is published).
  const json cats = GetJson("/api/v1/categories", Token("admin")).at("items");
  PostJson("/api/v1/cases",
           {{"type", "complaint"}, {"category_id", cats.at(0).at("id")}, {"channel", "sms"},
            {"description", "x"}, {"requester", {{"name", ""}, {"phone", "0501234567"}}}},
           Token("agent"), 201);
  std::string out;
  const int rc = RunClient(key, "SPK-FAULT", lat, lon, &out);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("all checks passed"), std::string::npos) << out;

  // Staff see it: a report in the category, at that site, with the citizen's details.
  const json cases = GetJson("/api/v1/cases?limit=5", Token("dispatcher")).at("items");
  json report;
  for (const auto& c : cases) {
    if (c.value("description", "").find("Streetlight out") != std::string::npos) report = c;
  }
  ASSERT_TRUE(report.is_object()) << cases.dump();
  EXPECT_EQ(report.at("site_id"), site.at("id"));
  EXPECT_EQ(report.at("type"), "report");
  EXPECT_EQ(report.at("requester").at("phone"), "+966501234567");
  EXPECT_EQ(report.at("requester").at("name"), "Khalid Saleh");

  // A revoked key files nothing more.
  const std::string revoke = "/api/v1/admin/open311-clients/" + std::to_string(made.at("id").get<std::int64_t>());
  EXPECT_EQ(Send("DELETE", revoke, nullptr, Token("admin")).status, 200);
  auto r = http_->Send("POST", "/open311/v2/requests.json",
                       "api_key=" + key + "&service_code=SPK-FAULT&lat=24.7&long=46.7&description=x",
                       {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(json::parse(r.body)[0].at("code"), 403);
}

INSTANTIATE_TEST_SUITE_P(Stores, Open311, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
