#include "domain/calendar.hpp"

#include <unicode/basictz.h>
#include <unicode/tztrans.h>
#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>

namespace tawasul::domain {
namespace {

using std::chrono::days;
using std::chrono::local_days;
using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::minutes;

constexpr double kMillisPerDay = 86'400'000.0;

/// ICU 72 reads plain "ar-SA" as Umm al-Qura but newer ICUs read it as Gregorian, so the
/// calendar is always spelled out in the tag.
struct IcuCalendarSpec {
  const char* tag;
  const char* type;  ///< what Calendar::getType() must answer
};

IcuCalendarSpec SpecFor(CalendarKind kind) {
  switch (kind) {
    case CalendarKind::kHijriUmmAlQura:
      return {"ar-SA-u-ca-islamic-umalqura", "islamic-umalqura"};
    case CalendarKind::kJalali:
      return {"fa-IR-u-ca-persian", "persian"};
    case CalendarKind::kGregorian:
      break;
  }
  throw std::logic_error("no ICU calendar is used for this calendar kind");
}

std::unique_ptr<icu::Calendar> MakeIcuCalendar(CalendarKind kind) {
  const IcuCalendarSpec spec = SpecFor(kind);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale = icu::Locale::forLanguageTag(spec.tag, status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU rejects locale ") + spec.tag);
  // Day counts go through UTC midnights, so the calendar's own zone is always GMT.
  std::unique_ptr<icu::Calendar> calendar(
      icu::Calendar::createInstance(*icu::TimeZone::getGMT(), locale, status));
  if (U_FAILURE(status) || calendar == nullptr ||
      std::strcmp(calendar->getType(), spec.type) != 0) {
    throw std::runtime_error(std::string("ICU has no ") + spec.type + " calendar");
  }
  return calendar;
}

std::string KindLabel(CalendarKind kind) { return std::string(ToString(kind)); }

bool GregorianOk(CivilDate d) {
  return d.year >= kMinYear && d.year <= kMaxYear && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= 31 &&
         std::chrono::year_month_day(std::chrono::year(d.year),
                                     std::chrono::month(static_cast<unsigned>(d.month)),
                                     std::chrono::day(static_cast<unsigned>(d.day)))
             .ok();
}

}  // namespace

std::string_view ToString(CalendarKind v) {
  switch (v) {
    case CalendarKind::kGregorian:
      return "gregorian";
    case CalendarKind::kHijriUmmAlQura:
      return "hijri_umalqura";
    case CalendarKind::kJalali:
      return "jalali";
  }
  return {};
}

std::optional<CalendarKind> ParseCalendarKind(std::string_view s) {
  for (const CalendarKind k :
       {CalendarKind::kGregorian, CalendarKind::kHijriUmmAlQura, CalendarKind::kJalali}) {
    if (ToString(k) == s) return k;
  }
  return std::nullopt;
}

std::chrono::local_days ToLocalDays(CivilDate g) {
  return local_days(std::chrono::year_month_day(std::chrono::year(g.year),
                                                std::chrono::month(static_cast<unsigned>(g.month)),
                                                std::chrono::day(static_cast<unsigned>(g.day))));
}

CivilDate FromLocalDays(std::chrono::local_days day) {
  const std::chrono::year_month_day ymd(day);
  return CivilDate{static_cast<int>(ymd.year()), static_cast<int>(unsigned(ymd.month())),
                   static_cast<int>(unsigned(ymd.day()))};
}

// ---------------------------------------------------------------------------------------------
// CalendarConverter

struct CalendarConverter::Impl {
  /// One ICU calendar of each kind per thread, shared by every converter on it: making one (locale
  /// and service lookups, the Umm al-Qura tables) and freeing it cost far more than a conversion,
  /// and converters are made per request (SLA clocks, report periods). Safe because every use
  /// below sets all the state it then reads, with nothing in between.
  static icu::Calendar& Get(CalendarKind kind) {
    thread_local std::unique_ptr<icu::Calendar> hijri;
    thread_local std::unique_ptr<icu::Calendar> jalali;
    std::unique_ptr<icu::Calendar>& slot = kind == CalendarKind::kJalali ? jalali : hijri;
    if (slot == nullptr) slot = MakeIcuCalendar(kind);
    return *slot;
  }

  /// Lenient ICU arithmetic: the caller has checked the fields, or wants the overflow.
  local_days RawToDays(CalendarKind kind, int year, int month, int day) {
    if (kind == CalendarKind::kGregorian) return ToLocalDays(CivilDate{year, month, day});
    icu::Calendar& cal = Get(kind);
    cal.clear();
    cal.set(year, month - 1, day);
    UErrorCode status = U_ZERO_ERROR;
    const UDate ms = cal.getTime(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU cannot convert a date");
    return local_days(days(static_cast<std::int64_t>(std::floor(ms / kMillisPerDay))));
  }

  int MonthLength(CalendarKind kind, int year, int month) {
    // A month's length never changes within a process (one ICU): each is asked of ICU once per
    // thread. SLA clocks walk business days from month to month for every request they show.
    thread_local std::map<std::tuple<CalendarKind, int, int>, int> known;
    const auto key = std::make_tuple(kind, year, month);
    if (auto it = known.find(key); it != known.end()) return it->second;
    const int length = ComputeMonthLength(kind, year, month);
    known.emplace(key, length);
    return length;
  }

  int ComputeMonthLength(CalendarKind kind, int year, int month) {
    if (kind == CalendarKind::kGregorian) {
      const std::chrono::year_month_day_last last(
          std::chrono::year(year),
          std::chrono::month_day_last(std::chrono::month(static_cast<unsigned>(month))));
      return static_cast<int>(unsigned(last.day()));
    }
    const local_days first = RawToDays(kind, year, month, 1);
    const local_days next =
        month == 12 ? RawToDays(kind, year + 1, 1, 1) : RawToDays(kind, year, month + 1, 1);
    return static_cast<int>((next - first).count());
  }
};

CalendarConverter::CalendarConverter() : impl_(std::make_unique<Impl>()) {}
CalendarConverter::~CalendarConverter() = default;
CalendarConverter::CalendarConverter(CalendarConverter&&) noexcept = default;
CalendarConverter& CalendarConverter::operator=(CalendarConverter&&) noexcept = default;

Status CalendarConverter::Validate(CalendarKind kind, CivilDate date) {
  if (date.year < kMinYear || date.year > kMaxYear) {
    return base::Invalid("year", "year " + std::to_string(date.year) + " is outside " +
                                     std::to_string(kMinYear) + ".." + std::to_string(kMaxYear));
  }
  if (date.month < 1 || date.month > 12) {
    return base::Invalid("month", "month " + std::to_string(date.month) + " is outside 1..12");
  }
  const int length = impl_->MonthLength(kind, date.year, date.month);
  if (date.day < 1 || date.day > length) {
    return base::Invalid("day", "day " + std::to_string(date.day) + " does not exist: month " +
                                    std::to_string(date.month) + " of " +
                                    std::to_string(date.year) + " (" + KindLabel(kind) + ") has " +
                                    std::to_string(length) + " days");
  }
  return base::Ok{};
}

Result<local_days> CalendarConverter::ToDays(CalendarKind kind, CivilDate date) {
  if (Status valid = Validate(kind, date); !valid) return valid.error();
  return impl_->RawToDays(kind, date.year, date.month, date.day);
}

CivilDate CalendarConverter::FromDays(CalendarKind kind, local_days day) {
  if (kind == CalendarKind::kGregorian) return FromLocalDays(day);
  // ICU 72 finds an Umm al-Qura date by summing month lengths from 1300 AH: over a thousand steps
  // per call, and every SLA clock shown starts a business-day walk with one. The days asked are
  // few (around today), so each thread keeps its answers, bounded.
  thread_local std::map<std::pair<CalendarKind, std::int64_t>, CivilDate> known;
  const auto key = std::make_pair(kind, static_cast<std::int64_t>(day.time_since_epoch().count()));
  if (auto it = known.find(key); it != known.end()) return it->second;
  if (known.size() >= 4096) known.clear();
  const CivilDate out = IcuFromDays(kind, day);
  known.emplace(key, out);
  return out;
}

CivilDate CalendarConverter::IcuFromDays(CalendarKind kind, local_days day) {
  icu::Calendar& cal = impl_->Get(kind);
  UErrorCode status = U_ZERO_ERROR;
  cal.setTime(static_cast<double>(day.time_since_epoch().count()) * kMillisPerDay, status);
  const CivilDate out{cal.get(UCAL_EXTENDED_YEAR, status), cal.get(UCAL_MONTH, status) + 1,
                      cal.get(UCAL_DATE, status)};
  if (U_FAILURE(status)) throw std::runtime_error("ICU cannot convert a day count");
  return out;
}

int CalendarConverter::MonthLength(CalendarKind kind, int year, int month) {
  if (month < 1 || month > 12 || year < kMinYear || year > kMaxYear) {
    throw std::invalid_argument("MonthLength: month or year out of range");
  }
  return impl_->MonthLength(kind, year, month);
}

Status ValidateDate(CalendarKind kind, CivilDate date) {
  return CalendarConverter().Validate(kind, date);
}

int MonthLength(CalendarKind kind, int year, int month) {
  return CalendarConverter().MonthLength(kind, year, month);
}

Result<CivilDate> ToGregorian(CalendarKind kind, CivilDate date) {
  CalendarConverter converter;
  Result<local_days> day = converter.ToDays(kind, date);
  if (!day) return day.error();
  return FromLocalDays(*day);
}

CivilDate FromGregorian(CalendarKind kind, CivilDate gregorian) {
  if (!GregorianOk(gregorian)) throw std::invalid_argument("FromGregorian: invalid Gregorian date");
  return CalendarConverter().FromDays(kind, ToLocalDays(gregorian));
}

// ---------------------------------------------------------------------------------------------
// TimeZone

struct TimeZone::Impl {
  std::unique_ptr<icu::TimeZone> zone;
  const icu::BasicTimeZone* basic = nullptr;  ///< the same object; has getOffsetFromLocal
};

std::shared_ptr<const TimeZone::Impl> TimeZone::Load(std::string_view iana_id) {
  const icu::UnicodeString id = icu::UnicodeString::fromUTF8(
      icu::StringPiece(iana_id.data(), static_cast<int32_t>(iana_id.size())));
  auto impl = std::make_shared<TimeZone::Impl>();
  impl->zone.reset(icu::TimeZone::createTimeZone(id));
  if (impl->zone == nullptr) return nullptr;
  // ICU answers an unknown name with "Etc/Unknown" (behaving as GMT) rather than failing.
  icu::UnicodeString got;
  impl->zone->getID(got);
  if (got == icu::UnicodeString(UCAL_UNKNOWN_ZONE_ID)) return nullptr;
  impl->basic = dynamic_cast<const icu::BasicTimeZone*>(impl->zone.get());
  if (impl->basic == nullptr) return nullptr;
  return impl;
}

TimeZone::TimeZone() : id_("UTC"), impl_(Load("UTC")) {
  if (impl_ == nullptr) throw std::runtime_error("ICU has no UTC time zone");
}

TimeZone::TimeZone(std::string id, std::shared_ptr<const Impl> impl)
    : id_(std::move(id)), impl_(std::move(impl)) {}

Result<TimeZone> TimeZone::Make(std::string_view iana_id) {
  if (iana_id.empty()) return base::Invalid("time_zone", "the time zone is empty");
  std::shared_ptr<const Impl> impl = Load(iana_id);
  if (impl == nullptr) {
    return base::Invalid("time_zone", "unknown time zone \"" + std::string(iana_id) + "\"");
  }
  return TimeZone(std::string(iana_id), std::move(impl));
}

std::chrono::seconds TimeZone::OffsetAt(Time t) const {
  const auto ms = std::chrono::floor<milliseconds>(t.time_since_epoch()).count();
  int32_t raw = 0;
  int32_t dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  impl_->zone->getOffset(static_cast<UDate>(ms), /*local=*/false, raw, dst, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU cannot compute a UTC offset");
  return std::chrono::duration_cast<std::chrono::seconds>(milliseconds(raw + dst));
}

std::chrono::local_time<microseconds> TimeZone::ToLocal(Time t) const {
  return std::chrono::local_time<microseconds>(t.time_since_epoch() + OffsetAt(t));
}

Time TimeZone::ToInstant(std::chrono::local_time<microseconds> local) const {
  const auto ms = std::chrono::floor<milliseconds>(local.time_since_epoch()).count();
  int32_t raw = 0;
  int32_t dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  impl_->basic->getOffsetFromLocal(static_cast<UDate>(ms), UCAL_TZ_LOCAL_FORMER,
                                   UCAL_TZ_LOCAL_FORMER, raw, dst, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU cannot resolve a local time");
  return Time(local.time_since_epoch() - milliseconds(raw + dst));
}

std::vector<std::pair<Time, std::chrono::seconds>> TimeZone::OffsetChanges(Time from,
                                                                         Time to) const {
  std::vector<std::pair<Time, std::chrono::seconds>> out{{from, OffsetAt(from)}};
  icu::TimeZoneTransition tr;
  UDate at = static_cast<UDate>(std::chrono::floor<milliseconds>(from.time_since_epoch()).count());
  const auto end = std::chrono::floor<milliseconds>(to.time_since_epoch()).count();
  // ICU steps through its rules; a transition may change only the raw/DST split (same total).
  while (impl_->basic->getNextTransition(at, /*inclusive=*/false, tr)) {
    at = tr.getTime();
    if (at >= static_cast<UDate>(end)) break;
    const Time t{milliseconds(static_cast<std::int64_t>(at))};
    const auto offset = OffsetAt(t);
    if (offset != out.back().second) out.emplace_back(t, offset);
  }
  return out;
}

CivilDate LocalDateOf(const TimeZone& zone, Time t, CalendarKind kind) {
  const local_days day = std::chrono::floor<days>(zone.ToLocal(t));
  return CalendarConverter().FromDays(kind, day);
}

Result<Time> InstantOf(const TimeZone& zone, CalendarKind kind, CivilDate date,
                       std::chrono::minutes time_of_day) {
  if (time_of_day < minutes(0) || time_of_day > std::chrono::hours(24)) {
    return base::Invalid("time_of_day", "the time of day is outside 00:00..24:00");
  }
  CalendarConverter converter;
  Result<local_days> day = converter.ToDays(kind, date);
  if (!day) return day.error();
  return zone.ToInstant(std::chrono::local_time<microseconds>(*day + time_of_day));
}

}  // namespace tawasul::domain
