#pragma once

#include "app/cases/case_store.hpp"
#include "app/sla/sla_store.hpp"

namespace tawasul::app {

/// The parts of the store PublicService reads and writes, and no others. `Store` is one of these,
/// so the binary hands its one store; a test may hand anything that implements these parts.
class PublicServiceStore : public virtual CaseStore, public virtual SlaStore {};

}  // namespace tawasul::app
