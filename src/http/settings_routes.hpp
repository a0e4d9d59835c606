#pragma once

#include "app/installation/installation_admin.hpp"
#include "http/routes.hpp"

namespace tawasul::http {

/// The installation as administrators edit it: templates, SLA policies, calendars, workflows and
/// the survey settings.
/// A service pointer may be null where the server runs without it (the routes answer 503).
class SettingsRoutes {
 public:
  SettingsRoutes(app::InstallationAdmin* installation_admin, app::InstallationRef* installation)
      : installation_admin_(installation_admin), installation_(installation) {}

  /// Adds this group's routes; `self` null lists them without services.
  static void Register(RouteRegistrar& r, SettingsRoutes* self);

 private:
  Response ListTemplates(Request& req, const app::Principal& who);
  Response PutTemplate(Request& req, const app::Principal& who);
  Response GetServiceLevels(Request& req, const app::Principal& who);
  Response PutSlaPolicy(Request& req, const app::Principal& who);
  Response ListCalendars(Request& req, const app::Principal& who);
  Response AddHoliday(Request& req, const app::Principal& who);
  Response RemoveHoliday(Request& req, const app::Principal& who);
  Response ListAdminWorkflows(Request& req, const app::Principal& who);
  Response PutAdminWorkflow(Request& req, const app::Principal& who);
  Response PutSurveySettings(Request& req, const app::Principal& who);

  app::InstallationAdmin* installation_admin_;
  app::InstallationRef* installation_;
};

}  // namespace tawasul::http
