#include "adapters/sodium_crypto.hpp"

#include <sodium.h>

#include <stdexcept>

namespace tawasul::adapters {

SodiumCrypto::SodiumCrypto() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialize");
}

std::uint64_t SodiumCrypto::Random64() {
  std::uint64_t v = 0;
  randombytes_buf(&v, sizeof v);
  return v;
}

std::string SodiumCrypto::RandomToken() {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string SodiumCrypto::HashPassword(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("argon2id hashing ran out of memory");
  }
  return out;
}

bool SodiumCrypto::VerifyPassword(const std::string& encoded, const std::string& password) {
  if (encoded.empty()) return false;
  return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

std::string SodiumCrypto::HashToken(const std::string& token) {
  // Tokens are 256-bit random secrets, so a fast unkeyed hash suffices: a stolen table of
  // hashes cannot be turned back into usable tokens.
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace tawasul::adapters
