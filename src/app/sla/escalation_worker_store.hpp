#pragma once

#include "app/auth/user_store.hpp"
#include "app/cases/case_store.hpp"

namespace tawasul::app {

/// The parts of the store EscalationWorker reads and writes, and no others. `Store` is one of
/// these, so the binary hands its one store; a test may hand anything that implements these parts.
class EscalationWorkerStore : public virtual CaseStore, public virtual UserStore {};

}  // namespace tawasul::app
