#include "domain/call.hpp"

#include <gtest/gtest.h>

namespace tawasul::domain {
namespace {

using std::chrono::seconds;
constexpr auto kIn = ContactDirection::kInbound;
constexpr auto kOut = ContactDirection::kOutbound;

Time T(int s) { return Time{} + seconds(1'700'000'000 + s); }

TEST(CallEvents, AnAnsweredCallRingsIsAnsweredAndEnds) {
  auto ring = ApplyCallEvent(std::nullopt, CallEvent::kNewCall, T(0), kIn, std::nullopt);
  EXPECT_EQ(ring.kind, CallStep::Kind::kCreated);
  EXPECT_EQ(ring.event, "ringing");
  EXPECT_EQ(ring.after.outcome, ContactOutcome::kRinging);
  auto answer = ApplyCallEvent(ring.after, CallEvent::kAnswer, T(12), std::nullopt, std::nullopt);
  EXPECT_EQ(answer.kind, CallStep::Kind::kUpdated);
  EXPECT_EQ(answer.event, "answered");
  EXPECT_EQ(answer.after.answered_at, T(12));
  auto end = ApplyCallEvent(answer.after, CallEvent::kHangup, T(100), std::nullopt,
                            HangupCause::kNormalClearing);
  EXPECT_EQ(end.event, "ended");
  EXPECT_EQ(end.after.outcome, ContactOutcome::kAnswered);
  EXPECT_EQ(end.after.ended_at, T(100));
  EXPECT_EQ(end.after.cause, "normalClearing");
  EXPECT_FALSE(end.callback_due);

  Contact c;
  c.started_at = end.after.offered_at;
  c.answered_at = end.after.answered_at;
  c.ended_at = end.after.ended_at;
  EXPECT_EQ(WaitSeconds(c), 12);
  EXPECT_EQ(TalkSeconds(c), 88);
}

TEST(CallEvents, WhatTheAgentMadeOfTheCallOutlivesTheHangup) {
  auto ring = ApplyCallEvent(std::nullopt, CallEvent::kNewCall, T(0), kIn, std::nullopt);
  auto answer = ApplyCallEvent(ring.after, CallEvent::kAnswer, T(5), std::nullopt, std::nullopt);
  for (ContactOutcome kept : {ContactOutcome::kGuidance, ContactOutcome::kCaseCreated,
                              ContactOutcome::kCaseUpdated, ContactOutcome::kTransferred}) {
    CallRecord during = answer.after;
    during.outcome = kept;  // the agent closed it with guidance, or registered a request
    auto end = ApplyCallEvent(during, CallEvent::kHangup, T(60), std::nullopt,
                              HangupCause::kNormalClearing);
    EXPECT_EQ(end.after.outcome, kept) << ToString(kept);
    EXPECT_EQ(end.after.ended_at, T(60));
  }
  EXPECT_TRUE(IsDisposition(ContactOutcome::kGuidance));
  EXPECT_FALSE(IsDisposition(ContactOutcome::kAnswered));
  EXPECT_FALSE(IsDisposition(ContactOutcome::kMissed));
}

TEST(CallEvents, ACallerWhoHangsUpWhileRingingIsAbandonedAndOwedACallback) {
  auto ring = ApplyCallEvent(std::nullopt, CallEvent::kNewCall, T(0), kIn, std::nullopt);
  auto end = ApplyCallEvent(ring.after, CallEvent::kHangup, T(30), std::nullopt,
                            HangupCause::kCancel);
  EXPECT_EQ(end.after.outcome, ContactOutcome::kAbandoned);
  EXPECT_TRUE(end.callback_due);
  Contact c;
  c.started_at = end.after.offered_at;
  c.ended_at = end.after.ended_at;
  EXPECT_EQ(WaitSeconds(c), 30) << "the abandon time";
  EXPECT_EQ(TalkSeconds(c), std::nullopt);
}

TEST(CallEvents, UnansweredCausesMapToMissedForwardedBusyOrNoAnswer) {
  struct Case {
    ContactDirection dir;
    HangupCause cause;
    ContactOutcome outcome;
    bool callback;
  };
  for (const Case& k : {Case{kIn, HangupCause::kNoAnswer, ContactOutcome::kMissed, true},
                        Case{kIn, HangupCause::kBusy, ContactOutcome::kMissed, true},
                        Case{kIn, HangupCause::kCongestion, ContactOutcome::kMissed, true},
                        Case{kIn, HangupCause::kForwarded, ContactOutcome::kForwarded, false},
                        Case{kOut, HangupCause::kBusy, ContactOutcome::kBusy, false},
                        Case{kOut, HangupCause::kNoAnswer, ContactOutcome::kNoAnswer, false},
                        Case{kOut, HangupCause::kCancel, ContactOutcome::kNoAnswer, false}}) {
    auto ring = ApplyCallEvent(std::nullopt, CallEvent::kNewCall, T(0), k.dir, std::nullopt);
    auto end = ApplyCallEvent(ring.after, CallEvent::kHangup, T(5), std::nullopt, k.cause);
    EXPECT_EQ(end.after.outcome, k.outcome) << ToString(k.cause);
    EXPECT_EQ(end.callback_due, k.callback) << ToString(k.cause);
  }
}

TEST(CallEvents, RepeatsAndLateEventsChangeNothing) {
  auto ring = ApplyCallEvent(std::nullopt, CallEvent::kNewCall, T(0), kIn, std::nullopt);
  auto again = ApplyCallEvent(ring.after, CallEvent::kNewCall, T(3), kIn, std::nullopt);
  EXPECT_EQ(again.kind, CallStep::Kind::kIgnored);
  EXPECT_EQ(again.after.offered_at, T(0));
  auto end = ApplyCallEvent(ring.after, CallEvent::kHangup, T(9), std::nullopt,
                            HangupCause::kCancel);
  auto late_answer = ApplyCallEvent(end.after, CallEvent::kAnswer, T(10), std::nullopt,
                                    std::nullopt);
  EXPECT_EQ(late_answer.kind, CallStep::Kind::kIgnored);
  EXPECT_EQ(late_answer.after.outcome, ContactOutcome::kAbandoned);
  EXPECT_FALSE(late_answer.callback_due);
  auto second_hangup = ApplyCallEvent(end.after, CallEvent::kHangup, T(11), std::nullopt,
                                      HangupCause::kNormalClearing);
  EXPECT_EQ(second_hangup.kind, CallStep::Kind::kIgnored);
  EXPECT_EQ(second_hangup.after.ended_at, T(9));
  EXPECT_FALSE(second_hangup.callback_due) << "one callback per call, not per event";
}

TEST(CallEvents, EventsWithoutTheirNewCallStillMakeTheCall) {
  auto hangup = ApplyCallEvent(std::nullopt, CallEvent::kHangup, T(7), kIn,
                               HangupCause::kNoAnswer);
  EXPECT_EQ(hangup.kind, CallStep::Kind::kCreated);
  EXPECT_EQ(hangup.after.offered_at, T(7));
  EXPECT_EQ(hangup.after.ended_at, T(7));
  EXPECT_EQ(hangup.after.outcome, ContactOutcome::kMissed);
  EXPECT_TRUE(hangup.callback_due);

  auto answer = ApplyCallEvent(std::nullopt, CallEvent::kAnswer, T(4), std::nullopt,
                               std::nullopt);
  EXPECT_EQ(answer.kind, CallStep::Kind::kCreated);
  EXPECT_EQ(answer.after.direction, kIn);
  EXPECT_EQ(answer.after.answered_at, T(4));
  EXPECT_EQ(answer.after.outcome, ContactOutcome::kAnswered);
}

TEST(CallEvents, ClockSkewNeverMakesNegativeDurations) {
  auto ring = ApplyCallEvent(std::nullopt, CallEvent::kNewCall, T(10), kIn, std::nullopt);
  auto answer = ApplyCallEvent(ring.after, CallEvent::kAnswer, T(5), std::nullopt, std::nullopt);
  EXPECT_EQ(answer.after.answered_at, T(10));
  auto end = ApplyCallEvent(answer.after, CallEvent::kHangup, T(1), std::nullopt, std::nullopt);
  EXPECT_EQ(end.after.ended_at, T(10));
}

TEST(CallEvents, NamesRoundTrip) {
  EXPECT_EQ(ParseCallEvent("newCall"), CallEvent::kNewCall);
  EXPECT_EQ(ParseCallEvent("hangup"), CallEvent::kHangup);
  EXPECT_EQ(ParseCallEvent("NEWCALL"), std::nullopt);
  EXPECT_EQ(ParseHangupCause("normalClearing"), HangupCause::kNormalClearing);
  EXPECT_EQ(ParseHangupCause("forwarded"), HangupCause::kForwarded);
  EXPECT_EQ(ParseHangupCause("hungUp"), std::nullopt);
  EXPECT_EQ(ParseContactOutcome("missed"), ContactOutcome::kMissed);
  EXPECT_EQ(ToString(ContactOutcome::kVoicemail), "voicemail");
}

}  // namespace
}  // namespace tawasul::domain

namespace tawasul::domain {
namespace {

TEST(CallerId, TheLongestPrefixThatStartsTheNumberWins) {
  const std::vector<CallerIdRule> rules = {
      {"", "1933"}, {"+9665", "+966112345678"}, {"+96655", "+966112345600"}, {"+968", "+96824000000"}};
  EXPECT_EQ(PickCallerId(rules, "+966551234567")->caller_id, "+966112345600");
  EXPECT_EQ(PickCallerId(rules, "+966501234567")->caller_id, "+966112345678");
  EXPECT_EQ(PickCallerId(rules, "+96824123456")->caller_id, "+96824000000");
  EXPECT_EQ(PickCallerId(rules, "+971501234567")->caller_id, "1933") << "the default";
  EXPECT_EQ(PickCallerId({{"+9665", "x"}}, "+971501234567"), std::nullopt) << "no default";
  EXPECT_EQ(PickCallerId({}, "+966501234567"), std::nullopt);
}

}  // namespace
}  // namespace tawasul::domain
