#pragma once
// Months of plausible history for a demo store, so the dashboards show real shapes: requests and
// contacts every day, fewer on the center's weekend, more in Ramadan for the Saudi, Omani,
// Emirati and Iranian profiles, busiest mid-morning and early evening; most requests closed
// within days by the unit their category goes to, with SLA clocks stopped at the closing.
// Written straight to the store with their past times (no messages, no escalation); the daily
// totals count them as any request.

#include <string>

#include "app/installation/installation.hpp"
#include "app/store.hpp"
#include "base/result.hpp"
#include "base/time.hpp"

namespace tawasul::app {

struct DemoHistoryOptions {
  int days = 180;                 ///< back from `now`'s local day (today is left to the demo)
  int requests_per_day = 24;      ///< on an ordinary working day
  int contacts_per_day = 30;      ///< guidance-only calls and missed calls on such a day
  std::uint64_t seed = 1933;      ///< the same store every time for the same profile
};

/// Loads the history; a line saying how much. Call after LoadProfile.
base::Result<std::string> LoadDemoHistory(Store& store, const InstallationRef& installation,
                                          const DemoHistoryOptions& options, base::Time now);

}  // namespace tawasul::app
