#include "http/json_mapping.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>

namespace tawasul::http {
namespace {

using base::ErrorCode;

Json Obj(const char* text) { return Json::parse(text); }

template <class T>
std::string FieldOf(const base::Result<T>& r) {
  EXPECT_FALSE(r.ok());
  return r.ok() ? "<ok>" : r.error().field;
}

TEST(ParseJsonObject, AcceptsAnObject) {
  auto j = ParseJsonObject(R"({"a": 1})");
  ASSERT_TRUE(j.ok());
  EXPECT_EQ((*j)["a"], 1);
}

TEST(ParseJsonObject, RejectsMalformedNonObjectAndInvalidUtf8) {
  for (const char* bad : {"", "{", "{\"a\":}", "[1,2]", "\"text\"", "null", "42", "{} {}"}) {
    auto j = ParseJsonObject(bad);
    ASSERT_FALSE(j.ok()) << bad;
    EXPECT_EQ(j.error().code, ErrorCode::kInvalid);
  }
  const std::string invalid_utf8 = "{\"description\": \"\xC3\x28\"}";
  auto j = ParseJsonObject(invalid_utf8);
  ASSERT_FALSE(j.ok());
  EXPECT_NE(j.error().message.find("UTF-8"), std::string::npos);
  const std::string overlong = "{\"a\": \"\xC0\xAF\"}";
  EXPECT_FALSE(ParseJsonObject(overlong).ok());
}

TEST(CaseInput, ParsesAFullBody) {
  auto in = ParseCaseInput(Obj(R"({
    "type": "complaint", "category_id": 3, "channel": "walk_in", "description": "الإنارة",
    "requester": {"name": "Ali", "phone": "0501234567", "email": "a@b.sa",
                  "national_id": "1000000008", "language": "ar"},
    "site_id": 9, "priority": "high"})"));
  ASSERT_TRUE(in.ok()) << in.error().field << " " << in.error().message;
  EXPECT_EQ(in->type, d::CaseType::kComplaint);
  EXPECT_EQ(in->category_id.value, 3);
  EXPECT_EQ(in->channel, d::Channel::kWalkIn);
  EXPECT_EQ(in->description, "الإنارة");
  ASSERT_TRUE(in->requester.has_value());
  EXPECT_EQ(in->requester->phone, "0501234567");
  EXPECT_EQ(in->requester->national_id, "1000000008");
  EXPECT_EQ(in->site_id->value, 9);
  EXPECT_EQ(in->priority, d::Priority::kHigh);
}

TEST(CaseInput, NullOrAbsentRequesterIsAnonymous) {
  auto a = ParseCaseInput(Obj(R"({"type":"inquiry","category_id":1,"description":"x",
                                  "requester":null,"site_id":null})"));
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(a->requester.has_value());
  EXPECT_FALSE(a->site_id.has_value());
  EXPECT_EQ(a->channel, d::Channel::kPhone);
  EXPECT_EQ(a->priority, d::Priority::kNormal);
}

TEST(CaseInput, NamesTheFieldOfAWrongType) {
  EXPECT_EQ(FieldOf(ParseCaseInput(Obj(R"({"type":"inquiry","category_id":1,"description":"x",
      "requester":{"phone": 501234567}})"))),
            "requester.phone");
  EXPECT_EQ(
      FieldOf(ParseCaseInput(Obj(R"({"type":"inquiry","category_id":"1","description":"x"})"))),
      "category_id");
  EXPECT_EQ(
      FieldOf(ParseCaseInput(Obj(R"({"type":"inquiry","category_id":1.5,"description":"x"})"))),
      "category_id");
  EXPECT_EQ(
      FieldOf(ParseCaseInput(Obj(R"({"type":"inquiry","category_id":1,"description":["x"]})"))),
      "description");
  EXPECT_EQ(FieldOf(ParseCaseInput(Obj(R"({"type":"inquiry","category_id":1,"description":"x",
      "requester":"Ali"})"))),
            "requester");
  EXPECT_EQ(FieldOf(ParseCaseInput(Obj(R"({"type":"inquiry","category_id":18446744073709551615,
      "description":"x"})"))),
            "category_id");
}

TEST(CaseInput, NamesUnknownFieldsAtAnyDepth) {
  auto top =
      ParseCaseInput(Obj(R"({"type":"inquiry","category_id":1,"description":"x","colour":1})"));
  EXPECT_EQ(FieldOf(top), "colour");
  EXPECT_NE(top.error().message.find("not a known field"), std::string::npos);
  EXPECT_EQ(FieldOf(ParseCaseInput(Obj(R"({"type":"inquiry","category_id":1,"description":"x",
      "requester":{"name":"A","mobile":"1"}})"))),
            "requester.mobile");
}

TEST(CaseInput, UnknownEnumNamesAreErrorsListingTheChoices) {
  auto r = ParseCaseInput(Obj(R"({"type":"rant","category_id":1,"description":"x"})"));
  EXPECT_EQ(FieldOf(r), "type");
  EXPECT_NE(r.error().message.find("complaint"), std::string::npos);
  EXPECT_NE(r.error().message.find("meeting_request"), std::string::npos);
  EXPECT_EQ(FieldOf(ParseCaseInput(Obj(R"({"type":"inquiry","category_id":1,"description":"x",
      "channel":"pigeon"})"))),
            "channel");
  EXPECT_EQ(FieldOf(ParseCaseInput(Obj(R"({"type":"inquiry","category_id":1,"description":"x",
      "priority":3})"))),
            "priority");
}

TEST(CaseInput, MissingRequiredFieldsAreNamed) {
  EXPECT_EQ(FieldOf(ParseCaseInput(Obj(R"({"category_id":1,"description":"x"})"))), "type");
  EXPECT_EQ(FieldOf(ParseCaseInput(Obj(R"({"type":"inquiry","description":"x"})"))), "category_id");
  EXPECT_EQ(
      FieldOf(ParseCaseInput(Obj(R"({"type":"inquiry","category_id":null,"description":"x"})"))),
      "category_id");
}

TEST(CasePatch, DistinguishesAbsentNullAndValue) {
  auto p = ParseCasePatch(Obj(R"({"site_id": null, "unit_id": 4, "status": "referred",
                                  "note": "called back"})"));
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(p->site_id.has_value());
  EXPECT_FALSE(p->site_id->has_value());
  ASSERT_TRUE(p->unit_id.has_value());
  EXPECT_EQ((*p->unit_id)->value, 4);
  EXPECT_EQ(p->status, d::CaseStatus::kReferred);
  EXPECT_FALSE(p->type.has_value());
  EXPECT_FALSE(p->description.has_value());
  EXPECT_EQ(p->note, "called back");
  auto empty = ParseCasePatch(Obj("{}"));
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->site_id.has_value());
}

TEST(CasePatch, RejectsNullOnNonNullableAndReadOnlyFields) {
  EXPECT_EQ(FieldOf(ParseCasePatch(Obj(R"({"status": null})"))), "status");
  auto ro = ParseCasePatch(Obj(R"({"tracking_code": "1234567890"})"));
  EXPECT_EQ(FieldOf(ro), "tracking_code");
  EXPECT_NE(ro.error().message.find("cannot be changed"), std::string::npos);
  EXPECT_EQ(FieldOf(ParseCasePatch(Obj(R"({"unit_id": "4"})"))), "unit_id");
  EXPECT_EQ(FieldOf(ParseCasePatch(Obj(R"({"state": "closed"})"))), "state");
}

TEST(ContactInput, ParsesTimesAndRejectsBadOnes) {
  auto c = ParseContactInput(Obj(R"({"channel":"phone","direction":"outbound","phone":"0501",
      "outcome":"no_answer","started_at":"2026-01-31T09:30:00Z","case_id":5})"));
  ASSERT_TRUE(c.ok()) << c.error().field << " " << c.error().message;
  EXPECT_EQ(c->direction, d::ContactDirection::kOutbound);
  EXPECT_EQ(c->outcome, d::ContactOutcome::kNoAnswer);
  ASSERT_TRUE(c->started_at.has_value());
  EXPECT_EQ(base::FormatRfc3339(*c->started_at), "2026-01-31T09:30:00Z");
  EXPECT_EQ(c->case_id->value, 5);
  EXPECT_FALSE(c->ended_at.has_value());
  EXPECT_EQ(FieldOf(ParseContactInput(Obj(R"({"ended_at":"yesterday"})"))), "ended_at");
  EXPECT_EQ(FieldOf(ParseContactInput(Obj(R"({"started_at":1700000000})"))), "started_at");
}

TEST(PublicRequest, RequiresARequesterObject) {
  EXPECT_EQ(FieldOf(ParsePublicRequest(Obj(R"({"type":"complaint","category_id":1,
      "description":"x"})"))),
            "requester");
  EXPECT_EQ(FieldOf(ParsePublicRequest(Obj(R"({"type":"complaint","category_id":1,
      "description":"x","requester":null})"))),
            "requester");
  EXPECT_EQ(FieldOf(ParsePublicRequest(Obj(R"({"type":"complaint","category_id":1,
      "description":"x","requester":{"phone":"1"},"channel":"phone"})"))),
            "channel");
  auto ok = ParsePublicRequest(Obj(R"({"type":"suggestion","category_id":2,"description":"x",
      "requester":{"name":"مريم","phone":"۰۹۱۲۱۲۳۴۵۶۷","language":"fa"}})"));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->requester.phone, "۰۹۱۲۱۲۳۴۵۶۷");
  EXPECT_EQ(ok->type, d::CaseType::kSuggestion);
}

TEST(Admin, NewUnitNeedsCodeAndName) {
  auto u = ParseNewUnit(Obj(R"({"code":"MNT","name":{"ar":"الصيانة","en":"Maintenance"},
      "kind":"directorate","parent_id":null})"));
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->name.ar, "الصيانة");
  EXPECT_EQ(u->name.fa, "");
  EXPECT_EQ(u->kind, d::UnitKind::kDirectorate);
  EXPECT_TRUE(u->active);
  EXPECT_EQ(FieldOf(ParseNewUnit(Obj(R"({"name":{"ar":"x"}})"))), "code");
  EXPECT_EQ(FieldOf(ParseNewUnit(Obj(R"({"code":"A","name":"x"})"))), "name");
  EXPECT_EQ(FieldOf(ParseNewUnit(Obj(R"({"code":"A","name":{"de":"x"}})"))), "name.de");
  EXPECT_EQ(FieldOf(ParseNewUnit(Obj(R"({"code":"A","name":{"ar":1}})"))), "name.ar");
}

TEST(Admin, PatchesChangeOnlyPresentFields) {
  d::Unit unit;
  unit.id = d::UnitId{3};
  unit.code = "OLD";
  unit.parent_id = d::UnitId{1};
  unit.name.en = "Old";
  ASSERT_TRUE(ApplyUnitPatch(Obj(R"({"active": false, "parent_id": null})"), unit).ok());
  EXPECT_FALSE(unit.active);
  EXPECT_FALSE(unit.parent_id.has_value());
  EXPECT_EQ(unit.code, "OLD");
  EXPECT_EQ(unit.name.en, "Old");

  d::Unit untouched = unit;
  auto bad = ApplyUnitPatch(Obj(R"({"code": "NEW", "active": "no"})"), unit);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "active");
  EXPECT_EQ(unit, untouched);  // nothing applied when any member is wrong

  d::Site site;
  ASSERT_TRUE(ApplySitePatch(Obj(R"({"latitude": 23.6, "longitude": null})"), site).ok());
  EXPECT_EQ(site.latitude, 23.6);
  EXPECT_FALSE(site.longitude.has_value());

  d::User user;
  user.username = "ali";
  EXPECT_EQ(ApplyUserPatch(Obj(R"({"username": "x"})"), user).error().field, "username");
  EXPECT_EQ(ApplyUserPatch(Obj(R"({"role": "king"})"), user).error().field, "role");
  ASSERT_TRUE(ApplyUserPatch(Obj(R"({"role": "dispatcher", "unit_id": 2})"), user).ok());
  EXPECT_EQ(user.role, d::Role::kDispatcher);
  EXPECT_EQ(user.unit_id->value, 2);
}

TEST(Admin, NewUserNeedsUsernameAndPassword) {
  EXPECT_EQ(FieldOf(ParseNewUser(Obj(R"({"username":"ali"})"))), "password");
  auto u = ParseNewUser(Obj(R"({"username":"ali","password":"secret123","role":"unit_staff",
      "unit_id":4,"display_name":"Ali","language":"en"})"));
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->role, d::Role::kUnitStaff);
  EXPECT_EQ(u->unit_id->value, 4);
}

std::shared_ptr<const app::Installation> BasicInstallation() {
  return app::Installation::Make(app::CenterSettings{}, {}, {});
}

TEST(ActionInputs, TextIntegersAndBooleansBecomeText) {
  auto in = ParseActionInputs(Obj(R"({"inputs": {"answer": "تم", "unit_id": 12,
                                      "notify": true, "quiet": false, "skip": null}})"));
  ASSERT_TRUE(in.ok()) << in.error().field << " " << in.error().message;
  EXPECT_EQ(in->size(), 4u);
  EXPECT_EQ(in->at("answer"), "تم");
  EXPECT_EQ(in->at("unit_id"), "12");
  EXPECT_EQ(in->at("notify"), "true");
  EXPECT_EQ(in->at("quiet"), "false");
  EXPECT_EQ(in->count("skip"), 0u) << "null leaves an input out";
  auto big = ParseActionInputs(Obj(R"({"inputs": {"n": 18446744073709551615, "m": -3}})"));
  ASSERT_TRUE(big.ok());
  EXPECT_EQ(big->at("n"), "18446744073709551615");
  EXPECT_EQ(big->at("m"), "-3");
}

TEST(ActionInputs, NoInputsIsEmpty) {
  for (const char* body : {"{}", R"({"inputs": null})", R"({"inputs": {}})"}) {
    auto in = ParseActionInputs(Obj(body));
    ASSERT_TRUE(in.ok()) << body;
    EXPECT_TRUE(in->empty()) << body;
  }
}

TEST(ActionInputs, TypeErrorsNameTheInput) {
  EXPECT_EQ(FieldOf(ParseActionInputs(Obj(R"({"inputs": {"ok": "x", "place": {"hall": 1}}})"))),
            "inputs.place");
  EXPECT_EQ(FieldOf(ParseActionInputs(Obj(R"({"inputs": {"unit_ids": [1, 2]}})"))),
            "inputs.unit_ids");
  EXPECT_EQ(FieldOf(ParseActionInputs(Obj(R"({"inputs": {"amount": 1.5}})"))), "inputs.amount");
  auto e = ParseActionInputs(Obj(R"({"inputs": {"amount": 1.5}})"));
  EXPECT_EQ(e.error().code, ErrorCode::kInvalid);
  EXPECT_NE(e.error().message.find("string"), std::string::npos);
  EXPECT_EQ(FieldOf(ParseActionInputs(Obj(R"({"inputs": ["answer"]})"))), "inputs");
  EXPECT_EQ(FieldOf(ParseActionInputs(Obj(R"({"inputs": "answer=yes"})"))), "inputs");
}

TEST(ActionInputs, UnknownTopLevelMembersAreRejected) {
  EXPECT_EQ(FieldOf(ParseActionInputs(Obj(R"({"inputs": {}, "action": "close"})"))), "action");
  EXPECT_EQ(FieldOf(ParseActionInputs(Obj(R"({"answer": "yes"})"))), "answer");
}

TEST(Category, WorkflowIsReadOnCreateAndPatch) {
  auto c = ParseNewCategory(Obj(R"({"code":"W","name":{"en":"Waste"},"workflow":"three_line"})"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->workflow, "three_line");
  EXPECT_EQ(ToJson(*c)["workflow"], "three_line");
  EXPECT_EQ(FieldOf(ParseNewCategory(Obj(R"({"code":"W","name":{"en":"W"},"workflow":3})"))),
            "workflow");
  d::Category cur = *c;
  ASSERT_TRUE(ApplyCategoryPatch(Obj(R"({"workflow":""})"), cur).ok());
  EXPECT_EQ(cur.workflow, "");
  ASSERT_TRUE(ApplyCategoryPatch(Obj(R"({"active":false})"), cur).ok());
  EXPECT_EQ(cur.workflow, "") << "absent leaves it";
  EXPECT_FALSE(ApplyCategoryPatch(Obj(R"({"workflow":null})"), cur).ok());
}

TEST(CasePatch, WorkflowFieldsCannotBePatched) {
  for (const char* key : {"workflow", "state", "state_label", "parent_id", "duplicate_of",
                          "closed_at"}) {
    Json body = {{key, "x"}};
    auto p = ParseCasePatch(body);
    ASSERT_FALSE(p.ok()) << key;
    EXPECT_EQ(p.error().field, key);
    EXPECT_NE(p.error().message.find("cannot be changed"), std::string::npos);
  }
}

TEST(Output, CaseViewHidesAHiddenRequesterEntirely) {
  const auto inst = BasicInstallation();
  app::CaseView v;
  v.c.id = d::CaseId{10};
  v.c.tracking_code = "1234567890";
  v.c.requester_id = d::RequesterId{5};
  v.c.site_id = std::nullopt;
  v.c.version = 3;
  v.requester_hidden = true;
  Json j = ToJson(v, *inst);
  EXPECT_EQ(j["id"], 10);
  EXPECT_TRUE(j["requester_id"].is_null());
  EXPECT_TRUE(j["requester"].is_null());
  EXPECT_EQ(j["requester_hidden"], true);
  EXPECT_TRUE(j["site_id"].is_null());
  EXPECT_EQ(j["status"], "new");
  EXPECT_EQ(j["version"], 3);
  EXPECT_EQ(j["created_at"], "1970-01-01T00:00:00Z");

  v.requester_hidden = false;
  v.requester = d::Requester{d::RequesterId{5}, "Ali", "+966501234567", "", "", "ar", 2, {}};
  v.requester_flagged = true;
  j = ToJson(v, *inst);
  EXPECT_EQ(j["requester_id"], 5);
  EXPECT_EQ(j["requester"]["phone"], "+966501234567");
  EXPECT_EQ(j["requester"]["malicious_count"], 2);
  EXPECT_EQ(j["requester"]["flagged"], true);
}

TEST(Output, CaseCarriesItsWorkflowStateAndLinks) {
  const auto inst = BasicInstallation();
  app::CaseView v;
  v.c.id = d::CaseId{11};
  v.c.workflow = "basic";
  v.c.state = "referred";
  v.c.status = d::CaseStatus::kReferred;
  v.c.parent_id = d::CaseId{4};
  Json j = ToJson(v, *inst);
  EXPECT_EQ(j["workflow"], "basic");
  EXPECT_EQ(j["state"], "referred");
  EXPECT_EQ(j["state_label"]["en"], "Referred");
  EXPECT_EQ(j["state_label"].size(), 3u);
  EXPECT_EQ(j["parent_id"], 4);
  EXPECT_TRUE(j["duplicate_of"].is_null());
  EXPECT_TRUE(j["closed_at"].is_null());
  EXPECT_TRUE(j["requester"].is_null());

  v.c.state = "closed";
  v.c.duplicate_of = d::CaseId{9};
  v.c.closed_at = base::Time{} + std::chrono::hours(24);
  j = ToJson(v, *inst);
  EXPECT_EQ(j["state_label"]["ar"], "مغلق");
  EXPECT_EQ(j["duplicate_of"], 9);
  EXPECT_EQ(j["closed_at"], "1970-01-02T00:00:00Z");

  // A workflow or state the installation does not know has no label, not a made-up one.
  v.c.state = "vanished";
  EXPECT_TRUE(ToJson(v, *inst)["state_label"].is_null());
  v.c.workflow = "uninstalled";
  v.c.state = "new";
  EXPECT_TRUE(ToJson(v, *inst)["state_label"].is_null());
}

TEST(Output, AvailableActionsListTheirInputs) {
  const auto inst = BasicInstallation();
  const d::Workflow* wf = inst->FindWorkflow("basic");
  ASSERT_NE(wf, nullptr);
  Json refer = ToJson(*wf->Action("refer"));
  EXPECT_EQ(refer["name"], "refer");
  EXPECT_EQ(refer["label"]["en"], "Refer");
  EXPECT_EQ(refer["to"], "referred");
  ASSERT_EQ(refer["inputs"].size(), 1u);
  EXPECT_EQ(refer["inputs"][0]["name"], "unit_id");
  EXPECT_EQ(refer["inputs"][0]["type"], "unit");
  EXPECT_EQ(refer["inputs"][0]["required"], false);
  EXPECT_TRUE(refer["inputs"][0]["options"].is_array());
  EXPECT_FALSE(refer.contains("roles")) << "what a user may take, not how it is configured";

  d::WorkflowAction stay;
  stay.name = "call_back";
  stay.inputs.push_back({"outcome", d::InputType::kChoice, true, {"reached", "no_answer"}});
  Json j = ToJson(stay);
  EXPECT_TRUE(j["to"].is_null()) << "an action without `to` keeps the state";
  EXPECT_EQ(j["inputs"][0]["options"], Json::array({"reached", "no_answer"}));

  Json whole = ToJson(*wf);
  EXPECT_EQ(whole["name"], "basic");
  EXPECT_EQ(whole["initial"], "new");
  bool saw_closed = false;
  for (const Json& st : whole["states"]) {
    if (st["name"] == "closed") {
      saw_closed = true;
      EXPECT_EQ(st["status"], "closed");
      EXPECT_EQ(st["final"], true);
      EXPECT_TRUE(st["inbox"].is_null());
    }
  }
  EXPECT_TRUE(saw_closed);
  EXPECT_EQ(whole["actions"][0]["roles"], Json::array({"dispatcher", "supervisor"}));
  EXPECT_EQ(whole["actions"][0]["effects"][0]["kind"], "refer");
}

TEST(Output, OutcomeExtrasAndInstallation) {
  const auto inst = BasicInstallation();
  app::ActionOutcome out;
  out.view.c.id = d::CaseId{3};
  out.view.c.version = 4;
  out.follow_up_id = d::CaseId{8};
  d::OutboxMessage m;
  m.channel = "sms";
  m.template_name = "answered";
  m.recipient = "+96890000000";
  m.language = "ar";
  m.body = "text";
  out.queued.push_back(m);
  Json j = ToJson(out, *inst);
  EXPECT_EQ(j["case"]["id"], 3);
  EXPECT_EQ(j["follow_up_id"], 8);
  ASSERT_EQ(j["queued"].size(), 1u);
  EXPECT_EQ(j["queued"][0]["template"], "answered");
  EXPECT_EQ(j["queued"][0]["recipient"], "+96890000000");
  EXPECT_EQ(j["queued"][0]["body"], "text");
  out.follow_up_id.reset();
  EXPECT_TRUE(ToJson(out, *inst)["follow_up_id"].is_null());

  app::CaseExtras x;
  EXPECT_TRUE(ToJson(x)["meeting"].is_null());
  EXPECT_EQ(ToJson(x)["callbacks"], Json::array());
  x.meeting = d::Meeting{d::CaseId{3}, "2026-02-01", "10:30", "Hall", "", {}};
  x.callbacks.push_back({d::CaseId{3}, {}, d::UserId{2}, "no_answer"});
  m.id = d::MessageId{6};
  x.messages.push_back(m);
  j = ToJson(x);
  EXPECT_EQ(j["meeting"], Json({{"date", "2026-02-01"}, {"time", "10:30"}, {"place", "Hall"},
                                {"outcome", ""}}));
  EXPECT_EQ(j["callbacks"][0]["user_id"], 2);
  EXPECT_EQ(j["callbacks"][0]["outcome"], "no_answer");
  EXPECT_EQ(j["messages"][0]["id"], 6);
  EXPECT_EQ(j["messages"][0]["status"], "queued");

  app::CenterSettings s;
  s.profile = "muscat-1111";
  s.country = "OM";
  s.languages = {"ar", "en"};
  s.center_name.en = "Contact center 1111";
  j = ToJson(s);
  EXPECT_EQ(j["profile"], "muscat-1111");
  EXPECT_EQ(j["languages"], Json::array({"ar", "en"}));
  EXPECT_EQ(j["center_name"]["en"], "Contact center 1111");
  EXPECT_FALSE(j.contains("default_workflow"));
}

TEST(Output, NamesAreTrilingualAndDumpSurvivesBadBytes) {
  Json j = ToJson(d::LocalizedName{"مسجد", "مسجد", "Mosque"});
  EXPECT_EQ(j.size(), 3u);
  EXPECT_EQ(j["en"], "Mosque");
  Json bad = {{"x", std::string("\xFF")}};
  EXPECT_NO_THROW(Dump(bad));
}

}  // namespace
}  // namespace tawasul::http
