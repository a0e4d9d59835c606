#include "app/audit/audit_service.hpp"
#include "domain/identity.hpp"

#include <map>

#include "app/surveys/survey_service.hpp"
#include "domain/template_text.hpp"

namespace tawasul::app {

namespace dom = tawasul::domain;

namespace {

base::Error Forbidden(std::string message) {
  return base::Error{base::ErrorCode::kForbidden, std::move(message), {}};
}

}  // namespace

bool MayReadAccessLog(dom::Role r) {
  // Oversight roles only: the log tells who looks at whom, which agents and dispatchers need
  // not know about each other, and unit staff and analysts never see identities at all.
  return dom::Allows(r, dom::Permission::kReadAccessLog);
}

AuditService::AuditService(AuditServiceStore& store, CaseService& cases, const base::Clock& clock)
    : store_(store), cases_(cases), clock_(clock) {}

Result<AccessLogPage> AuditService::RequesterAccessLog(const Principal& who, dom::RequesterId id,
                                                       std::optional<std::int64_t> cursor,
                                                       int limit) {
  if (!MayReadAccessLog(who.user.role)) return Forbidden("This role cannot read the access log");
  if (!store_.GetRequester(id)) return base::NotFound("No such requester");
  return Page(AccessStore::IdentityAccessQuery{id, std::nullopt, cursor, limit});
}

Result<AccessLogPage> AuditService::CaseAccessLog(const Principal& who, dom::CaseId id,
                                                  std::optional<std::int64_t> cursor, int limit) {
  if (!MayReadAccessLog(who.user.role)) return Forbidden("This role cannot read the access log");
  auto c = cases_.Visible(who, id);
  if (!c) return c.error();
  if (!c->requester_id) return AccessLogPage{};  // anonymous: nobody could be shown anyone
  return Page(AccessStore::IdentityAccessQuery{*c->requester_id, id, cursor, limit});
}

Result<AccessLogPage> AuditService::Page(const AccessStore::IdentityAccessQuery& q) {
  AccessLogPage page;
  std::map<std::int64_t, std::optional<dom::User>> users;  // a page names few distinct users
  for (const AccessStore::IdentityAccess& a : store_.IdentityAccessPage(q)) {
    auto [it, fresh] = users.try_emplace(a.user_id.value);
    if (fresh) it->second = store_.GetUser(a.user_id);
    AccessLogEntry e;
    e.id = a.id;
    e.user_id = a.user_id;
    if (it->second) {
      e.username = it->second->username;
      e.display_name = it->second->display_name;
    }
    e.case_id = a.case_id;
    e.via = a.via;
    e.at = a.at;
    page.entries.push_back(std::move(e));
  }
  if (static_cast<int>(page.entries.size()) == q.limit && !page.entries.empty()) {
    page.next_cursor = page.entries.back().id;
  }
  return page;
}

Result<dom::OutboxMessage> AuditService::Resend(const Principal& who, dom::MessageId id) {
  // Unit staff work on anonymized referrals: a message carries the citizen's phone or address.
  if (!May(who, dom::Permission::kResendMessages)) {
    return Forbidden("This role cannot resend messages");
  }
  auto m = store_.GetMessage(id);
  if (!m || !m->case_id) return base::NotFound("No such message");
  auto c = cases_.Visible(who, *m->case_id);
  if (!c) return base::NotFound("No such message");
  const std::string note = "message " + std::to_string(id.value) + " resent by " +
                           who.user.display_name + " (" + who.user.username + ")";
  auto copy = store_.ResendMessage(id, who.user.id, note, clock_.Now());
  if (!copy) return copy.error();
  copy->body = MaskSurveyLink(copy->body);  // as the request's extras show it
  if (auto mask = cases_.MaskFor(who, *c)) {
    copy->recipient.clear();
    copy->body = mask->Mask(copy->body);
  }
  return *copy;
}

Result<std::vector<dom::OutboxMessage>> AuditService::Messages(const Principal& who,
                                                             const MessageFilter& filter) {
  if (!May(who, dom::Permission::kResendMessages)) {
    return Forbidden("This role cannot read the outbox");
  }
  auto out = store_.ListMessages(filter);
  for (auto& m : out) {
    m.recipient = dom::MaskedRecipient(m.recipient);
    m.body.clear();
    m.subject.clear();
    m.file.reset();
  }
  return out;
}

}  // namespace tawasul::app
