// Who works a request: an owner taken by claiming it or given by assignment. The worklists'
// "mine" and owner columns read it; the timeline records each change of hands.
#include <algorithm>

#include "app/cases/case_service.hpp"

namespace tawasul::app {

namespace dom = tawasul::domain;
using base::Error;
using base::ErrorCode;

namespace {

std::string IdText(const std::optional<dom::UserId>& v) {
  return v ? std::to_string(v->value) : std::string();
}

/// Whether `u` can work a request referred to `unit`: active, may change requests, and sees it.
bool CanWork(const dom::User& u, const std::optional<dom::UnitId>& unit) {
  return u.active && CanWriteCases(u.role) && MaySeeCase(Principal{u, {}}, unit);
}

}  // namespace

Result<CaseView> CaseService::Assign(const Principal& who, dom::CaseId id,
                                     std::optional<dom::UserId> to,
                                     std::optional<std::int64_t> if_match) {
  if (!CanWriteCases(who.user.role)) return Error{ErrorCode::kForbidden, "This role cannot take requests", {}};
  auto current = Visible(who, id);
  if (!current) return current.error();
  if (if_match && *if_match != current->version) {
    return Error{ErrorCode::kPreconditionFailed,
                 "The request changed since you read it; reload and try again", {}};
  }
  if (current->owner_id == to) return ViewFor(who, *current);
  const bool assigner = May(who, dom::Permission::kAssignCases);
  const dom::UserId me = who.user.id;
  // Without cases.assign: take an unowned request, or let go of one's own.
  if (!assigner) {
    const bool claim = to == me && !current->owner_id;
    const bool release = !to && current->owner_id == me;
    if (!claim && !release) {
      if (current->owner_id && current->owner_id != me && to == me) {
        const auto owner = store_.GetUser(*current->owner_id);
        return Error{ErrorCode::kConflict,
                     "Already taken by " + (owner ? owner->display_name : std::string("a colleague")),
                     "user_id"};
      }
      return Error{ErrorCode::kForbidden, "This role may take requests only for itself", "user_id"};
    }
  }
  if (to) {
    const auto user = store_.GetUser(*to);
    if (!user) return base::Invalid("user_id", "no such user");
    if (!CanWork(*user, current->unit_id)) {
      return base::Invalid("user_id", "cannot work this request (inactive, or its unit does not have it)");
    }
  }
  dom::Case after = *current;
  after.owner_id = to;
  after.updated_at = clock_.Now();
  CaseUpdate update{id, current->version, after,
                    {{"owner_id", IdText(current->owner_id), IdText(to)}}, who.user.id, "", {}};
  auto written = store_.UpdateCase(update);
  if (!written) return written.error();
  return ViewFor(who, *written);
}

Result<std::vector<dom::User>> CaseService::Colleagues(const Principal& who) {
  if (!CanWriteCases(who.user.role)) return Error{ErrorCode::kForbidden, "This role cannot take requests", {}};
  std::vector<dom::User> out;
  for (dom::User& u : store_.ListUsers()) {
    if (u.active && CanWriteCases(u.role)) out.push_back(std::move(u));
  }
  std::sort(out.begin(), out.end(),
            [](const dom::User& a, const dom::User& b) { return a.display_name < b.display_name; });
  return out;
}

}  // namespace tawasul::app
