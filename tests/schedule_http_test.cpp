// Scheduled reports over HTTP (issue 13): admins keep each directorate's monthly schedule, see
// last month's sheet before it goes, and send it now. A real `tawasul serve` with the
// muscat-1111 demo and 40 days of history, on SQLite and PostgreSQL. The mail itself is checked
// against a real SMTP server in smtp_test.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "support/demo_server_fixture.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;

class ScheduleHttp : public DemoServerTest {
 protected:
  ScheduleHttp()
      : DemoServerTest({.password = "schedule-password", .profile = "muscat-1111",
                        .demo_args = {"--history", "40"}}) {}
};

TEST_P(ScheduleHttp, AdminsKeepSchedulesPreviewAndSendThem) {
  const std::string admin = Login("admin");
  const json listed = GetJson("/api/v1/admin/report-schedules", admin);
  ASSERT_EQ(listed.at("items").size(), 4u) << "the profile's four directorates general";
  EXPECT_EQ(Send("GET", "/api/v1/admin/report-schedules", nullptr, Login("analyst")).status, 403);

  std::map<std::string, std::int64_t> units;
  const json all_units = GetJson("/api/v1/units", admin);
  for (const auto& u : all_units.at("items")) units[u.at("code")] = u.at("id");

  // Refused by field, and nothing written.
  auto bad = [&](const json& body) { return Send("POST", "/api/v1/admin/report-schedules", body, admin); };
  auto r = bad(json{{"unit_id", units["DG-ENV"]}, {"recipients", {"env@muscat.example.om", "not an address"}}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(BodyJson(r).value("field", ""), "recipients[1]") << r.body;
  r = bad(json{{"unit_id", 999999}, {"recipients", {"a@muscat.example.om"}}});
  EXPECT_EQ(BodyJson(r).value("field", ""), "unit_id") << r.body;
  r = bad(json{{"unit_id", units["DG-ENV"]}});
  EXPECT_EQ(BodyJson(r).value("field", ""), "recipients") << r.body;
  r = bad(json{{"unit_id", units["DG-ENV"]}, {"recipients", {"a@muscat.example.om"}}, {"language", "de"}});
  EXPECT_EQ(BodyJson(r).value("field", ""), "language") << r.body;
  r = bad(json{{"unit_id", units["DG-ENV"]}, {"recipients", {"a@muscat.example.om"}}, {"last_period", "2026-01"}});
  EXPECT_EQ(r.status, 400) << r.body;
  r = bad(json{{"unit_id", units["DG-ENV"]}, {"recipients", "a@muscat.example.om"}});
  EXPECT_EQ(r.status, 400) << "recipients is a list";
  EXPECT_EQ(GetJson("/api/v1/admin/report-schedules", admin).at("items").size(), 4u);

  // A department's own schedule, in English.
  const json made = PostJson("/api/v1/admin/report-schedules",
                             json{{"unit_id", units["DEP-FOOD"]},
                                  {"recipients", {"Food.Head@Muscat.Example.OM"}},
                                  {"language", "en"}},
                             admin, 201);
  EXPECT_EQ(made.at("recipients"), json::array({"Food.Head@muscat.example.om"}))
      << "the domain is folded, the local part kept";
  EXPECT_TRUE(made.at("last_period").is_null());
  const std::string path = "/api/v1/admin/report-schedules/" + std::to_string(made.at("id").get<std::int64_t>());

  // Last month's sheet, before it goes: the department's name and its figures, in English.
  const json preview = GetJson(path + "/preview", admin);
  const std::string period = preview.at("period");
  EXPECT_EQ(period.size(), 7u) << "YYYY-MM in the center's (Gregorian) calendar";
  bool named = false;
  std::int64_t requests = -1;
  for (const auto& row : preview.at("rows")) {
    if (row[1] == "Unit") named = row[2].is_string() && !row[2].get<std::string>().empty();
    if (row[1] == "Requests referred to the unit") requests = row[2];
  }
  EXPECT_TRUE(named) << preview.dump();
  EXPECT_GT(requests, 0) << "forty days of history reach into last month";
  auto csv = Send("GET", path + "/preview?format=csv", nullptr, admin);
  EXPECT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("Requests referred to the unit"), std::string::npos);

  // Sent now: the month is recorded.
  auto sent = Send("POST", path + "/send", nullptr, admin);
  ASSERT_EQ(sent.status, 202) << sent.body;
  EXPECT_EQ(BodyJson(sent).value("period", ""), period);
  bool recorded = false;
  const json after = GetJson("/api/v1/admin/report-schedules", admin);
  for (const auto& s : after.at("items")) {
    if (s.at("id") == made.at("id")) recorded = s.value("last_period", "") == period;
  }
  EXPECT_TRUE(recorded);

  r = Send("PATCH", path, json{{"active", false}}, admin);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(BodyJson(r).value("active", true));
  EXPECT_EQ(Send("DELETE", path, nullptr, admin).status, 204);
  EXPECT_EQ(Send("DELETE", path, nullptr, admin).status, 404);
  EXPECT_EQ(Send("POST", path + "/send", nullptr, admin).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Stores, ScheduleHttp, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
