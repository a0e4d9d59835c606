#pragma once

#include "app/audit/access_store.hpp"
#include "app/auth/user_store.hpp"
#include "app/cases/case_store.hpp"
#include "app/outbox/outbox_store.hpp"

namespace tawasul::app {

/// The parts of the store AuditService reads and writes, and no others. `Store` is one of these, so
/// the binary hands its one store; a test may hand anything that implements these parts.
class AuditServiceStore : public virtual AccessStore,
                          public virtual CaseStore,
                          public virtual OutboxStore,
                          public virtual UserStore {};

}  // namespace tawasul::app
