#pragma once
// The administrative audit trail's store port: a hash chain (migration 0011).

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "domain/model.hpp"

namespace tawasul::app {

using base::Result;
using base::Status;
namespace d = tawasul::domain;

/// One administrative change (who changed what, with the old and new values as text).
struct AdminAuditEntry {
  std::int64_t id = 0;
  base::Time at{};
  std::optional<d::UserId> actor;
  std::string entity;  ///< user, unit, category, site, template, workflow, service_levels
  std::string key;     ///< which one: an id, a name or a code
  std::string action;  ///< create, update, password_reset, put, holiday_add, ...
  std::string old_value;
  std::string new_value;
  std::string prev_hash;  ///< the hash of the entry before ("" for the first)
  std::string hash;       ///< SHA-256 (hex) of prev_hash and every field above
  bool operator==(const AdminAuditEntry&) const = default;
};

struct AdminAuditCheck {
  std::int64_t checked = 0;                ///< entries read
  std::optional<std::int64_t> broken_at;   ///< the first entry that breaks the chain
  std::string why;                         ///< what does not hold there
};

/// The audit trail of administrative changes.
class AdminAuditStore {
 public:
  virtual ~AdminAuditStore() = default;

  // The audit trail of administrative changes, a hash chain (migration 0011)
  /// Appends `e` (id, at when unset, prev_hash and hash are the store's) after the last entry,
  /// under a lock every node respects; the entry as written.
  virtual Result<AdminAuditEntry> AppendAdminAudit(AdminAuditEntry e) = 0;
  /// Entries newest first, older than `before_id` (0: from the newest), at most `limit`.
  virtual std::vector<AdminAuditEntry> AdminAudit(std::int64_t before_id, int limit) = 0;
  /// Walks the chain from the first entry: the checked count, and the first entry whose fields,
  /// hash or link to the one before do not hold (an offline edit, insertion or deletion).
  virtual AdminAuditCheck VerifyAdminAudit() = 0;
};

}  // namespace tawasul::app
