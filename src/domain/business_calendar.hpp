#pragma once

#include <array>
#include <chrono>
#include <compare>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/calendar.hpp"

namespace tawasul::domain {

/// Working time on one day, wall clock, [begin, end): 0 <= begin < end <= 24h.
struct WorkInterval {
  std::chrono::minutes begin{};
  std::chrono::minutes end{};
  bool operator==(const WorkInterval&) const = default;
};

/// Working hours for each day of the week; a day with no intervals is a day off.
struct WeekHours {
  /// Indexed by std::chrono::weekday::c_encoding(): Sunday = 0 … Saturday = 6.
  std::array<std::vector<WorkInterval>, 7> days;

  const std::vector<WorkInterval>& On(std::chrono::weekday d) const { return days[d.c_encoding()]; }
  /// Sets the same `hours` on each of `weekdays`; returns *this for chaining.
  WeekHours& Set(std::initializer_list<std::chrono::weekday> weekdays,
                 const std::vector<WorkInterval>& hours);
  bool operator==(const WeekHours&) const = default;
};

/// A month and day in some calendar; ordered month first.
struct MonthDay {
  int month = 1;
  int day = 1;
  auto operator<=>(const MonthDay&) const = default;
};

/// Days declared in one calendar: `first`..`last` (inclusive, same year) of every year of
/// `calendar`, or of `year` only. A rule stays in the calendar it was declared in, so "10–12
/// Dhu al-Hijjah" moves through the Gregorian year by itself. Days a year lacks (30 Esfand in a
/// common Jalali year, 30 Ramadan when Umm al-Qura gives it 29 days) are simply not part of
/// that year's span. Spans across a year end are written as two rules.
struct DateRule {
  std::string name;
  CalendarKind calendar = CalendarKind::kGregorian;
  std::optional<int> year;  ///< absent: every year; present: that year only (a one-off)
  MonthDay first;
  MonthDay last;
  bool operator==(const DateRule&) const = default;
};

/// Different hours during a period, e.g. Ramadan: on the period's days `hours` replace the
/// normal week (days off included). Holidays still win.
struct HoursPeriod {
  DateRule dates;
  WeekHours hours;
  bool operator==(const HoursPeriod&) const = default;
};

/// What an administrator configures; checked by BusinessCalendar::Make.
struct BusinessCalendarSpec {
  std::string time_zone = "UTC";  ///< IANA name, e.g. "Asia/Riyadh", "Asia/Tehran"
  WeekHours week;
  std::vector<DateRule> holidays;
  std::vector<HoursPeriod> periods;  ///< first matching period wins
  bool operator==(const BusinessCalendarSpec&) const = default;
};

/// A checked business calendar: working hours by weekday in a time zone, holidays, and periods
/// of different hours. Immutable; safe to share between threads.
class BusinessCalendar {
 public:
  /// Errors name the field, e.g. "time_zone", "week", "week.thursday[0].end",
  /// "holidays[2].first.day", "periods[0].hours.friday[1].begin".
  static Result<BusinessCalendar> Make(BusinessCalendarSpec spec);
  /// Every minute of every day is working time (the contact center itself).
  static BusinessCalendar AlwaysOpen(TimeZone zone = TimeZone());

  const BusinessCalendarSpec& spec() const { return spec_; }
  const TimeZone& zone() const { return zone_; }
  /// True when no day can have a minute off: business time is plain elapsed time.
  bool always_open() const { return always_open_; }

  /// Working hours on the local day `gregorian` (empty on a holiday or a day off).
  std::vector<WorkInterval> HoursOn(CivilDate gregorian) const;
  bool IsHoliday(CivilDate gregorian) const;

  bool operator==(const BusinessCalendar& other) const { return spec_ == other.spec_; }

 private:
  friend class BusinessDayWalker;
  BusinessCalendar(BusinessCalendarSpec spec, TimeZone zone);

  BusinessCalendarSpec spec_;
  TimeZone zone_;
  bool always_open_ = false;
  bool uses_hijri_ = false;
  bool uses_jalali_ = false;
};

/// Walks local days forward, telling each day's working hours. It converts the first day into
/// Hijri and Jalali once and then steps each calendar's date by itself, so a walk of N days
/// costs N small steps and one ICU call per month, not N conversions. Not thread-safe.
class BusinessDayWalker {
 public:
  BusinessDayWalker(const BusinessCalendar& calendar, std::chrono::local_days first);
  BusinessDayWalker(const BusinessDayWalker&) = delete;
  BusinessDayWalker& operator=(const BusinessDayWalker&) = delete;

  std::chrono::local_days day() const { return day_; }
  bool holiday() const { return holiday_; }
  /// This day's working hours, sorted; empty on a holiday or day off. Valid until Next().
  const std::vector<WorkInterval>& hours() const { return *hours_; }
  void Next();

 private:
  struct Stepper {
    CivilDate date;
    int month_length = 0;
  };
  void Step(CalendarKind kind, Stepper& s);
  void Resolve();
  bool Matches(const DateRule& rule) const;

  const BusinessCalendar* calendar_;
  CalendarConverter converter_;
  std::chrono::local_days day_;
  CivilDate gregorian_;
  Stepper hijri_;
  Stepper jalali_;
  bool holiday_ = false;
  const std::vector<WorkInterval> no_hours_;
  const std::vector<WorkInterval>* hours_ = &no_hours_;
};

}  // namespace tawasul::domain
