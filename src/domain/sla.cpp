#include "domain/sla.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace tawasul::domain {
namespace {

using std::chrono::days;
using std::chrono::local_days;
using std::chrono::local_time;
using std::chrono::microseconds;
using std::chrono::minutes;

/// With no working time for this long the calendar is broken (e.g. a holiday every day):
/// fail instead of walking forever.
constexpr int kMaxIdleDays = 2 * 366;
/// A due time this far away means a calendar with almost no working time; fail likewise.
constexpr int kMaxWalkDays = 60 * 366;

struct Range {
  Time from;
  Time to;
};

/// Sorted, joined pause ranges; open pauses end at `open_end`; empty ones are dropped.
std::vector<Range> Normalize(std::span<const Pause> pauses, Time open_end) {
  std::vector<Range> ranges;
  for (const Pause& p : pauses) {
    const Time to = p.to.value_or(open_end);
    if (to > p.from) ranges.push_back({p.from, to});
  }
  std::sort(ranges.begin(), ranges.end(),
            [](const Range& a, const Range& b) { return a.from < b.from; });
  std::vector<Range> joined;
  for (const Range& r : ranges) {
    if (!joined.empty() && r.from <= joined.back().to) {
      joined.back().to = std::max(joined.back().to, r.to);
    } else {
      joined.push_back(r);
    }
  }
  return joined;
}

Status CheckPauses(std::span<const Pause> pauses, bool allow_open) {
  for (std::size_t i = 0; i < pauses.size(); ++i) {
    const std::string field = "pauses[" + std::to_string(i) + "].to";
    if (!pauses[i].to) {
      if (!allow_open) {
        return base::Invalid(field, "an open pause has no end, so there is no due time yet");
      }
    } else if (*pauses[i].to < pauses[i].from) {
      return base::Invalid(field, "a pause ends before it begins");
    }
  }
  return base::Ok{};
}

/// Counts working time through one stretch of working time [s, e), skipping pauses. `next_pause`
/// is the first pause that may still matter; pauses come sorted, and stretches in time order.
/// Returns the instant where `budget` runs out, if it does inside this stretch.
class Meter {
 public:
  Meter(const std::vector<Range>& pauses, std::optional<microseconds> budget)
      : pauses_(pauses), budget_(budget) {}

  std::optional<Time> Consume(Time s, Time e) {
    Time cur = s;
    while (cur < e) {
      while (next_pause_ < pauses_.size() && pauses_[next_pause_].to <= cur) ++next_pause_;
      if (next_pause_ < pauses_.size() && pauses_[next_pause_].from <= cur) {
        cur = std::min(e, pauses_[next_pause_].to);
        continue;
      }
      const Time piece_end =
          next_pause_ < pauses_.size() ? std::min(e, pauses_[next_pause_].from) : e;
      const microseconds length = piece_end - cur;
      // Compared as budget - used so that an unbounded stretch cannot overflow the sum.
      if (budget_ && length >= *budget_ - used_) return cur + (*budget_ - used_);
      used_ += length;
      cur = piece_end;
    }
    return std::nullopt;
  }

  microseconds used() const { return used_; }

 private:
  const std::vector<Range>& pauses_;
  std::optional<microseconds> budget_;
  std::size_t next_pause_ = 0;
  microseconds used_{0};
};

/// Walks working time from `from`: until `budget` is used (the answer is that instant) or,
/// when `until` is set, up to `until` (the answer is `until`; the meter holds the time used).
/// Whole days and whole intervals at a time; never minute by minute.
Result<Time> Walk(const BusinessCalendar& calendar, Time from, std::optional<Time> until,
                  Meter& meter) {
  if (calendar.always_open()) {
    const Time end = until.value_or(from + days(kMaxWalkDays));
    if (std::optional<Time> due = meter.Consume(from, end)) return *due;
    if (until) return end;
    return base::Invalid("duration", "the due time would be more than 60 years away");
  }
  const TimeZone& zone = calendar.zone();
  // One day early: a working interval of the day before can reach past a repeated hour.
  BusinessDayWalker walker(calendar, std::chrono::floor<days>(zone.ToLocal(from)) - days(1));
  int idle_days = 0;
  for (int walked = 0;; ++walked) {
    const local_days day = walker.day();
    if (until && zone.ToInstant(local_time<microseconds>(day)) >= *until) return *until;
    bool worked = false;
    for (const WorkInterval& w : walker.hours()) {
      Time s = zone.ToInstant(local_time<microseconds>(day + w.begin));
      Time e = zone.ToInstant(local_time<microseconds>(day + w.end));
      if (e <= from) continue;
      worked = true;
      s = std::max(s, from);
      if (until) e = std::min(e, *until);
      if (std::optional<Time> due = meter.Consume(s, e)) return *due;
    }
    if (!until) {
      idle_days = worked ? 0 : idle_days + 1;
      if (idle_days > kMaxIdleDays) {
        return base::Invalid("calendar",
                             "no working time for two years: holidays or periods cover every day");
      }
      if (walked > kMaxWalkDays) {
        return base::Invalid("duration", "the due time would be more than 60 years away");
      }
    }
    walker.Next();
  }
}

}  // namespace

Result<Time> AddBusinessDuration(const BusinessCalendar& calendar, Time start,
                                 std::chrono::minutes duration, std::span<const Pause> pauses) {
  if (duration < minutes(0) || duration > kMaxSlaDuration) {
    return base::Invalid("duration", "the duration is negative or longer than ten years");
  }
  if (Status s = CheckPauses(pauses, /*allow_open=*/false); !s) return s.error();
  if (duration == minutes(0)) return start;
  const std::vector<Range> ranges = Normalize(pauses, start);
  Meter meter(ranges, microseconds(duration));
  return Walk(calendar, start, std::nullopt, meter);
}

std::chrono::minutes BusinessDurationBetween(const BusinessCalendar& calendar, Time a, Time b,
                                             std::span<const Pause> pauses) {
  if (b <= a) return minutes(0);
  const std::vector<Range> ranges = Normalize(pauses, b);
  Meter meter(ranges, std::nullopt);
  // Bounded by b, so the walk cannot fail.
  (void)Walk(calendar, a, b, meter);
  return std::chrono::floor<minutes>(meter.used());
}

std::string_view ToString(SlaStatus v) {
  switch (v) {
    case SlaStatus::kOnTrack:
      return "on_track";
    case SlaStatus::kWarning:
      return "warning";
    case SlaStatus::kBreached:
      return "breached";
  }
  return {};
}

Result<SlaState> EvaluateSla(const BusinessCalendar& calendar, const SlaClock& clock, Time now,
                             double warning_share) {
  if (clock.target <= minutes(0) || clock.target > kMaxSlaDuration) {
    return base::Invalid("target", "the target must be positive and at most ten years");
  }
  if (!(warning_share > 0 && warning_share <= 1)) {  // also rejects NaN
    return base::Invalid("warning_share", "the warning share must be in (0, 1]");
  }
  if (Status s = CheckPauses(clock.pauses, /*allow_open=*/true); !s) return s.error();

  // Open pauses end now: the due time is then the one if the clock ran on from now.
  const std::vector<Range> ranges = Normalize(clock.pauses, now);
  Meter due_meter(ranges, microseconds(clock.target));
  Result<Time> due = Walk(calendar, clock.started_at, std::nullopt, due_meter);
  if (!due) return due.error();

  microseconds elapsed{0};
  if (now > clock.started_at) {
    Meter elapsed_meter(ranges, std::nullopt);
    (void)Walk(calendar, clock.started_at, now, elapsed_meter);
    elapsed = elapsed_meter.used();
  }

  SlaState state;
  state.due = *due;
  state.elapsed = std::chrono::floor<minutes>(elapsed);
  state.remaining = std::max(minutes(0), clock.target - state.elapsed);
  state.share = static_cast<double>(elapsed.count()) /
                static_cast<double>(microseconds(clock.target).count());
  state.paused = std::any_of(clock.pauses.begin(), clock.pauses.end(), [now](const Pause& p) {
    return p.from <= now && (!p.to || now < *p.to);
  });
  if (now > state.due) {
    state.status = SlaStatus::kBreached;
  } else if (state.share >= warning_share) {
    state.status = SlaStatus::kWarning;
  }
  return state;
}

}  // namespace tawasul::domain
