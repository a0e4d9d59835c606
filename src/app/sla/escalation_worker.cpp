#include "app/sla/escalation_worker.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>

#include "app/sla/sla_service.hpp"
#include "domain/calendar.hpp"

namespace tawasul::app {

namespace dom = tawasul::domain;

namespace {

/// A round looks at no more than this many batches, so a clock whose write keeps failing (it
/// is re-read each time) cannot hold the round forever.
constexpr int kMaxBatchesPerRound = 10;

std::string ClockLabel(dom::ClockName clock, const std::string& language) {
  const bool first = clock == dom::ClockName::kFirstResponse;
  if (language == "ar") return first ? "الاستجابة الأولى" : "الحل";
  if (language == "fa") return first ? "پاسخ اولیه" : "رسیدگی";
  return first ? "first response" : "resolution";
}

/// The due time as staff read it: the center's calendar and wall clock, e.g. "1446/09/28 13:30".
std::string LocalDue(const CenterSettings& center, base::Time due) {
  auto zone = dom::TimeZone::Make(center.time_zone);
  const dom::TimeZone tz = zone ? *zone : dom::TimeZone();
  dom::CalendarKind kind = dom::CalendarKind::kGregorian;
  if (center.calendar == "persian") kind = dom::CalendarKind::kJalali;
  if (center.calendar == "islamic-umalqura") kind = dom::CalendarKind::kHijriUmmAlQura;
  const dom::CivilDate date = dom::LocalDateOf(tz, due, kind);
  const auto local = tz.ToLocal(due);
  const auto minutes_of_day = std::chrono::duration_cast<std::chrono::minutes>(
      local - std::chrono::floor<std::chrono::days>(local));
  char out[32];
  std::snprintf(out, sizeof out, "%04d/%02d/%02d %02d:%02d", date.year, date.month, date.day,
                static_cast<int>(minutes_of_day.count() / 60),
                static_cast<int>(minutes_of_day.count() % 60));
  return out;
}

}  // namespace

EscalationWorker::EscalationWorker(EscalationWorkerStore& store, SlaStore& sla_store, const base::Clock& clock,
                                   InstallationRef& installation, EscalationWorkerOptions options)
    : store_(store),
      sla_store_(sla_store),
      clock_(clock),
      installation_(installation),
      options_(std::move(options)),
      loop_(options_.poll_interval,
            [this] {
              RunOnce();
              return false;
            },
            // A store fault (e.g. PostgreSQL restarting): the clocks stay due; try next round.
            [this](const std::string& e) { Log(true, "sla: round failed: " + e); }) {}

EscalationWorker::~EscalationWorker() { Stop(); }

int EscalationWorker::RunOnce() {
  const base::Time now = clock_.Now();
  int reported = 0;
  for (int batch = 0; batch < kMaxBatchesPerRound; ++batch) {
    const auto due = sla_store_.DueSlaClocks(now, options_.batch);
    for (const StoredClock& c : due) {
      if (Check(c, now)) ++reported;
    }
    if (static_cast<int>(due.size()) < options_.batch) break;
  }
  return reported;
}

bool EscalationWorker::Check(const StoredClock& s, base::Time now) {
  const auto inst = installation_.Get();
  const SlaConfig& config = inst->sla();
  SlaCheck check;
  check.case_id = s.case_id;
  check.clock = s.clock.name;
  check.expected_version = s.version;
  check.at = now;
  const std::string what = "request " + std::to_string(s.case_id.value) + " " +
                           std::string(dom::ToString(s.clock.name));
  auto state = dom::EvaluateClock(config.Calendar(s.clock.calendar), s.clock, now);
  if (!state) {
    // A calendar without working time: nothing can ever be due; stop looking at it.
    Log(true, "sla: " + what + ": " + state.error().message);
    (void)sla_store_.RecordSlaCheck(check);
    return false;
  }
  check.due = state->due;
  check.escalation =
      dom::EscalationDue(s.clock, *state, s.warning_reported, s.breach_reported);

  StoredClock after = s;
  after.warning_reported = s.warning_reported || check.escalation == dom::Escalation::kWarning;
  after.breach_reported = s.breach_reported || check.escalation == dom::Escalation::kBreach;
  Schedule(config, after);
  if (check.escalation == dom::Escalation::kNone && after.next_check_at &&
      *after.next_check_at <= now) {
    after.next_check_at = now + std::chrono::minutes(1);  // never spin on one clock
  }
  check.next_check_at = after.next_check_at;

  switch (check.escalation) {
    case dom::Escalation::kNone:
      break;
    case dom::Escalation::kWarning:
      check.note = std::to_string(static_cast<int>(std::floor(state->share * 100))) +
                   "% of the target used; due " + base::FormatRfc3339(state->due);
      break;
    case dom::Escalation::kBreach: {
      check.note = "due " + base::FormatRfc3339(state->due);
      if (auto c = store_.GetCase(s.case_id)) {
        check.messages = BreachMessages(*inst, *c, s.clock.name, state->due, now, check.note);
      }
      break;
    }
  }
  const Status written = sla_store_.RecordSlaCheck(check);
  if (!written) {
    // Conflict: reported already (another node, or this one before a restart). Precondition:
    // the request moved since the read; the next round reads it again. Neither is a fault.
    if (written.error().code != base::ErrorCode::kConflict &&
        written.error().code != base::ErrorCode::kPreconditionFailed) {
      Log(true, "sla: " + what + ": " + written.error().message);
    }
    return false;
  }
  return check.escalation != dom::Escalation::kNone;
}

std::vector<d::OutboxMessage> EscalationWorker::BreachMessages(const Installation& inst,
                                                               const d::Case& c,
                                                               dom::ClockName clock,
                                                               base::Time due, base::Time now,
                                                               std::string& note) {
  // The supervisors, and the manager of the unit the request is referred to (a unit_staff user
  // of that unit marked manager in the profile).
  const auto contacts = sla_store_.StaffContacts();
  std::vector<d::OutboxMessage> out;
  int supervisors = 0, managers = 0, unreachable = 0;
  for (const d::User& u : store_.ListUsers()) {
    if (!u.active) continue;
    const auto contact = std::find_if(contacts.begin(), contacts.end(),
                                      [&](const StaffContact& k) { return k.user_id == u.id; });
    const bool supervisor = u.role == dom::Role::kSupervisor;
    const bool manager = u.role == dom::Role::kUnitStaff && c.unit_id && u.unit_id == c.unit_id &&
                         contact != contacts.end() && contact->unit_manager;
    if (!supervisor && !manager) continue;
    if (contact == contacts.end()) {
      ++unreachable;
      continue;
    }
    // Composed like a citizen's message, to the staff member's address and language.
    d::Requester to;
    to.email = contact->email;
    to.phone = contact->phone;
    to.language = u.language;
    const std::string language = inst.LanguageFor(&to);
    const std::map<std::string, std::string> values{
        {"tracking_code", c.tracking_code},
        {"clock", ClockLabel(clock, language)},
        {"due_at", LocalDue(inst.settings(), due)}};
    auto composed = inst.Compose(kBreachTemplate, "email", &to, values, now);
    if (!composed.message) composed = inst.Compose(kBreachTemplate, "sms", &to, values, now);
    if (!composed.message) {
      ++unreachable;
      continue;
    }
    composed.message->case_id = c.id;
    out.push_back(std::move(*composed.message));
    ++(supervisor ? supervisors : managers);
  }
  note += "; notified supervisors: " + std::to_string(supervisors) +
          ", unit managers: " + std::to_string(managers);
  if (unreachable > 0) note += "; without an address or template: " + std::to_string(unreachable);
  return out;
}

void EscalationWorker::Start() { loop_.Start(); }

void EscalationWorker::Stop() { loop_.Stop(); }

void EscalationWorker::Log(bool error, const std::string& line) const {
  if (options_.log) options_.log(error, line);
}

}  // namespace tawasul::app
