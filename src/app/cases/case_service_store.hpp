#pragma once

#include "app/admin/org_store.hpp"
#include "app/audit/access_store.hpp"
#include "app/auth/user_store.hpp"
#include "app/cases/case_store.hpp"
#include "app/contacts/call_store.hpp"
#include "app/outbox/outbox_store.hpp"
#include "app/reports/tag_store.hpp"
#include "app/sla/sla_store.hpp"
#include "app/workflow/action_store.hpp"

namespace tawasul::app {

/// The parts of the store CaseService reads and writes, and no others. `Store` is one of these, so
/// the binary hands its one store; a test may hand anything that implements these parts.
class CaseServiceStore : public virtual CaseStore,
                         public virtual CallStore,
                         public virtual ActionStore,
                         public virtual OrgStore,
                         public virtual OutboxStore,
                         public virtual SlaStore,
                         public virtual UserStore,
                         public virtual AccessStore,
                         public virtual TagStore {};

}  // namespace tawasul::app
