#pragma once

#include <string>
#include <string_view>

#include "app/outbox/delivery_service.hpp"

namespace tawasul::adapters {

/// The delivery-report signer on libsodium: the token is HMAC-SHA-256 of the message's id under
/// the installation's key, 128 bits in hex.
class SodiumReportSigner final : public app::ReportSigner {
 public:
  /// `key`: the installation's secret (see LoadKey); any length.
  explicit SodiumReportSigner(const std::string& key);
  /// The installation's key, made on first use and shared by every node through the store.
  static std::string LoadKey(app::OutboxStore& store);

  std::string Token(domain::MessageId id) const override;
  bool Verify(domain::MessageId id, std::string_view token) const override;

 private:
  unsigned char key_[32];
};

}  // namespace tawasul::adapters
