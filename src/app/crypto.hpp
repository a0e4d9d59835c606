#pragma once
// The crypto port: randomness, password and token hashing (adapters/sodium_crypto).

#include <cstdint>
#include <string>

namespace tawasul::app {

/// Randomness and password hashing (libsodium in production); a port so tests stay fast.
class Crypto {
 public:
  virtual ~Crypto() = default;
  virtual std::uint64_t Random64() = 0;
  virtual std::string RandomToken() = 0;  ///< URL-safe, ≥ 256 bits
  virtual std::string HashPassword(const std::string& password) = 0;
  virtual bool VerifyPassword(const std::string& encoded, const std::string& password) = 0;
  virtual std::string HashToken(const std::string& token) = 0;  ///< hex, for lookup at rest
};

}  // namespace tawasul::app
