#include "domain/sla_clock.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace tawasul::domain {
namespace {

using namespace std::chrono_literals;

Time T(int day, std::chrono::minutes at) {
  return Time(std::chrono::sys_days(std::chrono::year(2025) / 1 / day) + at);
}

const BusinessCalendar& Open() {
  static const BusinessCalendar c = BusinessCalendar::AlwaysOpen();
  return c;
}

RequestClock Running(std::chrono::minutes target, Time start) {
  SlaPolicy p;
  p.name = "p";
  p.resolution = target;
  p.resolution_calendar = "contact_center";
  return StartClocks(p, start).at(0);
}

TEST(ParseSlaDuration, UnitsAndWorkingDays) {
  EXPECT_EQ(*ParseSlaDuration("90m", 7h), 90min);
  EXPECT_EQ(*ParseSlaDuration("4h", 7h), 4h);
  EXPECT_EQ(*ParseSlaDuration("3d", 7h), 21h) << "a day is a working day of the calendar";
  EXPECT_EQ(*ParseSlaDuration("1d 4h", 24h), 28h);
  for (const char* bad : {"", "4", "h", "4x", "-1h", "0h", "4 h", "99999999999d"}) {
    EXPECT_FALSE(ParseSlaDuration(bad, 7h).ok()) << bad;
  }
}

TEST(MatchSlaPolicy, FirstMatchInOrderWithCategorySubtree) {
  SlaPolicy urgent, waste, any;
  urgent.name = "urgent";
  urgent.priorities = {Priority::kUrgent};
  waste.name = "waste";
  waste.categories = {"ENV"};
  waste.types = {CaseType::kComplaint};
  any.name = "any";
  const std::vector<SlaPolicy> policies{urgent, waste, any};
  const std::vector<std::string> chain{"WASTE", "ENV"};  // nearest first
  EXPECT_EQ(MatchSlaPolicy(policies, chain, CaseType::kComplaint, Priority::kUrgent)->name, "urgent");
  EXPECT_EQ(MatchSlaPolicy(policies, chain, CaseType::kComplaint, Priority::kNormal)->name, "waste");
  EXPECT_EQ(MatchSlaPolicy(policies, chain, CaseType::kInquiry, Priority::kNormal)->name, "any");
  EXPECT_EQ(MatchSlaPolicy(std::vector<SlaPolicy>{urgent}, chain, CaseType::kInquiry,
                           Priority::kLow),
            nullptr);
}

TEST(ApplyClockMarks, HoldPausesAndResumeRunsOnWithoutTheHold) {
  std::vector<RequestClock> clocks{Running(10h, T(1, 0h))};
  // The workflow writes its hold as stop_clock: on an action entering on_hold it is a pause.
  const ClockMark stop{ClockName::kResolution, false};
  const ClockMark start{ClockName::kResolution, true};
  ApplyClockMarks(clocks, CaseStatus::kDispatched, CaseStatus::kOnHold, {&stop, 1}, T(1, 2h));
  EXPECT_EQ(clocks[0].run, ClockRun::kPaused);
  auto paused = EvaluateClock(Open(), clocks[0], T(1, 5h));
  ASSERT_TRUE(paused.ok());
  EXPECT_TRUE(paused->paused);
  EXPECT_EQ(paused->elapsed, 2h);
  EXPECT_EQ(paused->due, T(1, 13h)) << "due if it resumed now";
  // Leaving the hold resumes it even without a start mark (inquiry workflows have none).
  ApplyClockMarks(clocks, CaseStatus::kOnHold, CaseStatus::kDispatched, {}, T(1, 6h));
  EXPECT_EQ(clocks[0].run, ClockRun::kRunning);
  auto running = EvaluateClock(Open(), clocks[0], T(1, 7h));
  EXPECT_EQ(running->elapsed, 3h);
  EXPECT_EQ(running->due, T(1, 14h));
  // A start mark on a running clock changes nothing.
  ApplyClockMarks(clocks, CaseStatus::kDispatched, CaseStatus::kReferred, {&start, 1}, T(1, 8h));
  EXPECT_EQ(clocks[0].pauses.size(), 1u);
}

TEST(ApplyClockMarks, StopFreezesClosingStopsAndReopenRestarts) {
  SlaPolicy p;
  p.name = "p";
  p.first_response = 1h;
  p.resolution = 10h;
  std::vector<RequestClock> clocks = StartClocks(p, T(1, 0h));
  ASSERT_EQ(clocks.size(), 2u);
  const ClockMark stop_fr{ClockName::kFirstResponse, false};
  ApplyClockMarks(clocks, CaseStatus::kNew, CaseStatus::kReferred, {&stop_fr, 1}, T(1, 30min));
  EXPECT_EQ(clocks[0].run, ClockRun::kStopped);
  auto met = EvaluateClock(Open(), clocks[0], T(1, 9h));
  EXPECT_EQ(met->status, SlaStatus::kOnTrack) << "stopped in time: judged at its stop";
  EXPECT_EQ(met->elapsed, 30min);

  ApplyClockMarks(clocks, CaseStatus::kReferred, CaseStatus::kClosed, {}, T(1, 4h));
  EXPECT_EQ(clocks[1].run, ClockRun::kStopped);
  EXPECT_EQ(clocks[1].stopped_at, T(1, 4h));
  const ClockMark start_res{ClockName::kResolution, true};
  ApplyClockMarks(clocks, CaseStatus::kClosed, CaseStatus::kDispatched, {&start_res, 1}, T(2, 4h));
  EXPECT_EQ(clocks[1].run, ClockRun::kRunning);
  EXPECT_EQ(clocks[0].run, ClockRun::kStopped) << "first response stays met";
  EXPECT_EQ(EvaluateClock(Open(), clocks[1], T(2, 5h))->elapsed, 5h) << "the closed day not counted";
}

TEST(ApplyClockMarks, ClosingWhileOnHoldJudgesTheClockAtTheHold) {
  std::vector<RequestClock> clocks{Running(1h, T(1, 0h))};
  ApplyClockMarks(clocks, CaseStatus::kDispatched, CaseStatus::kOnHold, {}, T(1, 30min));
  ApplyClockMarks(clocks, CaseStatus::kOnHold, CaseStatus::kClosed, {}, T(3, 0h));
  EXPECT_EQ(clocks[0].run, ClockRun::kStopped);
  auto s = EvaluateClock(Open(), clocks[0], T(4, 0h));
  EXPECT_EQ(s->status, SlaStatus::kOnTrack);
  EXPECT_EQ(s->elapsed, 30min);
}

TEST(NextCheck, WarningThenJustPastTheDueThenNothing) {
  RequestClock c = Running(10h, T(1, 0h));
  c.warning_share = 0.8;
  EXPECT_EQ(**NextCheck(Open(), c, false, false), T(1, 8h));
  const Time past_due = **NextCheck(Open(), c, true, false);
  EXPECT_EQ(past_due, T(1, 10h) + 1us);
  auto at_due = EvaluateClock(Open(), c, T(1, 10h));
  EXPECT_EQ(EscalationDue(c, *at_due, true, false), Escalation::kNone) << "not past due yet";
  auto after = EvaluateClock(Open(), c, past_due);
  EXPECT_EQ(EscalationDue(c, *after, true, false), Escalation::kBreach);
  EXPECT_FALSE(NextCheck(Open(), c, true, true)->has_value());
  // A missed warning is not sent late once the clock has breached: the breach says it all.
  EXPECT_EQ(EscalationDue(c, *after, false, false), Escalation::kBreach);

  // Paused: nothing to wait for, unless it had broken its target before the hold (a late timer).
  std::vector<RequestClock> clocks{c};
  ApplyClockMarks(clocks, CaseStatus::kDispatched, CaseStatus::kOnHold, {}, T(1, 5h));
  EXPECT_FALSE(NextCheck(Open(), clocks[0], false, false)->has_value());
  std::vector<RequestClock> late{c};
  ApplyClockMarks(late, CaseStatus::kDispatched, CaseStatus::kOnHold, {}, T(1, 11h));
  EXPECT_EQ(**NextCheck(Open(), late[0], true, false), T(1, 11h));
}

}  // namespace
}  // namespace tawasul::domain
