// Administration of the installation over HTTP: notification templates, SLA policies and the
// business calendars' one-off holidays. Real `tawasul serve` processes (moia-1933 demo) on
// SQLite and PostgreSQL; a second node on the same store shows that an edit reaches every node.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/demo_server_fixture.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;

class AdminConfigHttp : public DemoServerTest {
 protected:
  AdminConfigHttp() : DemoServerTest({.password = "admin-config-password"}) {}

  void SetUp() override {
    DemoServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    admin_ = Login("admin");
  }

  void TearDown() override {
    second_.reset();
    DemoServerTest::TearDown();
  }

  /// A problem response's `field`, checking it is RFC 9457.
  static std::string FieldOf(const HttpResponse& r) {
    EXPECT_EQ(r.header("content-type"), "application/problem+json") << r.body;
    const json p = json::parse(r.body, nullptr, false);
    EXPECT_TRUE(p.is_object() && p.contains("detail")) << r.body;
    return p.is_object() ? p.value("field", std::string()) : std::string();
  }

  static json CalendarNamed(const json& list, const std::string& name) {
    for (const auto& c : list.at("items")) {
      if (c.at("name") == name) return c;
    }
    return json();
  }

  static bool HasHoliday(const json& calendar, const std::string& name, int year) {
    for (const auto& h : calendar.at("holidays")) {
      if (h.at("name") == name && h.at("year") == year) return true;
    }
    return false;
  }

  std::unique_ptr<ServerProcess> second_;  // the multi-node test's other node
  std::string admin_;
};

TEST_P(AdminConfigHttp, OnlyAdministratorsMayReadOrChangeTheInstallation) {
  const std::string agent = Login("agent");
  const std::string supervisor = Login("supervisor");
  for (const std::string& token : {agent, supervisor}) {
    EXPECT_EQ(Send("GET", "/api/v1/admin/templates", nullptr, token).status, 403);
    EXPECT_EQ(Send("GET", "/api/v1/admin/sla", nullptr, token).status, 403);
    EXPECT_EQ(Send("GET", "/api/v1/admin/calendars", nullptr, token).status, 403);
    EXPECT_EQ(Send("PUT", "/api/v1/admin/templates/registered",
                   json{{"sms", {{"ar", "نص تجريبي للمسؤول {tracking_code}"}}}}, token)
                  .status,
              403);
    EXPECT_EQ(Send("POST", "/api/v1/admin/calendars/units/holidays",
                   json{{"name", "x"}, {"year", 2030}, {"from", "01-05"}}, token)
                  .status,
              403);
  }
  EXPECT_EQ(Send("GET", "/api/v1/admin/templates", nullptr, "").status, 401);
  // Nothing changed.
  auto t = Send("GET", "/api/v1/admin/templates", nullptr, admin_);
  EXPECT_EQ(t.body.find("نص تجريبي للمسؤول {tracking_code}"), std::string::npos);
}

TEST_P(AdminConfigHttp, TemplatesAreEditedPerLanguageAndCheckedForPlaceholders) {
  auto list = Send("GET", "/api/v1/admin/templates", nullptr, admin_);
  ASSERT_EQ(list.status, 200) << list.body;
  const json before = json::parse(list.body);
  ASSERT_FALSE(before.at("items").empty());
  EXPECT_NE(std::find(before["placeholders"].begin(), before["placeholders"].end(),
                      "tracking_code"),
            before["placeholders"].end());
  json registered;
  for (const auto& t : before["items"]) {
    if (t["name"] == "registered") registered = t;
  }
  ASSERT_TRUE(registered.is_object()) << list.body;
  const std::string ar_before = registered["sms"].value("ar", "");
  ASSERT_FALSE(ar_before.empty());

  const std::string fa = "درخواست شما با کد {tracking_code} در {center_name} ثبت شد";
  auto put = Send("PUT", "/api/v1/admin/templates/registered", json{{"sms", {{"fa", fa}}}}, admin_);
  ASSERT_EQ(put.status, 200) << put.body;
  const json after = json::parse(put.body);
  EXPECT_EQ(after["sms"]["fa"], fa);
  EXPECT_EQ(after["sms"]["ar"], ar_before) << "other languages are kept";

  // Bad texts: 422 naming the text; nothing stored.
  auto bad = Send("PUT", "/api/v1/admin/templates/registered",
                  json{{"sms", {{"en", "Your code {tracking_cod}"}}}}, admin_);
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(FieldOf(bad), "sms.en");
  EXPECT_NE(bad.body.find("tracking_cod"), std::string::npos) << bad.body;
  auto unbalanced = Send("PUT", "/api/v1/admin/templates/registered",
                         json{{"email_body", {{"ar", "نص {tracking_code"}}}}, admin_);
  EXPECT_EQ(unbalanced.status, 422) << unbalanced.body;
  EXPECT_EQ(FieldOf(unbalanced), "email_body.ar");
  auto bad_name = Send("PUT", "/api/v1/admin/templates/Bad%20Name",
                       json{{"sms", {{"en", "x"}}}}, admin_);
  EXPECT_EQ(bad_name.status, 422) << bad_name.body;
  EXPECT_EQ(FieldOf(bad_name), "name");
  auto empty = Send("PUT", "/api/v1/admin/templates/registered", json::object(), admin_);
  EXPECT_EQ(empty.status, 422) << empty.body;
  // Malformed bodies: 400 naming the member.
  auto kind = Send("PUT", "/api/v1/admin/templates/registered",
                   json{{"fax", {{"en", "x"}}}}, admin_);
  EXPECT_EQ(kind.status, 400);
  EXPECT_EQ(FieldOf(kind), "fax");
  auto lang = Send("PUT", "/api/v1/admin/templates/registered",
                   json{{"sms", {{"de", "x"}}}}, admin_);
  EXPECT_EQ(lang.status, 400);
  EXPECT_EQ(FieldOf(lang), "sms.de");
  auto type = Send("PUT", "/api/v1/admin/templates/registered", json{{"sms", {{"en", 5}}}}, admin_);
  EXPECT_EQ(type.status, 400);
  EXPECT_EQ(FieldOf(type), "sms.en");

  // Stored: a restarted node reads the new text from the store.
  server_->Stop();
  server_->Start({});
  http_ = std::make_unique<HttpClient>(server_->base_url());
  const json reread = json::parse(Send("GET", "/api/v1/admin/templates", nullptr, admin_).body);
  bool found = false;
  for (const auto& t : reread["items"]) {
    if (t["name"] != "registered") continue;
    found = true;
    EXPECT_EQ(t["sms"]["fa"], fa);
    EXPECT_EQ(t["sms"]["ar"], ar_before);
    EXPECT_FALSE(t["sms"].contains("en") && t["sms"]["en"] == "Your code {tracking_cod}");
    EXPECT_TRUE(t["email_body"].value("ar", "").find("{tracking_code") == std::string::npos);
  }
  EXPECT_TRUE(found);
}

TEST_P(AdminConfigHttp, ServiceLevelsListThePolicies) {
  auto r = Send("GET", "/api/v1/admin/sla", nullptr, admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  const json sla = json::parse(r.body);
  ASSERT_FALSE(sla.at("policies").empty());
  for (const auto& p : sla["policies"]) {
    EXPECT_FALSE(p.at("name").get<std::string>().empty());
    EXPECT_TRUE(!p.at("first_response_minutes").is_null() || !p.at("resolution_minutes").is_null());
  }
  EXPECT_TRUE(sla.at("survey").contains("enabled"));
}

TEST_P(AdminConfigHttp, OneOffHolidaysAreAddedCheckedAndRemoved) {
  auto list = Send("GET", "/api/v1/admin/calendars", nullptr, admin_);
  ASSERT_EQ(list.status, 200) << list.body;
  const json units = CalendarNamed(json::parse(list.body), "units");
  ASSERT_TRUE(units.is_object()) << list.body;
  EXPECT_FALSE(units.at("week").at("sunday").empty());
  const std::size_t holidays_before = units.at("holidays").size();

  const json nowruz{{"name", "nowruz_1405"}, {"calendar", "jalali"}, {"year", 1405},
                    {"from", "01-01"}, {"to", "01-04"}};
  auto add = Send("POST", "/api/v1/admin/calendars/units/holidays", nowruz, admin_);
  ASSERT_EQ(add.status, 201) << add.body;
  const json added = json::parse(add.body);
  EXPECT_EQ(added.at("holidays").size(), holidays_before + 1);
  EXPECT_TRUE(HasHoliday(added, "nowruz_1405", 1405));

  auto twice = Send("POST", "/api/v1/admin/calendars/units/holidays", nowruz, admin_);
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(FieldOf(twice), "name");

  // Checked field by field: 422 naming the member.
  const std::vector<std::pair<json, std::string>> invalid = {
      {{{"name", "x"}, {"calendar", "julian"}, {"year", 2030}, {"from", "01-05"}}, "calendar"},
      // 1404 is a common Jalali year: no 30 Esfand.
      {{{"name", "x"}, {"calendar", "jalali"}, {"year", 1404}, {"from", "12-30"}}, "from"},
      {{{"name", "x"}, {"year", 2030}, {"from", "2030-01-05"}}, "from"},
      {{{"name", "x"}, {"year", 2030}, {"from", "03-05"}, {"to", "03-01"}}, "to"},
      {{{"name", "x"}, {"year", 2030}, {"from", "02-30"}}, "from"},
      {{{"name", "x"}, {"year", 99999}, {"from", "01-05"}}, "year"},
      {{{"name", "  "}, {"year", 2030}, {"from", "01-05"}}, "name"},
  };
  for (const auto& [body, field] : invalid) {
    auto r = Send("POST", "/api/v1/admin/calendars/units/holidays", body, admin_);
    EXPECT_EQ(r.status, 422) << body.dump() << ": " << r.body;
    EXPECT_EQ(FieldOf(r), field) << body.dump();
  }
  // Malformed: 400 naming the member.
  const std::vector<std::pair<json, std::string>> malformed = {
      {{{"name", "x"}, {"from", "01-05"}}, "year"},
      {{{"name", "x"}, {"year", "2030"}, {"from", "01-05"}}, "year"},
      {{{"name", "x"}, {"year", 2030}, {"from", "01-05"}, {"color", "red"}}, "color"},
  };
  for (const auto& [body, field] : malformed) {
    auto r = Send("POST", "/api/v1/admin/calendars/units/holidays", body, admin_);
    EXPECT_EQ(r.status, 400) << body.dump() << ": " << r.body;
    EXPECT_EQ(FieldOf(r), field) << body.dump();
  }
  EXPECT_EQ(Send("POST", "/api/v1/admin/calendars/no_such/holidays",
                 json{{"name", "x"}, {"year", 2030}, {"from", "01-05"}}, admin_)
                .status,
            404);

  // Stored: a restarted node still has it.
  server_->Stop();
  server_->Start({});
  http_ = std::make_unique<HttpClient>(server_->base_url());
  const json reread =
      CalendarNamed(json::parse(Send("GET", "/api/v1/admin/calendars", nullptr, admin_).body),
                    "units");
  EXPECT_TRUE(HasHoliday(reread, "nowruz_1405", 1405));
  EXPECT_EQ(reread.at("holidays").size(), holidays_before + 1);

  // Removed by name and year.
  EXPECT_EQ(Send("DELETE", "/api/v1/admin/calendars/units/holidays?name=nowruz_1405", nullptr,
                 admin_)
                .status,
            400);
  auto del = Send("DELETE", "/api/v1/admin/calendars/units/holidays?name=nowruz_1405&year=1405",
                  nullptr, admin_);
  ASSERT_EQ(del.status, 200) << del.body;
  EXPECT_FALSE(HasHoliday(json::parse(del.body), "nowruz_1405", 1405));
  EXPECT_EQ(Send("DELETE", "/api/v1/admin/calendars/units/holidays?name=nowruz_1405&year=1405",
                 nullptr, admin_)
                .status,
            404);
  EXPECT_EQ(json::parse(Send("GET", "/api/v1/admin/calendars", nullptr, admin_).body)
                .at("items")
                .size(),
            json::parse(list.body).at("items").size());
}

TEST_P(AdminConfigHttp, AnotherNodeOnTheSameStoreSeesTheChange) {
  second_ = StartNode(false);
  HttpClient other(second_->base_url());
  const std::string token = Login(other, "admin");
  // A template edit first, then a holiday: once the other node shows the holiday, it has
  // reloaded an installation that holds both.
  const std::string sms = "تجربة العقدة الثانية {tracking_code}";
  ASSERT_EQ(Send("PUT", "/api/v1/admin/templates/registered", json{{"sms", {{"ar", sms}}}}, admin_)
                .status,
            200);
  auto add = Send("POST", "/api/v1/admin/calendars/contact_center/holidays",
                  json{{"name", "national_day"}, {"year", 2031}, {"from", "09-23"}}, admin_);
  ASSERT_EQ(add.status, 201) << add.body;
  EXPECT_TRUE(json::parse(add.body).at("declared").get<bool>());
  // The other node reloads when it sees the store's new revision (it polls every 2 s).
  bool seen = false;
  for (int i = 0; i < 100 && !seen; ++i) {
    auto r = other.Send("GET", "/api/v1/admin/calendars", "", {{"Authorization", "Bearer " + token}});
    ASSERT_EQ(r.status, 200) << r.body;
    seen = HasHoliday(CalendarNamed(json::parse(r.body), "contact_center"), "national_day", 2031);
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_TRUE(seen) << "the second node never reloaded its installation";

  // A request taken on the other node gets its SMS from the new text.
  const std::string agent = Login(other, "agent");
  const std::map<std::string, std::string> auth{{"Authorization", "Bearer " + agent}};
  std::int64_t category = 0;
  auto cats = other.Send("GET", "/api/v1/categories", "", auth);
  ASSERT_EQ(cats.status, 200) << cats.body;
  const json cat_list = json::parse(cats.body);
  for (const auto& c : cat_list["items"]) {
    if (c["code"] == "SPK-FAULT") category = c["id"].get<std::int64_t>();
  }
  ASSERT_NE(category, 0) << cats.body;
  auto created = other.PostJson(
      "/api/v1/cases",
      json{{"type", "complaint"},
           {"category_id", category},
           {"channel", "phone"},
           {"description", "مكبر الصوت لا يعمل"},
           {"requester", {{"name", "عبدالله"}, {"phone", "0501234567"}}}}
          .dump(),
      agent);
  ASSERT_EQ(created.status, 201) << created.body;
  const json c = json::parse(created.body);
  // moia-1933 sends "registered" when the request is dispatched.
  auto dispatched = other.Send(
      "POST", "/api/v1/cases/" + std::to_string(c["id"].get<std::int64_t>()) + "/actions/dispatch",
      json{{"inputs", json::object()}}.dump(),
      {{"Authorization", "Bearer " + agent}, {"Content-Type", "application/json"},
       {"If-Match", created.header("etag")}});
  ASSERT_EQ(dispatched.status, 200) << dispatched.body;
  auto extras = other.Send("GET", "/api/v1/cases/" + std::to_string(c["id"].get<std::int64_t>()) + "/extras",
                           "", {{"Authorization", "Bearer " + token}});
  ASSERT_EQ(extras.status, 200) << extras.body;
  bool sent = false;
  const json messages = json::parse(extras.body)["messages"];
  for (const auto& m : messages) {
    sent = sent || m.value("body", "") == "تجربة العقدة الثانية " + c["tracking_code"].get<std::string>();
  }
  EXPECT_TRUE(sent) << extras.body;
}

/// A new complaint on `http` (taken by `agent`) and its SLA clocks as the create returns them.
json NewComplaintClocks(HttpClient& http, const std::string& agent) {
  const std::map<std::string, std::string> auth{{"Authorization", "Bearer " + agent}};
  auto cats = http.Send("GET", "/api/v1/categories", "", auth);
  EXPECT_EQ(cats.status, 200) << cats.body;
  std::int64_t category = 0;
  const json cat_list = json::parse(cats.body);  // kept: the loop reads into it
  for (const auto& c : cat_list["items"]) {
    if (c["code"] == "SPK-FAULT") category = c["id"].get<std::int64_t>();
  }
  auto created = http.PostJson("/api/v1/cases",
                               json{{"type", "complaint"},
                                    {"category_id", category},
                                    {"channel", "phone"},
                                    {"description", "مكبر الصوت لا يعمل"},
                                    {"requester", {{"name", "عبدالله"}, {"phone", "0501234567"}}}}
                                   .dump(),
                               agent);
  EXPECT_EQ(created.status, 201) << created.body;
  const json c = json::parse(created.body);
  auto got = http.Send("GET", "/api/v1/cases/" + std::to_string(c["id"].get<std::int64_t>()), "",
                       auth);
  EXPECT_EQ(got.status, 200) << got.body;
  json out = json::parse(got.body)["sla"];
  out["_id"] = c["id"];
  return out;
}

json PolicyNamed(const json& sla, const std::string& name) {
  for (const auto& p : sla.at("policies")) {
    if (p.at("name") == name) return p;
  }
  return json();
}

TEST_P(AdminConfigHttp, SlaPolicyTargetsAreEditedCheckedAndReachEveryNode) {
  const std::string agent = Login("agent");
  // The policy a complaint about a loudspeaker fault falls under, and its first-response clock.
  const json before = NewComplaintClocks(*http_, agent);
  ASSERT_TRUE(before.is_object() && before.contains("first_response")) << before.dump();
  const std::string policy = before["first_response"]["policy"].get<std::string>();
  const std::int64_t old_target = before["first_response"]["target_minutes"].get<std::int64_t>();
  ASSERT_NE(old_target, 7 * 60);

  // Non-admins are refused; unknown policies are 404.
  EXPECT_EQ(Send("PUT", "/api/v1/admin/sla/" + policy, json{{"first_response", "7h"}}, agent).status,
            403);
  EXPECT_EQ(Send("PUT", "/api/v1/admin/sla/no_such_policy", json{{"first_response", "7h"}}, admin_)
                .status,
            404);
  // Checked as the profile's [[sla]] is: 422 naming the member.
  const std::vector<std::pair<json, std::string>> invalid = {
      {{{"first_response", "seven hours"}}, "first_response"},
      {{{"resolution", "-2d"}}, "resolution"},
      {{{"resolution_calendar", "no_such_calendar"}}, "resolution_calendar"},
      {{{"warning_share", 1.5}}, "warning_share"},
      {{{"first_response", nullptr}, {"resolution", nullptr}}, "resolution"},
  };
  for (const auto& [body, field] : invalid) {
    auto r = Send("PUT", "/api/v1/admin/sla/" + policy, body, admin_);
    EXPECT_EQ(r.status, 422) << body.dump() << ": " << r.body;
    EXPECT_EQ(FieldOf(r), field) << body.dump();
  }
  // Malformed: 400 naming the member.
  const std::vector<std::pair<json, std::string>> malformed = {
      {{{"first_response", 7}}, "first_response"},
      {{{"colour", "red"}}, "colour"},
      {{{"warning_share", "0.5"}}, "warning_share"},
  };
  for (const auto& [body, field] : malformed) {
    auto r = Send("PUT", "/api/v1/admin/sla/" + policy, body, admin_);
    EXPECT_EQ(r.status, 400) << body.dump() << ": " << r.body;
    EXPECT_EQ(FieldOf(r), field) << body.dump();
  }
  // Nothing refused was stored.
  EXPECT_EQ(PolicyNamed(json::parse(Send("GET", "/api/v1/admin/sla", nullptr, admin_).body), policy)
                .at("first_response_minutes"),
            old_target);

  second_ = StartNode(false);
  HttpClient other(second_->base_url());
  const std::string other_admin = Login(other, "admin");

  auto put = Send("PUT", "/api/v1/admin/sla/" + policy,
                  json{{"first_response", "7h"}, {"first_response_calendar", "contact_center"},
                       {"warning_share", 0.5}},
                  admin_);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(json::parse(put.body).at("first_response_minutes"), 7 * 60);
  EXPECT_EQ(json::parse(put.body).at("warning_share"), 0.5);

  // This node uses it at once: a new request's clock has the new target; the earlier one
  // keeps its own.
  const json after = NewComplaintClocks(*http_, agent);
  EXPECT_EQ(after["first_response"]["policy"], policy);
  EXPECT_EQ(after["first_response"]["target_minutes"], 7 * 60);
  auto old_case = Send("GET", "/api/v1/cases/" + std::to_string(before["_id"].get<std::int64_t>()),
                       nullptr, agent);
  EXPECT_EQ(json::parse(old_case.body)["sla"]["first_response"]["target_minutes"], old_target);

  // The other node picks it up from the store's revision (it polls every 2 s).
  bool seen = false;
  for (int i = 0; i < 100 && !seen; ++i) {
    auto r = other.Send("GET", "/api/v1/admin/sla", "", {{"Authorization", "Bearer " + other_admin}});
    ASSERT_EQ(r.status, 200) << r.body;
    seen = PolicyNamed(json::parse(r.body), policy).value("first_response_minutes", 0) == 7 * 60;
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_TRUE(seen) << "the second node never reloaded its installation";
  const json on_other = NewComplaintClocks(other, Login(other, "agent"));
  EXPECT_EQ(on_other["first_response"]["target_minutes"], 7 * 60);

  // Stored: a restarted node still has it.
  second_.reset();
  server_->Stop();
  server_->Start({});
  http_ = std::make_unique<HttpClient>(server_->base_url());
  const json reread =
      PolicyNamed(json::parse(Send("GET", "/api/v1/admin/sla", nullptr, admin_).body), policy);
  EXPECT_EQ(reread.at("first_response_minutes"), 7 * 60);
  EXPECT_EQ(reread.at("warning_share"), 0.5);
}

TEST_P(AdminConfigHttp, HolidaysKeptEveryYearAreAddedCheckedAndRemoved) {
  const auto holiday_of = [&](const json& calendar, const std::string& name) {
    for (const auto& h : calendar.at("holidays")) {
      if (h.at("name") == name) return h;
    }
    return json();
  };
  // year null: every year. 30 Esfand exists only in leap years: kept, skipped in the others.
  const json esfand{{"name", "last_of_esfand"}, {"calendar", "jalali"}, {"year", nullptr}, {"from", "12-30"}};
  auto add = Send("POST", "/api/v1/admin/calendars/units/holidays", esfand, admin_);
  ASSERT_EQ(add.status, 201) << add.body;
  const json h = holiday_of(json::parse(add.body), "last_of_esfand");
  ASSERT_TRUE(h.is_object()) << add.body;
  EXPECT_TRUE(h.at("year").is_null());
  EXPECT_EQ(h.value("from", ""), "12-30");
  EXPECT_EQ(h.value("to", ""), "12-30");
  EXPECT_EQ(Send("POST", "/api/v1/admin/calendars/units/holidays", esfand, admin_).status, 409);
  // A one-off of the same name is another holiday.
  EXPECT_EQ(Send("POST", "/api/v1/admin/calendars/units/holidays",
                 json{{"name", "last_of_esfand"}, {"calendar", "jalali"}, {"year", 1403}, {"from", "12-30"}}, admin_)
                .status,
            201);
  // No year has a 32nd day, and a range may not wrap round the year's end.
  for (const auto& [body, field] : std::vector<std::pair<json, std::string>>{
           {{{"name", "y"}, {"calendar", "jalali"}, {"year", nullptr}, {"from", "01-32"}}, "from"},
           {{{"name", "y"}, {"calendar", "hijri"}, {"year", nullptr}, {"from", "12-29"}, {"to", "01-02"}}, "to"},
       }) {
    auto r = Send("POST", "/api/v1/admin/calendars/units/holidays", body, admin_);
    EXPECT_EQ(r.status, 422) << body.dump() << ": " << r.body;
    EXPECT_EQ(FieldOf(r), field) << body.dump();
  }
  // Removed with every_year=true; year and every_year together are refused.
  EXPECT_EQ(Send("DELETE", "/api/v1/admin/calendars/units/holidays?name=last_of_esfand&year=1403&every_year=true",
                 nullptr, admin_).status, 400);
  auto del = Send("DELETE", "/api/v1/admin/calendars/units/holidays?name=last_of_esfand&every_year=true", nullptr, admin_);
  ASSERT_EQ(del.status, 200) << del.body;
  const json after = json::parse(del.body);
  EXPECT_TRUE(HasHoliday(after, "last_of_esfand", 1403)) << "the one-off stays";
  EXPECT_FALSE(holiday_of(after, "last_of_esfand").at("year").is_null());
  EXPECT_EQ(Send("DELETE", "/api/v1/admin/calendars/units/holidays?name=last_of_esfand&every_year=true", nullptr, admin_).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Stores, AdminConfigHttp, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
