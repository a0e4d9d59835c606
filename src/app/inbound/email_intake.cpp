#include "app/inbound/email_intake.hpp"

#include <algorithm>

#include "app/outbox/outbox.hpp"
#include "base/text.hpp"
#include "domain/identity.hpp"

namespace tawasul::app {
namespace dom = tawasul::domain;
using base::Error;
using base::ErrorCode;

namespace {

constexpr std::size_t kTextMax = 10000;      ///< a request's description holds as much
constexpr std::size_t kRawKept = 256 * 1024;  ///< of a message that could not be read

/// `s` cut to at most `max` bytes on a character boundary.
std::string Cut(const std::string& s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

/// Control characters other than line breaks and tabs dropped (a description may not hold them).
std::string Printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\n' && c != '\t') continue;
    if (u == 0x7F) continue;
    out += c;
  }
  return out;
}

/// The first run of 6 or more digits (any script, "+", spaces and dashes inside) in `s`.
std::string FirstNumber(const std::string& s) {
  const std::string folded = base::FoldDigits(s);
  std::string best;
  std::string run;
  for (std::size_t i = 0; i <= folded.size(); ++i) {
    const char c = i < folded.size() ? folded[i] : '\0';
    const bool digit = c >= '0' && c <= '9';
    if (digit || (c == '+' && run.empty()) || ((c == ' ' || c == '-') && !run.empty())) {
      run += c;
      continue;
    }
    if (base::DigitsOnly(run).size() >= 6) return base::Trim(run);
    run.clear();
  }
  return best;
}

}  // namespace

EmailIntake::EmailIntake(CaseServiceStore& cases_store, InboundStore& store, CaseService& cases,
                         const base::Clock& clock, const Settings& settings,
                         InstallationRef& installation, MailParser parser)
    : cases_store_(cases_store),
      store_(store),
      cases_(cases),
      clock_(clock),
      settings_(settings),
      installation_(installation),
      parser_(std::move(parser)) {}

Result<InboundOutcome> EmailIntake::Keep(dom::InboundMessage m) {
  auto kept = store_.RecordInbound(m, {}, std::nullopt);
  if (!kept) return kept.error();
  return InboundOutcome{*kept, ""};
}

Result<InboundOutcome> EmailIntake::Receive(const MailboxSettings& box, std::int64_t uid,
                                            const std::string& raw) {
  const std::string external = "mail:" + box.name + ":" + std::to_string(uid);
  if (auto seen = store_.FindInbound(external)) return InboundOutcome{*seen, ""};
  counters_.received++;
  const auto inst = installation_.Get();
  const CenterSettings& center = inst->settings();

  dom::InboundMessage m;
  m.channel = box.fax ? dom::Channel::kFax : dom::Channel::kEmail;
  m.received_at = clock_.Now();
  m.external_id = external;
  m.recipient = box.address;

  auto parsed = parser_(raw);
  if (!parsed) {
    // Kept as it came (the start of it, escaped), for an admin to read; the mailbox keeps it all.
    m.outcome = "rejected";
    m.reason = parsed.error().field + " " + parsed.error().message;
    m.sender = "unknown";
    m.body = KeptRaw(raw.substr(0, kRawKept));
    counters_.rejected++;
    return Keep(std::move(m));
  }
  const dom::EmailMessage& mail = parsed->message;
  m.sender = mail.from_address.empty() ? std::string("unknown") : mail.from_address.substr(0, 254);
  std::string reasons;
  for (const auto& s : parsed->skipped_files) reasons += (reasons.empty() ? "not kept: " : "; ") + s;

  // A bounce: our message is marked undeliverable on its request.
  if (!mail.bounce_of.empty()) {
    m.outcome = "bounced";
    m.body = Cut(Printable(mail.text), kTextMax);
    DeliveryReport report;
    report.gateway_ref = "<" + mail.bounce_of + ">";
    report.status = DeliveryStatus::kUndeliverable;
    report.detail = mail.bounce_reason.empty() ? std::string("bounced") : mail.bounce_reason;
    if (auto done = cases_store_.RecordDelivery(report); done) {
      m.case_id = done->case_id;
    } else {
      m.reason = "a bounce for a message that is not ours";
    }
    return Keep(std::move(m));
  }

  std::string text = Printable(mail.text);
  std::string description = mail.subject.empty() ? text : mail.subject + "\n\n" + text;
  description = base::Trim(Cut(description, kTextMax));
  m.body = description;
  const std::string no_reply = dom::WhyNoAutoReply(mail.origin, own_);

  // A flood from one sender: kept, opening and answering nothing.
  const base::Time hour_ago = m.received_at - std::chrono::hours(1);
  if (store_.CountInboundSince(m.channel, m.sender, hour_ago) >= settings_.inbound_email_per_hour) {
    m.outcome = "throttled";
    m.reason = "more than " + std::to_string(settings_.inbound_email_per_hour) +
               " messages from this sender in an hour";
    counters_.throttled++;
    return Keep(std::move(m));
  }
  if (description.empty() && mail.files.empty()) {
    m.outcome = "rejected";
    m.reason = "an empty message";
    counters_.rejected++;
    return Keep(std::move(m));
  }

  // The fax's sender: a number the gateway wrote in the subject or a header.
  std::string fax_phone;
  if (box.fax) {
    std::string source = mail.subject;
    if (box.fax_number_from.starts_with("header:")) {
      std::string name = box.fax_number_from.substr(7);
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      auto it = mail.headers.find(name);
      source = it == mail.headers.end() ? std::string() : it->second;
    }
    if (auto phone = dom::NormalizePhone(FirstNumber(source), center.country)) fax_phone = *phone;
    if (!fax_phone.empty()) m.sender = fax_phone;
  }

  // Joining: a tracking code in the subject, or an answer to an email of ours.
  std::optional<dom::Case> target;
  if (auto code = dom::FindTrackingCode(mail.subject)) target = cases_store_.FindCaseByTrackingCode(*code);
  if (!target && !mail.in_reply_to.empty()) {
    std::vector<std::string> ids;
    for (const auto& id : mail.in_reply_to) ids.push_back("<" + id + ">");
    if (auto id = store_.CaseOfEmail(ids)) target = cases_store_.GetCase(*id);
  }
  auto attach = [&](dom::CaseId id) {
    for (const auto& f : mail.files) {
      auto added = cases_.AddCitizenAttachment(id, f.filename, f.content);
      if (!added) reasons += (reasons.empty() ? "not kept: " : "; ") + f.filename + ": " + added.error().message;
    }
  };
  if (target) {
    m.outcome = "appended";
    m.case_id = target->id;
    InboundAppend a;
    a.contact = InboundContact(m);
    a.contact.case_id = target->id;
    a.contact.requester_id = target->requester_id;
    a.contact.category_id = target->category_id;
    a.notify = target->owner_id;
    a.message = m;
    auto done = store_.AppendInbound(a);
    if (!done) return done.error();
    counters_.appended++;
    attach(target->id);
    if (!reasons.empty()) (void)store_.NoteInbound(done->id, reasons);
    return InboundOutcome{*done, target->tracking_code};
  }

  // A new request, filed under the mailbox's category (else the profile's SMS one, else the
  // first top-level one).
  std::optional<dom::CategoryId> category;
  std::optional<dom::CategoryId> fallback;
  std::optional<dom::CategoryId> first_top;
  for (const auto& c : cases_store_.ListCategories()) {
    if (!c.active) continue;
    if (!box.category.empty() && c.code == box.category) category = c.id;
    if (!center.sms_category.empty() && c.code == center.sms_category) fallback = c.id;
    if (!first_top && !c.parent_id) first_top = c.id;
  }
  if (!category) category = fallback ? fallback : first_top;
  if (!category) {
    m.outcome = "rejected";
    m.reason = "no category to file it under";
    return Keep(std::move(m));
  }
  CaseInput input;
  input.type = dom::ParseCaseType(box.type).value_or(dom::CaseType::kInquiry);
  input.category_id = *category;
  input.channel = m.channel;
  input.description = description.empty() ? "(" + std::to_string(mail.files.size()) + " files)" : description;
  RequesterInput r;
  r.name = Cut(Printable(mail.from_name), 200);
  if (!box.fax && !mail.from_address.empty() && dom::NormalizeEmail(mail.from_address)) {
    r.email = mail.from_address;
  }
  r.phone = fax_phone;
  if (r.name.empty() && r.email.empty() && r.phone.empty()) {
    input.requester = std::nullopt;
  } else {
    input.requester = r;
  }
  m.outcome = "created";
  if (!no_reply.empty()) m.reason = "not answered: " + no_reply;
  input.inbound = m;
  // Answered on its own channel: an email with the code; a fax by SMS when its number is a mobile.
  if (no_reply.empty()) {
    if (!box.fax && !r.email.empty()) input.ack_template = "email_received";
    if (box.fax && !fax_phone.empty() && dom::IsMobileNumber(fax_phone)) input.ack_template = "sms_received";
  }
  auto created = cases_.Register(input, std::nullopt);
  if (!created) {
    if (created.error().code != ErrorCode::kInvalid) return created.error();
    // Something in it breaks a rule (a name with bidi controls...): kept as rejected.
    m.outcome = "rejected";
    m.reason = created.error().field + " " + created.error().message;
    counters_.rejected++;
    return Keep(std::move(m));
  }
  counters_.created++;
  m.case_id = created->id;
  attach(created->id);
  if (!reasons.empty()) {
    if (auto kept = store_.FindInbound(external)) {
      (void)store_.NoteInbound(kept->id, reasons);
      m = *kept;
    }
  }
  return InboundOutcome{m, created->tracking_code};
}

Result<InboundOutcome> EmailIntake::Refuse(const MailboxSettings& box, std::int64_t uid,
                                           const std::string& reason) {
  const std::string external = "mail:" + box.name + ":" + std::to_string(uid);
  if (auto seen = store_.FindInbound(external)) return InboundOutcome{*seen, ""};
  dom::InboundMessage m;
  m.channel = box.fax ? dom::Channel::kFax : dom::Channel::kEmail;
  m.received_at = clock_.Now();
  m.external_id = external;
  m.recipient = box.address;
  m.sender = "unknown";
  m.outcome = "rejected";
  m.reason = reason + " (left in the mailbox)";
  counters_.rejected++;
  return Keep(std::move(m));
}

MailPoller::MailPoller(MailboxSettings box, std::unique_ptr<MailboxClient> client,
                       EmailIntake& intake, InboundStore& store,
                       std::function<void(bool, const std::string&)> log)
    : box_(std::move(box)),
      client_(std::move(client)),
      intake_(intake),
      store_(store),
      log_(std::move(log)) {}

MailPoller::~MailPoller() { Stop(); }

Result<int> MailPoller::PollOnce() {
  std::int64_t after = store_.MailboxCursor(box_.name);
  auto uids = client_->UidsAfter(after, 50);
  if (!uids) return uids.error();
  int taken = 0;
  for (const std::int64_t uid : *uids) {
    auto raw = client_->Fetch(uid);
    if (!raw && raw.error().code != ErrorCode::kTooLarge) return raw.error();
    auto done = raw ? intake_.Receive(box_, uid, *raw) : intake_.Refuse(box_, uid, raw.error().message);
    if (!done) return done.error();
    if (auto moved = store_.SetMailboxCursor(box_.name, uid); !moved) return moved.error();
    ++taken;
  }
  return taken;
}

void MailPoller::Start() {
  if (worker_) return;
  worker_ = std::make_unique<base::PeriodicWorker>(
      box_.poll,
      [this] {
        auto n = PollOnce();
        if (!n) {
          // Said once when the mailbox stops answering, and once when it answers again.
          if (!failing_) log_(true, "mailbox " + box_.name + ": " + n.error().message);
          failing_ = true;
          return false;
        }
        if (failing_) log_(false, "mailbox " + box_.name + ": reachable again");
        failing_ = false;
        if (*n > 0) log_(false, "mailbox " + box_.name + ": " + std::to_string(*n) + " messages taken");
        return *n >= 50;
      },
      [this](const std::string& line) { log_(true, "mailbox " + box_.name + ": " + line); });
  worker_->Start();
}

void MailPoller::Stop() {
  if (worker_) worker_->Stop();
  worker_.reset();
}

}  // namespace tawasul::app
