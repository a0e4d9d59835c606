#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/installation/installation.hpp"
#include "app/auth/principal.hpp"
#include "app/reports/report_quality.hpp"
#include "app/reports/report_store.hpp"
#include "app/reports/report_service_store.hpp"
#include "base/result.hpp"
#include "base/time.hpp"
#include "domain/calendar.hpp"
#include "domain/report_period.hpp"
#include "domain/sla_clock.hpp"

namespace tawasul::app {

/// What a report counts. `from` / `to` are RFC 3339 instants (to exclusive) or dates written
/// in `calendar` (YYYY-MM-DD, both days included, in the installation's time zone).
/// A new filter must also be applied or refused by the daily totals (report_totals.cpp).
struct ReportQuery {
  std::string from;
  std::string to;
  domain::CalendarKind calendar = domain::CalendarKind::kGregorian;
  std::optional<domain::UnitId> unit_id;          ///< the unit and its subtree
  std::optional<domain::CategoryId> category_id;  ///< the category and its subtree
  std::optional<domain::Channel> channel;
  std::optional<domain::CaseType> type;
  std::optional<domain::SiteId> site_id;
  std::string tag;  ///< only requests with this topic tag; empty: any
  /// Only requests this user registered (created_by) and contacts they logged.
  std::optional<domain::UserId> agent_id;
  /// Only requests and contacts taken at this branch (a unit of kind branch).
  std::optional<domain::UnitId> branch_id;
  /// The requester attribute a breakdown by=attribute counts (the profile's key, e.g. "role").
  std::string attribute;
};

enum class BreakdownBy {
  kCategory, kChannel, kType, kStatus, kUnit, kSite, kAgent, kTag, kBranch,
  kAttribute,  ///< a requester attribute (ReportQuery::attribute), as the requester has it now
};
std::optional<BreakdownBy> ParseBreakdownBy(std::string_view s);

/// The rows of a breakdown by `by` that request `c` counts in, keyed as every report keys them
/// (an id, an enum's wire name, or "none" when unset): one row, or one per topic tag.
std::vector<std::string> RowKeys(const ReportCase& c, BreakdownBy by,
                                 const std::string& attribute = {});

/// How a breakdown by category or unit rolls its rows up the tree (`level=`): not at all (each
/// request under its own node; "leaf"), to the node at a depth (1 = the top level), or, for
/// units, to the nearest unit of a kind at or above the request's (e.g. its directorate). A
/// request whose node lies above the level counts under its own node, so every request counts
/// in exactly one row.
struct RollUp {
  enum class Kind { kNone, kDepth, kUnitKind };
  Kind kind = Kind::kNone;
  int depth = 0;
  domain::UnitKind unit_kind = domain::UnitKind::kDirectorate;
  bool operator==(const RollUp&) const = default;
};
/// "leaf", a depth "1".."9", or (units only) a unit kind's wire name; nullopt when unknown.
std::optional<RollUp> ParseRollUp(std::string_view s, BreakdownBy by);

/// A tag as administrators write it; unset members stay (on a change) or take their defaults.
struct TagInput {
  std::optional<std::string> name;  ///< only when adding: the key is folded from it
  std::optional<domain::LocalizedName> names;
  std::optional<std::string> colour;
  std::optional<std::optional<base::Time>> valid_from;
  std::optional<std::optional<base::Time>> valid_to;
  std::optional<bool> open_to_agents;
  std::optional<bool> active;
};

struct BreakdownRow {
  std::string key;    ///< an id, an enum's wire name or a tag; "none" when unset
  std::string label;  ///< in the reader's language
  std::int64_t count = 0;
  /// A breakdown by unit: of `count`, the requests not referred yet that routing suggests for
  /// this unit (or the units below it, rolled up).
  std::int64_t not_yet_referred = 0;
  bool operator==(const BreakdownRow&) const = default;
};

struct TrendRow {
  std::string period;  ///< the calendar's own label (domain::ReportPeriod)
  std::string from;    ///< Gregorian local date of the first day
  std::string to;      ///< Gregorian local date after the last day (exclusive)
  std::int64_t count = 0;
  bool operator==(const TrendRow&) const = default;
};

/// Seconds; nearest-rank median and 90th percentile; empty when nothing was measured.
struct DurationStats {
  std::int64_t count = 0;
  std::optional<double> mean;
  std::optional<std::int64_t> median;
  std::optional<std::int64_t> p90;
  bool operator==(const DurationStats&) const = default;
};

struct ReportSummary {
  std::int64_t requests = 0;
  /// Contacts that made no request and were about none (guidance, no answer, ...), by channel.
  std::vector<BreakdownRow> contacts_apart;
  std::int64_t contacts_apart_total = 0;
  /// Inbound contacts answered by guidance ÷ (those + inbound contacts that registered a
  /// request): the share settled at the first contact. Empty when there were none.
  std::optional<double> first_contact_resolution;
  std::int64_t backlog = 0;         ///< requests open now (filters apply, the period does not)
  std::vector<BreakdownRow> aging;  ///< backlog by age: 0-2, 3-7, 8-14, 15-30, 31+ days
  DurationStats first_response;     ///< created → first workflow action
  DurationStats resolution;         ///< created → closed
  bool operator==(const ReportSummary&) const = default;
};

/// How a contact-centre report of contacts groups its rows.
enum class ContactsBy {
  kNone, kDay, kWeek, kMonth, kHour, kQueue, kAgent, kTopic, kChannel, kSite, kTag, kBranch
};
std::optional<ContactsBy> ParseContactsBy(std::string_view s);

/// The figures contact centres publish, over inbound contacts unless said otherwise. A call is
/// answered when someone took it (a telephone system's answer, or any contact logged by hand);
/// its wait is measured only when a telephone system reported it.
struct ContactFigures {
  std::int64_t offered = 0;          ///< inbound contacts (calls rung, visits, messages)
  std::int64_t answered = 0;
  std::int64_t answered_within = 0;  ///< answered after a wait of at most the threshold
  std::int64_t abandoned = 0;        ///< the caller hung up before an answer
  std::int64_t missed = 0;           ///< nobody answered (no answer, busy, congestion)
  std::int64_t rejected = 0;         ///< blocked callers
  std::int64_t forwarded = 0;
  std::int64_t voicemail = 0;
  std::int64_t outbound = 0;         ///< calls made (callbacks, follow-ups)
  std::int64_t guidance = 0;         ///< answered with guidance alone
  std::int64_t registered = 0;       ///< that registered a request
  DurationStats wait;                ///< answered calls' seconds to answer (ASA = mean)
  DurationStats handle;              ///< answered calls' seconds from answer to end (AHT = mean)
  DurationStats abandon_wait;        ///< abandoned calls' seconds before the caller gave up
  /// answered_within ÷ (answered + abandoned + missed) of the calls whose wait is measured.
  std::optional<double> service_level;
  std::optional<double> abandon_rate;  ///< abandoned ÷ offered
  std::optional<double> answer_rate;   ///< answered ÷ offered
  /// guidance ÷ (guidance + registered): the contacts settled without a request.
  std::optional<double> first_contact_resolution;
  bool operator==(const ContactFigures&) const = default;
};

struct ContactRow {
  std::string key;    ///< a period label, an hour "00".."23", an id, a queue or a wire name
  std::string label;  ///< in the reader's language
  ContactFigures figures;
  bool operator==(const ContactRow&) const = default;
};

struct ContactReport {
  int service_level_seconds = 20;
  ContactFigures total;
  std::vector<ContactRow> rows;  ///< empty when not grouped
  bool operator==(const ContactReport&) const = default;
};


/// Reports for analysts, supervisors, heads and admins: exact counts over raw rows, or over the
/// store's daily totals when those give the same answer (breakdowns and trends, decision 0011).
class ReportService {
 public:
  ReportService(ReportServiceStore& store, ReportStore& reports, InstallationRef& installation,
                const base::Clock& clock);

  static bool MayRead(domain::Role role);

  /// Invalid ("level") when the roll-up goes deeper than the tree.
  base::Result<std::vector<BreakdownRow>> Breakdown(const Principal& who, const ReportQuery& q,
                                                    BreakdownBy by, const RollUp& roll = {});
  /// Requests per period of `unit` in the query's calendar; `from` and `to` are required.
  base::Result<std::vector<TrendRow>> Trend(const Principal& who, const ReportQuery& q,
                                            domain::PeriodUnit unit);
  base::Result<ReportSummary> Summary(const Principal& who, const ReportQuery& q);

  /// Topic tags (dispatchers, supervisors, heads, admins): adds or removes `tag` on a request
  /// and answers its tags. A tag is 1-64 characters without spaces, slashes or controls.
  base::Result<std::vector<std::string>> Tag(const Principal& who, domain::CaseId id,
                                             const std::string& tag);
  base::Result<std::vector<std::string>> Untag(const Principal& who, domain::CaseId id,
                                               const std::string& tag);
  static base::Status ValidateTag(const std::string& tag);

  /// The tag registry: every staff member reads it (the console offers the open tags);
  /// administrators add and change tags.
  /// Each tag with whether it may be put on a request now.
  base::Result<std::vector<std::pair<domain::Tag, bool>>> ListTags(const Principal& who);
  base::Result<domain::Tag> CreateTag(const Principal& who, const TagInput& in);
  base::Result<domain::Tag> UpdateTag(const Principal& who, std::int64_t id, const TagInput& in);
  /// Folds tag `id` into tag `into` (administrators): two names for one topic ("كورونا" and
  /// "COVID-19") become one, every request and contact keeping the topic.
  base::Status MergeTag(const Principal& who, std::int64_t id, std::int64_t into);
  /// Keys every tag as domain::TagKey does now and merges tags that then collide (the oldest
  /// keeps them): tags from before the registry were keyed by their lower case only
  /// (migration 0015). Run at start; returns how many tags were merged away.
  base::Result<int> RekeyTags();

  /// Nearest-rank statistics of `seconds` (sorted here).
  static DurationStats Stats(std::vector<std::int64_t> seconds);

  /// The query `who` may run: unchanged for the reporting roles; for unit staff, narrowed to
  /// their own unit's subtree (a unit filter outside it is Forbidden). Reports over contacts,
  /// ratings or agents have no unit and stay closed to unit staff (`unit_scoped` false).
  base::Result<ReportQuery> Scoped(const Principal& who, ReportQuery q, bool unit_scoped = true);

  // Service quality (report_quality.cpp): by = category, unit, channel, type, site or agent.
  /// `clock`: which clock the total and the rows judge (both clocks' totals come with it).
  base::Result<SlaReport> Sla(const Principal& who, const ReportQuery& q,
                              std::optional<BreakdownBy> by,
                              domain::ClockName clock = domain::ClockName::kResolution,
                              const RollUp& roll = {});
  /// For `by` category or unit: each node's row key → the key of the node `roll` takes it to.
  base::Result<std::map<std::string, std::string>> RollMap(BreakdownBy by, const RollUp& roll);
  base::Result<SatisfactionReport> Satisfaction(const Principal& who, const ReportQuery& q);
  base::Result<HeatmapReport> Heatmap(const Principal& who, const ReportQuery& q,
                                      HeatmapSubject subject);
  base::Result<std::vector<AgentRow>> Agents(const Principal& who, const ReportQuery& q);
  /// Contact-centre figures (report_contacts.cpp): offered, answered, abandoned, service level
  /// within `service_level_seconds`, ASA, AHT, first-contact resolution, grouped by `by`.
  /// Filters: channel, agent, category (the topic's subtree), site (a visit's branch).
  /// `roll` (by topic only) takes each topic up the taxonomy, as a breakdown's level does.
  base::Result<ContactReport> Contacts(const Principal& who, const ReportQuery& q, ContactsBy by,
                                       int service_level_seconds, const RollUp& roll = {});
  /// Breakdown's labels in `language`: the names of the ids `by` keys on (category, unit,
  /// site, agent); other keys are enum wire names, labelled by EnumLabel.
  std::map<std::string, std::string> Names(BreakdownBy by, const std::string& language);
  static std::string EnumLabel(std::string_view wire, const std::string& language);

  // Daily totals (report_totals.cpp, decision 0011).
  /// Breakdown and Trend read the store's daily totals when those answer the query exactly;
  /// off, they count raw rows (the reference the tests compare with). On by default.
  void UseDailyTotals(bool on) { use_totals_ = on; }
  /// Makes the store's daily totals bucket by the installation's time zone, recounting them when
  /// the zone or its rules changed; true when it recounted. Run at start-up and after a profile
  /// is loaded (until then reports count raw rows).
  base::Result<bool> SyncDailyTotals();

 private:
  struct Range {
    std::optional<base::Time> from;
    std::optional<base::Time> to;
  };
  base::Result<Range> Resolve(const ReportQuery& q, const domain::TimeZone& zone) const;
  base::Result<domain::TimeZone> Zone() const;
  std::vector<ReportCase> Filtered(std::vector<ReportCase> rows, const ReportQuery& q);
  /// Counts by the key of `by` from the daily totals; nullopt when they cannot answer exactly
  /// (a filter on another dimension, a tag, a bound inside a local day, totals not built).
  /// `totals_dim` reads another dimension's totals under `by`'s filters (the suggested units of
  /// unreferred requests, "pending", filtered as units).
  std::optional<std::map<std::string, std::int64_t>> BreakdownFromTotals(
      const ReportQuery& q, const Range& range, const domain::TimeZone& zone, BreakdownBy by,
      const char* totals_dim = nullptr);
  /// Requests per local day (days since 1970-01-01) from the daily totals, or nullopt.
  std::optional<std::map<std::int64_t, std::int64_t>> DaysFromTotals(const ReportQuery& q,
                                                                     const Range& range,
                                                                     const domain::TimeZone& zone);

  ReportServiceStore& store_;
  ReportStore& reports_;
  InstallationRef& installation_;
  const base::Clock& clock_;
  bool use_totals_ = true;
};

}  // namespace tawasul::app
