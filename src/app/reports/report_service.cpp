// Reports count exactly: breakdowns and trends from the daily totals when those answer the query
// (report_totals.cpp), otherwise from raw rows: the store hands over the requests of the period
// (no text), the filters with their subtrees are applied here, and period math comes from
// domain/report_period.
#include "app/reports/report_service.hpp"

#include "app/reports/report_labels.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <type_traits>

#include "base/text.hpp"
#include "domain/tag.hpp"
#include "domain/validation.hpp"

namespace tawasul::app {

namespace d = tawasul::domain;
using std::chrono::local_days;

namespace {

base::Error Forbidden() {
  return base::Error{base::ErrorCode::kForbidden,
                     "Reports are for analysts, supervisors, heads "
                     "and admins",
                     {}};
}

struct EnumLabel {
  std::string_view wire, ar, fa, en;
};

constexpr EnumLabel kEnumLabels[] = {
    {"phone", "هاتف", "تلفن", "Phone"},
    {"walk_in", "حضوري", "حضوری", "Walk-in"},
    {"portal", "البوابة", "درگاه", "Portal"},
    {"email", "بريد إلكتروني", "ایمیل", "Email"},
    {"chat", "محادثة", "گفتگو", "Chat"},
    {"sms", "رسالة نصية", "پیامک", "SMS"},
    {"fax", "فاكس", "فکس", "Fax"},
    {"social", "وسائل التواصل", "شبکه‌های اجتماعی", "Social media"},
    {"complaint", "شكوى", "شکایت", "Complaint"},
    {"suggestion", "اقتراح", "پیشنهاد", "Suggestion"},
    {"criticism", "انتقاد", "انتقاد", "Criticism"},
    {"report", "بلاغ", "گزارش", "Report"},
    {"violation_report", "بلاغ مخالفة", "گزارش تخلف", "Violation report"},
    {"service_request", "طلب خدمة", "درخواست خدمت", "Service request"},
    {"inquiry", "استفسار", "استعلام", "Inquiry"},
    {"meeting_request", "طلب مقابلة", "درخواست ملاقات", "Meeting request"},
    {"new", "جديد", "جدید", "New"},
    {"dispatched", "موزع", "توزیع‌شده", "Dispatched"},
    {"referred", "محال", "ارجاع‌شده", "Referred"},
    {"answered", "تمت الإجابة", "پاسخ‌داده‌شده", "Answered"},
    {"callback", "معاودة الاتصال", "تماس مجدد", "Callback"},
    {"on_hold", "معلق", "در انتظار", "On hold"},
    {"closed", "مغلق", "بسته", "Closed"},
    {"none", "غير محدد", "نامشخص", "None"},
};

/// A request no unit holds yet, in a breakdown by unit.
std::string NotReferredText(const std::string& language) {
  return language == "fa" ? "هنوز ارجاع نشده" : language == "en" ? "Not yet referred" : "لم يُحَل بعد";
}

/// Nodes (units, categories) by id.
template <class Node>
std::map<std::int64_t, const Node*> ById(const std::vector<Node>& nodes) {
  std::map<std::int64_t, const Node*> out;
  for (const Node& n : nodes) out[n.id.value] = &n;
  return out;
}

/// The path from the root down to node `id`, root first; empty when `id` is unknown. A cycle
/// (which the admin service refuses) ends the walk instead of looping.
template <class Node>
std::vector<const Node*> PathTo(const std::map<std::int64_t, const Node*>& by_id, std::int64_t id) {
  std::vector<const Node*> path;
  std::set<std::int64_t> seen;
  for (auto it = by_id.find(id); it != by_id.end() && seen.insert(it->first).second;) {
    path.push_back(it->second);
    if (!it->second->parent_id) break;
    it = by_id.find(it->second->parent_id->value);
  }
  std::reverse(path.begin(), path.end());
  return path;
}

/// Which node a row of `path` (root first) rolls up to.
template <class Node>
const Node* RollTarget(const std::vector<const Node*>& path, const RollUp& roll) {
  if (roll.kind == RollUp::Kind::kDepth) {
    return path.size() >= static_cast<std::size_t>(roll.depth) ? path[roll.depth - 1] : path.back();
  }
  if constexpr (std::is_same_v<Node, d::Unit>) {
    for (auto it = path.rbegin(); it != path.rend(); ++it) {
      if ((*it)->kind == roll.unit_kind) return *it;
    }
  }
  return path.back();
}

/// `counts` keyed by node ids, summed into the nodes they roll up to; other keys ("none") stay.
template <class Node>
base::Result<std::map<std::string, std::int64_t>> RollUpCounts(
    const std::map<std::string, std::int64_t>& counts, const std::vector<Node>& nodes,
    const RollUp& roll) {
  const auto by_id = ById(nodes);
  std::size_t deepest = 0;
  for (const Node& n : nodes) deepest = std::max(deepest, PathTo(by_id, n.id.value).size());
  if (roll.kind == RollUp::Kind::kDepth && static_cast<std::size_t>(roll.depth) > deepest) {
    return base::Invalid("level", "goes below the tree, which is " + std::to_string(deepest) +
                                      " level" + (deepest == 1 ? "" : "s") + " deep");
  }
  if constexpr (std::is_same_v<Node, d::Unit>) {
    if (roll.kind == RollUp::Kind::kUnitKind &&
        std::none_of(nodes.begin(), nodes.end(),
                     [&](const Node& n) { return n.kind == roll.unit_kind; })) {
      return base::Invalid("level", "names a kind of unit this organization has none of");
    }
  }
  std::map<std::string, std::int64_t> out;
  for (const auto& [key, count] : counts) {
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), id);
    const auto path = ec == std::errc() && end == key.data() + key.size()
                          ? PathTo(by_id, id)
                          : std::vector<const Node*>();
    out[path.empty() ? key : std::to_string(RollTarget(path, roll)->id.value)] += count;
  }
  return out;
}

/// Each node's key → the key of the node it rolls up to (RollUpCounts' rule, for rows that are
/// not counts: an SLA report's figures).
template <class Node>
base::Result<std::map<std::string, std::string>> RollMapOf(const std::vector<Node>& nodes,
                                                           const RollUp& roll) {
  std::map<std::string, std::int64_t> ones;
  for (const Node& n : nodes) ones[std::to_string(n.id.value)] = 1;
  if (auto checked = RollUpCounts(ones, nodes, roll); !checked) return checked.error();
  const auto by_id = ById(nodes);
  std::map<std::string, std::string> out;
  for (const Node& n : nodes) {
    const auto path = PathTo(by_id, n.id.value);
    if (!path.empty()) out[std::to_string(n.id.value)] = std::to_string(RollTarget(path, roll)->id.value);
  }
  return out;
}

std::string EnumText(std::string_view wire, const std::string& language) {
  for (const auto& l : kEnumLabels) {
    if (l.wire == wire)
      return std::string(language == "fa" ? l.fa : language == "en" ? l.en : l.ar);
  }
  return std::string(wire);
}

/// "YYYY-MM-DD" → a date; nullopt if not that shape.
std::optional<d::CivilDate> ParseDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  return d::CivilDate{std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)),
                      std::stoi(s.substr(8, 2))};
}

std::string GregorianLabel(local_days day) {
  const d::CivilDate c = d::FromLocalDays(day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

local_days LocalDay(const d::TimeZone& zone, base::Time t) {
  return std::chrono::floor<std::chrono::days>(zone.ToLocal(t));
}

}  // namespace

std::optional<RollUp> ParseRollUp(std::string_view s, BreakdownBy by) {
  if (by != BreakdownBy::kCategory && by != BreakdownBy::kUnit) return std::nullopt;
  if (s == "leaf") return RollUp{};
  if (s.size() == 1 && s[0] >= '1' && s[0] <= '9') {
    return RollUp{RollUp::Kind::kDepth, s[0] - '0', d::UnitKind::kDirectorate};
  }
  if (by == BreakdownBy::kUnit) {
    if (auto kind = d::ParseUnitKind(s)) return RollUp{RollUp::Kind::kUnitKind, 0, *kind};
  }
  return std::nullopt;
}

std::optional<BreakdownBy> ParseBreakdownBy(std::string_view s) {
  if (s == "category") return BreakdownBy::kCategory;
  if (s == "channel") return BreakdownBy::kChannel;
  if (s == "type") return BreakdownBy::kType;
  if (s == "status") return BreakdownBy::kStatus;
  if (s == "unit") return BreakdownBy::kUnit;
  if (s == "site") return BreakdownBy::kSite;
  if (s == "agent") return BreakdownBy::kAgent;
  if (s == "tag") return BreakdownBy::kTag;
  if (s == "branch") return BreakdownBy::kBranch;
  if (s == "attribute") return BreakdownBy::kAttribute;
  return std::nullopt;
}

std::vector<std::string> RowKeys(const ReportCase& c, BreakdownBy by, const std::string& attribute) {
  auto id_key = [](const auto& id) { return id ? std::to_string(id->value) : std::string("none"); };
  switch (by) {
    case BreakdownBy::kCategory:
      return {std::to_string(c.category_id.value)};
    case BreakdownBy::kChannel:
      return {std::string(d::ToString(c.channel))};
    case BreakdownBy::kType:
      return {std::string(d::ToString(c.type))};
    case BreakdownBy::kStatus:
      return {std::string(d::ToString(c.status))};
    case BreakdownBy::kUnit:
      return {id_key(c.unit_id)};
    case BreakdownBy::kSite:
      return {id_key(c.site_id)};
    case BreakdownBy::kAgent:
      return {id_key(c.created_by)};
    case BreakdownBy::kTag:  // a request counts once under each of its tags
      return c.tags;
    case BreakdownBy::kBranch:
      return {id_key(c.branch_id)};
    case BreakdownBy::kAttribute: {
      auto it = c.attributes.find(attribute);
      return {it != c.attributes.end() && !it->second.empty() ? it->second : std::string("none")};
    }
  }
  return {};
}

ReportService::ReportService(ReportServiceStore& store, ReportStore& reports, InstallationRef& installation,
                             const base::Clock& clock)
    : store_(store), reports_(reports), installation_(installation), clock_(clock) {}

bool ReportService::MayRead(d::Role role) { return d::Allows(role, d::Permission::kReadReports); }

base::Result<ReportQuery> ReportService::Scoped(const Principal& who, ReportQuery q,
                                                bool unit_scoped) {
  if (MayRead(who.user.role)) return q;
  if (!unit_scoped || !d::Allows(who.user.role, d::Permission::kReadUnitReports) ||
      !who.user.unit_id) {
    return Forbidden();
  }
  // Unit staff see their own unit's figures, the units below it included, and nothing else.
  if (q.unit_id) {
    if (Subtree(store_.ListUnits(), *who.user.unit_id).count(q.unit_id->value) == 0) {
      return base::Error{base::ErrorCode::kForbidden, "Unit staff see only their own unit's figures",
                         {}};
    }
  } else {
    q.unit_id = who.user.unit_id;
  }
  return q;
}

base::Result<d::TimeZone> ReportService::Zone() const {
  const auto inst = installation_.Get();
  return d::TimeZone::Make(inst ? inst->settings().time_zone : std::string("UTC"));
}

base::Result<ReportService::Range> ReportService::Resolve(const ReportQuery& q,
                                                          const d::TimeZone& zone) const {
  Range out;
  auto one = [&](const std::string& text, const char* field,
                 bool end) -> base::Result<std::optional<base::Time>> {
    if (text.empty()) return std::optional<base::Time>();
    if (auto date = ParseDate(text)) {
      auto t = d::InstantOf(zone, q.calendar, *date, std::chrono::minutes(end ? 24 * 60 : 0));
      if (!t) return base::Invalid(field, "is not a date in the chosen calendar");
      return std::optional<base::Time>(*t);
    }
    if (auto t = base::ParseRfc3339(text)) return std::optional<base::Time>(*t);
    return base::Invalid(field,
                         "must be a date (YYYY-MM-DD in the chosen calendar) or an "
                         "RFC 3339 date-time");
  };
  auto from = one(q.from, "from", false);
  if (!from) return from.error();
  auto to = one(q.to, "to", true);
  if (!to) return to.error();
  out.from = *from;
  out.to = *to;
  if (out.from && out.to && *out.to <= *out.from) return base::Invalid("to", "must be after from");
  if (q.agent_id && !store_.GetUser(*q.agent_id)) return base::Invalid("agent", "no such user");
  return out;
}

std::vector<ReportCase> ReportService::Filtered(std::vector<ReportCase> rows,
                                                const ReportQuery& q) {
  std::optional<std::set<std::int64_t>> units, categories;
  if (q.unit_id) units = Subtree(store_.ListUnits(), *q.unit_id);
  if (q.category_id) categories = Subtree(store_.ListCategories(), *q.category_id);
  // A tag filter matches as the registry does: by folded key ("covid-19" finds "COVID-19").
  const std::string tag_key = q.tag.empty() ? std::string() : d::TagKey(q.tag);
  std::erase_if(rows, [&](const ReportCase& c) {
    if (units && (!c.unit_id || units->count(c.unit_id->value) == 0)) return true;
    if (categories && categories->count(c.category_id.value) == 0) return true;
    if (q.channel && c.channel != *q.channel) return true;
    if (q.type && c.type != *q.type) return true;
    if (q.site_id && c.site_id != q.site_id) return true;
    if (q.branch_id && c.branch_id != q.branch_id) return true;
    if (q.agent_id && c.created_by != q.agent_id) return true;
    if (!q.tag.empty() && std::none_of(c.tags.begin(), c.tags.end(), [&](const std::string& t) {
          return t == q.tag || d::TagKey(t) == tag_key;
        })) {
      return true;
    }
    return false;
  });
  return rows;
}

base::Result<std::map<std::string, std::string>> ReportService::RollMap(BreakdownBy by,
                                                                      const RollUp& roll) {
  if (by == BreakdownBy::kCategory) return RollMapOf(store_.ListCategories(), roll);
  if (by == BreakdownBy::kUnit) return RollMapOf(store_.ListUnits(), roll);
  return base::Invalid("level", "applies to a breakdown by category or unit");
}

base::Result<std::vector<BreakdownRow>> ReportService::Breakdown(const Principal& who,
                                                                 const ReportQuery& q_in,
                                                                 BreakdownBy by,
                                                                 const RollUp& roll) {
  auto scoped = Scoped(who, q_in);
  if (!scoped) return scoped.error();
  const ReportQuery& q = *scoped;
  auto zone = Zone();
  if (!zone) return zone.error();
  auto range = Resolve(q, *zone);
  if (!range) return range.error();
  const std::string& lang = who.user.language;

  // The daily totals when they can answer exactly (report_totals.cpp), else the raw rows.
  auto totals = BreakdownFromTotals(q, *range, *zone, by);
  std::map<std::string, std::int64_t> counts;
  // By unit, requests not referred yet count under the unit routing suggests, shown apart.
  std::map<std::string, std::int64_t> pending;
  if (totals) {
    counts = std::move(*totals);
    if (by == BreakdownBy::kUnit) {
      pending = BreakdownFromTotals(q, *range, *zone, by, "pending").value_or(pending);
    }
  } else {
    auto all = reports_.ReportCases(range->from, range->to);
    if (by == BreakdownBy::kAttribute) {
      const auto& defs = installation_.Get()->settings().requester_attributes;
      if (std::none_of(defs.begin(), defs.end(),
                       [&](const d::RequesterAttribute& a) { return a.key == q.attribute; })) {
        return base::Invalid("attribute", q.attribute.empty()
                                              ? "is required for a breakdown by attribute"
                                              : "is not an attribute this center records");
      }
      std::map<std::int64_t, d::AttributeValues> of;
      for (auto& [id, text] : reports_.ReportRequesterAttributes(range->from, range->to)) {
        of[id.value] = d::DecodeAttributes(text);
      }
      for (ReportCase& c : all) {
        if (auto it = of.find(c.id.value); it != of.end()) c.attributes = std::move(it->second);
      }
    }
    if (by == BreakdownBy::kUnit) {
      // The unit filter (a unit's own figures) applies to the suggested unit of these.
      ReportQuery any_unit = q;
      any_unit.unit_id.reset();
      std::optional<std::set<std::int64_t>> units;
      if (q.unit_id) units = Subtree(store_.ListUnits(), *q.unit_id);
      for (const ReportCase& c : Filtered(all, any_unit)) {
        if (c.unit_id || !c.suggested_unit_id) continue;
        if (units && units->count(c.suggested_unit_id->value) == 0) continue;
        ++pending[std::to_string(c.suggested_unit_id->value)];
      }
    }
    for (const ReportCase& c : Filtered(std::move(all), q)) {
      for (std::string& key : RowKeys(c, by, q.attribute)) ++counts[std::move(key)];
    }
  }
  for (const auto& [key, n] : pending) {
    counts[key] += n;
    if (!q.unit_id) {  // without a unit filter they were counted under "none"
      if ((counts["none"] -= n) <= 0) counts.erase("none");
    }
  }
  if (roll.kind != RollUp::Kind::kNone) {
    auto rolled = by == BreakdownBy::kCategory ? RollUpCounts(counts, store_.ListCategories(), roll)
                  : by == BreakdownBy::kUnit   ? RollUpCounts(counts, store_.ListUnits(), roll)
                                               : base::Result<std::map<std::string, std::int64_t>>(
                                                   base::Invalid("level", "applies to a breakdown by category or unit"));
    if (!rolled) return rolled.error();
    counts = std::move(*rolled);
    if (!pending.empty()) {
      if (auto p = RollUpCounts(pending, store_.ListUnits(), roll)) pending = std::move(*p);
    }
  }

  auto labels = Names(by, lang);
  if (by == BreakdownBy::kUnit) labels["none"] = NotReferredText(lang);
  if (by == BreakdownBy::kTag) {  // a tag is its own label
    for (const auto& [key, count] : counts) labels[key] = key;
  }
  std::vector<BreakdownRow> out;
  for (const auto& [key, count] : counts) {
    auto it = labels.find(key);
    std::string label = it != labels.end() ? it->second : EnumText(key, lang);
    auto waiting = pending.find(key);
    out.push_back(BreakdownRow{key, std::move(label), count,
                               waiting != pending.end() ? waiting->second : 0});
  }
  // Largest first; ties by key so the order is stable.
  std::sort(out.begin(), out.end(), [](const BreakdownRow& a, const BreakdownRow& b) {
    return a.count != b.count ? a.count > b.count : a.key < b.key;
  });
  return out;
}

base::Result<std::vector<TrendRow>> ReportService::Trend(const Principal& who,
                                                         const ReportQuery& q_in,
                                                         d::PeriodUnit unit) {
  auto scoped = Scoped(who, q_in);
  if (!scoped) return scoped.error();
  const ReportQuery& q = *scoped;
  if (q.from.empty()) return base::Invalid("from", "is required");
  if (q.to.empty()) return base::Invalid("to", "is required");
  auto zone = Zone();
  if (!zone) return zone.error();
  auto range = Resolve(q, *zone);
  if (!range) return range.error();
  const local_days first = LocalDay(*zone, *range->from);
  // The last local day the range touches (to is exclusive).
  const local_days last = LocalDay(*zone, *range->to - std::chrono::microseconds(1));
  if ((last - first).count() > 40 * 366) return base::Invalid("to", "the range is too long");
  if (unit == d::PeriodUnit::kDay && (last - first).count() > 3 * 366) {
    return base::Invalid("period", "days are offered for ranges up to three years");
  }
  d::CalendarConverter conv;
  const auto periods =
      d::PeriodsCovering(conv, q.calendar, unit, first, last + std::chrono::days(1));
  std::vector<TrendRow> out;
  for (const auto& p : periods) {
    out.push_back(TrendRow{p.label, GregorianLabel(p.first), GregorianLabel(p.end), 0});
  }
  if (auto days = DaysFromTotals(q, *range, *zone)) {  // report_totals.cpp
    for (const auto& [day, n] : *days) {
      if (auto i = d::PeriodIndex(periods, local_days(std::chrono::days(day)))) out[*i].count += n;
    }
    return out;
  }
  for (const ReportCase& c : Filtered(reports_.ReportCases(range->from, range->to), q)) {
    if (auto i = d::PeriodIndex(periods, LocalDay(*zone, c.created_at))) ++out[*i].count;
  }
  return out;
}

DurationStats ReportService::Stats(std::vector<std::int64_t> seconds) {
  DurationStats s;
  s.count = static_cast<std::int64_t>(seconds.size());
  if (seconds.empty()) return s;
  std::sort(seconds.begin(), seconds.end());
  double sum = 0;
  for (auto v : seconds) sum += static_cast<double>(v);
  s.mean = sum / static_cast<double>(seconds.size());
  auto rank = [&](int pct) {
    // Nearest rank: the smallest value with at least pct% of the values at or below it.
    const std::size_t n = seconds.size();
    std::size_t r = (n * static_cast<std::size_t>(pct) + 99) / 100;
    return seconds[std::max<std::size_t>(r, 1) - 1];
  };
  s.median = rank(50);
  s.p90 = rank(90);
  return s;
}

base::Result<ReportSummary> ReportService::Summary(const Principal& who,
                                                   const ReportQuery& q_in) {
  auto scoped = Scoped(who, q_in);
  if (!scoped) return scoped.error();
  const ReportQuery& q = *scoped;
  // Contacts belong to no unit: a unit's own view leaves them out.
  const bool with_contacts = MayRead(who.user.role);
  auto zone = Zone();
  if (!zone) return zone.error();
  auto range = Resolve(q, *zone);
  if (!range) return range.error();
  const std::string& lang = who.user.language;
  ReportSummary s;

  const auto rows = Filtered(reports_.ReportCases(range->from, range->to), q);
  s.requests = static_cast<std::int64_t>(rows.size());
  std::vector<std::int64_t> first_response, resolution;
  for (const ReportCase& c : rows) {
    using std::chrono::duration_cast;
    using std::chrono::seconds;
    if (c.first_action_at && *c.first_action_at >= c.created_at) {
      first_response.push_back(duration_cast<seconds>(*c.first_action_at - c.created_at).count());
    }
    if (c.closed_at && *c.closed_at >= c.created_at) {
      resolution.push_back(duration_cast<seconds>(*c.closed_at - c.created_at).count());
    }
  }
  s.first_response = Stats(std::move(first_response));
  s.resolution = Stats(std::move(resolution));

  // Contacts carry only a channel and an agent of the filters; the others describe requests.
  std::map<std::string, std::int64_t> apart;
  std::int64_t guidance = 0, registered = 0;
  for (const ReportContact& c : with_contacts ? reports_.ReportContacts(range->from, range->to)
                                              : std::vector<ReportContact>()) {
    if (q.channel && c.channel != *q.channel) continue;
    if (q.agent_id && c.agent_id != q.agent_id) continue;
    if (q.branch_id && c.branch_id != q.branch_id) continue;
    const bool inbound = c.direction == d::ContactDirection::kInbound;
    if (inbound && c.outcome == d::ContactOutcome::kGuidance) ++guidance;
    if (inbound && c.outcome == d::ContactOutcome::kCaseCreated) ++registered;
    if (!c.case_id && c.outcome != d::ContactOutcome::kCaseCreated &&
        c.outcome != d::ContactOutcome::kCaseUpdated) {
      ++apart[std::string(d::ToString(c.channel))];
    }
  }
  for (const auto& [key, count] : apart) {
    s.contacts_apart.push_back(BreakdownRow{key, EnumText(key, lang), count});
    s.contacts_apart_total += count;
  }
  if (guidance + registered > 0) {
    s.first_contact_resolution =
        static_cast<double>(guidance) / static_cast<double>(guidance + registered);
  }

  static constexpr struct {
    const char* key;
    int max_days;  // inclusive upper bound of the bucket; -1: no bound
  } kBuckets[] = {{"0-2", 2}, {"3-7", 7}, {"8-14", 14}, {"15-30", 30}, {"31+", -1}};
  std::int64_t bucket_counts[5] = {0, 0, 0, 0, 0};
  const base::Time now = clock_.Now();
  for (const ReportCase& c : Filtered(reports_.OpenReportCases(), q)) {
    const auto age_days =
        std::chrono::duration_cast<std::chrono::hours>(now - c.created_at).count() / 24;
    std::size_t i = 0;
    while (kBuckets[i].max_days >= 0 && age_days > kBuckets[i].max_days) ++i;
    ++bucket_counts[i];
    ++s.backlog;
  }
  for (std::size_t i = 0; i < 5; ++i) {
    s.aging.push_back(BreakdownRow{kBuckets[i].key, kBuckets[i].key, bucket_counts[i]});
  }
  return s;
}

std::string ReportService::EnumLabel(std::string_view wire, const std::string& language) {
  return EnumText(wire, language);
}

std::map<std::string, std::string> ReportService::Names(BreakdownBy by,
                                                        const std::string& language) {
  std::map<std::string, std::string> out;
  switch (by) {
    case BreakdownBy::kCategory:
      for (const auto& x : store_.ListCategories())
        out[std::to_string(x.id.value)] = LocalizedLabel(x.name, language);
      break;
    case BreakdownBy::kUnit:
    case BreakdownBy::kBranch:
      for (const auto& x : store_.ListUnits())
        out[std::to_string(x.id.value)] = LocalizedLabel(x.name, language);
      break;
    case BreakdownBy::kSite:
      for (const auto& x : store_.ListSites())
        out[std::to_string(x.id.value)] = LocalizedLabel(x.name, language);
      break;
    case BreakdownBy::kAgent:
      for (const auto& x : store_.ListUsers()) out[std::to_string(x.id.value)] = x.display_name;
      break;
    case BreakdownBy::kChannel:
    case BreakdownBy::kType:
    case BreakdownBy::kStatus:
    case BreakdownBy::kTag:
      break;
    case BreakdownBy::kAttribute:  // a choice's name; other values are their own label
      for (const auto& a : installation_.Get()->settings().requester_attributes) {
        for (const auto& c : a.choices) out[c.key] = LocalizedLabel(c.name, language);
      }
      break;
  }
  return out;
}

}  // namespace tawasul::app
