#pragma once

#include "app/admin/admin_audit_store.hpp"
#include "app/admin/org_store.hpp"
#include "app/installation/installation_store.hpp"

namespace tawasul::app {

/// The parts of the store InstallationAdmin reads and writes, and no others. `Store` is one of
/// these, so the binary hands its one store; a test may hand anything that implements these parts.
class InstallationAdminStore : public virtual InstallationStore,
                               public virtual OrgStore,
                               public virtual AdminAuditStore {};

}  // namespace tawasul::app
