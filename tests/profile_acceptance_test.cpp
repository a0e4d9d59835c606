// Acceptance: each of the five profiles' documented flows (docs/profiles.md, the workflow files,
// /work/shared/DOMAIN.md "The flows"), driven end to end through the HTTP API of a real
// `tawasul serve` process as the users who do each step. After every action: the state and
// coarse status, the messages queued for the citizen (template, E.164 recipient, language, the
// tracking code / meeting date in the center's calendar / place in the text), the inboxes that
// list the request, and, where a unit gets it, that the unit sees it anonymized.
// SQLite always; the muscat-1111 and pr-center scenarios (and the actions every profile shares)
// also on PostgreSQL (TAWASUL_TEST_PG).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "support/center.hpp"

namespace tawasul::testing {
namespace {

const std::string kAgent = "agent";
const std::string kDispatcher = "dispatcher";
const std::string kUnitStaff = "unit_staff";
const std::string kHead = "head";

using Inboxes = std::set<std::string>;

std::int64_t IdOf(const Json& c) {
  return c.is_object() && c.contains("id") && c["id"].is_number_integer()
             ? c["id"].get<std::int64_t>()
             : 0;
}

std::string Str(const Json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>()
                                                                : std::string();
}

/// The unit sees the request, but not who sent it: no requester object, no requester id, and
/// none of the given identity strings anywhere in the body.
void ExpectAnonymized(const Json& c, const std::vector<std::string>& identity) {
  ASSERT_TRUE(c.is_object()) << c.dump();
  EXPECT_TRUE(c.at("requester").is_null()) << c.dump();
  EXPECT_TRUE(c.at("requester_id").is_null()) << c.dump();
  EXPECT_EQ(c.value("requester_hidden", false), true) << c.dump();
  const std::string text = c.dump();
  for (const auto& s : identity) EXPECT_EQ(text.find(s), std::string::npos) << s << " in " << text;
}

void ExpectNoneOf(const std::string& body, const std::vector<std::string>& identity,
                  const std::string& where) {
  auto j = Json::parse(body, nullptr, false);
  const std::string decoded = j.is_discarded() ? body : j.dump();  // \u escapes decoded
  for (const auto& s : identity) {
    EXPECT_EQ(body.find(s), std::string::npos) << s << " in " << where << ": " << body;
    EXPECT_EQ(decoded.find(s), std::string::npos) << s << " in " << where << ": " << decoded;
  }
}

/// Everything a unit's staff member reads about request `id` (the request, its timeline,
/// extras, actions, attachments, their inboxes and the list) holds none of `identity`.
void ExpectUnitSeesNoIdentity(Center& center, std::int64_t id,
                              const std::vector<std::string>& identity) {
  const std::string base = "/api/v1/cases/" + std::to_string(id);
  for (const std::string& path : {base, base + "/timeline", base + "/extras", base + "/actions",
                                  base + "/attachments", std::string("/api/v1/cases?limit=200")}) {
    auto r = center.Get(kUnitStaff, path);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    ExpectNoneOf(r.body, identity, path);
  }
  std::vector<std::string> bodies;
  EXPECT_TRUE(center.InboxIds(kUnitStaff, "unit", &bodies).count(id));
  for (const auto& b : bodies) ExpectNoneOf(b, identity, "inbox unit");
  // Their copies of the messages carry no recipient.
  Json extras = center.Extras(kUnitStaff, id);
  for (const auto& m : extras.value("messages", Json::array())) {
    EXPECT_EQ(m.value("recipient", "x"), "") << m.dump();
  }
}

std::string TrackPath(const std::string& code, const std::string& phone) {
  return "/api/v1/public/track?code=" + code + "&phone=" + phone;
}

// ============================================================================================
// mosques-8940: follow-up until solved (Jalali calendar, fa/en)
// ============================================================================================

class Mosques8940 : public CenterTest, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override { StartCenter("mosques-8940", GetParam()); }
};

TEST_P(Mosques8940, FollowUpUntilSolvedWithNotSolvedReopenAndDirectAnswer) {
  Center& c = *center_;
  const std::string phone = "+989128453017";
  const auto funding = c.IdOf("units", "EXP-FUNDING");
  Json created = c.CreateCase(
      kAgent,
      {{"type", "complaint"},
       {"category_id", c.IdOf("categories", "MI-FUNDING")},
       {"channel", "phone"},
       {"site_id", c.IdOf("sites", "MSQ-THR-001")},
       {"description",
        "کمک‌هزینه برنامه‌های کانون هنوز واریز نشده "
        "است."},
       {"requester", {{"name", "حسین قاسمی‌نژاد"}, {"phone", "0912 845 3017"}}}});
  const auto id = IdOf(created);
  ASSERT_NE(id, 0);
  const std::string code = Str(created, "tracking_code");
  EXPECT_EQ(created.value("workflow", ""), "mosque_followup");
  ExpectState(created, "new", "new");
  EXPECT_EQ(created.at("requester").value("phone", ""), phone);
  EXPECT_TRUE(c.Extras(kDispatcher, id).at("messages").empty())
      << "nothing is sent before registration";
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"triage"});
  EXPECT_TRUE(c.InboxIds(kAgent, "mine").count(id));
  c.Case(kUnitStaff, id, 404);

  // Registered: the tracking code goes out by SMS.
  auto r = c.Act(kAgent, id, "register");
  ExpectState(r.c, "dispatched", "dispatched");
  ExpectTemplates(r.queued, {"registered"});
  ExpectSms(OneMessage(r.queued, "registered"), "registered", phone, "fa", {code, "۸۹۴۰"});
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"triage"});

  // Not the dispatcher's to answer as the expert area: 409 naming what is allowed.
  ExpectNotAllowed(c.TryAct(kDispatcher, id, "answer", {{"answer", "x"}}),
                   {"answer_directly", "refer", "hold", "transfer", "merge", "malicious"});

  // Referred to the category's default expert area (the unit staff's).
  r = c.Act(kDispatcher, id, "refer");
  ExpectState(r.c, "referred", "referred");
  EXPECT_EQ(r.c.value("unit_id", 0), funding);
  ExpectTemplates(r.queued, {"referred"});
  ExpectSms(OneMessage(r.queued, "referred"), "referred", phone, "fa", {code});
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"unit"});
  EXPECT_EQ(c.InboxesOf(kUnitStaff, id), Inboxes{"unit"});
  ExpectAnonymized(c.Case(kUnitStaff, id), {phone, "قاسمی‌نژاد", "9128453017"});

  // The follow-up expert chases the expert area; the note lands on the timeline.
  r = c.Act(kDispatcher, id, "chase", {{"note", "پیگیری تلفنی از کارشناس حمایت"}});
  ExpectState(r.c, "referred", "referred");
  ExpectTemplates(r.queued, {});
  ExpectActionOnTimeline(c.Timeline(kDispatcher, id), "chase", "پیگیری تلفنی");

  EXPECT_EQ(c.Actions(kUnitStaff, id), (std::set<std::string>{"return_to_followup", "answer"}));
  r = c.Act(kUnitStaff, id, "answer",
            {{"answer", "کمک‌هزینه امروز واریز شد."}});
  ExpectState(r.c, "answered", "answered");
  EXPECT_EQ(r.c.value("public_answer", ""), "کمک‌هزینه امروز واریز شد.");
  ExpectTemplates(r.queued, {});
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"callbacks"});
  EXPECT_EQ(c.InboxesOf(kUnitStaff, id), Inboxes{});

  // The requester says it is not solved: back to the expert area.
  r = c.Act(kDispatcher, id, "not_solved",
            {{"reason", "متقاضی می‌گوید هنوز واریز نشده"}});
  ExpectState(r.c, "referred", "referred");
  EXPECT_EQ(c.InboxesOf(kUnitStaff, id), Inboxes{"unit"});
  r = c.Act(kUnitStaff, id, "answer", {{"answer", "واریز با شماره پیگیری بانکی انجام شد."}});
  ExpectState(r.c, "answered", "answered");

  r = c.Act(kDispatcher, id, "close");
  ExpectState(r.c, "closed", "closed");
  ExpectTemplates(r.queued, {"resolved"});
  ExpectSms(OneMessage(r.queued, "resolved"), "resolved", phone, "fa", {code, "مختومه"});
  ExpectSurveyIfAny(r.queued, phone, code);
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{});
  Json tracked = c.GetJson("", TrackPath(code, "09128453017"));
  EXPECT_EQ(tracked.value("status", ""), "closed");
  EXPECT_EQ(tracked.value("public_answer", ""), "واریز با شماره پیگیری بانکی انجام شد.");

  // Reopened within the 30-day window, then answered directly by the follow-up expert.
  r = c.Act(kAgent, id, "reopen", {{"reason", "متقاضی راضی نیست"}});
  ExpectState(r.c, "dispatched", "dispatched");
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"triage"});
  ExpectActionOnTimeline(c.Timeline(kDispatcher, id), "reopen", "متقاضی راضی نیست");
  r = c.Act(kDispatcher, id, "answer_directly", {{"answer", "با مدیر کانون هماهنگ شد."}});
  ExpectState(r.c, "closed", "closed");
  ExpectSms(OneMessage(r.queued, "resolved"), "resolved", phone, "fa", {code});
  ExpectSurveyIfAny(r.queued, phone, code);

  Json extras = c.Extras(kDispatcher, id);
  ExpectTemplates(extras.at("messages"), {"registered", "referred", "resolved", "resolved"});
  for (const auto& m : extras.at("messages")) EXPECT_EQ(m.value("recipient", ""), phone);
  // The expert area's copy: no recipient, and the tracking code masked like any long number.
  const Json unit_extras = c.Extras(kUnitStaff, id);
  for (const auto& m : unit_extras.at("messages")) {
    EXPECT_EQ(m.value("recipient", "x"), "");
    EXPECT_EQ(m.value("body", "").find(code), std::string::npos) << m.dump();
  }
}

TEST_P(Mosques8940, ProgramInquiryIsAnsweredAtFirstContactInTheCitizensLanguage) {
  Center& c = *center_;
  Json created = c.CreateCase(
      kAgent,
      {{"type", "inquiry"},
       {"category_id", c.IdOf("categories", "PG-EVENTS")},
       {"channel", "chat"},
       {"description", "مهلت ارسال اثر برای جشنواره سرود؟"},
       {"requester", {{"name", "Amir Rezaei"}, {"phone", "09358612001"}, {"language", "en"}}}});
  const auto id = IdOf(created);
  ASSERT_NE(id, 0);
  EXPECT_EQ(created.value("workflow", ""), "inquiry");
  ExpectState(created, "new", "new");
  auto r = c.Act(kAgent, id, "answer_and_close", {{"answer", "Until the end of Bahman."}});
  ExpectState(r.c, "closed", "closed");
  ExpectSms(OneMessage(r.queued, "answered"), "answered", "+989358612001", "en",
            {Str(created, "tracking_code"), "has been answered"});
  ExpectSurveyIfAny(r.queued, "+989358612001", Str(created, "tracking_code"));
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{});
}

INSTANTIATE_TEST_SUITE_P(Stores, Mosques8940, ::testing::Values("sqlite"),
                         [](const auto& info) { return info.param; });

// ============================================================================================
// moia-1933: report follow-up with the competent department of a branch; violation reports
// ============================================================================================

class Moia1933 : public CenterTest, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override { StartCenter("moia-1933", GetParam()); }
};

TEST_P(Moia1933, ReportIsFollowedUpWithTheCompetentBranchDepartment) {
  Center& c = *center_;
  const std::string phone = "+966553827164";
  EXPECT_EQ(c.GetJson(kAgent, "/api/v1/installation").value("calendar", ""), "islamic-umalqura");
  Json created = c.CreateCase(
      kAgent, {{"type", "complaint"},
               {"category_id", c.IdOf("categories", "MAINT-AC")},
               {"channel", "phone"},
               {"site_id", c.IdOf("sites", "MSQ-RYD-0002")},
               {"description", "التكييف في المصلى متوقف منذ يومين"},
               {"requester", {{"name", "فهد بن سعد المطيري"}, {"phone", "055 382 7164"}}}});
  const auto id = IdOf(created);
  ASSERT_NE(id, 0);
  const std::string code = Str(created, "tracking_code");
  EXPECT_EQ(created.value("workflow", ""), "report_followup");
  ExpectState(created, "new", "new");
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"triage"});

  auto r = c.Act(kAgent, id, "dispatch");
  ExpectState(r.c, "dispatched", "dispatched");
  ExpectSms(OneMessage(r.queued, "registered"), "registered", phone, "ar",
            {code, "تم تسجيل بلاغكم"});
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"triage"});

  // The officer must pick the branch: refer needs a unit, and a refused action changes nothing.
  ExpectProblem(c.TryAct(kDispatcher, id, "refer"), 422, "inputs.unit_id");
  ExpectState(c.Case(kDispatcher, id), "dispatched", "dispatched");

  // First to the Makkah branch: the Riyadh maintenance staff do not see it at all.
  r = c.Act(kDispatcher, id, "refer", {{"unit_id", c.IdOf("units", "MAK-MAINT")}});
  ExpectState(r.c, "referred", "referred");
  ExpectSms(OneMessage(r.queued, "referred"), "referred", phone, "ar", {code, "أحيل بلاغكم"});
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"unit"});
  c.Case(kUnitStaff, id, 404);
  EXPECT_FALSE(c.InboxIds(kUnitStaff, "unit").count(id));
  // Re-referred to Riyadh maintenance (the mosque is in Riyadh).
  const auto riyadh = c.IdOf("units", "RYD-MAINT");
  r = c.Act(kDispatcher, id, "refer", {{"unit_id", riyadh}});
  ExpectState(r.c, "referred", "referred");
  EXPECT_EQ(r.c.value("unit_id", 0), riyadh);
  EXPECT_EQ(c.InboxesOf(kUnitStaff, id), Inboxes{"unit"});
  ExpectAnonymized(c.Case(kUnitStaff, id), {phone, "المطيري", "553827164"});

  // Not the department's: returned to the center, then referred back.
  r = c.Act(kUnitStaff, id, "return_to_center", {{"reason", "يتبع صيانة فرع آخر"}});
  ExpectState(r.c, "dispatched", "dispatched");
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"triage"});
  EXPECT_EQ(c.InboxesOf(kUnitStaff, id), Inboxes{});
  r = c.Act(kDispatcher, id, "refer", {{"unit_id", riyadh}});
  ExpectState(r.c, "referred", "referred");

  r = c.Act(kUnitStaff, id, "answer", {{"answer", "تم إصلاح وحدة التكييف"}});
  ExpectState(r.c, "answered", "answered");
  ExpectTemplates(r.queued, {});
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"callbacks"});
  r = c.Act(kDispatcher, id, "return_to_unit", {{"reason", "المكيف الثاني ما زال معطلًا"}});
  ExpectState(r.c, "referred", "referred");
  EXPECT_EQ(c.InboxesOf(kUnitStaff, id), Inboxes{"unit"});
  r = c.Act(kUnitStaff, id, "answer", {{"answer", "تم إصلاح المكيفين"}});
  ExpectState(r.c, "answered", "answered");

  r = c.Act(kDispatcher, id, "inform_and_close");
  ExpectState(r.c, "closed", "closed");
  ExpectSms(OneMessage(r.queued, "resolved"), "resolved", phone, "ar", {code, "تمت معالجة بلاغكم"});
  ExpectSurveyIfAny(r.queued, phone, code);
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{});
  EXPECT_EQ(c.GetJson("", TrackPath(code, "0553827164")).value("public_answer", ""),
            "تم إصلاح المكيفين");
  ExpectTemplates(c.Extras(kDispatcher, id).at("messages"),
                  {"registered", "referred", "referred", "referred", "resolved"});
}

TEST_P(Moia1933, ViolationReportsAreVerifiedAndTheReporterThanked) {
  Center& c = *center_;
  const auto riyadh = c.IdOf("units", "RYD-MAINT");
  // An anonymous report: handled the same, but nobody to tell.
  Json anon = c.CreateCase(kAgent, {{"type", "violation_report"},
                                    {"category_id", c.IdOf("categories", "SPK-MISUSE")},
                                    {"channel", "phone"},
                                    {"description", "استخدام مكبرات الصوت الخارجية في غير الأذان"},
                                    {"requester", nullptr}});
  const auto anon_id = IdOf(anon);
  ASSERT_NE(anon_id, 0);
  EXPECT_EQ(anon.value("workflow", ""), "violation_followup");
  EXPECT_EQ(anon.value("anonymous", false), true);
  auto r = c.Act(kAgent, anon_id, "dispatch");
  ExpectState(r.c, "dispatched", "dispatched");
  ExpectTemplates(r.queued, {});
  bool skipped = false;
  for (const auto& e : c.Timeline(kDispatcher, anon_id)) {
    if (e.value("kind", "") == "notification" && e.value("to", "") == "registered" &&
        e.value("note", "").find("not sent") != std::string::npos) {
      skipped = true;
    }
  }
  EXPECT_TRUE(skipped) << "the unsent SMS is noted on the timeline";
  r = c.Act(kDispatcher, anon_id, "refer", {{"unit_id", riyadh}});
  ExpectState(r.c, "referred", "referred");
  EXPECT_EQ(c.InboxesOf(kUnitStaff, anon_id), Inboxes{"unit"});
  r = c.Act(kUnitStaff, anon_id, "answer", {{"answer", "تم التحقق وإنذار المسجد"}});
  ExpectState(r.c, "answered", "answered");
  r = c.Act(kDispatcher, anon_id, "inform_and_close");
  ExpectState(r.c, "closed", "closed");
  ExpectTemplates(r.queued, {});
  ExpectNoSurvey(r.queued);

  // A named reporter through the portal gets the violation thank-you.
  const auto portal_category = c.PublicCategoryId("SPK-MISUSE");
  std::string code;
  const auto id =
      c.SubmitPortal({{"type", "violation_report"},
                      {"category_id", portal_category},
                      {"description", "مكبر الصوت الخارجي يستخدم للدروس بعد العشاء"},
                      {"requester", {{"name", "سعد الغامدي"}, {"phone", "0559182736"}}}},
                     &code);
  ASSERT_NE(id, 0);
  Json v = c.Case(kDispatcher, id);
  EXPECT_EQ(v.value("workflow", ""), "violation_followup");
  EXPECT_EQ(v.value("channel", ""), "portal");
  EXPECT_TRUE(v.at("created_by").is_null());
  ExpectState(v, "new", "new");
  r = c.Act(kAgent, id, "dispatch");
  ExpectSms(OneMessage(r.queued, "registered"), "registered", "+966559182736", "ar", {code});
  r = c.Act(kDispatcher, id, "refer", {{"unit_id", riyadh}});
  ExpectSms(OneMessage(r.queued, "referred"), "referred", "+966559182736", "ar", {code});
  r = c.Act(kUnitStaff, id, "answer", {{"answer", "تمت المخالفة وإنذار الإمام"}});
  ExpectState(r.c, "answered", "answered");
  r = c.Act(kDispatcher, id, "inform_and_close");
  ExpectState(r.c, "closed", "closed");
  ExpectTemplates(r.queued, {"violation_closed"});
  ExpectSms(OneMessage(r.queued, "violation_closed"), "violation_closed", "+966559182736", "ar",
            {code, "شكرًا لبلاغكم"});
  ExpectSurveyIfAny(r.queued, "+966559182736", code);
}

INSTANTIATE_TEST_SUITE_P(Stores, Moia1933, ::testing::Values("sqlite"),
                         [](const auto& info) { return info.param; });

// ============================================================================================
// iacad-dubai: a CRM request executed within its time, walk-in and English-speaking citizens
// ============================================================================================

class IacadDubai : public CenterTest, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override { StartCenter("iacad-dubai", GetParam()); }
};

TEST_P(IacadDubai, CrmRequestIsAcknowledgedHeldReferredAnsweredClosedAndReopened) {
  Center& c = *center_;
  const std::string phone = "+971529384756";
  const auto eng = c.IdOf("units", "DEP-MOSQ-ENG");
  Json created = c.CreateCase(
      kAgent, {{"type", "complaint"},
               {"category_id", c.IdOf("categories", "MSQ-MAINT")},
               {"channel", "walk_in"},
               {"site_id", c.IdOf("sites", "MSQ-DXB-0006")},
               {"description", "The courtyard lights have been off for a week."},
               {"requester",
                {{"name", "James Whitfield"}, {"phone", "052 938 4756"}, {"language", "en"}}}});
  const auto id = IdOf(created);
  ASSERT_NE(id, 0);
  const std::string code = Str(created, "tracking_code");
  EXPECT_EQ(created.value("workflow", ""), "crm_request");
  EXPECT_EQ(created.value("channel", ""), "walk_in");
  ExpectState(created, "new", "new");

  auto r = c.Act(kAgent, id, "acknowledge");
  ExpectState(r.c, "dispatched", "dispatched");
  ExpectSms(OneMessage(r.queued, "registered"), "registered", phone, "en", {code, "is received"});
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"triage"});

  r = c.Act(kDispatcher, id, "hold", {{"reason", "a photo of the broken lights"}});
  ExpectState(r.c, "on_hold", "on_hold");
  ExpectSms(OneMessage(r.queued, "info_needed"), "info_needed", phone, "en",
            {code, "a photo of the broken lights"});
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"triage"});
  r = c.Act(kAgent, id, "resume");
  ExpectState(r.c, "dispatched", "dispatched");

  r = c.Act(kDispatcher, id, "refer");
  ExpectState(r.c, "referred", "referred");
  EXPECT_EQ(r.c.value("unit_id", 0), eng);
  ExpectSms(OneMessage(r.queued, "referred"), "referred", phone, "en", {code, "referred"});
  EXPECT_EQ(c.InboxesOf(kUnitStaff, id), Inboxes{"unit"});
  ExpectAnonymized(c.Case(kUnitStaff, id), {phone, "Whitfield", "529384756"});

  r = c.Act(kUnitStaff, id, "answer", {{"answer", "The lighting circuit was repaired."}});
  ExpectState(r.c, "answered", "answered");
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"triage"})
      << "iacad's CRM team reviews answers in triage";
  EXPECT_EQ(c.InboxesOf(kUnitStaff, id), Inboxes{});
  r = c.Act(kDispatcher, id, "close");
  ExpectState(r.c, "closed", "closed");
  ExpectSms(OneMessage(r.queued, "resolved"), "resolved", phone, "en", {code, "is complete"});
  ExpectSurveyIfAny(r.queued, phone, code);

  // Reopened within the 10-day window; the CRM team resolves it directly this time.
  r = c.Act(kAgent, id, "reopen", {{"reason", "Two lamps are still off"}});
  ExpectState(r.c, "dispatched", "dispatched");
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"triage"});
  r = c.Act(kDispatcher, id, "resolve_directly", {{"answer", "Lamps replaced the same day."}});
  ExpectState(r.c, "closed", "closed");
  EXPECT_EQ(r.c.value("public_answer", ""), "Lamps replaced the same day.");
  ExpectSms(OneMessage(r.queued, "resolved"), "resolved", phone, "en", {code});
  ExpectSurveyIfAny(r.queued, phone, code);
  ExpectTemplates(c.Extras(kDispatcher, id).at("messages"),
                  {"registered", "info_needed", "referred", "resolved", "resolved"});
}

TEST_P(IacadDubai, GeneralInquiryIsAnsweredAtFirstContact) {
  Center& c = *center_;
  Json created = c.CreateCase(kAgent, {{"type", "inquiry"},
                                       {"category_id", c.IdOf("categories", "GENERAL")},
                                       {"channel", "phone"},
                                       {"description", "مواعيد دروس اللغة العربية للمهتدين الجدد"},
                                       {"requester", {{"name", "خالد"}, {"phone", "0561239874"}}}});
  const auto id = IdOf(created);
  ASSERT_NE(id, 0);
  EXPECT_EQ(created.value("workflow", ""), "inquiry");
  auto r = c.Act(kAgent, id, "answer_and_close", {{"answer", "كل أحد وثلاثاء مساءً"}});
  ExpectState(r.c, "closed", "closed");
  ExpectSms(OneMessage(r.queued, "answered"), "answered", "+971561239874", "ar",
            {Str(created, "tracking_code")});
  ExpectSurveyIfAny(r.queued, "+971561239874", Str(created, "tracking_code"));
}

INSTANTIATE_TEST_SUITE_P(Stores, IacadDubai, ::testing::Values("sqlite"),
                         [](const auto& info) { return info.param; });

// ============================================================================================
// muscat-1111: the three-line flow, with the callback and its give-up
// ============================================================================================

class Muscat1111 : public CenterTest, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override { StartCenter("muscat-1111", GetParam()); }
};

TEST_P(Muscat1111, ThreeLineFlowEndsWithTheCallback) {
  Center& c = *center_;
  const std::string phone = "+96899887766";
  const auto waste = c.IdOf("units", "DEP-WASTE");
  // 1. The agent opens a new page: the caller's data, the details, the classification.
  Json created = c.CreateCase(
      kAgent, {{"type", "complaint"},
               {"category_id", c.IdOf("categories", "WASTE")},
               {"channel", "phone"},
               {"site_id", c.IdOf("sites", "AREA-KHOUDH-6")},
               {"description", "لم تُرفع النفايات منذ خمسة أيام"},
               {"requester", {{"name", "سالم بن راشد العبري"}, {"phone", "9988 7766"}}}});
  const auto id = IdOf(created);
  ASSERT_NE(id, 0);
  const std::string code = Str(created, "tracking_code");
  EXPECT_EQ(created.value("workflow", ""), "three_line");
  EXPECT_EQ(created.at("requester").value("phone", ""), phone);
  EXPECT_TRUE(c.InboxIds(kAgent, "mine").count(id));
  c.Case(kUnitStaff, id, 404);

  // 2. Registering sends it to line 2 in the same step (the workflow's start_with), with the
  // tracking code by SMS; the timeline shows the step taken by the agent.
  ExpectState(created, "dispatched", "dispatched");
  const Json messages = c.Extras(kDispatcher, id).at("messages");
  ExpectTemplates(messages, {"registered"});
  ExpectSms(OneMessage(messages, "registered"), "registered", phone, "ar", {code, "بلدية مسقط"});
  ExpectActionOnTimeline(c.Timeline(kDispatcher, id), "register", "");
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"triage"});
  EXPECT_EQ(c.InboxesOf(kAgent, id), Inboxes{"triage"});
  c.Case(kUnitStaff, id, 404);

  // 3. Line 2 delivers it to the competent department (the category's).
  auto r = c.Act(kDispatcher, id, "refer");
  ExpectState(r.c, "referred", "referred");
  EXPECT_EQ(r.c.value("unit_id", 0), waste);
  ExpectTemplates(r.queued, {});
  bool first_response_stopped = false;
  for (const auto& e : c.Timeline(kDispatcher, id)) {
    if (e.value("kind", "") == "clock" && e.value("field", "") == "first_response" &&
        e.value("to", "") == "stop") {
      first_response_stopped = true;
    }
  }
  EXPECT_TRUE(first_response_stopped);
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"unit"});
  EXPECT_EQ(c.InboxesOf(kUnitStaff, id), Inboxes{"unit"});
  ExpectAnonymized(c.Case(kUnitStaff, id), {phone, "العبري", "99887766"});

  // Not this department's? It goes back to line 2, which delivers it again.
  r = c.Act(kUnitStaff, id, "return_to_line2", {{"reason", "يتبع بلدية السيب"}});
  ExpectState(r.c, "dispatched", "dispatched");
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"triage"});
  EXPECT_EQ(c.InboxesOf(kUnitStaff, id), Inboxes{});
  r = c.Act(kDispatcher, id, "refer", {{"unit_id", waste}});
  ExpectState(r.c, "referred", "referred");

  // 3b. Line 3 needs a detail only the reporter has; referrals reach it anonymized, so it asks
  // line 2, who asks the reporter and passes the answer on; the unit reads it on the timeline,
  // with the workflow's names for the action and the states.
  r = c.Act(kUnitStaff, id, "ask_info", {{"question", "أين موقع الحاوية بالضبط؟"}});
  ExpectState(r.c, "info_requested", "dispatched");
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"triage"});
  EXPECT_EQ(c.InboxesOf(kUnitStaff, id), Inboxes{});
  ExpectNotAllowed(c.TryAct(kUnitStaff, id, "answer"), {});
  r = c.Act(kDispatcher, id, "provide_info", {{"info", "خلف سوق الخضار"}});
  ExpectState(r.c, "referred", "referred");
  const Json unit_timeline = c.Timeline(kUnitStaff, id);
  ExpectActionOnTimeline(unit_timeline, "provide_info", "info=خلف سوق الخضار");
  bool labelled = false;
  for (const auto& e : unit_timeline) {
    if (e.value("field", "") != "ask_info") continue;
    labelled = e.contains("action_label") && e.contains("to_label");
    EXPECT_EQ(e.at("to_label").value("en", ""), "The body asks for information (with line 2)");
    EXPECT_FALSE(e.value("actor_name", "").empty()) << "who asked, by name: " << e.dump();
  }
  EXPECT_TRUE(labelled) << unit_timeline.dump();

  // 4. Line 3 solves it and returns the answer.
  r = c.Act(kUnitStaff, id, "answer", {{"answer", "تم رفع النفايات وتنظيف الموقع"}});
  ExpectState(r.c, "answered", "answered");
  ExpectTemplates(r.queued, {});
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"callbacks"});
  EXPECT_EQ(c.InboxesOf(kUnitStaff, id), Inboxes{});
  ExpectNotAllowed(c.TryAct(kUnitStaff, id, "start_callback"), {});
  Json tracked = c.GetJson("", TrackPath(code, "99887766"));
  EXPECT_EQ(tracked.value("status", ""), "answered");
  EXPECT_EQ(tracked.value("public_answer", ""), "تم رفع النفايات وتنظيف الموقع");

  // 5. Line 2 calls the reporter back: no answer first (nothing sent), then reached: closed.
  r = c.Act(kDispatcher, id, "start_callback");
  ExpectState(r.c, "callback", "callback");
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"callbacks"});
  EXPECT_EQ(c.Actions(kDispatcher, id),
            (std::set<std::string>{"call_back_reached", "call_back_failed",
                                   "close_without_callback", "merge", "malicious"}));
  ExpectProblem(c.TryAct(kDispatcher, id, "call_back_reached", {{"outcome", "no_answer"}}), 422,
                "inputs.outcome");
  r = c.Act(kDispatcher, id, "call_back_failed", {{"outcome", "no_answer"}});
  ExpectState(r.c, "callback", "callback");
  ExpectTemplates(r.queued, {});  // nothing is announced to a reporter not reached
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"callbacks"});
  r = c.Act(kDispatcher, id, "call_back_reached",
            {{"outcome", "reached"}, {"note", "المتصل شكر البلدية"}});
  ExpectState(r.c, "closed", "closed");
  ExpectTemplates(r.queued, {"resolved"});
  ExpectSms(OneMessage(r.queued, "resolved"), "resolved", phone, "ar", {code, "تم حل بلاغكم"});
  ExpectSurveyIfAny(r.queued, phone, code);
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{});

  Json extras = c.Extras(kDispatcher, id);
  ASSERT_EQ(extras.at("callbacks").size(), 2u) << extras.dump();
  EXPECT_EQ(extras["callbacks"][0].value("outcome", ""), "no_answer");
  EXPECT_EQ(extras["callbacks"][1].value("outcome", ""), "reached");
  ExpectTemplates(extras.at("messages"), {"registered", "resolved"});
  ExpectActionOnTimeline(c.Timeline(kDispatcher, id), "call_back_reached", "outcome=reached");
}

TEST_P(Muscat1111, CallbackGivesUpAfterTheMaximumAttemptsAndClosesWithAnSms) {
  Center& c = *center_;
  const std::string phone = "+96892345670";
  // Filed on the portal by an English-speaking resident.
  const auto light = c.PublicCategoryId("STREETLIGHT");
  std::string code;
  const auto id = c.SubmitPortal(
      {{"type", "report"},
       {"category_id", light},
       {"description", "Street lights on the back road are off."},
       {"requester", {{"name", "Maryam Al Balushi"}, {"phone", "9234 5670"}, {"language", "en"}}}},
      &code);
  ASSERT_NE(id, 0);
  // A portal report goes to line 2 at once too, with its SMS.
  ExpectState(c.Case(kDispatcher, id), "dispatched", "dispatched");
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"triage"});
  EXPECT_EQ(c.GetJson("", TrackPath(code, "92345670")).value("status", ""), "dispatched");
  ExpectSms(OneMessage(c.Extras(kDispatcher, id).at("messages"), "registered"), "registered",
            phone, "en", {code, "your report is registered"});
  // Delivered to street lighting: the waste department's staff cannot see it...
  auto r = c.Act(kDispatcher, id, "refer");
  EXPECT_EQ(r.c.value("unit_id", 0), c.IdOf("units", "DEP-LIGHTING"));
  c.Case(kUnitStaff, id, 404);
  EXPECT_FALSE(c.InboxIds(kUnitStaff, "unit").count(id));
  // ...until line 2 passes it on to them.
  r = c.Act(kDispatcher, id, "refer", {{"unit_id", c.IdOf("units", "DEP-WASTE")}});
  ExpectState(r.c, "referred", "referred");
  EXPECT_EQ(c.InboxesOf(kUnitStaff, id), Inboxes{"unit"});
  r = c.Act(kUnitStaff, id, "answer", {{"answer", "Lamps replaced."}});
  ExpectState(r.c, "answered", "answered");
  r = c.Act(kDispatcher, id, "start_callback");
  ExpectState(r.c, "callback", "callback");

  // callback_max_attempts = 3: two failures keep it in callback and send nothing...
  for (const char* outcome : {"no_answer", "busy"}) {
    r = c.Act(kDispatcher, id, "call_back_failed", {{"outcome", outcome}});
    ExpectState(r.c, "callback", "callback");
    ExpectTemplates(r.queued, {});
    EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"callbacks"});
  }
  // ...the third closes it with the callback_failed SMS, and only that one.
  r = c.Act(kDispatcher, id, "call_back_failed", {{"outcome", "wrong_number"}});
  ExpectState(r.c, "closed", "closed");
  ExpectTemplates(r.queued, {"callback_failed"});
  ExpectSms(OneMessage(r.queued, "callback_failed"), "callback_failed", phone, "en",
            {code, "could not reach you"});
  ExpectSurveyIfAny(r.queued, phone, code);
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{});
  Json extras = c.Extras(kDispatcher, id);
  ASSERT_EQ(extras.at("callbacks").size(), 3u) << extras.dump();
  EXPECT_EQ(extras["callbacks"][2].value("outcome", ""), "wrong_number");
  ExpectTemplates(extras.at("messages"), {"registered", "callback_failed"});
  ExpectNotAllowed(c.TryAct(kDispatcher, id, "call_back_reached", {{"outcome", "reached"}}),
                   {"reopen"});
}

TEST_P(Muscat1111, AnonymousReportClosesWithoutACallback) {
  Center& c = *center_;
  Json created = c.CreateCase(kAgent, {{"type", "report"},
                                       {"category_id", c.IdOf("categories", "DEBRIS")},
                                       {"channel", "phone"},
                                       {"description", "مخلفات بناء في الساحة العامة"},
                                       {"requester", nullptr}});
  const auto id = IdOf(created);
  ASSERT_NE(id, 0);
  EXPECT_EQ(created.value("anonymous", false), true);
  ExpectState(created, "dispatched", "dispatched");
  ExpectTemplates(c.Extras(kDispatcher, id).at("messages"), {});
  auto r = c.Act(kDispatcher, id, "refer");
  EXPECT_EQ(r.c.value("unit_id", 0), c.IdOf("units", "DEP-WASTE"));
  r = c.Act(kUnitStaff, id, "answer", {{"answer", "أزيلت المخلفات"}});
  ExpectState(r.c, "answered", "answered");
  ExpectProblem(c.TryAct(kDispatcher, id, "close_without_callback"), 422, "inputs.reason");
  r = c.Act(kDispatcher, id, "close_without_callback", {{"reason", "بلاغ بلا رقم هاتف"}});
  ExpectState(r.c, "closed", "closed");
  ExpectTemplates(r.queued, {});
  ExpectNoSurvey(r.queued);
  EXPECT_TRUE(c.Extras(kDispatcher, id).at("messages").empty());
}

TEST_P(Muscat1111, ARoleThatMayNotRegisterLeavesTheReportNewForLineTwo) {
  // start_with is taken only by those its roles name: an administrator's request waits in "new"
  // with no SMS, and the agent's "register" is still there for it.
  Center& c = *center_;
  Json created = c.CreateCase("admin", {{"type", "complaint"},
                                        {"category_id", c.IdOf("categories", "WASTE")},
                                        {"channel", "phone"},
                                        {"description", "بلاغ سجله المسؤول"},
                                        {"requester", {{"name", "سعيد"}, {"phone", "9988 7711"}}}});
  const auto id = IdOf(created);
  ASSERT_NE(id, 0);
  ExpectState(created, "new", "new");
  ExpectTemplates(c.Extras(kDispatcher, id).at("messages"), {});
  auto r = c.Act(kAgent, id, "register");
  ExpectState(r.c, "dispatched", "dispatched");
  ExpectTemplates(r.queued, {"registered"});
}

INSTANTIATE_TEST_SUITE_P(Stores, Muscat1111, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

// ============================================================================================
// pr-center: public relations (need for action, anonymized referral) and public meetings
// ============================================================================================

class PrCenter : public CenterTest, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override { StartCenter("pr-center", GetParam()); }

  std::int64_t PortalCategory(const std::string& code) { return center_->PublicCategoryId(code); }

  /// PATCH as `user` that must answer 200: the request after it.
  Json Retype(const std::string& user, std::int64_t id, const Json& body) {
    return center_->Patch(user, id, body);
  }

  /// The "moved" line of a retype on `id`'s timeline: from and to as workflow.state, with the
  /// workflows' and states' names for every reader.
  void ExpectMovedOnTimeline(std::int64_t id, const std::string& from, const std::string& to) {
    const Json timeline = center_->Timeline(kDispatcher, id);  // its items
    int moved = 0;
    for (const Json& e : timeline) {
      if (e.value("kind", "") != "moved") continue;
      ++moved;
      EXPECT_EQ(e.value("from", ""), from) << e.dump();
      EXPECT_EQ(e.value("to", ""), to) << e.dump();
      EXPECT_TRUE(e.contains("from_workflow_label") && e.contains("to_workflow_label") &&
                  e.contains("from_label") && e.contains("to_label"))
          << e.dump();
    }
    EXPECT_EQ(moved, 1) << timeline.dump();
  }

  /// A meeting's follow-up `follow_up` of request `id` (viewed before as `parent`): linked, same
  /// requester, category and site, in the public-relations flow, referred at once to INSPECT with
  /// its own tracking code and the "referred" SMS, seen by the unit without `identity`; then
  /// answered by the unit and closed with the citizen told.
  void ExpectFollowUpReferred(std::int64_t id, std::int64_t follow_up, const Json& parent,
                              const std::string& code, const std::string& phone,
                              const std::vector<std::string>& identity) {
    Center& c = *center_;
    Json f = c.Case(kDispatcher, follow_up);
    EXPECT_EQ(f.value("parent_id", 0), id);
    EXPECT_EQ(f.value("type", ""), "service_request");
    EXPECT_EQ(f.value("requester_id", 0), parent.value("requester_id", -1));
    EXPECT_EQ(f.value("category_id", 0), parent.value("category_id", -1));
    EXPECT_EQ(f.at("site_id"), parent.at("site_id"));
    EXPECT_NE(f.value("tracking_code", ""), code);
    ASSERT_EQ(f.value("workflow", ""), "public_relations") << f.dump();
    ExpectState(f, "referred", "referred");
    EXPECT_EQ(f.value("unit_id", 0), c.IdOf("units", "INSPECT"));
    EXPECT_EQ(c.InboxesOf(kDispatcher, follow_up), Inboxes{"unit"});
    EXPECT_EQ(c.InboxesOf(kUnitStaff, follow_up), Inboxes{"unit"});
    const std::string fcode = Str(f, "tracking_code");
    // Its own tracking code, then the referral, reached the citizen with its creation.
    const Json messages = c.Extras(kDispatcher, follow_up).at("messages");
    ExpectTemplates(messages, {"registered", "referred"});
    ExpectSms(OneMessage(messages, "registered"), "registered", phone, "fa", {fcode});
    ExpectSms(OneMessage(messages, "referred"), "referred", phone, "fa", {fcode});
    ExpectActionOnTimeline(c.Timeline(kDispatcher, follow_up), "refer_for_action", "unit_id=");
    // The head's decision was the need-for-action decision: the first-response clock stopped.
    EXPECT_EQ(f.at("sla").at("first_response").value("run", ""), "stopped") << f.dump();

    Json seen = c.Case(kUnitStaff, follow_up);
    ExpectAnonymized(seen, identity);
    EXPECT_EQ(seen.value("parent_id", 0), id);
    c.Case(kUnitStaff, id, 404);  // the meeting itself is not the unit's
    ExpectUnitSeesNoIdentity(c, follow_up, identity);

    auto r = c.Act(kUnitStaff, follow_up, "answer", {{"answer", "موضوع بررسی و رفع شد."}});
    ExpectState(r.c, "answered", "answered");
    r = c.Act(kDispatcher, follow_up, "close");
    ExpectState(r.c, "closed", "closed");
    ExpectSms(OneMessage(r.queued, "resolved"), "resolved", phone, "fa", {fcode});
  }

  /// A meeting request registered and waiting for the head's decision.
  std::int64_t MeetingAwaitingDecision(const std::string& name, const std::string& local_phone,
                                       const std::string& e164, std::string* code) {
    Center& c = *center_;
    Json created =
        c.CreateCase(kAgent, {{"type", "meeting_request"},
                              {"category_id", c.IdOf("categories", "MEETING")},
                              {"channel", "phone"},
                              {"description", "درخواست ملاقات با ریاست مرکز درباره پرونده اداری"},
                              {"requester", {{"name", name}, {"phone", local_phone}}}});
    const auto id = IdOf(created);
    if (id == 0) return 0;
    *code = Str(created, "tracking_code");
    EXPECT_EQ(created.value("workflow", ""), "public_meeting");
    ExpectState(created, "new", "new");
    EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"triage"});
    // The tracking code goes out at once, with the registration (the workflow's on_create).
    ExpectSms(OneMessage(c.Extras(kDispatcher, id).at("messages"), "registered"), "registered",
              e164, "fa", {*code});
    auto r = c.Act(kAgent, id, "register");
    ExpectState(r.c, "awaiting_decision", "dispatched");
    ExpectTemplates(r.queued, {});
    EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"meetings"});
    EXPECT_EQ(c.InboxesOf(kHead, id), Inboxes{"meetings"});
    return id;
  }
};

TEST(JalaliHelper, AgreesWithKnownDates) {
  // The expected texts below are computed by the test's own converter; pin it first.
  EXPECT_EQ(JalaliText("2026-03-21"), "1405/01/01");
  EXPECT_EQ(JalaliText("2025-03-21"), "1404/01/01");
  EXPECT_EQ(JalaliText("2025-03-20"), "1403/12/30");  // 1403 is a leap year
  EXPECT_EQ(JalaliText("2024-03-20"), "1403/01/01");
  EXPECT_EQ(JalaliText("2026-12-22"), "1405/10/01");
  EXPECT_EQ(JalaliText("2027-03-21"), "1406/01/01");
}

TEST_P(PrCenter, NoActionNeededGetsAThankYouSmsAndCloses) {
  Center& c = *center_;
  const std::string phone = "+989191234567";
  std::string code;
  const auto id = c.SubmitPortal(
      {{"type", "suggestion"},
       {"category_id", PortalCategory("FACILITIES")},
       {"description",
        "پیشنهاد می‌کنم آب‌سردکن سالن انتظار تعمیر شود."},
       {"requester", {{"name", "مریم صدری"}, {"phone", "0919 123 4567"}}}},
      &code);
  ASSERT_NE(id, 0);
  Json v = c.Case(kDispatcher, id);
  EXPECT_EQ(v.value("workflow", ""), "public_relations");
  EXPECT_EQ(v.value("channel", ""), "portal");
  ExpectState(v, "new", "new");
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"triage"});
  EXPECT_EQ(c.GetJson("", TrackPath(code, "09191234567")).value("status", ""), "new");

  // A portal request gets its tracking code by SMS at once (seeds/004), before anyone reviews it.
  ExpectSms(OneMessage(c.Extras(kDispatcher, id).at("messages"), "registered"), "registered",
            phone, "fa", {code, "کد رهگیری"});
  auto r = c.Act(kAgent, id, "register");
  ExpectState(r.c, "review", "dispatched");
  ExpectTemplates(r.queued, {});
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"triage"});

  EXPECT_EQ(c.Actions(kDispatcher, id),
            (std::set<std::string>{"refer_for_action", "no_action", "hold", "transfer", "merge",
                                   "malicious"}));
  r = c.Act(kDispatcher, id, "no_action");
  ExpectState(r.c, "closed", "closed");
  ExpectTemplates(r.queued, {"thanks"});
  ExpectSms(OneMessage(r.queued, "thanks"), "thanks", phone, "fa", {code, "سپاسگزاریم"});
  ExpectSurveyIfAny(r.queued, phone, code);
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{});
  c.Case(kUnitStaff, id, 404);
  EXPECT_EQ(c.GetJson("", TrackPath(code, "09191234567")).value("status", ""), "closed");
}

TEST_P(PrCenter, ActionNeededIsReferredAnonymizedAndTheRequesterTold) {
  Center& c = *center_;
  const std::string phone = "+989356614280";
  const std::string name = "فرشته دلاوری‌پور";
  const std::string email = "f.delavaripour@example.net";
  const std::string national_id = "2384619578";
  const std::vector<std::string> identity{
      phone, "09356614280", "9356614280", name, "دلاوری‌پور", email, national_id};
  const auto inspect = c.IdOf("units", "INSPECT");
  Json created = c.CreateCase(
      kAgent, {{"type", "complaint"},
               {"category_id", c.IdOf("categories", "CONDUCT")},
               {"channel", "walk_in"},
               {"site_id", c.IdOf("sites", "FAC-MAIN")},
               {"description", "کارمند باجه ۳ برخورد تندی داشت. با من تماس بگیرید: 0935 661 4280"},
               {"requester",
                {{"name", name},
                 {"phone", "09356614280"},
                 {"email", email},
                 {"national_id", national_id}}}});
  const auto id = IdOf(created);
  ASSERT_NE(id, 0);
  const std::string code = Str(created, "tracking_code");
  EXPECT_EQ(created.at("requester").value("national_id", ""), national_id);
  auto r = c.Act(kAgent, id, "register");
  ExpectState(r.c, "review", "dispatched");

  // Action needed: anonymized, referred to the category's unit, and the requester is told.
  r = c.Act(kDispatcher, id, "refer_for_action");
  ExpectState(r.c, "referred", "referred");
  EXPECT_EQ(r.c.value("unit_id", 0), inspect);
  ExpectTemplates(r.queued, {"referred"});
  ExpectSms(OneMessage(r.queued, "referred"), "referred", phone, "fa", {code, "ارجاع شد"});
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"unit"});
  EXPECT_EQ(c.InboxesOf(kUnitStaff, id), Inboxes{"unit"});
  Json seen = c.Case(kUnitStaff, id);
  ExpectAnonymized(seen, identity);
  EXPECT_NE(seen.value("description", "").find("[…]"), std::string::npos) << "the number is masked";
  ExpectUnitSeesNoIdentity(c, id, identity);

  // Not this unit's after all: back to public relations, then referred again explicitly.
  r = c.Act(kUnitStaff, id, "return_to_pr", {{"reason", "مربوط به واحد پذیرش است"}});
  ExpectState(r.c, "review", "dispatched");
  EXPECT_EQ(c.InboxesOf(kUnitStaff, id), Inboxes{});
  r = c.Act(kDispatcher, id, "refer_for_action", {{"unit_id", inspect}});
  ExpectState(r.c, "referred", "referred");

  r = c.Act(kUnitStaff, id, "answer", {{"answer", "با کارمند مربوط برخورد انضباطی شد."}});
  ExpectState(r.c, "answered", "answered");
  ExpectNoneOf(r.http.body, identity, "the unit's own action answer");
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"triage"});
  EXPECT_EQ(c.InboxesOf(kUnitStaff, id), Inboxes{});
  r = c.Act(kDispatcher, id, "close");
  ExpectState(r.c, "closed", "closed");
  ExpectSms(OneMessage(r.queued, "resolved"), "resolved", phone, "fa", {code, "مختومه"});
  ExpectSurveyIfAny(r.queued, phone, code);
  ExpectTemplates(c.Extras(kDispatcher, id).at("messages"),
                  {"registered", "referred", "referred", "resolved"});
}

TEST_P(PrCenter, MeetingApprovedRescheduledHeldAndNoActionNeeded) {
  Center& c = *center_;
  const std::string phone = "+989381234567";
  std::string code;
  const auto id = MeetingAwaitingDecision("اکبر نوروزی", "09381234567", phone, &code);
  ASSERT_NE(id, 0);

  ExpectNotAllowed(c.TryAct(kDispatcher, id, "approve",
                            {{"date", "2026-12-22"}, {"time", "10:30"}, {"place", "x"}}),
                   {"convert_to_referral", "hold", "transfer", "merge", "malicious"});
  EXPECT_EQ(c.Actions(kHead, id),
            (std::set<std::string>{"approve", "decline", "convert_to_referral", "hold"}));
  ExpectProblem(c.TryAct(kHead, id, "approve", {{"date", "2026-12-22"}, {"time", "10:30"}}), 422,
                "inputs.place");
  ExpectProblem(
      c.TryAct(kHead, id, "approve", {{"date", "22/12/2026"}, {"time", "10:30"}, {"place", "x"}}),
      422, "inputs.date");

  // Approved: the date (in the Jalali calendar), time and place by SMS.
  const std::string place = "ساختمان مرکزی، طبقه سوم، دفتر ریاست";
  auto r =
      c.Act(kHead, id, "approve", {{"date", "2026-12-22"}, {"time", "10:30"}, {"place", place}});
  ExpectState(r.c, "meeting_scheduled", "dispatched");
  ExpectTemplates(r.queued, {"meeting_scheduled"});
  ExpectSms(OneMessage(r.queued, "meeting_scheduled"), "meeting_scheduled", phone, "fa",
            {JalaliText("2026-12-22"), "1405/10/01", "10:30", place});
  EXPECT_EQ(OneMessage(r.queued, "meeting_scheduled").value("body", "").find("2026-12-22"),
            std::string::npos)
      << "the citizen reads the Jalali date, not the Gregorian one";
  Json meeting = c.Extras(kHead, id).at("meeting");
  EXPECT_EQ(meeting.value("date", ""), "2026-12-22");
  EXPECT_EQ(meeting.value("time", ""), "10:30");
  EXPECT_EQ(meeting.value("place", ""), place);
  EXPECT_EQ(meeting.value("outcome", "x"), "");
  EXPECT_EQ(c.InboxesOf(kHead, id), Inboxes{"meetings"});

  // Moved to the first day of the next Jalali year.
  const std::string hall = "سالن جلسات طبقه همکف";
  r = c.Act(kDispatcher, id, "reschedule",
            {{"date", "2027-03-21"}, {"time", "09:00"}, {"place", hall}});
  ExpectState(r.c, "meeting_scheduled", "dispatched");
  ExpectSms(OneMessage(r.queued, "meeting_rescheduled"), "meeting_rescheduled", phone, "fa",
            {JalaliText("2027-03-21"), "1406/01/01", "09:00", hall});
  EXPECT_EQ(c.Extras(kDispatcher, id).at("meeting").value("date", ""), "2027-03-21");

  r = c.Act(kHead, id, "record_meeting", {{"outcome", "توضیحات لازم داده شد؛ اقدامی لازم نیست."}});
  ExpectState(r.c, "meeting_held", "answered");
  ExpectTemplates(r.queued, {});
  EXPECT_EQ(c.Extras(kHead, id).at("meeting").value("outcome", ""),
            "توضیحات لازم داده شد؛ اقدامی لازم نیست.");
  EXPECT_EQ(c.InboxesOf(kHead, id), Inboxes{"meetings"});

  r = c.Act(kHead, id, "outcome_no_action");
  ExpectState(r.c, "closed", "closed");
  EXPECT_TRUE(r.body.at("follow_up_id").is_null());
  ExpectTemplates(r.queued, {"meeting_no_action"});
  ExpectSms(OneMessage(r.queued, "meeting_no_action"), "meeting_no_action", phone, "fa",
            {code, "نیازی به اقدام نداشت"});
  ExpectSurveyIfAny(r.queued, phone, code);
  EXPECT_EQ(c.InboxesOf(kHead, id), Inboxes{});
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{});
  ExpectTemplates(c.Extras(kDispatcher, id).at("messages"),
                  {"registered", "meeting_scheduled", "meeting_rescheduled", "meeting_no_action"});
}

TEST_P(PrCenter, MeetingWithActionNeededOpensALinkedFollowUpReferredToTheUnit) {
  Center& c = *center_;
  const std::string phone = "+989129876543";
  std::string code;
  // A portal meeting request.
  const auto id = c.SubmitPortal(
      {{"type", "meeting_request"},
       {"category_id", PortalCategory("MEETING")},
       {"description",
        "خواهان ملاقات با ریاست مرکز درباره پرونده‌ام "
        "هستم."},
       {"requester", {{"name", "سید جلال موسوی‌فر"}, {"phone", "09129876543"}}}},
      &code);
  ASSERT_NE(id, 0);
  Json m = c.Case(kDispatcher, id);
  EXPECT_EQ(m.value("workflow", ""), "public_meeting");
  auto r = c.Act(kAgent, id, "register");
  ExpectState(r.c, "awaiting_decision", "dispatched");
  r = c.Act(kHead, id, "approve",
            {{"date", "2027-01-05"}, {"time", "11:00"}, {"place", "دفتر ریاست"}});
  ExpectSms(OneMessage(r.queued, "meeting_scheduled"), "meeting_scheduled", phone, "fa",
            {JalaliText("2027-01-05"), "11:00", "دفتر ریاست"});
  r = c.Act(kHead, id, "record_meeting", {{"outcome", "مقرر شد واحد بازرسی پیگیری کند."}});
  ExpectState(r.c, "meeting_held", "answered");

  // Action needed: the head names the unit (the meeting category routes nowhere by itself).
  ExpectProblem(c.TryAct(kHead, id, "outcome_action"), 422, "inputs.unit_id");
  r = c.Act(kHead, id, "outcome_action", {{"unit_id", c.IdOf("units", "INSPECT")}});
  ExpectState(r.c, "closed", "closed");
  ExpectTemplates(r.queued, {"meeting_followup"});
  ExpectSms(OneMessage(r.queued, "meeting_followup"), "meeting_followup", phone, "fa", {code});
  ExpectSurveyIfAny(r.queued, phone, code);
  ASSERT_TRUE(r.body.at("follow_up_id").is_number_integer()) << r.body.dump();
  const auto follow_up = r.body["follow_up_id"].get<std::int64_t>();
  ExpectFollowUpReferred(id, follow_up, m, code, phone, {phone, "09129876543", "موسوی‌فر"});
}

TEST_P(PrCenter, MeetingDeclinedWithTheReason) {
  Center& c = *center_;
  const std::string phone = "+989371112244";
  std::string code;
  const auto id = MeetingAwaitingDecision("رضا امینی", "09371112244", phone, &code);
  ASSERT_NE(id, 0);
  ExpectProblem(c.TryAct(kHead, id, "decline"), 422, "inputs.reason");
  const std::string reason = "موضوع در صلاحیت واحد پذیرش است";
  auto r = c.Act(kHead, id, "decline", {{"reason", reason}});
  ExpectState(r.c, "closed", "closed");
  ExpectTemplates(r.queued, {"meeting_declined"});
  ExpectSms(OneMessage(r.queued, "meeting_declined"), "meeting_declined", phone, "fa",
            {code, reason});
  ExpectSurveyIfAny(r.queued, phone, code);
  EXPECT_EQ(c.InboxesOf(kHead, id), Inboxes{});
  EXPECT_TRUE(c.Extras(kHead, id).at("meeting").is_null());
}

TEST_P(PrCenter, MeetingConvertedIntoAReferralToTheUnit) {
  Center& c = *center_;
  const std::string phone = "+989125550011";
  std::string code;
  const auto id =
      MeetingAwaitingDecision("نسرین کاظم‌زاده", "09125550011", phone, &code);
  ASSERT_NE(id, 0);
  ExpectProblem(c.TryAct(kHead, id, "convert_to_referral"), 422, "inputs.unit_id");
  auto r = c.Act(kHead, id, "convert_to_referral", {{"unit_id", c.IdOf("units", "INSPECT")}});
  ExpectState(r.c, "referred", "referred");
  ExpectTemplates(r.queued, {"meeting_referred"});
  ExpectSms(OneMessage(r.queued, "meeting_referred"), "meeting_referred", phone, "fa", {code});
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"unit"});
  EXPECT_EQ(c.InboxesOf(kHead, id), Inboxes{"unit"});
  EXPECT_EQ(c.InboxesOf(kUnitStaff, id), Inboxes{"unit"});
  ExpectAnonymized(c.Case(kUnitStaff, id), {phone, "09125550011", "کاظم‌زاده"});
  ExpectUnitSeesNoIdentity(c, id, {phone, "9125550011", "کاظم‌زاده"});

  r = c.Act(kUnitStaff, id, "answer", {{"answer", "موضوع در واحد بازرسی بررسی و حل شد."}});
  ExpectState(r.c, "answered", "answered");
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"triage"});
  r = c.Act(kDispatcher, id, "close");
  ExpectState(r.c, "closed", "closed");
  ExpectSms(OneMessage(r.queued, "resolved"), "resolved", phone, "fa", {code});
  ExpectSurveyIfAny(r.queued, phone, code);
  ExpectTemplates(c.Extras(kDispatcher, id).at("messages"),
                  {"registered", "meeting_referred", "resolved"});
}

// seeds/004: every request is reviewed and typed first. A phoned-in or walk-in request that the
// operator took as a complaint but is a request to meet the head is typed so at review, and
// moves to the meeting desk (and the other way round).
TEST_P(PrCenter, WalkInComplaintRetypedAsAMeetingRequestReachesTheHeadAndItsFollowUpTheUnit) {
  Center& c = *center_;
  const std::string phone = "+989127001122";
  const std::string name = "کامران ابراهیمی‌نژاد";
  Json created = c.CreateCase(
      kAgent, {{"type", "complaint"},
               {"category_id", c.IdOf("categories", "CONDUCT")},
               {"channel", "walk_in"},
               {"site_id", c.IdOf("sites", "FAC-MAIN")},
               {"description", "می‌خواهم درباره رفتار کارمند باجه با رئیس مرکز حضوری صحبت کنم."},
               {"requester", {{"name", name}, {"phone", "09127001122"}}}});
  const auto id = IdOf(created);
  ASSERT_NE(id, 0);
  const std::string code = Str(created, "tracking_code");
  EXPECT_EQ(created.value("workflow", ""), "public_relations");
  auto r = c.Act(kAgent, id, "register");
  ExpectState(r.c, "review", "dispatched");
  const Json before = c.Case(kDispatcher, id);
  const std::string due_before = before.at("sla").at("first_response").value("due", "");
  ASSERT_FALSE(due_before.empty()) << before.dump();

  // Review types it: a meeting request, in the meeting category.
  Json moved = Retype(kDispatcher, id,
                      {{"type", "meeting_request"}, {"category_id", c.IdOf("categories", "MEETING")}});
  EXPECT_EQ(moved.value("type", ""), "meeting_request");
  EXPECT_EQ(moved.value("workflow", ""), "public_meeting") << moved.dump();
  ExpectState(moved, "awaiting_decision", "dispatched");
  EXPECT_EQ(c.InboxesOf(kHead, id), Inboxes{"meetings"});
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"meetings"});
  EXPECT_TRUE(c.Actions(kHead, id).count("approve"));
  ExpectMovedOnTimeline(id, "public_relations.review", "public_meeting.awaiting_decision");
  // The citizen is told (the profile's retyped_meeting template), with the same tracking code.
  const Json messages = c.Extras(kDispatcher, id).at("messages");
  ExpectTemplates(messages, {"registered", "retyped_meeting"});
  ExpectSms(OneMessage(messages, "retyped_meeting"), "retyped_meeting", phone, "fa", {code});
  // Clocks kept from registration, now under the meetings policy (2 working days, not 1).
  const Json after = c.Case(kDispatcher, id);
  const Json& clock_before = before.at("sla").at("first_response");
  const Json& clock_after = after.at("sla").at("first_response");
  EXPECT_EQ(clock_before.value("policy", ""), "conduct");
  EXPECT_EQ(clock_after.value("policy", ""), "meetings") << after.dump();
  EXPECT_EQ(clock_after.value("started_at", ""), clock_before.value("started_at", "x"));
  EXPECT_GT(clock_after.value("due", ""), due_before) << after.dump();
  EXPECT_EQ(after.value("tracking_code", ""), code);

  r = c.Act(kHead, id, "approve", {{"date", "2027-01-12"}, {"time", "10:00"}, {"place", "دفتر ریاست"}});
  ExpectState(r.c, "meeting_scheduled", "dispatched");
  // A move back now would strand the meeting: refused, naming why.
  auto refused = c.TryPatch(kDispatcher, id, {{"type", "complaint"},
                                              {"category_id", c.IdOf("categories", "CONDUCT")}});
  ExpectProblem(refused, 409, "type");
  EXPECT_NE(refused.body.find("meeting"), std::string::npos) << refused.body;
  EXPECT_EQ(c.Case(kDispatcher, id).value("workflow", ""), "public_meeting");

  r = c.Act(kHead, id, "record_meeting", {{"outcome", "مقرر شد بازرسی رفتار کارمند را بررسی کند."}});
  ExpectState(r.c, "meeting_held", "answered");
  r = c.Act(kHead, id, "outcome_action", {{"unit_id", c.IdOf("units", "INSPECT")}});
  ExpectState(r.c, "closed", "closed");
  ASSERT_TRUE(r.body.at("follow_up_id").is_number_integer()) << r.body.dump();
  ExpectFollowUpReferred(id, r.body["follow_up_id"].get<std::int64_t>(), after, code, phone,
                         {phone, "09127001122", "ابراهیمی‌نژاد", "کامران"});
}

TEST_P(PrCenter, MeetingRequestRetypedAsAComplaintGoesToReviewAndIsReferred) {
  Center& c = *center_;
  const std::string phone = "+989128883344";
  std::string code;
  const auto id = MeetingAwaitingDecision("پروین سلطانی‌راد", "09128883344", phone, &code);
  ASSERT_NE(id, 0);
  Json moved = Retype(kDispatcher, id,
                      {{"type", "complaint"}, {"category_id", c.IdOf("categories", "CONDUCT")}});
  EXPECT_EQ(moved.value("workflow", ""), "public_relations") << moved.dump();
  ExpectState(moved, "review", "dispatched");
  EXPECT_EQ(c.InboxesOf(kHead, id), Inboxes{"triage"});  // off the meeting desk
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"triage"});
  ExpectMovedOnTimeline(id, "public_meeting.awaiting_decision", "public_relations.review");
  ExpectSms(OneMessage(c.Extras(kDispatcher, id).at("messages"), "retyped"), "retyped", phone,
            "fa", {code});
  // The complaint category's routing: INSPECT, anonymized.
  auto r = c.Act(kDispatcher, id, "refer_for_action");
  ExpectState(r.c, "referred", "referred");
  EXPECT_EQ(r.c.value("unit_id", 0), c.IdOf("units", "INSPECT"));
  ExpectSms(OneMessage(r.queued, "referred"), "referred", phone, "fa", {code});
  ExpectAnonymized(c.Case(kUnitStaff, id), {phone, "09128883344", "سلطانی‌راد"});
  ExpectUnitSeesNoIdentity(c, id, {phone, "9128883344", "سلطانی‌راد", "پروین"});
  r = c.Act(kUnitStaff, id, "answer", {{"answer", "رسیدگی شد."}});
  r = c.Act(kDispatcher, id, "close");
  ExpectState(r.c, "closed", "closed");
  ExpectSms(OneMessage(r.queued, "resolved"), "resolved", phone, "fa", {code});
}

TEST_P(PrCenter, RetypingBeforeRegistrationOrAfterClosingMovesNothingItShouldNot) {
  Center& c = *center_;
  Json created = c.CreateCase(
      kAgent, {{"type", "complaint"},
               {"category_id", c.IdOf("categories", "SRV-DELAY")},
               {"channel", "phone"},
               {"description", "پرونده‌ام سه ماه است بی‌پاسخ مانده."},
               {"requester", {{"name", "بهرام نیکو"}, {"phone", "09121110099"}}}});
  const auto id = IdOf(created);
  ASSERT_NE(id, 0);
  // Not registered yet: it stays unregistered, in the meeting flow's first state.
  Json moved = Retype(kAgent, id, {{"type", "meeting_request"}});
  EXPECT_EQ(moved.value("workflow", ""), "public_meeting");
  ExpectState(moved, "new", "new");
  auto r = c.Act(kAgent, id, "register");
  ExpectState(r.c, "awaiting_decision", "dispatched");
  // A category in the same flow: no second move.
  Retype(kAgent, id, {{"category_id", c.IdOf("categories", "SRV-PROCESS")}});
  ExpectMovedOnTimeline(id, "public_relations.new", "public_meeting.new");
  // Closed (transferred out): the record's type is corrected, the request stays where it closed.
  r = c.Act(kAgent, id, "transfer", {{"agency", "دادگستری"}});
  ExpectState(r.c, "closed", "closed");
  Json closed = Retype(kDispatcher, id, {{"type", "complaint"}});
  EXPECT_EQ(closed.value("type", ""), "complaint");
  EXPECT_EQ(closed.value("workflow", ""), "public_meeting");
  ExpectState(closed, "closed", "closed");
  ExpectMovedOnTimeline(id, "public_relations.new", "public_meeting.new");
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{});
}

INSTANTIATE_TEST_SUITE_P(Stores, PrCenter, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

// ============================================================================================
// Every profile: transfer out of jurisdiction, reopen within the window, merge of a duplicate,
// and close as malicious until the requester is flagged at the profile's threshold.
// ============================================================================================

struct CenterFacts {
  std::string profile;
  std::string category;  ///< a complaint category on the default workflow
  std::string register_action;
  std::string registered_state;
  std::string reopened_state;  ///< where `reopen` leads
  std::string language;        ///< the profile's first language: a citizen's default
  int malicious_threshold;     ///< malicious_flag_threshold in profile.toml
  std::string merge_phone, merge_e164;
  std::string malicious_phone, malicious_e164;
  std::string agency;
  bool registered_at_once = false;  ///< the workflow's start_with: registering takes register_action
};

const std::vector<CenterFacts>& AllCenters() {
  static const std::vector<CenterFacts> kCenters{
      {"mosques-8940", "MI-FUNDING", "register", "dispatched", "dispatched", "fa", 3, "09124440001",
       "+989124440001", "09124440002", "+989124440002", "سازمان تبلیغات اسلامی"},
      {"moia-1933", "MAINT-AC", "dispatch", "dispatched", "dispatched", "ar", 3, "0554440001",
       "+966554440001", "0554440002", "+966554440002", "أمانة منطقة الرياض"},
      {"iacad-dubai", "MSQ-MAINT", "acknowledge", "dispatched", "dispatched", "ar", 2, "0554440001",
       "+971554440001", "0554440002", "+971554440002", "Dubai Municipality"},
      {"muscat-1111", "WASTE", "register", "dispatched", "dispatched", "ar", 2, "94440001",
       "+96894440001", "94440002", "+96894440002", "هيئة البيئة", true},
      {"pr-center", "CONDUCT", "register", "review", "review", "fa", 3, "09124440001",
       "+989124440001", "09124440002", "+989124440002", "سازمان بازرسی کل کشور"},
  };
  return kCenters;
}

class EveryCenter : public CenterTest,
                    public ::testing::WithParamInterface<std::tuple<std::string, std::string>> {
 protected:
  void SetUp() override {
    for (const auto& f : AllCenters()) {
      if (f.profile == std::get<0>(GetParam())) facts_ = f;
    }
    ASSERT_FALSE(facts_.profile.empty());
    StartCenter(facts_.profile, std::get<1>(GetParam()));
  }

  Json NewCase(const std::string& phone, const std::string& description) {
    Json requester =
        phone.empty() ? Json(nullptr) : Json{{"name", "Test Requester"}, {"phone", phone}};
    return center_->CreateCase(kAgent,
                               {{"type", "complaint"},
                                {"category_id", center_->IdOf("categories", facts_.category)},
                                {"channel", "phone"},
                                {"description", description},
                                {"requester", requester}});
  }

  /// The registration step, where the workflow does not take it at registration itself.
  void Register(std::int64_t id) {
    if (facts_.registered_at_once) {
      const Json now = center_->Case(kDispatcher, id);
      EXPECT_EQ(now.value("state", ""), facts_.registered_state) << "registered and sent on at once";
      return;
    }
    center_->Act(kAgent, id, facts_.register_action);
  }

  CenterFacts facts_;
};

TEST_P(EveryCenter, TransferOutOfJurisdictionThenReopenWithinTheWindow) {
  Center& c = *center_;
  Json t = NewCase(facts_.merge_phone, "A matter for another agency");
  const auto id = IdOf(t);
  ASSERT_NE(id, 0);
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"triage"});
  ExpectProblem(c.TryAct(kAgent, id, "transfer"), 422, "inputs.agency");
  auto r = c.Act(kAgent, id, "transfer", {{"agency", facts_.agency}});
  ExpectState(r.c, "closed", "closed");
  ExpectTemplates(r.queued, {"transferred"});
  ExpectSms(OneMessage(r.queued, "transferred"), "transferred", facts_.merge_e164, facts_.language,
            {Str(t, "tracking_code"), facts_.agency});
  ExpectSurveyIfAny(r.queued, facts_.merge_e164, Str(t, "tracking_code"));
  ExpectActionOnTimeline(c.Timeline(kDispatcher, id), "transfer", facts_.agency);
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{});
  ExpectNotAllowed(c.TryAct(kAgent, id, facts_.register_action), {"reopen"});

  r = c.Act(kAgent, id, "reopen", {{"reason", "The agency sent it back"}});
  ExpectState(r.c, facts_.reopened_state, r.c.value("status", ""));
  EXPECT_NE(r.c.value("status", ""), "closed");
  EXPECT_EQ(c.InboxesOf(kDispatcher, id), Inboxes{"triage"});
  ExpectActionOnTimeline(c.Timeline(kDispatcher, id), "reopen", "The agency sent it back");
}

TEST_P(EveryCenter, DuplicateIsMergedIntoTheOriginal) {
  Center& c = *center_;
  Json a = NewCase(facts_.merge_phone, "Same problem, first call");
  Json b = NewCase(facts_.merge_phone, "Same problem, second call");
  const auto a_id = IdOf(a), b_id = IdOf(b);
  ASSERT_NE(a_id, 0);
  ASSERT_NE(b_id, 0);
  EXPECT_EQ(a.value("requester_id", 0), b.value("requester_id", -1))
      << "one citizen record per number";
  Register(a_id);
  Register(b_id);

  ExpectProblem(c.TryAct(kAgent, b_id, "merge", {{"case_id", b_id}}), 422, "inputs.case_id");
  ExpectProblem(c.TryAct(kAgent, b_id, "merge", {{"case_id", 999999}}), 422, "inputs.case_id");
  auto r = c.Act(kAgent, b_id, "merge", {{"case_id", a_id}});
  ExpectState(r.c, "closed", "closed");
  EXPECT_EQ(r.c.value("duplicate_of", 0), a_id);
  ExpectTemplates(r.queued, {});
  ExpectNoSurvey(r.queued);
  ExpectActionOnTimeline(c.Timeline(kDispatcher, b_id), "merge", "case_id=" + std::to_string(a_id));
  Json original = c.Case(kDispatcher, a_id);
  ExpectState(original, facts_.registered_state, original.value("status", ""));
  EXPECT_TRUE(original.at("duplicate_of").is_null());
  EXPECT_EQ(c.InboxesOf(kDispatcher, a_id), Inboxes{"triage"});
  EXPECT_EQ(c.InboxesOf(kDispatcher, b_id), Inboxes{});
  // The original cannot be merged into the duplicate.
  ExpectProblem(c.TryAct(kAgent, a_id, "merge", {{"case_id", b_id}}), 422, "inputs.case_id");
}

TEST_P(EveryCenter, MaliciousClosesFlagTheRequesterAtTheThreshold) {
  Center& c = *center_;
  const int threshold = facts_.malicious_threshold;
  for (int i = 1; i <= threshold; ++i) {
    Json m = NewCase(facts_.malicious_phone, "Abusive call number " + std::to_string(i));
    const auto id = IdOf(m);
    ASSERT_NE(id, 0);
    EXPECT_EQ(m.at("requester").value("flagged", true), false) << "not flagged before close " << i;
    ExpectProblem(c.TryAct(kDispatcher, id, "malicious"), 422, "inputs.reason");
    auto r = c.Act(kDispatcher, id, "malicious", {{"reason", "insults the agent"}});
    ExpectState(r.c, "closed", "closed");
    ExpectTemplates(r.queued, {});
    ExpectNoSurvey(r.queued);
    Json seen = c.Case(kDispatcher, id);
    EXPECT_EQ(seen.at("requester").value("phone", ""), facts_.malicious_e164);
    EXPECT_EQ(seen.at("requester").value("malicious_count", -1), i);
    EXPECT_EQ(seen.at("requester").value("flagged", !(i >= threshold)), i >= threshold)
        << "after " << i << " malicious closes (threshold " << threshold << ")";
  }
  // The next call from that number: the dispatcher sees the flag on the new request, in the
  // request itself and in the triage inbox.
  Json next = NewCase(facts_.malicious_phone, "Calling again");
  const auto next_id = IdOf(next);
  ASSERT_NE(next_id, 0);
  Json seen = c.Case(kDispatcher, next_id);
  EXPECT_EQ(seen.at("requester").value("flagged", false), true) << seen.dump();
  bool in_triage = false;
  Json triage = c.GetJson(kDispatcher, "/api/v1/inbox/triage?limit=200");
  for (const auto& it : triage.value("items", Json::array())) {
    if (IdOf(it) == next_id) {
      in_triage = true;
      EXPECT_EQ(it.at("requester").value("flagged", false), true) << it.dump();
    }
  }
  EXPECT_TRUE(in_triage);
  // Another citizen is not affected.
  Json other = NewCase(facts_.merge_phone, "An ordinary complaint");
  EXPECT_EQ(other.at("requester").value("flagged", true), false);
  // An anonymous request closed as malicious counts against nobody.
  Json anon = NewCase("", "Anonymous abuse");
  c.Act(kDispatcher, IdOf(anon), "malicious", {{"reason", "abuse"}});
  EXPECT_EQ(c.Case(kDispatcher, next_id).at("requester").value("malicious_count", -1), threshold);
}

std::vector<std::tuple<std::string, std::string>> EveryCenterParams() {
  std::vector<std::tuple<std::string, std::string>> out;
  for (const auto& f : AllCenters()) out.emplace_back(f.profile, "sqlite");
  out.emplace_back("muscat-1111", "postgres");
  out.emplace_back("pr-center", "postgres");
  return out;
}

INSTANTIATE_TEST_SUITE_P(Profiles, EveryCenter, ::testing::ValuesIn(EveryCenterParams()),
                         [](const auto& info) {
                           std::string name =
                               std::get<0>(info.param) + "_" + std::get<1>(info.param);
                           for (char& ch : name) {
                             if (ch == '-') ch = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace tawasul::testing
