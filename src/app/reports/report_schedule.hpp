#pragma once
// Scheduled reports: each directorate (any unit) gets its monthly figures as a spreadsheet by
// email, in the center's calendar's months (a Jalali month at 8940, a Hijri month at 1933), the
// unit and the units below it. Admins keep the schedules; a worker queues each month's email
// through the outbox once the month is over, exactly once across nodes and restarts.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/admin/admin_audit_store.hpp"
#include "app/admin/org_store.hpp"
#include "app/auth/principal.hpp"
#include "app/installation/installation.hpp"
#include "app/reports/export_table.hpp"
#include "app/reports/report_schedule_store.hpp"
#include "app/reports/report_service.hpp"
#include "base/time.hpp"

namespace tawasul::app {

class ReportScheduleServiceStore : public virtual ReportScheduleStore,
                                   public virtual OrgStore,
                                   public virtual AdminAuditStore {};

/// A schedule as administrators write it; unset members stay (on a change).
struct ReportScheduleInput {
  std::optional<domain::UnitId> unit_id;
  std::optional<std::vector<std::string>> recipients;
  std::optional<std::string> language;
  std::optional<bool> active;
};

/// A month's report as queued: its label in the center's calendar and its spreadsheet.
struct MonthlyReport {
  std::string period;  ///< "1405-08", "1448-04", "2026-11"
  ExportTable table;
};

class ReportScheduleService {
 public:
  ReportScheduleService(ReportScheduleServiceStore& store, ReportService& reports,
                        InstallationRef& installation, const base::Clock& clock,
                        XlsxWriter xlsx);

  base::Result<std::vector<ReportSchedule>> List(const Principal& who);
  base::Result<ReportSchedule> Create(const Principal& who, const ReportScheduleInput& in);
  base::Result<ReportSchedule> Update(const Principal& who, std::int64_t id,
                                      const ReportScheduleInput& in);
  base::Status Delete(const Principal& who, std::int64_t id);
  /// Queues the last complete month now, again if it went already (an admin's "send now").
  /// Returns the month's label.
  base::Result<std::string> SendNow(const Principal& who, std::int64_t id);

  /// Last month's spreadsheet of schedule `id`, as it would go now (admins).
  base::Result<MonthlyReport> Preview(const Principal& who, std::int64_t id);
  /// One round at the clock's now: every active schedule whose last complete month has not been
  /// queued is queued. Returns how many were.
  int RunOnce();

  /// The spreadsheet of `unit` (and below) for the month before the one holding `now`.
  base::Result<MonthlyReport> Build(domain::UnitId unit, const std::string& language,
                                    base::Time now);

 private:
  base::Result<ReportSchedule> Check(ReportSchedule s);
  base::Result<bool> Queue(const ReportSchedule& s, const std::string& expected_last);

  ReportScheduleServiceStore& store_;
  ReportService& reports_;
  InstallationRef& installation_;
  const base::Clock& clock_;
  XlsxWriter xlsx_;
};

}  // namespace tawasul::app
