#include "domain/calendar.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>

namespace tawasul::domain {
namespace {

using namespace std::chrono_literals;
using std::chrono::local_days;

constexpr CalendarKind kG = CalendarKind::kGregorian;
constexpr CalendarKind kH = CalendarKind::kHijriUmmAlQura;
constexpr CalendarKind kJ = CalendarKind::kJalali;

Time Utc(int y, int m, int d, int hh = 0, int mm = 0) {
  return Time(std::chrono::sys_days(std::chrono::year(y) / m / d) + std::chrono::hours(hh) +
              std::chrono::minutes(mm));
}

CivilDate G(int y, int m, int d) { return CivilDate{y, m, d}; }

void ExpectConverts(CalendarKind kind, CivilDate date, CivilDate gregorian) {
  Result<CivilDate> g = ToGregorian(kind, date);
  ASSERT_TRUE(g.ok()) << g.error().message;
  EXPECT_EQ(*g, gregorian) << ToString(kind) << " " << date.year << "-" << date.month << "-"
                           << date.day;
  EXPECT_EQ(FromGregorian(kind, gregorian), date) << ToString(kind);
}

// Source for every Hijri date here: ICU 72 islamic-umalqura (Debian 12 libicu72). Where Saudi
// Arabia's announcements are public they agree (Eid al-Fitr 1446 on Sunday 30 March 2025, Eid
// al-Adha 1446 on Friday 6 June 2025, 1 Muharram 1446 on Sunday 7 July 2024). ICU's table
// differs from other published Umm al-Qura tables before 1999 and after mid-2029.
TEST(HijriUmmAlQura, MatchesIcu72Table) {
  ExpectConverts(kH, {1446, 10, 1}, G(2025, 3, 30));  // 1 Shawwal 1446: Eid al-Fitr
  ExpectConverts(kH, {1446, 9, 1}, G(2025, 3, 1));    // 1 Ramadan 1446
  ExpectConverts(kH, {1446, 12, 10}, G(2025, 6, 6));  // 10 Dhu al-Hijjah 1446: Eid al-Adha
  ExpectConverts(kH, {1446, 1, 1}, G(2024, 7, 7));    // 1 Muharram 1446
  ExpectConverts(kH, {1445, 1, 1}, G(2023, 7, 19));   // 1 Muharram 1445
  ExpectConverts(kH, {1447, 9, 1}, G(2026, 2, 18));   // 1 Ramadan 1447 (ICU 72 islamic-umalqura)
  ExpectConverts(kH, {1447, 10, 1}, G(2026, 3, 20));  // 1 Shawwal 1447 (ICU 72 islamic-umalqura)
}

TEST(HijriUmmAlQura, MonthLengthsFollowTheTable) {
  // ICU 72 islamic-umalqura: Ramadan 1446 has 29 days, so 30 Ramadan 1446 does not exist.
  EXPECT_EQ(MonthLength(kH, 1446, 9), 29);
  EXPECT_EQ(MonthLength(kH, 1446, 8), 29);
  EXPECT_EQ(MonthLength(kH, 1446, 10), 30);
  // Lunar years are 354 or 355 days.
  CalendarConverter c;
  for (int y = 1420; y <= 1450; ++y) {
    const auto len = (*c.ToDays(kH, {y + 1, 1, 1}) - *c.ToDays(kH, {y, 1, 1})).count();
    EXPECT_TRUE(len == 354 || len == 355) << y << ": " << len;
  }
}

TEST(Jalali, NowruzAndLeapYears) {
  // Nowruz (1 Farvardin) fell on 20 March 2024 and 21 March 2025; 1403 is a leap year.
  ExpectConverts(kJ, {1404, 1, 1}, G(2025, 3, 21));
  ExpectConverts(kJ, {1403, 1, 1}, G(2024, 3, 20));
  ExpectConverts(kJ, {1403, 12, 30}, G(2025, 3, 20));  // 30 Esfand exists in a leap year
  ExpectConverts(kJ, {1403, 12, 28}, G(2025, 3, 18));
  ExpectConverts(kJ, {1405, 1, 1}, G(2026, 3, 21));
  EXPECT_EQ(MonthLength(kJ, 1403, 12), 30);
  EXPECT_EQ(MonthLength(kJ, 1404, 12), 29);
  EXPECT_EQ(MonthLength(kJ, 1404, 1), 31);
  EXPECT_EQ(MonthLength(kJ, 1404, 7), 30);
}

TEST(Gregorian, IsTheIdentityAndChecksDays) {
  ExpectConverts(kG, {2024, 2, 29}, G(2024, 2, 29));
  const Result<CivilDate> bad = ToGregorian(kG, {2025, 2, 29});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "day");
  EXPECT_THROW((void)FromGregorian(kH, {2025, 2, 29}), std::invalid_argument);
}

TEST(Conversion, RoundTripsEveryDayFrom2000To2035) {
  CalendarConverter c;
  const local_days first = ToLocalDays({2000, 1, 1});
  const local_days last = ToLocalDays({2035, 12, 31});
  for (local_days d = first; d <= last; d += std::chrono::days(1)) {
    for (const CalendarKind kind : {kH, kJ}) {
      const CivilDate date = c.FromDays(kind, d);
      const Result<local_days> back = c.ToDays(kind, date);
      ASSERT_TRUE(back.ok()) << back.error().message;
      ASSERT_EQ(*back, d) << ToString(kind) << " " << date.year << "-" << date.month << "-"
                          << date.day;
    }
  }
}

TEST(Validation, NamesTheField) {
  const Result<CivilDate> ramadan30 = ToGregorian(kH, {1446, 9, 30});
  ASSERT_FALSE(ramadan30.ok());
  EXPECT_EQ(ramadan30.error().code, base::ErrorCode::kInvalid);
  EXPECT_EQ(ramadan30.error().field, "day");
  EXPECT_NE(ramadan30.error().message.find("29 days"), std::string::npos)
      << ramadan30.error().message;

  EXPECT_EQ(ToGregorian(kH, {1446, 13, 1}).error().field, "month");
  EXPECT_EQ(ToGregorian(kH, {1446, 0, 1}).error().field, "month");
  EXPECT_EQ(ToGregorian(kH, {1446, 1, 0}).error().field, "day");
  EXPECT_EQ(ToGregorian(kH, {0, 1, 1}).error().field, "year");
  EXPECT_EQ(ToGregorian(kJ, {1404, 12, 30}).error().field, "day");  // 1404 is a common year
  EXPECT_EQ(ToGregorian(kJ, {1404, 7, 31}).error().field, "day");   // Mehr has 30 days
  EXPECT_TRUE(ValidateDate(kJ, {1404, 6, 31}).ok());                // Shahrivar has 31
}

TEST(CalendarKindNames, RoundTrip) {
  for (const CalendarKind k : {kG, kH, kJ}) EXPECT_EQ(ParseCalendarKind(ToString(k)), k);
  EXPECT_EQ(ParseCalendarKind("islamic"), std::nullopt);
}

TEST(TimeZoneTest, RejectsUnknownNames) {
  for (const char* name : {"Mars/Olympus", "", "Etc/Unknown"}) {
    const Result<TimeZone> z = TimeZone::Make(name);
    ASSERT_FALSE(z.ok()) << name;
    EXPECT_EQ(z.error().field, "time_zone");
  }
  EXPECT_TRUE(TimeZone::Make("Asia/Riyadh").ok());
  EXPECT_EQ(TimeZone().id(), "UTC");
}

TEST(TimeZoneTest, TehranFollowsItsHistory) {
  const TimeZone tehran = *TimeZone::Make("Asia/Tehran");
  // Iran kept daylight saving (+04:30) until September 2022 and dropped it afterwards.
  EXPECT_EQ(tehran.OffsetAt(Utc(2021, 6, 14, 12)), 270min);
  EXPECT_EQ(tehran.OffsetAt(Utc(2021, 12, 14, 12)), 210min);
  EXPECT_EQ(tehran.OffsetAt(Utc(2024, 6, 14, 12)), 210min);
  EXPECT_EQ(*InstantOf(tehran, kG, {2021, 6, 14}, 7h + 30min), Utc(2021, 6, 14, 3, 0));
  EXPECT_EQ(*InstantOf(tehran, kG, {2024, 6, 14}, 7h + 30min), Utc(2024, 6, 14, 4, 0));
}

TEST(TimeZoneTest, SkippedAndRepeatedWallTimes) {
  const TimeZone tehran = *TimeZone::Make("Asia/Tehran");
  // 2022-03-22 00:00 became 01:00: 00:30 never happened and is read as 01:30 (+04:30).
  EXPECT_EQ(*InstantOf(tehran, kG, {2022, 3, 22}, 30min), Utc(2022, 3, 21, 21, 0));
  // 2022-09-21 24:00 went back to 23:00: 23:30 happened twice; the first one is taken.
  EXPECT_EQ(*InstantOf(tehran, kG, {2022, 9, 21}, 23h + 30min), Utc(2022, 9, 21, 19, 0));
  EXPECT_EQ(*InstantOf(tehran, kG, {2022, 9, 21}, 24h), Utc(2022, 9, 21, 20, 30));
  EXPECT_EQ(InstantOf(tehran, kG, {2022, 9, 21}, 25h).error().field, "time_of_day");
}

TEST(TimeZoneTest, OffsetChangesAgreeWithOffsetAt) {
  // Report totals find local days through these changes (decision 0011), so they must give
  // OffsetAt's answer at every instant: checked at each change and every 6 hours in between.
  for (const char* name : {"Asia/Tehran", "Europe/London", "America/Sao_Paulo", "Asia/Riyadh"}) {
    const TimeZone zone = *TimeZone::Make(name);
    const Time from = Utc(1970, 1, 2, 0), to = Utc(2040, 1, 1, 0);
    const auto changes = zone.OffsetChanges(from, to);
    ASSERT_FALSE(changes.empty());
    EXPECT_EQ(changes.front().first, from);
    for (std::size_t i = 1; i < changes.size(); ++i) {
      EXPECT_EQ(zone.OffsetAt(changes[i].first), changes[i].second) << name << " " << i;
      EXPECT_EQ(zone.OffsetAt(changes[i].first - 1ms), changes[i - 1].second) << name << " " << i;
    }
    std::size_t i = 0;
    for (Time t = from; t < to; t += 6h) {
      while (i + 1 < changes.size() && changes[i + 1].first <= t) ++i;
      ASSERT_EQ(changes[i].second, zone.OffsetAt(t)) << name;
    }
    if (std::string(name) == "Asia/Tehran") {
      EXPECT_GT(changes.size(), 40U);  // daylight saving until 2022
    }
  }
}

TEST(TimeZoneTest, LocalDateOfAnInstantInEachCalendar) {
  const TimeZone tehran = *TimeZone::Make("Asia/Tehran");
  // Nowruz 1404 began at local midnight, 20:30 UTC on 20 March 2025.
  EXPECT_EQ(LocalDateOf(tehran, Utc(2025, 3, 20, 20, 29), kJ), (CivilDate{1403, 12, 30}));
  EXPECT_EQ(LocalDateOf(tehran, Utc(2025, 3, 20, 20, 30), kJ), (CivilDate{1404, 1, 1}));
  EXPECT_EQ(LocalDateOf(tehran, Utc(2025, 3, 20, 20, 30)), G(2025, 3, 21));
  const TimeZone riyadh = *TimeZone::Make("Asia/Riyadh");
  // 21:00 UTC on 29 March 2025 is already 30 March, 1 Shawwal 1446, in Riyadh (+03:00).
  EXPECT_EQ(LocalDateOf(riyadh, Utc(2025, 3, 29, 21, 0), kH), (CivilDate{1446, 10, 1}));
  EXPECT_EQ(LocalDateOf(riyadh, Utc(2025, 3, 29, 20, 59), kH), (CivilDate{1446, 9, 29}));
  EXPECT_EQ(*InstantOf(riyadh, kH, {1446, 10, 1}, 0min), Utc(2025, 3, 29, 21, 0));
  EXPECT_EQ(InstantOf(riyadh, kH, {1446, 9, 30}, 0min).error().field, "day");
}

}  // namespace
}  // namespace tawasul::domain
