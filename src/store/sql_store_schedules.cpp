// Scheduled reports (migration 0020): the schedules, and one month's emails queued with their
// spreadsheets in the transaction that records the month, so each goes once.
#include <string>

#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"

namespace tawasul::store {

using namespace rows;  // NOLINT(google-build-using-namespace): column lists and mappers

namespace {

constexpr std::string_view kScheduleCols =
    "id, unit_id, recipients, language, active, last_period, created_at";

std::string JoinLines(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : "\n") + x;
  return out;
}

std::vector<std::string> SplitLines(const std::string& s) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < s.size()) {
    const std::size_t end = s.find('\n', at);
    const std::string line = s.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (!line.empty()) out.push_back(line);
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return out;
}

app::ReportSchedule ScheduleFrom(const Row& r) {
  app::ReportSchedule s;
  s.id = AsInt(r[0]);
  s.unit_id = AsId<d::UnitId>(r[1]);
  s.recipients = SplitLines(AsText(r[2]));
  s.language = AsText(r[3]);
  s.active = AsInt(r[4]) != 0;
  s.last_period = AsText(r[5]);
  s.created_at = AsTime(r[6]);
  return s;
}

}  // namespace

std::vector<app::ReportSchedule> SqlStore::ListReportSchedules() {
  return Read([&](Conn& c) {
    std::vector<app::ReportSchedule> out;
    for (const Row& r : c.Query(Select(kScheduleCols, "report_schedules", "ORDER BY id"))) {
      out.push_back(ScheduleFrom(r));
    }
    return out;
  });
}

Result<app::ReportSchedule> SqlStore::CreateReportSchedule(const app::ReportSchedule& s) {
  return Write<app::ReportSchedule>([&](Conn& c) -> Result<app::ReportSchedule> {
    app::ReportSchedule out = s;
    out.created_at = Stamp(s.created_at);
    const auto r = c.Query(
        "INSERT INTO report_schedules (unit_id, recipients, language, active, last_period, "
        "created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        {IdValue(s.unit_id), Text(JoinLines(s.recipients)), Text(s.language), Bool(s.active),
         Text(s.last_period), Micros(out.created_at)});
    out.id = AsInt(r.at(0).at(0));
    return out;
  });
}

Result<app::ReportSchedule> SqlStore::UpdateReportSchedule(const app::ReportSchedule& s) {
  return Write<app::ReportSchedule>([&](Conn& c) -> Result<app::ReportSchedule> {
    const auto r = c.Query(
        "UPDATE report_schedules SET unit_id = $2, recipients = $3, language = $4, active = $5 "
        "WHERE id = $1 RETURNING " + std::string(kScheduleCols),
        {Int(s.id), IdValue(s.unit_id), Text(JoinLines(s.recipients)), Text(s.language),
         Bool(s.active)});
    if (r.empty()) return base::NotFound("no such report schedule");
    return ScheduleFrom(r[0]);
  });
}

Status SqlStore::DeleteReportSchedule(std::int64_t id) {
  return Write<base::Ok>([&](Conn& c) -> Status {
    if (c.Exec("DELETE FROM report_schedules WHERE id = $1", {Int(id)}) == 0) {
      return base::NotFound("no such report schedule");
    }
    return base::Ok{};
  });
}

Result<bool> SqlStore::QueueScheduledReport(std::int64_t id, const std::string& expected_last,
                                            const std::string& period,
                                            const std::vector<d::OutboxMessage>& messages) {
  return Write<bool>([&](Conn& c) -> Result<bool> {
    if (c.Query("SELECT 1 FROM report_schedules WHERE id = $1", {Int(id)}).empty()) {
      return base::NotFound("no such report schedule");
    }
    if (c.Exec("UPDATE report_schedules SET last_period = $3 WHERE id = $1 AND last_period = $2",
               {Int(id), Text(expected_last), Text(period)}) == 0) {
      return false;
    }
    const base::Time now = Stamp(base::Time{});
    for (const d::OutboxMessage& m : messages) {
      const auto r = c.Query(
          "INSERT INTO outbox (case_id, channel, template, recipient, language, subject, body, "
          "status, next_attempt_at, created_at, segments) "
          "VALUES (NULL, $1, $2, $3, $4, $5, $6, 'queued', $7, $7, 0) RETURNING id",
          {Text(m.channel), Text(m.template_name), Text(m.recipient), Text(m.language),
           Text(m.subject), Text(m.body), Micros(now)});
      if (m.file) {
        c.Exec(
            "INSERT INTO outbox_files (message_id, filename, media_type, content) "
            "VALUES ($1, $2, $3, $4)",
            {Int(AsInt(r.at(0).at(0))), Text(m.file->filename), Text(m.file->media_type),
             Bytes(m.file->content)});
      }
    }
    return true;
  });
}

}  // namespace tawasul::store
