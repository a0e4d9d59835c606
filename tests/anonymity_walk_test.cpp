// Anonymity, proven by walking the whole API: the pr-center profile (seeds/004: "the request is
// anonymized, the requester's identity removed, and referred to the relevant unit"). Requests
// are registered with known identity markers (a distinctive name, phone, e-mail and national ID,
// the phone and e-mail also written into the description, an action's note and a staff note),
// one is referred to the unit of `unit_staff`; then, logged in as unit_staff, every path and
// method of the OpenAPI document (as the server serves it) is called with every id at hand, GET
// on every route and an empty {} body on every POST/PATCH, and no response body or header may
// hold any marker in any form: E.164, local digits, spaced or in Persian digits, the name or a
// part of it, the e-mail, the national ID. The same scanner must find the markers in what the
// dispatcher sees, so a field that starts leaking them fails this test.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "support/center.hpp"
#include "support/tiny_png.hpp"

namespace tawasul::testing {
namespace {

// ---- The markers ----------------------------------------------------------------------------

const std::string kName = "ژاله قربان‌زاده‌نیک";
const std::string kSurname = "قربان‌زاده‌نیک";
const std::string kLocalPhone = "09357318264";
const std::string kE164 = "+989357318264";
const std::string kPhoneCore = "9357318264";  // what every written form of the number contains
const std::string kEmail = "zhaleh.qz@example.org";
const std::string kEmailLocal = "zhaleh.qz";
const std::string kNationalId = "4739162581";

/// Strings that must never appear (checked in the raw text, in JSON-decoded text and in
/// percent-decoded text).
const std::vector<std::string>& TextMarkers() {
  static const std::vector<std::string> kMarkers{kName,       kSurname, kE164,       "989357318264",
                                                 kLocalPhone, kEmail,   kEmailLocal, kNationalId};
  return kMarkers;
}

/// Digit sequences that must not appear in any run of digits, however it is written (spaces,
/// dashes, dots, parentheses, slashes, bidi marks between the digits; ASCII, Arabic-Indic or
/// Persian digits).
const std::vector<std::string>& DigitMarkers() {
  static const std::vector<std::string> kMarkers{kPhoneCore, kNationalId};
  return kMarkers;
}

// ---- The scanner ----------------------------------------------------------------------------

char32_t DecodeAt(const std::string& s, std::size_t i, std::size_t* len) {
  const auto b = static_cast<unsigned char>(s[i]);
  int n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
  if (i + static_cast<std::size_t>(n) > s.size()) n = 1;
  *len = static_cast<std::size_t>(n);
  if (n == 1) return b;
  char32_t cp = b & (0x7F >> n);
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

int DigitValue(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 0x660 && c <= 0x669) return static_cast<int>(c - 0x660);  // Arabic-Indic
  if (c >= 0x6F0 && c <= 0x6F9) return static_cast<int>(c - 0x6F0);  // Persian
  return -1;
}

bool Joiner(char32_t c) {
  return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+' || c == '/' ||
         c == 0xA0 || c == 0x200C || c == 0x200E || c == 0x200F || c == 0x061C ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/// Every run of digits (joiners allowed between them) as ASCII digits.
std::vector<std::string> DigitRuns(const std::string& s) {
  std::vector<std::string> runs;
  std::string run;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    const char32_t c = DecodeAt(s, i, &len);
    i += len;
    const int d = DigitValue(c);
    if (d >= 0) {
      run.push_back(static_cast<char>('0' + d));
    } else if (!(Joiner(c) && !run.empty())) {
      if (!run.empty()) runs.push_back(run);
      run.clear();
    }
  }
  if (!run.empty()) runs.push_back(run);
  return runs;
}

std::string PercentDecoded(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

/// The markers found in `text`, each named once.
std::set<std::string> Leaks(const std::string& text) {
  std::vector<std::string> forms{text, PercentDecoded(text)};
  auto j = Json::parse(text, nullptr, false);
  if (!j.is_discarded()) forms.push_back(j.dump());  // \uXXXX escapes decoded
  std::set<std::string> found;
  for (const auto& form : forms) {
    for (const auto& m : TextMarkers()) {
      if (form.find(m) != std::string::npos) found.insert(m);
    }
    for (const auto& run : DigitRuns(form)) {
      for (const auto& m : DigitMarkers()) {
        if (run.find(m) != std::string::npos) found.insert("digits " + m);
      }
    }
  }
  return found;
}

std::set<std::string> Leaks(const HttpResponse& r) {
  std::string all = r.body;
  for (const auto& [name, value] : r.headers) all += "\n" + name + ": " + value;
  for (const auto& c : r.set_cookies) all += "\nset-cookie: " + c;
  return Leaks(all);
}

std::string Joined(const std::set<std::string>& s) {
  std::string out;
  for (const auto& x : s) out += (out.empty() ? "" : ", ") + x;
  return out;
}

TEST(AnonymityScanner, FindsTheMarkersInEveryWrittenForm) {
  EXPECT_TRUE(Leaks("{\"phone\":\"+989357318264\"}").count(kE164));
  EXPECT_TRUE(Leaks("call 0935 731 8264 now").count("digits " + kPhoneCore));
  EXPECT_TRUE(Leaks("call 0935-731-82-64").count("digits " + kPhoneCore));
  EXPECT_TRUE(Leaks("شماره ۰۹۳۵۷۳۱۸۲۶۴").count("digits " + kPhoneCore));
  EXPECT_TRUE(Leaks("(+98) 935 731 8264").count("digits " + kPhoneCore));
  EXPECT_TRUE(
      Leaks("\"\\u06f0\\u06f9\\u06f3\\u06f5\\u06f7\\u06f3\\u06f1\\u06f8\\u06f2\\u06f6\\u06f4\"")
          .count("digits " + kPhoneCore))
      << "JSON-escaped Persian digits";
  EXPECT_TRUE(Leaks("{\"n\":\"\\u0698\\u0627\\u0644\\u0647 " + std::string("x") + "\"}").empty());
  Json named{{"name", kName}};
  EXPECT_TRUE(Leaks(named.dump(-1, ' ', true)).count(kName)) << "ASCII-escaped JSON";
  EXPECT_TRUE(Leaks("filename*=UTF-8''%DA%98%D8%A7%D9%84%D9%87").empty());
  EXPECT_TRUE(Leaks("mailto:zhaleh.qz%40example.org").count(kEmail)) << "percent-encoded";
  EXPECT_TRUE(Leaks("id 4739-162-581").count("digits " + kNationalId));
  EXPECT_TRUE(Leaks("masked: […] and […]").empty());
  EXPECT_TRUE(Leaks("2026-11-24T09:36:31.170764Z 9753949116").empty());
}

// ---- The walk -------------------------------------------------------------------------------

class AnonymityWalk : public CenterTest,
                      public ::testing::WithParamInterface<std::tuple<std::string, std::string>> {
 protected:
  void SetUp() override { StartCenter("pr-center", std::get<1>(GetParam())); }
  std::string Walker() const { return std::get<0>(GetParam()); }
};

TEST_P(AnonymityWalk, NoIdentityMarkerReachesStaffWhoMayNotSeeIt) {
  Center& c = *center_;
  const std::string walker = Walker();
  const auto inspect = c.IdOf("units", "INSPECT");
  const Json requester{
      {"name", kName}, {"phone", kLocalPhone}, {"email", kEmail}, {"national_id", kNationalId}};
  const std::string description =
      "کارمند باجه ۳ پرونده‌ام را گم کرد. شماره‌ام ۰۹۳۵ ۷۳۱ ۸۲۶۴ "
      "است، "
      "ایمیل " +
      kEmail + " و کد ملی " + kNationalId + ".";

  // R: referred to the walker's unit, with markers in the description, in an action's note
  // (hold, and return_to_unit after the unit answered) and in a staff note.
  Json r_case = c.CreateCase("agent", {{"type", "complaint"},
                                       {"category_id", c.IdOf("categories", "CONDUCT")},
                                       {"channel", "walk_in"},
                                       {"site_id", c.IdOf("sites", "FAC-MAIN")},
                                       {"description", description},
                                       {"requester", requester}});
  const auto r_id = r_case.value("id", std::int64_t{0});
  ASSERT_NE(r_id, 0);
  const auto requester_id = r_case.value("requester_id", std::int64_t{0});
  c.Act("agent", r_id, "register");
  c.Act("dispatcher", r_id, "hold",
        {{"reason", "مدارک را به 0935-731-8264 یا " + kEmail + " بفرستید"}});
  c.Act("agent", r_id, "resume");
  c.Patch("dispatcher", r_id, {{"note", "متقاضی از شماره +98 935 731 8264 دوباره تماس گرفت"}});
  auto referred = c.Act("dispatcher", r_id, "refer_for_action", {{"unit_id", inspect}});
  ASSERT_EQ(referred.c.value("state", ""), "referred");
  c.Act("unit_staff", r_id, "answer", {{"answer", "بررسی شد."}});
  c.Act("dispatcher", r_id, "return_to_unit",
        {{"reason", "با متقاضی (" + kLocalPhone + ") هم تماس بگیرید"}});
  ASSERT_EQ(c.Case("dispatcher", r_id).value("state", ""), "referred");
  auto up = c.http().Send(
      "POST", "/api/v1/cases/" + std::to_string(r_id) + "/attachments?filename=scan.png",
      TinyPng(),
      {{"Authorization", "Bearer " + c.Token("agent")}, {"Content-Type", "image/png"}});
  ASSERT_EQ(up.status, 201) << up.body;
  const auto attachment_id = Json::parse(up.body).at("id").get<std::int64_t>();
  // Released to the unit by the dispatcher (withheld until then, decision 0018), so the walk
  // reads it and its name.
  auto released = c.http().Send("POST",
                                "/api/v1/cases/" + std::to_string(r_id) + "/attachments/" +
                                    std::to_string(attachment_id) + "/release",
                                "", {{"Authorization", "Bearer " + c.Token("dispatcher")}});
  ASSERT_EQ(released.status, 200) << released.body;

  // N: the same citizen through the portal, under review (not referred).
  std::string n_code;
  const auto conduct_public = c.PublicCategoryId("CONDUCT");
  const auto n_id = c.SubmitPortal(
      {{"type", "criticism"},
       {"category_id", conduct_public},
       {"description", "برای پیگیری با " + kEmail + " یا " + kLocalPhone + " تماس بگیرید."},
       {"requester", requester}},
      &n_code);
  ASSERT_NE(n_id, 0);
  c.Act("agent", n_id, "register");

  // M: the same citizen's meeting request, approved.
  Json m_case = c.CreateCase("agent", {{"type", "meeting_request"},
                                       {"category_id", c.IdOf("categories", "MEETING")},
                                       {"channel", "phone"},
                                       {"description", "ملاقات؛ شماره تماس " + kLocalPhone},
                                       {"requester", requester}});
  const auto m_id = m_case.value("id", std::int64_t{0});
  ASSERT_NE(m_id, 0);
  c.Act("agent", m_id, "register");
  c.Act("head", m_id, "approve",
        {{"date", "2026-12-22"}, {"time", "10:30"}, {"place", "دفتر ریاست"}});

  // The control: the dispatcher, who may see the requester, does see every marker, through the
  // same scanner, on the routes the walk reads.
  const std::string r_path = "/api/v1/cases/" + std::to_string(r_id);
  const std::set<std::string> in_case = Leaks(c.Get("dispatcher", r_path));
  for (const std::string& m :
       {kE164, kName, kEmail, kNationalId, std::string("digits ") + kPhoneCore}) {
    EXPECT_TRUE(in_case.count(m)) << "the dispatcher must see " << m << " in GET " << r_path
                                  << "; found: " << Joined(in_case);
  }
  EXPECT_TRUE(Leaks(c.Get("dispatcher", r_path + "/timeline")).count("digits " + kPhoneCore))
      << "the hold note is unmasked for the dispatcher";
  EXPECT_TRUE(Leaks(c.Get("dispatcher", r_path + "/extras")).count(kE164)) << "the SMS recipient";
  EXPECT_TRUE(Leaks(c.Get("dispatcher", "/api/v1/requesters/" + std::to_string(requester_id)))
                  .count(kNationalId));
  std::vector<std::string> unit_inbox;
  c.InboxIds("dispatcher", "unit", &unit_inbox);
  std::set<std::string> in_inbox;
  for (const auto& b : unit_inbox) {
    for (const auto& m : Leaks(b)) in_inbox.insert(m);
  }
  EXPECT_TRUE(in_inbox.count(kName)) << "the dispatcher's unit inbox shows the requester";

  // ---- The walk as the walker ------------------------------------------------------------
  const std::string token = c.Token(walker);
  const Json me = c.GetJson(walker, "/api/v1/auth/me");
  const std::string my_id = std::to_string(me.value("id", 0));
  const std::string my_unit =
      me.at("unit_id").is_number() ? std::to_string(me["unit_id"].get<int>()) : "1";
  Json visible_r = c.Case(walker, r_id);  // its ETag, for If-Match
  ASSERT_TRUE(visible_r.is_object());
  EXPECT_TRUE(visible_r.at("requester").is_null()) << visible_r.dump();

  auto doc_response = c.Get(walker, "/api/v1/openapi.json");
  ASSERT_EQ(doc_response.status, 200);
  const Json doc = Json::parse(doc_response.body);
  ASSERT_TRUE(doc.contains("paths"));

  const std::vector<std::string> case_ids{std::to_string(r_id), std::to_string(n_id),
                                          std::to_string(m_id), "999999"};
  const std::map<std::string, std::vector<std::string>> values{
      {"cases/{id}", case_ids},
      {"attachments/{attachment_id}", {std::to_string(attachment_id), "999999"}},
      {"actions/{action}",
       {"answer", "return_to_pr", "refer_for_action", "no_action", "close", "approve", "reopen",
        "malicious", "no_such_action"}},
      {"inbox/{name}", {"triage", "unit", "callbacks", "meetings", "mine", "nothing"}},
      {"units/{id}", {my_unit, std::to_string(inspect), "999999"}},
      {"categories/{id}", {std::to_string(r_case.value("category_id", 0)), "999999"}},
      {"sites/{id}", {std::to_string(r_case.value("site_id", 0)), "999999"}},
      {"users/{id}", {my_id, std::to_string(r_case.value("created_by", 0)), "999999"}},
      {"requesters/{id}", {std::to_string(requester_id), "999999"}},
      // Message ids are small in a fresh demo store; unit staff may resend none of them.
      {"messages/{id}", {"1", "2", "999999"}},
      // Survey links are bearer tokens sent to the citizen only; staff never see one.
      {"surveys/{token}", {"AAAAAAAAAAAAAAAAAAAAAA", "1"}},
      {"s/{token}", {"AAAAAAAAAAAAAAAAAAAAAA", "1"}},
      {"tags/{tag}", {"crisis", "%D8%B3%D9%8A%D9%88%D9%84"}},
      // The tag registry holds names and colours only; walkers may not change it.
      {"tags/{id}", {"1", "999999"}},
      // The portal's upload proves code and phone; staff walking it hold neither phone.
      {"requests/{code}", {r_case.value("tracking_code", std::string("1")), "1"}},
      // Administration: templates and calendars hold no requester; walkers are refused anyway.
      {"templates/{name}", {"registered", "no_such_template"}},
      {"calendars/{calendar}", {"units", "no_such_calendar"}},
      {"sla/{policy}", {"standard", "no_such_policy"}},
      {"workflows/{code}", {"basic", "no_such_workflow"}},
      // Calls: contact ids are small in a fresh demo store; the screen-pop and links name the
      // caller only to roles that take calls.
      {"contacts/{id}", {"1", "2", "3", "999999"}},
      {"callbacks/{id}", {"1", "999999"}},
      {"cti-sources/{id}", {"1", "999999"}},
      // Routing rules and monthly report schedules: administration, no requester; a schedule's
      // preview holds counts only. Walkers are refused anyway.
      {"routing-rules/{id}", {"1", "999999"}},
      {"report-schedules/{id}", {"1", "999999"}},
      {"blocked-numbers/{number}", {"0501234567", "%2B966501234567"}},
      // A telephone system's token is its own secret; a guessed one is refused.
      {"cti/{token}", {"not-a-token"}},
      // Open311 publishes reports to anyone: the referral's own, in both formats, must be as
      // masked as a unit's view.
      {"requests/{id}", {r_case.value("tracking_code", std::string("1")) + ".json",
                         r_case.value("tracking_code", std::string("1")) + ".xml", "1"}},
      {"tokens/{id}", {r_case.value("tracking_code", std::string("1")) + ".json", "1"}},
      {"services/{id}", {"no-such-service.json", "1"}},
      {"open311-clients/{id}", {"1", "999999"}},
  };

  struct Call {
    std::string method, path, body;
    bool if_match;
  };
  std::vector<Call> calls;
  std::set<std::string> unknown_placeholders;
  for (const auto& [tmpl, item] : doc.at("paths").items()) {
    // Expand the template: each {x} by the values for (previous segment, x).
    std::vector<std::string> paths{""};
    std::stringstream in(tmpl.substr(1));
    std::string segment, previous;
    while (std::getline(in, segment, '/')) {
      std::vector<std::string> choices{segment};
      if (!segment.empty() && segment.front() == '{') {
        auto v = values.find(previous + "/" + segment);
        if (v == values.end()) {
          unknown_placeholders.insert(tmpl);
          choices = {"1"};
        } else {
          choices = v->second;
        }
      }
      std::vector<std::string> next;
      for (const auto& p : paths) {
        for (const auto& ch : choices) next.push_back(p + "/" + ch);
      }
      paths = std::move(next);
      previous = segment;
    }
    std::set<std::string> methods{"GET"};
    for (const auto& [m, op] : item.items()) {
      std::string upper;
      for (char ch : m)
        upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
      if (upper == "GET" || upper == "POST" || upper == "PATCH" || upper == "PUT" ||
          upper == "DELETE") {
        methods.insert(upper);
      }
    }
    for (const auto& p : paths) {
      for (const auto& m : methods) {
        if (m == "POST" && tmpl == "/api/v1/auth/logout") continue;  // at the very end
        if (m == "GET") {
          calls.push_back({m, p, "", false});
        } else {
          calls.push_back({m, p, "{}", false});
          calls.push_back({m, p, "{}", true});
        }
      }
    }
  }
  EXPECT_TRUE(unknown_placeholders.empty())
      << "routes whose path parameters the walk cannot fill (teach it): "
      << Joined(unknown_placeholders);
  // Queries that name the citizen or their requests.
  const std::vector<std::string> queries{
      "/api/v1/cases?limit=200",
      "/api/v1/cases?status=referred&limit=200",
      "/api/v1/cases?requester_id=" + std::to_string(requester_id),
      "/api/v1/cases?unit_id=" + std::to_string(inspect) + "&limit=200",
      "/api/v1/cases?site_id=" + std::to_string(r_case.value("site_id", 0)),
      "/api/v1/inbox/unit?include=actions,extras",  // the rows' extras carry their messages
      "/api/v1/inbox/callbacks?include=extras",
      "/api/v1/requesters?phone=" + kLocalPhone,
      "/api/v1/requesters?phone=0935",
      "/api/v1/public/track?code=" + r_case.value("tracking_code", "") + "&phone=" + kLocalPhone};
  for (const auto& q : queries) {
    calls.push_back({"GET", q, "", false});
  }

  int answered_200 = 0;
  for (const auto& call : calls) {
    std::map<std::string, std::string> h{{"Authorization", "Bearer " + token}};
    if (!call.body.empty()) h["Content-Type"] = "application/json";
    if (call.if_match) h["If-Match"] = c.etag(r_id);
    HttpResponse r = c.http().Send(call.method, call.path, call.body, h);
    const std::string what = call.method + " " + call.path + (call.if_match ? " (If-Match)" : "") +
                             " as " + walker + " → " + std::to_string(r.status);
    EXPECT_GT(r.status, 0) << what;
    EXPECT_LT(r.status, 500) << what << ": " << r.body;
    const auto leaks = Leaks(r);
    EXPECT_TRUE(leaks.empty()) << what << " leaks " << Joined(leaks) << ":\n"
                               << r.body.substr(0, 4000);
    if (r.status == 200) ++answered_200;
  }
  // The walk really read things: the referred request and everything hanging off it.
  if (walker == "unit_staff") {
    EXPECT_EQ(c.Get(walker, r_path).status, 200);
    EXPECT_EQ(c.Get(walker, r_path + "/attachments/" + std::to_string(attachment_id)).status, 200);
    EXPECT_TRUE(c.InboxIds(walker, "unit").count(r_id));
    EXPECT_EQ(c.Get(walker, "/api/v1/cases/" + std::to_string(n_id)).status, 404);
    EXPECT_EQ(c.Get(walker, "/api/v1/cases/" + std::to_string(m_id)).status, 404);
  }
  EXPECT_GE(answered_200, 15) << "the walk must reach real data, not only errors";
  EXPECT_GE(calls.size(), 100u);

  // Logging out answers nothing about anyone either.
  const std::string other = c.FreshToken(walker);
  auto out =
      c.http().Send("POST", "/api/v1/auth/logout", "{}",
                    {{"Authorization", "Bearer " + other}, {"Content-Type", "application/json"}});
  EXPECT_LT(out.status, 500);
  EXPECT_TRUE(Leaks(out).empty()) << out.body;

  // And the walk left the referred request where it was.
  Json after = c.Case("dispatcher", r_id);
  EXPECT_EQ(after.value("state", ""), "referred");
  EXPECT_EQ(after.at("requester").value("phone", ""), kE164);
}

// The hidden requester's id is null in these users' views "so the id cannot link a citizen's
// requests" (src/http/README.md); filtering the list by requester_id must not link them either.
TEST_P(AnonymityWalk, RequesterFilterCannotLinkAHiddenCitizensRequests) {
  Center& c = *center_;
  const std::string walker = Walker();
  const Json requester{{"name", kName}, {"phone", kLocalPhone}};
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 2; ++i) {
    Json made = c.CreateCase("agent", {{"type", "complaint"},
                                       {"category_id", c.IdOf("categories", "CONDUCT")},
                                       {"channel", "phone"},
                                       {"description", "شکایت شماره " + std::to_string(i + 1)},
                                       {"requester", requester}});
    ASSERT_NE(made.value("id", std::int64_t{0}), 0);
    ids.push_back(made["id"].get<std::int64_t>());
    c.Act("agent", ids.back(), "register");
    c.Act("dispatcher", ids.back(), "refer_for_action", {{"unit_id", c.IdOf("units", "INSPECT")}});
  }
  const auto requester_id = c.Case("dispatcher", ids[0]).value("requester_id", std::int64_t{0});
  ASSERT_NE(requester_id, 0);
  // Both requests are readable by the walker...
  for (const auto id : ids)
    EXPECT_EQ(c.Get(walker, "/api/v1/cases/" + std::to_string(id)).status, 200);
  // ...but asking for "this citizen's requests" must not answer which they are.
  auto r = c.Get(walker, "/api/v1/cases?limit=200&requester_id=" + std::to_string(requester_id));
  const Json j = Json::parse(r.body, nullptr, false);
  const bool refused = r.status == 403;
  const bool empty = r.status == 200 && j.is_object() && j.value("items", Json::array()).empty();
  EXPECT_TRUE(refused || empty) << walker
                                << " links a hidden citizen's requests by requester_id: HTTP "
                                << r.status << " " << r.body.substr(0, 600);
  // The dispatcher, who sees the citizen, may.
  Json mine = c.GetJson("dispatcher",
                        "/api/v1/cases?limit=200&requester_id=" + std::to_string(requester_id));
  EXPECT_EQ(mine.value("items", Json::array()).size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(
    Walkers, AnonymityWalk,
    ::testing::Values(std::make_tuple(std::string("unit_staff"), std::string("sqlite")),
                      std::make_tuple(std::string("unit_staff"), std::string("postgres")),
                      std::make_tuple(std::string("analyst"), std::string("sqlite"))),
    [](const auto& info) { return std::get<0>(info.param) + "_" + std::get<1>(info.param); });

}  // namespace
}  // namespace tawasul::testing
