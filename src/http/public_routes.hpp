#pragma once

#include "app/admin/admin_service.hpp"
#include "app/public/public_service.hpp"
#include "app/settings.hpp"
#include "app/surveys/survey_service.hpp"
#include "http/routes.hpp"

namespace tawasul::http {

/// The citizens' portal: submitting, tracking, rating, the public lists (no login).
/// A service pointer may be null where the server runs without it (the routes answer 503).
class PublicRoutes {
 public:
  PublicRoutes(app::PublicService* pub, app::AdminService* admin, const app::Settings* settings,
               app::SurveyService* surveys)
      : pub_(pub), admin_(admin), settings_(settings), surveys_(surveys) {}

  /// Adds this group's routes; `self` null lists them without services.
  static void Register(RouteRegistrar& r, PublicRoutes* self);

 private:
  Response SubmitPublicRequest(Request& req);
  Response TrackPublicRequest(Request& req);
  Response PublicCategories(Request& req);
  Response PublicSites(Request& req);
  Response PublicRequesterAttributes(Request& req);
  Response PublicCenter(Request& req);
  Response AddPublicAttachment(Request& req);
  Response RatePublicRequest(Request& req);

  app::PublicService* pub_;
  app::AdminService* admin_;
  const app::Settings* settings_;
  app::SurveyService* surveys_;
};

}  // namespace tawasul::http
