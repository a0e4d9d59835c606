#include "domain/action_plan.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace tawasul::domain {
namespace {

using std::chrono::hours;

Effect Eff(EffectKind k, std::string tmpl = "", std::string clock = "") {
  Effect e;
  e.kind = k;
  e.template_name = std::move(tmpl);
  e.clock = std::move(clock);
  return e;
}

Workflow Flow() {
  Workflow w;
  w.name = "flow";
  w.initial = "new";
  w.entry = "review";
  for (auto [n, s, f] : {std::tuple{"new", CaseStatus::kNew, false},
                         std::tuple{"review", CaseStatus::kDispatched, false},
                         std::tuple{"referred", CaseStatus::kReferred, false},
                         std::tuple{"callback", CaseStatus::kCallback, false},
                         std::tuple{"closed", CaseStatus::kClosed, true}}) {
    WorkflowState st;
    st.name = n;
    st.status = s;
    st.final = f;
    w.states[n] = st;
  }
  WorkflowAction refer{"refer", {}, {"review"}, "referred", {Role::kDispatcher}, false, {},
                       {Eff(EffectKind::kRefer), Eff(EffectKind::kStopClock, "", "first_response"),
                        Eff(EffectKind::kNotify, "referred")}};
  WorkflowAction answer{"answer", {}, {"referred"}, "closed", {Role::kUnitStaff}, true, {}, {}};
  w.actions = {refer, answer};
  return w;
}

Case Request(CaseStatus status = CaseStatus::kDispatched, std::string state = "review") {
  Case c;
  c.id = CaseId{7};
  c.state = std::move(state);
  c.status = status;
  c.requester_id = RequesterId{3};
  return c;
}

WorkflowAction Doing(std::vector<Effect> effects) {
  WorkflowAction a;
  a.name = "act";
  a.effects = std::move(effects);
  return a;
}

ActionFacts Facts() {
  ActionFacts f;
  f.now = Time{} + hours(24 * 1000);
  f.actor = UserId{5};
  return f;
}

TEST(PlanAction, ReferGoesToTheUnitGivenElseTheCategorysRouting) {
  const Workflow w = Flow();
  ActionFacts f = Facts();
  f.routed_unit = UnitId{9};
  auto p = PlanAction(w, Request(), *w.Action("refer"), "referred", {}, f);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->after.unit_id, UnitId{9});
  EXPECT_EQ(p->refer_to, UnitId{9});
  EXPECT_EQ(p->after.status, CaseStatus::kReferred);
  EXPECT_EQ(p->after.state, "referred");
  EXPECT_EQ(p->after.updated_at, f.now);
  ASSERT_EQ(p->messages.size(), 1u);
  EXPECT_EQ(p->messages[0], (PlannedMessage{"referred", "sms"}));
  ASSERT_EQ(p->notes.size(), 1u);
  EXPECT_EQ(p->notes[0], (PlannedNote{"clock", "first_response", "stop"}));

  p = PlanAction(w, Request(), *w.Action("refer"), "referred", {{"unit_id", "4"}}, f);
  EXPECT_EQ(p->after.unit_id, UnitId{4});
  f.routed_unit.reset();
  p = PlanAction(w, Request(), *w.Action("refer"), "referred", {}, f);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().field, "inputs.unit_id");
}

TEST(PlanAction, ClosingStampsTheTimeAndLeavingClosedClearsIt) {
  const Workflow w = Flow();
  const ActionFacts f = Facts();
  auto p = PlanAction(w, Request(CaseStatus::kReferred, "referred"), Doing({}), "closed", {}, f);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->closing);
  EXPECT_FALSE(p->reopening);
  EXPECT_EQ(p->after.closed_at, f.now);

  Case closed = Request(CaseStatus::kClosed, "closed");
  closed.closed_at = f.now - hours(24);
  p = PlanAction(w, closed, Doing({Eff(EffectKind::kReopen)}), "review", {}, f);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->reopening);
  EXPECT_FALSE(p->after.closed_at.has_value());
}

TEST(PlanAction, ReopenPastTheWindowNeedsAReview) {
  const Workflow w = Flow();
  ActionFacts f = Facts();
  Case closed = Request(CaseStatus::kClosed, "closed");
  closed.closed_at = f.now - hours(24 * 15);
  auto p = PlanAction(w, closed, Doing({Eff(EffectKind::kReopen)}), "review", {}, f);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, base::ErrorCode::kConflict);
  EXPECT_NE(p.error().message.find("14 days"), std::string::npos);
  f.review_allows_reopen = true;
  EXPECT_TRUE(PlanAction(w, closed, Doing({Eff(EffectKind::kReopen)}), "review", {}, f).ok());
}

TEST(PlanAction, MeetingsAreScheduledThenGetTheirOutcome) {
  const Workflow w = Flow();
  ActionFacts f = Facts();
  auto p = PlanAction(w, Request(), Doing({Eff(EffectKind::kScheduleMeeting)}), "review",
                      {{"date", "2027-01-05"}, {"time", "10:00"}, {"place", "Hall"}}, f);
  ASSERT_TRUE(p.ok() && p->meeting);
  EXPECT_EQ(p->meeting->date, "2027-01-05");
  EXPECT_EQ(p->meeting->place, "Hall");
  EXPECT_EQ(p->meeting->case_id, CaseId{7});

  f.meeting = Meeting{CaseId{7}, "2027-01-05", "10:00", "Hall", "", Time{}};
  p = PlanAction(w, Request(), Doing({Eff(EffectKind::kMeetingOutcome)}), "review",
                 {{"outcome", "Agreed"}}, f);
  ASSERT_TRUE(p.ok() && p->meeting);
  EXPECT_EQ(p->meeting->date, "2027-01-05");  // the scheduled meeting, now with its outcome
  EXPECT_EQ(p->meeting->outcome, "Agreed");
  EXPECT_EQ(p->meeting->updated_at, f.now);
}

TEST(PlanAction, AFailedCallbackStaysUntilTheLastAttemptGivesUp) {
  const Workflow w = Flow();
  ActionFacts f = Facts();
  f.callback_max_attempts = 3;
  Effect cb = Eff(EffectKind::kCallback, "unreachable");
  cb.give_up_to = "closed";
  const Case c = Request(CaseStatus::kCallback, "callback");
  auto p = PlanAction(w, c, Doing({cb}), "closed", {{"outcome", "no_answer"}}, f);
  ASSERT_TRUE(p.ok() && p->callback);
  EXPECT_EQ(p->callback->outcome, "no_answer");
  EXPECT_EQ(p->callback->user_id, UserId{5});
  EXPECT_EQ(p->after.state, "callback");  // try again later
  EXPECT_TRUE(p->messages.empty());
  f.failed_callbacks = 2;
  p = PlanAction(w, c, Doing({cb}), "callback", {{"outcome", "busy"}}, f);
  EXPECT_EQ(p->after.state, "closed");
  EXPECT_EQ(p->after.status, CaseStatus::kClosed);
  ASSERT_EQ(p->messages.size(), 1u);
  EXPECT_EQ(p->messages[0].template_name, "unreachable");
  p = PlanAction(w, c, Doing({cb}), "closed", {{"outcome", "reached"}}, f);
  EXPECT_EQ(p->after.state, "closed");  // reached: the action's own target
}

TEST(PlanAction, MergeMaliciousAndFollowUp) {
  const Workflow w = Flow();
  const ActionFacts f = Facts();
  auto p = PlanAction(w, Request(), Doing({Eff(EffectKind::kMerge)}), "closed", {{"case_id", "8"}}, f);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->after.duplicate_of, CaseId{8});
  EXPECT_EQ(p->merge_into, CaseId{8});
  EXPECT_TRUE(p->no_survey);
  p = PlanAction(w, Request(), Doing({Eff(EffectKind::kMerge)}), "closed", {{"case_id", "7"}}, f);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().field, "inputs.case_id");

  p = PlanAction(w, Request(), Doing({Eff(EffectKind::kMalicious)}), "closed", {}, f);
  EXPECT_TRUE(p->malicious && p->no_survey && p->count_malicious);
  Case anonymous = Request();
  anonymous.requester_id.reset();
  p = PlanAction(w, anonymous, Doing({Eff(EffectKind::kMalicious)}), "closed", {}, f);
  EXPECT_FALSE(p->count_malicious);  // no number to count against

  Effect fu = Eff(EffectKind::kFollowUp);
  fu.follow_up_type = CaseType::kServiceRequest;
  fu.then = "refer";
  p = PlanAction(w, Request(), Doing({fu, Eff(EffectKind::kAnswer)}), "closed",
                 {{"answer", "Done"}}, f);
  EXPECT_EQ(p->follow_up, CaseType::kServiceRequest);
  EXPECT_EQ(p->follow_up_then, "refer");
  EXPECT_EQ(p->after.public_answer, "Done");
}

TEST(PlanFollowUpEntry, TakesItsNextStepFromTheEntryState) {
  const Workflow w = Flow();
  auto e = PlanFollowUpEntry(w, "", {}, std::nullopt);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->action, nullptr);
  EXPECT_EQ(e->state, "new");

  e = PlanFollowUpEntry(w, "refer", {}, UnitId{9});
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->from_state, "review");
  EXPECT_EQ(e->state, "referred");
  EXPECT_EQ(e->status, CaseStatus::kReferred);
  EXPECT_EQ(e->unit, UnitId{9});
  ASSERT_EQ(e->messages.size(), 1u);
  EXPECT_EQ(e->messages[0].template_name, "referred");
  ASSERT_EQ(e->notes.size(), 1u);

  EXPECT_EQ(PlanFollowUpEntry(w, "refer", {}, std::nullopt).error().field, "inputs.unit_id");
  auto missing = PlanFollowUpEntry(w, "nope", {}, UnitId{9});
  EXPECT_EQ(missing.error().code, base::ErrorCode::kConflict);
  // "answer" starts from "referred", not from the entry state.
  EXPECT_EQ(PlanFollowUpEntry(w, "answer", {}, UnitId{9}).error().code, base::ErrorCode::kConflict);
  Workflow more = w;
  more.actions[0].effects.push_back(Eff(EffectKind::kMerge));
  auto refused = PlanFollowUpEntry(more, "refer", {}, UnitId{9});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("merge"), std::string::npos);
}

}  // namespace
}  // namespace tawasul::domain
