#pragma once

// What the report handlers share (report_routes.cpp, report_quality_routes.cpp): the query every
// report takes, its problems, and the CSV/XLSX download.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "app/reports/export_table.hpp"
#include "app/reports/report_service.hpp"
#include "http/api_util.hpp"

namespace tawasul::http::report_http {

Response Unavailable();
/// The filters every report takes; calendar defaults to gregorian.
void ReadQuery(QueryReader& q, app::ReportQuery& out);
/// Every input of a report is a query parameter: a rejected one is a bad request.
Response ReportError(const base::Error& e);
/// Duration statistics: count, mean, median and 90th percentile in seconds (null when none).
Json StatsJson(const app::DurationStats& s);

enum class Format { kJson, kCsv, kXlsx };
std::optional<Format> ParseFormat(std::string_view s);

/// What a downloadable report's request asks: the filters every report takes and the format.
struct ReportParams {
  app::ReportQuery query;
  std::optional<Format> format;
  /// CSV or XLSX rather than JSON.
  bool download() const { return format && *format != Format::kJson; }
};
/// A 403 for a role that may not read reports, before any parameter is read (a role that may
/// not ask learns nothing from a 400 about how to ask).
std::optional<Response> ReportRoleRefusal(const app::Principal& who);
/// Checks the role, reads the filters, then the report's own parameters (`own`), then `format`;
/// a problem naming the first bad or unknown parameter, else nothing.
std::optional<Response> ReadReportParams(const app::Principal& who, const Request& req,
                                         ReportParams& out,
                                         const std::function<void(QueryReader&)>& own = nullptr);
/// A header in the reader's language.
std::string Header(const std::string& language, const char* ar, const char* fa, const char* en);
/// The table as a download: CSV (UTF-8 with BOM) or XLSX (written by `xlsx`; none wired: 503),
/// right to left for Arabic and Persian.
Response Download(app::ExportTable table, Format format, const std::string& language,
                  const std::string& name, app::XlsxWriter xlsx);

}  // namespace tawasul::http::report_http
