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

/// Where a reader of the feed stands: the last timeline event and contact ids it has read.
struct ChangeCursor {
  std::int64_t event_id = 0;
  std::int64_t contact_id = 0;
  bool operator==(const ChangeCursor&) const = default;
};

struct Changes {
  std::vector<CaseChange> cases;        ///< by event id, ascending
  std::vector<ContactChange> contacts;  ///< by contact id, ascending
};

/// The change feed's reads (store/sql_store_live.cpp): polled by every node of an installation,
/// so live updates reach every node's sockets whichever node wrote the change.
class LiveStore {
 public:
  virtual ~LiveStore() = default;
  /// The newest event and contact ids now (0 when there are none): a new reader starts here.
  virtual ChangeCursor LatestChange() = 0;
  /// Events with id > after.event_id and contacts with id > after.contact_id, each list oldest
  /// first and at most `limit` long.
  virtual Changes ChangesSince(const ChangeCursor& after, int limit) = 0;
};

}  // namespace tawasul::app
