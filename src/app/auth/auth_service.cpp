#include <algorithm>
#include <cctype>
#include <chrono>
#include <thread>

#include "app/auth/auth_service.hpp"
#include "domain/validation.hpp"

namespace tawasul::app {

using base::Error;
using base::ErrorCode;

namespace {
Error BadCredentials() {
  return Error{ErrorCode::kUnauthenticated, "The username or password is wrong", {}};
}
}  // namespace

AuthService::AuthService(UserStore& store, Crypto& crypto, const base::Clock& clock,
                         const Settings& settings)
    : store_(store),
      crypto_(crypto),
      clock_(clock),
      settings_(settings),
      // As many hashes at once as there are cores, and a short queue behind them.
      gate_(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())),
            4 * static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))) {}

namespace {

constexpr auto kLongestWait = std::chrono::seconds(15 * 60);
// Longer than the longest wait, so that sitting out a lock never resets the count.
constexpr auto kForgetAfter = std::chrono::hours(24);

/// After `free` failures, each failure doubles the wait before the next attempt, up to a
/// 15-minute lock.
std::chrono::seconds Doubling(int failures, int free) {
  if (failures < free) return std::chrono::seconds(0);
  const int doublings = std::min(failures - free, 20);
  return std::min(std::chrono::seconds(std::int64_t{1} << doublings),
                  std::chrono::duration_cast<std::chrono::seconds>(kLongestWait));
}
/// One account: five tries, then the wait doubles.
std::chrono::seconds AccountDelay(int failures) { return Doubling(failures, 5); }
/// One address (or IPv6 /64): a whole office may sit behind it, so twenty tries.
std::chrono::seconds AddressDelay(int failures) { return Doubling(failures, 20); }

std::string Lowered(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

Result<LoginResult> AuthService::Login(const std::string& username, const std::string& password,
                                       const std::string& client, int* retry_after) {
  const base::Time start = clock_.Now();
  std::vector<std::string> keys{"user:" + Lowered(username)};
  if (!client.empty()) keys.push_back("addr:" + ClientBucket(client));
  const base::Time allowed = store_.LoginAllowedAt(keys);
  if (allowed > start) {
    const auto wait = std::chrono::ceil<std::chrono::seconds>(allowed - start).count();
    if (retry_after != nullptr) *retry_after = static_cast<int>(std::max<std::int64_t>(wait, 1));
    return Error{ErrorCode::kRateLimited,
                 "Too many failed log-ins for this account or address; try again in " +
                     std::to_string(wait) + " s",
                 {}};
  }
  auto pass = gate_.Enter();
  if (!pass) {
    if (retry_after != nullptr) *retry_after = 1;
    return Error{ErrorCode::kUnavailable, "The server is busy checking passwords; try again", {}};
  }
  auto found = store_.FindUserByUsername(username);
  bool ok = false;
  if (!found || !found->user.active) {
    // Spend the same argon2id time on an unknown user so timing does not reveal which
    // usernames exist.
    static const std::string kDummy = crypto_.HashPassword("tawasul-no-such-user");
    (void)crypto_.VerifyPassword(kDummy, password);
  } else {
    ok = crypto_.VerifyPassword(found->password_hash, password);
  }
  if (!ok) {
    const base::Time failed = clock_.Now();
    (void)store_.RecordLoginFailure({keys[0]}, failed, &AccountDelay, kForgetAfter);
    if (keys.size() > 1) {
      (void)store_.RecordLoginFailure({keys[1]}, failed, &AddressDelay, kForgetAfter);
    }
    return BadCredentials();
  }
  store_.ClearLoginFailures(keys.front());

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
  if (!May(who, domain::Permission::kAdminister)) {
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
  auto pass = gate_.Enter();
  if (!pass) {
    return Error{ErrorCode::kUnavailable, "The server is busy checking passwords; try again", {}};
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
