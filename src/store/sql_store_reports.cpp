// Report reads: the rows reports count, without any text, in one statement each.
#include <map>

#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"

namespace tawasul::store {

using namespace rows;  // NOLINT(google-build-using-namespace): column lists and mappers

namespace {

// The first action is the first response; the correlated MIN uses case_events(case_id, id).
constexpr std::string_view kReportCaseSelect =
    "SELECT id, type, category_id, channel, site_id, status, unit_id, created_by, created_at, "
    "closed_at, (SELECT MIN(e.at) FROM case_events e WHERE e.case_id = cases.id AND "
    "e.kind = 'action') FROM cases ";

app::ReportCase ReportCaseFrom(const Row& r) {
  app::ReportCase c;
  c.id = AsId<d::CaseId>(r[0]);
  c.type = Parsed(d::ParseCaseType, r[1], "case type");
  c.category_id = AsId<d::CategoryId>(r[2]);
  c.channel = Parsed(d::ParseChannel, r[3], "channel");
  c.site_id = AsOptId<d::SiteId>(r[4]);
  c.status = Parsed(d::ParseCaseStatus, r[5], "case status");
  c.unit_id = AsOptId<d::UnitId>(r[6]);
  c.created_by = AsOptId<d::UserId>(r[7]);
  c.created_at = AsTime(r[8]);
  c.closed_at = AsOptTime(r[9]);
  c.first_action_at = AsOptTime(r[10]);
  return c;
}

/// "WHERE col >= $1 AND col < $2" for the bounds that are set.
std::string Between(std::string_view col, std::optional<base::Time> from,
                    std::optional<base::Time> to, Params& params) {
  std::string where;
  if (from) {
    params.push_back(Micros(*from));
    where = "WHERE " + std::string(col) + " >= $" + std::to_string(params.size());
  }
  if (to) {
    params.push_back(Micros(*to));
    where += (where.empty() ? "WHERE " : " AND ") + std::string(col) + " < $" +
             std::to_string(params.size());
  }
  return where;
}

/// The cases `where` selects, with their tags (one more statement over the same rows).
std::vector<app::ReportCase> SelectReportCases(Conn& c, const std::string& where,
                                               const Params& params) {
  std::vector<app::ReportCase> out;
  for (const Row& r : c.Query(std::string(kReportCaseSelect) + where, params)) {
    out.push_back(ReportCaseFrom(r));
  }
  std::map<std::int64_t, std::size_t> index;
  for (std::size_t i = 0; i < out.size(); ++i) index[out[i].id.value] = i;
  const std::string tags_sql =
      "SELECT ct.case_id, t.name FROM case_tags ct JOIN tags t ON t.id = ct.tag_id "
      "WHERE ct.case_id IN (SELECT id FROM cases " +
      where + ") ORDER BY ct.case_id, t.name";
  for (const Row& r : c.Query(tags_sql, params)) {
    auto it = index.find(AsInt(r[0]));
    if (it != index.end()) out[it->second].tags.push_back(AsText(r[1]));
  }
  return out;
}

}  // namespace

std::vector<app::ReportCase> SqlStore::ReportCases(std::optional<base::Time> from,
                                                   std::optional<base::Time> to) {
  Params params;
  const std::string where = Between("created_at", from, to, params);
  return Read([&](Conn& c) { return SelectReportCases(c, where, params); });
}

std::vector<app::ReportCase> SqlStore::OpenReportCases() {
  return Read([&](Conn& c) { return SelectReportCases(c, "WHERE status <> 'closed'", {}); });
}

Result<bool> SqlStore::TagCase(d::CaseId id, const std::string& tag, std::optional<d::UserId> actor,
                               base::Time at) {
  return Write<bool>([&](Conn& c) -> Result<bool> {
    const base::Time when = Stamp(at);
    if (c.Query("SELECT 1 FROM cases WHERE id = $1", {IdValue(id)}).empty()) {
      return base::NotFound("No such request");
    }
    c.Exec("INSERT INTO tags (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
           {Text(tag), Micros(when)});
    const auto added = c.Query(
        "INSERT INTO case_tags (case_id, tag_id, added_by, added_at) "
        "SELECT $1, id, $2, $3 FROM tags WHERE name = $4 "
        "ON CONFLICT (case_id, tag_id) DO NOTHING RETURNING tag_id",
        {IdValue(id), IdOrNull(actor), Micros(when), Text(tag)});
    if (added.empty()) return false;
    AppendEvent(c, id, when, actor, "tag", "tag", "", tag, "");
    return true;
  });
}

Result<bool> SqlStore::UntagCase(d::CaseId id, const std::string& tag,
                                 std::optional<d::UserId> actor, base::Time at) {
  return Write<bool>([&](Conn& c) -> Result<bool> {
    const base::Time when = Stamp(at);
    if (c.Query("SELECT 1 FROM cases WHERE id = $1", {IdValue(id)}).empty()) {
      return base::NotFound("No such request");
    }
    const auto removed = c.Query(
        "DELETE FROM case_tags WHERE case_id = $1 AND tag_id = "
        "(SELECT id FROM tags WHERE name = $2) RETURNING tag_id",
        {IdValue(id), Text(tag)});
    if (removed.empty()) return false;
    AppendEvent(c, id, when, actor, "tag", "tag", tag, "", "");
    return true;
  });
}

std::vector<std::string> SqlStore::CaseTags(d::CaseId id) {
  return Read([&](Conn& c) {
    std::vector<std::string> out;
    for (const Row& r : c.Query("SELECT t.name FROM case_tags ct JOIN tags t ON t.id = ct.tag_id "
                                "WHERE ct.case_id = $1 ORDER BY t.name",
                                {IdValue(id)})) {
      out.push_back(AsText(r[0]));
    }
    return out;
  });
}

std::vector<app::ReportContact> SqlStore::ReportContacts(std::optional<base::Time> from,
                                                         std::optional<base::Time> to) {
  Params params;
  const std::string sql =
      "SELECT channel, direction, outcome, case_id, started_at, agent_id, answered_at, "
      "ended_at, queue, category_id, site_id, source_id FROM contacts " +
      Between("started_at", from, to, params);
  return Read([&](Conn& c) {
    std::vector<app::ReportContact> out;
    for (const Row& r : c.Query(sql, params)) {
      app::ReportContact k;
      k.channel = Parsed(d::ParseChannel, r[0], "channel");
      k.direction = Parsed(d::ParseContactDirection, r[1], "contact direction");
      k.outcome = Parsed(d::ParseContactOutcome, r[2], "contact outcome");
      k.case_id = AsOptId<d::CaseId>(r[3]);
      k.started_at = AsTime(r[4]);
      k.agent_id = AsOptId<d::UserId>(r[5]);
      k.answered_at = AsOptTime(r[6]);
      k.ended_at = AsOptTime(r[7]);
      k.queue = AsText(r[8]);
      k.category_id = AsOptId<d::CategoryId>(r[9]);
      k.site_id = AsOptId<d::SiteId>(r[10]);
      k.from_pbx = !IsNull(r[11]);
      out.push_back(std::move(k));
    }
    return out;
  });
}

}  // namespace tawasul::store
