// Workflow actions over a real SQLite store: a three-line workflow written as data, the effects
// each action has, and what unit staff may and may not learn.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/installation/installation.hpp"
#include "adapters/libmagic_sniffer.hpp"
#include "app/cases/media_sniffer.hpp"
#include "app/installation/profile.hpp"
#include "app/services.hpp"
#include "adapters/sodium_crypto.hpp"
#include "store/open_store.hpp"

namespace tawasul::app {
namespace {

namespace d = tawasul::domain;
using base::ErrorCode;

const char* kThreeLine = R"(name = "three_line"
initial = "new"
[states.new]
status = "new"
inbox = "triage"
[states.dispatched]
status = "dispatched"
inbox = "triage"
[states.referred]
status = "referred"
inbox = "unit"
[states.answered]
status = "answered"
inbox = "callbacks"
[states.closed]
status = "closed"
final = true

[[actions]]
name = "dispatch"
from = ["new"]
to = "dispatched"
roles = ["agent"]
[[actions.effects]]
kind = "notify"
template = "registered"
channel = "sms"

[[actions]]
name = "refer"
from = ["dispatched"]
to = "referred"
roles = ["dispatcher"]
[[actions.inputs]]
name = "unit_id"
type = "unit"
[[actions.effects]]
kind = "refer"

[[actions]]
name = "answer"
from = ["referred"]
to = "answered"
roles = ["unit_staff"]
unit_scoped = true
[[actions.inputs]]
name = "answer"
type = "text"
required = true
[[actions.effects]]
kind = "answer"

[[actions]]
name = "call_back"
from = ["answered"]
to = "closed"
roles = ["dispatcher"]
[[actions.inputs]]
name = "outcome"
type = "choice"
required = true
options = ["reached", "no_answer", "busy", "wrong_number"]
[[actions.effects]]
kind = "callback"
give_up_to = "closed"
give_up_template = "unreachable"
[[actions.effects]]
kind = "notify"
template = "solved"
channel = "sms"

[[actions]]
name = "reopen"
from = ["closed"]
to = "dispatched"
roles = ["dispatcher"]
[[actions.effects]]
kind = "reopen"

[[actions]]
name = "escalate"
from = ["*"]
roles = ["dispatcher"]
[[actions.effects]]
kind = "follow_up"
type = "complaint"
)";

const char* kProfile = R"(name = "test-center"
country = "OM"
time_zone = "Asia/Muscat"
languages = ["ar", "en"]
center_name = { ar = "مركز 1111", en = "Center 1111" }
default_workflow = "three_line"
callback_max_attempts = 2
reopen_window_days = 7

[[units]]
code = "DIR-ENV"
kind = "directorate"
name = { ar = "مديرية البيئة", en = "Environment" }
[[units]]
code = "DEP-WASTE"
kind = "department"
parent = "DIR-ENV"
name = { ar = "قسم النفايات", en = "Waste" }
[[units]]
code = "DEP-PARKS"
parent = "DIR-ENV"
name = { en = "Parks" }

[[categories]]
code = "WASTE"
default_unit = "DEP-WASTE"
name = { ar = "النفايات", en = "Waste" }

[[users]]
username = "admin"
role = "admin"
display_name = "Admin"
[[users]]
username = "agent"
role = "agent"
display_name = "Agent"
[[users]]
username = "dispatcher"
role = "dispatcher"
display_name = "Dispatcher"
[[users]]
username = "waste"
role = "unit_staff"
unit = "DEP-WASTE"
display_name = "Waste staff"
[[users]]
username = "parks"
role = "unit_staff"
unit = "DEP-PARKS"
display_name = "Parks staff"

[templates.registered]
sms = { ar = "تم تسجيل بلاغكم رقم {tracking_code} لدى {center_name}", en = "Report {tracking_code} registered" }
[templates.solved]
sms = { ar = "تم حل بلاغكم {tracking_code}: {answer}", en = "Solved {tracking_code}: {answer}" }
[templates.unreachable]
sms = { ar = "تعذر الاتصال بكم بشأن {tracking_code}", en = "We could not reach you about {tracking_code}" }
)";

class ActionServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tawasul-actions-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    store_ = store::OpenStore("sqlite:" + (dir_ / "t.db").string(), clock_);
    store_->Migrate();
    settings_.country = "OM";
    sniffer_ = adapters::MakeLibmagicSniffer();
    admin_ = std::make_unique<AdminService>(*store_, crypto_, inst_);
    cases_ = std::make_unique<CaseService>(*store_, crypto_, *sniffer_, clock_, settings_, inst_);
    actions_ = std::make_unique<ActionService>(*store_, *cases_, crypto_, clock_, inst_);
    auto profile = ParseProfile("test/profile.toml", kProfile, {{"test/three_line.toml", kThreeLine}});
    ASSERT_TRUE(profile.ok()) << profile.error().message;
    auto loaded = LoadProfile(*profile, *store_, *admin_, *cases_, inst_, "long-password");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    for (const auto& u : store_->ListUsers()) users_[u.username] = Principal{u, d::TokenKind::kSession};
    for (const auto& u : store_->ListUnits()) units_[u.code] = u.id;
    category_ = store_->ListCategories().front().id;
  }
  void TearDown() override {
    actions_.reset();
    cases_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  d::Case NewCase(const std::string& phone = "92123456") {
    CaseInput in;
    in.type = d::CaseType::kComplaint;
    in.category_id = category_;
    in.description = "حاوية النفايات ممتلئة منذ أسبوع، اتصلوا على 92123456";
    in.requester = RequesterInput{"سالم البلوشي", phone, "", "", "ar"};
    auto c = cases_->Create(users_["agent"], in);
    EXPECT_TRUE(c.ok());
    return c->c;
  }

  Result<ActionOutcome> Act(const std::string& who, d::CaseId id, const std::string& action,
                            d::ActionInputs inputs = {}) {
    return actions_->Take(users_[who], id, action, inputs, std::nullopt);
  }

  base::FakeClock clock_{base::FromMicros(1'790'000'000'000'000)};
  Settings settings_;
  InstallationRef inst_{Installation::Make({}, {}, {})};
  adapters::SodiumCrypto crypto_;
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<MediaSniffer> sniffer_;
  std::unique_ptr<AdminService> admin_;
  std::unique_ptr<CaseService> cases_;
  std::unique_ptr<ActionService> actions_;
  std::map<std::string, Principal> users_;
  std::map<std::string, d::UnitId> units_;
  d::CategoryId category_;
};

TEST_F(ActionServiceTest, ThreeLineFlowEndToEnd) {
  d::Case c = NewCase();
  EXPECT_EQ(c.workflow, "three_line");
  EXPECT_EQ(c.state, "new");

  auto dispatched = Act("agent", c.id, "dispatch");
  ASSERT_TRUE(dispatched.ok()) << dispatched.error().message;
  ASSERT_EQ(dispatched->queued.size(), 1u);
  EXPECT_EQ(dispatched->queued[0].recipient, "+96892123456");
  EXPECT_EQ(dispatched->queued[0].body, "تم تسجيل بلاغكم رقم " + c.tracking_code + " لدى مركز 1111");

  auto referred = Act("dispatcher", c.id, "refer");
  ASSERT_TRUE(referred.ok()) << referred.error().message;
  EXPECT_EQ(referred->view.c.unit_id, units_["DEP-WASTE"]) << "the category's default unit";
  EXPECT_EQ(referred->view.c.status, d::CaseStatus::kReferred);

  auto wrong_unit = Act("parks", c.id, "answer", {{"answer", "x"}});
  ASSERT_FALSE(wrong_unit.ok());
  EXPECT_EQ(wrong_unit.error().code, ErrorCode::kNotFound) << "other units do not see it";
  auto answered = Act("waste", c.id, "answer", {{"answer", "تم تفريغ الحاوية"}});
  ASSERT_TRUE(answered.ok()) << answered.error().message;
  EXPECT_EQ(answered->view.c.public_answer, "تم تفريغ الحاوية");

  auto closed = Act("dispatcher", c.id, "call_back", {{"outcome", "reached"}});
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  EXPECT_EQ(closed->view.c.state, "closed");
  ASSERT_TRUE(closed->view.c.closed_at.has_value());
  ASSERT_EQ(closed->queued.size(), 1u);
  EXPECT_EQ(closed->queued[0].body, "تم حل بلاغكم " + c.tracking_code + ": تم تفريغ الحاوية");

  auto timeline = store_->Timeline(c.id);
  int actions = 0, notifications = 0;
  for (const auto& e : timeline) {
    if (e.kind == "action") ++actions;
    if (e.kind == "notification") {
      ++notifications;
      EXPECT_EQ(e.note.find("968"), std::string::npos) << "no recipient on the timeline";
    }
  }
  EXPECT_EQ(actions, 4);
  EXPECT_EQ(notifications, 2);
  EXPECT_EQ(store_->Messages(c.id).size(), 2u);
}

TEST_F(ActionServiceTest, NotAllowedNowIsAConflictListingTheAllowed) {
  d::Case c = NewCase();
  auto r = Act("dispatcher", c.id, "refer");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_NE(r.error().message.find("escalate"), std::string::npos) << r.error().message;
  auto available = actions_->Available(users_["agent"], c.id);
  ASSERT_TRUE(available.ok());
  ASSERT_EQ(available->size(), 1u);
  EXPECT_EQ((*available)[0].name, "dispatch");
  EXPECT_EQ(store_->Timeline(c.id).size(), 1u) << "a refused action writes nothing";
}

TEST_F(ActionServiceTest, CallbackGivesUpAfterTheConfiguredAttempts) {
  d::Case c = NewCase();
  ASSERT_TRUE(Act("agent", c.id, "dispatch").ok());
  ASSERT_TRUE(Act("dispatcher", c.id, "refer").ok());
  ASSERT_TRUE(Act("waste", c.id, "answer", {{"answer", "done"}}).ok());
  auto first = Act("dispatcher", c.id, "call_back", {{"outcome", "no_answer"}});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->view.c.state, "answered") << "stays for another attempt";
  auto inbox = actions_->Inbox(users_["dispatcher"], "callbacks", "", 50);
  ASSERT_TRUE(inbox.ok());
  ASSERT_EQ(inbox->items.size(), 1u);
  auto bad = Act("dispatcher", c.id, "call_back", {{"outcome", "maybe"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "inputs.outcome");
  auto second = Act("dispatcher", c.id, "call_back", {{"outcome", "busy"}});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->view.c.state, "closed") << "closed after callback_max_attempts = 2";
  ASSERT_EQ(second->queued.size(), 2u);
  EXPECT_EQ(second->queued[0].template_name, "unreachable");
  EXPECT_EQ(store_->CallbackAttempts(c.id).size(), 2u);
}

TEST_F(ActionServiceTest, ReopenOnlyWithinTheWindow) {
  d::Case c = NewCase();
  ASSERT_TRUE(Act("agent", c.id, "dispatch").ok());
  ASSERT_TRUE(Act("dispatcher", c.id, "refer").ok());
  ASSERT_TRUE(Act("waste", c.id, "answer", {{"answer", "done"}}).ok());
  ASSERT_TRUE(Act("dispatcher", c.id, "call_back", {{"outcome", "reached"}}).ok());
  clock_.Advance(std::chrono::hours(24 * 6));
  auto reopened = Act("dispatcher", c.id, "reopen");
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  EXPECT_FALSE(reopened->view.c.closed_at.has_value());
  ASSERT_TRUE(Act("dispatcher", c.id, "refer").ok());
  ASSERT_TRUE(Act("waste", c.id, "answer", {{"answer", "done again"}}).ok());
  ASSERT_TRUE(Act("dispatcher", c.id, "call_back", {{"outcome", "reached"}}).ok());
  clock_.Advance(std::chrono::hours(24 * 8));
  auto late = Act("dispatcher", c.id, "reopen");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
}

TEST_F(ActionServiceTest, FollowUpIsALinkedRequestWithItsOwnCode) {
  d::Case c = NewCase();
  auto r = Act("dispatcher", c.id, "escalate");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_TRUE(r->follow_up_id.has_value());
  auto f = store_->GetCase(*r->follow_up_id);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->parent_id, c.id);
  EXPECT_EQ(f->requester_id, c.requester_id);
  EXPECT_NE(f->tracking_code, c.tracking_code);
  EXPECT_EQ(f->state, "new");
}

TEST_F(ActionServiceTest, UnitStaffNeverSeeTheRequesterAnywhere) {
  d::Case c = NewCase();
  ASSERT_TRUE(Act("agent", c.id, "dispatch").ok());
  ASSERT_TRUE(Act("dispatcher", c.id, "refer").ok());
  const Principal& staff = users_["waste"];
  auto view = cases_->Get(staff, c.id);
  ASSERT_TRUE(view.ok());
  EXPECT_FALSE(view->requester.has_value());
  EXPECT_EQ(view->c.description.find("92123456"), std::string::npos) << view->c.description;
  auto extras = actions_->Extras(staff, c.id);
  ASSERT_TRUE(extras.ok());
  for (const auto& m : extras->messages) EXPECT_TRUE(m.recipient.empty());
  auto inbox = actions_->Inbox(staff, "unit", "", 50);
  ASSERT_TRUE(inbox.ok());
  ASSERT_EQ(inbox->items.size(), 1u);
  EXPECT_FALSE(inbox->items[0].requester.has_value());
  EXPECT_EQ(actions_->Inbox(users_["parks"], "unit", "", 50)->items.size(), 0u);
  EXPECT_EQ(actions_->Inbox(staff, "triage", "", 50).error().code, ErrorCode::kForbidden);
}

TEST_F(ActionServiceTest, EveryTimeSomeoneIsShownTheRequesterItIsLogged) {
  d::Case c = NewCase();
  ASSERT_TRUE(c.requester_id.has_value());
  const auto requester = *c.requester_id;
  const auto before = store_->IdentityAccessLog(requester).size();
  ASSERT_TRUE(Act("agent", c.id, "dispatch").ok());  // the agent's answer shows the requester
  ASSERT_TRUE(Act("dispatcher", c.id, "refer").ok());
  ASSERT_TRUE(cases_->Get(users_["dispatcher"], c.id).ok());
  ASSERT_TRUE(cases_->SearchRequesters(users_["dispatcher"], "92123456").ok());
  ASSERT_TRUE(cases_->Get(users_["waste"], c.id).ok());  // unit staff: anonymized, nothing shown
  ASSERT_TRUE(cases_->List(users_["waste"], {}, "").ok());
  CaseFilter mine;
  mine.requester_id = requester;
  ASSERT_TRUE(cases_->List(users_["dispatcher"], mine, "").ok());  // a list shows them too
  auto log = store_->IdentityAccessLog(requester);
  ASSERT_EQ(log.size(), before + 5);
  EXPECT_EQ(log[before].user_id, users_["agent"].user.id);
  EXPECT_EQ(log[before].via, "action");
  EXPECT_EQ(log[before + 2].user_id, users_["dispatcher"].user.id);
  EXPECT_EQ(log[before + 2].via, "case");
  EXPECT_EQ(log[before + 2].case_id, c.id);
  EXPECT_EQ(log[before + 3].via, "requester_search");
  EXPECT_EQ(log[before + 4].via, "case_list");
  EXPECT_EQ(log[before + 4].case_id, c.id);
  for (const auto& a : log) EXPECT_NE(a.user_id, users_["waste"].user.id);
}

TEST(ProfileParsing, ErrorsNameFileLineAndProblem) {
  std::string broken = kThreeLine;
  broken.replace(broken.find("to = \"referred\""), 15, "to = \"referd\"");
  auto p = ParseProfile("p/profile.toml", kProfile, {{"p/three_line.toml", broken}});
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().message.find("p/three_line.toml:"), std::string::npos) << p.error().message;
  EXPECT_NE(p.error().message.find("referd"), std::string::npos) << p.error().message;

  std::string bad_profile = kProfile;
  bad_profile.replace(bad_profile.find("parent = \"DIR-ENV\""), 18, "parent = \"DIR-XXX\"");
  p = ParseProfile("p/profile.toml", bad_profile, {{"p/three_line.toml", kThreeLine}});
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().message.find("p/profile.toml:"), std::string::npos) << p.error().message;
  EXPECT_NE(p.error().message.find("DIR-XXX"), std::string::npos);

  std::string bad_template = kProfile;
  bad_template.replace(bad_template.find("{answer}"), 8, "{answr}");
  p = ParseProfile("p/profile.toml", bad_template, {{"p/three_line.toml", kThreeLine}});
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().message.find("answr"), std::string::npos);
}

}  // namespace
}  // namespace tawasul::app
