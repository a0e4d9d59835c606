#include "http/json_mapping.hpp"

#include <gtest/gtest.h>

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

TEST(Output, CaseViewHidesAHiddenRequesterEntirely) {
  app::CaseView v;
  v.c.id = d::CaseId{10};
  v.c.tracking_code = "1234567890";
  v.c.requester_id = d::RequesterId{5};
  v.c.site_id = std::nullopt;
  v.c.version = 3;
  v.requester_hidden = true;
  Json j = ToJson(v);
  EXPECT_EQ(j["id"], 10);
  EXPECT_TRUE(j["requester_id"].is_null());
  EXPECT_TRUE(j["requester"].is_null());
  EXPECT_EQ(j["requester_hidden"], true);
  EXPECT_TRUE(j["site_id"].is_null());
  EXPECT_EQ(j["status"], "new");
  EXPECT_EQ(j["version"], 3);
  EXPECT_EQ(j["created_at"], "1970-01-01T00:00:00Z");

  v.requester_hidden = false;
  v.requester = d::Requester{d::RequesterId{5}, "Ali", "+966501234567", "", "", "ar", {}};
  j = ToJson(v);
  EXPECT_EQ(j["requester_id"], 5);
  EXPECT_EQ(j["requester"]["phone"], "+966501234567");
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
