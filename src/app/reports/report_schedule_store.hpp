#pragma once
// The store port of scheduled reports (migration 0020): the schedules, and queuing one month's
// email with its spreadsheet exactly once.

#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "domain/model.hpp"

namespace tawasul::app {

/// A unit's monthly figures, mailed to its recipients.
struct ReportSchedule {
  std::int64_t id = 0;
  domain::UnitId unit_id;
  std::vector<std::string> recipients;  ///< email addresses
  std::string language = "ar";          ///< of the spreadsheet and the email
  bool active = true;
  std::string last_period;  ///< the month last queued ("1405-08"), "" never
  base::Time created_at{};
  bool operator==(const ReportSchedule&) const = default;
};

class ReportScheduleStore {
 public:
  virtual ~ReportScheduleStore() = default;
  virtual std::vector<ReportSchedule> ListReportSchedules() = 0;
  virtual base::Result<ReportSchedule> CreateReportSchedule(const ReportSchedule& s) = 0;
  /// Changes unit, recipients, language and active (never last_period); NotFound when unknown.
  virtual base::Result<ReportSchedule> UpdateReportSchedule(const ReportSchedule& s) = 0;
  virtual base::Status DeleteReportSchedule(std::int64_t id) = 0;
  /// In one transaction: when schedule `id`'s last period is `expected_last`, sets it to
  /// `period` and queues `messages` (each with its file); true. Otherwise nothing: false (another
  /// node, or a round before a restart, queued it). NotFound for an unknown schedule.
  virtual base::Result<bool> QueueScheduledReport(std::int64_t id, const std::string& expected_last,
                                                  const std::string& period,
                                                  const std::vector<domain::OutboxMessage>& messages) = 0;
};

}  // namespace tawasul::app
