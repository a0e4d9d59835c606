#pragma once
// Reading an email with GMime 3 (docs/decisions/0028): headers decoded to UTF-8, the text part
// preferred and HTML reduced to text, attachments decoded, bounces recognised. No MIME is parsed
// by hand here.

#include <string_view>

#include "app/inbound/email_intake.hpp"
#include "base/result.hpp"
#include "domain/inbound.hpp"

namespace tawasul::channels {

/// The message in `raw` (RFC 5322 bytes, as IMAP hands them over). Invalid when it has no
/// headers at all or GMime cannot read it; a message with broken parts keeps what could be read.
/// At most `max_files` attachments of at most `max_file_bytes` each are kept; the rest are
/// listed in `skipped_files` (name and why).
using ParsedMail = app::ParsedEmail;
base::Result<ParsedMail> ParseEmail(std::string_view raw, std::size_t max_files = 20,
                                    std::size_t max_file_bytes = 25 * 1024 * 1024);

}  // namespace tawasul::channels
