#include "base/time.hpp"

#include <gtest/gtest.h>

namespace tawasul::base {
namespace {

using namespace std::chrono_literals;
using std::chrono::November;
using std::chrono::sys_days;

/// 2026-11-24T08:30:00Z, the instant most cases below write in different ways.
Time Reference() { return Time{sys_days{2026y / November / 24} + 8h + 30min}; }

TEST(FormatRfc3339, WritesUtcWithZ) {
  EXPECT_EQ(FormatRfc3339(Reference()), "2026-11-24T08:30:00Z");
  EXPECT_EQ(FormatRfc3339(FromMicros(0)), "1970-01-01T00:00:00Z");
}

TEST(FormatRfc3339, WritesTheFractionOnlyWhenNonZero) {
  EXPECT_EQ(FormatRfc3339(Reference() + 123456us), "2026-11-24T08:30:00.123456Z");
  EXPECT_EQ(FormatRfc3339(Reference() + 500ms), "2026-11-24T08:30:00.500000Z");
  EXPECT_EQ(FormatRfc3339(Reference() + 1us), "2026-11-24T08:30:00.000001Z");
}

TEST(FormatRfc3339, HandlesInstantsBeforeTheEpoch) {
  EXPECT_EQ(FormatRfc3339(FromMicros(-1)), "1969-12-31T23:59:59.999999Z");
}

TEST(ParseRfc3339, ReadsUtc) {
  EXPECT_EQ(ParseRfc3339("2026-11-24T08:30:00Z"), Reference());
  EXPECT_EQ(ParseRfc3339("2026-11-24t08:30:00z"), Reference());
  EXPECT_EQ(ParseRfc3339("2026-11-24 08:30:00Z"), Reference());
}

TEST(ParseRfc3339, ReadsFractionalSeconds) {
  EXPECT_EQ(ParseRfc3339("2026-11-24T08:30:00.5Z"), Reference() + 500ms);
  EXPECT_EQ(ParseRfc3339("2026-11-24T08:30:00.123456Z"), Reference() + 123456us);
  // Below a microsecond is truncated, not rounded.
  EXPECT_EQ(ParseRfc3339("2026-11-24T08:30:00.123456789Z"), Reference() + 123456us);
  EXPECT_EQ(ParseRfc3339("2026-11-24T08:30:00.000000999Z"), Reference());
}

TEST(ParseRfc3339, AppliesNumericOffsets) {
  EXPECT_EQ(ParseRfc3339("2026-11-24T12:00:00+03:30"), Reference());  // Tehran
  EXPECT_EQ(ParseRfc3339("2026-11-24T11:30:00+03:00"), Reference());  // Riyadh
  EXPECT_EQ(ParseRfc3339("2026-11-24T03:30:00-05:00"), Reference());
  EXPECT_EQ(ParseRfc3339("2026-11-24T08:30:00+00:00"), Reference());
  EXPECT_EQ(ParseRfc3339("2026-11-24T08:30:00-00:00"), Reference());
  EXPECT_EQ(ParseRfc3339("2026-11-24T12:00:00.25+03:30"), Reference() + 250ms);
  // An offset can move the instant into the previous day.
  EXPECT_EQ(ParseRfc3339("2026-11-25T02:00:00+04:00"), Time{sys_days{2026y / November / 24} + 22h});
}

TEST(ParseRfc3339, ReadsAPlainDateAsMidnightUtc) {
  EXPECT_EQ(ParseRfc3339("2026-11-24"), Time{sys_days{2026y / November / 24}});
  EXPECT_EQ(ParseRfc3339("2024-02-29"), Time{sys_days{2024y / std::chrono::February / 29}});
}

TEST(ParseRfc3339, RoundTripsWhatItFormats) {
  for (const std::int64_t us :
       {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1}, std::int64_t{1'795'000'000'123'456},
        ToMicros(Reference()), std::int64_t{951'782'400'000'000}}) {
    const Time t = FromMicros(us);
    EXPECT_EQ(ParseRfc3339(FormatRfc3339(t)), t) << FormatRfc3339(t);
  }
}

TEST(ParseRfc3339, RejectsImpossibleDates) {
  EXPECT_FALSE(ParseRfc3339("2026-02-30"));
  EXPECT_FALSE(ParseRfc3339("2026-02-29"));  // 2026 is not a leap year
  EXPECT_FALSE(ParseRfc3339("2100-02-29"));  // nor is 2100
  EXPECT_FALSE(ParseRfc3339("2026-04-31"));
  EXPECT_FALSE(ParseRfc3339("2026-13-01"));
  EXPECT_FALSE(ParseRfc3339("2026-00-10"));
  EXPECT_FALSE(ParseRfc3339("2026-11-00"));
  EXPECT_FALSE(ParseRfc3339("2026-11-32"));
  EXPECT_FALSE(ParseRfc3339("2026-02-30T00:00:00Z"));
}

TEST(ParseRfc3339, RejectsImpossibleTimes) {
  EXPECT_FALSE(ParseRfc3339("2026-11-24T24:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("2026-11-24T08:60:00Z"));
  EXPECT_FALSE(ParseRfc3339("2026-11-24T08:30:60Z"));  // leap seconds are refused
  EXPECT_FALSE(ParseRfc3339("2026-11-24T08:30:00+24:00"));
  EXPECT_FALSE(ParseRfc3339("2026-11-24T08:30:00+03:60"));
}

TEST(ParseRfc3339, RejectsMalformedText) {
  for (const char* text : {
           "",
           "garbage",
           "2026",
           "2026-11",
           "2026-1-24",
           "26-11-24",
           "2026/11/24",
           "20261124",
           "2026-11-24T",
           "2026-11-24T08:30",
           "2026-11-24T08:30Z",
           "2026-11-24T08:30:00",  // no zone: a local time is ambiguous
           "2026-11-24T08:30:00.Z",
           "2026-11-24T08:30:00,5Z",
           "2026-11-24T08:30:00+0330",
           "2026-11-24T08:30:00+03",
           "2026-11-24T08:30:00+3:30",
           "2026-11-24T8:30:00Z",
           "2026-11-24X08:30:00Z",
           "2026-11-24T08:30:00Zjunk",
           "2026-11-24T08:30:00Z ",
           " 2026-11-24",
           "2026-11-24 ",
           "+026-11-24",
           "2026-11-2a",
           "٢٠٢٦-١١-٢٤",
       }) {
    EXPECT_FALSE(ParseRfc3339(text)) << '"' << text << '"';
  }
}

TEST(FakeClock, MovesOnlyWhenTold) {
  FakeClock clock(Reference());
  EXPECT_EQ(clock.Now(), Reference());
  clock.Advance(90s);
  EXPECT_EQ(clock.Now(), Reference() + 90s);
  clock.Set(FromMicros(0));
  EXPECT_EQ(ToMicros(clock.Now()), 0);
}

}  // namespace
}  // namespace tawasul::base
