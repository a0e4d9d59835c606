// Contacts logged by staff (a call or visit, with or without a request) and the requesters they
// find: the console's phone search and a requester's record, each showing logged as an identity
// access.
#include <algorithm>

#include "app/cases/case_service.hpp"
#include "app/reports/tag_check.hpp"
#include "base/text.hpp"
#include "domain/identity.hpp"
#include "domain/validation.hpp"

namespace tawasul::app {

using base::Error;
using base::ErrorCode;
namespace dom = tawasul::domain;

namespace {

constexpr std::size_t kAnswerMax = 10000;  ///< a contact's note, as long as a request's answer

Error Forbidden(std::string message) { return Error{ErrorCode::kForbidden, std::move(message), {}}; }

}  // namespace

Result<dom::Contact> CaseService::LogContact(const Principal& who, const ContactInput& input) {
  if (!CanWriteCases(who.user.role) || who.user.role == dom::Role::kUnitStaff) {
    return Forbidden("This role cannot log contacts");
  }
  dom::Contact c;
  c.channel = input.channel;
  c.direction = input.direction;
  c.outcome = input.outcome;
  c.agent_id = who.user.id;
  auto note = dom::CleanText(input.note, "note", kAnswerMax, false);
  if (!note) return note.error();
  c.note = *note;
  const base::Time now = clock_.Now();
  c.created_at = now;
  c.started_at = input.started_at.value_or(now);
  c.ended_at = input.ended_at;
  if (c.ended_at && *c.ended_at < c.started_at) {
    return base::Invalid("ended_at", "is before started_at");
  }
  if (c.outcome == dom::ContactOutcome::kRinging) {
    return base::Invalid("outcome", "ringing is reported by a telephone system; open a contact "
                                    "by hand as answered");
  }
  if (c.outcome == dom::ContactOutcome::kAnswered) {
    // A contact opened by hand (a call from a PBX that is not connected, a visitor): in
    // progress until PATCHed with what came of it.
    if (c.ended_at) return base::Invalid("ended_at", "an answered contact is still open");
    c.answered_at = c.started_at;
  }
  if (input.site_id) {
    auto site = store_.GetSite(*input.site_id);
    if (!site || !site->active) return base::Invalid("site_id", "no such site");
    c.site_id = input.site_id;
  }
  if (input.category_id) {
    if (CategoryChain(*input.category_id).empty()) {
      return base::Invalid("category_id", "no such category");
    }
    c.category_id = input.category_id;
  }
  if (input.case_id) {
    if (!store_.GetCase(*input.case_id)) return base::Invalid("case_id", "no such request");
    c.case_id = input.case_id;
  }
  auto tags = CheckRegistryTags(store_, who.user.role, input.tags, now, "tags");
  if (!tags) return tags.error();
  for (auto& [name, key] : *tags) c.tags.push_back(name);
  if (input.phone && !input.phone->empty()) {
    auto phone = dom::NormalizePhone(*input.phone, settings_.country);
    if (!phone) return base::Invalid("phone", phone.error().message);
    auto found = store_.FindRequesterByPhone(*phone);
    if (!found) {
      dom::Requester r;
      auto name = dom::CleanName(input.name.value_or(""), "name", 200, false);
      if (!name) return name.error();
      r.name = *name;
      r.phone = *phone;
      r.created_at = now;
      auto created = store_.CreateRequester(r);
      if (created) {
        found = *created;
      } else if (created.error().code == ErrorCode::kConflict) {
        found = store_.FindRequesterByPhone(*phone);  // created meanwhile by another call
      } else {
        return created.error();
      }
    }
    if (found) c.requester_id = found->id;
    c.from_number = *phone;
  }
  if (c.direction == dom::ContactDirection::kOutbound) std::swap(c.from_number, c.to_number);
  return store_.CreateContact(c);
}

Result<std::vector<dom::Requester>> CaseService::SearchRequesters(const Principal& who,
                                                                  const std::string& phone) {
  if (!CanSeeRequesterIdentity(who.user.role)) return Forbidden("This role cannot see requesters");
  // A full number is normalized (local, international or without its trunk prefix); else, or
  // when nobody has it, seven or more digits match the end of stored numbers (a PBX that drops
  // a prefix, a caller who gives the last digits); fewer match as a prefix of E.164 numbers.
  std::vector<dom::Requester> found;
  const auto full = dom::NormalizePhone(phone, settings_.country);
  if (full) {
    if (auto r = store_.FindRequesterByPhone(*full)) found.push_back(*r);
  }
  if (found.empty()) {
    const std::string digits = base::DigitsOnly(phone);
    if (digits.size() >= 7) {
      found = store_.FindRequestersByPhoneTail(digits, 20);
    } else if (!full) {
      if (digits.size() < 4) return base::Invalid("phone", "give at least 4 digits");
      found = store_.SearchRequesters("+" + digits, 20);
    }
  }
  AuditRequesters(who, found, "requester_search");
  return found;
}

void CaseService::AuditRequesters(const Principal& who, const std::vector<dom::Requester>& shown,
                                  const char* via) {
  std::vector<AccessStore::IdentityAccess> rows;
  for (const auto& r : shown) rows.push_back({who.user.id, r.id, std::nullopt, via, clock_.Now()});
  if (auto s = store_.LogIdentityAccess(rows); !s) {
    throw std::runtime_error("identity access could not be logged: " + s.error().message);
  }
}

Result<dom::Requester> CaseService::GetRequester(const Principal& who, dom::RequesterId id) {
  if (!CanSeeRequesterIdentity(who.user.role)) return Forbidden("This role cannot see requesters");
  auto r = store_.GetRequester(id);
  if (!r) return base::NotFound("No such requester");
  AuditRequesters(who, {*r}, "requester");
  return *r;
}

}  // namespace tawasul::app
