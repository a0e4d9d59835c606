#pragma once

#include "app/admin/org_store.hpp"
#include "app/auth/user_store.hpp"
#include "app/reports/report_store.hpp"
#include "app/sla/sla_store.hpp"

namespace tawasul::app {

/// The parts of the store ReportService reads and writes (tags; the totals come through the
/// ReportStore it is handed apart, which a test may wrap), and no others. `Store` is one of these,
/// so the binary hands its one store; a test may hand anything that implements these parts.
class ReportServiceStore : public virtual OrgStore,
                           public virtual UserStore,
                           public virtual ReportStore,
                           public virtual SlaStore {};

}  // namespace tawasul::app
