#pragma once

#include "app/reports/report_schedule.hpp"
#include "http/routes.hpp"

namespace tawasul::http {

/// Scheduled reports (admins): each unit's monthly spreadsheet by email.
class ReportScheduleRoutes {
 public:
  ReportScheduleRoutes(app::ReportScheduleService* schedules, app::XlsxWriter xlsx)
      : schedules_(schedules), xlsx_(xlsx) {}

  /// Adds this group's routes; `self` null lists them without services.
  static void Register(RouteRegistrar& r, ReportScheduleRoutes* self);

 private:
  Response List(Request& req, const app::Principal& who);
  Response Create(Request& req, const app::Principal& who);
  Response Patch(Request& req, const app::Principal& who);
  Response Delete(Request& req, const app::Principal& who);
  Response SendNow(Request& req, const app::Principal& who);
  Response Preview(Request& req, const app::Principal& who);

  app::ReportScheduleService* schedules_;
  app::XlsxWriter xlsx_;
};

}  // namespace tawasul::http
