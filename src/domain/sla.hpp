#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "domain/business_calendar.hpp"

namespace tawasul::domain {

/// A stretch [from, to) when the clock stops, e.g. the request waits on the citizen. `to` is
/// empty while the pause lasts.
struct Pause {
  Time from{};
  std::optional<Time> to;
  bool operator==(const Pause&) const = default;
};

/// Longest target accepted: ten years of round-the-clock minutes.
inline constexpr std::chrono::minutes kMaxSlaDuration{10 * 366 * 24 * 60};

/// The due time: the instant when `duration` of working time has passed since `start`,
/// skipping days off, holidays, off-hours and `pauses` (which may overlap and come in any
/// order). A duration used up exactly at the end of a working interval is due then, not at the
/// next opening. Errors: a negative or too long "duration"; an open pause ("pauses[i].to");
/// "calendar" when no working time comes for two years (e.g. holidays covering every day).
Result<Time> AddBusinessDuration(const BusinessCalendar& calendar, Time start,
                                 std::chrono::minutes duration, std::span<const Pause> pauses = {});

/// Working time in [a, b) minus `pauses` (an open pause lasts until b); whole minutes, rounded
/// down; zero when b <= a.
std::chrono::minutes BusinessDurationBetween(const BusinessCalendar& calendar, Time a, Time b,
                                             std::span<const Pause> pauses = {});

/// One running SLA clock: a first-response or resolution target of a request.
struct SlaClock {
  Time started_at{};
  std::chrono::minutes target{};  ///< business time allowed
  std::vector<Pause> pauses;
  bool operator==(const SlaClock&) const = default;
};

enum class SlaStatus { kOnTrack, kWarning, kBreached };
/// Wire names: "on_track", "warning", "breached".
std::string_view ToString(SlaStatus v);

struct SlaState {
  SlaStatus status = SlaStatus::kOnTrack;
  std::chrono::minutes elapsed{};    ///< business time used, pauses excluded
  std::chrono::minutes remaining{};  ///< target - elapsed, never below zero
  double share = 0;                  ///< elapsed / target; above 1 once breached
  Time due{};                        ///< target reached here if the clock runs on from `now`
  bool paused = false;               ///< `now` is inside a pause
  bool operator==(const SlaState&) const = default;
};

/// Where `clock` stands at `now`: warning once share >= `warning_share`, breached once `now`
/// is past the due time. Open pauses end at `now`. Errors: "target" not positive or too long,
/// "warning_share" outside (0, 1], and those of AddBusinessDuration.
Result<SlaState> EvaluateSla(const BusinessCalendar& calendar, const SlaClock& clock, Time now,
                             double warning_share = 0.8);

}  // namespace tawasul::domain
