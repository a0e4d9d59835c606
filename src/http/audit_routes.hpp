#pragma once

#include "app/admin/admin_service.hpp"
#include "app/audit/audit_service.hpp"
#include "http/routes.hpp"

namespace tawasul::http {

/// The identity-access log, the audit trail of administrative changes, resending messages.
/// A service pointer may be null where the server runs without it (the routes answer 503).
class AuditRoutes {
 public:
  AuditRoutes(app::AuditService* audit, app::AdminService* admin) : audit_(audit), admin_(admin) {}

  /// Adds this group's routes; `self` null lists them without services.
  static void Register(RouteRegistrar& r, AuditRoutes* self);

 private:
  Response RequesterAccessLog(Request& req, const app::Principal& who);
  Response CaseAccessLog(Request& req, const app::Principal& who);
  /// The audit trail of administrative changes, newest first (admins only).
  Response AdminAudit(Request& req, const app::Principal& who);
  Response ResendMessage(Request& req, const app::Principal& who);
  Response ListMessages(Request& req, const app::Principal& who);

  app::AuditService* audit_;
  app::AdminService* admin_;
};

}  // namespace tawasul::http
