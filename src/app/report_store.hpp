#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "domain/model.hpp"

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
  bool operator==(const ReportCase&) const = default;
};

/// A call, visit or message as reports see it.
struct ReportContact {
  domain::Channel channel = domain::Channel::kPhone;
  domain::ContactDirection direction = domain::ContactDirection::kInbound;
  domain::ContactOutcome outcome = domain::ContactOutcome::kGuidance;
  std::optional<domain::CaseId> case_id;
  base::Time started_at{};
  bool operator==(const ReportContact&) const = default;
};

/// The reads reports make (store/sql_store_reports.cpp): exact rows, counted by app/ReportService.
class ReportStore {
 public:
  virtual ~ReportStore() = default;
  /// Requests created in [from, to) (either bound may be open); every registered request counts.
  virtual std::vector<ReportCase> ReportCases(std::optional<base::Time> from,
                                              std::optional<base::Time> to) = 0;
  /// Requests not closed now, whenever created.
  virtual std::vector<ReportCase> OpenReportCases() = 0;
  /// Contacts started in [from, to).
  virtual std::vector<ReportContact> ReportContacts(std::optional<base::Time> from,
                                                    std::optional<base::Time> to) = 0;

  // Topic tags: labels across categories that reports count on their own.
  /// Tags the request, creating the tag on first use, with a "tag" timeline event (field "tag",
  /// to = the tag). False when it already had the tag (nothing written). NotFound: no request.
  virtual base::Result<bool> TagCase(domain::CaseId id, const std::string& tag,
                                     std::optional<domain::UserId> actor, base::Time at) = 0;
  /// Removes the tag, with a "tag" event (from = the tag). False when it did not have it.
  virtual base::Result<bool> UntagCase(domain::CaseId id, const std::string& tag,
                                       std::optional<domain::UserId> actor, base::Time at) = 0;
  /// The request's tags, sorted.
  virtual std::vector<std::string> CaseTags(domain::CaseId id) = 0;
};

}  // namespace tawasul::app
