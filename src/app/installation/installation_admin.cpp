#include "app/installation/installation_admin.hpp"

#include "app/admin/admin_audit.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <random>
#include <sstream>

#include "app/surveys/survey_service.hpp"
#include "domain/calendar.hpp"
#include "domain/template_text.hpp"
#include "domain/validation.hpp"

namespace tawasul::app {
namespace {

namespace dom = tawasul::domain;
using base::Error;
using base::ErrorCode;

constexpr const char* kKinds[] = {"sms", "email_subject", "email_body"};
constexpr const char* kLanguages[] = {"ar", "fa", "en"};
constexpr std::size_t kMaxTemplateChars = 4000;

template <std::size_t N>
bool OneOf(const char* const (&list)[N], const std::string& s) {
  return std::any_of(std::begin(list), std::end(list), [&](const char* k) { return s == k; });
}

/// A fresh revision: random, so two nodes editing at once never write the same one.
std::string NewRevision() {
  std::random_device rd;
  std::ostringstream os;
  os << std::hex << rd() << rd();
  return os.str();
}

bool ValidTemplateName(const std::string& name) {
  return !name.empty() && name.size() <= 64 &&
         name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
}

std::optional<dom::CalendarKind> HolidayCalendar(const std::string& s) {
  if (s == "gregorian") return dom::CalendarKind::kGregorian;
  if (s == "hijri") return dom::CalendarKind::kHijriUmmAlQura;
  if (s == "jalali") return dom::CalendarKind::kJalali;
  return std::nullopt;
}

/// "MM-DD" as a month and day; the year's calendar checks that the day exists.
std::optional<dom::CivilDate> ParseMonthDay(const std::string& s, int year) {
  if (s.size() != 5 || s[2] != '-') return std::nullopt;
  for (int i : {0, 1, 3, 4}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  return dom::CivilDate{year, (s[0] - '0') * 10 + (s[1] - '0'), (s[3] - '0') * 10 + (s[4] - '0')};
}

/// Checks a holiday's fields; the error names the member of the request body.
Result<HolidayInput> CheckHoliday(HolidayInput h) {
  auto name = dom::CleanName(h.name, "name", 100, true);
  if (!name) return name.error();
  h.name = *name;
  auto kind = HolidayCalendar(h.calendar);
  if (!kind) return base::Invalid("calendar", "must be gregorian, hijri or jalali");
  // Wide enough for any real date in each calendar, narrow enough for ICU to convert it.
  const int min_year = *kind == dom::CalendarKind::kGregorian ? 1900 : 1300;
  const int max_year = *kind == dom::CalendarKind::kGregorian ? 2200 : 1600;
  if (!h.every_year && (h.year < min_year || h.year > max_year)) {
    return base::Invalid("year", "must be from " + std::to_string(min_year) + " to " +
                                     std::to_string(max_year) + " in that calendar");
  }
  if (h.to.empty()) h.to = h.from;
  // Every year: the day must exist in some year (30 Esfand and 30 of a Hijri month come only in
  // some years; a year without the day skips it).
  const int base_year = *kind == dom::CalendarKind::kGregorian ? 2024
                        : *kind == dom::CalendarKind::kHijriUmmAlQura ? 1445
                                                               : 1403;
  const auto valid = [&](const char* field, const std::string& text) -> Result<dom::CivilDate> {
    auto day = ParseMonthDay(text, h.every_year ? base_year : h.year);
    if (!day) return base::Invalid(field, "must be MM-DD, e.g. 03-21");
    if (!h.every_year) {
      if (auto s = dom::ValidateDate(*kind, *day); !s) return base::Invalid(field, s.error().message);
      return *day;
    }
    std::string why;
    for (int y = base_year; y < base_year + 8; ++y) {
      day->year = y;
      auto s = dom::ValidateDate(*kind, *day);
      if (s) return *day;
      why = s.error().message;
    }
    return base::Invalid(field, why);
  };
  auto first = valid("from", h.from);
  if (!first) return first.error();
  auto last = valid("to", h.to);
  if (!last) return last.error();
  if (std::pair(last->month, last->day) < std::pair(first->month, first->day)) {
    return base::Invalid("to", "must not be before `from`");
  }
  return h;
}

Result<toml::table> ParseToml(const std::string& text) {
  try {
    return toml::parse(text, std::string_view("<installation: sla>"));
  } catch (const toml::parse_error& e) {
    return Error{ErrorCode::kUnavailable,
                 "the stored service levels do not parse: " + std::string(e.description()),
                 {}};
  }
}

/// The holidays array of [calendars.NAME] in `root`, made when missing. An undeclared
/// contact_center is declared as it reads (round the clock); other unknown names are NotFound.
Result<toml::array*> HolidaysOf(toml::table& root, const std::string& calendar) {
  if (!root.contains("calendars")) root.insert("calendars", toml::table{});
  auto* cals = root["calendars"].as_table();
  if (cals == nullptr) return Error{ErrorCode::kUnavailable, "stored calendars are malformed", {}};
  if (!cals->contains(calendar)) {
    if (calendar != kContactCenterCalendar) {
      return Error{ErrorCode::kNotFound, "No such calendar", {}};
    }
    cals->insert(calendar, toml::table{{"always_open", true}});
  }
  auto* cal = (*cals)[calendar].as_table();
  if (cal == nullptr) return Error{ErrorCode::kUnavailable, "stored calendar is malformed", {}};
  if (!cal->contains("holidays")) cal->insert("holidays", toml::array{});
  auto* list = (*cal)["holidays"].as_array();
  if (list == nullptr) return Error{ErrorCode::kUnavailable, "stored holidays are malformed", {}};
  return list;
}

/// Whether holiday entry `n` is `name` of `year` (0: the one every year, with no year).
bool SameOneOff(const toml::node& n, const std::string& name, int year) {
  const auto* t = n.as_table();
  if (t == nullptr) return false;
  auto y = (*t)["year"].value<std::int64_t>();
  const bool same_year = year == 0 ? !y.has_value() : (y && *y == year);
  return same_year && (*t)["name"].value_or(std::string()) == name;
}

/// The member of a PUT /admin/sla/{policy} body that ParseSlaConfig's message (for policy
/// `where`) is about, so the error can name it rather than the profile line.
std::string SlaField(const std::string& message, const std::string& where,
                     const SlaTargetsInput& in) {
  for (const char* key : {"first_response_calendar", "resolution_calendar", "warning_share",
                          "first_response", "resolution"}) {
    if (message.find(where + ": " + key) != std::string::npos) return key;
  }
  if (message.find("is not defined") != std::string::npos) {
    if (in.resolution_calendar &&
        message.find("\"" + *in.resolution_calendar + "\"") != std::string::npos) {
      return "resolution_calendar";
    }
    return "first_response_calendar";
  }
  return in.resolution || in.clear_resolution ? "resolution" : "first_response";
}

}  // namespace

InstallationAdmin::InstallationAdmin(InstallationAdminStore& store, InstallationRef& installation)
    : store_(store), installation_(installation) {}

Result<std::vector<TemplateView>> InstallationAdmin::Templates(const Principal& who) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  std::map<std::string, TemplateView> by_name;
  for (const auto& t : store_.ListTemplates()) {
    TemplateView& v = by_name[t.name];
    v.name = t.name;
    if (!t.text.empty()) v.texts[t.kind][t.language] = t.text;
  }
  std::vector<TemplateView> out;
  for (auto& [name, v] : by_name) out.push_back(std::move(v));
  return out;
}

Result<TemplateView> InstallationAdmin::PutTemplate(const Principal& who, const std::string& name,
                                                    const TemplateView& texts) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  if (!ValidTemplateName(name)) return base::Invalid("name", "must be 1 to 64 of a-z, 0-9 and _");
  std::vector<InstallationStore::TemplateText> rows;
  for (const auto& [kind, by_lang] : texts.texts) {
    if (!OneOf(kKinds, kind)) return base::Invalid(kind, "must be sms, email_subject or email_body");
    for (const auto& [lang, text] : by_lang) {
      const std::string field = kind + "." + lang;
      if (!OneOf(kLanguages, lang)) return base::Invalid(field, "the language must be ar, fa or en");
      auto clean = kind == std::string("email_subject")
                       ? dom::CleanName(text, field, kMaxTemplateChars, false)
                       : dom::CleanText(text, field, kMaxTemplateChars, false);
      if (!clean) return clean.error();
      if (auto s = dom::CheckTemplate(*clean); !s) return base::Invalid(field, s.error().message);
      rows.push_back({name, kind, lang, *clean});
    }
  }
  if (rows.empty()) return base::Invalid("sms", "give at least one text");
  std::string before, after;
  for (const auto& t : store_.ListTemplates()) {
    if (t.name == name) before += t.kind + "." + t.language + "=" + t.text + "\n";
  }
  for (const auto& row : rows) {
    if (auto s = store_.SaveTemplate(row); !s) return s.error();
  }
  for (const auto& t : store_.ListTemplates()) {
    if (t.name == name) after += t.kind + "." + t.language + "=" + t.text + "\n";
  }
  RecordAdminChange(store_, who, "template", name, "put", before, after);
  if (auto s = BumpRevisionAndReload(); !s) return s.error();
  auto all = Templates(who);
  if (!all) return all.error();
  for (auto& v : *all) {
    if (v.name == name) return std::move(v);
  }
  return TemplateView{name, {}};
}

Result<std::shared_ptr<const Installation>> InstallationAdmin::ServiceLevels(const Principal& who) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  return installation_.Get();
}

Status InstallationAdmin::PutSlaPolicy(const Principal& who, const std::string& name,
                                       const SlaTargetsInput& in) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  const auto kv = store_.Installation();
  auto it = kv.find(kInstallationSlaKey);
  auto root = ParseToml(it == kv.end() ? std::string() : it->second);
  if (!root) return root.error();
  auto none = [] { return Error{ErrorCode::kNotFound, "No such SLA policy", {}}; };
  auto* list = (*root)["sla"].as_array();
  if (list == nullptr) return none();
  toml::table* policy = nullptr;
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto* t = list->get(i)->as_table();
    // Unnamed policies read "sla N", as ParseSlaConfig names them.
    if (t != nullptr && (*t)["name"].value_or("sla " + std::to_string(i + 1)) == name) policy = t;
  }
  if (policy == nullptr) return none();
  // `calendar` sets both; spell each out so changing one keeps the other.
  if (auto c = (*policy)["calendar"].value<std::string>()) {
    if (!policy->contains("first_response_calendar")) policy->insert("first_response_calendar", *c);
    if (!policy->contains("resolution_calendar")) policy->insert("resolution_calendar", *c);
    policy->erase("calendar");
  }
  if (in.first_response) policy->insert_or_assign("first_response", *in.first_response);
  if (in.clear_first_response) policy->erase("first_response");
  if (in.resolution) policy->insert_or_assign("resolution", *in.resolution);
  if (in.clear_resolution) policy->erase("resolution");
  if (in.first_response_calendar) {
    policy->insert_or_assign("first_response_calendar", *in.first_response_calendar);
  }
  if (in.resolution_calendar) {
    policy->insert_or_assign("resolution_calendar", *in.resolution_calendar);
  }
  if (in.warning_share) policy->insert_or_assign("warning_share", *in.warning_share);
  std::ostringstream os;
  os << *root;
  const std::string zone = installation_.Get()->settings().time_zone;
  // The profile loader's own check; its message is kept, only the field is the body's member.
  auto parsed = ParseSlaConfig("<installation: sla>", os.str(), zone);
  if (!parsed) {
    const std::string where = "sla \"" + name + "\"";
    const std::string& msg = parsed.error().message;
    const auto at = msg.find(where + ": ");
    return base::Invalid(SlaField(msg, where, in),
                         at == std::string::npos ? msg : msg.substr(at + where.size() + 2));
  }
  return SaveServiceLevels(who, "sla_policy", name, os.str());
}

Status InstallationAdmin::PutSurvey(const Principal& who, const SurveyInput& in) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  if (in.enabled) {
    // As a profile must: the survey is sent from this template, so enabling needs it.
    const auto templates = store_.ListTemplates();
    const bool has = std::any_of(templates.begin(), templates.end(), [](const auto& t) {
      return t.name == kSurveyTemplate && t.kind == "sms" && !t.text.empty();
    });
    if (!has) {
      return base::Invalid("enabled", std::string("the survey needs an SMS template \"") +
                                          kSurveyTemplate + "\" with {survey_link}");
    }
  }
  const auto kv = store_.Installation();
  auto it = kv.find(kInstallationSlaKey);
  auto root = ParseToml(it == kv.end() ? std::string() : it->second);
  if (!root) return root.error();
  root->erase("survey");
  if (in.enabled) {
    root->insert("survey", toml::table{{"link_base", in.link_base},
                                       {"valid_days", in.valid_days},
                                       {"low_rating", in.low_rating}});
  }
  std::ostringstream os;
  os << *root;
  // The profile loader's own check; its message is kept, the field is the body's member.
  auto parsed = ParseSlaConfig("<installation: sla>", os.str(), installation_.Get()->settings().time_zone);
  if (!parsed) {
    const std::string& msg = parsed.error().message;
    for (const char* key : {"link_base", "valid_days", "low_rating"}) {
      const std::string where = std::string("survey: ") + key;
      if (const auto at = msg.find(where); at != std::string::npos) {
        return base::Invalid(key, msg.substr(at + 8));
      }
    }
    return base::Invalid("enabled", msg);
  }
  return SaveServiceLevels(who, "survey", "survey", os.str());
}

Result<CalendarView> InstallationAdmin::ViewOf(const std::string& calendar) {
  auto inst = installation_.Get();
  auto it = inst->sla().calendars.find(calendar);
  if (it == inst->sla().calendars.end()) return Error{ErrorCode::kNotFound, "No such calendar", {}};
  const std::string& src = inst->sla().source;
  bool declared = false;
  if (!src.empty()) {
    auto root = ParseToml(src);
    if (root) declared = (*root)["calendars"][calendar].is_table();
  }
  return CalendarView{calendar, declared, &it->second, inst};
}

Result<std::vector<CalendarView>> InstallationAdmin::Calendars(const Principal& who) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  std::vector<CalendarView> out;
  for (const auto& [name, cal] : installation_.Get()->sla().calendars) {
    auto v = ViewOf(name);
    if (v) out.push_back(std::move(v).value());
  }
  return out;
}

Result<CalendarView> InstallationAdmin::AddHoliday(const Principal& who,
                                                   const std::string& calendar,
                                                   const HolidayInput& input) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  auto h = CheckHoliday(input);
  if (!h) return h.error();
  const auto kv = store_.Installation();
  auto it = kv.find(kInstallationSlaKey);
  auto root = ParseToml(it == kv.end() ? std::string() : it->second);
  if (!root) return root.error();
  auto list = HolidaysOf(*root, calendar);
  if (!list) return list.error();
  const int year = h->every_year ? 0 : h->year;
  for (const auto& n : **list) {
    if (SameOneOff(n, h->name, year)) {
      return Error{ErrorCode::kConflict, h->every_year ? "The calendar already has this holiday every year"
                                                       : "The calendar already has this holiday in that year",
                   "name"};
    }
  }
  toml::table entry{{"name", h->name}, {"calendar", h->calendar}, {"from", h->from}, {"to", h->to}};
  if (!h->every_year) entry.insert("year", h->year);
  (*list)->push_back(std::move(entry));
  std::ostringstream os;
  os << *root;
  if (auto s = SaveServiceLevels(who, "holiday_add", calendar + "/" + h->name, os.str()); !s) return s.error();
  return ViewOf(calendar);
}

Result<CalendarView> InstallationAdmin::RemoveHoliday(const Principal& who,
                                                      const std::string& calendar,
                                                      const std::string& name, int year) {
  if (auto s = RequireAdmin(who); !s) return s.error();
  const auto kv = store_.Installation();
  auto it = kv.find(kInstallationSlaKey);
  auto root = ParseToml(it == kv.end() ? std::string() : it->second);
  if (!root) return root.error();
  auto* cal = (*root)["calendars"][calendar].as_table();
  if (cal == nullptr) return Error{ErrorCode::kNotFound, "No such calendar", {}};
  auto* list = (*cal)["holidays"].as_array();
  auto none = [] {
    return Error{ErrorCode::kNotFound, "The calendar has no such holiday", "name"};
  };
  if (list == nullptr) return none();
  auto found = std::find_if(list->begin(), list->end(),
                            [&](const toml::node& n) { return SameOneOff(n, name, year); });
  if (found == list->end()) return none();
  list->erase(found);
  std::ostringstream os;
  os << *root;
  if (auto s = SaveServiceLevels(who, "holiday_remove", calendar + "/" + name, os.str()); !s) return s.error();
  return ViewOf(calendar);
}

Status InstallationAdmin::SaveServiceLevels(const Principal& who, const char* action,
                                            const std::string& key,
                                            const std::string& toml_text) {
  auto kv = store_.Installation();
  const std::string before = kv[kInstallationSlaKey];
  const std::string zone = installation_.Get()->settings().time_zone;
  // The same check a profile's tables get; a holiday that passed CheckHoliday should pass it.
  auto parsed = ParseSlaConfig("<installation: sla>", toml_text, zone);
  if (!parsed) return base::Invalid("from", parsed.error().message);
  kv[kInstallationSlaKey] = parsed->source;
  kv[kInstallationRevisionKey] = NewRevision();
  if (auto s = store_.SaveInstallation(kv); !s) return s.error();
  RecordAdminChange(store_, who, "service_levels", key, action, before, parsed->source);
  auto inst = Installation::Load(store_);
  if (!inst) return inst.error();
  installation_.Set(*inst);
  return base::Ok{};
}

Status InstallationAdmin::BumpRevisionAndReload() {
  auto kv = store_.Installation();
  kv[kInstallationRevisionKey] = NewRevision();
  if (auto s = store_.SaveInstallation(kv); !s) return s.error();
  auto inst = Installation::Load(store_);
  if (!inst) return inst.error();
  installation_.Set(*inst);
  return base::Ok{};
}

// ---- InstallationWatcher ----------------------------------------------------------------------

namespace {
std::string RevisionOf(InstallationStore& store) {
  const auto kv = store.Installation();
  auto it = kv.find(kInstallationRevisionKey);
  return it == kv.end() ? std::string() : it->second;
}
}  // namespace

InstallationWatcher::InstallationWatcher(InstallationStore& store, InstallationRef& installation,
                                         std::chrono::milliseconds interval,
                                         std::function<void(const std::string&)> log_error)
    : store_(store),
      installation_(installation),
      interval_(interval),
      log_error_(std::move(log_error)),
      seen_(RevisionOf(store)),
      loop_(interval_,
            [this] {
              Poll();
              return false;
            },
            [this](const std::string& e) {
              if (log_error_) log_error_("installation watch: " + e);
            }) {}

InstallationWatcher::~InstallationWatcher() { Stop(); }

bool InstallationWatcher::Poll() {
  const std::string revision = RevisionOf(store_);
  if (revision == seen_) return false;
  auto inst = Installation::Load(store_);
  if (!inst) {
    // Keep running the one we have; the next edit (or a restart) fixes it.
    if (log_error_) log_error_("installation reload failed: " + inst.error().message);
    seen_ = revision;
    return false;
  }
  installation_.Set(*inst);
  seen_ = revision;
  return true;
}

void InstallationWatcher::Start() { loop_.Start(); }

void InstallationWatcher::Stop() { loop_.Stop(); }

}  // namespace tawasul::app
