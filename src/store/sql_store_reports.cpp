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
    "e.kind = 'action'), branch_id, suggested_unit_id FROM cases ";

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
  c.branch_id = AsOptId<d::UnitId>(r[11]);
  c.suggested_unit_id = AsOptId<d::UnitId>(r[12]);
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

std::vector<std::pair<d::CaseId, std::string>> SqlStore::ReportRequesterAttributes(
    std::optional<base::Time> from, std::optional<base::Time> to) {
  Params params;
  std::string where = Between("c.created_at", from, to, params);
  where += (where.empty() ? "WHERE " : " AND ") + std::string("r.attributes <> ''");
  return Read([&](Conn& c) {
    std::vector<std::pair<d::CaseId, std::string>> out;
    for (const Row& r : c.Query("SELECT c.id, r.attributes FROM cases c JOIN requesters r ON "
                                "r.id = c.requester_id " + where,
                                params)) {
      out.emplace_back(AsId<d::CaseId>(r[0]), AsText(r[1]));
    }
    return out;
  });
}

std::vector<app::ReportCase> SqlStore::OpenReportCases() {
  return Read([&](Conn& c) { return SelectReportCases(c, "WHERE status <> 'closed'", {}); });
}

namespace {

constexpr std::string_view kTagCols =
    "id, name, tag_key, name_ar, name_fa, name_en, colour, valid_from, valid_to, open_to_agents, "
    "active, created_at";

d::Tag TagFrom(const Row& r) {
  d::Tag t;
  t.id = AsInt(r[0]);
  t.name = AsText(r[1]);
  t.key = AsText(r[2]);
  t.names = {AsText(r[3]), AsText(r[4]), AsText(r[5])};
  t.colour = AsText(r[6]);
  t.valid_from = AsOptTime(r[7]);
  t.valid_to = AsOptTime(r[8]);
  t.open_to_agents = AsInt(r[9]) != 0;
  t.active = AsInt(r[10]) != 0;
  t.created_at = AsTime(r[11]);
  return t;
}

}  // namespace

void SqlStore::InsertCaseTag(Conn& c, d::CaseId id, const std::string& name,
                             const std::string& key, std::optional<d::UserId> actor,
                             base::Time when, bool* added_out) {
  c.Exec("INSERT INTO tags (name, tag_key, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
         {Text(name), Text(key), Micros(when)});
  const auto added = c.Query(
      "INSERT INTO case_tags (case_id, tag_id, added_by, added_at) "
      "SELECT $1, id, $2, $3 FROM tags WHERE tag_key = $4 "
      "ON CONFLICT (case_id, tag_id) DO NOTHING RETURNING tag_id",
      {IdValue(id), IdOrNull(actor), Micros(when), Text(key)});
  if (added_out) *added_out = !added.empty();
  if (added.empty()) return;
  const auto shown = c.Query("SELECT name FROM tags WHERE tag_key = $1", {Text(key)});
  AppendEvent(c, id, when, actor, "tag", "tag", "", shown.empty() ? name : AsText(shown[0][0]), "");
}

Result<bool> SqlStore::TagCase(d::CaseId id, const std::string& name, const std::string& key,
                               std::optional<d::UserId> actor, base::Time at) {
  return Write<bool>([&](Conn& c) -> Result<bool> {
    const base::Time when = Stamp(at);
    if (c.Query("SELECT 1 FROM cases WHERE id = $1", {IdValue(id)}).empty()) {
      return base::NotFound("No such request");
    }
    bool added = false;
    InsertCaseTag(c, id, name, key, actor, when, &added);
    return added;
  });
}

Result<bool> SqlStore::UntagCase(d::CaseId id, const std::string& key,
                                 std::optional<d::UserId> actor, base::Time at) {
  return Write<bool>([&](Conn& c) -> Result<bool> {
    const base::Time when = Stamp(at);
    if (c.Query("SELECT 1 FROM cases WHERE id = $1", {IdValue(id)}).empty()) {
      return base::NotFound("No such request");
    }
    const auto removed = c.Query(
        "DELETE FROM case_tags WHERE case_id = $1 AND tag_id = "
        "(SELECT id FROM tags WHERE tag_key = $2) RETURNING tag_id",
        {IdValue(id), Text(key)});
    if (removed.empty()) return false;
    const auto shown = c.Query("SELECT name FROM tags WHERE tag_key = $1", {Text(key)});
    AppendEvent(c, id, when, actor, "tag", "tag", shown.empty() ? key : AsText(shown[0][0]), "",
                "");
    return true;
  });
}

std::vector<d::Tag> SqlStore::ListTags() {
  return Read([&](Conn& c) {
    std::vector<d::Tag> out;
    for (const Row& r : c.Query("SELECT " + std::string(kTagCols) + " FROM tags ORDER BY name")) {
      out.push_back(TagFrom(r));
    }
    return out;
  });
}

std::optional<d::Tag> SqlStore::FindTag(const std::string& key) {
  return Read([&](Conn& c) -> std::optional<d::Tag> {
    const auto r = c.Query("SELECT " + std::string(kTagCols) + " FROM tags WHERE tag_key = $1",
                           {Text(key)});
    if (r.empty()) return std::nullopt;
    return TagFrom(r[0]);
  });
}

Result<d::Tag> SqlStore::CreateTag(const d::Tag& t) {
  return Write<d::Tag>([&](Conn& c) -> Result<d::Tag> {
    const auto r = c.Query(
        "INSERT INTO tags (name, tag_key, name_ar, name_fa, name_en, colour, valid_from, valid_to, "
        "open_to_agents, active, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
        "ON CONFLICT DO NOTHING RETURNING " + std::string(kTagCols),
        {Text(t.name), Text(t.key), Text(t.names.ar), Text(t.names.fa), Text(t.names.en),
         Text(t.colour), MicrosOrNull(t.valid_from), MicrosOrNull(t.valid_to),
         Int(t.open_to_agents ? 1 : 0), Int(t.active ? 1 : 0), Micros(Stamp(t.created_at))});
    if (r.empty()) return base::Conflict("name", "A tag with this name exists");
    return TagFrom(r[0]);
  });
}

Result<d::Tag> SqlStore::UpdateTag(const d::Tag& t) {
  return Write<d::Tag>([&](Conn& c) -> Result<d::Tag> {
    const auto r = c.Query(
        "UPDATE tags SET name_ar = $2, name_fa = $3, name_en = $4, colour = $5, valid_from = $6, "
        "valid_to = $7, open_to_agents = $8, active = $9 WHERE id = $1 RETURNING " +
            std::string(kTagCols),
        {Int(t.id), Text(t.names.ar), Text(t.names.fa), Text(t.names.en), Text(t.colour),
         MicrosOrNull(t.valid_from), MicrosOrNull(t.valid_to), Int(t.open_to_agents ? 1 : 0),
         Int(t.active ? 1 : 0)});
    if (r.empty()) return base::NotFound("No such tag");
    return TagFrom(r[0]);
  });
}

namespace {

/// Moves every request and contact of tag `from` to `into` (once each), then drops `from`.
void MoveTag(Conn& c, std::int64_t from, std::int64_t into) {
  for (const char* table : {"case_tags", "contact_tags"}) {
    const std::string owner = std::string(table) == "case_tags" ? "case_id" : "contact_id";
    c.Exec("INSERT INTO " + std::string(table) + " (" + owner + ", tag_id, added_by, added_at) "
           "SELECT " + owner + ", $2, added_by, added_at FROM " + table + " WHERE tag_id = $1 "
           "ON CONFLICT (" + owner + ", tag_id) DO NOTHING",
           {Int(from), Int(into)});
    c.Exec("DELETE FROM " + std::string(table) + " WHERE tag_id = $1", {Int(from)});
  }
  c.Exec("DELETE FROM tags WHERE id = $1", {Int(from)});
}

}  // namespace

Status SqlStore::MergeTag(std::int64_t from, std::int64_t into) {
  return Write<base::Ok>([&](Conn& c) -> Status {
    if (from == into) return base::Invalid("into", "is the same tag");
    for (std::int64_t id : {from, into}) {
      if (c.Query("SELECT 1 FROM tags WHERE id = $1", {Int(id)}).empty()) {
        return base::NotFound("No such tag");
      }
    }
    MoveTag(c, from, into);
    return base::Ok{};
  });
}

Result<std::int64_t> SqlStore::RekeyTag(std::int64_t id, const std::string& key) {
  return Write<std::int64_t>([&](Conn& c) -> Result<std::int64_t> {
    if (c.Query("SELECT 1 FROM tags WHERE id = $1", {Int(id)}).empty()) {
      return base::NotFound("No such tag");
    }
    const auto other = c.Query("SELECT id FROM tags WHERE tag_key = $1 AND id <> $2", {Text(key), Int(id)});
    std::int64_t keep = id;
    if (!other.empty()) {
      const std::int64_t them = AsInt(other[0][0]);
      keep = std::min(id, them);
      MoveTag(c, std::max(id, them), keep);
    }
    c.Exec("UPDATE tags SET tag_key = $2 WHERE id = $1", {Int(keep), Text(key)});
    return keep;
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
      "ended_at, queue, category_id, site_id, source_id, id, branch_id FROM contacts " +
      Between("started_at", from, to, params);
  return Read([&](Conn& c) {
    std::vector<app::ReportContact> out;
    std::map<std::int64_t, std::size_t> index;
    for (const Row& r : c.Query(sql, params)) {
      index[AsInt(r[12])] = out.size();
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
      k.branch_id = AsOptId<d::UnitId>(r[13]);
      out.push_back(std::move(k));
    }
    // Their tags: one more statement over the same rows (most contacts have none).
    Params tag_params;
    const std::string tags_sql =
        "SELECT ct.contact_id, t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id "
        "JOIN contacts k ON k.id = ct.contact_id " +
        Between("k.started_at", from, to, tag_params) + " ORDER BY ct.contact_id, t.name";
    for (const Row& r : c.Query(tags_sql, tag_params)) {
      auto it = index.find(AsInt(r[0]));
      if (it != index.end()) out[it->second].tags.push_back(AsText(r[1]));
    }
    return out;
  });
}

}  // namespace tawasul::store
