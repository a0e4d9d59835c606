#pragma once

#include <chrono>
#include <string>

#include "app/outbox/outbox.hpp"

namespace tawasul::channels {

struct KannelOptions {
  std::string sendsms_url;  ///< smsbox's sendsms, e.g. http://127.0.0.1:13013/cgi-bin/sendsms
  std::string username;     ///< a sendsms-user of smsbox
  std::string password;
  /// Where Kannel reaches tawasul for delivery reports, e.g. http://10.0.0.5:8080; the hook's
  /// path is appended. Empty: no delivery reports are asked for.
  std::string dlr_base_url;
  std::string default_sender;  ///< used when the profile names no sms_sender
  std::string smsc;            ///< optional smsc-id to route through
  int dlr_mask = 31;  ///< 1 delivered | 2 undeliverable | 4 buffered | 8 SMSC ack | 16 rejected
  std::chrono::seconds timeout{15};
};

/// Sends SMS through Kannel's HTTP sendsms interface (smsbox). Texts GSM 03.38 can carry go as
/// 7-bit (coding=0); anything else, Arabic and Persian included, as UCS-2 (coding=2) with the
/// text passed as UTF-8 (charset=UTF-8) for smsbox to convert. The dlr-url carries our message
/// id and its signed token, since Kannel 1.4's sendsms answers with no message id of its own.
class KannelSmsSender final : public app::MessageSender {
 public:
  explicit KannelSmsSender(KannelOptions options);
  app::SendResult Send(const app::Outgoing& out) override;
  std::chrono::seconds MaxSendTime() const override;

  /// The sendsms URL for one message (holds the password: never log it).
  std::string SendSmsUrl(const app::Outgoing& out) const;
  /// The delivery-report URL Kannel calls, with Kannel's %d (type) and %A (SMSC answer) left in.
  std::string DlrUrl(const app::Outgoing& out) const;
  /// Reads smsbox's answer: status and body → the outcome.
  static app::SendResult Interpret(long http_status, const std::string& body);

 private:
  KannelOptions options_;
};

/// Where delivery reports land in tawasul (the route in http/).
inline constexpr const char* kKannelDlrPath = "/api/v1/hooks/kannel/dlr";

}  // namespace tawasul::channels
