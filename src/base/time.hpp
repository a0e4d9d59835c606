#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tawasul::base {

/// Instants are UTC with microsecond precision; stored as microseconds since the Unix epoch.
using Time = std::chrono::sys_time<std::chrono::microseconds>;

inline std::int64_t ToMicros(Time t) { return t.time_since_epoch().count(); }
inline Time FromMicros(std::int64_t us) { return Time(std::chrono::microseconds(us)); }

/// RFC 3339 in UTC with a "Z", e.g. 2026-11-24T08:30:00.123456Z (fraction only when non-zero).
std::string FormatRfc3339(Time t);
/// Parses RFC 3339 date-times with "Z" or a numeric offset, and plain dates (midnight UTC).
std::optional<Time> ParseRfc3339(std::string_view text);

/// Where time comes from. The domain takes `now` as a parameter; app/ holds a Clock&.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Time Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Time Now() const override {
    return std::chrono::time_point_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now());
  }
};

/// A clock tests move by hand; it never sleeps.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Time start) : now_(start) {}
  Time Now() const override { return now_; }
  void Advance(std::chrono::microseconds d) { now_ += d; }
  void Set(Time t) { now_ = t; }

 private:
  Time now_;
};

}  // namespace tawasul::base
