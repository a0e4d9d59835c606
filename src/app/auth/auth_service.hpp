#pragma once
// Sign-in, sessions, API tokens and the users' own preferences and passwords.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/auth/hash_gate.hpp"
#include "app/auth/principal.hpp"
#include "app/auth/rate_limiter.hpp"
#include "app/auth/user_store.hpp"
#include "app/crypto.hpp"
#include "app/settings.hpp"
#include "base/result.hpp"
#include "base/time.hpp"

namespace tawasul::app {

struct LoginResult {
  std::string token;
  d::User user;
  base::Time expires_at;
};

class AuthService {
 public:
  AuthService(UserStore& store, Crypto& crypto, const base::Clock& clock, const Settings& settings);
  /// Password hashes under way and waiting, for each other use of the gate (a password change).
  HashGate& hash_gate() { return gate_; }
  /// Checks the password, throttled per account and per client address (an IPv6 address counts
  /// as its /64) with limits every node shares: after 5 failures on an account (20 from an
  /// address) within a day of each other, each further failure doubles the wait before the
  /// next attempt (1 s, 2 s, ... up to a 15-minute lock); a throttled attempt is
  /// refused (kRateLimited) before any hashing, with the seconds to wait in `retry_after`.
  /// Hashing runs behind a bounded gate: kUnavailable when it is full.
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& client = {}, int* retry_after = nullptr);
  /// Resolves a bearer token or session cookie value to its user.
  Result<Principal> Authenticate(const std::string& token);
  Status Logout(const std::string& token);
  /// An API token for an integration (PBX/CTI, IVR): admin only; never expires until revoked.
  Result<std::string> CreateApiToken(const Principal& who, d::UserId for_user,
                                     const std::string& name);
  /// The user's own preferences, saved so every browser signs in with them: language (ar, fa
  /// or en), calendar ("" = the center's, gregorian, islamic-umalqura, persian) and digits
  /// ("" = the language's usual, latn, native). Only the present ones change; all are checked
  /// before anything is written.
  struct OwnPreferences {
    std::optional<std::string> language;
    std::optional<std::string> calendar;
    std::optional<std::string> digits;
  };
  Result<d::User> SetOwnPreferences(const Principal& who, const OwnPreferences& prefs);
  /// Changes the user's own password after checking the current one (422 naming `current` when
  /// wrong, `new` when too weak); ends their other sessions but keeps `token`, the caller's.
  Status ChangeOwnPassword(const Principal& who, const std::string& current,
                           const std::string& next, const std::string& token);

 private:
  UserStore& store_;
  Crypto& crypto_;
  const base::Clock& clock_;
  const Settings& settings_;
  HashGate gate_;
};

/// The one password rule (CLI `user add`, admin creation and reset, self-service change),
/// reported as a problem naming `field`.
Status CheckNewPassword(const std::string& password, const char* field);

}  // namespace tawasul::app
