#include "app/sla/sla_config.hpp"

#include "app/installation/toml_reader.hpp"

#include <algorithm>
#include <sstream>

namespace tawasul::app {
namespace {

using std::chrono::minutes;
namespace dom = tawasul::domain;

constexpr const char* kWeekdays[7] = {"sunday",   "monday", "tuesday", "wednesday",
                                      "thursday", "friday", "saturday"};

using toml_read::Line;
using toml_read::Reader;

/// "HH:MM" → minutes since midnight (24:00 allowed).
std::optional<minutes> ParseClockTime(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (int i : {0, 1, 3, 4}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return minutes(h * 60 + m);
}

/// "MM-DD" in some calendar.
std::optional<dom::MonthDay> ParseMonthDay(std::string_view s) {
  if (s.size() != 5 || s[2] != '-') return std::nullopt;
  for (int i : {0, 1, 3, 4}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  return dom::MonthDay{(s[0] - '0') * 10 + (s[1] - '0'), (s[3] - '0') * 10 + (s[4] - '0')};
}

std::optional<dom::CalendarKind> ParseKind(std::string_view s) {
  if (s == "hijri") return dom::CalendarKind::kHijriUmmAlQura;
  return dom::ParseCalendarKind(s);
}

/// Field prefix of BusinessCalendar::Make's errors → line, to point at the offending entry.
using Lines = std::map<std::string, int>;

int LineFor(const Lines& lines, const std::string& field, int fallback) {
  int line = fallback;
  std::size_t best = 0;
  for (const auto& [prefix, l] : lines) {
    if (field.rfind(prefix, 0) == 0 && prefix.size() > best) {
      best = prefix.size();
      line = l;
    }
  }
  return line;
}

base::Status ReadWeek(const Reader& r, const toml::table& t, const std::string& where,
                      const std::string& field, dom::WeekHours& week, Lines& lines) {
  for (const auto& [k, v] : t) {
    const std::string day(k.str());
    const auto* it = std::find(std::begin(kWeekdays), std::end(kWeekdays), day);
    if (it == std::end(kWeekdays)) {
      return r.Err(&v, where + ": \"" + day + "\" is not a weekday (sunday ... saturday)");
    }
    const auto* hours = v.as_array();
    if (hours == nullptr) {
      return r.Err(&v, where + "." + day + ": give a list such as [\"07:30-14:30\"]");
    }
    auto& intervals = week.days[static_cast<std::size_t>(it - std::begin(kWeekdays))];
    for (const auto& h : *hours) {
      const std::string text = h.value_or(std::string());
      const auto dash = text.find('-');
      std::optional<minutes> begin, end;
      if (dash != std::string::npos) {
        begin = ParseClockTime(std::string_view(text).substr(0, dash));
        end = ParseClockTime(std::string_view(text).substr(dash + 1));
      }
      if (!begin || !end) {
        return r.Err(&h, where + "." + day + ": \"" + text + "\" is not HH:MM-HH:MM");
      }
      intervals.push_back({*begin, *end});
    }
    lines[field + "." + day] = Line(v);
  }
  return base::Ok{};
}

base::Result<dom::DateRule> ReadRule(const Reader& r, const toml::node& n, const std::string& where) {
  const auto* t = n.as_table();
  if (t == nullptr) return r.Err(&n, where + " must be a table");
  dom::DateRule rule;
  rule.name = (*t)["name"].value_or(std::string());
  if (rule.name.empty()) return r.Err(&n, where + ": `name` is missing");
  const std::string kind = (*t)["calendar"].value_or(std::string("gregorian"));
  auto parsed = ParseKind(kind);
  if (!parsed) {
    return r.Err(t->get("calendar"), where + " \"" + rule.name + "\": calendar \"" + kind +
                                         "\" is not gregorian, hijri or jalali");
  }
  rule.calendar = *parsed;
  const std::string from = (*t)["from"].value_or(std::string());
  const std::string to = (*t)["to"].value_or(from);
  auto first = ParseMonthDay(from);
  auto last = ParseMonthDay(to);
  if (!first) return r.Err(&n, where + " \"" + rule.name + "\": `from` must be \"MM-DD\"");
  if (!last) return r.Err(t->get("to"), where + " \"" + rule.name + "\": `to` must be \"MM-DD\"");
  rule.first = *first;
  rule.last = *last;
  if (const toml::node* y = t->get("year")) {
    auto year = y->value<std::int64_t>();
    if (!year) return r.Err(y, where + " \"" + rule.name + "\": `year` must be a number");
    rule.year = static_cast<int>(*year);
  }
  return rule;
}

minutes LongestDay(const dom::WeekHours& week) {
  minutes longest{0};
  for (const auto& day : week.days) {
    minutes sum{0};
    for (const auto& w : day) sum += w.end - w.begin;
    longest = std::max(longest, sum);
  }
  return longest;
}

struct CalendarEntry {
  dom::BusinessCalendar calendar;
  minutes day_length;
};

base::Result<CalendarEntry> ReadCalendar(const Reader& r, const std::string& name,
                                         const toml::table& t, const std::string& time_zone) {
  const std::string where = "calendar \"" + name + "\"";
  if (auto s = r.OnlyKeys(t, {"always_open", "day_length", "week", "holidays", "periods"}, where);
      !s) {
    return s.error();
  }
  Lines lines;
  dom::BusinessCalendarSpec spec;
  spec.time_zone = time_zone;
  const bool always = t["always_open"].value_or(false);
  if (always) {
    for (int d = 0; d < 7; ++d) spec.week.days[d] = {{minutes(0), std::chrono::hours(24)}};
  } else if (const auto* week = t["week"].as_table()) {
    lines["week"] = Line(*week);
    if (auto s = ReadWeek(r, *week, where + ": week", "week", spec.week, lines); !s) return s.error();
  } else {
    return r.Err(&t, where + ": give `week` (hours per weekday) or always_open = true");
  }
  if (always && t.contains("week")) {
    return r.Err(t.get("week"), where + ": always_open and week exclude each other");
  }
  if (const auto* holidays = t["holidays"].as_array()) {
    for (std::size_t i = 0; i < holidays->size(); ++i) {
      const toml::node& n = *holidays->get(i);
      if (const auto* ht = n.as_table()) {
        if (auto s = r.OnlyKeys(*ht, {"name", "calendar", "from", "to", "year"}, where + ": holiday");
            !s) {
          return s.error();
        }
      }
      auto rule = ReadRule(r, n, where + ": holiday");
      if (!rule) return rule.error();
      spec.holidays.push_back(*rule);
      lines["holidays[" + std::to_string(i) + "]"] = Line(n);
    }
  }
  if (const auto* periods = t["periods"].as_array()) {
    for (std::size_t i = 0; i < periods->size(); ++i) {
      const toml::node& n = *periods->get(i);
      const std::string field = "periods[" + std::to_string(i) + "]";
      if (const auto* pt = n.as_table()) {
        if (auto s = r.OnlyKeys(*pt, {"name", "calendar", "from", "to", "year", "week"},
                                where + ": period");
            !s) {
          return s.error();
        }
      }
      auto rule = ReadRule(r, n, where + ": period");
      if (!rule) return rule.error();
      dom::HoursPeriod period{*rule, {}};
      const auto* week = n.as_table()->get_as<toml::table>("week");
      if (week == nullptr) {
        return r.Err(&n, where + ": period \"" + rule->name + "\": `week` (its hours) is missing");
      }
      lines[field] = Line(n);
      if (auto s = ReadWeek(r, *week, where + ": period \"" + rule->name + "\": week",
                            field + ".hours", period.hours, lines);
          !s) {
        return s.error();
      }
      spec.periods.push_back(std::move(period));
    }
  }
  minutes day_length = always ? std::chrono::hours(24) : LongestDay(spec.week);
  if (const toml::node* dl = t.get("day_length")) {
    auto parsed = dom::ParseSlaDuration(dl->value_or(std::string()), std::chrono::hours(24));
    if (!parsed || *parsed > std::chrono::hours(24)) {
      return r.Err(dl, where + ": day_length must be a duration of at most 24h, e.g. \"7h\"");
    }
    day_length = *parsed;
  }
  auto made = dom::BusinessCalendar::Make(std::move(spec));
  if (!made) {
    const base::Error& e = made.error();
    return r.ErrAt(LineFor(lines, e.field, Line(t)),
                   where + ": " + (e.field.empty() ? "" : e.field + ": ") + e.message);
  }
  if (day_length <= minutes(0)) return r.Err(&t, where + ": the week has no working hours");
  return CalendarEntry{std::move(made).value(), day_length};
}

/// `one = "x"` and/or `many = ["x", "y"]`; any other shape is an error naming the key.
base::Result<std::vector<std::string>> OneOrMany(const Reader& r, const toml::table& t,
                                                 const char* one, const char* many,
                                                 const std::string& where) {
  std::vector<std::string> out;
  if (const toml::node* n = t.get(one)) {
    auto s = n->value<std::string>();
    if (!s) return r.Err(n, where + ": " + one + " must be a string (or use " + many + " = [...])");
    out.push_back(*s);
  }
  if (const toml::node* n = t.get(many)) {
    const auto* a = n->as_array();
    if (a == nullptr) return r.Err(n, where + ": " + many + " must be a list of strings");
    for (const auto& e : *a) {
      auto s = e.value<std::string>();
      if (!s) return r.Err(&e, where + ": " + many + " must be a list of strings");
      out.push_back(*s);
    }
  }
  return out;
}

}  // namespace

const d::BusinessCalendar& SlaConfig::Calendar(const std::string& name) const {
  static const d::BusinessCalendar kOpen = d::BusinessCalendar::AlwaysOpen();
  auto it = calendars.find(name);
  return it == calendars.end() ? kOpen : it->second;
}

base::Result<SlaConfig> ParseSlaConfig(const std::string& file, const std::string& text,
                                       const std::string& time_zone,
                                       const std::set<std::string>* category_codes) {
  const Reader r(file);
  auto parsed = r.Parse(text);
  if (!parsed) return parsed.error();
  const toml::table& root = *parsed;
  SlaConfig out;
  toml::table kept;  // what goes into the installation
  std::map<std::string, minutes> day_lengths;

  if (const toml::node* cals = root.get("calendars")) {
    const auto* t = cals->as_table();
    if (t == nullptr) return r.Err(cals, "calendars must be tables: [calendars.NAME]");
    for (const auto& [k, v] : *t) {
      const std::string name(k.str());
      const auto* ct = v.as_table();
      if (ct == nullptr) return r.Err(&v, "calendar \"" + name + "\" must be a table");
      if (name.empty() || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") !=
                              std::string::npos) {
        return r.Err(&v, "calendar \"" + name + "\": names use a-z, 0-9 and _");
      }
      auto entry = ReadCalendar(r, name, *ct, time_zone);
      if (!entry) return entry.error();
      out.calendars.emplace(name, std::move(entry->calendar));
      day_lengths[name] = entry->day_length;
    }
    kept.insert("calendars", *t);
  }
  if (!out.calendars.count(kContactCenterCalendar)) {
    auto zone = d::TimeZone::Make(time_zone);
    out.calendars.emplace(kContactCenterCalendar,
                          d::BusinessCalendar::AlwaysOpen(zone ? *zone : d::TimeZone()));
    day_lengths[kContactCenterCalendar] = std::chrono::hours(24);
  }

  if (const toml::node* sla = root.get("sla")) {
    const auto* list = sla->as_array();
    if (list == nullptr) return r.Err(sla, "SLA policies are written [[sla]]");
    std::set<std::string> names;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const toml::node& n = *list->get(i);
      const auto* t = n.as_table();
      if (t == nullptr) return r.Err(&n, "[[sla]] must be tables");
      dom::SlaPolicy p;
      p.name = (*t)["name"].value_or("sla " + std::to_string(i + 1));
      const std::string where = "sla \"" + p.name + "\"";
      if (auto s = r.OnlyKeys(*t,
                              {"name", "category", "categories", "type", "types", "priority",
                               "priorities", "first_response", "resolution", "calendar",
                               "first_response_calendar", "resolution_calendar", "warning_share"},
                              where);
          !s) {
        return s.error();
      }
      if (!names.insert(p.name).second) return r.Err(&n, where + " twice");
      auto categories = OneOrMany(r, *t, "category", "categories", where);
      auto types = OneOrMany(r, *t, "type", "types", where);
      auto priorities = OneOrMany(r, *t, "priority", "priorities", where);
      for (const auto* list : {&categories, &types, &priorities}) {
        if (!*list) return list->error();
      }
      p.categories = *categories;
      if (category_codes != nullptr) {
        for (const auto& code : p.categories) {
          if (!category_codes->count(code)) {
            return r.Err(&n, where + ": category \"" + code + "\" is not defined");
          }
        }
      }
      for (const auto& type : *types) {
        auto parsed = dom::ParseCaseType(type);
        if (!parsed) return r.Err(&n, where + ": unknown request type \"" + type + "\"");
        p.types.push_back(*parsed);
      }
      for (const auto& prio : *priorities) {
        auto parsed = dom::ParsePriority(prio);
        if (!parsed) return r.Err(&n, where + ": unknown priority \"" + prio + "\"");
        p.priorities.push_back(*parsed);
      }
      const std::string calendar = (*t)["calendar"].value_or(std::string(kContactCenterCalendar));
      p.first_response_calendar = (*t)["first_response_calendar"].value_or(calendar);
      p.resolution_calendar = (*t)["resolution_calendar"].value_or(calendar);
      for (const std::string* cal : {&p.first_response_calendar, &p.resolution_calendar}) {
        if (!out.calendars.count(*cal)) {
          return r.Err(&n, where + ": calendar \"" + *cal + "\" is not defined");
        }
      }
      auto target = [&](const char* key, const std::string& cal,
                        std::optional<minutes>& into) -> base::Status {
        const toml::node* v = t->get(key);
        if (v == nullptr) return base::Ok{};
        auto parsed = dom::ParseSlaDuration(v->value_or(std::string()), day_lengths.at(cal));
        if (!parsed) return r.Err(v, where + ": " + key + ": " + parsed.error().message);
        into = *parsed;
        return base::Ok{};
      };
      if (auto s = target("first_response", p.first_response_calendar, p.first_response); !s) {
        return s.error();
      }
      if (auto s = target("resolution", p.resolution_calendar, p.resolution); !s) return s.error();
      if (!p.first_response && !p.resolution) {
        return r.Err(&n, where + ": give first_response, resolution or both");
      }
      if (const toml::node* ws = t->get("warning_share")) {
        auto v = ws->value<double>();
        if (!v || !(*v > 0 && *v <= 1)) return r.Err(ws, where + ": warning_share must be in (0, 1]");
        p.warning_share = *v;
      }
      out.policies.push_back(std::move(p));
    }
    kept.insert("sla", *list);
  }

  if (const toml::node* survey = root.get("survey")) {
    const auto* t = survey->as_table();
    if (t == nullptr) return r.Err(survey, "[survey] must be a table");
    if (auto s = r.OnlyKeys(*t, {"link_base", "valid_days", "low_rating"}, "survey"); !s) {
      return s.error();
    }
    SurveySettings& s = out.survey;
    s.enabled = true;
    s.link_base = (*t)["link_base"].value_or(std::string());
    while (!s.link_base.empty() && s.link_base.back() == '/') s.link_base.pop_back();
    if (s.link_base.rfind("https://", 0) != 0 && s.link_base.rfind("http://", 0) != 0) {
      return r.Err(survey, "survey: link_base must be the portal's address, e.g. https://1111.example.om");
    }
    s.valid_days = static_cast<int>((*t)["valid_days"].value_or(std::int64_t{s.valid_days}));
    if (s.valid_days < 1 || s.valid_days > 365) {
      return r.Err(t->get("valid_days"), "survey: valid_days must be 1 to 365");
    }
    s.low_rating = static_cast<int>((*t)["low_rating"].value_or(std::int64_t{s.low_rating}));
    if (s.low_rating < 1 || s.low_rating > 4) {
      return r.Err(t->get("low_rating"), "survey: low_rating must be 1 to 4");
    }
    kept.insert("survey", *t);
  }

  if (!kept.empty()) {
    std::ostringstream os;
    os << kept;
    out.source = os.str();
  }
  return out;
}

}  // namespace tawasul::app
