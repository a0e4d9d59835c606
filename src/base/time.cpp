#include "base/time.hpp"

#include <cstdio>

namespace tawasul::base {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::minutes;
using std::chrono::seconds;

/// Reads exactly `width` ASCII digits at `pos`; a strict reader, since the formats accepted
/// here are fixed-width and a sign or space inside a field means the text is not RFC 3339.
std::optional<int> ReadDigits(std::string_view text, std::size_t pos, std::size_t width) {
  if (text.size() < pos + width) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool CharAt(std::string_view text, std::size_t pos, char expected) {
  return pos < text.size() && text[pos] == expected;
}

}  // namespace

std::string FormatRfc3339(Time t) {
  const auto day = std::chrono::floor<days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss<microseconds> hms{t - day};
  // Room for a 5-digit year with sign and every field; snprintf keeps it free of locales.
  char buf[48];
  int n =
      std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()),
                    static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                    static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                    static_cast<int>(hms.seconds().count()));
  std::string out(buf, static_cast<std::size_t>(n));
  if (const auto us = hms.subseconds().count(); us != 0) {
    n = std::snprintf(buf, sizeof buf, ".%06d", static_cast<int>(us));
    out.append(buf, static_cast<std::size_t>(n));
  }
  out.push_back('Z');
  return out;
}

std::optional<Time> ParseRfc3339(std::string_view text) {
  // full-date = YYYY "-" MM "-" DD
  const auto year = ReadDigits(text, 0, 4);
  const auto month = ReadDigits(text, 5, 2);
  const auto day = ReadDigits(text, 8, 2);
  if (!year || !month || !day || !CharAt(text, 4, '-') || !CharAt(text, 7, '-')) {
    return std::nullopt;
  }
  // year_month_day::ok() knows month lengths and leap years, so Feb 30 and Feb 29 2027 fail.
  const std::chrono::year_month_day ymd{std::chrono::year{*year},
                                        std::chrono::month{static_cast<unsigned>(*month)},
                                        std::chrono::day{static_cast<unsigned>(*day)}};
  if (!ymd.ok()) return std::nullopt;
  const Time midnight{std::chrono::sys_days{ymd}};
  if (text.size() == 10) return midnight;

  // RFC 3339 lets "T" be lower case and, in its note on readability, a space.
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
  const auto hour = ReadDigits(text, 11, 2);
  const auto minute = ReadDigits(text, 14, 2);
  const auto second = ReadDigits(text, 17, 2);
  if (!hour || !minute || !second || !CharAt(text, 13, ':') || !CharAt(text, 16, ':')) {
    return std::nullopt;
  }
  // A leap second (":60") has no place on a std::chrono::sys_time line; refuse it rather than
  // silently shift it into the next minute.
  if (*hour > 23 || *minute > 59 || *second > 59) return std::nullopt;

  std::size_t pos = 19;
  std::int64_t fraction_us = 0;
  if (CharAt(text, pos, '.')) {
    ++pos;
    const std::size_t start = pos;
    std::int64_t scale = 100000;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      // Digits past the sixth are below our precision and are truncated.
      fraction_us += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }

  microseconds offset{0};
  if (CharAt(text, pos, 'Z') || CharAt(text, pos, 'z')) {
    ++pos;
  } else if (CharAt(text, pos, '+') || CharAt(text, pos, '-')) {
    const bool negative = text[pos] == '-';
    const auto off_hour = ReadDigits(text, pos + 1, 2);
    const auto off_minute = ReadDigits(text, pos + 4, 2);
    if (!off_hour || !off_minute || !CharAt(text, pos + 3, ':') || *off_hour > 23 ||
        *off_minute > 59) {
      return std::nullopt;
    }
    offset = hours{*off_hour} + minutes{*off_minute};
    if (negative) offset = -offset;
    pos += 6;
  } else {
    return std::nullopt;  // RFC 3339 requires a time zone; a local time is ambiguous
  }
  if (pos != text.size()) return std::nullopt;

  // Local time minus its offset is UTC: 12:00+03:30 is 08:30Z.
  return midnight + hours{*hour} + minutes{*minute} + seconds{*second} + microseconds{fraction_us} -
         offset;
}

}  // namespace tawasul::base
