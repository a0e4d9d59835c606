#pragma once

#include "app/admin/org_store.hpp"
#include "app/auth/user_store.hpp"
#include "app/cases/case_store.hpp"
#include "app/sla/sla_store.hpp"

namespace tawasul::app {

/// The parts of the store SurveyService reads and writes, and no others. `Store` is one of these,
/// so the binary hands its one store; a test may hand anything that implements these parts.
class SurveyServiceStore : public virtual CaseStore,
                           public virtual OrgStore,
                           public virtual SlaStore,
                           public virtual UserStore {};

}  // namespace tawasul::app
