#pragma once

#include <string>

#include "app/admin/admin_audit_store.hpp"
#include "app/admin/admin_service_store.hpp"
#include "app/admin/org_store.hpp"
#include "app/audit/access_store.hpp"
#include "app/audit/audit_service_store.hpp"
#include "app/auth/user_store.hpp"
#include "app/cases/case_service_store.hpp"
#include "app/cases/case_store.hpp"
#include "app/contacts/call_service_store.hpp"
#include "app/contacts/call_store.hpp"
#include "app/inbound/inbound_store.hpp"
#include "app/installation/installation_admin_store.hpp"
#include "app/installation/installation_store.hpp"
#include "app/live/live_store.hpp"
#include "app/open311/open311_store.hpp"
#include "app/outbox/outbox_store.hpp"
#include "app/public/public_service_store.hpp"
#include "app/reports/report_service_store.hpp"
#include "app/reports/report_store.hpp"
#include "app/reports/report_schedule.hpp"
#include "app/reports/wallboard_service_store.hpp"
#include "app/sla/escalation_worker_store.hpp"
#include "app/sla/sla_store.hpp"
#include "app/store_health.hpp"
#include "app/surveys/survey_service_store.hpp"
#include "app/workflow/action_service_store.hpp"
#include "app/workflow/action_store.hpp"

namespace tawasul::app {

/// The store port. Implemented once over SQL (store/sql_store) with SQLite and PostgreSQL
/// drivers; a contract suite (tests/store_contract_test.cpp) runs unchanged on both.
/// Every write is durable when the call returns (fsync'd, possibly in a group commit).
/// Methods return NotFound / Conflict / PreconditionFailed as values; storage faults throw.
/// Each feature module declares the part it reads and writes (its own *_store.hpp); this is all
/// of them, what the binary opens and every module may be handed.
class Store : public virtual UserStore,
              public virtual OrgStore,
              public virtual CaseStore,
              public virtual InboundStore,
              public virtual Open311Store,
              public virtual CallStore,
              public virtual ActionStore,
              public virtual OutboxStore,
              public virtual InstallationStore,
              public virtual AccessStore,
              public virtual AdminAuditStore,
              public virtual SlaStore,
              public virtual ReportStore,
              public virtual LiveStore,
              public virtual StoreHealth,
              public virtual AdminServiceStore,
              public virtual CaseServiceStore,
              public virtual CallServiceStore,
              public virtual PublicServiceStore,
              public virtual AuditServiceStore,
              public virtual ActionServiceStore,
              public virtual SurveyServiceStore,
              public virtual WallboardServiceStore,
              public virtual ReportServiceStore,
              public virtual EscalationWorkerStore,
              public virtual InstallationAdminStore,
              public virtual ReportScheduleServiceStore {
 public:
  virtual ~Store() = default;

  /// Applies pending migrations; returns the schema version now in place.
  virtual int Migrate() = 0;
  /// True when no user exists (a fresh store, e.g. before `tawasul demo`).
  virtual bool IsEmpty() = 0;
};

}  // namespace tawasul::app
