#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "base/time.hpp"
#include "domain/model.hpp"

namespace tawasul::app {

namespace d = tawasul::domain;

/// A message a worker has claimed. The claim lets it send the message once, and only while
/// the lease lasts; after `lease_until` another worker may claim it again (a crash's retry).
struct ClaimedMessage {
  d::OutboxMessage message;  ///< `attempts` is this claim's attempt number (1 for the first)
  base::Time lease_until{};
};

/// What a gateway later says about a message it took.
enum class DeliveryStatus {
  kAccepted,       ///< the gateway or the SMSC has it (Kannel's DLR 8)
  kDelivered,      ///< it reached the handset or mailbox (DLR 1)
  kUndeliverable,  ///< the network gave up on it (DLR 2, 16)
};

/// A delivery report, matched to its message by our id or by the gateway's reference.
struct DeliveryReport {
  std::optional<d::MessageId> id;
  std::string gateway_ref;  ///< used when `id` is unset
  DeliveryStatus status = DeliveryStatus::kDelivered;
  base::Time at{};
  std::string detail;  ///< the gateway's words, kept as the row's last_error when it failed
};

/// One message as a sender gets it.
struct Outgoing {
  d::OutboxMessage message;
  std::string sender;        ///< SMS: the center's sender id (its profile's `sms_sender`)
  std::string report_token;  ///< proves a delivery report for this message is genuine
};

/// A sender's answer for one message.
struct SendResult {
  enum class Kind {
    kAccepted,          ///< the gateway took it; `gateway_ref` when it gave one
    kTemporaryFailure,  ///< try again later (network, timeouts, 4xx SMTP, gateway busy)
    kPermanentFailure,  ///< this message can never go (bad address, rejected recipient)
  };
  Kind kind = Kind::kTemporaryFailure;
  std::string gateway_ref;
  std::string error;

  static SendResult Accepted(std::string ref) { return {Kind::kAccepted, std::move(ref), {}}; }
  static SendResult Temporary(std::string why) {
    return {Kind::kTemporaryFailure, {}, std::move(why)};
  }
  static SendResult Permanent(std::string why) {
    return {Kind::kPermanentFailure, {}, std::move(why)};
  }
};

/// The port a channel adapter implements (channels/: Kannel SMS, SMTP email). Send blocks for
/// at most MaxSendTime() and reports network trouble as a value, never as an exception.
class MessageSender {
 public:
  virtual ~MessageSender() = default;
  virtual SendResult Send(const Outgoing& out) = 0;
  /// The longest one Send may take (its own timeouts): a worker sends a claimed message only
  /// while the claim's lease outlasts this, so the lease never runs out mid-send.
  virtual std::chrono::seconds MaxSendTime() const = 0;
};

}  // namespace tawasul::app
