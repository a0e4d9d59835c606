#pragma once

#include <chrono>
#include <compare>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"

namespace tawasul::domain {

using base::Result;
using base::Status;
using base::Time;

/// The calendars dates are written in. Hijri is the Umm al-Qura table (Saudi Arabia's official
/// calendar, as ICU 72 ships it); Jalali is the Solar Hijri calendar of Iran (ICU's `persian`).
/// Lunar dates announced by sighting elsewhere (Oman, Iran) can differ by a day: write those
/// holidays as one-off dates in the calendar they are announced in.
enum class CalendarKind { kGregorian, kHijriUmmAlQura, kJalali };

/// Wire names: "gregorian", "hijri_umalqura", "jalali".
std::string_view ToString(CalendarKind v);
std::optional<CalendarKind> ParseCalendarKind(std::string_view s);

/// A day in some calendar; which one is told beside it. Months and days count from 1.
struct CivilDate {
  int year = 1970;
  int month = 1;
  int day = 1;
  auto operator<=>(const CivilDate&) const = default;
};

/// Years accepted in every calendar; outside this range a date is an error, not a guess.
inline constexpr int kMinYear = 1;
inline constexpr int kMaxYear = 9999;

/// Checks `date` in `kind`: month 1..12, day within that month of that year (30 Esfand only in
/// Jalali leap years, 30 of a Hijri month only where Umm al-Qura has it). The error names the
/// field: "year", "month" or "day".
Status ValidateDate(CalendarKind kind, CivilDate date);

/// Days in `month` of `year` of `kind`; `month` must be 1..12 and `year` in range.
int MonthLength(CalendarKind kind, int year, int month);

/// The Gregorian date of `date` written in `kind`; an Error naming the field when invalid.
Result<CivilDate> ToGregorian(CalendarKind kind, CivilDate date);
/// `gregorian` written in `kind`. A precondition (a bug if broken, so it throws
/// std::invalid_argument): `gregorian` is a valid Gregorian date in range.
CivilDate FromGregorian(CalendarKind kind, CivilDate gregorian);

/// Proleptic Gregorian dates as day counts (std::chrono, no Julian switch as in ICU's
/// "gregorian"). Local days: a date names a day wherever the reader is.
std::chrono::local_days ToLocalDays(CivilDate gregorian);
CivilDate FromLocalDays(std::chrono::local_days day);

/// Converts dates with ICU calendars kept per thread (made on first use), so converters are cheap
/// to make; one converter is for one thread. Month lengths and recent day conversions are
/// remembered per thread: ICU's answers never change within a process.
class CalendarConverter {
 public:
  CalendarConverter();
  ~CalendarConverter();
  CalendarConverter(CalendarConverter&&) noexcept;
  CalendarConverter& operator=(CalendarConverter&&) noexcept;
  CalendarConverter(const CalendarConverter&) = delete;
  CalendarConverter& operator=(const CalendarConverter&) = delete;

  Status Validate(CalendarKind kind, CivilDate date);
  Result<std::chrono::local_days> ToDays(CalendarKind kind, CivilDate date);
  /// The date of `day` in `kind`.
  CivilDate FromDays(CalendarKind kind, std::chrono::local_days day);
  int MonthLength(CalendarKind kind, int year, int month);

 private:
  CivilDate IcuFromDays(CalendarKind kind, std::chrono::local_days day);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// An IANA time zone (ICU's copy of the tz database: 2022e in Debian 12's ICU 72, which has
/// Iran's end of daylight saving in 2022). Immutable and safe to share between threads.
/// Equal when the names are equal.
class TimeZone {
 public:
  /// UTC.
  TimeZone();
  /// An Error with field "time_zone" when ICU does not know `iana_id`.
  static Result<TimeZone> Make(std::string_view iana_id);

  const std::string& id() const { return id_; }

  /// The UTC offset in force at `t`.
  std::chrono::seconds OffsetAt(Time t) const;
  /// Wall-clock time at `t`.
  std::chrono::local_time<std::chrono::microseconds> ToLocal(Time t) const;
  /// The instant a wall-clock time names. A time skipped by a clock moving forward is read
  /// with the offset before the change (so it lands as much later as the gap is long); a
  /// repeated time is the first of the two.
  Time ToInstant(std::chrono::local_time<std::chrono::microseconds> local) const;
  /// The offset in force at `from`, then every change of it before `to`: (instant, offset from
  /// then on), in time order. Report aggregates store this to bucket requests by local day.
  std::vector<std::pair<Time, std::chrono::seconds>> OffsetChanges(Time from, Time to) const;

  bool operator==(const TimeZone& other) const { return id_ == other.id_; }

 private:
  struct Impl;
  TimeZone(std::string id, std::shared_ptr<const Impl> impl);
  static std::shared_ptr<const Impl> Load(std::string_view iana_id);

  std::string id_;
  std::shared_ptr<const Impl> impl_;
};

/// The local date of `t` in `zone`, written in `kind`.
CivilDate LocalDateOf(const TimeZone& zone, Time t, CalendarKind kind = CalendarKind::kGregorian);

/// The instant of wall-clock `time_of_day` (0..24h; 24h is the next midnight) on `date`
/// (written in `kind`) in `zone`. Errors name "year", "month", "day" or "time_of_day".
Result<Time> InstantOf(const TimeZone& zone, CalendarKind kind, CivilDate date,
                       std::chrono::minutes time_of_day);

}  // namespace tawasul::domain
