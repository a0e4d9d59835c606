#pragma once

#include <functional>

#include "app/contacts/call_service.hpp"
#include "http/routes.hpp"

namespace tawasul::http {

/// Calls and contacts: the CTI endpoint PBXs post to (Zammad's generic CTI API), the PBXs and
/// blocked callers administrators keep, the callback worklist, the screen-pop and contact links.
class ContactRoutes {
 public:
  /// `on_call` runs after an event changed a call (the live feed is woken for the screen-pop).
  ContactRoutes(app::CallService* calls, std::function<void()> on_call)
      : calls_(calls), on_call_(std::move(on_call)) {}

  /// Adds this group's routes; `self` null lists them without services.
  static void Register(RouteRegistrar& r, ContactRoutes* self);

 private:
  Response CtiEvent(Request& req);
  Response ListSources(Request& req, const app::Principal& who);
  Response CreateSource(Request& req, const app::Principal& who);
  Response RotateSource(Request& req, const app::Principal& who);
  Response RevokeSource(Request& req, const app::Principal& who);
  Response PutCallerIds(Request& req, const app::Principal& who);
  Response ListBlocked(Request& req, const app::Principal& who);
  Response Block(Request& req, const app::Principal& who);
  Response Unblock(Request& req, const app::Principal& who);
  Response ListCallbacks(Request& req, const app::Principal& who);
  Response RecordCallback(Request& req, const app::Principal& who);
  Response Pop(Request& req, const app::Principal& who);
  Response Link(Request& req, const app::Principal& who);
  Response ListContacts(Request& req, const app::Principal& who);
  Response PatchContact(Request& req, const app::Principal& who);
  Response History(Request& req, const app::Principal& who);

  app::CallService* calls_;
  std::function<void()> on_call_;
};

}  // namespace tawasul::http
