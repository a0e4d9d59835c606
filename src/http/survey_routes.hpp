#pragma once

#include "app/cases/case_service.hpp"
#include "app/installation/installation.hpp"
#include "app/surveys/survey_service.hpp"
#include "http/routes.hpp"

namespace tawasul::http {

/// Satisfaction: the survey link (JSON and its page), IVR call ratings, reviews.
/// A service pointer may be null where the server runs without it (the routes answer 503).
class SurveyRoutes {
 public:
  SurveyRoutes(app::SurveyService* surveys, app::CaseService* cases,
               app::InstallationRef* installation)
      : surveys_(surveys), cases_(cases), installation_(installation) {}

  /// Adds this group's routes; `self` null lists them without services.
  static void Register(RouteRegistrar& r, SurveyRoutes* self);

 private:
  Response GetPublicSurvey(Request& req);
  Response AnswerPublicSurvey(Request& req);
  Response SurveyPage(Request& req);
  Response SurveyPageSubmit(Request& req);
  Response RateCall(Request& req, const app::Principal& who);
  Response DismissReview(Request& req, const app::Principal& who);

  app::SurveyService* surveys_;
  app::CaseService* cases_;
  app::InstallationRef* installation_;
};

}  // namespace tawasul::http
