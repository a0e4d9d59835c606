#include "domain/business_calendar.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace tawasul::domain {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

constexpr const char* kWeekdayNames[7] = {"sunday",   "monday", "tuesday", "wednesday",
                                          "thursday", "friday", "saturday"};

std::string Indexed(const std::string& field, std::size_t i) {
  return field + "[" + std::to_string(i) + "]";
}

/// Checks one day's intervals, then sorts them and joins intervals that touch.
Status CheckDayHours(std::vector<WorkInterval>& day, const std::string& field) {
  for (std::size_t i = 0; i < day.size(); ++i) {
    const WorkInterval& w = day[i];
    if (w.begin < minutes(0) || w.begin >= hours(24)) {
      return base::Invalid(Indexed(field, i) + ".begin", "an interval begins outside 00:00..23:59");
    }
    if (w.end <= w.begin || w.end > hours(24)) {
      return base::Invalid(Indexed(field, i) + ".end",
                           "an interval ends before it begins or after 24:00");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (w.begin < day[j].end && day[j].begin < w.end) {
        return base::Invalid(Indexed(field, i), "overlaps interval " + std::to_string(j));
      }
    }
  }
  std::sort(day.begin(), day.end(),
            [](const WorkInterval& a, const WorkInterval& b) { return a.begin < b.begin; });
  std::vector<WorkInterval> joined;
  for (const WorkInterval& w : day) {
    if (!joined.empty() && joined.back().end == w.begin) {
      joined.back().end = w.end;
    } else {
      joined.push_back(w);
    }
  }
  day = std::move(joined);
  return base::Ok{};
}

Status CheckWeek(WeekHours& week, const std::string& field) {
  for (std::size_t d = 0; d < 7; ++d) {
    if (Status s = CheckDayHours(week.days[d], field + "." + kWeekdayNames[d]); !s) return s;
  }
  return base::Ok{};
}

/// The most days `month` can have in any year of `kind`.
int MaxMonthLength(CalendarKind kind, int month) {
  switch (kind) {
    case CalendarKind::kGregorian: {
      constexpr int kDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      return kDays[month - 1];
    }
    case CalendarKind::kHijriUmmAlQura:
      return 30;
    case CalendarKind::kJalali:
      return month <= 6 ? 31 : 30;
  }
  return 0;
}

Status CheckMonthDay(CalendarKind kind, MonthDay md, const std::string& field) {
  if (md.month < 1 || md.month > 12) {
    return base::Invalid(field + ".month",
                         "month " + std::to_string(md.month) + " is outside 1..12");
  }
  if (md.day < 1 || md.day > MaxMonthLength(kind, md.month)) {
    return base::Invalid(field + ".day", "day " + std::to_string(md.day) +
                                             " never exists in month " + std::to_string(md.month) +
                                             " (" + std::string(ToString(kind)) + ")");
  }
  return base::Ok{};
}

Status CheckRule(const DateRule& rule, const std::string& field, CalendarConverter& converter) {
  if (ToString(rule.calendar).empty())
    return base::Invalid(field + ".calendar", "unknown calendar");
  if (Status s = CheckMonthDay(rule.calendar, rule.first, field + ".first"); !s) return s;
  if (Status s = CheckMonthDay(rule.calendar, rule.last, field + ".last"); !s) return s;
  if (rule.last < rule.first) {
    return base::Invalid(field + ".last",
                         "the last day is before the first; write a span across a year end as two "
                         "rules");
  }
  if (rule.year) {
    // A one-off names real days: each end must exist in that year.
    for (const auto& [end, name] :
         {std::pair{rule.first, ".first"}, std::pair{rule.last, ".last"}}) {
      Status s = converter.Validate(rule.calendar, CivilDate{*rule.year, end.month, end.day});
      if (!s) {
        const std::string sub =
            s.error().field == "year" ? ".year" : name + ("." + s.error().field);
        return base::Invalid(field + sub, s.error().message);
      }
    }
  }
  return base::Ok{};
}

bool IsAllDay(const std::vector<WorkInterval>& day) {
  return day.size() == 1 && day[0].begin == minutes(0) && day[0].end == hours(24);
}

}  // namespace

WeekHours& WeekHours::Set(std::initializer_list<std::chrono::weekday> weekdays,
                          const std::vector<WorkInterval>& hours) {
  for (const std::chrono::weekday d : weekdays) days[d.c_encoding()] = hours;
  return *this;
}

BusinessCalendar::BusinessCalendar(BusinessCalendarSpec spec, TimeZone zone)
    : spec_(std::move(spec)), zone_(std::move(zone)) {
  always_open_ = spec_.holidays.empty() && spec_.periods.empty() &&
                 std::all_of(spec_.week.days.begin(), spec_.week.days.end(), IsAllDay);
  const auto uses = [this](CalendarKind kind) {
    return std::any_of(spec_.holidays.begin(), spec_.holidays.end(),
                       [kind](const DateRule& r) { return r.calendar == kind; }) ||
           std::any_of(spec_.periods.begin(), spec_.periods.end(),
                       [kind](const HoursPeriod& p) { return p.dates.calendar == kind; });
  };
  uses_hijri_ = uses(CalendarKind::kHijriUmmAlQura);
  uses_jalali_ = uses(CalendarKind::kJalali);
}

Result<BusinessCalendar> BusinessCalendar::Make(BusinessCalendarSpec spec) {
  Result<TimeZone> zone = TimeZone::Make(spec.time_zone);
  if (!zone) return zone.error();
  if (Status s = CheckWeek(spec.week, "week"); !s) return s.error();
  if (std::all_of(spec.week.days.begin(), spec.week.days.end(),
                  [](const std::vector<WorkInterval>& d) { return d.empty(); })) {
    return base::Invalid("week", "the week has no working hours, so no due time would ever come");
  }
  CalendarConverter converter;
  for (std::size_t i = 0; i < spec.holidays.size(); ++i) {
    if (Status s = CheckRule(spec.holidays[i], Indexed("holidays", i), converter); !s) {
      return s.error();
    }
  }
  for (std::size_t i = 0; i < spec.periods.size(); ++i) {
    const std::string field = Indexed("periods", i);
    if (Status s = CheckRule(spec.periods[i].dates, field + ".dates", converter); !s)
      return s.error();
    if (Status s = CheckWeek(spec.periods[i].hours, field + ".hours"); !s) return s.error();
  }
  return BusinessCalendar(std::move(spec), std::move(*zone));
}

BusinessCalendar BusinessCalendar::AlwaysOpen(TimeZone zone) {
  BusinessCalendarSpec spec;
  spec.time_zone = zone.id();
  for (std::vector<WorkInterval>& day : spec.week.days) day = {WorkInterval{minutes(0), hours(24)}};
  return BusinessCalendar(std::move(spec), std::move(zone));
}

std::vector<WorkInterval> BusinessCalendar::HoursOn(CivilDate gregorian) const {
  const BusinessDayWalker walker(*this, ToLocalDays(gregorian));
  return walker.hours();
}

bool BusinessCalendar::IsHoliday(CivilDate gregorian) const {
  return BusinessDayWalker(*this, ToLocalDays(gregorian)).holiday();
}

// ---------------------------------------------------------------------------------------------
// BusinessDayWalker

BusinessDayWalker::BusinessDayWalker(const BusinessCalendar& calendar,
                                     std::chrono::local_days first)
    : calendar_(&calendar), day_(first), gregorian_(FromLocalDays(first)) {
  const auto start = [&](CalendarKind kind, Stepper& s) {
    s.date = converter_.FromDays(kind, first);
    s.month_length = converter_.MonthLength(kind, s.date.year, s.date.month);
  };
  if (calendar_->uses_hijri_) start(CalendarKind::kHijriUmmAlQura, hijri_);
  if (calendar_->uses_jalali_) start(CalendarKind::kJalali, jalali_);
  Resolve();
}

void BusinessDayWalker::Step(CalendarKind kind, Stepper& s) {
  if (++s.date.day <= s.month_length) return;
  s.date.day = 1;
  if (++s.date.month > 12) {
    s.date.month = 1;
    ++s.date.year;
  }
  s.month_length = converter_.MonthLength(kind, s.date.year, s.date.month);
}

void BusinessDayWalker::Next() {
  day_ += std::chrono::days(1);
  gregorian_ = FromLocalDays(day_);
  if (calendar_->uses_hijri_) Step(CalendarKind::kHijriUmmAlQura, hijri_);
  if (calendar_->uses_jalali_) Step(CalendarKind::kJalali, jalali_);
  Resolve();
}

bool BusinessDayWalker::Matches(const DateRule& rule) const {
  CivilDate date;
  switch (rule.calendar) {
    case CalendarKind::kGregorian:
      date = gregorian_;
      break;
    case CalendarKind::kHijriUmmAlQura:
      date = hijri_.date;
      break;
    case CalendarKind::kJalali:
      date = jalali_.date;
      break;
  }
  if (rule.year && *rule.year != date.year) return false;
  const MonthDay md{date.month, date.day};
  return rule.first <= md && md <= rule.last;
}

void BusinessDayWalker::Resolve() {
  const BusinessCalendarSpec& spec = calendar_->spec_;
  holiday_ = std::any_of(spec.holidays.begin(), spec.holidays.end(),
                         [this](const DateRule& r) { return Matches(r); });
  if (holiday_) {
    hours_ = &no_hours_;
    return;
  }
  const std::chrono::weekday weekday(day_);
  for (const HoursPeriod& period : spec.periods) {
    if (Matches(period.dates)) {
      hours_ = &period.hours.On(weekday);
      return;
    }
  }
  hours_ = &spec.week.On(weekday);
}

}  // namespace tawasul::domain
