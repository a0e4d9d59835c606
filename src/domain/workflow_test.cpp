#include "domain/workflow.hpp"

#include <gtest/gtest.h>

#include <tuple>

namespace tawasul::domain {
namespace {

Effect Eff(EffectKind k) {
  Effect e;
  e.kind = k;
  return e;
}

ActionInputSpec In(const char* name, InputType t, bool required,
                   std::vector<std::string> options = {}) {
  ActionInputSpec s;
  s.name = name;
  s.type = t;
  s.required = required;
  s.options = std::move(options);
  return s;
}

Workflow ThreeLine() {
  Workflow w;
  w.name = "three_line";
  w.initial = "new";
  auto state = [&](const char* n, CaseStatus s, bool final = false) {
    WorkflowState st;
    st.name = n;
    st.status = s;
    st.final = final;
    w.states[n] = st;
  };
  state("new", CaseStatus::kNew);
  state("dispatched", CaseStatus::kDispatched);
  state("referred", CaseStatus::kReferred);
  state("answered", CaseStatus::kAnswered);
  state("closed", CaseStatus::kClosed, true);
  WorkflowAction dispatch{"dispatch", {}, {"new"}, "dispatched", {Role::kAgent}, false, {}, {}};
  WorkflowAction refer{"refer", {}, {"dispatched"}, "referred", {Role::kDispatcher}, false,
                       {In("unit_id", InputType::kUnit, false)}, {Eff(EffectKind::kRefer)}};
  WorkflowAction answer{"answer", {}, {"referred"}, "answered", {Role::kUnitStaff}, true,
                        {In("answer", InputType::kText, true)}, {Eff(EffectKind::kAnswer)}};
  WorkflowAction hold{"hold", {}, {"*"}, "", {Role::kDispatcher}, false, {}, {}};
  WorkflowAction reopen{"reopen", {}, {"closed"}, "dispatched", {Role::kDispatcher}, false, {},
                        {Eff(EffectKind::kReopen)}};
  w.actions = {dispatch, refer, answer, hold, reopen};
  return w;
}

TEST(Workflow, ValidatesReferencesAndInputs) {
  Workflow w = ThreeLine();
  EXPECT_TRUE(ValidateWorkflow(w).ok());
  Workflow bad = w;
  bad.actions[1].to = "referd";
  auto s = ValidateWorkflow(bad);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "actions.refer");
  EXPECT_NE(s.error().message.find("referd"), std::string::npos);
  bad = w;
  bad.actions[2].inputs[0].required = false;
  EXPECT_FALSE(ValidateWorkflow(bad).ok()) << "answer effect needs a required answer input";
  bad = w;
  bad.initial = "start";
  EXPECT_FALSE(ValidateWorkflow(bad).ok());
  bad = w;
  bad.actions.push_back(bad.actions[0]);
  EXPECT_FALSE(ValidateWorkflow(bad).ok()) << "duplicate action names";
}

TEST(Workflow, NextFollowsStatesAndRoles) {
  Workflow w = ThreeLine();
  Actor agent{Role::kAgent, std::nullopt};
  Actor dispatcher{Role::kDispatcher, std::nullopt};
  auto t = Next(w, "new", "dispatch", agent, std::nullopt);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->to_state, "dispatched");
  EXPECT_EQ(t->to_status, CaseStatus::kDispatched);
  auto wrong = Next(w, "new", "refer", dispatcher, std::nullopt);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, base::ErrorCode::kConflict);
  EXPECT_NE(wrong.error().message.find("hold"), std::string::npos) << wrong.error().message;
  EXPECT_FALSE(Next(w, "dispatched", "refer", agent, std::nullopt).ok()) << "agents do not refer";
  Actor admin{Role::kAdmin, std::nullopt};
  EXPECT_TRUE(Next(w, "dispatched", "refer", admin, std::nullopt).ok()) << "admin may always";
}

TEST(Workflow, WildcardSkipsFinalStatesAndEmptyToStays) {
  Workflow w = ThreeLine();
  Actor dispatcher{Role::kDispatcher, std::nullopt};
  auto t = Next(w, "referred", "hold", dispatcher, std::nullopt);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->to_state, "referred");
  EXPECT_FALSE(Next(w, "closed", "hold", dispatcher, std::nullopt).ok());
  EXPECT_TRUE(Next(w, "closed", "reopen", dispatcher, std::nullopt).ok());
}

TEST(Workflow, UnitStaffActOnlyOnTheirUnitsRequests) {
  Workflow w = ThreeLine();
  Actor staff{Role::kUnitStaff, UnitId{7}};
  EXPECT_TRUE(Next(w, "referred", "answer", staff, UnitId{7}).ok());
  EXPECT_FALSE(Next(w, "referred", "answer", staff, UnitId{8}).ok());
  EXPECT_FALSE(Next(w, "referred", "answer", staff, std::nullopt).ok());
  auto list = AvailableActions(w, "referred", staff, UnitId{7});
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]->name, "answer");
}

TEST(Workflow, CheckInputsNormalizesAndNamesTheField) {
  WorkflowAction a{"approve", {}, {"new"}, "", {Role::kHead}, false,
                   {In("date", InputType::kDate, true), In("time", InputType::kTime, true),
                    In("place", InputType::kText, true),
                    In("outcome", InputType::kChoice, false, {"reached", "no_answer"}),
                    In("unit_id", InputType::kUnit, false)},
                   {}};
  auto ok = CheckInputs(a, {{"date", "2026-03-01"}, {"time", "10:30"}, {"place", "  قاعة 1 "}});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->at("place"), "قاعة 1");
  EXPECT_EQ(CheckInputs(a, {{"time", "10:30"}, {"place", "x"}}).error().field, "inputs.date");
  EXPECT_EQ(CheckInputs(a, {{"date", "2026-02-30"}, {"time", "10:30"}, {"place", "x"}}).error().field,
            "inputs.date");
  EXPECT_EQ(CheckInputs(a, {{"date", "2026-02-03"}, {"time", "24:00"}, {"place", "x"}}).error().field,
            "inputs.time");
  EXPECT_EQ(CheckInputs(a, {{"date", "2026-02-03"}, {"time", "10:00"}, {"place", "x"},
                            {"outcome", "maybe"}}).error().field,
            "inputs.outcome");
  EXPECT_EQ(CheckInputs(a, {{"date", "2026-02-03"}, {"time", "10:00"}, {"place", "x"},
                            {"unit_id", "0"}}).error().field,
            "inputs.unit_id");
  EXPECT_EQ(CheckInputs(a, {{"date", "2026-02-03"}, {"time", "10:00"}, {"place", "x"},
                            {"colour", "red"}}).error().field,
            "inputs.colour");
}

/// A meeting desk: new → awaiting (the head's inbox) → scheduled (schedule_meeting) → closed.
Workflow Meetings() {
  Workflow w;
  w.name = "meetings";
  w.initial = "new";
  w.entry = "awaiting";
  for (auto [n, s, f] : {std::tuple{"new", CaseStatus::kNew, false},
                         std::tuple{"awaiting", CaseStatus::kDispatched, false},
                         std::tuple{"scheduled", CaseStatus::kDispatched, false},
                         std::tuple{"closed", CaseStatus::kClosed, true}}) {
    WorkflowState st;
    st.name = n;
    st.status = s;
    st.final = f;
    w.states[n] = st;
  }
  WorkflowAction approve{"approve", {}, {"awaiting"}, "scheduled", {Role::kHead}, false,
                         {In("date", InputType::kDate, true), In("time", InputType::kTime, true),
                          In("place", InputType::kText, true)},
                         {Eff(EffectKind::kScheduleMeeting)}};
  w.actions = {approve};
  Effect told = Eff(EffectKind::kNotify);
  told.template_name = "retyped_meeting";
  w.on_retype = {told};
  return w;
}

TEST(Retype, ARequestUnderReviewEntersTheOtherWorkflowsEntryState) {
  const Workflow from = ThreeLine();
  const Workflow to = Meetings();
  ASSERT_TRUE(ValidateWorkflow(to).ok());
  auto plan = PlanRetype(from, to, "dispatched", false);
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->move);
  EXPECT_EQ(plan->to_state, "awaiting");
  EXPECT_EQ(plan->to_status, CaseStatus::kDispatched);
  EXPECT_FALSE(plan->restart_clocks);
  ASSERT_EQ(plan->effects.size(), 1u);
  EXPECT_EQ(plan->effects[0].template_name, "retyped_meeting");

  // Into a workflow that names no entry: its initial state; clocks restart if it says so.
  Workflow plain = ThreeLine();
  plain.name = "plain";
  plain.retype_restarts_clocks = true;
  plan = PlanRetype(to, plain, "awaiting", false);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->to_state, "new");
  EXPECT_TRUE(plan->restart_clocks);
  EXPECT_TRUE(plan->effects.empty());
}

TEST(Retype, ARequestNotYetRegisteredStaysUnregistered) {
  auto plan = PlanRetype(ThreeLine(), Meetings(), "new", false);
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->move);
  EXPECT_EQ(plan->to_state, "new");
  EXPECT_EQ(plan->to_status, CaseStatus::kNew);
}

TEST(Retype, SameWorkflowClosedOrUnknownStateDoNotMove) {
  EXPECT_FALSE(PlanRetype(ThreeLine(), ThreeLine(), "dispatched", false)->move);
  EXPECT_FALSE(PlanRetype(ThreeLine(), Meetings(), "closed", false)->move);
  EXPECT_FALSE(PlanRetype(ThreeLine(), Meetings(), "gone", false)->move);
}

TEST(Retype, AMeetingIsNotStrandedInAWorkflowWithoutMeetings) {
  auto refused = PlanRetype(Meetings(), ThreeLine(), "scheduled", true);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, base::ErrorCode::kConflict);
  EXPECT_EQ(refused.error().field, "type");
  EXPECT_NE(refused.error().message.find("meeting"), std::string::npos);
  // Without a meeting it moves; into another meeting workflow a meeting may go along.
  EXPECT_TRUE(PlanRetype(Meetings(), ThreeLine(), "awaiting", false)->move);
  Workflow other = Meetings();
  other.name = "other_meetings";
  EXPECT_TRUE(PlanRetype(Meetings(), other, "scheduled", true)->move);
}

TEST(Retype, EntryAndOnRetypeAreValidated) {
  Workflow w = Meetings();
  w.entry = "nowhere";
  EXPECT_EQ(ValidateWorkflow(w).error().field, "entry");
  w.entry = "closed";
  EXPECT_EQ(ValidateWorkflow(w).error().field, "entry");
  w = Meetings();
  w.on_retype.push_back(Eff(EffectKind::kRefer));
  EXPECT_EQ(ValidateWorkflow(w).error().field, "on_retype");
  w = Meetings();
  Effect clock = Eff(EffectKind::kStopClock);
  clock.clock = "lunch";
  w.on_retype.push_back(clock);
  EXPECT_EQ(ValidateWorkflow(w).error().field, "on_retype");
  clock.clock = "first_response";
  w.on_retype.back() = clock;
  EXPECT_TRUE(ValidateWorkflow(w).ok());
}

}  // namespace
}  // namespace tawasul::domain
