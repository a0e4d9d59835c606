#include "app/installation/demo_history.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

#include "app/sla/sla_service.hpp"
#include "domain/calendar.hpp"
#include "domain/identity.hpp"
#include "domain/tracking_code.hpp"

namespace tawasul::app {

namespace d = tawasul::domain;
using std::chrono::minutes;

namespace {

/// Picks an index with probability proportional to its weight.
template <class Rng>
std::size_t Pick(Rng& rng, const std::vector<double>& weights) {
  std::discrete_distribution<std::size_t> dist(weights.begin(), weights.end());
  return dist(rng);
}

// Calls come mid-morning and early evening; almost none before dawn.
const std::vector<double> kHourWeights = {1,  0.5, 0.3, 0.3, 0.5, 1,  2,  4,  7,  9,  10, 10,
                                          8,  7,   8,   8,   9,   10, 10, 9,  8,  6,  4,  2};

struct Mix {
  std::vector<d::Channel> channels;
  std::vector<double> channel_weights;
  std::vector<d::CaseType> types;
  std::vector<double> type_weights;
};

Mix MixFor(const std::string& profile) {
  using C = d::Channel;
  using T = d::CaseType;
  Mix m;
  m.channels = {C::kPhone, C::kPortal, C::kWalkIn, C::kSms, C::kEmail, C::kChat, C::kSocial, C::kFax};
  m.channel_weights = {55, 18, 10, 5, 5, 4, 2, 1};
  if (profile == "iacad-dubai") m.channel_weights = {45, 25, 18, 2, 6, 3, 1, 0};
  if (profile == "pr-center") m.channel_weights = {35, 30, 30, 2, 2, 0, 1, 0};
  m.types = {T::kComplaint, T::kReport, T::kInquiry, T::kServiceRequest, T::kViolationReport,
             T::kSuggestion, T::kCriticism, T::kMeetingRequest};
  m.type_weights = {35, 20, 15, 12, 8, 5, 3, profile == "pr-center" ? 8.0 : 0.0};
  return m;
}

/// A local mobile number of the installation's country, as a citizen says it.
template <class Rng>
std::string LocalMobile(Rng& rng, const std::string& country) {
  std::uniform_int_distribution<int> digit(0, 9);
  std::string n;
  int count = 8;
  if (country == "IR") {
    n = "091";
  } else if (country == "OM") {
    n = "9";
    count = 7;
  } else {
    n = "05";
  }
  for (int i = 0; i < count; ++i) n += static_cast<char>('0' + digit(rng));
  return n;
}

const std::vector<const char*> kArabicFirst = {"عبدالله", "محمد", "فاطمة", "خالد", "نورة", "سالم",
                                               "مريم", "أحمد", "سارة", "يوسف", "هند", "علي"};
const std::vector<const char*> kArabicLast = {"القحطاني", "العتيبي", "البلوشي", "الشامسي",
                                              "الحارثي", "الزهراني", "الهاشمي", "الكعبي"};
const std::vector<const char*> kPersianFirst = {"محمدرضا", "زهرا", "علی", "مریم", "حسین", "فاطمه",
                                                "مهدی", "سارا", "امیر", "نرگس"};
const std::vector<const char*> kPersianLast = {"احمدی", "حسینی", "رضایی", "کریمی", "موسوی",
                                               "محمدی", "جعفری", "صادقی"};

}  // namespace

base::Result<std::string> LoadDemoHistory(Store& store, const InstallationRef& installation,
                                          const DemoHistoryOptions& o, base::Time now) {
  const auto inst = installation.Get();
  if (!inst) return base::Invalid("installation", "load the profile first");
  const CenterSettings& settings = inst->settings();
  auto zone = d::TimeZone::Make(settings.time_zone);
  if (!zone) return zone.error();
  std::mt19937_64 rng(o.seed ^ std::hash<std::string>{}(settings.profile));
  std::uniform_real_distribution<double> unit(0.0, 1.0);

  const auto categories = store.ListCategories();
  std::vector<d::Category> leaves;
  for (const auto& c : categories) {
    const bool parent = std::any_of(categories.begin(), categories.end(), [&](const auto& x) {
      return x.parent_id && *x.parent_id == c.id;
    });
    if (c.active && !parent) leaves.push_back(c);
  }
  if (leaves.empty()) return base::Invalid("categories", "the profile has none");
  std::vector<double> category_weights;  // a few topics carry most of the load
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    category_weights.push_back(1.0 / std::pow(static_cast<double>(i + 1), 0.9));
  }
  std::shuffle(category_weights.begin(), category_weights.end(), rng);
  auto chain_of = [&](d::CategoryId id) {
    std::vector<d::Category> chain;
    for (std::optional<d::CategoryId> at = id; at && chain.size() < 20;) {
      auto it = std::find_if(categories.begin(), categories.end(),
                             [&](const auto& c) { return c.id == *at; });
      if (it == categories.end()) break;
      chain.push_back(*it);
      at = it->parent_id;
    }
    return chain;
  };
  std::vector<d::SiteId> sites;
  for (const auto& s : store.ListSites()) {
    if (s.active) sites.push_back(s.id);
  }
  std::vector<d::UserId> agents;
  for (const auto& u : store.ListUsers()) {
    if (u.active && (u.role == d::Role::kAgent || u.role == d::Role::kDispatcher)) agents.push_back(u.id);
  }
  if (agents.empty()) return base::Invalid("users", "the profile has no agent");
  const bool persian = settings.country == "IR";
  const auto& first_names = persian ? kPersianFirst : kArabicFirst;
  const auto& last_names = persian ? kPersianLast : kArabicLast;
  const Mix mix = MixFor(settings.profile);
  // Ramadan is the peak of the Gulf's and Iran's mosque and municipal lines.
  const bool ramadan_peak = settings.country == "SA" || settings.country == "AE" ||
                            settings.country == "OM" || settings.country == "IR";
  // The center's working week, from its first business calendar that is not round the clock.
  const d::BusinessCalendar* week = nullptr;
  for (const auto& [name, cal] : inst->sla().calendars) {
    if (!cal.always_open()) {
      week = &cal;
      break;
    }
  }

  // A pool of returning citizens: a third of requests come from someone who called before.
  std::vector<d::Requester> pool;
  auto requester = [&]() -> std::optional<d::Requester> {
    if (!pool.empty() && unit(rng) < 0.33) return pool[rng() % pool.size()];
    d::Requester r;
    r.name = std::string(first_names[rng() % first_names.size()]) + " " +
             last_names[rng() % last_names.size()];
    auto phone = d::NormalizePhone(LocalMobile(rng, settings.country), settings.country);
    if (!phone) return std::nullopt;
    r.phone = *phone;
    r.created_at = now;
    // The profile's choice attributes (8940's role of the caller), the first choices commonest.
    for (const auto& a : settings.requester_attributes) {
      if (a.type != d::AttributeType::kChoice || a.choices.empty()) continue;
      std::size_t i = 0;
      while (i + 1 < a.choices.size() && unit(rng) < 0.45) ++i;
      r.attributes[a.key] = a.choices[i].key;
    }
    if (pool.size() < 400) pool.push_back(r);
    return r;
  };

  d::CalendarConverter conv;
  const d::CivilDate today = d::LocalDateOf(*zone, now);
  auto today_days = conv.ToDays(d::CalendarKind::kGregorian, today);
  if (!today_days) return today_days.error();
  std::int64_t made_requests = 0, made_contacts = 0;
  for (int back = o.days; back >= 1; --back) {
    const auto day = *today_days - std::chrono::days(back);
    const d::CivilDate date = conv.FromDays(d::CalendarKind::kGregorian, day);
    double factor = 0.85 + 0.3 * unit(rng);
    if (week && week->HoursOn(date).empty()) factor *= 0.45;  // a day off or a holiday
    if (ramadan_peak && conv.FromDays(d::CalendarKind::kHijriUmmAlQura, day).month == 9) {
      factor *= 1.7;
    }
    factor *= 0.8 + 0.2 * (1.0 - static_cast<double>(back) / o.days);  // a slow rise
    auto at_some_hour = [&]() -> std::optional<base::Time> {
      const int hour = static_cast<int>(Pick(rng, kHourWeights));
      auto t = d::InstantOf(*zone, d::CalendarKind::kGregorian, date,
                            minutes(hour * 60 + static_cast<int>(rng() % 60)));
      if (!t || *t >= now) return std::nullopt;
      return *t;
    };

    const int requests = static_cast<int>(std::lround(o.requests_per_day * factor));
    for (int i = 0; i < requests; ++i) {
      auto created = at_some_hour();
      if (!created) continue;
      const d::Category& cat = leaves[Pick(rng, category_weights)];
      const auto chain = chain_of(cat.id);
      NewCase nc;
      nc.fields.type = mix.types[Pick(rng, mix.type_weights)];
      nc.fields.channel = mix.channels[Pick(rng, mix.channel_weights)];
      nc.fields.category_id = cat.id;
      nc.fields.priority = unit(rng) < 0.08 ? d::Priority::kHigh : d::Priority::kNormal;
      if (!sites.empty() && unit(rng) < 0.6) nc.fields.site_id = sites[rng() % sites.size()];
      nc.fields.description = "بلاغ تجريبي من سجل العرض: " + cat.name.ar;
      if (persian) nc.fields.description = "درخواست نمونه از سابقهٔ نمایشی: " + cat.name.fa;
      const bool staff = nc.fields.channel != d::Channel::kPortal;
      if (staff) nc.fields.created_by = agents[rng() % agents.size()];
      nc.actor = nc.fields.created_by;
      nc.requester = unit(rng) < 0.06 ? std::nullopt : requester();
      const d::Workflow& workflow = inst->WorkflowFor(chain, nc.fields.type);
      nc.fields.workflow = workflow.name;
      // Most requests older than a few days are closed, in one to ten days (some much later).
      const double age_days = static_cast<double>(back);
      const double took = std::exp(std::log(2.5) + 0.9 * std::normal_distribution<>(0, 1)(rng));
      const bool closed = took < age_days - 0.5 && unit(rng) < (age_days > 30 ? 0.99 : 0.93);
      std::string closed_state;
      for (const auto& [name, state] : workflow.states) {
        if (state.status == d::CaseStatus::kClosed) {
          closed_state = name;
          break;
        }
      }
      const bool close_it = closed && !closed_state.empty();
      nc.fields.state = close_it ? closed_state : workflow.initial;
      nc.fields.status = workflow.State(nc.fields.state)->status;
      for (const auto& c : chain) {  // the unit the category goes to, referred or not yet
        if (c.default_unit_id) {
          if (close_it || unit(rng) < 0.5) nc.fields.unit_id = c.default_unit_id;
          break;
        }
      }
      nc.fields.created_at = *created;
      const base::Time closed_at =
          *created + std::chrono::duration_cast<base::Time::duration>(
                         std::chrono::duration<double, std::ratio<86400>>(took));
      nc.fields.updated_at = close_it ? closed_at : *created;
      if (close_it) nc.fields.closed_at = closed_at;
      // Clocks as they would stand: stopped at the first answer and at the closing; left running
      // (with no timer) on open requests.
      nc.service.clocks = ClocksForNewCase(inst->sla(), chain, nc.fields.type,
                                           nc.fields.priority, *created);
      const double answered_hours =
          std::exp(std::log(3.0) + 1.0 * std::normal_distribution<>(0, 1)(rng));
      for (StoredClock& k : nc.service.clocks) {
        k.next_check_at.reset();
        const base::Time stop =
            k.clock.name == d::ClockName::kFirstResponse
                ? *created + std::chrono::duration_cast<base::Time::duration>(
                                 std::chrono::duration<double, std::ratio<3600>>(answered_hours))
                : closed_at;
        if (close_it || (k.clock.name == d::ClockName::kFirstResponse && stop < now)) {
          k.clock.run = d::ClockRun::kStopped;
          k.clock.stopped_at = std::min(stop, close_it ? closed_at : now);
        }
      }
      if (staff && (nc.fields.channel == d::Channel::kPhone ||
                    nc.fields.channel == d::Channel::kWalkIn)) {
        d::Contact k;
        k.channel = nc.fields.channel;
        k.agent_id = nc.fields.created_by;
        k.outcome = d::ContactOutcome::kCaseCreated;
        k.category_id = cat.id;
        k.started_at = k.created_at = *created;
        k.answered_at = *created;
        k.ended_at = *created + minutes(3 + static_cast<int>(rng() % 6));
        if (nc.requester) k.from_number = nc.requester->phone;
        if (k.channel == d::Channel::kWalkIn) k.site_id = nc.fields.site_id;
        nc.contact = k;
      }
      for (int attempt = 0; attempt < 5; ++attempt) {
        nc.fields.tracking_code = d::MakeTrackingCode(rng());
        auto made = store.CreateCase(nc);
        if (made) {
          ++made_requests;
          break;
        }
        if (made.error().code != base::ErrorCode::kConflict) return made.error();
      }
    }

    // Calls that made no request: guidance given, or the caller hung up waiting.
    const int contacts = static_cast<int>(std::lround(o.contacts_per_day * factor));
    for (int i = 0; i < contacts; ++i) {
      auto started = at_some_hour();
      if (!started) continue;
      d::Contact k;
      k.channel = unit(rng) < 0.9 ? d::Channel::kPhone : d::Channel::kWalkIn;
      k.started_at = k.created_at = *started;
      if (auto r = requester(); r && k.channel == d::Channel::kPhone) k.from_number = r->phone;
      const double roll = unit(rng);
      if (k.channel == d::Channel::kPhone && roll < 0.08) {
        k.outcome = d::ContactOutcome::kAbandoned;
        k.ended_at = *started + std::chrono::seconds(10 + rng() % 90);
      } else if (k.channel == d::Channel::kPhone && roll < 0.12) {
        k.outcome = d::ContactOutcome::kMissed;
        k.ended_at = *started + std::chrono::seconds(30 + rng() % 30);
      } else {
        k.outcome = d::ContactOutcome::kGuidance;
        k.agent_id = agents[rng() % agents.size()];
        k.category_id = leaves[Pick(rng, category_weights)].id;
        k.answered_at = *started + std::chrono::seconds(rng() % 40);
        k.ended_at = *k.answered_at + std::chrono::seconds(60 + rng() % 300);
        if (k.channel == d::Channel::kWalkIn && !sites.empty()) k.site_id = sites[rng() % sites.size()];
      }
      auto made = store.CreateContact(k);
      if (!made) return made.error();
      ++made_contacts;
    }
  }
  return "history: " + std::to_string(made_requests) + " requests and " +
         std::to_string(made_contacts) + " other contacts over " + std::to_string(o.days) +
         " days";
}

}  // namespace tawasul::app
