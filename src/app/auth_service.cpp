#include <chrono>

#include "app/services.hpp"
#include "domain/validation.hpp"

namespace tawasul::app {

using base::Error;
using base::ErrorCode;

namespace {
Error BadCredentials() {
  return Error{ErrorCode::kUnauthenticated, "The username or password is wrong", {}};
}
}  // namespace

AuthService::AuthService(Store& store, Crypto& crypto, const base::Clock& clock,
                         const Settings& settings)
    : store_(store), crypto_(crypto), clock_(clock), settings_(settings) {}

Result<LoginResult> AuthService::Login(const std::string& username,
                                       const std::string& password) {
  auto found = store_.FindUserByUsername(username);
  if (!found || !found->user.active) {
    // Spend the same argon2id time on an unknown user so timing does not reveal which
    // usernames exist.
    static const std::string kDummy = crypto_.HashPassword("tawasul-no-such-user");
    (void)crypto_.VerifyPassword(kDummy, password);
    return BadCredentials();
  }
  if (!crypto_.VerifyPassword(found->password_hash, password)) return BadCredentials();

  const base::Time now = clock_.Now();
  LoginResult out{crypto_.RandomToken(), found->user,
                  now + std::chrono::seconds(settings_.session_ttl_seconds)};
  StoredToken t{crypto_.HashToken(out.token), found->user.id, domain::TokenKind::kSession,
                "session", now, out.expires_at};
  if (auto s = store_.SaveToken(t); !s) return s.error();
  return out;
}

Result<Principal> AuthService::Authenticate(const std::string& token) {
  const Error unauthenticated{ErrorCode::kUnauthenticated, "A valid token is required", {}};
  if (token.empty() || token.size() > 256) return unauthenticated;
  auto t = store_.FindToken(crypto_.HashToken(token));
  if (!t) return unauthenticated;
  if (t->expires_at && *t->expires_at <= clock_.Now()) return unauthenticated;
  auto user = store_.GetUser(t->user_id);
  if (!user || !user->active) return unauthenticated;
  return Principal{*user, t->kind};
}

Status AuthService::Logout(const std::string& token) {
  return store_.DeleteToken(crypto_.HashToken(token));
}

Result<std::string> AuthService::CreateApiToken(const Principal& who, domain::UserId for_user,
                                                const std::string& name) {
  if (who.user.role != domain::Role::kAdmin) {
    return Error{ErrorCode::kForbidden, "Only an administrator may create API tokens", {}};
  }
  if (!store_.GetUser(for_user)) return base::Invalid("user_id", "no such user");
  if (name.empty() || name.size() > 100) {
    return base::Invalid("name", "is required (up to 100 characters)");
  }
  std::string token = crypto_.RandomToken();
  StoredToken t{crypto_.HashToken(token), for_user, domain::TokenKind::kApi, name, clock_.Now(),
                std::nullopt};
  if (auto s = store_.SaveToken(t); !s) return s.error();
  return token;
}

Result<domain::User> AuthService::SetOwnPreferences(const Principal& who,
                                                    const OwnPreferences& prefs) {
  if (prefs.language && !domain::IsSupportedLanguage(*prefs.language)) {
    return base::Invalid("language", "must be ar, fa or en");
  }
  if (prefs.calendar && !domain::IsUserCalendar(*prefs.calendar)) {
    return base::Invalid("calendar", "must be empty, gregorian, islamic-umalqura or persian");
  }
  if (prefs.digits && !domain::IsUserDigits(*prefs.digits)) {
    return base::Invalid("digits", "must be empty, latn or native");
  }
  // Re-read the user rather than writing back the principal's copy, which is as old as the
  // request's authentication: an administrator's change since then (role, unit) must survive.
  auto user = store_.GetUser(who.user.id);
  if (!user) return Error{ErrorCode::kUnauthenticated, "A valid token is required", {}};
  domain::User next = *user;
  if (prefs.language) next.language = *prefs.language;
  if (prefs.calendar) next.calendar = *prefs.calendar;
  if (prefs.digits) next.digits = *prefs.digits;
  if (next == *user) return *user;
  return store_.UpdateUser(next);
}

Status AuthService::ChangeOwnPassword(const Principal& who, const std::string& current,
                                     const std::string& next, const std::string& token) {
  auto found = store_.FindUserByUsername(who.user.username);
  if (!found || found->user.id != who.user.id) {
    return Error{ErrorCode::kUnauthenticated, "A valid token is required", {}};
  }
  // 422 naming the field rather than 401/403, so the form can show the error next to it and the
  // browser's session stays signed in.
  if (!crypto_.VerifyPassword(found->password_hash, current)) {
    return base::Invalid("current", "is not your current password");
  }
  if (auto s = CheckNewPassword(next, "new"); !s) return s;
  return store_.SetPassword(who.user.id, crypto_.HashPassword(next),
                            token.empty() ? "" : crypto_.HashToken(token));
}

}  // namespace tawasul::app
