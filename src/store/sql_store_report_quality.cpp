// Quality report reads: post-call ratings and survey answers as rows, without phones or comments
// (reports carry no identity).
#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"

namespace tawasul::store {

using namespace rows;  // NOLINT(google-build-using-namespace): column lists and mappers

namespace {

/// " AND col >= $n AND col < $m" for the bounds that are set.
std::string Bounds(std::string_view col, std::optional<base::Time> from,
                   std::optional<base::Time> to, Params& params) {
  std::string out;
  if (from) {
    params.push_back(Micros(*from));
    out += " AND " + std::string(col) + " >= $" + std::to_string(params.size());
  }
  if (to) {
    params.push_back(Micros(*to));
    out += " AND " + std::string(col) + " < $" + std::to_string(params.size());
  }
  return out;
}

app::ReportRating RatingFrom(const Row& r) {
  app::ReportRating x;
  x.case_id = AsOptId<d::CaseId>(r[0]);
  x.agent_id = AsOptId<d::UserId>(r[1]);
  x.rating = static_cast<int>(AsInt(r[2]));
  x.at = AsTime(r[3]);
  return x;
}

}  // namespace

std::vector<app::ReportRating> SqlStore::ReportCallRatings(std::optional<base::Time> from,
                                                           std::optional<base::Time> to) {
  Params params;
  const std::string sql =
      "SELECT case_id, agent_id, rating, created_at FROM call_ratings WHERE 1 = 1" +
      Bounds("created_at", from, to, params) + " ORDER BY id";
  return Read([&](Conn& c) {
    std::vector<app::ReportRating> out;
    for (const Row& r : c.Query(sql, params)) out.push_back(RatingFrom(r));
    return out;
  });
}

std::vector<app::ReportRating> SqlStore::ReportSurveyRatings(std::optional<base::Time> from,
                                                             std::optional<base::Time> to) {
  Params params;
  const std::string sql =
      "SELECT s.case_id, NULL, s.rating, s.answered_at FROM surveys s JOIN cases c ON "
      "c.id = s.case_id WHERE s.rating IS NOT NULL AND s.answered_at IS NOT NULL" +
      Bounds("c.created_at", from, to, params) + " ORDER BY s.id";
  return Read([&](Conn& c) {
    std::vector<app::ReportRating> out;
    for (const Row& r : c.Query(sql, params)) out.push_back(RatingFrom(r));
    return out;
  });
}

}  // namespace tawasul::store
