#pragma once

#include <string>

#include "app/outbox/outbox_worker.hpp"
#include "app/inbound/email_intake.hpp"
#include "channels/imap_mailbox.hpp"
#include "channels/kannel_sms.hpp"
#include "channels/smtp_email.hpp"

namespace tawasul::cli {

/// The channels' part of the configuration: [sms] (Kannel), [email] (SMTP) and [outbox]
/// (the workers). A channel without its address stays off and its messages stay queued.
struct DeliveryConfig {
  channels::KannelOptions sms;      ///< on when sendsms_url is set
  channels::SmtpOptions email;      ///< on when url and from are set
  app::OutboxWorkerOptions outbox;  ///< worker_id and log are filled in by the wiring
  /// `serve --demo-delivery`: a channel without a gateway takes its messages into the demo
  /// sink (app/outbox/demo_sender.hpp) instead of keeping them queued.
  bool demo_sink = false;
  /// [sms] inbound_token (or TAWASUL_SMS_INBOUND_TOKEN): the secret Kannel's sms-service
  /// get-url carries to /api/v1/hooks/kannel/mo; empty: the hook answers 404.
  std::string sms_inbound_token;
  /// [[mailboxes]]: each one read over IMAP, its mail turned into requests (app/inbound).
  struct Mailbox {
    app::MailboxSettings settings;
    channels::ImapOptions imap;
  };
  std::vector<Mailbox> mailboxes;
  bool sms_enabled() const { return !sms.sendsms_url.empty(); }
  bool email_enabled() const { return !email.url.empty() && !email.from.empty(); }
};

/// Reads [sms], [email] and [outbox] from the TOML file at `path` (absent keys keep their
/// defaults; a missing default file is fine, a missing explicit one throws), then the
/// environment: TAWASUL_SMS_PASSWORD and TAWASUL_SMTP_PASSWORD keep secrets out of the file, as
/// TAWASUL_MAILBOX_PASSWORD_<NAME> (the name upper-cased, "-" as "_") does a mailbox's.
/// Throws std::runtime_error naming the file and key on a bad value.
DeliveryConfig LoadDeliveryConfig(const std::string& path, bool explicit_path);

}  // namespace tawasul::cli
