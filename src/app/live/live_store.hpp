#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"

namespace tawasul::app {

/// One timeline event as the live feed sees it: what happened to which request, and where the
/// request stands now (read with the event, so a unit's staff are told only about requests
/// referred to their unit at the time of the read). No text, no identities.
struct CaseChange {
  std::int64_t event_id = 0;
  domain::CaseId case_id;
  std::string event;  ///< the event's kind: created, action, changed, notification, ...
  domain::CaseStatus status = domain::CaseStatus::kNew;
  std::optional<domain::UnitId> unit_id;
  bool operator==(const CaseChange&) const = default;
};

/// One contact (call, visit, message) as the live feed sees it.
struct ContactChange {
  std::int64_t contact_id = 0;
  domain::Channel channel = domain::Channel::kPhone;
  std::optional<domain::CaseId> case_id;
  bool operator==(const ContactChange&) const = default;
};

/// A call ringing, answered or ended (call_events): the screen-pop of the agents it names.
struct CallChange {
  std::int64_t id = 0;
  domain::ContactId contact_id;
  std::string kind;                   ///< ringing, answered, ended
  std::vector<domain::UserId> users;  ///< whose consoles it is for; empty: every agent
  bool operator==(const CallChange&) const = default;
};

/// Where a reader of the feed stands: the last timeline event, contact and call notice ids.
struct ChangeCursor {
  std::int64_t event_id = 0;
  std::int64_t contact_id = 0;
  std::int64_t call_id = 0;
  bool operator==(const ChangeCursor&) const = default;
};

struct Changes {
  std::vector<CaseChange> cases;        ///< by event id, ascending
  std::vector<ContactChange> contacts;  ///< by contact id, ascending
  std::vector<CallChange> calls;        ///< by id, ascending
};

/// The change feed's reads (store/sql_store_live.cpp): polled by every node of an installation,
/// so live updates reach every node's sockets whichever node wrote the change.
class LiveStore {
 public:
  virtual ~LiveStore() = default;
  /// The newest event and contact ids now (0 when there are none): a new reader starts here.
  virtual ChangeCursor LatestChange() = 0;
  /// Events with id > after.event_id, contacts with id > after.contact_id and call notices with
  /// id > after.call_id, each list oldest first and at most `limit` long.
  virtual Changes ChangesSince(const ChangeCursor& after, int limit) = 0;
};

}  // namespace tawasul::app
