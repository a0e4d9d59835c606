#pragma once

#include "app/installation/installation.hpp"
#include "app/workflow/action_service.hpp"
#include "http/routes.hpp"

namespace tawasul::http {

/// Workflow actions, inboxes, a request's extras, the installation and its workflows.
/// A service pointer may be null where the server runs without it (the routes answer 503).
class WorkflowRoutes {
 public:
  WorkflowRoutes(app::ActionService* actions, app::InstallationRef* installation,
                 std::string map_tiles = "")
      : actions_(actions), installation_(installation), map_tiles_(std::move(map_tiles)) {}

  /// Adds this group's routes; `self` null lists them without services.
  static void Register(RouteRegistrar& r, WorkflowRoutes* self);

 private:
  Response ListActions(Request& req, const app::Principal& who);
  Response TakeAction(Request& req, const app::Principal& who);
  Response GetCaseExtras(Request& req, const app::Principal& who);
  Response Inbox(Request& req, const app::Principal& who);
  Response Inboxes(Request& req, const app::Principal& who);
  Response GetInstallation(Request& req, const app::Principal& who);
  Response ListWorkflows(Request& req, const app::Principal& who);

  app::ActionService* actions_;
  app::InstallationRef* installation_;
  std::string map_tiles_;  ///< the map's tile server (ServerOptions::map_tiles), "" none
};

}  // namespace tawasul::http
