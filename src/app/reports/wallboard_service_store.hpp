#pragma once

#include "app/admin/org_store.hpp"
#include "app/reports/report_store.hpp"
#include "app/sla/sla_store.hpp"

namespace tawasul::app {

/// The parts of the store WallboardService reads and writes, and no others. `Store` is one of
/// these, so the binary hands its one store; a test may hand anything that implements these parts.
class WallboardServiceStore : public virtual OrgStore,
                              public virtual ReportStore,
                              public virtual SlaStore {};

}  // namespace tawasul::app
