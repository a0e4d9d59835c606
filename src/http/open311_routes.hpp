#pragma once

#include "app/open311/open311_service.hpp"
#include "http/routes.hpp"

namespace tawasul::http {

/// Open311 GeoReport v2 at /open311/v2 (JSON or XML by the path's .json / .xml), and the admin
/// endpoints that issue and revoke client applications' API keys.
class Open311Routes {
 public:
  explicit Open311Routes(app::Open311Service* service) : service_(service) {}
  static void Register(RouteRegistrar& r, Open311Routes* self);

 private:
  Response Discovery(Request& req);
  Response Services(Request& req);
  Response ServiceDefinition(Request& req);
  Response PostRequest(Request& req);
  Response GetRequests(Request& req);
  Response GetRequest(Request& req);
  Response GetToken(Request& req);
  Response ListClients(Request& req, const app::Principal& who);
  Response CreateClient(Request& req, const app::Principal& who);
  Response RevokeClient(Request& req, const app::Principal& who);

  app::Open311Service* service_;
};

}  // namespace tawasul::http
