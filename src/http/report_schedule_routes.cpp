// Scheduled reports: GET/POST /api/v1/admin/report-schedules, PATCH/DELETE .../{id}, POST
// .../{id}/send (queue last month now) and GET .../{id}/preview (last month's sheet). The
// schedules and their rules live in app/ReportScheduleService; these handlers parse and map.
#include "http/report_schedule_routes.hpp"

#include "http/api_util.hpp"
#include "http/json_reader.hpp"
#include "http/problem.hpp"
#include "http/report_params.hpp"

namespace tawasul::http {

using namespace reading;  // NOLINT(google-build-using-namespace): the typed reads

namespace {

Json ScheduleJson(const app::ReportSchedule& s) {
  return Json{{"id", s.id},
              {"unit_id", s.unit_id.value},
              {"recipients", s.recipients},
              {"language", s.language},
              {"active", s.active},
              {"last_period", s.last_period.empty() ? Json(nullptr) : Json(s.last_period)},
              {"created_at", base::FormatRfc3339(s.created_at)}};
}

base::Result<app::ReportScheduleInput> ReadInput(const Json& body) {
  ObjectReader r(body);
  app::ReportScheduleInput in;
  r.Patch("unit_id", in.unit_id);
  r.Patch("recipients", in.recipients);
  r.Patch("language", in.language);
  r.Patch("active", in.active);
  r.ReadOnly("last_period");
  if (auto s = r.Finish(); !s) return s.error();
  return in;
}

Response Unavailable() { return Problem(503, "Scheduled reports are not available on this server"); }

}  // namespace

Response ReportScheduleRoutes::List(Request&, const app::Principal& who) {
  if (schedules_ == nullptr) return Unavailable();
  auto all = schedules_->List(who);
  if (!all) return ErrorResponse(all.error());
  Json items = Json::array();
  for (const auto& s : *all) items.push_back(ScheduleJson(s));
  return JsonResponse(200, Json{{"items", std::move(items)}});
}

Response ReportScheduleRoutes::Create(Request& req, const app::Principal& who) {
  if (schedules_ == nullptr) return Unavailable();
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ReadInput(*body);
  if (!in) return BadRequest(in.error());
  auto made = schedules_->Create(who, *in);
  if (!made) return ErrorResponse(made.error());
  return Created(ScheduleJson(*made), "/api/v1/admin/report-schedules/" + std::to_string(made->id));
}

Response ReportScheduleRoutes::Patch(Request& req, const app::Principal& who) {
  if (schedules_ == nullptr) return Unavailable();
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto id = PathNumber(req, "id");
  if (!id) return Problem(404, "No such report schedule");
  auto in = ReadInput(*body);
  if (!in) return BadRequest(in.error());
  auto done = schedules_->Update(who, *id, *in);
  if (!done) return ErrorResponse(done.error());
  return JsonResponse(200, ScheduleJson(*done));
}

Response ReportScheduleRoutes::Delete(Request& req, const app::Principal& who) {
  if (schedules_ == nullptr) return Unavailable();
  auto id = PathNumber(req, "id");
  if (!id) return Problem(404, "No such report schedule");
  auto done = schedules_->Delete(who, *id);
  if (!done) return ErrorResponse(done.error());
  Response res;
  res.status = 204;
  return res;
}

Response ReportScheduleRoutes::SendNow(Request& req, const app::Principal& who) {
  if (schedules_ == nullptr) return Unavailable();
  auto id = PathNumber(req, "id");
  if (!id) return Problem(404, "No such report schedule");
  auto period = schedules_->SendNow(who, *id);
  if (!period) return ErrorResponse(period.error());
  return JsonResponse(202, Json{{"period", *period}});
}

Response ReportScheduleRoutes::Preview(Request& req, const app::Principal& who) {
  if (schedules_ == nullptr) return Unavailable();
  auto id = PathNumber(req, "id");
  if (!id) return Problem(404, "No such report schedule");
  QueryReader q(req);
  std::optional<report_http::Format> format;
  q.Enum("format", format, &report_http::ParseFormat);
  if (auto bad = q.Finish()) return *bad;
  auto report = schedules_->Preview(who, *id);
  if (!report) return ErrorResponse(report.error());
  // The sheet is in the schedule's language: written right to left unless it is English.
  const std::string language = report->table.right_to_left ? "ar" : "en";
  const auto f = format.value_or(report_http::Format::kJson);
  if (f != report_http::Format::kJson) {
    return report_http::Download(report->table, f, language, "monthly-" + report->period, xlsx_);
  }
  Json rows = Json::array();
  for (const auto& row : report->table.rows) {
    Json cells = Json::array();
    for (const auto& cell : row) std::visit([&](const auto& v) { cells.push_back(v); }, cell);
    rows.push_back(std::move(cells));
  }
  return JsonResponse(200, Json{{"period", report->period},
                                {"headers", report->table.headers},
                                {"rows", std::move(rows)}});
}

void ReportScheduleRoutes::Register(RouteRegistrar& r, ReportScheduleRoutes* self) {
  r.User("GET", "/api/v1/admin/report-schedules", BodyKind::kNone, self, &ReportScheduleRoutes::List);
  r.User("POST", "/api/v1/admin/report-schedules", BodyKind::kJson, self, &ReportScheduleRoutes::Create);
  r.User("PATCH", "/api/v1/admin/report-schedules/{id}", BodyKind::kJson, self,
         &ReportScheduleRoutes::Patch);
  r.User("DELETE", "/api/v1/admin/report-schedules/{id}", BodyKind::kNone, self,
         &ReportScheduleRoutes::Delete);
  r.User("POST", "/api/v1/admin/report-schedules/{id}/send", BodyKind::kNone, self,
         &ReportScheduleRoutes::SendNow);
  r.User("GET", "/api/v1/admin/report-schedules/{id}/preview", BodyKind::kNone, self,
         &ReportScheduleRoutes::Preview);
}

}  // namespace tawasul::http
