// SLA clocks at the service level: each real profile's business calendars (Ramadan and the Eids
// by Hijri date, Nowruz and Iran's one-off lunar holidays, the UAE's short Friday and National
// Day, round the clock for the contact center), holds that pause the clock, policies matched by
// category, type and priority, and the escalation timer's warnings and breaches. Over a real
// SQLite store with a FakeClock. Hijri dates are ICU 72's islamic-umalqura; Jalali ICU's persian.
#include <gtest/gtest.h>

#include <chrono>

#include "support/service_center.hpp"

namespace tawasul::testing {
namespace {

using namespace std::chrono_literals;
using d::CalendarKind;
using d::ClockName;
using d::ClockRun;
using d::SlaStatus;

constexpr CalendarKind kG = CalendarKind::kGregorian;
constexpr CalendarKind kH = CalendarKind::kHijriUmmAlQura;
constexpr CalendarKind kJ = CalendarKind::kJalali;

std::string Show(base::Time t) { return base::FormatRfc3339(t); }

#define ASSERT_CENTER(c) ASSERT_TRUE((c).error().empty()) << (c).error()

TEST(SlaCalendars, RiyadhRamadanHoursThenEidAlFitrOnTheBranchesCalendar) {
  // moia-1933: the branches work Sunday–Thursday 07:30–14:30, Ramadan 10:00–15:00, Eid
  // al-Fitr 1–4 Shawwal; the center itself round the clock.
  ServiceCenter c("moia-1933", base::Time{});
  ASSERT_CENTER(c);
  // Wednesday 26 Ramadan 1446 (26 March 2025), 11:00 in Riyadh.
  const base::Time start = c.At(kH, 1446, 9, 26, 11h);
  ASSERT_EQ(start, c.AtG(2025, 3, 26, 11h));
  c.clock().Set(start);
  const d::Case r = c.Register("MAINT-AC");  // the "standard" policy: 8h (center), 5d (branches)

  const auto fr = c.Clock(r.id, ClockName::kFirstResponse);
  EXPECT_EQ(fr.clock.policy, "standard");
  EXPECT_EQ(fr.clock.calendar, "contact_center");
  EXPECT_EQ(fr.clock.target, 8h);
  EXPECT_EQ(c.View(r.id, ClockName::kFirstResponse).state.due, start + 8h) << "round the clock";

  const auto res = c.Clock(r.id, ClockName::kResolution);
  EXPECT_EQ(res.clock.calendar, "units");
  EXPECT_EQ(res.clock.target, 35h) << "5 working days of 7 hours";
  // ICU 72 islamic-umalqura: Ramadan 1446 has 29 days; 1 Shawwal is Sunday 30 March 2025.
  ASSERT_EQ(d::LocalDateOf(d::BusinessCalendar::AlwaysOpen().zone(), c.AtG(2025, 3, 30, 12h), kH),
            (d::CivilDate{1446, 10, 1}));
  // Ramadan hours: Wed 11–15 (4h), Thu 10–15 (5h); Fri, Sat off; Sun 30 Mar – Wed 2 Apr Eid
  // al-Fitr (1–4 Shawwal); Thu 3 Apr, Sun 6, Mon 7 Apr 7h each (30h); Tue 8 Apr 07:30 + 5h.
  const auto view = c.View(r.id, ClockName::kResolution);
  EXPECT_EQ(view.state.due, c.AtG(2025, 4, 8, 12h + 30min)) << Show(view.state.due);
  EXPECT_EQ(view.state.status, SlaStatus::kOnTrack);
  // The timer looks next when 80% (28h) is used: Mon 7 Apr 07:30 + 5h.
  ASSERT_TRUE(res.next_check_at.has_value());
  EXPECT_EQ(*res.next_check_at, c.AtG(2025, 4, 7, 12h + 30min)) << Show(*res.next_check_at);

  // During Eid no working time passes.
  c.clock().Set(c.AtG(2025, 4, 1, 12h));
  const auto in_eid = c.View(r.id, ClockName::kResolution);
  EXPECT_EQ(in_eid.state.elapsed, 9h);
  EXPECT_EQ(in_eid.state.remaining, 26h);
}

TEST(SlaCalendars, MuscatEidAlAdhaByHijriDate) {
  // muscat-1111: Sunday–Thursday 07:30–14:30; Eid al-Adha 9–13 Dhu al-Hijjah.
  ServiceCenter c("muscat-1111", base::Time{});
  ASSERT_CENTER(c);
  // ICU 72 islamic-umalqura: 9 Dhu al-Hijjah 1446 is Thursday 5 June 2025.
  ASSERT_EQ(c.At(kH, 1446, 12, 9, 0min), c.AtG(2025, 6, 5, 0min));
  c.clock().Set(c.AtG(2025, 6, 4, 13h));  // Wednesday
  const d::Case r = c.Register("WASTE");   // "standard": resolution 5d = 35h
  // Wed 13:00–14:30 (1.5h); Thu 5 – Mon 9 June Eid (and the weekend); Tue 10, Wed 11, Thu 12,
  // Sun 15 (29.5h); Mon 16 June 07:30 + 5.5h.
  EXPECT_EQ(c.View(r.id, ClockName::kResolution).state.due, c.AtG(2025, 6, 16, 13h));
}

TEST(SlaCalendars, MuscatHoldPausesTheClockAndResumeRunsItOn) {
  ServiceCenter c("muscat-1111", base::Time{});
  ASSERT_CENTER(c);
  c.clock().Set(c.AtG(2025, 6, 4, 13h));
  const d::Case r = c.Register("WASTE", d::CaseType::kComplaint, d::Priority::kNormal, "99123456");
  // Tuesday 10 June 09:30: 3.5h used (Wed 1.5h, Tue 2h); line 2 waits on the reporter.
  c.clock().Set(c.AtG(2025, 6, 10, 9h + 30min));
  auto held = c.Act("dispatcher", r.id, "hold", {{"reason", "رقم المنزل"}});
  ASSERT_TRUE(held.ok()) << held.error().message;
  auto paused = c.Clock(r.id, ClockName::kResolution);
  EXPECT_EQ(paused.clock.run, ClockRun::kPaused) << "a stop_clock entering on_hold is a pause";
  EXPECT_FALSE(paused.next_check_at.has_value()) << "nothing to wait for while paused";
  EXPECT_EQ(c.Clock(r.id, ClockName::kFirstResponse).clock.run, ClockRun::kPaused);

  // Two days later the reporter answers: the hold does not count.
  c.clock().Set(c.AtG(2025, 6, 12, 10h));
  const auto during = c.View(r.id, ClockName::kResolution);
  EXPECT_TRUE(during.state.paused);
  EXPECT_EQ(during.state.elapsed, 3h + 30min);
  auto resumed = c.Act("dispatcher", r.id, "resume");
  ASSERT_TRUE(resumed.ok()) << resumed.error().message;
  EXPECT_EQ(c.Clock(r.id, ClockName::kResolution).clock.run, ClockRun::kRunning);
  // 31.5h left from Thu 12 June 10:00: Thu 4.5h, Sun 15, Mon 16, Tue 17 (25.5h), Wed 18 + 6h.
  EXPECT_EQ(c.View(r.id, ClockName::kResolution).state.due, c.AtG(2025, 6, 18, 13h + 30min));

  // Referral stops the first-response clock; its state is judged at the stop.
  ASSERT_TRUE(c.Act("dispatcher", r.id, "refer").ok());
  const auto fr = c.Clock(r.id, ClockName::kFirstResponse);
  EXPECT_EQ(fr.clock.run, ClockRun::kStopped);
  EXPECT_EQ(c.View(r.id, ClockName::kFirstResponse).state.status, SlaStatus::kBreached)
      << "8 round-the-clock hours were long gone before the hold";
}

TEST(SlaCalendars, DubaiShortFridayAndNationalDay) {
  // iacad-dubai: Monday–Thursday 07:30–15:30, Friday 07:30–12:00; 1–3 December holidays.
  ServiceCenter c("iacad-dubai", base::Time{});
  ASSERT_CENTER(c);
  c.clock().Set(c.AtG(2025, 11, 27, 14h));  // Thursday
  const d::Case mosque = c.Register("MSQ-MAINT");  // "mosques": 3d of 8h = 24h
  EXPECT_EQ(c.Clock(mosque.id, ClockName::kResolution).clock.target, 24h);
  // Thu 1.5h, Fri 4.5h; Sat, Sun off; Mon 1 – Wed 3 Dec holidays; Thu 4 Dec 8h (14h), Fri 5
  // Dec 4.5h (18.5h); Mon 8 Dec 07:30 + 5.5h.
  EXPECT_EQ(c.View(mosque.id, ClockName::kResolution).state.due, c.AtG(2025, 12, 8, 13h));

  // Priority picks the policy first: "urgent" covers high too (1d = 8h).
  const d::Case high = c.Register("MSQ-MAINT", d::CaseType::kComplaint, d::Priority::kHigh);
  EXPECT_EQ(c.Clock(high.id, ClockName::kResolution).clock.policy, "urgent");
  EXPECT_EQ(c.View(high.id, ClockName::kResolution).state.due, c.AtG(2025, 12, 4, 9h + 30min));
}

TEST(SlaCalendars, DubaiRamadanHours) {
  ServiceCenter c("iacad-dubai", base::Time{});
  ASSERT_CENTER(c);
  // Monday 17 March 2025 = 17 Ramadan 1446: 09:00–14:30 Mon–Thu, Friday 09:00–12:00.
  c.clock().Set(c.AtG(2025, 3, 17, 9h));
  const d::Case r = c.Register("MSQ-MAINT", d::CaseType::kComplaint, d::Priority::kUrgent);
  // "urgent": 8h on the units' calendar: Monday 5.5h, Tuesday 09:00 + 2.5h.
  EXPECT_EQ(c.View(r.id, ClockName::kResolution).state.due, c.AtG(2025, 3, 18, 11h + 30min));
}

TEST(SlaCalendars, TehranNowruzRamadanAndEidAlFitr1404) {
  // mosques-8940: Saturday–Wednesday 07:30–14:30, Thursday 07:30–12:30; Ramadan 08:00–13:00
  // (Thursday 08:00–11:00); Nowruz 1–4 Farvardin, 12–13 Farvardin, 29 Esfand; Eid al-Fitr
  // 1404 on 11–12 Farvardin (Iran's official calendar, a one-off).
  ServiceCenter c("mosques-8940", base::Time{});
  ASSERT_CENTER(c);
  const base::Time start = c.At(kJ, 1403, 12, 28, 14h);  // Tuesday 18 March 2025
  ASSERT_EQ(start, c.AtG(2025, 3, 18, 14h));
  c.clock().Set(start);
  const d::Case r = c.Register("MI-SPACE");  // "mosque_issues": 1d (7h) and 5d (35h), units
  const auto fr = c.View(r.id, ClockName::kFirstResponse);
  EXPECT_EQ(fr.clock.target, 7h);
  // Tuesday after Ramadan hours; 29 Esfand holiday; Thursday 30 Esfand 3h (Ramadan Thursday);
  // 1–4 Farvardin Nowruz; Tuesday 5 Farvardin (25 Ramadan) 08:00 + 4h.
  EXPECT_EQ(fr.state.due, c.At(kJ, 1404, 1, 5, 12h)) << Show(fr.state.due);
  // Resolution: Thu 3h, Tue 5 Farvardin 5h, Wed 5h, Thu 3h, Sat 9 Farvardin (29 Ramadan) 5h,
  // Sun 10 Farvardin (1 Shawwal by Umm al-Qura; normal hours) 7h (28h); 11–13 Farvardin
  // holidays; Thursday 14 Farvardin 5h (33h); Saturday 16 Farvardin 07:30 + 2h.
  const auto res = c.View(r.id, ClockName::kResolution);
  EXPECT_EQ(res.state.due, c.At(kJ, 1404, 1, 16, 9h + 30min)) << Show(res.state.due);
  EXPECT_EQ(res.state.due, c.AtG(2025, 4, 5, 9h + 30min));
}

TEST(SlaCalendars, TehranTasuaAshuraOneOffsDelayAMeetingDecision) {
  // pr-center: the head decides on a public-meeting request within 2 working days (14h).
  ServiceCenter c("pr-center", base::Time{});
  ASSERT_CENTER(c);
  c.clock().Set(c.At(kJ, 1404, 4, 12, 10h));  // Thursday 12 Tir 1404 (3 July 2025)
  const d::Case r = c.Register("MEETING", d::CaseType::kMeetingRequest);
  const auto fr = c.View(r.id, ClockName::kFirstResponse);
  EXPECT_EQ(fr.clock.policy, "meetings");
  // Thursday 2.5h; Friday off; Saturday 14 and Sunday 15 Tir Tasua and Ashura 1404; Monday
  // 16 Tir 7h; Tuesday 17 Tir 07:30 + 4.5h.
  EXPECT_EQ(fr.state.due, c.At(kJ, 1404, 4, 17, 12h)) << Show(fr.state.due);
}

TEST(SlaCalendars, ContactCenterRunsRoundTheClock) {
  ServiceCenter c("moia-1933", base::Time{});
  ASSERT_CENTER(c);
  const base::Time friday_night = c.AtG(2025, 3, 28, 23h);  // Friday, in Ramadan
  c.clock().Set(friday_night);
  const d::Case r = c.Register("OTHER-INQUIRY", d::CaseType::kInquiry);  // "inquiries"
  EXPECT_EQ(c.View(r.id, ClockName::kFirstResponse).state.due, friday_night + 2h);
  EXPECT_EQ(c.View(r.id, ClockName::kResolution).state.due, friday_night + 24h)
      << "a day on the round-the-clock calendar is 24 hours";
}

TEST(SlaPolicies, APatchOfPriorityRetargetsTheClocksKeepingTheirStart) {
  ServiceCenter c("moia-1933", base::Time{});
  ASSERT_CENTER(c);
  const base::Time start = c.AtG(2025, 1, 12, 8h);  // Sunday
  c.clock().Set(start);
  const d::Case r = c.Register("MAINT-AC");
  EXPECT_EQ(c.Clock(r.id, ClockName::kResolution).clock.policy, "standard");
  c.clock().Advance(1h);
  app::CasePatch patch;
  patch.priority = d::Priority::kUrgent;
  ASSERT_TRUE(c.cases().Patch(c.User("dispatcher"), r.id, patch, std::nullopt).ok());
  const auto res = c.Clock(r.id, ClockName::kResolution);
  EXPECT_EQ(res.clock.policy, "urgent");
  EXPECT_EQ(res.clock.target, 7h);
  EXPECT_EQ(res.clock.started_at, start);
  // 7 working hours from Sunday 08:00: 6.5h on Sunday, Monday 07:30 + 0.5h.
  EXPECT_EQ(c.View(r.id, ClockName::kResolution).state.due, c.AtG(2025, 1, 13, 8h));
  EXPECT_EQ(c.View(r.id, ClockName::kFirstResponse).state.due, start + 1h);
}

TEST(Escalation, WarningThenBreachToSupervisorAndUnitManagerOnce) {
  // muscat-1111: the supervisor and DEP-WASTE's manager have addresses in the profile.
  ServiceCenter c("muscat-1111", base::Time{});
  ASSERT_CENTER(c);
  const base::Time start = c.AtG(2025, 1, 12, 7h + 30min);  // Sunday
  c.clock().Set(start);
  const d::Case r = c.Register("WASTE", d::CaseType::kComplaint, d::Priority::kNormal, "99123456");
  ASSERT_TRUE(c.Act("dispatcher", r.id, "refer").ok());  // stops first response; DEP-WASTE
  EXPECT_EQ(c.worker().RunOnce(), 0);

  // 80% of 35h = 28h: four 7-hour days, used up at Wednesday 15 January's closing.
  const base::Time warn = c.AtG(2025, 1, 15, 14h + 30min);
  EXPECT_EQ(c.Clock(r.id, ClockName::kResolution).next_check_at, warn);
  c.clock().Set(warn - 1min);
  EXPECT_EQ(c.worker().RunOnce(), 0);
  c.clock().Set(warn);
  EXPECT_EQ(c.worker().RunOnce(), 1);
  EXPECT_EQ(c.Events(r.id, "sla", "warning"), 1);
  EXPECT_EQ(c.worker().RunOnce(), 0) << "a warning is reported once";
  EXPECT_TRUE(c.View(r.id, ClockName::kResolution).warning_reported);

  // Due Thursday 14:30; breached just after.
  const auto before = c.store().Messages(r.id).size();
  c.clock().Set(c.AtG(2025, 1, 16, 14h + 30min));
  EXPECT_EQ(c.worker().RunOnce(), 0) << "due, not yet past due";
  c.clock().Advance(1min);
  EXPECT_EQ(c.worker().RunOnce(), 1);
  EXPECT_EQ(c.Events(r.id, "sla", "breach"), 1);
  auto messages = c.store().Messages(r.id);
  ASSERT_EQ(messages.size(), before + 2);
  std::set<std::string> to;
  for (std::size_t i = before; i < messages.size(); ++i) {
    EXPECT_EQ(messages[i].template_name, "sla_breach");
    EXPECT_EQ(messages[i].channel, "email");
    EXPECT_NE(messages[i].body.find(r.tracking_code), std::string::npos);
    EXPECT_NE(messages[i].body.find("2025/01/16 14:30"), std::string::npos) << messages[i].body;
    to.insert(messages[i].recipient);
  }
  EXPECT_EQ(to, (std::set<std::string>{"supervisor@1111.tawasul.example",
                                       "unit.manager@1111.tawasul.example"}));
  for (const auto& e : c.store().Timeline(r.id)) {
    if (e.kind == "sla" && e.to == "breach") {
      EXPECT_NE(e.note.find("supervisors: 1, unit managers: 1"), std::string::npos) << e.note;
      EXPECT_EQ(e.note.find("@"), std::string::npos) << "never an address on the timeline";
    }
  }
  c.clock().Advance(24h);
  EXPECT_EQ(c.worker().RunOnce(), 0);
  EXPECT_FALSE(c.Clock(r.id, ClockName::kResolution).next_check_at.has_value());
  EXPECT_EQ(c.View(r.id, ClockName::kResolution).state.status, SlaStatus::kBreached);
}

TEST(Escalation, AClockStoppedInTimeIsNeverReportedAndAMissedBreachIsReportedAfterADowntime) {
  ServiceCenter c("muscat-1111", base::Time{});
  ASSERT_CENTER(c);
  c.clock().Set(c.AtG(2025, 1, 12, 7h + 30min));
  const d::Case met = c.Register("WASTE");
  const d::Case late = c.Register("WASTE");
  // Registration sent both to line 2 at once (three_line's start_with).
  // `met` is referred within its first-response target (8h round the clock).
  c.clock().Advance(2h);
  ASSERT_TRUE(c.Act("dispatcher", met.id, "refer").ok());
  // The server is down for a day; `late` is referred after its target passed.
  c.clock().Advance(24h);
  ASSERT_TRUE(c.Act("dispatcher", late.id, "refer").ok());
  c.Restart();
  c.worker().RunOnce();
  EXPECT_EQ(c.Events(met.id, "sla"), 0);
  EXPECT_EQ(c.Events(late.id, "sla", "breach"), 1) << "stopped late: the breach still counts";
  EXPECT_EQ(c.Events(late.id, "sla", "warning"), 0) << "no stale warning after the breach";
}

}  // namespace
}  // namespace tawasul::testing
