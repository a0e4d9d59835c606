// Daily report totals (migration 0007, decision 0011): the triggers keep them; here the zone's
// offsets are stored, the totals recounted when the zone changes, and read back. Each read is one
// statement whose first row says whether the totals answer (built for the caller's zone, every
// request inside their coverage), so the check and the figures come from the same snapshot.
#include <string>

#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"

namespace tawasul::store {

using namespace rows;  // NOLINT(google-build-using-namespace): column lists and mappers

namespace {

/// Every request with its local day `d`, as the triggers compute it; requests before the first
/// offset have no day (SQLite: NULL, filtered by the caller) or no row (PostgreSQL). SQLite
/// looks the offset up per request, reading cases in table order; PostgreSQL joins the offsets
/// as ranges (several times faster there than calling report_local_day per request, and several
/// times slower on SQLite, where the join reads cases in created_at order across the table).
std::string CasesWithDay(Engine engine) {
  if (engine == Engine::kPostgres) {
    return "SELECT (c.created_at + CAST(o.offset_s AS BIGINT) * 1000000) / 86400000000 AS d, "
           "c.* FROM cases c JOIN (SELECT starts_at, offset_s, LEAD(starts_at, 1, "
           "9223372036854775807) OVER (ORDER BY starts_at) AS ends_at FROM report_zone_offsets) o "
           "ON c.created_at >= o.starts_at AND c.created_at < o.ends_at";
  }
  return "SELECT ((created_at + 1000000 * (SELECT o.offset_s FROM report_zone_offsets o WHERE "
         "o.starts_at <= created_at ORDER BY o.starts_at DESC LIMIT 1)) / 86400000000) AS d, "
         "cases.* FROM cases";
}

/// dim → the breakdown key of a cases row, as the triggers write it.
constexpr std::pair<const char*, const char*> kDims[] = {
    {"category", "CAST(category_id AS TEXT)"},
    {"unit", "COALESCE(CAST(unit_id AS TEXT), 'none')"},
    {"channel", "channel"},
    {"type", "type"},
    {"status", "status"},
    {"site", "COALESCE(CAST(site_id AS TEXT), 'none')"},
    {"agent", "COALESCE(CAST(created_by AS TEXT), 'none')"},
    // The suggested unit of a request not referred yet (migration 0018); no row otherwise.
    {"pending", "CASE WHEN unit_id IS NULL THEN CAST(suggested_unit_id AS TEXT) END"},
    // The branch it was taken at (migration 0021).
    {"branch", "COALESCE(CAST(branch_id AS TEXT), 'none')"},
};

/// A row (NULL, 0) when the totals are built for $1 and cover every request; the figures'
/// rows never have a NULL first column. MIN and MAX of the indexed created_at are one index
/// probe each on both engines.
constexpr std::string_view kUsable =
    "SELECT NULL, 0 FROM report_zone z WHERE z.fingerprint = $1 "
    "AND COALESCE((SELECT MIN(created_at) FROM cases), z.covers_from) >= z.covers_from "
    "AND COALESCE((SELECT MAX(created_at) FROM cases), z.covers_from) < z.covers_to UNION ALL ";

/// " AND day >= $n AND day <= $m" for the bounds that are set.
std::string DayBounds(app::ReportDayRange days, Params& params) {
  std::string out;
  if (days.first) {
    params.push_back(Int(*days.first));
    out += " AND day >= $" + std::to_string(params.size());
  }
  if (days.last) {
    params.push_back(Int(*days.last));
    out += " AND day <= $" + std::to_string(params.size());
  }
  return out;
}

}  // namespace

Result<bool> SqlStore::SetReportZone(const app::ReportZoneOffsets& zone) {
  return Write<bool>([&](Conn& c) -> Result<bool> {
    const auto current = c.Query("SELECT fingerprint FROM report_zone");
    if (!current.empty() && AsText(current[0][0]) == zone.fingerprint) return false;
    // No report_zone row while recounting: the triggers stay quiet (nothing else writes in
    // this transaction anyway).
    c.Exec("DELETE FROM report_zone");
    c.Exec("DELETE FROM report_zone_offsets");
    for (const auto& [from, offset] : zone.offsets) {
      c.Exec("INSERT INTO report_zone_offsets (starts_at, offset_s) VALUES ($1, $2)",
             {Micros(from), Int(offset)});
    }
    c.Exec("DELETE FROM report_day_totals");
    const std::string cases = CasesWithDay(c.engine());
    for (const auto& [dim, key] : kDims) {
      c.Exec("INSERT INTO report_day_totals (dim, day, value, n) SELECT '" + std::string(dim) +
             "', d, v, COUNT(*) FROM (SELECT d, " + key + " AS v FROM (" + cases +
             ") x) y WHERE d IS NOT NULL AND v IS NOT NULL GROUP BY d, v");
    }
    c.Exec(
        "INSERT INTO report_zone (id, fingerprint, covers_from, covers_to) VALUES (1, $1, $2, $3)",
        {Text(zone.fingerprint), Micros(zone.covers_from), Micros(zone.covers_to)});
    return true;
  });
}

std::optional<std::map<std::string, std::int64_t>> SqlStore::ReportTotalsByValue(
    const std::string& fingerprint, const std::string& dim, app::ReportDayRange days) {
  Params params = {Text(fingerprint), Text(dim)};
  const std::string sql = std::string(kUsable) +
                          "SELECT value, CAST(SUM(n) AS BIGINT) FROM report_day_totals WHERE dim = $2" +
                          DayBounds(days, params) + " GROUP BY value HAVING SUM(n) <> 0";
  return Read([&](Conn& c) -> std::optional<std::map<std::string, std::int64_t>> {
    const Rows rows = c.Query(sql, params);
    bool usable = false;
    std::map<std::string, std::int64_t> out;
    for (const Row& r : rows) {
      if (IsNull(r[0])) {
        usable = true;
      } else {
        out[AsText(r[0])] = AsInt(r[1]);
      }
    }
    if (!usable) return std::nullopt;
    return out;
  });
}

std::optional<std::map<std::int64_t, std::int64_t>> SqlStore::ReportTotalsByDay(
    const std::string& fingerprint, const std::string& dim, const std::vector<std::string>& values,
    app::ReportDayRange days) {
  Params params = {Text(fingerprint), Text(dim)};
  std::string where = DayBounds(days, params);
  if (!values.empty()) {
    where += " AND value IN (";
    for (std::size_t i = 0; i < values.size(); ++i) {
      params.push_back(Text(values[i]));
      where += (i == 0 ? "$" : ", $") + std::to_string(params.size());
    }
    where += ")";
  }
  const std::string sql = std::string(kUsable) +
                          "SELECT day, CAST(SUM(n) AS BIGINT) FROM report_day_totals WHERE dim = $2" + where +
                          " GROUP BY day HAVING SUM(n) <> 0";
  return Read([&](Conn& c) -> std::optional<std::map<std::int64_t, std::int64_t>> {
    const Rows rows = c.Query(sql, params);
    bool usable = false;
    std::map<std::int64_t, std::int64_t> out;
    for (const Row& r : rows) {
      if (IsNull(r[0])) {
        usable = true;
      } else {
        out[AsInt(r[0])] = AsInt(r[1]);
      }
    }
    if (!usable) return std::nullopt;
    return out;
  });
}

}  // namespace tawasul::store
