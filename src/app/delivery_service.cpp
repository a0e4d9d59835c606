#include "app/delivery_service.hpp"

#include <sodium.h>

#include <charconv>
#include <cstring>
#include <optional>
#include <stdexcept>

namespace tawasul::app {
namespace {

constexpr const char* kKeyName = "delivery_reports";
constexpr std::size_t kTokenBytes = 16;

std::optional<std::int64_t> ParsePositive(std::string_view s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

}  // namespace

ReportSigner::ReportSigner(const std::string& key) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialize");
  crypto_generichash(key_, sizeof key_, reinterpret_cast<const unsigned char*>(key.data()),
                     key.size(), nullptr, 0);
}

std::string ReportSigner::LoadKey(Store& store) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialize");
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return store.InstallationSecret(kKeyName, hex);
}

std::string ReportSigner::Token(d::MessageId id) const {
  const std::string msg = "dlr:" + std::to_string(id.value);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), key_);
  char hex[2 * kTokenBytes + 1];
  sodium_bin2hex(hex, sizeof hex, mac, kTokenBytes);
  return hex;
}

bool ReportSigner::Verify(d::MessageId id, std::string_view token) const {
  const std::string want = Token(id);
  if (token.size() != want.size()) return false;
  return sodium_memcmp(want.data(), token.data(), want.size()) == 0;
}

DeliveryService::DeliveryService(Store& store, const base::Clock& clock, const ReportSigner& signer)
    : store_(store), clock_(clock), signer_(signer) {}

Status DeliveryService::KannelReport(std::string_view id_text, std::string_view type_text,
                                     std::string_view token, std::string_view answer) {
  const auto id = ParsePositive(id_text);
  if (!id) return base::Invalid("id", "want a message id");
  const auto type = ParsePositive(type_text);
  if (!type) return base::Invalid("type", "want Kannel's DLR type (1, 2, 4, 8 or 16)");
  if (!signer_.Verify(d::MessageId{*id}, token)) {
    return base::Error{base::ErrorCode::kForbidden, "the secret does not match", "secret"};
  }
  DeliveryReport report;
  report.id = d::MessageId{*id};
  report.at = clock_.Now();
  report.detail = std::string(answer);
  switch (*type) {
    case 1:
      report.status = DeliveryStatus::kDelivered;
      break;
    case 2:
    case 16:
      report.status = DeliveryStatus::kUndeliverable;
      if (report.detail.empty()) {
        report.detail = *type == 2 ? "the network could not deliver it" : "the SMSC rejected it";
      }
      break;
    case 8:
      report.status = DeliveryStatus::kAccepted;
      break;
    case 4:
      return base::Ok{};  // buffered at the SMSC: nothing a citizen or agent needs to see
    default:
      return base::Invalid("type", "want Kannel's DLR type (1, 2, 4, 8 or 16)");
  }
  auto r = store_.RecordDelivery(report);
  if (!r) return r.error();
  return base::Ok{};
}

}  // namespace tawasul::app
