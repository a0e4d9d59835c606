#pragma once

#include <string>

#include "app/admin/admin_audit_store.hpp"
#include "app/admin/org_store.hpp"
#include "app/audit/access_store.hpp"
#include "app/auth/user_store.hpp"
#include "app/cases/case_store.hpp"
#include "app/installation/installation_store.hpp"
#include "app/live/live_store.hpp"
#include "app/outbox/outbox_store.hpp"
#include "app/reports/report_store.hpp"
#include "app/sla/sla_store.hpp"
#include "app/workflow/action_store.hpp"

namespace tawasul::app {

/// The store port. Implemented once over SQL (store/sql_store) with SQLite and PostgreSQL
/// drivers; a contract suite (tests/store_contract_test.cpp) runs unchanged on both.
/// Every write is durable when the call returns (fsync'd, possibly in a group commit).
/// Methods return NotFound / Conflict / PreconditionFailed as values; storage faults throw.
/// Each feature module declares the part it reads and writes (its own *_store.hpp); this is all
/// of them, what the binary opens and every module may be handed.
class Store : public UserStore,
              public OrgStore,
              public CaseStore,
              public ActionStore,
              public OutboxStore,
              public InstallationStore,
              public AccessStore,
              public AdminAuditStore,
              public SlaStore,
              public ReportStore,
              public LiveStore {
 public:
  virtual ~Store() = default;

  /// Applies pending migrations; returns the schema version now in place.
  virtual int Migrate() = 0;
  virtual int SchemaVersion() = 0;
  /// True when no user exists (a fresh store, e.g. before `tawasul demo`).
  virtual bool IsEmpty() = 0;
  /// Appends the store's own Prometheus lines (commit batches, their sizes and durations).
  virtual void AppendMetrics(std::string& out) = 0;
};

}  // namespace tawasul::app
