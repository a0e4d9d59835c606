#pragma once

#include "app/cases/case_service.hpp"
#include "app/installation/installation.hpp"
#include "http/routes.hpp"

namespace tawasul::http {

/// Requests, their timelines and attachments, requesters and contacts.
/// A service pointer may be null where the server runs without it (the routes answer 503).
class CaseRoutes {
 public:
  CaseRoutes(app::CaseService* cases, app::InstallationRef* installation)
      : cases_(cases), installation_(installation) {}

  /// Adds this group's routes; `self` null lists them without services.
  static void Register(RouteRegistrar& r, CaseRoutes* self);

 private:
  Response SearchRequesters(Request& req, const app::Principal& who);
  Response GetRequester(Request& req, const app::Principal& who);
  Response CreateCase(Request& req, const app::Principal& who);
  Response ListCases(Request& req, const app::Principal& who);
  Response GetCase(Request& req, const app::Principal& who);
  Response PatchCase(Request& req, const app::Principal& who);
  Response SetOwner(Request& req, const app::Principal& who);
  Response ListColleagues(Request& req, const app::Principal& who);
  Response AddReply(Request& req, const app::Principal& who);
  Response AddNote(Request& req, const app::Principal& who);
  Response ListMentions(Request& req, const app::Principal& who);
  Response SeeMentions(Request& req, const app::Principal& who);
  Response CaseTimeline(Request& req, const app::Principal& who);
  Response CreateContact(Request& req, const app::Principal& who);
  Response AddAttachment(Request& req, const app::Principal& who);
  Response ListAttachments(Request& req, const app::Principal& who);
  Response GetAttachment(Request& req, const app::Principal& who);
  Response ReleaseAttachment(Request& req, const app::Principal& who);
  Response FindCaseByCode(const app::Principal& who, const std::string& code);

  app::CaseService* cases_;
  app::InstallationRef* installation_;
};

}  // namespace tawasul::http
