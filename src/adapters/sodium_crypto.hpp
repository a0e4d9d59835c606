#pragma once

#include "app/crypto.hpp"

namespace tawasul::adapters {

/// Crypto on libsodium: CSPRNG, argon2id (interactive limits), keyed BLAKE2b for token lookup.
class SodiumCrypto final : public app::Crypto {
 public:
  SodiumCrypto();
  std::uint64_t Random64() override;
  std::string RandomToken() override;
  std::string HashPassword(const std::string& password) override;
  bool VerifyPassword(const std::string& encoded, const std::string& password) override;
  std::string HashToken(const std::string& token) override;
};

}  // namespace tawasul::adapters
