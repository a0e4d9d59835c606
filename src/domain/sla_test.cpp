#include "domain/sla.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace tawasul::domain {
namespace {

using namespace std::chrono_literals;
using std::chrono::Friday;
using std::chrono::Monday;
using std::chrono::Saturday;
using std::chrono::Sunday;
using std::chrono::Thursday;
using std::chrono::Tuesday;
using std::chrono::Wednesday;

constexpr CalendarKind kG = CalendarKind::kGregorian;
constexpr CalendarKind kH = CalendarKind::kHijriUmmAlQura;
constexpr CalendarKind kJ = CalendarKind::kJalali;

/// Saudi government: Sunday–Thursday 07:30–14:30 (7 h); Eids by ICU 72 islamic-umalqura;
/// Ramadan 09:00–14:00.
BusinessCalendar Saudi() {
  BusinessCalendarSpec s;
  s.time_zone = "Asia/Riyadh";
  s.week.Set({Sunday, Monday, Tuesday, Wednesday, Thursday}, {{7h + 30min, 14h + 30min}});
  s.holidays = {
      {"founding_day", kG, std::nullopt, {2, 22}, {2, 22}},
      {"national_day", kG, std::nullopt, {9, 23}, {9, 23}},
      {"eid_al_fitr", kH, std::nullopt, {10, 1}, {10, 3}},
      {"arafat_and_eid_al_adha", kH, std::nullopt, {12, 9}, {12, 12}},
  };
  s.periods = {{{"ramadan", kH, std::nullopt, {9, 1}, {9, 30}},
                WeekHours().Set({Sunday, Monday, Tuesday, Wednesday, Thursday}, {{9h, 14h}})}};
  return *BusinessCalendar::Make(s);
}

/// Iranian government: Saturday–Wednesday 07:30–14:30 and Thursday 07:30–12:30; Nowruz 1–4 and
/// 12–13 Farvardin, 29 Esfand. Lunar holidays follow Iran's own announcements, not Umm
/// al-Qura, so they are one-offs: Eid al-Fitr 1404 on 11–12 Farvardin (official 1404 calendar).
BusinessCalendar Iran() {
  BusinessCalendarSpec s;
  s.time_zone = "Asia/Tehran";
  s.week.Set({Saturday, Sunday, Monday, Tuesday, Wednesday}, {{7h + 30min, 14h + 30min}});
  s.week.Set({Thursday}, {{7h + 30min, 12h + 30min}});
  s.holidays = {
      {"nowruz", kJ, std::nullopt, {1, 1}, {1, 4}},
      {"republic_and_nature_day", kJ, std::nullopt, {1, 12}, {1, 13}},
      {"oil_nationalization", kJ, std::nullopt, {12, 29}, {12, 29}},
      {"eid_al_fitr_1404", kJ, 1404, {1, 11}, {1, 12}},
  };
  return *BusinessCalendar::Make(s);
}

/// UAE federal government: Monday–Thursday 07:30–15:30, Friday 07:30–12:00; National Day.
BusinessCalendar Uae() {
  BusinessCalendarSpec s;
  s.time_zone = "Asia/Dubai";
  s.week.Set({Monday, Tuesday, Wednesday, Thursday}, {{7h + 30min, 15h + 30min}});
  s.week.Set({Friday}, {{7h + 30min, 12h}});
  s.holidays = {{"national_day", kG, std::nullopt, {12, 2}, {12, 3}}};
  return *BusinessCalendar::Make(s);
}

/// An instant from a local date (in `kind`) and wall time in `calendar`'s zone.
Time At(const BusinessCalendar& calendar, CalendarKind kind, CivilDate date,
        std::chrono::minutes t) {
  const Result<Time> instant = InstantOf(calendar.zone(), kind, date, t);
  if (!instant) throw std::invalid_argument(instant.error().message);
  return *instant;
}
Time AtG(const BusinessCalendar& c, int y, int m, int d, std::chrono::minutes t) {
  return At(c, kG, {y, m, d}, t);
}

Time Due(const BusinessCalendar& c, Time start, std::chrono::minutes d,
         std::vector<Pause> pauses = {}) {
  const Result<Time> due = AddBusinessDuration(c, start, d, pauses);
  if (!due) throw std::invalid_argument(due.error().field + ": " + due.error().message);
  return *due;
}

TEST(AddBusinessDuration, SaudiTwoDaysFromWednesdayLandOnSunday) {
  const BusinessCalendar c = Saudi();
  const Time start = AtG(c, 2025, 1, 15, 13h);  // Wednesday
  // Wed 13:00–14:30 (1.5 h) + Thu (7 h) + Sun 07:30–13:00 (5.5 h) = two 7-hour days.
  EXPECT_EQ(Due(c, start, 2 * 7h), AtG(c, 2025, 1, 19, 13h));
  EXPECT_EQ(BusinessDurationBetween(c, start, AtG(c, 2025, 1, 19, 13h)), 14h);
}

TEST(AddBusinessDuration, UsedUpAtClosingIsDueAtClosing) {
  const BusinessCalendar c = Saudi();
  EXPECT_EQ(Due(c, AtG(c, 2025, 1, 12, 7h + 30min), 7h), AtG(c, 2025, 1, 12, 14h + 30min));
  // Opened on a Friday: the clock starts on Sunday morning.
  EXPECT_EQ(Due(c, AtG(c, 2025, 1, 17, 10h), 1h), AtG(c, 2025, 1, 19, 8h + 30min));
  // Opened after hours: likewise the next morning.
  EXPECT_EQ(Due(c, AtG(c, 2025, 1, 12, 20h), 1h), AtG(c, 2025, 1, 13, 8h + 30min));
  EXPECT_EQ(Due(c, AtG(c, 2025, 1, 12, 20h), 0min), AtG(c, 2025, 1, 12, 20h));
}

TEST(AddBusinessDuration, RiyadhRamadanHoursThenEidAlFitr) {
  const BusinessCalendar c = Saudi();
  // Wednesday 26 Ramadan 1446 (26 March 2025) 11:00. ICU 72 islamic-umalqura: Ramadan 1446 has
  // 29 days and Eid al-Fitr (1–3 Shawwal) is Sunday 30 March – Tuesday 1 April 2025.
  const Time start = At(c, kH, {1446, 9, 26}, 11h);
  ASSERT_EQ(start, AtG(c, 2025, 3, 26, 11h));
  // Ramadan hours 09:00–14:00: Wed 3 h + Thu 5 h; Fri–Sat off; Sun–Tue Eid; then normal hours:
  // Wed 2 April 7 h, Thu 3 April 07:30–08:30.
  const Time due = Due(c, start, 16h);
  EXPECT_EQ(due, AtG(c, 2025, 4, 3, 8h + 30min));
  EXPECT_EQ(LocalDateOf(c.zone(), due, kH), (CivilDate{1446, 10, 5}));
  EXPECT_EQ(BusinessDurationBetween(c, start, due), 16h);
  // Only the Ramadan hours count inside Ramadan.
  EXPECT_EQ(BusinessDurationBetween(c, start, AtG(c, 2025, 3, 30, 0h)), 8h);
}

TEST(AddBusinessDuration, TehranNowruzFromTwentyEighthEsfand) {
  const BusinessCalendar c = Iran();
  // Tuesday 28 Esfand 1403 (18 March 2025) 14:00: 30 min that day; 29 Esfand is a holiday;
  // Thursday 30 Esfand 5 h; Friday is 1 Farvardin; 2–4 Farvardin are holidays; so the last
  // 90 minutes fall on Tuesday 5 Farvardin 1404.
  const Time start = At(c, kJ, {1403, 12, 28}, 14h);
  const Time due = Due(c, start, 7h);
  EXPECT_EQ(due, At(c, kJ, {1404, 1, 5}, 9h));
  EXPECT_EQ(due, AtG(c, 2025, 3, 25, 9h));
  EXPECT_GT(LocalDateOf(c.zone(), due, kJ), (CivilDate{1404, 1, 4}));
}

TEST(AddBusinessDuration, TehranSkipsEidAndTwelfthThirteenthFarvardin) {
  const BusinessCalendar c = Iran();
  // Sunday 10 Farvardin 1404, 13:00: 90 min; 11–12 Farvardin Eid al-Fitr (one-off), 12–13
  // Farvardin (yearly); Thursday 14 Farvardin 5 h; Friday off; Saturday 16 Farvardin 30 min.
  const Time due = Due(c, At(c, kJ, {1404, 1, 10}, 13h), 7h);
  EXPECT_EQ(due, At(c, kJ, {1404, 1, 16}, 8h));
}

TEST(AddBusinessDuration, TehranAcrossItsDaylightSavingHistory) {
  const BusinessCalendar c = Iran();
  // 07:30 in Tehran was 03:00 UTC under +04:30 (2021) and is 04:00 UTC under +03:30 (2024).
  const Time s2021 = AtG(c, 2021, 6, 14, 7h + 30min);  // Monday
  const Time s2024 = AtG(c, 2024, 6, 16, 7h + 30min);  // Sunday
  EXPECT_EQ(s2021, Time(std::chrono::sys_days(2021y / 6 / 14) + 3h));
  EXPECT_EQ(s2024, Time(std::chrono::sys_days(2024y / 6 / 16) + 4h));
  EXPECT_EQ(Due(c, s2021, 1h), s2021 + 1h);
  EXPECT_EQ(Due(c, s2024, 1h), s2024 + 1h);
  // A whole working week in 2022 straddling the last change (21 Sept 24:00 → 23:00): Wed 21
  // Sept 14:00 → Sat 24 Sept 07:30 + 30 min, whatever the offsets did overnight.
  EXPECT_EQ(Due(c, AtG(c, 2022, 9, 21, 14h), 6h), AtG(c, 2022, 9, 24, 8h));
}

TEST(AddBusinessDuration, RoundTheClockCountsRealHoursOnChangeDays) {
  // Round the clock in Tehran with one holiday, so the day-by-day walk is used (not the 24/7
  // shortcut): the day the clocks went forward had 23 hours, the day they went back 25.
  BusinessCalendarSpec spec;
  spec.time_zone = "Asia/Tehran";
  for (auto& day : spec.week.days) day = {{0h, 24h}};
  spec.holidays = {{"new_year", kG, std::nullopt, {1, 1}, {1, 1}}};
  const BusinessCalendar c = *BusinessCalendar::Make(spec);
  ASSERT_FALSE(c.always_open());
  EXPECT_EQ(BusinessDurationBetween(c, AtG(c, 2022, 3, 22, 0h), AtG(c, 2022, 3, 23, 0h)), 23h);
  EXPECT_EQ(BusinessDurationBetween(c, AtG(c, 2022, 9, 21, 0h), AtG(c, 2022, 9, 22, 0h)), 25h);
  const Time start = AtG(c, 2022, 3, 21, 12h);
  EXPECT_EQ(Due(c, start, 24h), start + 24h);
  EXPECT_EQ(Due(c, AtG(c, 2021, 12, 31, 12h), 24h), AtG(c, 2022, 1, 2, 12h));  // skips 1 Jan
}

TEST(AddBusinessDuration, UaeNationalDayAndShortFriday) {
  const BusinessCalendar c = Uae();
  // Monday 1 Dec 2025 14:00: 90 min; 2–3 Dec National Day; Thursday 4 Dec 07:30 + 150 min.
  EXPECT_EQ(Due(c, AtG(c, 2025, 12, 1, 14h), 4h), AtG(c, 2025, 12, 4, 10h));
  // Thursday 15:00: 30 min; Friday 07:30–12:00 4.5 h; weekend; Monday 07:30 + 1 h.
  EXPECT_EQ(Due(c, AtG(c, 2025, 12, 4, 15h), 6h), AtG(c, 2025, 12, 8, 8h + 30min));
}

TEST(AddBusinessDuration, AlwaysOpenAddsPlainTime) {
  const BusinessCalendar c = BusinessCalendar::AlwaysOpen(*TimeZone::Make("Asia/Riyadh"));
  const Time start = Time(std::chrono::sys_days(2025y / 3 / 30) + 23h + 59min + 30s + 250ms);
  EXPECT_EQ(Due(c, start, 90min), start + 90min);
  EXPECT_EQ(Due(c, start, 30 * 24h), start + 30 * 24h);
  EXPECT_EQ(BusinessDurationBetween(c, start, start + 90min + 59s), 90min);
  EXPECT_EQ(BusinessDurationBetween(c, start + 1h, start), 0min);
}

TEST(AddBusinessDuration, ThirtyBusinessDaysWalkDaysNotMinutes) {
  const BusinessCalendar c = Saudi();
  // Sunday 5 Jan 2025 07:30 + 30 seven-hour days = six full weeks: Thursday 13 Feb 14:30.
  const Time start = AtG(c, 2025, 1, 5, 7h + 30min);
  const Time due = Due(c, start, 30 * 7h);
  EXPECT_EQ(due, AtG(c, 2025, 2, 13, 14h + 30min));
  EXPECT_EQ(BusinessDurationBetween(c, start, due), 30 * 7h);
  // The walk costs a few steps per calendar day, so a thousand such SLAs are quick; a
  // minute-stepping loop would take 12,600 steps each.
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(Due(c, start, 30 * 7h), due);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 10s);
}

TEST(AddBusinessDuration, PausesShiftTheDueTime) {
  const BusinessCalendar c = Saudi();
  const Time start = AtG(c, 2025, 1, 12, 7h + 30min);  // Sunday
  // Waiting on the citizen from Sunday 10:00 to Monday 09:00: 2.5 h before, 4.5 h after.
  const std::vector<Pause> pauses{{AtG(c, 2025, 1, 12, 10h), AtG(c, 2025, 1, 13, 9h)}};
  EXPECT_EQ(Due(c, start, 7h, pauses), AtG(c, 2025, 1, 13, 13h + 30min));
  EXPECT_EQ(BusinessDurationBetween(c, start, AtG(c, 2025, 1, 13, 12h), pauses), 5h + 30min);
  // Unsorted and overlapping pauses mean the same stretch.
  const std::vector<Pause> messy{{AtG(c, 2025, 1, 13, 8h), AtG(c, 2025, 1, 13, 9h)},
                                 {AtG(c, 2025, 1, 12, 10h), AtG(c, 2025, 1, 12, 20h)},
                                 {AtG(c, 2025, 1, 12, 19h), AtG(c, 2025, 1, 13, 8h + 30min)}};
  EXPECT_EQ(Due(c, start, 7h, messy), AtG(c, 2025, 1, 13, 13h + 30min));
  // A pause in off-hours changes nothing.
  EXPECT_EQ(Due(c, start, 7h, {{AtG(c, 2025, 1, 12, 15h), AtG(c, 2025, 1, 13, 7h)}}),
            AtG(c, 2025, 1, 12, 14h + 30min));
  // An open pause lasts until the end of the measured span.
  EXPECT_EQ(BusinessDurationBetween(c, start, AtG(c, 2025, 1, 13, 12h),
                                    std::vector<Pause>{{AtG(c, 2025, 1, 12, 10h), std::nullopt}}),
            2h + 30min);
}

TEST(AddBusinessDuration, RejectsBadInputInsteadOfLooping) {
  const BusinessCalendar c = Saudi();
  const Time start = AtG(c, 2025, 1, 12, 8h);
  EXPECT_EQ(AddBusinessDuration(c, start, -1min).error().field, "duration");
  EXPECT_EQ(AddBusinessDuration(c, start, kMaxSlaDuration + 1min).error().field, "duration");
  const std::vector<Pause> open{{start, std::nullopt}};
  EXPECT_EQ(AddBusinessDuration(c, start, 1h, open).error().field, "pauses[0].to");
  const std::vector<Pause> backwards{{start, start - 1h}};
  EXPECT_EQ(AddBusinessDuration(c, start, 1h, backwards).error().field, "pauses[0].to");

  // A week with working hours but a holiday on every day of every year: an error, not a hang.
  BusinessCalendarSpec spec;
  spec.week.Set({Sunday, Monday}, {{8h, 16h}});
  spec.holidays = {{"all_year", kG, std::nullopt, {1, 1}, {12, 31}}};
  const BusinessCalendar closed = *BusinessCalendar::Make(spec);
  const Result<Time> due = AddBusinessDuration(closed, start, 1h);
  ASSERT_FALSE(due.ok());
  EXPECT_EQ(due.error().field, "calendar");
  EXPECT_EQ(BusinessDurationBetween(closed, start, start + 24h * 400), 0min);

  // A week with no working hours cannot even be made.
  spec.week = WeekHours();
  EXPECT_EQ(BusinessCalendar::Make(spec).error().field, "week");
}

class EvaluateSlaTest : public ::testing::Test {
 protected:
  // Sunday 12 Jan 2025 07:30 in Riyadh, one 7-hour business day allowed: due 14:30.
  BusinessCalendar c_ = Saudi();
  SlaClock clock_{AtG(c_, 2025, 1, 12, 7h + 30min), 7h, {}};

  SlaState At(std::chrono::minutes local_time, int day = 12, double warning = 0.8) {
    const Result<SlaState> s = EvaluateSla(c_, clock_, AtG(c_, 2025, 1, day, local_time), warning);
    if (!s) throw std::invalid_argument(s.error().field);
    return *s;
  }
};

TEST_F(EvaluateSlaTest, OnTrackWarningAndBreach) {
  const Time due = AtG(c_, 2025, 1, 12, 14h + 30min);
  SlaState s = At(12h);
  EXPECT_EQ(s.status, SlaStatus::kOnTrack);
  EXPECT_EQ(s.elapsed, 4h + 30min);
  EXPECT_EQ(s.remaining, 2h + 30min);
  EXPECT_NEAR(s.share, 270.0 / 420.0, 1e-9);
  EXPECT_EQ(s.due, due);
  EXPECT_FALSE(s.paused);

  s = At(13h + 30min);  // 6 of 7 hours: 0.857 >= 0.8
  EXPECT_EQ(s.status, SlaStatus::kWarning);
  EXPECT_EQ(At(13h + 30min, 12, 0.9).status, SlaStatus::kOnTrack);

  s = At(14h + 30min);  // exactly due: not yet past it
  EXPECT_EQ(s.status, SlaStatus::kWarning);
  EXPECT_DOUBLE_EQ(s.share, 1.0);
  EXPECT_EQ(s.remaining, 0min);

  s = At(15h);  // after hours: no more business time used, but past due
  EXPECT_EQ(s.status, SlaStatus::kBreached);
  EXPECT_EQ(s.elapsed, 7h);

  s = At(8h, 13);  // next morning: over the target
  EXPECT_EQ(s.status, SlaStatus::kBreached);
  EXPECT_EQ(s.elapsed, 7h + 30min);
  EXPECT_GT(s.share, 1.0);
  EXPECT_EQ(s.remaining, 0min);
  EXPECT_EQ(ToString(s.status), "breached");
}

TEST_F(EvaluateSlaTest, OpenPauseStopsTheClock) {
  clock_.pauses = {{AtG(c_, 2025, 1, 12, 10h), std::nullopt}};
  const SlaState s = At(13h + 30min);
  EXPECT_TRUE(s.paused);
  EXPECT_EQ(s.elapsed, 2h + 30min);
  EXPECT_EQ(s.status, SlaStatus::kOnTrack);
  // 4.5 h left if the clock ran on from 13:30: 1 h today, 3.5 h on Monday.
  EXPECT_EQ(s.due, AtG(c_, 2025, 1, 13, 11h));
}

TEST_F(EvaluateSlaTest, ClosedPauseShiftsTheDueTime) {
  clock_.pauses = {{AtG(c_, 2025, 1, 12, 10h), AtG(c_, 2025, 1, 13, 9h)}};
  const SlaState s = At(14h, 13);
  EXPECT_FALSE(s.paused);
  EXPECT_EQ(s.due, AtG(c_, 2025, 1, 13, 13h + 30min));
  EXPECT_EQ(s.elapsed, 7h + 30min);  // 2.5 h on Sunday + 5 h on Monday
  EXPECT_EQ(s.status, SlaStatus::kBreached);
}

TEST_F(EvaluateSlaTest, RejectsBadTargetsAndThresholds) {
  const Time now = AtG(c_, 2025, 1, 12, 9h);
  EXPECT_EQ(EvaluateSla(c_, clock_, now, 0.0).error().field, "warning_share");
  EXPECT_EQ(EvaluateSla(c_, clock_, now, 1.5).error().field, "warning_share");
  EXPECT_EQ(EvaluateSla(c_, clock_, now, std::nan("")).error().field, "warning_share");
  clock_.target = 0min;
  EXPECT_EQ(EvaluateSla(c_, clock_, now).error().field, "target");
  clock_.target = 1h;
  clock_.pauses = {{now, now - 1min}};
  EXPECT_EQ(EvaluateSla(c_, clock_, now).error().field, "pauses[0].to");
}

TEST_F(EvaluateSlaTest, BeforeTheStartNothingIsUsed) {
  const SlaState s = *EvaluateSla(c_, clock_, AtG(c_, 2025, 1, 11, 9h));
  EXPECT_EQ(s.elapsed, 0min);
  EXPECT_EQ(s.status, SlaStatus::kOnTrack);
}

}  // namespace
}  // namespace tawasul::domain
