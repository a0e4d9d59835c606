#include "domain/business_calendar.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
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

/// Saudi government week (Sunday–Thursday), Eids by Umm al-Qura, Ramadan hours 09:00–14:00.
BusinessCalendarSpec SaudiSpec() {
  BusinessCalendarSpec s;
  s.time_zone = "Asia/Riyadh";
  s.week.Set({Sunday, Monday, Tuesday, Wednesday, Thursday}, {{7h + 30min, 14h + 30min}});
  s.holidays = {
      {"founding_day", kG, std::nullopt, {2, 22}, {2, 22}},
      {"eid_al_fitr", kH, std::nullopt, {10, 1}, {10, 3}},
      {"arafat_and_eid_al_adha", kH, std::nullopt, {12, 9}, {12, 12}},
  };
  s.periods = {{{"ramadan", kH, std::nullopt, {9, 1}, {9, 30}},
                WeekHours().Set({Sunday, Monday, Tuesday, Wednesday, Thursday}, {{9h, 14h}})}};
  return s;
}

std::string FieldOf(const BusinessCalendarSpec& spec) {
  const Result<BusinessCalendar> c = BusinessCalendar::Make(spec);
  return c.ok() ? "<ok>" : c.error().field;
}

TEST(BusinessCalendarMake, AcceptsTheSaudiCalendar) {
  const Result<BusinessCalendar> c = BusinessCalendar::Make(SaudiSpec());
  ASSERT_TRUE(c.ok()) << c.error().field << ": " << c.error().message;
  EXPECT_EQ(c->zone().id(), "Asia/Riyadh");
  EXPECT_FALSE(c->always_open());
}

TEST(BusinessCalendarMake, RejectsAWeekWithoutWorkingTime) {
  BusinessCalendarSpec spec = SaudiSpec();
  spec.week = WeekHours();
  EXPECT_EQ(FieldOf(spec), "week");
}

TEST(BusinessCalendarMake, NamesTheBadField) {
  BusinessCalendarSpec spec = SaudiSpec();
  spec.time_zone = "Asia/Atlantis";
  EXPECT_EQ(FieldOf(spec), "time_zone");

  spec = SaudiSpec();
  spec.week.Set({Thursday}, {{8h, 7h}});
  EXPECT_EQ(FieldOf(spec), "week.thursday[0].end");
  spec.week.Set({Thursday}, {{8h, 25h}});
  EXPECT_EQ(FieldOf(spec), "week.thursday[0].end");
  spec.week.Set({Thursday}, {{-1min, 2h}});
  EXPECT_EQ(FieldOf(spec), "week.thursday[0].begin");
  spec.week.Set({Thursday}, {{8h, 12h}, {11h, 13h}});
  EXPECT_EQ(FieldOf(spec), "week.thursday[1]");

  spec = SaudiSpec();
  spec.holidays[1].last = {10, 31};  // no Hijri month has 31 days
  EXPECT_EQ(FieldOf(spec), "holidays[1].last.day");
  spec.holidays[1].last = {13, 1};
  EXPECT_EQ(FieldOf(spec), "holidays[1].last.month");
  spec.holidays[1].last = {9, 29};  // before the first day
  EXPECT_EQ(FieldOf(spec), "holidays[1].last");

  spec = SaudiSpec();
  spec.periods[0].hours.Set({Friday}, {{14h, 9h}});
  EXPECT_EQ(FieldOf(spec), "periods[0].hours.friday[0].end");
  spec = SaudiSpec();
  spec.periods[0].dates.first = {0, 1};
  EXPECT_EQ(FieldOf(spec), "periods[0].dates.first.month");
}

TEST(BusinessCalendarMake, OneOffDatesMustExist) {
  BusinessCalendarSpec spec = SaudiSpec();
  // ICU 72 islamic-umalqura gives Ramadan 1446 29 days: 30 Ramadan 1446 is no day at all.
  spec.holidays.push_back({"one_off", kH, 1446, {9, 30}, {9, 30}});
  EXPECT_EQ(FieldOf(spec), "holidays[3].first.day");
  spec.holidays.back() = {"one_off", kJ, 1404, {12, 29}, {12, 30}};  // 1404 is a common year
  EXPECT_EQ(FieldOf(spec), "holidays[3].last.day");
  spec.holidays.back() = {"one_off", kJ, 1403, {12, 29}, {12, 30}};  // 1403 is a leap year
  EXPECT_EQ(FieldOf(spec), "<ok>");
  spec.holidays.back() = {"one_off", kG, 0, {1, 1}, {1, 1}};
  EXPECT_EQ(FieldOf(spec), "holidays[3].year");
}

TEST(BusinessCalendarMake, SortsAndJoinsIntervals) {
  BusinessCalendarSpec spec;
  spec.week.Set({Monday}, {{13h, 15h}, {8h, 10h}, {10h, 12h}});
  const BusinessCalendar c = *BusinessCalendar::Make(spec);
  EXPECT_EQ(c.spec().week.On(Monday), (std::vector<WorkInterval>{{8h, 12h}, {13h, 15h}}));
}

TEST(BusinessCalendarHours, RamadanEidAndWeekends) {
  const BusinessCalendar c = *BusinessCalendar::Make(SaudiSpec());
  const std::vector<WorkInterval> normal{{7h + 30min, 14h + 30min}};
  const std::vector<WorkInterval> ramadan{{9h, 14h}};
  EXPECT_EQ(c.HoursOn({2025, 2, 26}), normal);    // Wednesday, 27 Sha'ban 1446
  EXPECT_EQ(c.HoursOn({2025, 3, 3}), ramadan);    // Monday, 3 Ramadan 1446
  EXPECT_EQ(c.HoursOn({2025, 3, 27}), ramadan);   // Thursday, 27 Ramadan 1446
  EXPECT_TRUE(c.HoursOn({2025, 3, 28}).empty());  // Friday
  EXPECT_TRUE(c.IsHoliday({2025, 3, 30}));        // 1 Shawwal 1446 (ICU 72 islamic-umalqura)
  EXPECT_TRUE(c.IsHoliday({2025, 4, 1}));         // 3 Shawwal 1446
  EXPECT_FALSE(c.IsHoliday({2025, 4, 2}));
  EXPECT_EQ(c.HoursOn({2025, 4, 2}), normal);
  EXPECT_TRUE(c.IsHoliday({2025, 6, 5}));   // 9 Dhu al-Hijjah 1446, Arafat
  EXPECT_TRUE(c.IsHoliday({2025, 6, 8}));   // 12 Dhu al-Hijjah 1446
  EXPECT_TRUE(c.IsHoliday({2026, 3, 20}));  // 1 Shawwal 1447 (ICU 72 islamic-umalqura)
  EXPECT_TRUE(c.IsHoliday({2026, 2, 22}));  // Founding Day, a Gregorian rule
}

TEST(BusinessCalendarHours, JalaliRuleSkipsDaysAYearLacks) {
  BusinessCalendarSpec spec;
  spec.time_zone = "Asia/Tehran";
  spec.week.Set({Saturday, Sunday, Monday, Tuesday, Wednesday}, {{7h + 30min, 14h + 30min}});
  spec.holidays = {{"last_days_of_esfand", kJ, std::nullopt, {12, 29}, {12, 30}}};
  const BusinessCalendar c = *BusinessCalendar::Make(spec);
  EXPECT_TRUE(c.IsHoliday({2025, 3, 19}));   // 29 Esfand 1403
  EXPECT_TRUE(c.IsHoliday({2025, 3, 20}));   // 30 Esfand 1403 (a leap year)
  EXPECT_FALSE(c.IsHoliday({2025, 3, 21}));  // 1 Farvardin 1404: the rule does not spill over
  EXPECT_TRUE(c.IsHoliday({2026, 3, 20}));   // 29 Esfand 1404, the last day of a common year
  EXPECT_FALSE(c.IsHoliday({2026, 3, 21}));  // 1 Farvardin 1405
}

TEST(BusinessDayWalker, StepsAgreeWithFreshConversions) {
  // The walker steps Hijri and Jalali dates by itself; over four years (month ends, year ends,
  // 29- and 30-day months, a Jalali leap year) it must agree with converting each day anew.
  BusinessCalendarSpec spec;
  spec.week.Set({Monday}, {{8h, 9h}});
  spec.holidays = {{"h_new_year", kH, std::nullopt, {1, 1}, {1, 1}},
                   {"h_month_ends", kH, std::nullopt, {2, 29}, {2, 30}},
                   {"j_new_year", kJ, std::nullopt, {1, 1}, {1, 1}},
                   {"j_esfand_30", kJ, std::nullopt, {12, 30}, {12, 30}}};
  const BusinessCalendar c = *BusinessCalendar::Make(spec);
  const auto first = ToLocalDays({2024, 1, 1});
  BusinessDayWalker walker(c, first);
  int holidays = 0;
  for (auto d = first; d <= ToLocalDays({2027, 12, 31}); d += std::chrono::days(1)) {
    ASSERT_EQ(walker.day(), d);
    const CivilDate g = FromLocalDays(d);
    ASSERT_EQ(walker.holiday(), c.IsHoliday(g)) << g.year << "-" << g.month << "-" << g.day;
    holidays += walker.holiday() ? 1 : 0;
    walker.Next();
  }
  EXPECT_GT(holidays, 10);
}

TEST(BusinessCalendarAlwaysOpen, IsRecognized) {
  EXPECT_TRUE(BusinessCalendar::AlwaysOpen().always_open());
  BusinessCalendarSpec spec;
  spec.time_zone = "Asia/Dubai";
  for (auto& day : spec.week.days) day = {{0h, 12h}, {12h, 24h}};
  EXPECT_TRUE(BusinessCalendar::Make(spec)->always_open());
  spec.holidays = {{"national_day", kG, std::nullopt, {12, 2}, {12, 3}}};
  EXPECT_FALSE(BusinessCalendar::Make(spec)->always_open());
}

}  // namespace
}  // namespace tawasul::domain
