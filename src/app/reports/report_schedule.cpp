#include "app/reports/report_schedule.hpp"

#include <algorithm>
#include <cstdio>

#include "app/admin/admin_audit.hpp"
#include "domain/identity.hpp"
#include "domain/permissions.hpp"
#include "domain/report_period.hpp"
#include "domain/validation.hpp"

namespace tawasul::app {

namespace dom = tawasul::domain;
using base::Error;
using base::ErrorCode;

namespace {

std::string Text(const std::string& lang, const char* ar, const char* fa, const char* en) {
  return lang == "fa" ? fa : lang == "en" ? en : ar;
}

std::string Label(const dom::LocalizedName& n, const std::string& lang) {
  const std::string& want = lang == "fa" ? n.fa : lang == "en" ? n.en : n.ar;
  if (!want.empty()) return want;
  return !n.ar.empty() ? n.ar : !n.fa.empty() ? n.fa : n.en;
}

std::string DateText(dom::CivilDate d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

dom::CalendarKind KindOf(const std::string& calendar) {
  if (calendar == "persian") return dom::CalendarKind::kJalali;
  if (calendar == "islamic-umalqura") return dom::CalendarKind::kHijriUmmAlQura;
  return dom::CalendarKind::kGregorian;
}

std::string Describe(const ReportSchedule& s) {
  std::string to;
  for (const auto& r : s.recipients) to += (to.empty() ? "" : ",") + r;
  return "unit_id=" + std::to_string(s.unit_id.value) + "; recipients=" + to +
         "; language=" + s.language + "; active=" + (s.active ? "true" : "false");
}

/// The month before the one holding `now`, in the center's calendar and zone.
struct Month {
  std::string label, first, last;  ///< label; first and last day in that calendar
  dom::CalendarKind kind;
};

base::Result<Month> LastMonth(const CenterSettings& center, base::Time now) {
  auto zone = dom::TimeZone::Make(center.time_zone);
  if (!zone) return zone.error();
  dom::CalendarConverter conv;
  const auto kind = KindOf(center.calendar);
  const auto today = std::chrono::floor<std::chrono::days>(zone->ToLocal(now));
  const auto current = dom::PeriodOf(conv, kind, dom::PeriodUnit::kMonth, today);
  const auto prev =
      dom::PeriodOf(conv, kind, dom::PeriodUnit::kMonth, current.first - std::chrono::days(1));
  return Month{prev.label, DateText(conv.FromDays(kind, prev.first)),
               DateText(conv.FromDays(kind, prev.end - std::chrono::days(1))), kind};
}

}  // namespace

ReportScheduleService::ReportScheduleService(ReportScheduleServiceStore& store,
                                             ReportService& reports,
                                             InstallationRef& installation,
                                             const base::Clock& clock, XlsxWriter xlsx)
    : store_(store), reports_(reports), installation_(installation), clock_(clock), xlsx_(xlsx) {}

base::Result<ReportSchedule> ReportScheduleService::Check(ReportSchedule s) {
  auto unit = store_.GetUnit(s.unit_id);
  if (!unit) return base::Invalid("unit_id", "no such unit");
  if (s.recipients.empty()) return base::Invalid("recipients", "needs at least one address");
  if (s.recipients.size() > 20) return base::Invalid("recipients", "at most 20 addresses");
  for (std::size_t i = 0; i < s.recipients.size(); ++i) {
    auto email = dom::NormalizeEmail(s.recipients[i]);
    if (!email) return base::Invalid("recipients[" + std::to_string(i) + "]", email.error().message);
    s.recipients[i] = *email;
  }
  if (!dom::IsSupportedLanguage(s.language)) return base::Invalid("language", "must be ar, fa or en");
  return s;
}

base::Result<std::vector<ReportSchedule>> ReportScheduleService::List(const Principal& who) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  return store_.ListReportSchedules();
}

base::Result<ReportSchedule> ReportScheduleService::Create(const Principal& who,
                                                           const ReportScheduleInput& in) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  if (!in.unit_id) return base::Invalid("unit_id", "is required");
  ReportSchedule s;
  s.unit_id = *in.unit_id;
  s.recipients = in.recipients.value_or(std::vector<std::string>{});
  s.language = in.language.value_or(installation_.Get()->settings().languages.front());
  s.active = in.active.value_or(true);
  auto checked = Check(s);
  if (!checked) return checked.error();
  auto made = store_.CreateReportSchedule(*checked);
  if (made) RecordAdminChange(store_, who, "report_schedule", std::to_string(made->id), "create", "", Describe(*made));
  return made;
}

base::Result<ReportSchedule> ReportScheduleService::Update(const Principal& who, std::int64_t id,
                                                           const ReportScheduleInput& in) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  const auto all = store_.ListReportSchedules();
  auto it = std::find_if(all.begin(), all.end(), [&](const ReportSchedule& s) { return s.id == id; });
  if (it == all.end()) return base::NotFound("No such report schedule");
  ReportSchedule s = *it;
  if (in.unit_id) s.unit_id = *in.unit_id;
  if (in.recipients) s.recipients = *in.recipients;
  if (in.language) s.language = *in.language;
  if (in.active) s.active = *in.active;
  auto checked = Check(s);
  if (!checked) return checked.error();
  auto done = store_.UpdateReportSchedule(*checked);
  if (done) RecordAdminChange(store_, who, "report_schedule", std::to_string(id), "update", Describe(*it), Describe(*done));
  return done;
}

base::Status ReportScheduleService::Delete(const Principal& who, std::int64_t id) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  const auto all = store_.ListReportSchedules();
  auto it = std::find_if(all.begin(), all.end(), [&](const ReportSchedule& s) { return s.id == id; });
  if (it == all.end()) return base::NotFound("No such report schedule");
  auto done = store_.DeleteReportSchedule(id);
  if (done) RecordAdminChange(store_, who, "report_schedule", std::to_string(id), "delete", Describe(*it), "");
  return done;
}

base::Result<MonthlyReport> ReportScheduleService::Build(dom::UnitId unit_id,
                                                         const std::string& lang,
                                                         base::Time now) {
  const auto inst = installation_.Get();
  auto month = LastMonth(inst->settings(), now);
  if (!month) return month.error();
  auto unit = store_.GetUnit(unit_id);
  if (!unit) return base::Invalid("unit_id", "no such unit");
  // Read as an analyst would, in the schedule's language, narrowed to the unit's subtree.
  Principal reader;
  reader.user.role = dom::Role::kAnalyst;
  reader.user.language = lang;
  reader.user.active = true;
  ReportQuery q;
  q.from = month->first;
  q.to = month->last;
  q.calendar = month->kind;
  q.unit_id = unit_id;

  MonthlyReport out;
  out.period = month->label;
  ExportTable& t = out.table;
  t.sheet = month->label;
  t.right_to_left = lang != "en";
  t.headers = {Text(lang, "القسم", "بخش", "Section"), Text(lang, "البند", "عنوان", "Item"),
               Text(lang, "العدد", "تعداد", "Count")};
  auto row = [&](const std::string& section, const std::string& item, ExportTable::Cell value) {
    t.rows.push_back({section, item, std::move(value)});
  };
  const std::string about = Text(lang, "التقرير", "گزارش", "Report");
  row(about, Text(lang, "الجهة", "واحد", "Unit"), Label(unit->name, lang));
  row(about, Text(lang, "الشهر", "ماه", "Month"), month->label);
  row(about, Text(lang, "من", "از", "From"), month->first);
  row(about, Text(lang, "إلى", "تا", "To"), month->last);

  auto summary = reports_.Summary(reader, q);
  if (!summary) return summary.error();
  const std::string totals = Text(lang, "الإجماليات", "جمع‌ها", "Totals");
  row(totals, Text(lang, "الطلبات المحالة إلى الجهة", "درخواست‌های ارجاع‌شده به واحد", "Requests referred to the unit"), summary->requests);
  row(totals, Text(lang, "المفتوحة الآن", "باز در حال حاضر", "Open now"), summary->backlog);
  if (summary->resolution.median) {
    row(totals, Text(lang, "وسيط مدة الإغلاق (ساعات)", "میانهٔ زمان بستن (ساعت)", "Median time to close (hours)"),
        static_cast<double>(*summary->resolution.median) / 3600.0);
  }
  auto sla = reports_.Sla(reader, q, std::nullopt);
  if (sla) {
    const std::string s = Text(lang, "مستوى الخدمة", "سطح خدمت", "Service level");
    row(s, Text(lang, "الإغلاق في الموعد", "بستن در مهلت", "Closed on time"), sla->resolution.met);
    row(s, Text(lang, "الإغلاق بعد الموعد", "بستن پس از مهلت", "Closed late"), sla->resolution.breached);
    row(s, Text(lang, "مفتوحة متأخرة", "باز و دیرکرد", "Open and late"), sla->resolution.open_breached);
    row(s, Text(lang, "الرد الأول في الموعد", "پاسخ اول در مهلت", "First response on time"), sla->first_response.met);
    row(s, Text(lang, "الرد الأول بعد الموعد", "پاسخ اول پس از مهلت", "First response late"), sla->first_response.breached);
  }
  struct Part {
    BreakdownBy by;
    RollUp roll;
    const char *ar, *fa, *en;
  };
  const Part parts[] = {
      {BreakdownBy::kCategory, RollUp{RollUp::Kind::kDepth, 1, dom::UnitKind::kDirectorate},
       "التصنيف الرئيسي", "دستهٔ اصلی", "Top category"},
      {BreakdownBy::kCategory, RollUp{}, "التصنيف", "دسته", "Category"},
      {BreakdownBy::kUnit, RollUp{}, "الجهة", "واحد", "Unit"},
      {BreakdownBy::kChannel, RollUp{}, "القناة", "کانال", "Channel"},
      {BreakdownBy::kStatus, RollUp{}, "الحالة", "وضعیت", "Status"},
  };
  for (const Part& p : parts) {
    auto rows = reports_.Breakdown(reader, q, p.by, p.roll);
    if (!rows) continue;  // e.g. a taxonomy without depth: that part is left out
    for (const auto& r : *rows) row(Text(lang, p.ar, p.fa, p.en), r.label, r.count);
  }
  return out;
}

base::Result<bool> ReportScheduleService::Queue(const ReportSchedule& s,
                                                const std::string& expected_last) {
  auto report = Build(s.unit_id, s.language, clock_.Now());
  if (!report) return report.error();
  auto unit = store_.GetUnit(s.unit_id);
  const std::string& lang = s.language;
  const std::string unit_name = unit ? Label(unit->name, lang) : std::to_string(s.unit_id.value);
  const auto center = installation_.Get()->settings();
  dom::MessageFile file;
  if (xlsx_ != nullptr) {
    file = {"tawasul-" + (unit ? unit->code : std::string("unit")) + "-" + report->period + ".xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            xlsx_(report->table)};
  } else {
    file = {"tawasul-" + (unit ? unit->code : std::string("unit")) + "-" + report->period + ".csv",
            "text/csv; charset=UTF-8", ToCsv(report->table)};
  }
  std::vector<dom::OutboxMessage> messages;
  for (const auto& to : s.recipients) {
    dom::OutboxMessage m;
    m.channel = "email";
    m.template_name = "monthly_report";
    m.recipient = to;
    m.language = lang;
    m.subject = Text(lang, "أرقام الشهر ", "آمار ماه ", "Monthly figures ") + report->period + " — " + unit_name;
    m.body = Text(lang, "مرفق أرقام الشهر ", "آمار ماه ", "Attached are the figures for ") +
             report->period + Text(lang, " لـ", " برای ", " for ") + unit_name +
             Text(lang, " والجهات التابعة لها.\n", " و واحدهای زیرمجموعه پیوست است.\n", " and the units below it.\n") +
             Label(center.center_name, lang) + "\n";
    m.file = file;
    messages.push_back(std::move(m));
  }
  return store_.QueueScheduledReport(s.id, expected_last, report->period, messages);
}

base::Result<std::string> ReportScheduleService::SendNow(const Principal& who, std::int64_t id) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  const auto all = store_.ListReportSchedules();
  auto it = std::find_if(all.begin(), all.end(), [&](const ReportSchedule& s) { return s.id == id; });
  if (it == all.end()) return base::NotFound("No such report schedule");
  auto queued = Queue(*it, it->last_period);
  if (!queued) return queued.error();
  if (!*queued) return Error{ErrorCode::kConflict, "The schedule changed meanwhile; try again", {}};
  auto month = LastMonth(installation_.Get()->settings(), clock_.Now());
  if (!month) return month.error();
  RecordAdminChange(store_, who, "report_schedule", std::to_string(id), "send", "", month->label);
  return month->label;
}

base::Result<MonthlyReport> ReportScheduleService::Preview(const Principal& who, std::int64_t id) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  for (const ReportSchedule& s : store_.ListReportSchedules()) {
    if (s.id == id) return Build(s.unit_id, s.language, clock_.Now());
  }
  return base::NotFound("No such report schedule");
}

int ReportScheduleService::RunOnce() {
  auto month = LastMonth(installation_.Get()->settings(), clock_.Now());
  if (!month) return 0;
  int queued = 0;
  for (const ReportSchedule& s : store_.ListReportSchedules()) {
    if (!s.active || s.last_period == month->label) continue;
    auto done = Queue(s, s.last_period);
    if (done && *done) ++queued;
  }
  return queued;
}

}  // namespace tawasul::app
