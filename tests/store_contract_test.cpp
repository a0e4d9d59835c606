// The store contract: the same cases on every engine (SQLite on a temp file; PostgreSQL on a
// fresh database per test under TAWASUL_TEST_PG).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <latch>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "app/store.hpp"
#include "base/time.hpp"
#include "store/group_commit.hpp"
#include "store/metrics.hpp"
#include "store/open_store.hpp"
#include "store/postgres/pg_conn.hpp"
#include "store/sqlite/sqlite_conn.hpp"

#include "store_contract_fixture.hpp"

namespace tawasul::store_contract {
namespace {

TYPED_TEST_SUITE(StoreContract, Engines, EngineNames);

TYPED_TEST(StoreContract, MigrateIsIdempotent) {
  EXPECT_EQ(this->S().SchemaVersion(), kSchemaVersion);
  EXPECT_EQ(this->S().Migrate(), kSchemaVersion);
  EXPECT_EQ(this->S().Migrate(), kSchemaVersion);
  EXPECT_EQ(this->S().SchemaVersion(), kSchemaVersion);
  EXPECT_TRUE(this->S().IsEmpty());
}

TYPED_TEST(StoreContract, UnitsCrudAndConflict) {
  auto& s = this->S();
  d::Unit parent;
  parent.code = "center";
  parent.kind = d::UnitKind::kCenter;
  parent.name = {"المركز", "مرکز", "Center"};
  auto p = s.CreateUnit(parent);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->id.valid());
  d::Unit child;
  child.code = "roads-dept";
  child.parent_id = p->id;
  child.active = false;
  auto c = s.CreateUnit(child);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(s.GetUnit(c->id), *c);
  EXPECT_EQ(s.ListUnits(), (std::vector<d::Unit>{*p, *c}));

  d::Unit changed = *c;
  changed.name.en = "Roads";
  changed.kind = d::UnitKind::kBranch;
  changed.active = true;
  auto u = s.UpdateUnit(changed);
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(*u, changed);
  EXPECT_EQ(s.GetUnit(c->id), changed);

  d::Unit dup;
  dup.code = "center";
  auto conflict = s.CreateUnit(dup);
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.error().code, ErrorCode::kConflict);
  EXPECT_EQ(conflict.error().field, "code");
  changed.code = "center";
  auto update_conflict = s.UpdateUnit(changed);
  ASSERT_FALSE(update_conflict.ok());
  EXPECT_EQ(update_conflict.error().field, "code");
  EXPECT_EQ(s.GetUnit(c->id)->code, "roads-dept");

  d::Unit ghost;
  ghost.id = d::UnitId{999999};
  ghost.code = "ghost";
  EXPECT_EQ(s.UpdateUnit(ghost).error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(s.GetUnit(d::UnitId{999999}).has_value());
  d::Unit orphan;
  orphan.code = "orphan";
  orphan.parent_id = d::UnitId{424242};
  EXPECT_EQ(s.CreateUnit(orphan).error().code, ErrorCode::kInvalid);
}

TYPED_TEST(StoreContract, CategoriesCrudAndConflict) {
  auto& s = this->S();
  const auto unit = this->SeedUnit("water");
  const auto root = this->SeedCategory("infrastructure", unit.id);
  d::Category leaf;
  leaf.code = "potholes";
  leaf.parent_id = root.id;
  leaf.name = {"حفر", "چاله", ""};
  auto c = s.CreateCategory(leaf);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(s.GetCategory(c->id), *c);
  EXPECT_EQ(s.ListCategories().size(), 2U);
  d::Category changed = *c;
  changed.default_unit_id = unit.id;
  changed.active = false;
  ASSERT_TRUE(s.UpdateCategory(changed).ok());
  EXPECT_EQ(s.GetCategory(c->id), changed);
  leaf.code = "infrastructure";
  auto dup = s.CreateCategory(leaf);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(dup.error().field, "code");
  d::Category missing;
  missing.id = d::CategoryId{777};
  missing.code = "x";
  EXPECT_EQ(s.UpdateCategory(missing).error().code, ErrorCode::kNotFound);
}

TYPED_TEST(StoreContract, SitesCrudKeepsCoordinatesExactly) {
  auto& s = this->S();
  d::Site site;
  site.code = "MSQ-0001";
  site.kind = d::SiteKind::kMosque;
  site.name = {"جامع الملك فهد", "", "King Fahd Mosque"};
  site.region = "الرياض";
  site.district = "العليا";
  site.latitude = 24.713552123456789;
  site.longitude = 46.675296;
  auto a = s.CreateSite(site);
  ASSERT_TRUE(a.ok());
  d::Site bare;
  bare.code = "AREA-7";
  bare.kind = d::SiteKind::kArea;
  auto b = s.CreateSite(bare);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(s.GetSite(a->id), *a);
  EXPECT_EQ(s.GetSite(b->id)->latitude, std::nullopt);
  EXPECT_EQ(s.ListSites(), (std::vector<d::Site>{*a, *b}));
  d::Site moved = *b;
  moved.latitude = -33.5;
  moved.longitude = 151.25;
  ASSERT_TRUE(s.UpdateSite(moved).ok());
  EXPECT_EQ(s.GetSite(b->id), moved);
  moved.code = "MSQ-0001";
  EXPECT_EQ(s.UpdateSite(moved).error().field, "code");
}

TYPED_TEST(StoreContract, UsersCrudPasswordsAndConflicts) {
  auto& s = this->S();
  const auto unit = this->SeedUnit("complaints");
  d::User u;
  u.username = "fatima";
  u.display_name = "فاطمة";
  u.role = d::Role::kUnitStaff;
  u.unit_id = unit.id;
  u.language = "fa";
  auto created = s.CreateUser(u, "hash-1");
  ASSERT_TRUE(created.ok());
  EXPECT_TRUE(created->id.valid());
  EXPECT_EQ(created->created_at, this->clock_.Now());  // an unset time is the store's now
  EXPECT_FALSE(s.IsEmpty());
  EXPECT_EQ(s.GetUser(created->id), *created);
  auto found = s.FindUserByUsername("fatima");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->user, *created);
  EXPECT_EQ(found->password_hash, "hash-1");
  EXPECT_FALSE(s.FindUserByUsername("nobody").has_value());

  ASSERT_TRUE(s.SetPassword(created->id, "hash-2", "").ok());
  EXPECT_EQ(s.FindUserByUsername("fatima")->password_hash, "hash-2");
  EXPECT_EQ(s.SetPassword(d::UserId{4040}, "x", "").error().code, ErrorCode::kNotFound);

  auto dup = s.CreateUser(u, "hash");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(dup.error().field, "username");

  const auto other = this->SeedUser("omar");
  d::User changed = *created;
  changed.role = d::Role::kSupervisor;
  changed.unit_id.reset();
  changed.active = false;
  changed.display_name = "Fatima";
  auto updated = s.UpdateUser(changed);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(*updated, changed);
  changed.username = "omar";
  auto taken = s.UpdateUser(changed);
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().field, "username");
  EXPECT_EQ(s.ListUsers(), (std::vector<d::User>{*updated, other}));
  d::User ghost;
  ghost.id = d::UserId{999};
  ghost.username = "ghost";
  EXPECT_EQ(s.UpdateUser(ghost).error().code, ErrorCode::kNotFound);

  // An administrator's PATCH with a password: fields and password together, or neither.
  changed.username = "fatima";
  changed.display_name = "Fatima Z.";
  auto both = s.UpdateUserAndPassword(changed, "hash-3", "");
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->display_name, "Fatima Z.");
  EXPECT_EQ(s.FindUserByUsername("fatima")->password_hash, "hash-3");
  changed.display_name = "Never written";
  changed.username = "omar";  // taken: the whole write goes, the password too
  auto refused = s.UpdateUserAndPassword(changed, "hash-4", "");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "username");
  EXPECT_EQ(s.GetUser(created->id)->display_name, "Fatima Z.");
  EXPECT_EQ(s.FindUserByUsername("fatima")->password_hash, "hash-3");
}

// Migration 0008: each user's own calendar and digits ("" = the center's calendar, the
// language's digits) round-trip through create, update and every read.
TYPED_TEST(StoreContract, UserCalendarAndDigitsRoundTrip) {
  auto& s = this->S();
  d::User u;
  u.username = "maryam";
  u.display_name = "Maryam";
  u.language = "fa";
  auto plain = s.CreateUser(u, "hash");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(s.GetUser(plain->id)->calendar, "");
  EXPECT_EQ(s.GetUser(plain->id)->digits, "");

  u.username = "john";
  u.language = "en";
  u.calendar = "gregorian";
  u.digits = "latn";
  auto chosen = s.CreateUser(u, "hash");
  ASSERT_TRUE(chosen.ok());
  EXPECT_EQ(s.GetUser(chosen->id), *chosen);
  EXPECT_EQ(s.FindUserByUsername("john")->user.calendar, "gregorian");
  EXPECT_EQ(s.FindUserByUsername("john")->password_hash, "hash");

  d::User changed = *plain;
  changed.calendar = "persian";
  changed.digits = "native";
  auto updated = s.UpdateUser(changed);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->calendar, "persian");
  EXPECT_EQ(updated->digits, "native");
  EXPECT_EQ(s.GetUser(plain->id), changed);
  changed.calendar = "";
  changed.digits = "";
  ASSERT_TRUE(s.UpdateUser(changed).ok());
  EXPECT_EQ(s.GetUser(plain->id), changed);
  EXPECT_EQ(s.ListUsers(), (std::vector<d::User>{changed, *chosen}));
}

TYPED_TEST(StoreContract, Tokens) {
  auto& s = this->S();
  const auto user = this->SeedUser("agent1");
  app::StoredToken session{"aa11",
                           user.id,
                           d::TokenKind::kSession,
                           "",
                           this->clock_.Now(),
                           this->clock_.Now() + std::chrono::hours(12)};
  app::StoredToken api{"bb22",      user.id, d::TokenKind::kApi, "PBX", this->clock_.Now(),
                       std::nullopt};
  ASSERT_TRUE(s.SaveToken(session).ok());
  ASSERT_TRUE(s.SaveToken(api).ok());
  auto found = s.FindToken("aa11");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->user_id, user.id);
  EXPECT_EQ(found->kind, d::TokenKind::kSession);
  EXPECT_EQ(found->expires_at, session.expires_at);
  EXPECT_EQ(found->created_at, session.created_at);
  auto found_api = s.FindToken("bb22");
  ASSERT_TRUE(found_api.has_value());
  EXPECT_EQ(found_api->name, "PBX");
  EXPECT_FALSE(found_api->expires_at.has_value());

  auto dup = s.SaveToken(session);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(dup.error().field, "hash");

  EXPECT_TRUE(s.DeleteToken("aa11").ok());
  EXPECT_FALSE(s.FindToken("aa11").has_value());
  EXPECT_EQ(s.DeleteToken("aa11").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(s.FindToken("bb22").has_value());
  app::StoredToken orphan{"cc33", d::UserId{5555}, d::TokenKind::kApi, "", {}, std::nullopt};
  EXPECT_EQ(s.SaveToken(orphan).error().code, ErrorCode::kInvalid);
}

TYPED_TEST(StoreContract, RequestersFindSearchAndUpdate) {
  auto& s = this->S();
  const auto cat = this->SeedCategory();
  for (const char* phone : {"+966501234567", "+966501234568", "+966551111111", "+989121234567"}) {
    ASSERT_TRUE(s.CreateCase(this->MakeCase(std::string("T") + phone, cat.id, phone)).ok());
  }
  auto sa = s.FindRequesterByPhone("+966501234567");
  ASSERT_TRUE(sa.has_value());
  EXPECT_EQ(sa->name, "مواطن");
  EXPECT_EQ(sa->created_at, this->clock_.Now());
  EXPECT_EQ(s.GetRequester(sa->id), *sa);
  // Many at once (a list's rows): each as GetRequester reads it; unknown ids are left out.
  auto ir = s.FindRequesterByPhone("+989121234567");
  ASSERT_TRUE(ir.has_value());
  auto many = s.GetRequesters({ir->id, d::RequesterId{999999}, sa->id});
  std::sort(many.begin(), many.end(), [](const d::Requester& a, const d::Requester& b) {
    return a.id < b.id;
  });
  EXPECT_EQ(many, (std::vector<d::Requester>{*sa, *ir}));
  EXPECT_TRUE(s.GetRequesters({}).empty());
  EXPECT_FALSE(s.FindRequesterByPhone("+966500000000").has_value());
  EXPECT_FALSE(s.FindRequesterByPhone("").has_value());

  auto phones = [](const std::vector<d::Requester>& v) {
    std::vector<std::string> out;
    for (const auto& r : v) out.push_back(r.phone);
    return out;
  };
  EXPECT_EQ(phones(s.SearchRequesters("+9665012", 10)),
            (std::vector<std::string>{"+966501234567", "+966501234568"}));
  EXPECT_EQ(phones(s.SearchRequesters("+966", 10)).size(), 3U);
  EXPECT_EQ(phones(s.SearchRequesters("+966", 2)).size(), 2U);
  EXPECT_EQ(phones(s.SearchRequesters("+98", 10)), (std::vector<std::string>{"+989121234567"}));
  EXPECT_EQ(phones(s.SearchRequesters("+966501234567", 10)),
            (std::vector<std::string>{"+966501234567"}));
  EXPECT_TRUE(s.SearchRequesters("+1", 10).empty());

  d::Requester changed = *sa;
  changed.email = "citizen@example.sa";
  changed.national_id = "1234567890";
  changed.phone = "+966509999999";
  auto updated = s.UpdateRequester(changed);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(*updated, changed);
  EXPECT_EQ(s.FindRequesterByPhone("+966509999999"), changed);
  changed.phone = "+989121234567";
  auto taken = s.UpdateRequester(changed);
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, ErrorCode::kConflict);
  EXPECT_EQ(taken.error().field, "phone");
  changed.id = d::RequesterId{31337};
  changed.phone = "+15550000";
  EXPECT_EQ(s.UpdateRequester(changed).error().code, ErrorCode::kNotFound);

  d::Requester caller;
  caller.name = "Caller";
  caller.phone = "+15550001";
  auto inserted = s.CreateRequester(caller);
  ASSERT_TRUE(inserted.ok());
  EXPECT_TRUE(inserted->id.valid());
  EXPECT_EQ(inserted->created_at, this->clock_.Now());
  EXPECT_EQ(s.FindRequesterByPhone("+15550001"), *inserted);
  auto again = s.CreateRequester(caller);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().field, "phone");
  d::Requester nameless;  // no phone: never a conflict
  ASSERT_TRUE(s.CreateRequester(nameless).ok());
  ASSERT_TRUE(s.CreateRequester(nameless).ok());
}

TYPED_TEST(StoreContract, CreateCaseWithNewRequester) {
  auto& s = this->S();
  const auto cat = this->SeedCategory();
  const auto agent = this->SeedUser("agent");
  auto nc = this->MakeCase("1234567890", cat.id, "+966501234567");
  nc.actor = agent.id;
  nc.fields.channel = d::Channel::kWalkIn;
  nc.fields.priority = d::Priority::kHigh;
  auto created = s.CreateCase(nc);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_TRUE(created->id.valid());
  EXPECT_EQ(created->version, 1);
  EXPECT_EQ(created->created_at, this->clock_.Now());
  EXPECT_EQ(created->updated_at, created->created_at);
  EXPECT_EQ(created->created_by, agent.id);
  ASSERT_TRUE(created->requester_id.has_value());
  EXPECT_EQ(s.GetRequester(*created->requester_id)->phone, "+966501234567");
  EXPECT_EQ(s.GetCase(created->id), *created);
  EXPECT_EQ(s.FindCaseByTrackingCode("1234567890"), *created);
  EXPECT_FALSE(s.FindCaseByTrackingCode("0000000000").has_value());
  EXPECT_FALSE(s.GetCase(d::CaseId{created->id.value + 100}).has_value());

  const auto timeline = s.Timeline(created->id);
  ASSERT_EQ(timeline.size(), 1U);
  EXPECT_EQ(timeline[0].kind, "created");
  EXPECT_EQ(timeline[0].case_id, created->id);
  EXPECT_EQ(timeline[0].actor_id, agent.id);
  EXPECT_EQ(timeline[0].at, created->created_at);
}

TYPED_TEST(StoreContract, CreateCaseReusesRequesterWithSamePhone) {
  auto& s = this->S();
  const auto cat = this->SeedCategory();
  auto first = s.CreateCase(this->MakeCase("1000000001", cat.id, "+966501234567"));
  auto nc = this->MakeCase("1000000002", cat.id, "+966501234567");
  nc.requester->name = "another name";
  auto second = s.CreateCase(nc);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first->requester_id, second->requester_id);
  EXPECT_EQ(s.SearchRequesters("+966", 10).size(), 1U);
  EXPECT_EQ(s.GetRequester(*first->requester_id)->name, "مواطن");  // the row is not rewritten

  // A requester given by id is linked as is.
  auto by_id = this->MakeCase("1000000003", cat.id);
  d::Requester known;
  known.id = *first->requester_id;
  by_id.requester = known;
  auto third = s.CreateCase(by_id);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->requester_id, first->requester_id);

  // Without a phone there is nothing to match: every such requester is new.
  auto no_phone_a = s.CreateCase(this->MakeCase("1000000004", cat.id, ""));
  auto no_phone_b = s.CreateCase(this->MakeCase("1000000005", cat.id, ""));
  ASSERT_TRUE(no_phone_a.ok());
  ASSERT_TRUE(no_phone_b.ok());
  EXPECT_NE(no_phone_a->requester_id, no_phone_b->requester_id);
  EXPECT_EQ(s.GetRequester(*no_phone_a->requester_id)->phone, "");
}

TYPED_TEST(StoreContract, CreateAnonymousCase) {
  auto& s = this->S();
  const auto cat = this->SeedCategory();
  auto nc = this->MakeCase("5555555555", cat.id);
  nc.fields.channel = d::Channel::kPortal;
  auto created = s.CreateCase(nc);
  ASSERT_TRUE(created.ok());
  EXPECT_FALSE(created->requester_id.has_value());
  EXPECT_FALSE(created->created_by.has_value());
  EXPECT_EQ(s.GetCase(created->id)->requester_id, std::nullopt);
  const auto timeline = s.Timeline(created->id);
  ASSERT_EQ(timeline.size(), 1U);
  EXPECT_FALSE(timeline[0].actor_id.has_value());
}

TYPED_TEST(StoreContract, TrackingCodeConflictLeavesNothingHalfWritten) {
  auto& s = this->S();
  const auto cat = this->SeedCategory();
  auto first = s.CreateCase(this->MakeCase("7777777777", cat.id, "+966500000001"));
  ASSERT_TRUE(first.ok());
  auto again = s.CreateCase(this->MakeCase("7777777777", cat.id, "+966500000002"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().field, "tracking_code");
  // The new requester of the failed request was rolled back with it.
  EXPECT_FALSE(s.FindRequesterByPhone("+966500000002").has_value());
  EXPECT_EQ(s.ListCases({}).size(), 1U);
  EXPECT_EQ(s.Timeline(first->id).size(), 1U);
  // The caller draws another code and succeeds.
  auto retry = s.CreateCase(this->MakeCase("7777777778", cat.id, "+966500000002"));
  ASSERT_TRUE(retry.ok());
  EXPECT_TRUE(s.FindRequesterByPhone("+966500000002").has_value());
  EXPECT_EQ(s.Timeline(retry->id).size(), 1U);

  // An unknown category is an invalid reference, not a fault; nothing is left behind.
  auto bad = s.CreateCase(this->MakeCase("7777777779", d::CategoryId{9999}, "+966500000003"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalid);
  EXPECT_FALSE(s.FindRequesterByPhone("+966500000003").has_value());
}

TYPED_TEST(StoreContract, UpdateCaseChecksVersionAndWritesTimeline) {
  auto& s = this->S();
  const auto cat = this->SeedCategory();
  const auto unit = this->SeedUnit("roads");
  const auto dispatcher = this->SeedUser("dispatcher");
  auto created = s.CreateCase(this->MakeCase("2000000001", cat.id, "+966501111111"));
  ASSERT_TRUE(created.ok());

  this->clock_.Advance(std::chrono::minutes(5));
  app::CaseUpdate u;
  u.id = created->id;
  u.expected_version = 1;
  u.after = *created;
  u.after.status = d::CaseStatus::kReferred;
  u.after.unit_id = unit.id;
  u.after.tracking_code = "ignored-immutable";
  u.after.updated_at = this->clock_.Now();  // the caller stamps the row it writes
  u.changes = {{"status", "new", "referred"}, {"unit_id", "", std::to_string(unit.id.value)}};
  u.actor = dispatcher.id;
  u.note = "أحيلت إلى قسم الطرق";
  auto updated = s.UpdateCase(u);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->status, d::CaseStatus::kReferred);
  EXPECT_EQ(updated->unit_id, unit.id);
  EXPECT_EQ(updated->tracking_code, "2000000001");
  EXPECT_EQ(updated->created_at, created->created_at);
  EXPECT_EQ(updated->updated_at, this->clock_.Now());
  EXPECT_EQ(s.GetCase(created->id), *updated);

  const auto timeline = s.Timeline(created->id);
  ASSERT_EQ(timeline.size(), 4U);
  EXPECT_EQ(timeline[0].kind, "created");
  EXPECT_EQ(timeline[1].kind, "changed");
  EXPECT_EQ(timeline[1].field, "status");
  EXPECT_EQ(timeline[1].from, "new");
  EXPECT_EQ(timeline[1].to, "referred");
  EXPECT_EQ(timeline[1].actor_id, dispatcher.id);
  EXPECT_EQ(timeline[1].at, this->clock_.Now());
  EXPECT_EQ(timeline[2].field, "unit_id");
  EXPECT_EQ(timeline[3].kind, "note");
  EXPECT_EQ(timeline[3].note, "أحيلت إلى قسم الطرق");

  // A stale ETag: 412, nothing written.
  u.after.status = d::CaseStatus::kClosed;
  auto stale = s.UpdateCase(u);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
  EXPECT_EQ(s.GetCase(created->id)->status, d::CaseStatus::kReferred);
  EXPECT_EQ(s.Timeline(created->id).size(), 4U);

  // No precondition: always applies.
  u.expected_version = 0;
  u.changes = {{"status", "referred", "closed"}};
  u.note.clear();
  u.after.updated_at = {};  // left unset: the store's clock fills it
  this->clock_.Advance(std::chrono::minutes(1));
  auto forced = s.UpdateCase(u);
  ASSERT_TRUE(forced.ok());
  EXPECT_EQ(forced->version, 3);
  EXPECT_EQ(forced->updated_at, this->clock_.Now());
  EXPECT_EQ(s.Timeline(created->id).size(), 5U);

  u.id = d::CaseId{created->id.value + 1000};
  EXPECT_EQ(s.UpdateCase(u).error().code, ErrorCode::kNotFound);
  u.expected_version = 3;
  EXPECT_EQ(s.UpdateCase(u).error().code, ErrorCode::kNotFound);
}

TYPED_TEST(StoreContract, ListCasesFilters) {
  auto& s = this->S();
  const auto roads = this->SeedCategory("roads");
  const auto water = this->SeedCategory("water");
  const auto unit_a = this->SeedUnit("a");
  const auto unit_b = this->SeedUnit("b");
  d::Site site;
  site.code = "S1";
  const auto s1 = *s.CreateSite(site);

  struct Spec {
    d::CategoryId category;
    d::CaseStatus status;
    d::CaseType type;
    d::Channel channel;
    std::optional<d::UnitId> unit;
    std::optional<d::SiteId> site;
    std::optional<std::string> phone;
  };
  const std::vector<Spec> specs = {
      {roads.id,
       d::CaseStatus::kNew,
       d::CaseType::kComplaint,
       d::Channel::kPhone,
       {},
       {},
       "+966500000001"},
      {water.id, d::CaseStatus::kReferred, d::CaseType::kSuggestion, d::Channel::kPortal, unit_a.id,
       s1.id, std::nullopt},
      {roads.id,
       d::CaseStatus::kReferred,
       d::CaseType::kInquiry,
       d::Channel::kSms,
       unit_b.id,
       {},
       "+966500000001"},
      {water.id, d::CaseStatus::kClosed, d::CaseType::kComplaint, d::Channel::kPhone, unit_a.id,
       s1.id, "+966500000002"},
      {roads.id,
       d::CaseStatus::kNew,
       d::CaseType::kComplaint,
       d::Channel::kEmail,
       unit_a.id,
       {},
       std::nullopt},
  };
  std::vector<d::Case> cases;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    auto nc = this->MakeCase("300000000" + std::to_string(i), specs[i].category, specs[i].phone);
    nc.fields.status = specs[i].status;
    nc.fields.type = specs[i].type;
    nc.fields.channel = specs[i].channel;
    nc.fields.unit_id = specs[i].unit;
    nc.fields.site_id = specs[i].site;
    auto r = s.CreateCase(nc);
    ASSERT_TRUE(r.ok()) << r.error().message;
    cases.push_back(*r);
    this->clock_.Advance(std::chrono::hours(1));
  }
  auto ids = [&](const app::CaseFilter& f) {
    std::vector<std::size_t> out;  // indexes into `cases`, in the order returned
    for (const auto& c : s.ListCases(f)) {
      const auto it = std::find(cases.begin(), cases.end(), c);
      out.push_back(it == cases.end() ? 999 : static_cast<std::size_t>(it - cases.begin()));
    }
    return out;
  };
  using V = std::vector<std::size_t>;
  EXPECT_EQ(ids({}), (V{4, 3, 2, 1, 0}));  // newest first
  app::CaseFilter f;
  f.status = d::CaseStatus::kReferred;
  EXPECT_EQ(ids(f), (V{2, 1}));
  f = {};
  f.type = d::CaseType::kComplaint;
  EXPECT_EQ(ids(f), (V{4, 3, 0}));
  f = {};
  f.category_id = water.id;
  EXPECT_EQ(ids(f), (V{3, 1}));
  f = {};
  f.unit_id = unit_a.id;
  EXPECT_EQ(ids(f), (V{4, 3, 1}));
  f = {};
  f.channel = d::Channel::kPhone;
  EXPECT_EQ(ids(f), (V{3, 0}));
  f = {};
  f.site_id = s1.id;
  EXPECT_EQ(ids(f), (V{3, 1}));
  f = {};
  f.requester_id = cases[0].requester_id;
  EXPECT_EQ(ids(f), (V{2, 0}));
  f = {};
  f.created_from = cases[1].created_at;  // inclusive
  f.created_to = cases[3].created_at;    // exclusive
  EXPECT_EQ(ids(f), (V{2, 1}));
  f = {};
  f.before_id = cases[3].id.value;
  EXPECT_EQ(ids(f), (V{2, 1, 0}));
  f = {};
  f.category_id = roads.id;
  f.unit_id = unit_a.id;
  f.status = d::CaseStatus::kNew;
  EXPECT_EQ(ids(f), (V{4}));
  f.status = d::CaseStatus::kClosed;
  EXPECT_TRUE(ids(f).empty());
  f = {};
  f.limit = 2;
  EXPECT_EQ(ids(f), (V{4, 3}));
}

TYPED_TEST(StoreContract, ListCasesCursorPaginationHasNoGapsOrDuplicates) {
  auto& s = this->S();
  const auto cat = this->SeedCategory();
  std::vector<std::int64_t> all;
  for (int i = 0; i < 23; ++i) {
    auto r = s.CreateCase(this->MakeCase("40000000" + std::to_string(10 + i), cat.id));
    ASSERT_TRUE(r.ok());
    all.push_back(r->id.value);
  }
  std::reverse(all.begin(), all.end());
  std::vector<std::int64_t> seen;
  app::CaseFilter f;
  f.limit = 5;
  int pages = 0;
  for (;;) {
    const auto page = s.ListCases(f);
    if (page.empty()) break;
    ++pages;
    EXPECT_LE(page.size(), 5U);
    for (const auto& c : page) seen.push_back(c.id.value);
    f.before_id = page.back().id.value;
  }
  EXPECT_EQ(pages, 5);
  EXPECT_EQ(seen, all);
}

TYPED_TEST(StoreContract, ContactsWithAndWithoutCase) {
  auto& s = this->S();
  const auto cat = this->SeedCategory();
  const auto agent = this->SeedUser("agent");
  auto created = s.CreateCase(this->MakeCase("6000000001", cat.id, "+966501234567"));
  ASSERT_TRUE(created.ok());

  d::Contact guidance;
  guidance.channel = d::Channel::kPhone;
  guidance.requester_id = created->requester_id;
  guidance.agent_id = agent.id;
  guidance.outcome = d::ContactOutcome::kGuidance;
  guidance.note = "سأل عن مواعيد الدوام";
  guidance.started_at = this->clock_.Now();
  guidance.ended_at = this->clock_.Now() + std::chrono::seconds(95);
  auto g = s.CreateContact(guidance);
  ASSERT_TRUE(g.ok());
  EXPECT_TRUE(g->id.valid());
  EXPECT_EQ(s.GetContact(g->id), *g);
  EXPECT_EQ(s.Timeline(created->id).size(), 1U);  // not linked: no timeline event

  this->clock_.Advance(std::chrono::minutes(1));
  d::Contact callback;
  callback.direction = d::ContactDirection::kOutbound;
  callback.requester_id = created->requester_id;
  callback.case_id = created->id;
  callback.agent_id = agent.id;
  callback.outcome = d::ContactOutcome::kCaseUpdated;
  callback.note = "informed of the answer";
  auto cb = s.CreateContact(callback);
  ASSERT_TRUE(cb.ok());
  EXPECT_EQ(cb->created_at, this->clock_.Now());
  EXPECT_FALSE(cb->ended_at.has_value());
  EXPECT_EQ(s.GetContact(cb->id), *cb);
  const auto timeline = s.Timeline(created->id);
  ASSERT_EQ(timeline.size(), 2U);
  EXPECT_EQ(timeline[1].kind, "contact");
  EXPECT_EQ(timeline[1].actor_id, agent.id);
  EXPECT_EQ(timeline[1].note, "informed of the answer");

  d::Contact walk_in;
  walk_in.channel = d::Channel::kWalkIn;
  walk_in.outcome = d::ContactOutcome::kTransferred;
  ASSERT_TRUE(s.CreateContact(walk_in).ok());

  using V = std::vector<d::Contact>;
  auto list = [&](std::optional<d::CaseId> case_id, std::optional<d::RequesterId> requester,
                  int limit) {
    app::ContactFilter f;
    f.case_id = case_id;
    f.requester_id = requester;
    f.limit = limit;
    return s.ListContacts(f);
  };
  EXPECT_EQ(list(created->id, std::nullopt, 10), (V{*cb}));
  EXPECT_EQ(list(std::nullopt, created->requester_id, 10), (V{*cb, *g}));
  EXPECT_EQ(list(created->id, created->requester_id, 10), (V{*cb}));
  EXPECT_EQ(list(std::nullopt, std::nullopt, 10).size(), 3U);
  EXPECT_EQ(list(std::nullopt, std::nullopt, 1).size(), 1U);
  EXPECT_FALSE(s.GetContact(d::ContactId{12345}).has_value());
}

TYPED_TEST(StoreContract, AttachmentsRoundTripBinaryContent) {
  auto& s = this->S();
  const auto cat = this->SeedCategory();
  const auto agent = this->SeedUser("agent");
  auto created = s.CreateCase(this->MakeCase("8000000001", cat.id));
  ASSERT_TRUE(created.ok());
  std::string content;
  for (int round = 0; round < 3; ++round) {
    for (int b = 0; b < 256; ++b) content.push_back(static_cast<char>(b));
  }
  content += std::string(5, '\0');
  d::Attachment meta;
  meta.case_id = created->id;
  meta.filename = "صورة الحفرة.png";
  meta.media_type = "image/png";
  meta.uploaded_by = agent.id;
  auto a = s.AddAttachment(meta, content);
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->size, static_cast<std::int64_t>(content.size()));
  auto blob = s.GetAttachment(a->id);
  ASSERT_TRUE(blob.has_value());
  EXPECT_EQ(blob->meta, *a);
  EXPECT_EQ(blob->content.size(), content.size());
  EXPECT_TRUE(blob->content == content);

  d::Attachment empty_meta = meta;
  empty_meta.filename = "empty.txt";
  empty_meta.media_type = "text/plain";
  auto empty = s.AddAttachment(empty_meta, "");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(s.GetAttachment(empty->id)->content, "");
  EXPECT_EQ(s.ListAttachments(created->id), (std::vector<d::Attachment>{*a, *empty}));
  EXPECT_TRUE(s.ListAttachments(d::CaseId{created->id.value + 1}).empty());
  EXPECT_FALSE(s.GetAttachment(d::AttachmentId{999}).has_value());

  const auto timeline = s.Timeline(created->id);
  ASSERT_EQ(timeline.size(), 3U);
  EXPECT_EQ(timeline[1].kind, "attachment");
  EXPECT_EQ(timeline[1].to, "صورة الحفرة.png");
  EXPECT_EQ(timeline[1].actor_id, agent.id);

  d::Attachment orphan = meta;
  orphan.case_id = d::CaseId{created->id.value + 50};
  EXPECT_EQ(s.AddAttachment(orphan, "x").error().code, ErrorCode::kInvalid);

  // Released to the unit once, on the timeline; a second release keeps the first.
  EXPECT_FALSE(a->released_at.has_value());
  const base::Time at = base::FromMicros(1'800'000'000'000'000);
  auto released = s.ReleaseAttachment(a->id, agent.id, at);
  ASSERT_TRUE(released.ok()) << released.error().message;
  EXPECT_EQ(released->released_at, at);
  EXPECT_EQ(released->released_by, agent.id);
  auto again = s.ReleaseAttachment(a->id, agent.id, at + std::chrono::hours(1));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->released_at, at);
  EXPECT_EQ(s.ListAttachments(created->id).front().released_at, at);
  const auto after = s.Timeline(created->id);
  ASSERT_EQ(after.size(), 4U) << "one release event, not two";
  EXPECT_EQ(after[3].kind, "attachment_released");
  EXPECT_EQ(after[3].to, "صورة الحفرة.png");
  EXPECT_EQ(s.ReleaseAttachment(d::AttachmentId{999}, agent.id, at).error().code,
            ErrorCode::kNotFound);
}

std::chrono::seconds DoublingAfterTwo(int failures) {
  return failures < 2 ? std::chrono::seconds(0) : std::chrono::seconds(1 << (failures - 2));
}

TYPED_TEST(StoreContract, LoginFailuresThrottleEachKeyAndAreForgotten) {
  auto& s = this->S();
  const base::Time t0 = base::FromMicros(1'800'000'000'000'000);
  const std::vector<std::string> both{"user:agent", "addr:192.0.2.1"};
  EXPECT_EQ(s.LoginAllowedAt(both), base::Time{}) << "no failures: no wait";
  EXPECT_EQ(s.RecordLoginFailure(both, t0, &DoublingAfterTwo, std::chrono::minutes(15)), 1);
  EXPECT_LE(s.LoginAllowedAt(both), t0);
  EXPECT_EQ(s.RecordLoginFailure(both, t0, &DoublingAfterTwo, std::chrono::minutes(15)), 2);
  EXPECT_EQ(s.LoginAllowedAt(both), t0 + std::chrono::seconds(1));
  EXPECT_EQ(s.RecordLoginFailure({"user:agent"}, t0, &DoublingAfterTwo, std::chrono::minutes(15)),
            3);
  EXPECT_EQ(s.LoginAllowedAt({"user:agent"}), t0 + std::chrono::seconds(2));
  EXPECT_EQ(s.LoginAllowedAt({"addr:192.0.2.1"}), t0 + std::chrono::seconds(1));
  EXPECT_EQ(s.LoginAllowedAt({"user:other"}), base::Time{});
  // A failure long after the last one starts the count again.
  EXPECT_EQ(s.RecordLoginFailure({"user:agent"}, t0 + std::chrono::minutes(20), &DoublingAfterTwo,
                                 std::chrono::minutes(15)),
            1);
  s.ClearLoginFailures("user:agent");
  EXPECT_EQ(s.LoginAllowedAt({"user:agent"}), base::Time{});
}

/// Metric value of `name{engine="…"}` in the store's Prometheus text, or -1.
double MetricValue(const std::string& text, const std::string& name) {
  const auto at = text.find("\n" + name + "{");
  if (at == std::string::npos) return -1;
  const auto space = text.find("} ", at);
  return std::stod(text.substr(space + 2, text.find('\n', space) - space - 2));
}

TYPED_TEST(StoreContract, ConcurrentCreatesShareCommits) {
  auto& s = this->S();
  const auto cat = this->SeedCategory();
  constexpr int kThreads = 32;
  std::vector<std::optional<base::Result<d::Case>>> results(kThreads);
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      auto nc = this->MakeCase("90000000" + std::to_string(10 + i), cat.id,
                               "+96650000" + std::to_string(1000 + i));
      start.arrive_and_wait();
      results[static_cast<std::size_t>(i)].emplace(s.CreateCase(nc));
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::int64_t> ids;
  for (const auto& r : results) {
    ASSERT_TRUE(r.has_value() && r->ok());
    ids.insert((*r)->id.value);
  }
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kThreads));
  EXPECT_EQ(s.ListCases({}).size(), static_cast<std::size_t>(kThreads));
  for (const auto& r : results) EXPECT_EQ(s.Timeline((*r)->id).size(), 1U);

  std::string metrics;
  s.AppendMetrics(metrics);
  const double commits = MetricValue(metrics, "tawasul_store_commits_total");
  const double jobs = MetricValue(metrics, "tawasul_store_commit_jobs_total");
  EXPECT_GE(jobs, kThreads + 2);  // the seeded category and the migration
  // 32 callers released at once while a commit is being fsync'd: they share transactions.
  EXPECT_LT(commits, jobs) << metrics;
  if (std::getenv("SHOW_METRICS")) std::cerr << metrics;
  EXPECT_NE(metrics.find(std::string("engine=\"") + TypeParam::kLabel + "\""), std::string::npos);
  EXPECT_NE(metrics.find("tawasul_store_commit_seconds_count"), std::string::npos);
  EXPECT_NE(metrics.find("tawasul_store_read_seconds_count"), std::string::npos);
}

TYPED_TEST(StoreContract, OneFailingJobDoesNotFailItsBatch) {
  auto& s = this->S();
  const auto cat = this->SeedCategory();
  ASSERT_TRUE(s.CreateCase(this->MakeCase("9999999999", cat.id)).ok());
  constexpr int kThreads = 32;
  std::vector<std::optional<base::Result<d::Case>>> results(kThreads);
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  auto fails = [](int i) { return i % 4 == 0; };
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      // Every fourth request reuses a taken tracking code (with a new requester to roll back).
      const std::string code = fails(i) ? "9999999999" : "91000000" + std::to_string(10 + i);
      auto nc = this->MakeCase(code, cat.id, "+96655000" + std::to_string(1000 + i));
      start.arrive_and_wait();
      results[static_cast<std::size_t>(i)].emplace(s.CreateCase(nc));
    });
  }
  for (auto& t : threads) t.join();
  int ok = 0;
  for (int i = 0; i < kThreads; ++i) {
    const auto& r = *results[static_cast<std::size_t>(i)];
    const std::string phone = "+96655000" + std::to_string(1000 + i);
    if (fails(i)) {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code, ErrorCode::kConflict);
      EXPECT_EQ(r.error().field, "tracking_code");
      EXPECT_FALSE(s.FindRequesterByPhone(phone).has_value()) << phone;
    } else {
      ASSERT_TRUE(r.ok()) << r.error().message;
      EXPECT_EQ(s.GetCase(r->id), *r);
      EXPECT_TRUE(s.FindRequesterByPhone(phone).has_value()) << phone;
      ++ok;
    }
  }
  EXPECT_EQ(ok, kThreads * 3 / 4);
  app::CaseFilter all;
  all.limit = 100;
  EXPECT_EQ(s.ListCases(all).size(), static_cast<std::size_t>(ok + 1));
}

// Durability is configured by the driver, whatever the server or file defaults are.
TYPED_TEST(StoreContract, WriterConnectionsSyncEveryCommit) {
  auto conn = TypeParam::Connect(this->url_);
  if constexpr (TypeParam::kEngine == store::Engine::kSqlite) {
    EXPECT_EQ(store::AsText(conn->Query("PRAGMA journal_mode", {}).at(0).at(0)), "wal");
    EXPECT_EQ(store::AsInt(conn->Query("PRAGMA synchronous", {}).at(0).at(0)), 2);  // FULL
    EXPECT_EQ(store::AsInt(conn->Query("PRAGMA foreign_keys", {}).at(0).at(0)), 1);
  } else {
    EXPECT_EQ(store::AsText(conn->Query("SHOW synchronous_commit", {}).at(0).at(0)), "on");
    EXPECT_EQ(store::AsText(conn->Query("SHOW fsync", {}).at(0).at(0)), "on");
  }
}

/// Runs `jobs` through `writer` in ONE batch, in the order given: a first job holds the writer
/// thread until all of them are queued. Returns each job's outcome: "committed",
/// "unique:<column>", "db" or "logic".
std::vector<std::string> RunInOneBatch(store::GroupCommitter& writer,
                                       const std::vector<store::GroupCommitter::Job>& jobs) {
  std::atomic<bool> holding{false};
  std::atomic<bool> release{false};
  std::thread blocker([&] {
    writer.Run([&](store::Conn&) {
      holding = true;
      while (!release) std::this_thread::yield();
      return true;
    });
  });
  while (!holding) std::this_thread::yield();
  std::vector<std::string> outcome(jobs.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    threads.emplace_back([&, i] {
      try {
        writer.Run(jobs[i]);
        outcome[i] = "committed";
      } catch (const store::DbError& e) {
        outcome[i] =
            e.kind() == store::DbError::Kind::kUniqueViolation ? "unique:" + e.column() : "db";
      } catch (const std::logic_error&) {
        outcome[i] = "logic";
      }
    });
    // One at a time, so the batch runs the jobs in the order the test lists them.
    while (writer.Queued() < i + 1) std::this_thread::yield();
  }
  release = true;
  blocker.join();
  for (auto& t : threads) t.join();
  return outcome;
}

void InsertUnit(store::Conn& c, const std::string& code) {
  c.Exec(
      "INSERT INTO units (code, name_ar, name_fa, name_en, kind, active) "
      "VALUES ($1, '', '', '', 'department', 1)",
      {store::Text(code)});
}

// The group-commit writer itself, made deterministic with RunInOneBatch.
TYPED_TEST(StoreContract, GroupCommitIsolatesFailingJobsInOneBatch) {
  this->SeedUnit("taken");
  store::StoreMetrics metrics(TypeParam::kEngine);
  constexpr int kJobs = 12;
  std::vector<store::GroupCommitter::Job> jobs;
  for (int i = 0; i < kJobs; ++i) {
    const std::string n = std::to_string(i);
    jobs.push_back([i, n](store::Conn& c) {
      switch (i % 4) {
        case 0:  // a unique violation: the driver throws, the job is rolled back
          InsertUnit(c, "before-dup-" + n);
          InsertUnit(c, "taken");
          return true;
        case 1:  // an expected failure: the job asks for its own rollback
          InsertUnit(c, "undone-" + n);
          return false;
        case 2:  // a bug: any exception rolls the job back and reaches its caller
          InsertUnit(c, "boom-" + n);
          throw std::logic_error("boom");
        default:
          InsertUnit(c, "ok-" + n);
          return true;
      }
    });
  }
  std::vector<std::string> outcome;
  {
    store::GroupCommitter writer(TypeParam::Connect(this->url_), metrics);
    outcome = RunInOneBatch(writer, jobs);
  }
  for (int i = 0; i < kJobs; ++i) {
    const char* expected[] = {"unique:code", "committed", "logic", "committed"};
    EXPECT_EQ(outcome[static_cast<std::size_t>(i)], expected[i % 4]) << i;
  }
  std::set<std::string> codes;
  for (const auto& u : this->S().ListUnits()) codes.insert(u.code);
  EXPECT_EQ(codes, (std::set<std::string>{"taken", "ok-3", "ok-7", "ok-11"}));

  std::string text;
  metrics.Append(text);
  EXPECT_EQ(MetricValue(text, "tawasul_store_commits_total"), 2) << text;  // blocker + one batch
  EXPECT_EQ(MetricValue(text, "tawasul_store_commit_jobs_total"), kJobs + 1);
  EXPECT_EQ(MetricValue(text, "tawasul_store_failed_jobs_total"), kJobs * 3 / 4);
}

// A deadlock or serialization failure between nodes is not the job's fault: the batch runs again
// job by job and the job is retried, so its neighbours and, after a retry, the job itself commit;
// a job that keeps meeting it gets the error after GroupCommitter::kMaxRetries retries.
TYPED_TEST(StoreContract, GroupCommitRetriesAJobThatMetADeadlock) {
  store::StoreMetrics metrics(TypeParam::kEngine);
  std::atomic<int> flaky_runs{0};
  std::atomic<int> stuck_runs{0};
  std::vector<store::GroupCommitter::Job> jobs{
      [](store::Conn& c) {
        InsertUnit(c, "neighbour");
        return true;
      },
      [&flaky_runs](store::Conn& c) {
        InsertUnit(c, "flaky-" + std::to_string(flaky_runs.load()));
        if (flaky_runs++ == 0) {
          throw store::DbError(store::DbError::Kind::kRetryable, "deadlock detected");
        }
        return true;
      },
      [&stuck_runs](store::Conn& c) -> bool {
        ++stuck_runs;
        InsertUnit(c, "stuck");
        throw store::DbError(store::DbError::Kind::kRetryable, "deadlock detected");
      },
  };
  std::vector<std::string> outcome;
  {
    store::GroupCommitter writer(TypeParam::Connect(this->url_), metrics);
    outcome = RunInOneBatch(writer, jobs);
  }
  EXPECT_EQ(outcome, (std::vector<std::string>{"committed", "committed", "db"}));
  EXPECT_EQ(flaky_runs.load(), 2);
  // The flaky job ended the batch before it ran; then alone once and kMaxRetries times more.
  EXPECT_EQ(stuck_runs.load(), 1 + store::GroupCommitter::kMaxRetries);
  std::set<std::string> codes;
  for (const auto& u : this->S().ListUnits()) codes.insert(u.code);
  EXPECT_TRUE(codes.count("neighbour"));
  EXPECT_TRUE(codes.count("flaky-1")) << "the retry's write commits";
  EXPECT_FALSE(codes.count("flaky-0")) << "the failed run's write is rolled back";
  EXPECT_FALSE(codes.count("stuck"));
}

// When a job takes the whole transaction down (as SQLite does on some I/O errors, or a lost
// PostgreSQL session), the writer retries the batch's other jobs alone instead of failing them.
TYPED_TEST(StoreContract, GroupCommitRetriesNeighboursOfAJobThatEndsTheTransaction) {
  store::StoreMetrics metrics(TypeParam::kEngine);
  std::vector<store::GroupCommitter::Job> jobs;
  for (int i = 0; i < 6; ++i) {
    jobs.push_back([i](store::Conn& c) {
      InsertUnit(c, "unit-" + std::to_string(i));
      if (i == 3) c.ExecScript("ROLLBACK");
      return true;
    });
  }
  std::vector<std::string> outcome;
  {
    store::GroupCommitter writer(TypeParam::Connect(this->url_), metrics);
    outcome = RunInOneBatch(writer, jobs);
  }
  EXPECT_EQ(outcome, (std::vector<std::string>{"committed", "committed", "committed", "db",
                                               "committed", "committed"}));
  std::set<std::string> codes;
  for (const auto& u : this->S().ListUnits()) codes.insert(u.code);
  EXPECT_EQ(codes, (std::set<std::string>{"unit-0", "unit-1", "unit-2", "unit-4", "unit-5"}));
  std::string text;
  metrics.Append(text);
  EXPECT_GE(MetricValue(text, "tawasul_store_aborted_batches_total"), 1) << text;
}

TYPED_TEST(StoreContract, WritesSurviveReopen) {
  const auto cat = this->SeedCategory();
  const auto user = this->SeedUser("durable");
  auto created = this->S().CreateCase(this->MakeCase("1212121212", cat.id, "+966501010101"));
  ASSERT_TRUE(created.ok());
  d::Attachment meta;
  meta.case_id = created->id;
  meta.filename = "a.bin";
  auto a = this->S().AddAttachment(meta, std::string("\0\x01\x02", 3));
  ASSERT_TRUE(a.ok());

  this->Reopen();
  EXPECT_EQ(this->S().SchemaVersion(), kSchemaVersion);
  EXPECT_EQ(this->S().Migrate(), kSchemaVersion);
  EXPECT_EQ(this->S().GetCase(created->id), *created);
  EXPECT_EQ(this->S().GetUser(user.id), user);
  EXPECT_EQ(this->S().GetCategory(cat.id), cat);
  EXPECT_EQ(this->S().Timeline(created->id).size(), 2U);
  EXPECT_EQ(this->S().GetAttachment(a->id)->content, std::string("\0\x01\x02", 3));
  EXPECT_TRUE(this->S().FindRequesterByPhone("+966501010101").has_value());
  // Ids keep growing after a restart.
  auto next = this->S().CreateCase(this->MakeCase("1212121213", cat.id));
  ASSERT_TRUE(next.ok());
  EXPECT_GT(next->id, created->id);
}

TEST(OpenStore, RejectsUnknownSchemes) {
  EXPECT_THROW(store::OpenStore("mysql://root:secret@localhost/db"), std::invalid_argument);
  try {
    store::OpenStore("mysql://root:secret@localhost/db");
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos) << e.what();
  }
  EXPECT_THROW(store::OpenStore("sqlite:"), std::invalid_argument);
  EXPECT_THROW(store::OpenStore("sqlite::memory:"), std::invalid_argument);
}

}  // namespace
}  // namespace tawasul::store_contract
