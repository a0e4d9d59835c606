#pragma once

#include <string>

#include "app/admin/admin_audit_store.hpp"
#include "app/auth/principal.hpp"
#include "domain/routing.hpp"

namespace tawasul::app {

/// The audited fields of each administered thing, as one line of "name=value" pairs, so an
/// entry's old and new values can be read side by side.
std::string Describe(const d::User& u);
std::string Describe(const d::Unit& u);
std::string Describe(const d::Category& c);
std::string Describe(const d::Site& s);
std::string Describe(const d::RoutingRule& r);

/// Appends an administrative change to the audit trail (AdminAuditStore::AppendAdminAudit). Written after
/// the change itself commits: a crash in between loses the entry, never the change
/// (docs/decisions/0019-abuse-limits-origins-and-the-audit-trail.md).
void RecordAdminChange(AdminAuditStore& store, const Principal& who, std::string entity,
                       std::string key, std::string action, std::string old_value,
                       std::string new_value);

/// `written` as it is, recorded first when it succeeded: `entity` by its id, described before
/// (when there was a `before`) and after.
template <class T>
Result<T> Recorded(AdminAuditStore& store, const Principal& who, const char* entity,
                   const char* action, const std::optional<T>& before, Result<T> written) {
  if (written) {
    RecordAdminChange(store, who, entity, std::to_string(written->id.value), action,
                      before ? Describe(*before) : std::string(), Describe(*written));
  }
  return written;
}

}  // namespace tawasul::app
