// Service-quality reports: thin handlers over app/ReportService (report_quality.cpp), with the
// same query, problems and downloads as the other reports (report_params.hpp).
#include <array>

#include "app/reports/report_service.hpp"
#include "http/report_routes.hpp"
#include "http/report_params.hpp"
#include "http/api_util.hpp"
#include "http/problem.hpp"

namespace tawasul::http {

using namespace report_http;  // NOLINT(google-build-using-namespace): the reports' helpers

namespace {

/// The SLA report's dimensions: a breakdown's, less status and tag.
std::optional<app::BreakdownBy> ParseSlaBy(std::string_view s) {
  if (s == "status" || s == "tag") return std::nullopt;
  return app::ParseBreakdownBy(s);
}

Json Nullable(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

/// A share as a cell: the number, or empty when there is none (JSON's null).
app::ExportTable::Cell ShareCell(const std::optional<double>& v) {
  if (v) return *v;
  return std::string();
}

struct DayName {
  const char *ar, *fa, *en;
};
constexpr std::array<DayName, 7> kWeekdays = {{
    {"الاثنين", "دوشنبه", "Monday"},
    {"الثلاثاء", "سه‌شنبه", "Tuesday"},
    {"الأربعاء", "چهارشنبه", "Wednesday"},
    {"الخميس", "پنجشنبه", "Thursday"},
    {"الجمعة", "جمعه", "Friday"},
    {"السبت", "شنبه", "Saturday"},
    {"الأحد", "یکشنبه", "Sunday"},
}};

Json RatingJson(const app::RatingFigures& f) {
  Json out{{"ratings", f.ratings}, {"satisfied", f.satisfied}, {"share", Nullable(f.share())}};
  out["distribution"] = Json(f.distribution);
  return out;
}

}  // namespace

Response ReportRoutes::ReportSla(Request& req, const app::Principal& who) {
  if (reports_ == nullptr) return Unavailable();
  std::optional<app::BreakdownBy> by;
  std::optional<d::ClockName> clock;
  ReportParams p;
  std::string level;
  auto own = [&](QueryReader& q) {
    q.Enum("by", by, &ParseSlaBy);
    q.Enum("clock", clock, &d::ParseClockName);
    q.String("level", level);
  };
  if (auto bad = ReadReportParams(who, req, p, own)) return *bad;
  const d::ClockName asked = clock.value_or(d::ClockName::kResolution);
  app::RollUp roll;
  if (!level.empty()) {
    auto parsed = by ? app::ParseRollUp(level, *by) : std::nullopt;
    if (!parsed) {
      return ReportError(base::Invalid(
          "level", "takes by=category (leaf or a depth 1-9) or by=unit (leaf, a depth or a kind of unit)"));
    }
    roll = *parsed;
  }
  auto report = reports_->Sla(who, p.query, by, asked, roll);
  if (!report) return ReportError(report.error());
  const app::SlaFigures& t = report->total;
  auto figures = [](const app::SlaFigures& f) {
    return Json{{"measured", f.measured},           {"met", f.met},
                {"breached", f.breached},           {"open_within", f.open_within},
                {"open_breached", f.open_breached}, {"compliance", Nullable(f.compliance())}};
  };
  if (p.download()) {
    const std::string& lang = who.user.language;
    app::ExportTable table;
    table.sheet = "sla";
    table.headers = {Header(lang, "المفتاح", "کلید", "Key"),
                     Header(lang, "البند", "عنوان", "Label"),
                     Header(lang, "المقيسة", "سنجیده‌شده", "Measured"),
                     Header(lang, "ضمن المهلة", "در مهلت", "Met"),
                     Header(lang, "تجاوزت المهلة", "خارج از مهلت", "Breached"),
                     Header(lang, "مفتوحة متجاوزة", "باز و خارج از مهلت", "Open, breached"),
                     Header(lang, "مفتوحة ضمن المهلة", "باز و در مهلت", "Open, within"),
                     Header(lang, "نسبة الالتزام", "نسبت رعایت", "Compliance")};
    auto row = [&](const std::string& key, const std::string& label, const app::SlaFigures& f) {
      table.rows.push_back({key, label, f.measured, f.met, f.breached, f.open_breached,
                            f.open_within, ShareCell(f.compliance())});
    };
    // Without a dimension: a total row per clock.
    if (!by) {
      row("first_response", Header(lang, "أول استجابة", "نخستین پاسخ", "First response"),
          report->first_response);
      row("resolution", Header(lang, "الإنجاز", "رسیدگی", "Resolution"), report->resolution);
    }
    for (const auto& r : report->rows) row(r.key, r.label, r.figures);
    return Download(std::move(table), *p.format, lang,
                    by ? "sla-" + *req.Query("by") : std::string("sla"), xlsx_);
  }
  Json rows = Json::array();
  for (const auto& r : report->rows) {
    Json row = figures(r.figures);
    row["key"] = r.key;
    row["label"] = r.label;
    rows.push_back(std::move(row));
  }
  return JsonResponse(200, Json{{"clock", std::string(d::ToString(asked))},
                                {"total", figures(t)},
                                {"rows", rows},
                                {"clocks", Json{{"first_response", figures(report->first_response)},
                                                {"resolution", figures(report->resolution)}}}});
}

Response ReportRoutes::ReportSatisfaction(Request& req, const app::Principal& who) {
  if (reports_ == nullptr) return Unavailable();
  ReportParams p;
  if (auto bad = ReadReportParams(who, req, p)) return *bad;
  auto s = reports_->Satisfaction(who, p.query);
  if (!s) return ReportError(s.error());
  if (p.download()) {
    const std::string& lang = who.user.language;
    app::ExportTable table;
    table.sheet = "satisfaction";
    table.headers = {Header(lang, "المفتاح", "کلید", "Key"),
                     Header(lang, "البند", "عنوان", "Label"),
                     Header(lang, "التقييمات", "امتیازها", "Ratings"),
                     Header(lang, "راضون (4-5)", "راضی (۴-۵)", "Satisfied (4-5)"),
                     Header(lang, "نسبة الرضا", "نسبت رضایت", "Share")};
    for (int i = 1; i <= 5; ++i) table.headers.push_back(std::to_string(i));
    auto row = [&](const char* key, const std::string& label, const app::RatingFigures& f) {
      std::vector<app::ExportTable::Cell> cells = {std::string(key), label, f.ratings, f.satisfied,
                                                   ShareCell(f.share())};
      for (std::int64_t n : f.distribution) cells.emplace_back(n);
      table.rows.push_back(std::move(cells));
    };
    row("calls", Header(lang, "المكالمات", "تماس‌ها", "Calls"), s->calls);
    row("requests", Header(lang, "الطلبات", "درخواست‌ها", "Requests"), s->requests);
    return Download(std::move(table), *p.format, lang, "satisfaction", xlsx_);
  }
  return JsonResponse(200,
                      Json{{"calls", RatingJson(s->calls)}, {"requests", RatingJson(s->requests)}});
}

Response ReportRoutes::ReportHeatmap(Request& req, const app::Principal& who) {
  if (reports_ == nullptr) return Unavailable();
  std::optional<app::HeatmapSubject> subject;
  ReportParams p;
  auto own = [&](QueryReader& q) { q.Enum("subject", subject, &app::ParseHeatmapSubject); };
  if (auto bad = ReadReportParams(who, req, p, own)) return *bad;
  auto map =
      reports_->Heatmap(who, p.query, subject.value_or(app::HeatmapSubject::kRequests));
  if (!map) return ReportError(map.error());
  const std::string name(app::ToString(map->subject));
  if (p.download()) {
    // The grid as read: a row per weekday (Monday first), a column per hour.
    const std::string& lang = who.user.language;
    app::ExportTable table;
    table.sheet = "heatmap";
    table.headers = {Header(lang, "اليوم", "روز", "Weekday")};
    for (int h = 0; h < 24; ++h) table.headers.push_back(std::to_string(h));
    for (const auto& day : kWeekdays) table.rows.push_back({Header(lang, day.ar, day.fa, day.en)});
    for (const auto& cell : map->cells) {
      table.rows[static_cast<std::size_t>(cell.weekday - 1)].emplace_back(cell.count);
    }
    return Download(std::move(table), *p.format, lang, "heatmap-" + name, xlsx_);
  }
  Json cells = Json::array();
  for (const auto& c : map->cells) {
    cells.push_back(Json{{"weekday", c.weekday}, {"hour", c.hour}, {"count", c.count}});
  }
  return JsonResponse(200, Json{{"subject", name}, {"cells", cells}});
}

Response ReportRoutes::ReportAgents(Request& req, const app::Principal& who) {
  if (reports_ == nullptr) return Unavailable();
  ReportParams p;
  if (auto bad = ReadReportParams(who, req, p)) return *bad;
  auto rows = reports_->Agents(who, p.query);
  if (!rows) return ReportError(rows.error());
  if (p.download()) {
    const std::string& lang = who.user.language;
    app::ExportTable table;
    table.sheet = "agents";
    table.headers = {
        Header(lang, "المفتاح", "کلید", "Key"),
        Header(lang, "الموظف", "کارمند", "Agent"),
        Header(lang, "الطلبات", "درخواست‌ها", "Requests"),
        Header(lang, "الاتصالات", "تماس‌ها", "Contacts"),
        Header(lang, "الإرشاد", "راهنمایی", "Guidance"),
        Header(lang, "الحل من أول اتصال", "حل در نخستین تماس", "First-contact resolution"),
        Header(lang, "الرضا", "رضایت", "Satisfaction")};
    for (const auto& r : *rows) {
      table.rows.push_back({r.key, r.label, r.requests, r.contacts, r.guidance,
                            ShareCell(r.first_contact_resolution), ShareCell(r.satisfaction)});
    }
    return Download(std::move(table), *p.format, lang, "agents", xlsx_);
  }
  Json items = Json::array();
  for (const auto& r : *rows) {
    items.push_back(Json{{"key", r.key},
                         {"label", r.label},
                         {"requests", r.requests},
                         {"contacts", r.contacts},
                         {"guidance", r.guidance},
                         {"first_contact_resolution", Nullable(r.first_contact_resolution)},
                         {"satisfaction", Nullable(r.satisfaction)}});
  }
  return JsonResponse(200, Json{{"rows", items}});
}

namespace {

Json FiguresJson(const app::ContactFigures& f) {
  return Json{{"offered", f.offered},
              {"answered", f.answered},
              {"answered_within", f.answered_within},
              {"abandoned", f.abandoned},
              {"missed", f.missed},
              {"rejected", f.rejected},
              {"forwarded", f.forwarded},
              {"voicemail", f.voicemail},
              {"outbound", f.outbound},
              {"guidance", f.guidance},
              {"registered", f.registered},
              {"wait", StatsJson(f.wait)},
              {"handle", StatsJson(f.handle)},
              {"abandon_wait", StatsJson(f.abandon_wait)},
              {"service_level", Nullable(f.service_level)},
              {"abandon_rate", Nullable(f.abandon_rate)},
              {"answer_rate", Nullable(f.answer_rate)},
              {"first_contact_resolution", Nullable(f.first_contact_resolution)}};
}

app::ExportTable::Cell MeanCell(const app::DurationStats& s) {
  if (s.mean) return *s.mean;
  return std::string();
}

}  // namespace

Response ReportRoutes::ReportContacts(Request& req, const app::Principal& who) {
  if (reports_ == nullptr) return Unavailable();
  std::optional<app::ContactsBy> by;
  int threshold = 20;
  ReportParams p;
  std::string level;
  auto own = [&](QueryReader& q) {
    q.Enum("by", by, &app::ParseContactsBy);
    q.Int("service_level_seconds", threshold, 1, 3600);
    q.String("level", level);
  };
  if (auto bad = ReadReportParams(who, req, p, own)) return *bad;
  app::RollUp roll;
  if (!level.empty()) {
    auto parsed = by == app::ContactsBy::kTopic
                      ? app::ParseRollUp(level, app::BreakdownBy::kCategory)
                      : std::nullopt;
    if (!parsed) return ReportError(base::Invalid("level", "takes by=topic: leaf or a depth from 1 to 9"));
    roll = *parsed;
  }
  auto report =
      reports_->Contacts(who, p.query, by.value_or(app::ContactsBy::kNone), threshold, roll);
  if (!report) return ReportError(report.error());
  if (p.download()) {
    const std::string& lang = who.user.language;
    app::ExportTable table;
    table.sheet = "contacts";
    table.headers = {Header(lang, "المفتاح", "کلید", "Key"),
                     Header(lang, "البند", "عنوان", "Label"),
                     Header(lang, "الواردة", "ورودی", "Offered"),
                     Header(lang, "المجابة", "پاسخ‌داده", "Answered"),
                     Header(lang, "المتروكة", "رهاشده", "Abandoned"),
                     Header(lang, "الفائتة", "از دست رفته", "Missed"),
                     Header(lang, "الصادرة", "خروجی", "Outbound"),
                     Header(lang, "مستوى الخدمة", "سطح خدمت", "Service level"),
                     Header(lang, "متوسط سرعة الرد (ث)", "میانگین سرعت پاسخ (ثانیه)", "ASA (s)"),
                     Header(lang, "متوسط مدة المعالجة (ث)", "میانگین زمان رسیدگی (ثانیه)", "AHT (s)"),
                     Header(lang, "نسبة الترك", "نرخ رهاشدن", "Abandon rate"),
                     Header(lang, "الإرشاد", "راهنمایی", "Guidance"),
                     Header(lang, "طلبات مسجلة", "درخواست‌های ثبت‌شده", "Requests registered"),
                     Header(lang, "الحل من أول اتصال", "حل در نخستین تماس", "First-contact resolution")};
    auto add = [&](const std::string& key, const std::string& label, const app::ContactFigures& f) {
      table.rows.push_back({key, label, f.offered, f.answered, f.abandoned, f.missed, f.outbound,
                            ShareCell(f.service_level), MeanCell(f.wait), MeanCell(f.handle),
                            ShareCell(f.abandon_rate), f.guidance, f.registered,
                            ShareCell(f.first_contact_resolution)});
    };
    for (const auto& r : report->rows) add(r.key, r.label, r.figures);
    add("total", Header(lang, "المجموع", "جمع", "Total"), report->total);
    return Download(std::move(table), *p.format, lang, "contacts", xlsx_);
  }
  Json rows = Json::array();
  for (const auto& r : report->rows) {
    rows.push_back(Json{{"key", r.key}, {"label", r.label}, {"figures", FiguresJson(r.figures)}});
  }
  return JsonResponse(200, Json{{"service_level_seconds", report->service_level_seconds},
                                {"total", FiguresJson(report->total)},
                                {"rows", std::move(rows)}});
}

}  // namespace tawasul::http
