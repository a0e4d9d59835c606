#include "http/routes.hpp"

#include <string_view>

#include "http/problem.hpp"

namespace tawasul::http {

namespace {

constexpr const char* kSessionCookie = "tawasul_session";

/// The host[:port] of an Origin header ("https://a.example:8443" → "a.example:8443").
std::string_view OriginHost(std::string_view origin) {
  const std::size_t scheme = origin.find("://");
  if (scheme == std::string_view::npos) return {};
  origin.remove_prefix(scheme + 3);
  return origin.substr(0, origin.find('/'));
}

bool SafeMethod(const std::string& m) { return m == "GET" || m == "HEAD" || m == "OPTIONS"; }

}  // namespace

void RouteRegistrar::AddUser(RouteInfo info, UserHandler handler) {
  router_.Add(std::move(info),
              [authenticate = authenticate_, handler = std::move(handler)](Request& req) {
                auto who = authenticate(req);
                if (!who) return ErrorResponse(who.error());
                if (auto refused = CrossSiteRefusal(req)) return *refused;
                return handler(req, *who);
              });
}

std::optional<std::string> RequestCredential(const Request& req) {
  if (const std::string* auth = req.Header("Authorization")) {
    std::string_view v = *auth;
    if (v.size() > 7 && (v.substr(0, 7) == "Bearer " || v.substr(0, 7) == "bearer ")) {
      v.remove_prefix(7);
      while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
      while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
      return std::string(v);
    }
    return std::string();  // another scheme: never falls back to the cookie
  }
  return req.Cookie(kSessionCookie);
}

std::string SessionCookie(const std::string& value, std::int64_t max_age) {
  return std::string(kSessionCookie) + "=" + value +
         "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" + std::to_string(max_age);
}

/// A state-changing request that rides on the session cookie must come from the app's own
/// origin: SameSite=Strict alone lets another port or a sibling subdomain (the same *site*)
/// post with the cookie. A bearer token is never sent by a browser on its own, so it is exempt;
/// a client that sends neither Origin nor Sec-Fetch-Site is no browser a page could drive.
std::optional<Response> CrossSiteRefusal(const Request& req) {
  if (SafeMethod(req.method) || req.Header("Authorization") != nullptr) return std::nullopt;
  // Sec-Fetch-Site, which a page cannot set, decides when the browser sends it (it stays right
  // behind a proxy that rewrites Host); older browsers are judged by Origin against Host.
  if (const std::string* site = req.Header("Sec-Fetch-Site")) {
    if (*site != "same-origin" && *site != "none") {
      return Problem(403, "A request from another origin cannot use the session cookie");
    }
    return std::nullopt;
  }
  if (const std::string* origin = req.Header("Origin")) {
    const std::string* host = req.Header("Host");
    const std::string_view from = OriginHost(*origin);
    if (host == nullptr || from.empty() || from != *host) {
      return Problem(403, "A request from another origin cannot use the session cookie");
    }
  }
  return std::nullopt;
}

}  // namespace tawasul::http
