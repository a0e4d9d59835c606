#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "domain/model.hpp"
#include "app/reports/tag_store.hpp"
#include "domain/tag.hpp"

namespace tawasul::app {

/// A request as reports see it: the facts they count, no text.
struct ReportCase {
  domain::CaseId id;
  domain::CaseType type = domain::CaseType::kComplaint;
  domain::CategoryId category_id;
  domain::Channel channel = domain::Channel::kPhone;
  std::optional<domain::SiteId> site_id;
  domain::CaseStatus status = domain::CaseStatus::kNew;
  std::optional<domain::UnitId> unit_id;
  std::optional<domain::UserId> created_by;
  base::Time created_at{};
  std::optional<base::Time> closed_at;
  /// The first workflow action on its timeline (the first response to the citizen's request).
  std::optional<base::Time> first_action_at;
  std::vector<std::string> tags;  ///< its topic tags, sorted
  std::optional<domain::UnitId> branch_id = {};  ///< where it was taken
  std::optional<domain::UnitId> suggested_unit_id = {};  ///< where routing would refer it
  /// Its requester's attributes now; filled only for a breakdown by attribute.
  std::map<std::string, std::string> attributes = {};
  bool operator==(const ReportCase&) const = default;
};

/// A call, visit or message as reports see it.
struct ReportContact {
  domain::Channel channel = domain::Channel::kPhone;
  domain::ContactDirection direction = domain::ContactDirection::kInbound;
  domain::ContactOutcome outcome = domain::ContactOutcome::kGuidance;
  std::optional<domain::CaseId> case_id;
  base::Time started_at{};
  std::optional<domain::UserId> agent_id;  ///< who logged it
  std::optional<base::Time> answered_at;
  std::optional<base::Time> ended_at;
  std::string queue;
  std::optional<domain::CategoryId> category_id;  ///< the topic
  std::optional<domain::SiteId> site_id;          ///< a visit's counter (a site)
  std::optional<domain::UnitId> branch_id;        ///< the branch it was taken at
  bool from_pbx = false;  ///< reported by a telephone system (its wait is measured)
  std::vector<std::string> tags = {};  ///< topic tags' names
  bool operator==(const ReportContact&) const = default;
};

/// A satisfaction rating as reports see it: a post-call rating or a survey answer.
struct ReportRating {
  std::optional<domain::CaseId> case_id;
  std::optional<domain::UserId> agent_id;  ///< the call's agent (call ratings)
  int rating = 0;                          ///< 1-5
  base::Time at{};                         ///< when it was given
  bool operator==(const ReportRating&) const = default;
};

/// What the daily report totals bucket by (migration 0007, decision 0011): the installation's
/// UTC offsets, so the store can tell a request's local day without knowing time zones.
struct ReportZoneOffsets {
  std::string fingerprint;  ///< the zone's name and a hash of the offsets below
  base::Time covers_from{};  ///< requests created in [covers_from, covers_to) are bucketed
  base::Time covers_to{};
  /// (from, UTC offset in seconds) in time order; the first starts at covers_from.
  std::vector<std::pair<base::Time, std::int32_t>> offsets;
};

/// Local days (days since 1970-01-01 on the zone's wall clock), both included; unset: open.
struct ReportDayRange {
  std::optional<std::int64_t> first;
  std::optional<std::int64_t> last;
};

/// The reads reports make (store/sql_store_reports.cpp): exact rows, counted by app/ReportService.
class ReportStore : public virtual TagStore {
 public:
  virtual ~ReportStore() = default;
  /// Requests created in [from, to) (either bound may be open); every registered request counts.
  virtual std::vector<ReportCase> ReportCases(std::optional<base::Time> from,
                                              std::optional<base::Time> to) = 0;
  /// The requesters' attributes (domain::EncodeAttributes) of the requests created in
  /// [from, to) whose requester has any, by request.
  virtual std::vector<std::pair<domain::CaseId, std::string>> ReportRequesterAttributes(
      std::optional<base::Time> from, std::optional<base::Time> to) = 0;
  /// Requests not closed now, whenever created.
  virtual std::vector<ReportCase> OpenReportCases() = 0;
  /// Contacts started in [from, to).
  virtual std::vector<ReportContact> ReportContacts(std::optional<base::Time> from,
                                                    std::optional<base::Time> to) = 0;
  /// Post-call ratings given in [from, to) (store/sql_store_report_quality.cpp).
  virtual std::vector<ReportRating> ReportCallRatings(std::optional<base::Time> from,
                                                      std::optional<base::Time> to) = 0;
  /// Answered surveys of the requests created in [from, to).
  virtual std::vector<ReportRating> ReportSurveyRatings(std::optional<base::Time> from,
                                                        std::optional<base::Time> to) = 0;

  // Daily totals per dimension (store/sql_store_report_totals.cpp), kept by triggers on cases in
  // the transaction of every write. dim: category, unit, channel, type, status, site or agent;
  // a value is the breakdown's key. Reads answer nullopt when the totals were not built for
  // `fingerprint` or a request lies outside their coverage: then count raw rows.
  /// Makes the totals bucket by `zone`: unless already built for its fingerprint, stores its
  /// offsets and recounts every request, in one transaction. True when it rebuilt.
  virtual base::Result<bool> SetReportZone(const ReportZoneOffsets& zone) = 0;
  /// Requests created on `days` by value of `dim` (values with no requests left out).
  virtual std::optional<std::map<std::string, std::int64_t>> ReportTotalsByValue(
      const std::string& fingerprint, const std::string& dim, ReportDayRange days) = 0;
  /// Requests created on `days` whose `dim` is one of `values`, by local day.
  virtual std::optional<std::map<std::int64_t, std::int64_t>> ReportTotalsByDay(
      const std::string& fingerprint, const std::string& dim,
      const std::vector<std::string>& values, ReportDayRange days) = 0;

  // Topic tags: labels across categories that reports count on their own, kept in a registry
  // and matched by their folded key (domain::TagKey).
  /// Tags the request with the tag keyed `key`, creating it as `name` on first use, with a "tag"
  /// timeline event (field "tag", to = the tag's name). False when it already had the tag
  /// (nothing written). NotFound: no request.
  virtual base::Result<bool> TagCase(domain::CaseId id, const std::string& name,
                                     const std::string& key, std::optional<domain::UserId> actor,
                                     base::Time at) = 0;
  /// Removes the tag keyed `key`, with a "tag" event (from = its name). False when it did not
  /// have it.
  virtual base::Result<bool> UntagCase(domain::CaseId id, const std::string& key,
                                       std::optional<domain::UserId> actor, base::Time at) = 0;
  virtual std::vector<std::string> CaseTags(domain::CaseId id) = 0;
};

}  // namespace tawasul::app
