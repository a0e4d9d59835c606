#include "support/center.hpp"

#include <cstdio>
#include <cstdlib>

namespace tawasul::testing {

namespace {

std::map<std::string, std::string> JsonHeaders(const std::string& token) {
  std::map<std::string, std::string> h{{"Content-Type", "application/json"}};
  if (!token.empty()) h["Authorization"] = "Bearer " + token;
  return h;
}

Json ParseOrNull(const std::string& body) {
  auto j = Json::parse(body, nullptr, false);
  return j.is_discarded() ? Json(nullptr) : j;
}

std::string Describe(const HttpResponse& r) {
  return "HTTP " + std::to_string(r.status) + ": " + r.body.substr(0, 2000);
}

}  // namespace

Center::Center(const std::string& profile, const std::string& store) : profile_(profile) {
  std::string url;
  if (store == "postgres") {
    pg_ = std::make_unique<ScratchPgDatabase>();
    if (pg_->url().empty()) {
      if (std::getenv("TAWASUL_ALLOW_NO_PG") != nullptr) {
        skipped_ = true;
        return;
      }
      error_ = "TAWASUL_TEST_PG is not set; run the tests with scripts/run-tests";
      return;
    }
    url = pg_->url();
  } else {
    url = "sqlite:acceptance.db";  // relative to the server's own scratch directory
  }
  server_ = std::make_unique<ServerProcess>(
      TAWASUL_BINARY, url,
      std::vector<std::string>{std::string("TAWASUL_PROFILES_DIR=") + TAWASUL_PROFILES_DIR});
  std::string out;
  if (server_->RunCommand({"demo", "--profile", profile, "--password", kPassword}, "", &out) != 0) {
    error_ = "tawasul demo --profile " + profile + " failed:\n" + out;
    return;
  }
  server_->Start();
  http_ = std::make_unique<HttpClient>(server_->base_url());
}

Center::~Center() = default;

std::string Center::FreshToken(const std::string& user) {
  auto r = http_->PostJson("/api/v1/auth/login",
                           Json{{"username", user}, {"password", kPassword}}.dump());
  EXPECT_EQ(r.status, 200) << "login as " << user << ": " << Describe(r);
  auto j = ParseOrNull(r.body);
  return j.is_object() && j.contains("token") ? j["token"].get<std::string>() : std::string();
}

std::string Center::Token(const std::string& user) {
  auto it = tokens_.find(user);
  if (it != tokens_.end()) return it->second;
  std::string t = FreshToken(user);
  tokens_[user] = t;
  return t;
}

HttpResponse Center::Get(const std::string& user, const std::string& path) {
  return http_->Get(path, user.empty() ? std::string() : Token(user));
}

Json Center::GetJson(const std::string& user, const std::string& path, long status) {
  auto r = Get(user, path);
  EXPECT_EQ(r.status, status) << "GET " << path << " as " << user << ": " << Describe(r);
  return ParseOrNull(r.body);
}

std::int64_t Center::IdOf(const std::string& kind, const std::string& code) {
  Json j = GetJson("admin", "/api/v1/" + kind);
  const Json& items = j.is_array() ? j : j.value("items", Json::array());
  for (const auto& it : items) {
    if (it.value("code", "") == code) return it.at("id").get<std::int64_t>();
  }
  ADD_FAILURE() << "no " << kind << " with code " << code << " in profile " << profile_;
  return 0;
}

std::int64_t Center::PublicCategoryId(const std::string& code) {
  const Json j = GetJson("", "/api/v1/public/categories");
  for (const auto& it : j.value("items", Json::array())) {
    if (it.value("code", "") == code) return it.at("id").get<std::int64_t>();
  }
  ADD_FAILURE() << "the portal lists no category " << code;
  return 0;
}

std::int64_t Center::UserId(const std::string& username) {
  Json j = GetJson("admin", "/api/v1/users");
  const Json& items = j.is_array() ? j : j.value("items", Json::array());
  for (const auto& it : items) {
    if (it.value("username", "") == username) return it.at("id").get<std::int64_t>();
  }
  ADD_FAILURE() << "no user " << username;
  return 0;
}

Json Center::CreateCase(const std::string& user, const Json& body) {
  auto r = http_->PostJson("/api/v1/cases", body.dump(), Token(user));
  EXPECT_EQ(r.status, 201) << "create as " << user << ": " << Describe(r);
  Json c = ParseOrNull(r.body);
  if (r.status == 201 && c.is_object()) etags_[c.at("id").get<std::int64_t>()] = r.header("etag");
  return c;
}

std::int64_t Center::SubmitPortal(const Json& body, std::string* tracking_code) {
  auto r = http_->PostJson("/api/v1/public/requests", body.dump());
  EXPECT_EQ(r.status, 201) << "portal: " << body.dump() << " → " << Describe(r);
  Json j = ParseOrNull(r.body);
  if (r.status != 201 || !j.is_object()) return 0;
  const std::string code = j.value("tracking_code", "");
  if (tracking_code != nullptr) *tracking_code = code;
  Json list = GetJson("dispatcher", "/api/v1/cases?channel=portal&limit=200");
  for (const auto& it : list.value("items", Json::array())) {
    if (it.value("tracking_code", "") == code) {
      const auto id = it.at("id").get<std::int64_t>();
      Case("dispatcher", id);  // its ETag
      return id;
    }
  }
  ADD_FAILURE() << "the portal request " << code << " is not in the dispatcher's list";
  return 0;
}

Json Center::Case(const std::string& user, std::int64_t id, long status) {
  auto r = Get(user, "/api/v1/cases/" + std::to_string(id));
  EXPECT_EQ(r.status, status) << "GET case " << id << " as " << user << ": " << Describe(r);
  if (r.status == 200) etags_[id] = r.header("etag");
  return ParseOrNull(r.body);
}

Json Center::Timeline(const std::string& user, std::int64_t id) {
  return GetJson(user, "/api/v1/cases/" + std::to_string(id) + "/timeline")
      .value("items", Json::array());
}

Json Center::Extras(const std::string& user, std::int64_t id) {
  return GetJson(user, "/api/v1/cases/" + std::to_string(id) + "/extras");
}

std::set<std::string> Center::Actions(const std::string& user, std::int64_t id) {
  std::set<std::string> out;
  Json j = GetJson(user, "/api/v1/cases/" + std::to_string(id) + "/actions");
  if (!j.is_object()) return out;
  for (const auto& a : j.value("items", Json::array())) out.insert(a.value("name", ""));
  return out;
}

HttpResponse Center::TryAct(const std::string& user, std::int64_t id, const std::string& action,
                            const Json& inputs) {
  auto h = JsonHeaders(Token(user));
  h["If-Match"] = etag(id);
  return http_->Send("POST", "/api/v1/cases/" + std::to_string(id) + "/actions/" + action,
                     Json{{"inputs", inputs}}.dump(), h);
}

ActionResult Center::Act(const std::string& user, std::int64_t id, const std::string& action,
                         const Json& inputs) {
  ActionResult out;
  out.http = TryAct(user, id, action, inputs);
  EXPECT_EQ(out.http.status, 200) << user << " takes " << action << " on " << id << ": "
                                  << Describe(out.http);
  out.body = ParseOrNull(out.http.body);
  if (out.http.status == 200 && out.body.is_object()) {
    etags_[id] = out.http.header("etag");
    out.c = out.body.value("case", Json(nullptr));
    out.queued = out.body.value("queued", Json::array());
  } else {
    out.c = Json::object();
    out.queued = Json::array();
  }
  return out;
}

HttpResponse Center::TryPatch(const std::string& user, std::int64_t id, const Json& body) {
  auto h = JsonHeaders(Token(user));
  h["If-Match"] = etag(id);
  return http_->Send("PATCH", "/api/v1/cases/" + std::to_string(id), body.dump(), h);
}

Json Center::Patch(const std::string& user, std::int64_t id, const Json& body) {
  auto r = TryPatch(user, id, body);
  EXPECT_EQ(r.status, 200) << "PATCH " << id << " as " << user << ": " << Describe(r);
  if (r.status == 200) etags_[id] = r.header("etag");
  return ParseOrNull(r.body);
}

std::set<std::int64_t> Center::InboxIds(const std::string& user, const std::string& inbox,
                                        std::vector<std::string>* bodies) {
  std::set<std::int64_t> ids;
  std::string cursor;
  for (int page = 0; page < 100; ++page) {
    auto r = Get(user, "/api/v1/inbox/" + inbox + "?limit=200" +
                           (cursor.empty() ? "" : "&cursor=" + cursor));
    EXPECT_EQ(r.status, 200) << "inbox " << inbox << " as " << user << ": " << Describe(r);
    if (bodies != nullptr) bodies->push_back(r.body);
    Json j = ParseOrNull(r.body);
    if (r.status != 200 || !j.is_object()) break;
    for (const auto& it : j.value("items", Json::array()))
      ids.insert(it.at("id").get<std::int64_t>());
    if (!j.contains("next_cursor") || !j["next_cursor"].is_string()) break;
    cursor = j["next_cursor"].get<std::string>();
  }
  return ids;
}

std::set<std::string> Center::InboxesOf(const std::string& user, std::int64_t id) {
  std::set<std::string> out;
  for (const auto& name : WorkflowInboxes()) {
    auto probe = Get(user, "/api/v1/inbox/" + name + "?limit=1");
    if (probe.status == 403) continue;  // not this role's inbox
    if (InboxIds(user, name).count(id)) out.insert(name);
  }
  return out;
}

std::string Center::etag(std::int64_t id) const {
  auto it = etags_.find(id);
  return it == etags_.end() ? std::string("\"0\"") : it->second;
}

void CenterTest::StartCenter(const std::string& profile, const std::string& store) {
  center_ = std::make_unique<Center>(profile, store);
  if (center_->skipped()) GTEST_SKIP() << "no PostgreSQL (TAWASUL_ALLOW_NO_PG)";
  ASSERT_TRUE(center_->error().empty()) << center_->error();
}

// ---- Expectations -------------------------------------------------------------------------

Json OneMessage(const Json& messages, const std::string& template_name) {
  Json found = nullptr;
  int n = 0;
  for (const auto& m : messages) {
    if (m.value("template", "") == template_name) {
      found = m;
      ++n;
    }
  }
  EXPECT_EQ(n, 1) << "messages with template " << template_name << " in " << messages.dump();
  return found;
}

constexpr const char* kSurvey = "survey";

void ExpectTemplates(const Json& messages, const std::vector<std::string>& templates) {
  std::vector<std::string> got;
  for (const auto& m : messages) {
    if (m.value("template", "") != kSurvey) got.push_back(m.value("template", ""));
  }
  EXPECT_EQ(got, templates) << messages.dump();
}

void ExpectSurveyIfAny(const Json& messages, const std::string& e164, const std::string& code) {
  int n = 0;
  for (const auto& m : messages) {
    if (m.value("template", "") != kSurvey) continue;
    ++n;
    EXPECT_EQ(m.value("channel", ""), "sms") << m.dump();
    EXPECT_EQ(m.value("recipient", ""), e164) << m.dump();
    const std::string body = m.value("body", "");
    EXPECT_NE(body.find(code), std::string::npos) << body;
    const auto link = body.find("/s/");
    if (link != std::string::npos) {
      EXPECT_EQ(body.compare(link, 6, "/s/…"), 0) << "staff never see the token: " << body;
    }
  }
  EXPECT_LE(n, 1) << messages.dump();
}

void ExpectNoSurvey(const Json& messages) {
  for (const auto& m : messages) {
    EXPECT_NE(m.value("template", ""), kSurvey) << "no survey here: " << messages.dump();
  }
}

void ExpectSms(const Json& message, const std::string& template_name, const std::string& e164,
               const std::string& language, const std::vector<std::string>& fragments) {
  ASSERT_TRUE(message.is_object()) << "no " << template_name << " message";
  EXPECT_EQ(message.value("template", ""), template_name) << message.dump();
  EXPECT_EQ(message.value("channel", ""), "sms") << message.dump();
  EXPECT_EQ(message.value("recipient", ""), e164) << message.dump();
  EXPECT_EQ(message.value("language", ""), language) << message.dump();
  const std::string body = message.value("body", "");
  for (const auto& f : fragments) {
    EXPECT_NE(body.find(f), std::string::npos)
        << "\"" << f << "\" not in " << template_name << " SMS: " << body;
  }
  EXPECT_EQ(body.find('{'), std::string::npos) << "an unrendered placeholder: " << body;
}

void ExpectState(const Json& c, const std::string& state, const std::string& status) {
  ASSERT_TRUE(c.is_object()) << c.dump();
  EXPECT_EQ(c.value("state", ""), state) << c.dump();
  EXPECT_EQ(c.value("status", ""), status) << c.dump();
  EXPECT_TRUE(c.contains("state_label") && c["state_label"].is_object())
      << "the installed state's label: " << c.dump();
  if (status == "closed") {
    EXPECT_TRUE(c.contains("closed_at") && c["closed_at"].is_string()) << c.dump();
  } else {
    EXPECT_TRUE(c.contains("closed_at") && c["closed_at"].is_null()) << c.dump();
  }
}

void ExpectActionOnTimeline(const Json& timeline, const std::string& action,
                            const std::string& note_fragment) {
  for (const auto& e : timeline) {
    if (e.value("kind", "") == "action" && e.value("field", "") == action &&
        e.value("note", "").find(note_fragment) != std::string::npos) {
      return;
    }
  }
  ADD_FAILURE() << "no action " << action << " with \"" << note_fragment
                << "\" on the timeline: " << timeline.dump();
}

void ExpectNotAllowed(const HttpResponse& r, const std::set<std::string>& allowed) {
  EXPECT_EQ(r.status, 409) << r.body;
  Json j = ParseOrNull(r.body);
  ASSERT_TRUE(j.is_object()) << r.body;
  std::set<std::string> got;
  for (const auto& a : j.value("allowed", Json::array())) got.insert(a.get<std::string>());
  EXPECT_EQ(got, allowed) << r.body;
}

void ExpectProblem(const HttpResponse& r, long status, const std::string& field) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_NE(r.header("content-type").find("application/problem+json"), std::string::npos)
      << r.header("content-type");
  Json j = ParseOrNull(r.body);
  ASSERT_TRUE(j.is_object()) << r.body;
  EXPECT_EQ(j.value("status", 0), status) << r.body;
  if (!field.empty()) {
    EXPECT_EQ(j.value("field", ""), field) << r.body;
  }
}

// ---- Calendars ----------------------------------------------------------------------------
// The jalaali algorithm (Borkowski's break years), integer arithmetic truncating toward zero.

namespace {

using i64 = long long;

i64 Div(i64 a, i64 b) { return a / b; }
i64 Mod(i64 a, i64 b) { return a % b; }

i64 GregorianToDay(i64 gy, i64 gm, i64 gd) {
  i64 d = Div((gy + Div(gm - 8, 6) + 100100) * 1461, 4) + Div(153 * Mod(gm + 9, 12) + 2, 5) + gd -
          34840408;
  return d - Div(Div(gy + 100100 + Div(gm - 8, 6), 100) * 3, 4) + 752;
}

struct JalCal {
  i64 leap, gy, march;
};

JalCal JalaliCalendar(i64 jy) {
  static const i64 kBreaks[] = {-61,  9,    38,   199,  426,  686,  756,  818,  1111, 1181,
                                1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178};
  const i64 gy = jy + 621;
  i64 leap_j = -14, jp = kBreaks[0], jump = 0;
  for (std::size_t i = 1; i < std::size(kBreaks); ++i) {
    const i64 jm = kBreaks[i];
    jump = jm - jp;
    if (jy < jm) break;
    leap_j += Div(jump, 33) * 8 + Div(Mod(jump, 33), 4);
    jp = jm;
  }
  i64 n = jy - jp;
  leap_j += Div(n, 33) * 8 + Div(Mod(n, 33) + 3, 4);
  if (Mod(jump, 33) == 4 && jump - n == 4) leap_j += 1;
  const i64 leap_g = Div(gy, 4) - Div((Div(gy, 100) + 1) * 3, 4) - 150;
  const i64 march = 20 + leap_j - leap_g;
  if (jump - n < 6) n = n - jump + Div(jump + 4, 33) * 33;
  i64 leap = Mod(Mod(n + 1, 33) - 1, 4);
  if (leap == -1) leap = 4;
  return {leap, gy, march};
}

}  // namespace

CivilDay GregorianToJalali(int gy, int gm, int gd) {
  const i64 jdn = GregorianToDay(gy, gm, gd);
  i64 jy = gy - 621;
  const JalCal r = JalaliCalendar(jy);
  i64 k = jdn - GregorianToDay(gy, 3, r.march);
  if (k >= 0) {
    if (k <= 185) {
      return {static_cast<int>(jy), static_cast<int>(1 + Div(k, 31)),
              static_cast<int>(Mod(k, 31) + 1)};
    }
    k -= 186;
  } else {
    jy -= 1;
    k += 179;
    if (r.leap == 1) k += 1;
  }
  return {static_cast<int>(jy), static_cast<int>(7 + Div(k, 30)), static_cast<int>(Mod(k, 30) + 1)};
}

std::string JalaliText(const std::string& iso_date) {
  const CivilDay j =
      GregorianToJalali(std::stoi(iso_date.substr(0, 4)), std::stoi(iso_date.substr(5, 2)),
                        std::stoi(iso_date.substr(8, 2)));
  char out[16];
  std::snprintf(out, sizeof out, "%04d/%02d/%02d", j.year, j.month, j.day);
  return out;
}

}  // namespace tawasul::testing
