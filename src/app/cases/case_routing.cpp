// Routing a request to the unit the rules suggest (domain/routing.hpp): the facts are read here
// (its category chain with their default units, its site's region), the choice is the domain's.
#include "app/cases/case_service.hpp"

namespace tawasul::app {

namespace dom = tawasul::domain;
using base::Error;
using base::ErrorCode;

std::optional<dom::RoutingSuggestion> CaseService::Route(const dom::Case& c) {
  dom::RoutingFacts facts;
  for (const dom::Category& cat : CategoryChain(c.category_id)) {
    facts.chain.push_back({cat.id, cat.default_unit_id});
  }
  facts.site_id = c.site_id;
  if (c.site_id) {
    if (auto site = store_.GetSite(*c.site_id)) facts.region = site->region;
  }
  facts.branch_id = c.branch_id;
  facts.channel = c.channel;
  auto suggestion = dom::SuggestUnit(store_.ListRoutingRules(), facts);
  if (suggestion) {
    // A unit closed since the rule was written suggests nothing: the dispatcher chooses.
    auto unit = store_.GetUnit(suggestion->unit);
    if (!unit || !unit->active) return std::nullopt;
  }
  return suggestion;
}

Result<std::optional<dom::RoutingSuggestion>> CaseService::Suggest(const Principal& who,
                                                                   const dom::Case& draft) {
  if (!CanWriteCases(who.user.role) || who.user.role == dom::Role::kUnitStaff) {
    return Error{ErrorCode::kForbidden, "This role does not route requests", {}};
  }
  if (!store_.GetCategory(draft.category_id)) return base::Invalid("category_id", "no such category");
  if (draft.site_id && !store_.GetSite(*draft.site_id)) return base::Invalid("site_id", "no such site");
  if (draft.branch_id && !store_.GetUnit(*draft.branch_id)) {
    return base::Invalid("branch_id", "no such unit");
  }
  return Route(draft);
}

}  // namespace tawasul::app
