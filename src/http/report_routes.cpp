// Reports: thin handlers over app/ReportService (the counting and the period math live there and
// in domain/report_period).
#include "app/reports/export_table.hpp"
#include "app/reports/report_service.hpp"
#include "http/report_routes.hpp"

#include "domain/permissions.hpp"
#include "http/report_params.hpp"
#include "http/api_util.hpp"
#include "http/json_mapping.hpp"
#include "http/problem.hpp"

namespace tawasul::http {

namespace d = tawasul::domain;

// Shared with report_quality_routes.cpp (declared in report_params.hpp).
namespace report_http {

Response Unavailable() { return Problem(503, "Reports are not available on this server"); }

/// The filters every report takes; calendar defaults to gregorian.
void ReadQuery(QueryReader& q, app::ReportQuery& out) {
  q.String("from", out.from);
  q.String("to", out.to);
  std::optional<d::CalendarKind> calendar;
  q.Enum("calendar", calendar, &d::ParseReportCalendar);
  if (calendar) out.calendar = *calendar;
  q.Id("unit", out.unit_id);
  q.Id("category", out.category_id);
  q.Enum("channel", out.channel, &d::ParseChannel);
  q.Enum("type", out.type, &d::ParseCaseType);
  q.Id("site", out.site_id);
  q.Id("branch", out.branch_id);
  q.String("tag", out.tag);
  q.Id("agent", out.agent_id);
}

/// Every input of a report is a query parameter: a rejected one is a bad request.
Response ReportError(const base::Error& e) {
  if (e.code == base::ErrorCode::kInvalid) return BadRequest(e);
  return ErrorResponse(e);
}

Json RowsJson(const std::vector<app::BreakdownRow>& rows) {
  Json out = Json::array();
  for (const auto& r : rows) {
    Json row{{"key", r.key}, {"label", r.label}, {"count", r.count}};
    if (r.not_yet_referred != 0) row["not_yet_referred"] = r.not_yet_referred;
    out.push_back(std::move(row));
  }
  return out;
}

std::optional<Format> ParseFormat(std::string_view s) {
  if (s == "json") return Format::kJson;
  if (s == "csv") return Format::kCsv;
  if (s == "xlsx") return Format::kXlsx;
  return std::nullopt;
}

std::optional<Response> ReportRoleRefusal(const app::Principal& who) {
  if (app::ReportService::MayRead(who.user.role)) return std::nullopt;
  // Unit staff read their own unit's figures; the service narrows or refuses each report.
  if (d::Allows(who.user.role, d::Permission::kReadUnitReports)) return std::nullopt;
  return Problem(403, "This role cannot read reports");
}

std::optional<Response> ReadReportParams(const app::Principal& who, const Request& req,
                                         ReportParams& out,
                                         const std::function<void(QueryReader&)>& own) {
  if (auto refused = ReportRoleRefusal(who)) return refused;
  QueryReader q(req);
  ReadQuery(q, out.query);
  if (own) own(q);
  q.Enum("format", out.format, &ParseFormat);
  return q.Finish();
}

/// A header in the reader's language.
std::string Header(const std::string& language, const char* ar, const char* fa, const char* en) {
  return language == "ar" ? ar : language == "fa" ? fa : en;
}

/// The table as a download: CSV (UTF-8 with BOM) or XLSX, right to left for Arabic and Persian.
Response Download(app::ExportTable table, Format format, const std::string& language,
                  const std::string& name, app::XlsxWriter xlsx) {
  table.right_to_left = language == "ar" || language == "fa";
  if (format != Format::kCsv && xlsx == nullptr) {
    return Problem(503, "Spreadsheet exports are not available on this server; ask for format=csv");
  }
  Response res;
  res.status = 200;
  if (format == Format::kCsv) {
    res.Set("Content-Type", "text/csv; charset=utf-8");
    res.Set("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
    res.body = app::ToCsv(table);
  } else {
    res.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    res.Set("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"");
    res.body = xlsx(table);
  }
  res.Set("X-Content-Type-Options", "nosniff");
  return res;
}

}  // namespace report_http

using namespace report_http;  // NOLINT(google-build-using-namespace): this file's own helpers

Json report_http::StatsJson(const app::DurationStats& s) {
  Json out{{"count", s.count}};
  out["mean_seconds"] = s.mean ? Json(*s.mean) : Json(nullptr);
  out["median_seconds"] = s.median ? Json(*s.median) : Json(nullptr);
  out["p90_seconds"] = s.p90 ? Json(*s.p90) : Json(nullptr);
  return out;
}

Response ReportRoutes::ReportBreakdown(Request& req, const app::Principal& who) {
  if (reports_ == nullptr) return Unavailable();
  std::optional<app::BreakdownBy> by;
  std::string level;
  ReportParams p;
  auto own = [&](QueryReader& q) {
    q.Enum("by", by, &app::ParseBreakdownBy);
    q.String("level", level);
    q.String("attribute", p.query.attribute);
  };
  if (auto bad = ReadReportParams(who, req, p, own)) return *bad;
  if (!by) return BadRequest("by", "is required");
  if (!p.query.attribute.empty() && *by != app::BreakdownBy::kAttribute) {
    return BadRequest("attribute", "applies only to a breakdown by attribute");
  }
  app::RollUp roll;
  if (!level.empty()) {
    auto parsed = app::ParseRollUp(level, *by);
    if (!parsed) {
      return ReportError(base::Invalid(
          "level", *by == app::BreakdownBy::kUnit
                       ? "must be leaf, a depth from 1 to 9, or a kind of unit (directorate, "
                         "department, ...)"
                       : *by == app::BreakdownBy::kCategory
                             ? "must be leaf or a depth from 1 to 9"
                             : "applies only to a breakdown by category or unit"));
    }
    roll = *parsed;
  }
  auto rows = reports_->Breakdown(who, p.query, *by, roll);
  if (!rows) return ReportError(rows.error());
  if (p.download()) {
    const std::string& lang = who.user.language;
    app::ExportTable t;
    t.sheet = "breakdown";
    t.headers = {Header(lang, "المفتاح", "کلید", "Key"), Header(lang, "البند", "عنوان", "Label"),
                 Header(lang, "العدد", "تعداد", "Count")};
    const bool by_unit = *by == app::BreakdownBy::kUnit;
    if (by_unit) {
      t.headers.push_back(Header(lang, "منها لم تُحل بعد", "از آن ارجاع‌نشده", "Of which not yet referred"));
    }
    for (const auto& r : *rows) {
      t.rows.push_back({r.key, r.label, r.count});
      if (by_unit) t.rows.back().push_back(r.not_yet_referred);
    }
    return Download(std::move(t), *p.format, lang, "breakdown-" + *req.Query("by"), xlsx_);
  }
  return JsonResponse(200, Json{{"items", RowsJson(*rows)}});
}

Response ReportRoutes::ReportTrend(Request& req, const app::Principal& who) {
  if (reports_ == nullptr) return Unavailable();
  std::optional<d::PeriodUnit> period;
  ReportParams p;
  auto own = [&](QueryReader& q) { q.Enum("period", period, &d::ParsePeriodUnit); };
  if (auto bad = ReadReportParams(who, req, p, own)) return *bad;
  if (!period) return BadRequest("period", "is required");
  auto rows = reports_->Trend(who, p.query, *period);
  if (!rows) return ReportError(rows.error());
  if (p.download()) {
    const std::string& lang = who.user.language;
    app::ExportTable t;
    t.sheet = "trend";
    t.headers = {Header(lang, "الفترة", "دوره", "Period"), Header(lang, "من", "از", "From"),
                 Header(lang, "إلى", "تا", "To"), Header(lang, "العدد", "تعداد", "Count")};
    for (const auto& r : *rows) t.rows.push_back({r.period, r.from, r.to, r.count});
    return Download(std::move(t), *p.format, lang, "trend-" + *req.Query("period"), xlsx_);
  }
  Json items = Json::array();
  for (const auto& r : *rows) {
    items.push_back(Json{{"period", r.period}, {"from", r.from}, {"to", r.to}, {"count", r.count}});
  }
  return JsonResponse(200, Json{{"items", items}});
}

Response ReportRoutes::ReportSummary(Request& req, const app::Principal& who) {
  if (reports_ == nullptr) return Unavailable();
  if (auto refused = ReportRoleRefusal(who)) return *refused;
  QueryReader q(req);
  app::ReportQuery query;
  ReadQuery(q, query);
  if (auto bad = q.Finish()) return *bad;
  auto s = reports_->Summary(who, query);
  if (!s) return ReportError(s.error());
  Json out{{"requests", s->requests},
           {"contacts_apart_from_requests",
            Json{{"total", s->contacts_apart_total}, {"by_channel", RowsJson(s->contacts_apart)}}},
           {"backlog", Json{{"open", s->backlog}, {"aging", RowsJson(s->aging)}}},
           {"first_response", StatsJson(s->first_response)},
           {"resolution", StatsJson(s->resolution)}};
  out["first_contact_resolution"] =
      s->first_contact_resolution ? Json(*s->first_contact_resolution) : Json(nullptr);
  return JsonResponse(200, out);
}

Response ReportRoutes::TagCase(Request& req, const app::Principal& who) {
  if (reports_ == nullptr) return Unavailable();
  auto id = PathId<d::CaseTag>(req, "id");
  if (!id) return NoSuchCase();
  auto tags = reports_->Tag(who, *id, req.params["tag"]);
  if (!tags) return ReportError(tags.error());
  return JsonResponse(200, Json{{"tags", *tags}});
}

Response ReportRoutes::UntagCase(Request& req, const app::Principal& who) {
  if (reports_ == nullptr) return Unavailable();
  auto id = PathId<d::CaseTag>(req, "id");
  if (!id) return NoSuchCase();
  auto tags = reports_->Untag(who, *id, req.params["tag"]);
  if (!tags) return ReportError(tags.error());
  return JsonResponse(200, Json{{"tags", *tags}});
}

Response ReportRoutes::ListTags(Request&, const app::Principal& who) {
  if (reports_ == nullptr) return Unavailable();
  auto tags = reports_->ListTags(who);
  if (!tags) return ErrorResponse(tags.error());
  Json items = Json::array();
  for (const auto& [t, usable] : *tags) {
    Json j = TagJson(t);
    j["usable"] = usable;
    items.push_back(std::move(j));
  }
  return JsonResponse(200, Json{{"items", items}});
}

Response ReportRoutes::CreateTag(Request& req, const app::Principal& who) {
  if (reports_ == nullptr) return Unavailable();
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParseTagInput(*body);
  if (!in) return BadRequest(in.error());
  auto t = reports_->CreateTag(who, *in);
  if (!t) return ErrorResponse(t.error());
  return Created(TagJson(*t), "/api/v1/admin/tags/" + std::to_string(t->id));
}

Response ReportRoutes::UpdateTag(Request& req, const app::Principal& who) {
  if (reports_ == nullptr) return Unavailable();
  auto id = PathNumber(req, "id");
  if (!id) return Problem(404, "No such tag");
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParseTagInput(*body);
  if (!in) return BadRequest(in.error());
  auto t = reports_->UpdateTag(who, *id, *in);
  if (!t) return ErrorResponse(t.error());
  return JsonResponse(200, TagJson(*t));
}

Response ReportRoutes::MergeTag(Request& req, const app::Principal& who) {
  if (reports_ == nullptr) return Unavailable();
  auto id = PathNumber(req, "id");
  if (!id) return Problem(404, "No such tag");
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  if (body->size() != 1 || !body->contains("into")) {
    return BadRequest("into", "is required, and the only member");
  }
  const Json& into = body->at("into");
  if (!into.is_number_integer()) return BadRequest("into", "must be a tag id");
  auto done = reports_->MergeTag(who, *id, into.get<std::int64_t>());
  if (!done) return ErrorResponse(done.error());
  Response res;
  res.status = 204;
  return res;
}

void ReportRoutes::Register(RouteRegistrar& r, ReportRoutes* self) {
  r.User("GET", "/api/v1/tags", BodyKind::kNone, self, &ReportRoutes::ListTags);
  r.User("POST", "/api/v1/admin/tags", BodyKind::kJson, self, &ReportRoutes::CreateTag);
  r.User("PATCH", "/api/v1/admin/tags/{id}", BodyKind::kJson, self, &ReportRoutes::UpdateTag);
  r.User("POST", "/api/v1/admin/tags/{id}/merge", BodyKind::kJson, self, &ReportRoutes::MergeTag);
  r.User("GET", "/api/v1/reports/breakdown", BodyKind::kNone, self, &ReportRoutes::ReportBreakdown);
  r.User("GET", "/api/v1/reports/trend", BodyKind::kNone, self, &ReportRoutes::ReportTrend);
  r.User("GET", "/api/v1/reports/summary", BodyKind::kNone, self, &ReportRoutes::ReportSummary);
  r.User("GET", "/api/v1/reports/sla", BodyKind::kNone, self, &ReportRoutes::ReportSla);
  r.User("GET", "/api/v1/reports/satisfaction", BodyKind::kNone, self, &ReportRoutes::ReportSatisfaction);
  r.User("GET", "/api/v1/reports/heatmap", BodyKind::kNone, self, &ReportRoutes::ReportHeatmap);
  r.User("GET", "/api/v1/reports/agents", BodyKind::kNone, self, &ReportRoutes::ReportAgents);
  r.User("GET", "/api/v1/reports/contacts", BodyKind::kNone, self, &ReportRoutes::ReportContacts);
  r.User("POST", "/api/v1/cases/{id}/tags/{tag}", BodyKind::kNone, self, &ReportRoutes::TagCase);
  r.User("DELETE", "/api/v1/cases/{id}/tags/{tag}", BodyKind::kNone, self, &ReportRoutes::UntagCase);
}

}  // namespace tawasul::http
