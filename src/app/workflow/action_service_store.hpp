#pragma once

#include "app/admin/org_store.hpp"
#include "app/cases/case_store.hpp"
#include "app/sla/sla_store.hpp"
#include "app/workflow/action_store.hpp"

namespace tawasul::app {

/// The parts of the store ActionService reads and writes, and no others. `Store` is one of these,
/// so the binary hands its one store; a test may hand anything that implements these parts.
class ActionServiceStore : public virtual ActionStore,
                           public virtual CaseStore,
                           public virtual OrgStore,
                           public virtual SlaStore {};

}  // namespace tawasul::app
