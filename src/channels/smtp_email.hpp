#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "app/outbox/outbox.hpp"
#include "base/time.hpp"

namespace tawasul::channels {

struct SmtpOptions {
  std::string url;       ///< smtp://host:25, smtp://host:587 (STARTTLS) or smtps://host:465
  std::string username;  ///< empty: no AUTH
  std::string password;
  std::string from;          ///< the envelope and header sender, e.g. noreply@center.example
  std::string from_name;     ///< display name, any language (RFC 2047-encoded when not ASCII)
  bool require_tls = false;  ///< smtp:// only: insist on STARTTLS
  std::chrono::seconds timeout{30};
};

/// The RFC 5322 message for one outbox email: UTF-8 headers as RFC 2047 encoded words, a
/// text/plain; charset=UTF-8 body in base64 (safe through servers without 8BITMIME), CRLF line
/// ends, and a Message-ID stable across retries of the same message. With a file: multipart/mixed,
/// the text then the file in base64, its name in RFC 2231 form (UTF-8 names survive).
struct EmailParts {
  std::string from_address;
  std::string from_name;
  std::string to;
  std::string subject;
  std::string body;
  std::string message_id;  ///< with its angle brackets
  base::Time date{};
  /// Sent as multipart/mixed with this file after the text when set.
  std::optional<domain::MessageFile> file = {};
};
std::string ComposeEmail(const EmailParts& parts);

/// A header value as RFC 2047 "B" encoded words (UTF-8), folded so no line passes 76
/// characters and no character is split between words; plain printable ASCII stays as it is.
std::string EncodeHeaderWord(std::string_view utf8);

/// An RFC 5322 date, e.g. "Tue, 24 Nov 2026 08:30:00 +0000".
std::string FormatRfc5322Date(base::Time t);

/// A plain address (local@domain) with nothing that could end a header or an SMTP command.
bool IsPlainEmailAddress(std::string_view s);

/// Sends email through an SMTP server with libcurl.
class SmtpEmailSender final : public app::MessageSender {
 public:
  SmtpEmailSender(SmtpOptions options, const base::Clock& clock);
  app::SendResult Send(const app::Outgoing& out) override;
  std::chrono::seconds MaxSendTime() const override;

  /// "<tawasul.ID.TOKEN@DOMAIN>": the same for every attempt of one message, so a copy that a
  /// crash made the worker send twice is recognisably the same message to mail software.
  std::string MessageId(const app::Outgoing& out) const;

 private:
  SmtpOptions options_;
  const base::Clock& clock_;
};

}  // namespace tawasul::channels
