#pragma once
// Workflow actions (planned by domain/action_plan, written in one transaction) and the inboxes.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/workflow/action_service_store.hpp"
#include "app/cases/case_service.hpp"

namespace tawasul::app {

/// What taking an action did.
struct ActionOutcome {
  CaseView view;
  std::optional<d::CaseId> follow_up_id;
  std::vector<d::OutboxMessage> queued;  ///< recipients hidden from users who may not see them
};

/// A request's meeting, callback attempts and queued messages.
struct CaseExtras {
  std::optional<d::Meeting> meeting;
  std::vector<d::CallbackAttempt> callbacks;
  std::vector<d::OutboxMessage> messages;
};

/// What GET /inbox/{name}?include= embeds in each row.
struct InboxInclude {
  bool actions = false;
  bool extras = false;
};

/// A worklist's filters (GET /inbox/{name}?owner=&category_id=&site_id=&channel=): they narrow
/// the inbox, never widen it.
struct InboxNarrow {
  std::optional<d::UserId> owner_id;
  bool unowned = false;
  std::optional<d::CategoryId> category_id;  ///< with the categories below it
  std::optional<d::SiteId> site_id;
  std::optional<d::Channel> channel;
};

/// An inbox page and, per row (parallel to page.items), what `include` asked for: the answers
/// GET /cases/{id}/actions and /extras would give for that row.
struct InboxPage {
  CasePage page;
  std::vector<std::vector<d::WorkflowAction>> actions;  ///< empty unless include.actions
  std::vector<CaseExtras> extras;                       ///< empty unless include.extras
};

/// Workflow actions and inboxes, driven by the installation's workflows (data).
class ActionService {
 public:
  ActionService(ActionServiceStore& store, CaseService& cases, Crypto& crypto, const base::Clock& clock,
                InstallationRef& installation);
  /// The actions `who` may take on the request now, with their inputs.
  Result<std::vector<d::WorkflowAction>> Available(const Principal& who, d::CaseId id);
  /// Takes an action: 409 (kConflict) listing the allowed actions when it is not allowed now.
  Result<ActionOutcome> Take(const Principal& who, d::CaseId id, const std::string& action,
                             const d::ActionInputs& inputs, std::optional<std::int64_t> if_match);
  /// Inboxes: triage, unit, callbacks, meetings, mine. Every requester shown is logged ("inbox").
  Result<CasePage> Inbox(const Principal& who, const std::string& name, const std::string& cursor,
                         int limit);
  /// The inbox with each row's actions and extras, computed in one pass (one store read for all
  /// the rows' extras) with the same functions as Available and Extras.
  Result<InboxPage> Inbox(const Principal& who, const std::string& name, const std::string& cursor,
                          int limit, InboxInclude include, const InboxNarrow& narrow = {});
  Result<CaseExtras> Extras(const Principal& who, d::CaseId id);
  /// The inboxes `who` may open, in the web app's order, with how many requests each holds
  /// (counted up to `cap`: a worklist's badge, not a report).
  struct InboxCount {
    std::string name;
    std::int64_t count = 0;
  };
  std::vector<InboxCount> InboxCounts(const Principal& who, std::int64_t cap);

 private:
  /// The filter of inbox `name` for `who`: Forbidden or NotFound; nullopt when no workflow
  /// feeds it.
  Result<std::optional<CaseFilter>> InboxFilter(const Principal& who, const std::string& name);
  /// Available's answer for a request the caller has already found visible to `who`.
  std::vector<d::WorkflowAction> AvailableOn(const Principal& who, const d::Case& c);
  /// Extras' answer for each of these requests (visible to `who`), in one store read.
  std::map<d::CaseId, CaseExtras> ExtrasOf(const Principal& who,
                                           const std::vector<d::CaseId>& ids);
  Result<CasePage> InboxPageFor(const Principal& who, const std::string& name,
                                const std::string& cursor, int limit, const InboxNarrow& narrow);

  ActionServiceStore& store_;
  CaseService& cases_;
  Crypto& crypto_;
  const base::Clock& clock_;
  InstallationRef& installation_;
};

}  // namespace tawasul::app
