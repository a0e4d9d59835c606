#include "app/contacts/call_service.hpp"

#include <algorithm>
#include <cstdio>

#include "app/reports/tag_check.hpp"
#include "base/text.hpp"
#include "domain/identity.hpp"
#include "domain/permissions.hpp"
#include "domain/validation.hpp"

namespace tawasul::app {

namespace dom = tawasul::domain;
using base::Error;
using base::ErrorCode;

namespace {

constexpr std::size_t kMaxField = 200;  ///< callId, queue, user names: bytes
constexpr std::size_t kMaxNumber = 40;  ///< a phone number as a PBX writes it

Error Forbidden(std::string message) {
  return Error{ErrorCode::kForbidden, std::move(message), {}};
}

Error Unauthenticated() {
  return Error{ErrorCode::kUnauthenticated, "Unknown or revoked telephone-system token", {}};
}

/// A short PBX field: valid UTF-8 without control characters, at most kMaxField bytes.
Result<std::string> Field(const std::string& value, const char* name, bool required) {
  if (value.size() > kMaxField) {
    return base::Invalid(name, "is longer than " + std::to_string(kMaxField) + " bytes");
  }
  auto clean = dom::CleanName(value, name, kMaxField, required);
  if (!clean) return clean.error();
  return *clean;
}

std::string DayOf(const dom::TimeZone& zone, base::Time t) {
  const dom::CivilDate d = dom::LocalDateOf(zone, t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

}  // namespace

CallService::CallService(CallServiceStore& store, CaseService& cases, Crypto& crypto,
                         const base::Clock& clock, const Settings& settings)
    : store_(store),
      cases_(cases),
      crypto_(crypto),
      clock_(clock),
      settings_(settings) {}

dom::TimeZone CallService::Zone() {
  std::lock_guard lock(zone_mu_);
  if (!zone_ || zone_->id() != settings_.time_zone) {
    auto made = dom::TimeZone::Make(settings_.time_zone);
    zone_ = made ? *made : dom::TimeZone();
  }
  return *zone_;
}

Result<std::string> CallService::Number(const std::string& text, const char* field) const {
  if (text.size() > kMaxNumber) {
    return base::Invalid(field, "is longer than " + std::to_string(kMaxNumber) + " characters");
  }
  if (text.empty()) return std::string();
  // Digit groups split by commas (Latin or Arabic) are read as one number.
  std::string joined;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ',') continue;
    if (text.compare(i, 2, "\xD8\x8C") == 0) {  // U+060C ARABIC COMMA
      ++i;
      continue;
    }
    joined += text[i];
  }
  const std::string& number = joined;
  std::string lower = number;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "anonymous" || lower == "unknown" || lower == "restricted") {
    return std::string("anonymous");
  }
  if (auto e164 = dom::NormalizePhone(number, settings_.country)) return *e164;
  // An extension or a service number the country's plan does not know: kept as its digits.
  for (const char c : number) {
    const bool allowed = (c >= '0' && c <= '9') || c == '+' || c == ' ' || c == '-' || c == '(' ||
                         c == ')' || c == '.' || c == '*' || c == '#';
    if (!allowed) return base::Invalid(field, "is not a telephone number");
  }
  std::string digits = base::DigitsOnly(number);
  if (digits.empty()) return base::Invalid(field, "is not a telephone number");
  return (number.front() == '+' ? "+" : "") + digits;
}

std::optional<dom::UserId> CallService::MatchAgent(const std::string& name) {
  if (name.empty()) return std::nullopt;
  if (auto u = store_.FindUserByExtension(name)) return u->id;
  if (auto u = store_.FindUserByUsername(name); u && u->user.active) return u->user.id;
  return std::nullopt;
}

Result<CtiAnswer> CallService::RecordEvent(const std::string& token, const CtiEventInput& in) {
  if (token.empty() || token.size() > 200) return Unauthenticated();
  auto source = store_.FindCtiSource(crypto_.HashToken(token));
  if (!source) return Unauthenticated();

  if (in.event.empty()) return base::Invalid("event", "is required (newCall, answer or hangup)");
  const auto event = dom::ParseCallEvent(in.event);
  if (!event) return base::Invalid("event", "must be newCall, answer or hangup");
  auto call_id = Field(in.call_id, "callId", true);
  if (!call_id) return call_id.error();
  std::optional<dom::ContactDirection> direction;
  if (in.direction == "in") {
    direction = dom::ContactDirection::kInbound;
  } else if (in.direction == "out") {
    direction = dom::ContactDirection::kOutbound;
  } else if (!in.direction.empty()) {
    return base::Invalid("direction", "must be in or out");
  }
  std::optional<dom::HangupCause> cause;
  if (!in.cause.empty()) {
    cause = dom::ParseHangupCause(in.cause);
    if (!cause) {
      return base::Invalid("cause",
                           "must be normalClearing, busy, cancel, noAnswer, "
                           "congestion, notFound or forwarded");
    }
  }
  auto from = Number(in.from, "from");
  if (!from) return from.error();
  auto to = Number(in.to, "to");
  if (!to) return to.error();
  auto queue = Field(in.queue, "queue", false);
  if (!queue) return queue.error();
  auto answering = Field(in.answering_number, "answeringNumber", false);
  if (!answering) return answering.error();
  if (in.users.size() > 100) return base::Invalid("user", "lists more than 100 users");
  std::vector<dom::UserId> users;
  for (const std::string& u : in.users) {
    auto name = Field(u, "user", false);
    if (!name) return name.error();
    if (auto id = MatchAgent(*name);
        id && std::find(users.begin(), users.end(), *id) == users.end()) {
      users.push_back(*id);
    }
  }

  CallEventWrite w;
  w.source_id = source->id;
  w.call_id = *call_id;
  w.event = *event;
  w.at = clock_.Now();
  w.direction = direction;
  w.cause = cause;
  w.from_number = *from;
  w.to_number = *to;
  w.queue = *queue;
  w.day = DayOf(Zone(), w.at);
  const bool outbound = direction == dom::ContactDirection::kOutbound;
  const std::string& caller = outbound ? w.to_number : w.from_number;
  if (!caller.empty() && caller != "anonymous" && caller.front() == '+') {
    if (auto r = store_.FindRequesterByPhone(caller)) w.requester_id = r->id;
  }
  if (*event == dom::CallEvent::kAnswer) {
    w.agent_id = MatchAgent(*answering);
    if (!w.agent_id && !users.empty()) w.agent_id = users.front();
  } else if (outbound && !users.empty()) {
    w.agent_id = users.front();  // the agent who dialled
  }
  w.notify = users;

  auto done = store_.RecordCallEvent(w);
  if (!done) return done.error();
  CtiAnswer out;
  out.changed = done->kind != dom::CallStep::Kind::kIgnored;
  if (done->rejected) {
    out.reject = true;
    out.reason = "busy";
  } else if (outbound && *event == dom::CallEvent::kNewCall && !w.to_number.empty() &&
             w.to_number != "anonymous") {
    out.dial = dom::PickCallerId(source->caller_ids, w.to_number);
    if (out.dial) out.number = w.to_number;
  }
  return out;
}

Result<std::vector<CtiSource>> CallService::ListSources(const Principal& who) {
  if (!May(who, dom::Permission::kAdminister))
    return Forbidden("Only administrators manage telephone systems");
  return store_.ListCtiSources();
}

Result<CtiSourceView> CallService::CreateSource(const Principal& who, const std::string& name) {
  if (!May(who, dom::Permission::kAdminister))
    return Forbidden("Only administrators manage telephone systems");
  auto clean = dom::CleanName(name, "name", 100, true);
  if (!clean) return clean.error();
  const std::string token = crypto_.RandomToken();
  auto s = store_.CreateCtiSource(*clean, crypto_.HashToken(token), clock_.Now());
  if (!s) {
    if (s.error().code == ErrorCode::kConflict) {
      return base::Conflict("name", "A telephone system with this name exists");
    }
    return s.error();
  }
  return CtiSourceView{*s, token};
}

Result<CtiSourceView> CallService::RotateSource(const Principal& who, std::int64_t id) {
  if (!May(who, dom::Permission::kAdminister))
    return Forbidden("Only administrators manage telephone systems");
  const std::string token = crypto_.RandomToken();
  auto s = store_.RotateCtiSource(id, crypto_.HashToken(token), clock_.Now());
  if (!s) return s.error();
  return CtiSourceView{*s, token};
}

Result<CtiSource> CallService::SetCallerIds(const Principal& who, std::int64_t id,
                                           const std::vector<dom::CallerIdRule>& rules) {
  if (!May(who, dom::Permission::kAdminister))
    return Forbidden("Only administrators manage telephone systems");
  constexpr std::size_t kMaxRules = 200;
  if (rules.size() > kMaxRules) {
    return base::Invalid("items", "holds more than " + std::to_string(kMaxRules) + " rules");
  }
  // "+" and up to 20 digits, or only digits; the prefix may also be empty (every number).
  auto digits = [](const std::string& v, bool may_be_empty) {
    if (v.empty()) return may_be_empty;
    const std::size_t start = v.front() == '+' ? 1 : 0;
    if (v.size() - start == 0 || v.size() - start > 20) return false;
    return std::all_of(v.begin() + static_cast<std::ptrdiff_t>(start), v.end(),
                       [](char c) { return c >= '0' && c <= '9'; });
  };
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const std::string at = "items[" + std::to_string(i) + "].";
    if (!digits(rules[i].prefix, true)) {
      return base::Invalid(at + "prefix",
                           "must be empty (every number) or the start of a number: + and digits");
    }
    if (!digits(rules[i].caller_id, false)) {
      return base::Invalid(at + "caller_id", "must be a number: + and up to 20 digits");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (rules[j].prefix == rules[i].prefix) {
        return base::Invalid(at + "prefix", "repeats the prefix of items[" + std::to_string(j) + "]");
      }
    }
  }
  return store_.SetCtiCallerIds(id, rules);
}

Result<CtiSource> CallService::RevokeSource(const Principal& who, std::int64_t id) {
  if (!May(who, dom::Permission::kAdminister))
    return Forbidden("Only administrators manage telephone systems");
  return store_.RevokeCtiSource(id, clock_.Now());
}

Result<std::vector<BlockedNumber>> CallService::ListBlocked(const Principal& who) {
  if (!May(who, dom::Permission::kAdminister))
    return Forbidden("Only administrators manage blocked callers");
  return store_.ListBlockedNumbers();
}

Result<BlockedNumber> CallService::Block(const Principal& who, const std::string& number,
                                         const std::string& reason,
                                         std::optional<base::Time> expires_at) {
  if (!May(who, dom::Permission::kAdminister))
    return Forbidden("Only administrators manage blocked callers");
  if (number.empty()) return base::Invalid("number", "is required");
  auto e164 = dom::NormalizePhone(number, settings_.country);
  if (!e164) return base::Invalid("number", e164.error().message);
  auto why = dom::CleanText(reason, "reason", 500, true);
  if (!why) return why.error();
  const base::Time now = clock_.Now();
  if (expires_at && *expires_at <= now) return base::Invalid("expires_at", "is in the past");
  BlockedNumber b;
  b.number = *e164;
  b.reason = *why;
  b.expires_at = expires_at;
  b.created_by = who.user.id;
  b.created_at = now;
  return store_.BlockNumber(b);
}

Status CallService::Unblock(const Principal& who, const std::string& number) {
  if (!May(who, dom::Permission::kAdminister))
    return Forbidden("Only administrators manage blocked callers");
  auto e164 = dom::NormalizePhone(number, settings_.country);
  if (!e164) return base::NotFound("This number is not blocked");
  return store_.UnblockNumber(*e164);
}

Result<std::vector<CallbackTask>> CallService::ListCallbacks(
    const Principal& who, const std::optional<std::string>& status) {
  if (!May(who, dom::Permission::kTakeCalls)) return Forbidden("This role does not take calls");
  if (status && *status != "open" && *status != "done" && *status != "given_up") {
    return base::Invalid("status", "must be open, done or given_up");
  }
  return store_.ListCallbackTasks(status, 200);
}

Result<CallbackTask> CallService::RecordCallback(const Principal& who, std::int64_t task_id,
                                                 dom::ContactOutcome outcome,
                                                 const std::string& note) {
  if (!May(who, dom::Permission::kTakeCalls)) return Forbidden("This role does not take calls");
  switch (outcome) {
    case dom::ContactOutcome::kAnswered:
    case dom::ContactOutcome::kGuidance:
    case dom::ContactOutcome::kCaseCreated:
    case dom::ContactOutcome::kCaseUpdated:
    case dom::ContactOutcome::kNoAnswer:
    case dom::ContactOutcome::kBusy:
    case dom::ContactOutcome::kWrongNumber:
    case dom::ContactOutcome::kVoicemail:
      break;
    default:
      return base::Invalid("outcome", "is not an outcome of a call made back");
  }
  auto clean = dom::CleanText(note, "note", 2000, false);
  if (!clean) return clean.error();
  return store_.RecordCallbackAttempt(task_id, outcome, who.user.id, *clean, kMaxCallbackAttempts,
                                      clock_.Now());
}

Result<ScreenPop> CallService::Pop(const Principal& who, dom::ContactId id) {
  if (!May(who, dom::Permission::kTakeCalls)) return Forbidden("This role does not take calls");
  auto call = store_.GetContact(id);
  if (!call) return base::NotFound("No such contact");
  ScreenPop pop;
  pop.call = *call;
  pop.links = store_.ContactLinks(id);
  const bool outbound = call->direction == dom::ContactDirection::kOutbound;
  const std::string& number = outbound ? call->to_number : call->from_number;
  if (!number.empty() && number != "anonymous" &&
      May(who, dom::Permission::kSeeRequesterIdentity)) {
    auto found = cases_.SearchRequesters(who, number);  // logged as identity access
    if (found) pop.requesters = *found;
  }
  for (const dom::Requester& r : pop.requesters) {
    CaseFilter f;
    f.requester_id = r.id;
    f.limit = 20;
    for (const dom::Case& c : store_.ListCases(f)) {
      if (c.status != dom::CaseStatus::kClosed) pop.open_requests.push_back(c);
    }
    ContactFilter recent;
    recent.requester_id = r.id;
    recent.limit = 10;
    for (const dom::Contact& c : store_.ListContacts(recent)) {
      if (c.id != id) pop.recent_contacts.push_back(c);
    }
  }
  return pop;
}

Status CallService::Link(const Principal& who, dom::ContactId id, dom::CaseId case_id,
                         const std::string& link) {
  if (!May(who, dom::Permission::kWriteCases) || who.user.role == dom::Role::kUnitStaff) {
    return Forbidden("This role cannot link contacts");
  }
  if (link != "registered" && link != "updated" && link != "looked_up") {
    return base::Invalid("link", "must be registered, updated or looked_up");
  }
  if (!store_.GetContact(id)) return base::NotFound("No such contact");
  if (!store_.GetCase(case_id)) return base::Invalid("case_id", "no such request");
  return store_.LinkContact(id, case_id, link, clock_.Now());
}

Result<ContactPage> CallService::ListContacts(const Principal& who, ContactFilter filter) {
  if (!May(who, dom::Permission::kTakeCalls) ||
      !May(who, dom::Permission::kSeeRequesterIdentity)) {
    return Forbidden("This role does not see contacts");
  }
  if (filter.number) {
    auto number = Number(*filter.number, "number");
    if (!number) return number.error();
    filter.number = *number;
  }
  const int wanted = std::clamp(filter.limit <= 0 ? 50 : filter.limit, 1, 200);
  filter.limit = wanted + 1;  // one more tells whether a next page exists
  ContactPage page;
  page.items = store_.ListContacts(filter);
  if (static_cast<int>(page.items.size()) > wanted) {
    page.items.resize(static_cast<std::size_t>(wanted));
    page.next_before = page.items.back().id.value;
  }
  return page;
}

Result<dom::Contact> CallService::UpdateContact(const Principal& who, dom::ContactId id,
                                                const ContactPatch& patch) {
  if (!May(who, dom::Permission::kWriteCases) || who.user.role == dom::Role::kUnitStaff) {
    return Forbidden("This role cannot change contacts");
  }
  auto current = store_.GetContact(id);
  if (!current) return base::NotFound("No such contact");
  ContactEdit change;
  change.id = id;
  if (patch.outcome) {
    if (!dom::IsDisposition(*patch.outcome)) {
      return base::Invalid("outcome", "must be guidance, case_created, case_updated or transferred");
    }
    // A call the PBX reported keeps what the line did until someone answered it.
    if (current->source_id && !current->answered_at) {
      return base::Conflict("outcome", "a call that was not answered keeps its outcome");
    }
    change.outcome = patch.outcome;
  }
  if (patch.category_id) {
    if (*patch.category_id) {
      auto cat = store_.GetCategory(**patch.category_id);
      if (!cat || !cat->active) return base::Invalid("category_id", "no such category");
    }
    change.category_id = patch.category_id;
  }
  if (patch.site_id) {
    if (*patch.site_id) {
      auto site = store_.GetSite(**patch.site_id);
      if (!site || !site->active) return base::Invalid("site_id", "no such site");
    }
    change.site_id = patch.site_id;
  }
  if (patch.note) {
    auto note = dom::CleanText(*patch.note, "note", 4000, false);
    if (!note) return note.error();
    change.note = *note;
  }
  if (patch.end) {
    if (current->source_id) {
      return base::Conflict("end", "a telephone system's call ends when the system says so");
    }
    change.end_at = clock_.Now();
  }
  auto tags = CheckRegistryTags(store_, who.user.role, patch.tags, clock_.Now(), "tags");
  if (!tags) return tags.error();
  for (auto& [name, key] : *tags) change.add_tags.push_back(name);
  change.actor = who.user.id;
  return store_.UpdateContact(change);
}

Result<std::vector<HistoryEntry>> CallService::History(const Principal& who,
                                                       dom::RequesterId id, int limit) {
  auto requester = cases_.GetRequester(who, id);  // the identity check, logged
  if (!requester) return requester.error();
  limit = std::clamp(limit <= 0 ? 50 : limit, 1, 200);
  std::vector<HistoryEntry> out;
  ContactFilter f;
  f.requester_id = id;
  f.limit = limit;
  for (dom::Contact& c : store_.ListContacts(f)) {
    const base::Time at = c.started_at;
    out.push_back(HistoryEntry{at, std::move(c), std::nullopt});
  }
  CaseFilter cf;
  cf.requester_id = id;
  cf.limit = limit;
  for (dom::Case& c : store_.ListCases(cf)) {
    const base::Time at = c.created_at;
    out.push_back(HistoryEntry{at, std::nullopt, std::move(c)});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const HistoryEntry& a, const HistoryEntry& b) { return a.at > b.at; });
  if (static_cast<int>(out.size()) > limit) out.resize(static_cast<std::size_t>(limit));
  return out;
}

}  // namespace tawasul::app
