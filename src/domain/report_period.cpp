#include "domain/report_period.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace tawasul::domain {

namespace {

using std::chrono::days;
using std::chrono::local_days;

std::string Pad(int v, int width) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*d", width, v);
  return buf;
}

std::string DateLabel(CivilDate d) {
  return Pad(d.year, 4) + "-" + Pad(d.month, 2) + "-" + Pad(d.day, 2);
}

local_days DaysOf(CalendarConverter& conv, CalendarKind kind, CivilDate date) {
  auto r = conv.ToDays(kind, date);
  if (!r) throw std::invalid_argument("report period: date out of range");
  return *r;
}

/// The first day of month `month` (may be 13: the next year's first) of `year`.
local_days MonthStart(CalendarConverter& conv, CalendarKind kind, int year, int month) {
  while (month > 12) {
    month -= 12;
    ++year;
  }
  return DaysOf(conv, kind, CivilDate{year, month, 1});
}

}  // namespace

std::string_view ToString(PeriodUnit v) {
  switch (v) {
    case PeriodUnit::kDay:
      return "day";
    case PeriodUnit::kWeek:
      return "week";
    case PeriodUnit::kMonth:
      return "month";
    case PeriodUnit::kQuarter:
      return "quarter";
    case PeriodUnit::kYear:
      return "year";
  }
  return "day";
}

std::optional<PeriodUnit> ParsePeriodUnit(std::string_view s) {
  for (PeriodUnit u : {PeriodUnit::kDay, PeriodUnit::kWeek, PeriodUnit::kMonth,
                       PeriodUnit::kQuarter, PeriodUnit::kYear}) {
    if (ToString(u) == s) return u;
  }
  return std::nullopt;
}

std::optional<CalendarKind> ParseReportCalendar(std::string_view s) {
  if (s == "hijri") return CalendarKind::kHijriUmmAlQura;
  return ParseCalendarKind(s);
}

ReportPeriod PeriodOf(CalendarConverter& conv, CalendarKind kind, PeriodUnit unit, local_days day) {
  const CivilDate c = conv.FromDays(kind, day);
  switch (unit) {
    case PeriodUnit::kDay:
      return ReportPeriod{DateLabel(c), day, day + days{1}};
    case PeriodUnit::kWeek: {
      // weekday: 0 = Sunday ... 6 = Saturday; Saturday starts the week.
      const unsigned wd =
          std::chrono::weekday(std::chrono::sys_days(day.time_since_epoch())).c_encoding();
      const local_days first = day - days{(wd + 1) % 7};
      return ReportPeriod{DateLabel(conv.FromDays(kind, first)), first, first + days{7}};
    }
    case PeriodUnit::kMonth:
      return ReportPeriod{Pad(c.year, 4) + "-" + Pad(c.month, 2),
                          MonthStart(conv, kind, c.year, c.month),
                          MonthStart(conv, kind, c.year, c.month + 1)};
    case PeriodUnit::kQuarter: {
      const int q = (c.month - 1) / 3;
      return ReportPeriod{Pad(c.year, 4) + "-Q" + std::to_string(q + 1),
                          MonthStart(conv, kind, c.year, q * 3 + 1),
                          MonthStart(conv, kind, c.year, q * 3 + 4)};
    }
    case PeriodUnit::kYear:
      return ReportPeriod{Pad(c.year, 4), MonthStart(conv, kind, c.year, 1),
                          MonthStart(conv, kind, c.year + 1, 1)};
  }
  throw std::logic_error("unknown period unit");
}

std::vector<ReportPeriod> PeriodsCovering(CalendarConverter& conv, CalendarKind kind,
                                          PeriodUnit unit, local_days from, local_days to) {
  std::vector<ReportPeriod> out;
  for (local_days day = from; day < to;) {
    out.push_back(PeriodOf(conv, kind, unit, day));
    day = out.back().end;
  }
  return out;
}

std::optional<std::size_t> PeriodIndex(const std::vector<ReportPeriod>& periods, local_days day) {
  auto it = std::upper_bound(periods.begin(), periods.end(), day,
                             [](local_days d, const ReportPeriod& p) { return d < p.first; });
  if (it == periods.begin()) return std::nullopt;
  --it;
  if (day >= it->end) return std::nullopt;
  return static_cast<std::size_t>(it - periods.begin());
}

}  // namespace tawasul::domain
