// The store contract for routing rules (migration 0018) and the suggested unit of a request:
// rules round-trip; the daily totals count a request not referred yet under its suggested unit
// ('pending') until it is referred, and a recount agrees with the triggers. And for scheduled
// reports (migration 0020): a month is queued once, its emails carry their files to the claim.
// SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "app/store.hpp"
#include "store_contract_fixture.hpp"

namespace tawasul::store_contract {
namespace {

template <class Engine>
class StoreRoutingContract : public StoreContract<Engine> {
 protected:
  app::ReportZoneOffsets Utc(const std::string& fingerprint) {
    app::ReportZoneOffsets z;
    z.fingerprint = fingerprint;
    z.covers_from = base::FromMicros(86'400'000'000);
    z.covers_to = base::FromMicros(7'258'118'400'000'000);
    z.offsets = {{z.covers_from, 0}};
    return z;
  }
  std::map<std::string, std::int64_t> Totals(const std::string& fingerprint, const char* dim) {
    auto t = this->S().ReportTotalsByValue(fingerprint, dim, {});
    EXPECT_TRUE(t.has_value());
    return t.value_or(std::map<std::string, std::int64_t>{});
  }
};

TYPED_TEST_SUITE(StoreRoutingContract, Engines, EngineNames);

TYPED_TEST(StoreRoutingContract, RulesRoundTripUpdateAndDelete) {
  auto& s = this->S();
  const auto makkah = this->SeedUnit("MAK");
  const auto riyadh = this->SeedUnit("RYD");
  const auto cat = this->SeedCategory("maint", riyadh.id);
  EXPECT_TRUE(s.ListRoutingRules().empty());

  d::RoutingRule r;
  r.category_id = cat.id;
  r.region = "مكة المكرمة";
  r.channel = d::Channel::kWalkIn;
  r.unit_id = makkah.id;
  r.note = "the branch of the region";
  auto a = s.CreateRoutingRule(r);
  ASSERT_TRUE(a.ok());
  EXPECT_GT(a->id, 0);
  d::RoutingRule bare;
  bare.unit_id = riyadh.id;
  bare.active = false;
  auto b = s.CreateRoutingRule(bare);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(s.ListRoutingRules(), (std::vector<d::RoutingRule>{*a, *b}));

  d::RoutingRule changed = *a;
  changed.channel.reset();
  changed.region.clear();
  changed.site_id = std::nullopt;
  changed.branch_id = makkah.id;
  auto u = s.UpdateRoutingRule(changed);
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(*u, changed);
  d::RoutingRule ghost = changed;
  ghost.id = 9999;
  EXPECT_EQ(s.UpdateRoutingRule(ghost).error().code, base::ErrorCode::kNotFound);

  ASSERT_TRUE(s.DeleteRoutingRule(a->id).ok());
  EXPECT_EQ(s.DeleteRoutingRule(a->id).error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(s.ListRoutingRules(), (std::vector<d::RoutingRule>{*b}));
}

TYPED_TEST(StoreRoutingContract, AnUnreferredRequestCountsUnderItsSuggestedUnitUntilReferred) {
  auto& s = this->S();
  const auto makkah = this->SeedUnit("MAK");
  const auto other = this->SeedUnit("OTH");
  const auto cat = this->SeedCategory("maint");
  ASSERT_TRUE(s.SetReportZone(this->Utc("UTC/a")).ok());

  auto nc = this->MakeCase("TWS-RT-0001", cat.id);
  nc.fields.suggested_unit_id = makkah.id;
  auto c = s.CreateCase(nc);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->suggested_unit_id, makkah.id);
  EXPECT_EQ(s.GetCase(c->id)->suggested_unit_id, makkah.id);
  auto plain = this->MakeCase("TWS-RT-0002", cat.id);  // no suggestion: no pending row
  ASSERT_TRUE(s.CreateCase(plain).ok());

  const std::string mak = std::to_string(makkah.id.value);
  EXPECT_EQ(this->Totals("UTC/a", "pending"), (std::map<std::string, std::int64_t>{{mak, 1}}));
  EXPECT_EQ(this->Totals("UTC/a", "unit"), (std::map<std::string, std::int64_t>{{"none", 2}}));

  // Referred elsewhere: it leaves the pending count and joins the unit's.
  app::CaseUpdate up;
  up.id = c->id;
  up.expected_version = c->version;
  up.after = *c;
  up.after.unit_id = other.id;
  up.actor = std::nullopt;
  ASSERT_TRUE(s.UpdateCase(up).ok());
  EXPECT_TRUE(this->Totals("UTC/a", "pending").empty());
  EXPECT_EQ(this->Totals("UTC/a", "unit"),
            (std::map<std::string, std::int64_t>{{"none", 1}, {std::to_string(other.id.value), 1}}));

  // A recount (another zone) agrees with what the triggers kept.
  auto again = this->MakeCase("TWS-RT-0003", cat.id);
  again.fields.suggested_unit_id = makkah.id;
  ASSERT_TRUE(s.CreateCase(again).ok());
  const auto kept = this->Totals("UTC/a", "pending");
  ASSERT_TRUE(s.SetReportZone(this->Utc("UTC/b")).ok());
  EXPECT_EQ(this->Totals("UTC/b", "pending"), kept);
  EXPECT_EQ(kept, (std::map<std::string, std::int64_t>{{mak, 1}}));
}

TYPED_TEST(StoreRoutingContract, AScheduledMonthIsQueuedOnceWithItsFile) {
  auto& s = this->S();
  const auto unit = this->SeedUnit("DG");
  app::ReportSchedule sched;
  sched.unit_id = unit.id;
  sched.recipients = {"a@example.om", "b@example.om"};
  sched.language = "en";
  auto made = s.CreateReportSchedule(sched);
  ASSERT_TRUE(made.ok());
  EXPECT_EQ(made->recipients, sched.recipients);
  EXPECT_EQ(made->last_period, "");

  d::OutboxMessage m;
  m.channel = "email";
  m.template_name = "monthly_report";
  m.recipient = "a@example.om";
  m.subject = "Monthly figures 2026-11";
  m.body = "attached";
  std::string bytes("PK\x03\x04\x00\xff binary", 13);
  m.file = d::MessageFile{"tawasul-DG-2026-11.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes};
  auto first = s.QueueScheduledReport(made->id, "", "2026-11", {m});
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(*first);
  auto again = s.QueueScheduledReport(made->id, "", "2026-11", {m});
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again) << "another node already queued it: nothing";
  EXPECT_EQ(s.ListReportSchedules().at(0).last_period, "2026-11");
  EXPECT_EQ(s.QueueScheduledReport(9999, "", "2026-11", {m}).error().code, base::ErrorCode::kNotFound);

  const auto claimed = s.ClaimMessages("w1", base::FromMicros(1'900'000'000'000'000), 10,
                                       std::chrono::seconds(60), {"email"});
  ASSERT_EQ(claimed.size(), 1u) << "one message, not two";
  ASSERT_TRUE(claimed[0].message.file.has_value());
  EXPECT_EQ(claimed[0].message.file->content, bytes) << "bytes intact, NULs and all";
  EXPECT_EQ(claimed[0].message.file->filename, "tawasul-DG-2026-11.xlsx");
  EXPECT_FALSE(claimed[0].message.case_id.has_value());

  made->active = false;
  made->recipients = {"c@example.om"};
  auto changed = s.UpdateReportSchedule(*made);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->last_period, "2026-11") << "an update never moves the month";
  EXPECT_FALSE(changed->active);
  ASSERT_TRUE(s.DeleteReportSchedule(made->id).ok());
  EXPECT_TRUE(s.ListReportSchedules().empty());
}

TYPED_TEST(StoreRoutingContract, AContactIsTakenAtTheAgentsBranchUnlessOneIsChosen) {
  auto& s = this->S();
  d::Unit branch;
  branch.code = "BR-NORTH";
  branch.kind = d::UnitKind::kBranch;
  branch.name = {"فرع الشمال", "", "North branch"};
  auto br = s.CreateUnit(branch);
  ASSERT_TRUE(br.ok());
  d::Unit desk;
  desk.code = "DESK-1";
  desk.kind = d::UnitKind::kDepartment;
  desk.parent_id = br->id;
  desk.name = {"مكتب", "", "Desk"};
  auto dk = s.CreateUnit(desk);
  ASSERT_TRUE(dk.ok());
  const auto other = this->SeedUnit("BR-SOUTH");
  d::User agent = this->SeedUser("desk.agent");
  agent.unit_id = dk->id;
  ASSERT_TRUE(s.UpdateUser(agent).ok());
  const auto nowhere = this->SeedUser("hq.agent");  // no unit: no branch

  d::Contact k;
  k.channel = d::Channel::kWalkIn;
  k.outcome = d::ContactOutcome::kGuidance;
  k.agent_id = agent.id;
  auto at_agents = s.CreateContact(k);
  ASSERT_TRUE(at_agents.ok());
  EXPECT_EQ(at_agents->branch_id, br->id) << "the branch above the agent's desk";
  EXPECT_EQ(s.GetContact(at_agents->id)->branch_id, br->id);
  k.branch_id = other.id;
  EXPECT_EQ(s.CreateContact(k)->branch_id, other.id) << "a branch chosen at the desk wins";
  k.branch_id.reset();
  k.agent_id = nowhere.id;
  EXPECT_FALSE(s.CreateContact(k)->branch_id.has_value());
  k.agent_id.reset();
  EXPECT_FALSE(s.CreateContact(k)->branch_id.has_value());
}

}  // namespace
}  // namespace tawasul::store_contract
