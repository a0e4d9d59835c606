#pragma once

#include "app/reports/export_table.hpp"
#include "app/reports/report_service.hpp"
#include "http/routes.hpp"

namespace tawasul::http {

/// Reports (breakdowns, trends, summaries, service quality) and request tags.
/// A service pointer may be null where the server runs without it (the routes answer 503).
class ReportRoutes {
 public:
  ReportRoutes(app::ReportService* reports, app::XlsxWriter xlsx)
      : reports_(reports), xlsx_(xlsx) {}

  /// Adds this group's routes; `self` null lists them without services.
  static void Register(RouteRegistrar& r, ReportRoutes* self);

 private:
  Response ReportBreakdown(Request& req, const app::Principal& who);
  Response ReportTrend(Request& req, const app::Principal& who);
  Response ReportSummary(Request& req, const app::Principal& who);
  Response ReportSla(Request& req, const app::Principal& who);
  Response ReportSatisfaction(Request& req, const app::Principal& who);
  Response ReportHeatmap(Request& req, const app::Principal& who);
  Response ReportAgents(Request& req, const app::Principal& who);
  Response ReportContacts(Request& req, const app::Principal& who);
  Response TagCase(Request& req, const app::Principal& who);
  Response ListTags(Request& req, const app::Principal& who);
  Response CreateTag(Request& req, const app::Principal& who);
  Response UpdateTag(Request& req, const app::Principal& who);
  Response MergeTag(Request& req, const app::Principal& who);
  Response UntagCase(Request& req, const app::Principal& who);

  app::ReportService* reports_;
  app::XlsxWriter xlsx_;
};

}  // namespace tawasul::http
