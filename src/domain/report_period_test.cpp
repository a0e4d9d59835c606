// Report periods across boundaries in the three calendars. Hijri dates are ICU 72's Umm al-Qura
// table; Jalali dates are ICU's `persian` (the arithmetic Iranian calendar).
#include "domain/report_period.hpp"

#include <gtest/gtest.h>

namespace tawasul::domain {
namespace {

using std::chrono::days;
using std::chrono::local_days;

local_days G(int y, int m, int d) { return ToLocalDays(CivilDate{y, m, d}); }

TEST(ReportPeriod, ParsesWireNames) {
  EXPECT_EQ(ParsePeriodUnit("quarter"), PeriodUnit::kQuarter);
  EXPECT_FALSE(ParsePeriodUnit("decade"));
  EXPECT_EQ(ParseReportCalendar("hijri"), CalendarKind::kHijriUmmAlQura);
  EXPECT_EQ(ParseReportCalendar("jalali"), CalendarKind::kJalali);
  EXPECT_EQ(ParseReportCalendar("gregorian"), CalendarKind::kGregorian);
  EXPECT_FALSE(ParseReportCalendar("julian"));
}

TEST(ReportPeriod, GregorianMonthQuarterYearAndLeapFebruary) {
  CalendarConverter conv;
  const auto feb = PeriodOf(conv, CalendarKind::kGregorian, PeriodUnit::kMonth, G(2024, 2, 29));
  EXPECT_EQ(feb.label, "2024-02");
  EXPECT_EQ(feb.first, G(2024, 2, 1));
  EXPECT_EQ(feb.end, G(2024, 3, 1));
  const auto q4 = PeriodOf(conv, CalendarKind::kGregorian, PeriodUnit::kQuarter, G(2024, 12, 31));
  EXPECT_EQ(q4.label, "2024-Q4");
  EXPECT_EQ(q4.first, G(2024, 10, 1));
  EXPECT_EQ(q4.end, G(2025, 1, 1));
  const auto y = PeriodOf(conv, CalendarKind::kGregorian, PeriodUnit::kYear, G(2025, 1, 1));
  EXPECT_EQ(y.label, "2025");
  EXPECT_EQ(y.end - y.first, days{365});
}

TEST(ReportPeriod, HijriMonthIsItsOwnPeriod) {
  CalendarConverter conv;
  // Umm al-Qura: 1 Ramadan 1446 = 1 March 2025, 1 Shawwal 1446 = 30 March 2025 (29 days).
  const auto ramadan =
      PeriodOf(conv, CalendarKind::kHijriUmmAlQura, PeriodUnit::kMonth, G(2025, 3, 29));
  EXPECT_EQ(ramadan.label, "1446-09");
  EXPECT_EQ(ramadan.first, G(2025, 3, 1));
  EXPECT_EQ(ramadan.end, G(2025, 3, 30));
  const auto shawwal =
      PeriodOf(conv, CalendarKind::kHijriUmmAlQura, PeriodUnit::kMonth, G(2025, 3, 30));
  EXPECT_EQ(shawwal.label, "1446-10");
  EXPECT_EQ(shawwal.first, ramadan.end);
  const auto before =
      PeriodOf(conv, CalendarKind::kHijriUmmAlQura, PeriodUnit::kMonth, G(2025, 2, 28));
  EXPECT_EQ(before.label, "1446-08");
  EXPECT_EQ(before.end, ramadan.first);
}

TEST(ReportPeriod, HijriQuarterAndYearFollowHijriMonths) {
  CalendarConverter conv;
  const auto q =
      PeriodOf(conv, CalendarKind::kHijriUmmAlQura, PeriodUnit::kQuarter, G(2025, 3, 15));
  EXPECT_EQ(q.label, "1446-Q3");  // Rajab, Sha'ban, Ramadan
  EXPECT_EQ(q.first, *conv.ToDays(CalendarKind::kHijriUmmAlQura, CivilDate{1446, 7, 1}));
  EXPECT_EQ(q.end, *conv.ToDays(CalendarKind::kHijriUmmAlQura, CivilDate{1446, 10, 1}));
  const auto y = PeriodOf(conv, CalendarKind::kHijriUmmAlQura, PeriodUnit::kYear, G(2025, 3, 15));
  EXPECT_EQ(y.label, "1446");
  const auto len = (y.end - y.first).count();
  EXPECT_TRUE(len == 354 || len == 355) << len;
}

TEST(ReportPeriod, JalaliYearBoundaryAtNowruz) {
  CalendarConverter conv;
  // 1 Farvardin 1404 = 21 March 2025; 1403 was a leap year (30 Esfand = 20 March 2025).
  const auto esfand = PeriodOf(conv, CalendarKind::kJalali, PeriodUnit::kMonth, G(2025, 3, 20));
  EXPECT_EQ(esfand.label, "1403-12");
  EXPECT_EQ(esfand.end, G(2025, 3, 21));
  EXPECT_EQ((esfand.end - esfand.first).count(), 30);
  const auto farvardin = PeriodOf(conv, CalendarKind::kJalali, PeriodUnit::kMonth, G(2025, 3, 21));
  EXPECT_EQ(farvardin.label, "1404-01");
  EXPECT_EQ((farvardin.end - farvardin.first).count(), 31);
  const auto year = PeriodOf(conv, CalendarKind::kJalali, PeriodUnit::kYear, G(2025, 3, 20));
  EXPECT_EQ(year.label, "1403");
  EXPECT_EQ(year.first, G(2024, 3, 20));
  EXPECT_EQ(year.end, G(2025, 3, 21));
  const auto q = PeriodOf(conv, CalendarKind::kJalali, PeriodUnit::kQuarter, G(2025, 6, 21));
  EXPECT_EQ(q.label, "1404-Q1");
  EXPECT_EQ(q.end, G(2025, 6, 22));  // 1 Tir 1404
}

TEST(ReportPeriod, WeeksStartOnSaturday) {
  CalendarConverter conv;
  // 1 March 2025 is a Saturday.
  for (int d = 1; d <= 7; ++d) {
    const auto w = PeriodOf(conv, CalendarKind::kGregorian, PeriodUnit::kWeek, G(2025, 3, d));
    EXPECT_EQ(w.first, G(2025, 3, 1)) << d;
    EXPECT_EQ(w.label, "2025-03-01");
  }
  const auto next = PeriodOf(conv, CalendarKind::kGregorian, PeriodUnit::kWeek, G(2025, 3, 8));
  EXPECT_EQ(next.first, G(2025, 3, 8));
  const auto hijri =
      PeriodOf(conv, CalendarKind::kHijriUmmAlQura, PeriodUnit::kWeek, G(2025, 3, 4));
  EXPECT_EQ(hijri.label, "1446-09-01");
}

TEST(ReportPeriod, CoveringIsConsecutiveAndIndexFindsEveryDay) {
  CalendarConverter conv;
  for (CalendarKind kind :
       {CalendarKind::kGregorian, CalendarKind::kHijriUmmAlQura, CalendarKind::kJalali}) {
    for (PeriodUnit unit : {PeriodUnit::kDay, PeriodUnit::kWeek, PeriodUnit::kMonth,
                            PeriodUnit::kQuarter, PeriodUnit::kYear}) {
      const local_days from = G(2024, 11, 17);
      const local_days to = G(2026, 2, 3);
      const auto ps = PeriodsCovering(conv, kind, unit, from, to);
      ASSERT_FALSE(ps.empty());
      EXPECT_LE(ps.front().first, from);
      EXPECT_GE(ps.back().end, to);
      for (std::size_t i = 1; i < ps.size(); ++i) EXPECT_EQ(ps[i].first, ps[i - 1].end);
      for (local_days d = from; d < to; d += days{1}) {
        const auto i = PeriodIndex(ps, d);
        ASSERT_TRUE(i) << ToString(unit);
        EXPECT_EQ(ps[*i], PeriodOf(conv, kind, unit, d));
      }
      EXPECT_FALSE(PeriodIndex(ps, ps.front().first - days{1}));
      EXPECT_FALSE(PeriodIndex(ps, ps.back().end));
    }
  }
}

}  // namespace
}  // namespace tawasul::domain
