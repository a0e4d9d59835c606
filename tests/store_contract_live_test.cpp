// The store contract of the live feed's reads (app/live_store.hpp): new timeline events with
// where their request stands now, and new contacts, by id. Same cases on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "store_contract_fixture.hpp"

namespace tawasul::store_contract {
namespace {

template <class Engine>
class LiveContract : public StoreContract<Engine> {};
TYPED_TEST_SUITE(LiveContract, Engines, EngineNames);

TYPED_TEST(LiveContract, AnEmptyStoreHasNoChanges) {
  auto& s = this->S();
  EXPECT_EQ(s.LatestChange(), (app::ChangeCursor{0, 0}));
  const app::Changes none = s.ChangesSince({}, 100);
  EXPECT_TRUE(none.cases.empty());
  EXPECT_TRUE(none.contacts.empty());
}

TYPED_TEST(LiveContract, EventsAfterTheCursorWithTheRequestsStatusAndUnitNow) {
  auto& s = this->S();
  const auto cat = this->SeedCategory();
  const auto unit = this->SeedUnit("roads");
  auto first = s.CreateCase(this->MakeCase("3000000001", cat.id, "+966501111111"));
  ASSERT_TRUE(first.ok());
  const app::ChangeCursor start = s.LatestChange();
  EXPECT_GT(start.event_id, 0);  // the first request's "created"
  EXPECT_EQ(start.contact_id, 0);

  auto second = s.CreateCase(this->MakeCase("3000000002", cat.id));
  ASSERT_TRUE(second.ok());
  this->clock_.Advance(std::chrono::minutes(1));
  app::CaseUpdate u;
  u.id = second->id;
  u.expected_version = 1;
  u.after = *second;
  u.after.status = d::CaseStatus::kReferred;
  u.after.unit_id = unit.id;
  u.after.updated_at = this->clock_.Now();
  u.changes = {{"status", "new", "referred"}, {"unit_id", "", std::to_string(unit.id.value)}};
  ASSERT_TRUE(s.UpdateCase(u).ok());

  d::Contact call;
  call.channel = d::Channel::kWalkIn;
  call.case_id = second->id;
  call.outcome = d::ContactOutcome::kCaseUpdated;
  call.started_at = this->clock_.Now();
  auto logged = s.CreateContact(call);
  ASSERT_TRUE(logged.ok()) << logged.error().message;

  const app::Changes ch = s.ChangesSince(start, 100);
  // Only the second request's events: "created", then the two "changed" (and the contact's).
  ASSERT_GE(ch.cases.size(), 3u);
  std::int64_t previous = start.event_id;
  for (const app::CaseChange& c : ch.cases) {
    EXPECT_GT(c.event_id, previous) << "ascending and after the cursor";
    previous = c.event_id;
    EXPECT_EQ(c.case_id, second->id);
    // Every event, even the ones written before the referral, tells where the request is now.
    EXPECT_EQ(c.status, d::CaseStatus::kReferred);
    EXPECT_EQ(c.unit_id, unit.id);
  }
  EXPECT_EQ(ch.cases.front().event, "created");
  EXPECT_EQ(ch.cases[1].event, "changed");
  ASSERT_EQ(ch.contacts.size(), 1u);
  EXPECT_EQ(ch.contacts[0].contact_id, logged->id.value);
  EXPECT_EQ(ch.contacts[0].channel, d::Channel::kWalkIn);
  EXPECT_EQ(ch.contacts[0].case_id, second->id);

  // The cursor now stands at the newest of each.
  const app::ChangeCursor end = s.LatestChange();
  EXPECT_EQ(end.event_id, ch.cases.back().event_id);
  EXPECT_EQ(end.contact_id, logged->id.value);
  const app::Changes after_end = s.ChangesSince(end, 100);
  EXPECT_TRUE(after_end.cases.empty());
  EXPECT_TRUE(after_end.contacts.empty());

  // The limit bounds each list, oldest first; reading on from there gives the rest.
  const app::Changes page = s.ChangesSince(start, 2);
  ASSERT_EQ(page.cases.size(), 2u);
  EXPECT_EQ(page.cases[0], ch.cases[0]);
  EXPECT_EQ(page.cases[1], ch.cases[1]);
  const app::Changes rest = s.ChangesSince({page.cases[1].event_id, end.contact_id}, 100);
  EXPECT_EQ(rest.cases.size(), ch.cases.size() - 2);
  EXPECT_TRUE(rest.contacts.empty());
}

TYPED_TEST(LiveContract, AContactWithoutARequestIsAChangeToo) {
  auto& s = this->S();
  d::Contact call;
  call.channel = d::Channel::kPhone;
  call.started_at = this->clock_.Now();
  auto logged = s.CreateContact(call);
  ASSERT_TRUE(logged.ok()) << logged.error().message;
  const app::Changes ch = s.ChangesSince({}, 10);
  EXPECT_TRUE(ch.cases.empty());
  ASSERT_EQ(ch.contacts.size(), 1u);
  EXPECT_EQ(ch.contacts[0].channel, d::Channel::kPhone);
  EXPECT_FALSE(ch.contacts[0].case_id.has_value());
  EXPECT_EQ(s.LatestChange(), (app::ChangeCursor{0, logged->id.value}));
}

}  // namespace
}  // namespace tawasul::store_contract
