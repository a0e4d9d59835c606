// Answering the citizen through the channel they used: staff who may see the requester write a
// reply; it goes to the requester's number (SMS) or address (email) through the outbox, and the
// words sent go on the timeline, in one transaction. The subject of an email carries the
// tracking code, so the citizen's answer to it joins the request (app/inbound/email_intake).
#include "app/cases/case_service.hpp"
#include "domain/permissions.hpp"
#include "domain/validation.hpp"

namespace tawasul::app {

namespace dom = tawasul::domain;
using base::Error;
using base::ErrorCode;

namespace {
constexpr std::size_t kSmsReplyMax = 700;     ///< ten SMS parts in Arabic
constexpr std::size_t kEmailReplyMax = 10000;
}  // namespace

Result<dom::OutboxMessage> CaseService::Reply(const Principal& who, dom::CaseId id,
                                              const std::string& channel, const std::string& text) {
  if (!CanWriteCases(who.user.role) || !May(who, dom::Permission::kSeeRequesterIdentity)) {
    return Error{ErrorCode::kForbidden, "This role cannot write to citizens", {}};
  }
  if (channel != "sms" && channel != "email") return base::Invalid("channel", "must be sms or email");
  auto c = Visible(who, id);
  if (!c) return c.error();
  auto clean = dom::CleanText(text, "text", channel == "sms" ? kSmsReplyMax : kEmailReplyMax, true);
  if (!clean) return clean.error();
  if (!c->requester_id) return base::Invalid("channel", "the request is anonymous: there is no one to write to");
  const auto r = store_.GetRequester(*c->requester_id);
  if (!r) return base::Invalid("channel", "the request is anonymous: there is no one to write to");
  const std::string& to = channel == "sms" ? r->phone : r->email;
  if (to.empty()) {
    return base::Invalid("channel", channel == "sms" ? "the requester has no phone number"
                                                     : "the requester has no email address");
  }
  const auto inst = installation_.Get();
  dom::OutboxMessage m;
  m.case_id = id;
  m.channel = channel;
  m.template_name = "reply";
  m.recipient = to;
  m.language = inst->LanguageFor(&*r);
  m.body = *clean;
  if (channel == "email") {
    const auto& name = inst->settings().center_name;
    const std::string center = m.language == "fa" && !name.fa.empty()   ? name.fa
                               : m.language == "en" && !name.en.empty() ? name.en
                                                                        : name.ar;
    m.subject = c->tracking_code + (center.empty() ? "" : " — " + center);
    if (!center.empty()) m.body += "\n\n" + center;
  }
  m.created_at = clock_.Now();
  return store_.AddReply(id, who.user.id, m, *clean);
}

}  // namespace tawasul::app
