#pragma once
// SMS that citizens send to the center's number (Kannel's smsbox posts each one to a hook):
// a message carrying a tracking code, or from a number with a request still open, joins that
// request; any other opens a new request on channel "sms" and is answered with its tracking
// code; stop and start words set whether the number gets SMS; a flood from one number is
// kept and counted, and opens nothing. Every message is kept (app/inbound/inbound_store.hpp).

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/auth/principal.hpp"
#include "app/cases/case_service.hpp"
#include "app/cases/case_service_store.hpp"
#include "app/crypto.hpp"
#include "app/inbound/inbound_store.hpp"
#include "app/installation/installation.hpp"
#include "app/settings.hpp"
#include "base/result.hpp"
#include "base/time.hpp"

namespace tawasul::app {

/// One MO as the gateway hands it over: Kannel's %p, %P, %a (raw bytes), %c, %C and %I.
struct InboundSmsInput {
  std::string from;
  std::string to;
  std::string text;
  std::string coding;
  std::string charset;
  std::string external_id;
};

struct InboundOutcome {
  d::InboundMessage message;
  std::string tracking_code;  ///< of the request it opened or joined
};

/// Counters for /metrics: what became of the messages this node took in.
struct InboundCounters {
  std::atomic<std::int64_t> received{0};
  std::atomic<std::int64_t> created{0};
  std::atomic<std::int64_t> appended{0};
  std::atomic<std::int64_t> throttled{0};
  std::atomic<std::int64_t> rejected{0};
};

/// Text a gateway handed over, kept for an admin to read: as it is when it is UTF-8 without
/// control characters; else printable ASCII and line breaks as they are, every other byte as %XX.
std::string KeptRaw(std::string_view bytes);

/// The contact a written message counts as: inbound on its channel, from its sender, begun and
/// ended when it arrived, about an existing request (its outcome).
d::Contact InboundContact(const d::InboundMessage& m);

class SmsIntake {
 public:
  SmsIntake(CaseServiceStore& cases_store, InboundStore& store, CaseService& cases, Crypto& crypto,
            const base::Clock& clock, const Settings& settings, InstallationRef& installation);

  /// The secret the gateway's URL carries ([sms] inbound_token); empty: the hook is off.
  void SetToken(const std::string& token);
  bool enabled() const { return !token_hash_.empty(); }

  /// One MO. NotFound when the hook is off; Forbidden for a wrong token; Invalid naming
  /// `from` or `text` when it cannot be read (the message is still kept, as "rejected").
  Result<InboundOutcome> Receive(const std::string& token, const InboundSmsInput& in);

  /// Roles that may resend messages: what came in, newest first; senders masked, and the text
  /// only for roles that may see identities.
  Result<std::vector<d::InboundMessage>> List(const Principal& who, const InboundFilter& filter);

  const InboundCounters& counters() const { return counters_; }

 private:
  Result<InboundOutcome> Append(d::InboundMessage m, const d::Case& c, const std::string& phone);
  Result<InboundOutcome> Keep(d::InboundMessage m, const std::string& template_name,
                              const std::string& phone, std::optional<bool> opt_out);

  CaseServiceStore& cases_store_;
  InboundStore& store_;
  CaseService& cases_;
  Crypto& crypto_;
  const base::Clock& clock_;
  const Settings& settings_;
  InstallationRef& installation_;
  std::string token_hash_;
  InboundCounters counters_;
};

}  // namespace tawasul::app
