#pragma once
// Written messages that come in (SMS now; email next): reading a gateway's text in its
// character set, finding a tracking code in what a citizen wrote, and keywords such as STOP.
// Pure: the intake in app/inbound applies these to what the gateway delivered.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/model.hpp"

namespace tawasul::domain {

/// One written message a gateway handed over, and what became of it. Every one is kept (none
/// is dropped silently), so admins can see floods, stop words and text that could not be read.
struct InboundMessage {
  std::int64_t id = 0;
  Channel channel = Channel::kSms;
  std::string sender;     ///< E.164 phone (SMS) or address (email)
  std::string recipient;  ///< our number or mailbox it was sent to
  std::string body;       ///< the text, decoded to UTF-8 (raw when it could not be read)
  Time received_at{};
  /// created (a new request) | appended (joined a request) | stopped | started (keywords) |
  /// throttled (a flood) | rejected (could not be read)
  std::string outcome;
  std::string reason;  ///< why it was held back, for admins
  std::optional<CaseId> case_id;
  std::optional<ContactId> contact_id;
  std::string external_id;  ///< the gateway's id of the message
};

/// An SMS's text as a gateway delivers it (Kannel's %a with %c and %C): UTF-8 as is; UTF-16BE /
/// UCS-2 (coding 2) decoded, surrogate pairs joined; ISO-8859-1 / WINDOWS-1252 widened. Invalid
/// bytes or an unknown character set give an Invalid error naming `field`.
base::Result<std::string> DecodeSmsText(std::string_view bytes, std::string_view coding,
                                        std::string_view charset, const std::string& field);

/// The first valid tracking code written in `text`: 10 digits (any script), grouped by single
/// spaces or dashes at most, not part of a longer run of digits, passing the check digit.
std::optional<std::string> FindTrackingCode(std::string_view text);

/// True when the whole of `text`, folded (case, letter forms, digits, spaces at the ends,
/// punctuation at the end), is one of `words`: "STOP", "stop.", "  توقف " all match "stop" and
/// "توقف".
bool IsKeyword(std::string_view text, const std::vector<std::string>& words);

/// The headers that say whether a message was written by a person.
struct MailOrigin {
  std::string from;            ///< the sender's address, lower case
  std::string auto_submitted;  ///< Auto-Submitted (RFC 3834)
  std::string precedence;      ///< Precedence
  std::string list_id;         ///< List-Id
  std::string return_path;     ///< Return-Path ("<>" for a bounce)
  bool auto_reply_header = false;  ///< X-Autoreply, X-Autorespond or X-Auto-Response-Suppress
};

/// A file that came with a message.
struct MailFile {
  std::string filename;
  std::string content_type;  ///< as the sender declared it (the store sniffs its own)
  std::string content;
};

/// An email as the intake reads it, parsed by a MIME library (channels/mime_email).
struct EmailMessage {
  std::string from_address;  ///< lower case
  std::string from_name;
  std::string subject;       ///< decoded (RFC 2047) to UTF-8
  std::string message_id;    ///< without angle brackets
  std::vector<std::string> in_reply_to;  ///< In-Reply-To and References, without brackets
  MailOrigin origin;
  std::string text;  ///< the text part, or the HTML part reduced to text; UTF-8
  std::vector<MailFile> files;
  /// A delivery status notification (a bounce): the Message-ID of the message of ours it is
  /// about, without brackets; empty for anything else.
  std::string bounce_of;
  std::string bounce_reason;
  /// The message's own headers, lower-case name to its first value (the first 200 headers).
  std::map<std::string, std::string> headers;
};

/// HTML mail reduced to plain text that is safe to show anywhere: script, style and head
/// contents dropped, tags removed, block ends made line breaks, entities decoded (numeric ones
/// included; control characters and invalid code points dropped), blank lines collapsed.
std::string HtmlToText(std::string_view html);


/// Why a message must not be answered automatically (RFC 3834, lists, bounces, our own
/// addresses), or empty when a person wrote it. `ours`: the center's addresses, lower case.
std::string WhyNoAutoReply(const MailOrigin& m, const std::vector<std::string>& ours);

}  // namespace tawasul::domain
