#include "app/inbound/sms_intake.hpp"

#include <algorithm>
#include <chrono>

#include "base/text.hpp"
#include "domain/identity.hpp"
#include "domain/permissions.hpp"

namespace tawasul::app {
namespace dom = tawasul::domain;
using base::Error;
using base::ErrorCode;

namespace {

constexpr std::size_t kTextMax = 10000;  ///< a request's description holds as much

}  // namespace

SmsIntake::SmsIntake(CaseServiceStore& cases_store, InboundStore& store, CaseService& cases,
                     Crypto& crypto, const base::Clock& clock, const Settings& settings,
                     InstallationRef& installation)
    : cases_store_(cases_store),
      store_(store),
      cases_(cases),
      crypto_(crypto),
      clock_(clock),
      settings_(settings),
      installation_(installation) {}

void SmsIntake::SetToken(const std::string& token) {
  token_hash_ = token.empty() ? std::string() : crypto_.HashToken(token);
}

std::string KeptRaw(std::string_view bytes) {
  if (base::IsValidUtf8(bytes) && !base::HasControlChar(bytes)) return std::string(bytes);
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : bytes) {
    if ((c >= 0x20 && c < 0x7F && c != '%') || c == '\n' || c == '\r' || c == '\t') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

dom::Contact InboundContact(const dom::InboundMessage& m) {
  dom::Contact k;
  k.channel = m.channel;
  k.direction = dom::ContactDirection::kInbound;
  k.outcome = dom::ContactOutcome::kCaseUpdated;
  k.from_number = m.sender;
  k.to_number = m.recipient;
  k.started_at = m.received_at;
  k.answered_at = m.received_at;
  k.ended_at = m.received_at;
  k.created_at = m.received_at;
  return k;
}

Result<InboundOutcome> SmsIntake::Receive(const std::string& token, const InboundSmsInput& in) {
  if (token_hash_.empty()) {
    return base::NotFound("Inbound SMS is not set up ([sms] inbound_token)");
  }
  if (token.empty() || crypto_.HashToken(token) != token_hash_) {
    return Error{ErrorCode::kForbidden, "The token does not match", {}};
  }
  if (base::Trim(in.from).empty()) return base::Invalid("from", "is required");
  counters_.received++;
  const auto inst = installation_.Get();
  const CenterSettings& center = inst->settings();

  dom::InboundMessage m;
  m.channel = dom::Channel::kSms;
  m.received_at = clock_.Now();
  m.external_id = in.external_id.substr(0, 200);
  m.recipient = KeptRaw(in.to.substr(0, 64));

  // A sender that is not a phone number (an operator's name, a short code) cannot be answered
  // or matched to a citizen: kept, and nothing opened.
  auto phone = dom::NormalizePhone(in.from, center.country);
  auto text = dom::DecodeSmsText(in.text, in.coding, in.charset, "text");
  m.sender = phone ? *phone : KeptRaw(in.from.substr(0, 64));
  m.body = text ? base::Trim(*text) : KeptRaw(in.text.substr(0, kTextMax));
  auto reject = [&](const Error& why) -> Result<InboundOutcome> {
    m.outcome = "rejected";
    m.reason = why.field + " " + why.message;
    auto kept = store_.RecordInbound(m, {}, std::nullopt);
    if (!kept) return kept.error();
    counters_.rejected++;
    return why;
  };
  if (!phone) return reject(base::Invalid("from", phone.error().message));
  if (!text) return reject(text.error());
  if (base::HasControlChar(m.body)) return reject(base::Invalid("text", "holds control characters"));
  if (base::CodePointCount(m.body) > kTextMax) {
    return reject(base::Invalid("text", "is longer than " + std::to_string(kTextMax) + " characters"));
  }

  // A flood from one number: kept and counted, opening and answering nothing.
  const base::Time hour_ago = m.received_at - std::chrono::hours(1);
  if (store_.CountInboundSince(m.channel, m.sender, hour_ago) >= settings_.inbound_sms_per_hour) {
    m.outcome = "throttled";
    m.reason = "more than " + std::to_string(settings_.inbound_sms_per_hour) +
               " messages from this number in an hour";
    auto kept = store_.RecordInbound(m, {}, std::nullopt);
    if (!kept) return kept.error();
    counters_.throttled++;
    return InboundOutcome{*kept, ""};
  }

  if (dom::IsKeyword(m.body, center.sms_stop_words)) {
    m.outcome = "stopped";
    return Keep(std::move(m), "sms_stopped", *phone, true);
  }
  if (dom::IsKeyword(m.body, center.sms_start_words)) {
    m.outcome = "started";
    return Keep(std::move(m), "sms_started", *phone, false);
  }
  if (m.body.empty()) {
    m.outcome = "rejected";
    m.reason = "an empty message";
    return Keep(std::move(m), "", *phone, std::nullopt);
  }

  // A tracking code names the request; else the sender's newest open request takes it.
  if (auto code = dom::FindTrackingCode(m.body)) {
    if (auto c = cases_store_.FindCaseByTrackingCode(*code)) return Append(std::move(m), *c, *phone);
  }
  const auto requester = cases_store_.FindRequesterByPhone(*phone);
  if (requester) {
    if (auto open = store_.LatestOpenCaseOf(requester->id)) {
      return Append(std::move(m), *open, *phone);
    }
  }

  // A new request on channel sms, answered with its tracking code.
  std::optional<dom::CategoryId> category;
  dom::CategoryId first_top{};
  bool have_top = false;
  for (const auto& c : cases_store_.ListCategories()) {
    if (!c.active) continue;
    if (!center.sms_category.empty() && c.code == center.sms_category) category = c.id;
    if (!have_top && !c.parent_id) {
      first_top = c.id;
      have_top = true;
    }
  }
  if (!category && have_top) category = first_top;
  if (!category) {
    m.outcome = "rejected";
    m.reason = "no category to file it under";
    return Keep(std::move(m), "", *phone, std::nullopt);
  }
  CaseInput input;
  input.type = dom::ParseCaseType(center.sms_type).value_or(dom::CaseType::kComplaint);
  input.category_id = *category;
  input.channel = dom::Channel::kSms;
  input.description = m.body;
  RequesterInput r;
  r.phone = *phone;
  if (requester) {
    r.name = requester->name;
    r.language = requester->language;
  }
  input.requester = r;
  m.outcome = "created";
  input.inbound = m;
  input.ack_template = "sms_received";
  auto created = cases_.Register(input, std::nullopt);
  if (!created) {
    if (created.error().code == ErrorCode::kInvalid) return reject(created.error());
    return created.error();
  }
  counters_.created++;
  m.case_id = created->id;
  return InboundOutcome{m, created->tracking_code};
}

Result<InboundOutcome> SmsIntake::Append(dom::InboundMessage m, const dom::Case& c,
                                         const std::string& phone) {
  const auto inst = installation_.Get();
  m.outcome = "appended";
  m.case_id = c.id;
  InboundAppend a;
  a.contact = InboundContact(m);
  a.contact.case_id = c.id;
  a.contact.requester_id = c.requester_id;
  a.contact.category_id = c.category_id;
  a.notify = c.owner_id;
  dom::Requester to;
  to.phone = phone;
  if (c.requester_id) {
    if (auto r = cases_store_.GetRequester(*c.requester_id); r && r->phone == phone) to = *r;
  }
  auto reply = inst->Compose("sms_appended", "sms", &to, {{"tracking_code", c.tracking_code}},
                             m.received_at);
  if (reply.message) {
    reply.message->case_id = c.id;
    a.replies.push_back(std::move(*reply.message));
  }
  a.message = m;
  auto done = store_.AppendInbound(a);
  if (!done) return done.error();
  counters_.appended++;
  return InboundOutcome{*done, c.tracking_code};
}

Result<InboundOutcome> SmsIntake::Keep(dom::InboundMessage m, const std::string& template_name,
                                       const std::string& phone, std::optional<bool> opt_out) {
  std::vector<dom::OutboxMessage> replies;
  if (!template_name.empty()) {
    dom::Requester to;
    to.phone = phone;
    if (auto r = cases_store_.FindRequesterByPhone(phone)) to = *r;
    auto reply = installation_.Get()->Compose(template_name, "sms", &to, {}, m.received_at);
    if (reply.message) replies.push_back(std::move(*reply.message));
  }
  auto kept = store_.RecordInbound(m, replies, opt_out);
  if (!kept) return kept.error();
  return InboundOutcome{*kept, ""};
}

Result<std::vector<dom::InboundMessage>> SmsIntake::List(const Principal& who,
                                                         const InboundFilter& filter) {
  if (!May(who, dom::Permission::kResendMessages)) {
    return Error{ErrorCode::kForbidden, "This role cannot read incoming messages", {}};
  }
  auto out = store_.ListInbound(filter);
  // A list of numbers would disclose many citizens at once (decision 0025): senders are masked
  // for everyone; the text, which staff triage by, only for roles that may see identities.
  const bool identity = May(who, dom::Permission::kSeeRequesterIdentity);
  for (auto& m : out) {
    m.sender = dom::MaskedRecipient(m.sender);
    if (!identity) m.body.clear();
  }
  return out;
}

}  // namespace tawasul::app
