#pragma once
// A mailbox read over IMAP with libcurl (imap:// with STARTTLS when required, or imaps://):
// UID SEARCH for what is new, and each message fetched whole by its UID.

#include <chrono>
#include <cstddef>
#include <string>

#include "app/inbound/email_intake.hpp"
#include "channels/curl_util.hpp"

namespace tawasul::channels {

struct ImapOptions {
  std::string url;  ///< the mailbox, e.g. imaps://mail.center.example/INBOX
  std::string username;
  std::string password;
  bool require_tls = false;  ///< imap://: STARTTLS or fail (imaps:// is TLS from the start)
  std::string ca_file;       ///< a CA bundle for a private certificate authority (optional)
  std::chrono::seconds timeout{60};
  std::size_t max_message_bytes = 64 * 1024 * 1024;  ///< a larger message is refused, not read
};

class ImapMailbox final : public app::MailboxClient {
 public:
  explicit ImapMailbox(ImapOptions options);
  base::Result<std::vector<std::int64_t>> UidsAfter(std::int64_t after, int limit) override;
  base::Result<std::string> Fetch(std::int64_t uid) override;

  /// The UIDs in an untagged "* SEARCH 1 2 3" answer (exposed for tests).
  static std::vector<std::int64_t> ParseSearch(const std::string& answer);

 private:
  base::Result<std::string> Run(const std::string& url, const std::string& command,
                                std::size_t cap);
  ImapOptions options_;
  /// One handle for the poller's whole life: libcurl keeps its connection (logged in, the mailbox
  /// selected) between calls instead of a new TCP and TLS handshake and LOGIN per message.
  CurlEasy curl_;
};

}  // namespace tawasul::channels
