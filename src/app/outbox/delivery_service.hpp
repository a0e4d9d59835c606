#pragma once

#include <string>
#include <string_view>

#include "app/outbox/outbox_store.hpp"
#include "base/result.hpp"
#include "base/time.hpp"

namespace tawasul::app {

/// Signs the delivery-report URL of each message, so nobody who lacks the installation's key
/// can forge a report. The token is per message: a URL seen in a gateway's log vouches for that
/// one message only. A port: the adapter is adapters::SodiumReportSigner (HMAC-SHA-256).
class ReportSigner {
 public:
  virtual ~ReportSigner() = default;
  virtual std::string Token(d::MessageId id) const = 0;
  /// Constant-time comparison with the token of `id`.
  virtual bool Verify(d::MessageId id, std::string_view token) const = 0;
};

/// Delivery reports coming back from gateways (the public hook routes).
class DeliveryService {
 public:
  DeliveryService(OutboxStore& store, const base::Clock& clock, const ReportSigner& signer);

  /// A report from Kannel's dlr-url: our message id, Kannel's DLR type (%d: 1 delivered,
  /// 2 undeliverable, 4 queued at the SMSC, 8 accepted by the SMSC, 16 rejected by the SMSC),
  /// the message's token and the SMSC's answer (%A). Invalid for a malformed id or type,
  /// Forbidden for a wrong token, NotFound for an unknown message; type 4 changes nothing.
  Status KannelReport(std::string_view id, std::string_view type, std::string_view token,
                      std::string_view answer);

 private:
  OutboxStore& store_;
  const base::Clock& clock_;
  const ReportSigner& signer_;
};

}  // namespace tawasul::app
