#pragma once

// The figures of service quality beside the counts of app/report_service: SLA compliance,
// satisfaction, when the work comes (a weekday × hour heat map) and each agent's figures.
// Computed by ReportService (report_quality.cpp) over the same raw rows and filters.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tawasul::app {

/// The SLA of requests on one clock (resolution, or first response): a clock that stopped (the workflow marked the target reached or
/// the request closed) is measured, met when it stopped on or before its due time; a clock that
/// still counts is breached once past due (also counted as open_breached), else open_within
/// (not measured). Requests without a resolution clock (no policy) are not counted.
struct SlaFigures {
  std::int64_t measured = 0;  ///< met + breached
  std::int64_t met = 0;
  std::int64_t breached = 0;
  std::int64_t open_within = 0;
  std::int64_t open_breached = 0;
  /// met ÷ (met + breached); empty when nothing was measured.
  std::optional<double> compliance() const;
  bool operator==(const SlaFigures&) const = default;
};

struct SlaRow {
  std::string key;    ///< as in a breakdown: an id or an enum's wire name; "none" when unset
  std::string label;  ///< in the reader's language
  SlaFigures figures;
  bool operator==(const SlaRow&) const = default;
};

struct SlaReport {
  SlaFigures total;          ///< of the clock asked for
  std::vector<SlaRow> rows;  ///< by the asked dimension; most measured first, then by key
  /// Every clock's totals over the same requests: first response, then resolution.
  SlaFigures first_response;
  SlaFigures resolution;
  bool operator==(const SlaReport&) const = default;
};

/// Ratings 1-5; satisfied are 4 and 5.
struct RatingFigures {
  std::int64_t ratings = 0;
  std::int64_t satisfied = 0;
  std::array<std::int64_t, 5> distribution{};  ///< [0] counts the 1s, ... [4] the 5s
  /// satisfied ÷ ratings; empty when there were none.
  std::optional<double> share() const;
  void Add(int rating);
  bool operator==(const RatingFigures&) const = default;
};

struct SatisfactionReport {
  RatingFigures calls;     ///< post-call ratings given in the period
  RatingFigures requests;  ///< survey answers about requests created in the period
  bool operator==(const SatisfactionReport&) const = default;
};

enum class HeatmapSubject { kRequests, kContacts };
/// "requests" | "contacts".
std::optional<HeatmapSubject> ParseHeatmapSubject(std::string_view s);
std::string_view ToString(HeatmapSubject s);

struct HeatmapCell {
  int weekday = 1;  ///< ISO: 1 = Monday ... 7 = Sunday
  int hour = 0;     ///< 0-23, the installation's local time
  std::int64_t count = 0;
  bool operator==(const HeatmapCell&) const = default;
};

struct HeatmapReport {
  HeatmapSubject subject = HeatmapSubject::kRequests;
  /// All 168 cells, Monday 00:00 first, hours within a weekday.
  std::vector<HeatmapCell> cells;
  bool operator==(const HeatmapReport&) const = default;
};

/// One user's figures in the period.
struct AgentRow {
  std::string key;            ///< the user's id
  std::string label;          ///< the user's display name
  std::int64_t requests = 0;  ///< registered by them
  std::int64_t contacts = 0;  ///< calls, visits and messages they logged
  std::int64_t guidance = 0;  ///< of those, answered by guidance alone
  /// Their inbound guidance ÷ (that + their inbound contacts that registered a request).
  std::optional<double> first_contact_resolution;
  /// Share of 4-5 among the post-call ratings of their calls; empty when none.
  std::optional<double> satisfaction;
  bool operator==(const AgentRow&) const = default;
};

}  // namespace tawasul::app
