#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "app/installation/installation.hpp"
#include "app/auth/principal.hpp"
#include "app/reports/wallboard_service_store.hpp"
#include "base/result.hpp"
#include "base/time.hpp"

namespace tawasul::app {

struct WallboardRow {
  std::string key;    ///< a status's wire name, a unit's id, or "none"
  std::string label;  ///< in the reader's language
  std::int64_t count = 0;
  bool operator==(const WallboardRow&) const = default;
};

/// The supervisors' wallboard: the open backlog and today's traffic, counted exactly.
struct Wallboard {
  std::vector<WallboardRow> open_by_status;  ///< every open status, in workflow order
  std::vector<WallboardRow> open_by_unit;    ///< units with open requests, most first
  std::int64_t due_soon = 0;  ///< open, resolution clock running and due within kDueSoon
  std::int64_t breached = 0;  ///< open, resolution clock past its due time
  /// Open requests still waiting for their first response: past its due time, or due within
  /// kDueSoon.
  std::int64_t first_response_breached = 0;
  std::int64_t first_response_due_soon = 0;
  std::int64_t today_contacts = 0;  ///< since local midnight in the installation's time zone
  std::int64_t today_requests = 0;
  /// Inbound calls ringing now (reported by a telephone system in the last two hours and
  /// neither answered nor ended), and how long the longest of them has waited.
  std::int64_t calls_waiting = 0;
  std::int64_t longest_wait_seconds = 0;
  /// Agents on a call now: distinct agents of calls a telephone system reported answered in the
  /// last two hours and not yet ended.
  std::int64_t agents_on_calls = 0;
  std::int64_t today_answered = 0;   ///< inbound contacts answered since local midnight
  std::int64_t today_abandoned = 0;  ///< inbound calls whose caller hung up before an answer
  base::Time generated_at{};
};

class WallboardService {
 public:
  static constexpr std::chrono::hours kDueSoon{4};

  WallboardService(WallboardServiceStore& store, InstallationRef& installation, const base::Clock& clock);

  /// Supervisors, heads, admins and dispatchers.
  static bool MayRead(domain::Role role);
  base::Result<Wallboard> Read(const Principal& who);

 private:
  WallboardServiceStore& store_;
  InstallationRef& installation_;
  const base::Clock& clock_;
};

}  // namespace tawasul::app
