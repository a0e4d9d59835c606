// Signing in and out, the signed-in user's own profile and password, API tokens.
#include "http/auth_routes.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "domain/permissions.hpp"
#include "http/api_util.hpp"
#include "http/json_mapping.hpp"
#include "http/problem.hpp"

namespace tawasul::http {

namespace {

/// The signed-in user as they read themselves: with what their role may do, from the domain's
/// permissions table, so the web app shows only what it may and keeps no copy of the rules.
Json MeJson(const domain::User& u) {
  Json j = ToJson(u);
  Json permissions = Json::array();
  for (const domain::Permission p : domain::PermissionsOf(u.role)) {
    permissions.push_back(std::string(domain::ToString(p)));
  }
  j["permissions"] = std::move(permissions);
  return j;
}

/// `s` for a log line: control characters (a forged line break) become '?'.
std::string Printable(std::string s) {
  for (char& c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  }
  return s.substr(0, 200);
}

}  // namespace

void AuthRoutes::Register(RouteRegistrar& r, AuthRoutes* self) {
  r.Public("POST", "/api/v1/auth/login", BodyKind::kJson, self, &AuthRoutes::Login);
  r.Public("POST", "/api/v1/auth/logout", BodyKind::kNone, self, &AuthRoutes::Logout);
  r.User("GET", "/api/v1/auth/me", BodyKind::kNone, self, &AuthRoutes::Me);
  r.User("PATCH", "/api/v1/auth/me", BodyKind::kJson, self, &AuthRoutes::PatchMe);
  r.User("POST", "/api/v1/auth/password", BodyKind::kJson, self, &AuthRoutes::ChangePassword);
  r.User("POST", "/api/v1/tokens", BodyKind::kJson, self, &AuthRoutes::CreateToken);
}

Response AuthRoutes::Login(Request& req) {
  if (auto refused = CrossSiteRefusal(req)) return *refused;
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParseLogin(*body);
  if (!in) return BadRequest(in.error());
  int retry_after = 1;
  auto out = auth_->Login(in->username, in->password, req.client, &retry_after);
  if (!out) {
    if (out.error().code == base::ErrorCode::kRateLimited) {
      // For the administrators: repeated failures on one account or from one address.
      spdlog::warn("log-in refused for {} s: user '{}', client {}", retry_after,
                   Printable(in->username), Printable(req.client));
    }
    Response res = ErrorResponse(out.error(), retry_after);
    if (res.status == 503) res.Set("Retry-After", std::to_string(retry_after));
    return res;
  }
  const auto max_age =
      std::chrono::duration_cast<std::chrono::seconds>(out->expires_at - clock_->Now()).count();
  Response res = JsonResponse(200, Json{{"token", out->token},
                                        {"expires_at", base::FormatRfc3339(out->expires_at)},
                                        {"user", MeJson(out->user)}});
  res.headers.emplace_back("Set-Cookie",
                           SessionCookie(out->token, std::max<std::int64_t>(max_age, 0)));
  return res;
}

Response AuthRoutes::Logout(Request& req) {
  if (auto refused = CrossSiteRefusal(req)) return *refused;
  // Always succeeds and clears the cookie, so a stale session never traps the browser.
  if (auto token = RequestCredential(req); token && !token->empty()) {
    (void)auth_->Logout(*token);
  }
  Response res;
  res.status = 204;
  res.headers.emplace_back("Set-Cookie", SessionCookie("", 0));
  return res;
}

Response AuthRoutes::Me(Request&, const app::Principal& who) {
  return JsonResponse(200, MeJson(who.user));
}

// Self-service: the user's own preferences, whatever their role.
Response AuthRoutes::PatchMe(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParseMePatch(*body);
  if (!in) return BadRequest(in.error());
  auto saved = auth_->SetOwnPreferences(who, {in->language, in->calendar, in->digits});
  if (!saved) return ErrorResponse(saved.error());
  return JsonResponse(200, MeJson(*saved));
}

// Self-service password change; the caller's own session survives, the others end.
Response AuthRoutes::ChangePassword(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParsePasswordChange(*body);
  if (!in) return BadRequest(in.error());
  auto s =
      auth_->ChangeOwnPassword(who, in->current, in->next, RequestCredential(req).value_or(""));
  if (!s) return ErrorResponse(s.error());
  Response res;
  res.status = 204;
  return res;
}

Response AuthRoutes::CreateToken(Request& req, const app::Principal& who) {
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParseTokenInput(*body);
  if (!in) return BadRequest(in.error());
  auto token = auth_->CreateApiToken(who, in->user_id, in->name);
  if (!token) return ErrorResponse(token.error());
  return JsonResponse(201,
                      Json{{"token", *token}, {"user_id", in->user_id.value}, {"name", in->name}});
}

}  // namespace tawasul::http
