#pragma once
// The auth module's store port: users, their sessions and API tokens, and the log-in throttle.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "domain/model.hpp"

namespace tawasul::app {

using base::Result;
using base::Status;
namespace d = tawasul::domain;

struct StoredToken {
  std::string hash;  ///< hex of a keyed hash of the secret; the secret itself is never stored
  d::UserId user_id;
  d::TokenKind kind = d::TokenKind::kSession;
  std::string name;
  base::Time created_at{};
  std::optional<base::Time> expires_at;
};

struct UserWithSecret {
  d::User user;
  std::string password_hash;  ///< argon2id encoded string (libsodium)
};

/// Users, tokens and the log-in throttle shared by every node (migration 0010).
class UserStore {
 public:
  virtual ~UserStore() = default;

  // Users and tokens
  virtual Result<d::User> CreateUser(const d::User& user, const std::string& password_hash) = 0;
  virtual Result<d::User> UpdateUser(const d::User& user) = 0;
  /// Sets a user's password and, in the same transaction, revokes their sessions and API tokens
  /// except the session whose token hash is `keep_session_hash` (empty: all of them), so a stolen
  /// session or token dies with the old password; an integration is given a new token.
  virtual Status SetPassword(d::UserId id, const std::string& password_hash,
                             const std::string& keep_session_hash) = 0;
  /// UpdateUser and SetPassword in one transaction: an administrator's PATCH with a password.
  virtual Result<d::User> UpdateUserAndPassword(const d::User& user,
                                                const std::string& password_hash,
                                                const std::string& keep_session_hash) = 0;
  virtual std::optional<d::User> GetUser(d::UserId id) = 0;
  virtual std::optional<UserWithSecret> FindUserByUsername(const std::string& username) = 0;
  virtual std::vector<d::User> ListUsers() = 0;
  virtual Status SaveToken(const StoredToken& token) = 0;
  virtual std::optional<StoredToken> FindToken(const std::string& hash) = 0;
  virtual Status DeleteToken(const std::string& hash) = 0;

  // Log-in throttle (migration 0010)
  /// The latest time any of `keys` may next try to log in (epoch when none is throttled).
  virtual base::Time LoginAllowedAt(const std::vector<std::string>& keys) = 0;
  /// One more failed log-in for each of `keys` at `now`; `delay(failures)` gives how long the
  /// key must then wait. Returns the largest failure count after the update. Failures older than
  /// `forget` before `now` are forgotten first.
  virtual int RecordLoginFailure(const std::vector<std::string>& keys, base::Time now,
                                 std::chrono::seconds (*delay)(int failures),
                                 std::chrono::seconds forget) = 0;
  virtual void ClearLoginFailures(const std::string& key) = 0;
};

}  // namespace tawasul::app
