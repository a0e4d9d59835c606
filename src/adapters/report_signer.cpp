#include "adapters/report_signer.hpp"

#include <sodium.h>

#include <stdexcept>

namespace tawasul::adapters {
namespace {

constexpr const char* kKeyName = "delivery_reports";
constexpr std::size_t kTokenBytes = 16;

}  // namespace

SodiumReportSigner::SodiumReportSigner(const std::string& key) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialize");
  crypto_generichash(key_, sizeof key_, reinterpret_cast<const unsigned char*>(key.data()),
                     key.size(), nullptr, 0);
}

std::string SodiumReportSigner::LoadKey(app::OutboxStore& store) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialize");
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return store.InstallationSecret(kKeyName, hex);
}

std::string SodiumReportSigner::Token(domain::MessageId id) const {
  const std::string msg = "dlr:" + std::to_string(id.value);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), key_);
  char hex[2 * kTokenBytes + 1];
  sodium_bin2hex(hex, sizeof hex, mac, kTokenBytes);
  return hex;
}

bool SodiumReportSigner::Verify(domain::MessageId id, std::string_view token) const {
  const std::string want = Token(id);
  if (token.size() != want.size()) return false;
  return sodium_memcmp(want.data(), token.data(), want.size()) == 0;
}

}  // namespace tawasul::adapters
