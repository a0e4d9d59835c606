// Contact-centre figures over the contacts themselves (calls from the PBX, calls and visits
// logged by hand, messages): offered, answered, abandoned, service level, average speed of
// answer, handle time and first-contact resolution, as the centres publish them, in total and
// grouped by period (the reader's calendar), hour of day, queue, agent, topic, channel or branch.
#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "app/reports/report_labels.hpp"
#include "app/reports/report_service.hpp"
#include "domain/tag.hpp"
#include "domain/call.hpp"
#include "domain/report_period.hpp"

namespace tawasul::app {

namespace d = tawasul::domain;
using std::chrono::local_days;

std::optional<ContactsBy> ParseContactsBy(std::string_view s) {
  static constexpr std::pair<std::string_view, ContactsBy> kNames[] = {
      {"day", ContactsBy::kDay},         {"week", ContactsBy::kWeek},
      {"month", ContactsBy::kMonth},     {"hour", ContactsBy::kHour},
      {"queue", ContactsBy::kQueue},     {"agent", ContactsBy::kAgent},
      {"topic", ContactsBy::kTopic},     {"channel", ContactsBy::kChannel},
      {"site", ContactsBy::kSite},       {"tag", ContactsBy::kTag},
      {"branch", ContactsBy::kBranch}};
  for (const auto& [name, by] : kNames) {
    if (name == s) return by;
  }
  return std::nullopt;
}

namespace {

std::optional<double> Ratio(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

std::int64_t Seconds(base::Time from, base::Time to) {
  return std::max<std::int64_t>(
      0, std::chrono::duration_cast<std::chrono::seconds>(to - from).count());
}

/// The raw measures of one group, turned into ContactFigures at the end.
struct Tally {
  ContactFigures f;
  std::int64_t measured = 0;  ///< calls whose wait a PBX measured and that ended or were answered
  std::vector<std::int64_t> wait, handle, abandon_wait;

  void Add(const ReportContact& c, int threshold) {
    if (c.direction == d::ContactDirection::kOutbound) {
      ++f.outbound;
      return;
    }
    ++f.offered;
    using O = d::ContactOutcome;
    switch (c.outcome) {
      case O::kAbandoned:
        ++f.abandoned;
        break;
      case O::kMissed:
      case O::kNoAnswer:
      case O::kBusy:
        ++f.missed;
        break;
      case O::kRejected:
        ++f.rejected;
        break;
      case O::kVoicemail:
        ++f.voicemail;
        break;
      case O::kForwarded:
        if (!c.answered_at) ++f.forwarded;
        break;
      default:
        break;
    }
    if (c.outcome == O::kGuidance) ++f.guidance;
    if (c.outcome == O::kCaseCreated) ++f.registered;
    // Answered: a PBX said so, or staff logged it (a visit, a call on a line not connected).
    const bool answered = c.from_pbx ? c.answered_at.has_value()
                                     : (d::IsDisposition(c.outcome) || c.outcome == O::kAnswered);
    if (answered) ++f.answered;
    if (!c.from_pbx) return;
    if (answered) {
      const std::int64_t w = Seconds(c.started_at, *c.answered_at);
      wait.push_back(w);
      ++measured;
      if (w <= threshold) ++f.answered_within;
      if (c.ended_at) handle.push_back(Seconds(*c.answered_at, *c.ended_at));
    } else if (c.outcome == O::kAbandoned || c.outcome == O::kMissed) {
      ++measured;
      if (c.ended_at && c.outcome == O::kAbandoned) {
        abandon_wait.push_back(Seconds(c.started_at, *c.ended_at));
      }
    }
  }

  ContactFigures Done() {
    f.wait = ReportService::Stats(std::move(wait));
    f.handle = ReportService::Stats(std::move(handle));
    f.abandon_wait = ReportService::Stats(std::move(abandon_wait));
    f.service_level = Ratio(f.answered_within, measured);
    f.abandon_rate = Ratio(f.abandoned, f.offered);
    f.answer_rate = Ratio(f.answered, f.offered);
    f.first_contact_resolution = Ratio(f.guidance, f.guidance + f.registered);
    return f;
  }
};

}  // namespace

base::Result<ContactReport> ReportService::Contacts(const Principal& who, const ReportQuery& q,
                                                    ContactsBy by, int service_level_seconds,
                                                    const RollUp& roll) {
  if (!MayRead(who.user.role)) {
    return base::Error{base::ErrorCode::kForbidden,
                       "Reports are for analysts, supervisors, heads and admins", {}};
  }
  if (q.unit_id) return base::Invalid("unit", "contacts have no unit; filter by agent or category (the topic)");
  if (q.type) return base::Invalid("type", "contacts have no request type");
  if (service_level_seconds < 1 || service_level_seconds > 3600) {
    return base::Invalid("service_level_seconds", "must be from 1 to 3600");
  }
  auto zone = Zone();
  if (!zone) return zone.error();
  auto range = Resolve(q, *zone);
  if (!range) return range.error();

  std::set<std::int64_t> topics;
  if (q.category_id) topics = Subtree(store_.ListCategories(), *q.category_id);
  const std::string tag_key = d::TagKey(q.tag);  // matched as the registry matches
  std::vector<ReportContact> rows;
  for (ReportContact& c : reports_.ReportContacts(range->from, range->to)) {
    if (q.channel && c.channel != *q.channel) continue;
    if (q.agent_id && c.agent_id != q.agent_id) continue;
    if (q.site_id && c.site_id != q.site_id) continue;
    if (q.branch_id && c.branch_id != q.branch_id) continue;
    if (q.category_id && (!c.category_id || topics.count(c.category_id->value) == 0)) continue;
    if (!q.tag.empty() && std::none_of(c.tags.begin(), c.tags.end(), [&](const std::string& t) {
          return d::TagKey(t) == tag_key;
        })) {
      continue;
    }
    rows.push_back(std::move(c));
  }

  ContactReport out;
  out.service_level_seconds = service_level_seconds;
  Tally total;
  for (const ReportContact& c : rows) total.Add(c, service_level_seconds);
  out.total = total.Done();
  if (by == ContactsBy::kNone) return out;

  auto local_day = [&](base::Time t) {
    return std::chrono::floor<std::chrono::days>(zone->ToLocal(t));
  };
  const std::string& lang = who.user.language;
  std::vector<std::string> keys;  // a row per key, in this order
  std::map<std::string, std::string> labels;
  std::function<std::string(const ReportContact&)> key_of;
  std::vector<d::ReportPeriod> periods;

  switch (by) {
    case ContactsBy::kDay:
    case ContactsBy::kWeek:
    case ContactsBy::kMonth: {
      if (rows.empty()) return out;
      local_days first = local_day(rows.front().started_at), last = first;
      for (const ReportContact& c : rows) {
        first = std::min(first, local_day(c.started_at));
        last = std::max(last, local_day(c.started_at));
      }
      if (range->from) first = std::min(first, local_day(*range->from));
      if (by == ContactsBy::kDay && (last - first).count() > 3 * 366) {
        return base::Invalid("by", "days are offered for ranges up to three years");
      }
      const d::PeriodUnit unit = by == ContactsBy::kDay    ? d::PeriodUnit::kDay
                                 : by == ContactsBy::kWeek ? d::PeriodUnit::kWeek
                                                           : d::PeriodUnit::kMonth;
      d::CalendarConverter conv;
      periods = d::PeriodsCovering(conv, q.calendar, unit, first, last + std::chrono::days(1));
      for (const auto& p : periods) {
        keys.push_back(p.label);
        labels[p.label] = p.label;
      }
      key_of = [&](const ReportContact& c) {
        auto i = d::PeriodIndex(periods, local_day(c.started_at));
        return i ? periods[*i].label : std::string();
      };
      break;
    }
    case ContactsBy::kHour: {
      for (int h = 0; h < 24; ++h) {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%02d", h);
        keys.push_back(buf);
        labels[buf] = std::string(buf) + ":00";
      }
      key_of = [&](const ReportContact& c) {
        const auto local = zone->ToLocal(c.started_at);
        const auto hour = std::chrono::duration_cast<std::chrono::hours>(
                              local - std::chrono::floor<std::chrono::days>(local))
                              .count();
        char buf[4];
        std::snprintf(buf, sizeof buf, "%02d", static_cast<int>(hour));
        return std::string(buf);
      };
      break;
    }
    case ContactsBy::kQueue:
      key_of = [](const ReportContact& c) { return c.queue.empty() ? "none" : c.queue; };
      break;
    case ContactsBy::kAgent:
      labels = Names(BreakdownBy::kAgent, lang);
      key_of = [](const ReportContact& c) {
        return c.agent_id ? std::to_string(c.agent_id->value) : "none";
      };
      break;
    case ContactsBy::kTopic: {
      labels = Names(BreakdownBy::kCategory, lang);
      std::map<std::string, std::string> up;  // the topic's node at the level asked
      if (roll.kind != RollUp::Kind::kNone) {
        auto map = RollMap(BreakdownBy::kCategory, roll);
        if (!map) return map.error();
        up = std::move(*map);
      }
      key_of = [up = std::move(up)](const ReportContact& c) {
        if (!c.category_id) return std::string("none");
        const std::string key = std::to_string(c.category_id->value);
        auto it = up.find(key);
        return it != up.end() ? it->second : key;
      };
      break;
    }
    case ContactsBy::kSite:
      labels = Names(BreakdownBy::kSite, lang);
      key_of = [](const ReportContact& c) {
        return c.site_id ? std::to_string(c.site_id->value) : "none";
      };
      break;
    case ContactsBy::kChannel:
      key_of = [](const ReportContact& c) { return std::string(d::ToString(c.channel)); };
      break;
    case ContactsBy::kBranch:
      labels = Names(BreakdownBy::kBranch, lang);
      key_of = [](const ReportContact& c) {
        return c.branch_id ? std::to_string(c.branch_id->value) : "none";
      };
      break;
    case ContactsBy::kTag:  // a contact counts once under each of its tags (grouped below)
      key_of = [](const ReportContact&) { return std::string(); };
      break;
    case ContactsBy::kNone:
      break;
  }

  std::map<std::string, Tally> groups;
  for (const ReportContact& c : rows) {
    if (by == ContactsBy::kTag) {
      for (const std::string& tag : c.tags) groups[tag].Add(c, service_level_seconds);
      continue;
    }
    const std::string key = key_of(c);
    if (key.empty()) continue;
    groups[key].Add(c, service_level_seconds);
  }
  if (keys.empty()) {
    for (const auto& [key, unused] : groups) keys.push_back(key);
  }
  for (const std::string& key : keys) {
    auto it = groups.find(key);
    ContactRow row;
    row.key = key;
    if (auto l = labels.find(key); l != labels.end()) {
      row.label = l->second;
    } else if (key == "none") {
      row.label = EnumLabel("none", lang);
    } else if (by == ContactsBy::kChannel) {
      row.label = EnumLabel(key, lang);
    } else {
      row.label = key;
    }
    row.figures = it != groups.end() ? it->second.Done() : Tally{}.Done();
    out.rows.push_back(std::move(row));
  }
  // Grouped by who or what: the busiest first (ties in key order); periods and hours in order.
  if (by != ContactsBy::kDay && by != ContactsBy::kWeek && by != ContactsBy::kMonth &&
      by != ContactsBy::kHour) {
    std::stable_sort(out.rows.begin(), out.rows.end(), [](const ContactRow& a, const ContactRow& b) {
      return a.figures.offered + a.figures.outbound > b.figures.offered + b.figures.outbound;
    });
  }
  return out;
}

}  // namespace tawasul::app
