#pragma once

#include "app/admin/org_store.hpp"
#include "app/auth/user_store.hpp"
#include "app/cases/case_store.hpp"
#include "app/contacts/call_store.hpp"
#include "app/reports/tag_store.hpp"

namespace tawasul::app {

/// The parts of the store CallService reads and writes, and no others.
class CallServiceStore : public virtual CallStore,
                         public virtual CaseStore,
                         public virtual UserStore,
                         public virtual OrgStore,
                         public virtual TagStore {};

}  // namespace tawasul::app
