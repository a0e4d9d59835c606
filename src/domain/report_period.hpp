#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"

namespace tawasul::domain {

/// The length of a report's period. Months, quarters and years are the chosen calendar's own
/// (a Hijri month runs from its 1st to the next month's 1st, 29 or 30 days); weeks start on
/// Saturday, the first working day in the countries the product serves.
enum class PeriodUnit { kDay, kWeek, kMonth, kQuarter, kYear };

/// Wire names: "day", "week", "month", "quarter", "year".
std::string_view ToString(PeriodUnit v);
std::optional<PeriodUnit> ParsePeriodUnit(std::string_view s);

/// Report calendars on the wire: "gregorian", "hijri" (also "hijri_umalqura") and "jalali".
std::optional<CalendarKind> ParseReportCalendar(std::string_view s);

/// One period of local days [first, end).
struct ReportPeriod {
  /// In the period's calendar: day "1446-09-01", week its Saturday "1446-08-27",
  /// month "1446-09", quarter "1446-Q3", year "1446".
  std::string label;
  std::chrono::local_days first;
  std::chrono::local_days end;  ///< exclusive
  bool operator==(const ReportPeriod&) const = default;
};

/// The period of `unit` in `kind` that holds `day`.
ReportPeriod PeriodOf(CalendarConverter& conv, CalendarKind kind, PeriodUnit unit,
                      std::chrono::local_days day);

/// The consecutive periods covering the days [from, to) (to exclusive), in order; the first
/// and last may reach outside the range (they are whole periods). Empty when from >= to.
std::vector<ReportPeriod> PeriodsCovering(CalendarConverter& conv, CalendarKind kind,
                                          PeriodUnit unit, std::chrono::local_days from,
                                          std::chrono::local_days to);

/// The index of the period in `periods` (sorted, consecutive) holding `day`; nullopt outside.
std::optional<std::size_t> PeriodIndex(const std::vector<ReportPeriod>& periods,
                                       std::chrono::local_days day);

}  // namespace tawasul::domain
