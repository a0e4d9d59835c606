#pragma once
// Email and fax-by-email from citizens (decision 0028): each mailbox is read over IMAP by a
// poller; a message whose subject carries a tracking code, or that answers an email of ours
// (In-Reply-To / References), joins that request and tells its owner; any other opens a request
// on channel email (fax for a fax gateway's mailbox) and is answered with its tracking code,
// unless it was written by a machine (RFC 3834, lists, bounces, our own addresses). A bounce marks
// our message undeliverable. Every message is kept with its outcome (inbound_messages).

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app/cases/case_service.hpp"
#include "app/cases/case_service_store.hpp"
#include "app/inbound/inbound_store.hpp"
#include "app/inbound/sms_intake.hpp"
#include "app/installation/installation.hpp"
#include "app/settings.hpp"
#include "base/periodic_worker.hpp"
#include "base/result.hpp"
#include "base/time.hpp"

namespace tawasul::app {

/// One mailbox and what its mail becomes ([[mailboxes]] in the configuration).
struct MailboxSettings {
  std::string name;      ///< unique; keys its read position
  std::string address;   ///< the center's address it receives for (never answered)
  std::string category;  ///< category code of the requests it opens (empty: the profile's SMS one)
  std::string type = "inquiry";
  bool fax = false;      ///< a fax gateway's mailbox: requests on channel fax
  /// Where a fax gateway writes the sender's number: "subject" (the first number in it) or
  /// "header:NAME".
  std::string fax_number_from = "subject";
  std::chrono::milliseconds poll{30000};
};

/// A parsed message and the files it could not keep.
struct ParsedEmail {
  d::EmailMessage message;
  std::vector<std::string> skipped_files;
};
using MailParser = std::function<Result<ParsedEmail>(const std::string& raw)>;

/// The IMAP side of a mailbox (channels/imap_mailbox).
class MailboxClient {
 public:
  virtual ~MailboxClient() = default;
  /// UIDs above `after`, ascending, at most `limit`.
  virtual Result<std::vector<std::int64_t>> UidsAfter(std::int64_t after, int limit) = 0;
  virtual Result<std::string> Fetch(std::int64_t uid) = 0;
};

class EmailIntake {
 public:
  EmailIntake(CaseServiceStore& cases_store, InboundStore& store, CaseService& cases,
              const base::Clock& clock, const Settings& settings, InstallationRef& installation,
              MailParser parser);

  /// The center's own addresses (outbox sender, every mailbox): never answered automatically.
  void SetOwnAddresses(std::vector<std::string> addresses) { own_ = std::move(addresses); }

  /// One message from `box` (its IMAP UID `uid`): taken once however often it is handed over.
  Result<InboundOutcome> Receive(const MailboxSettings& box, std::int64_t uid, const std::string& raw);

  /// A message that could not even be fetched (larger than allowed): kept as rejected with
  /// `reason`, so the mailbox moves on and an admin sees it.
  Result<InboundOutcome> Refuse(const MailboxSettings& box, std::int64_t uid, const std::string& reason);

  const InboundCounters& counters() const { return counters_; }

 private:
  Result<InboundOutcome> Keep(d::InboundMessage m);

  CaseServiceStore& cases_store_;
  InboundStore& store_;
  CaseService& cases_;
  const base::Clock& clock_;
  const Settings& settings_;
  InstallationRef& installation_;
  MailParser parser_;
  std::vector<std::string> own_;
  InboundCounters counters_;
};

/// Reads one mailbox every `box.poll`: the messages after the last UID taken, in order; the
/// position moves past a message only once it is kept, so a crash reads it again (and the intake
/// takes it once).
class MailPoller {
 public:
  MailPoller(MailboxSettings box, std::unique_ptr<MailboxClient> client, EmailIntake& intake,
             InboundStore& store, std::function<void(bool error, const std::string&)> log);
  ~MailPoller();
  void Start();
  void Stop();
  /// One pass; how many messages were taken.
  Result<int> PollOnce();

 private:
  MailboxSettings box_;
  std::unique_ptr<MailboxClient> client_;
  EmailIntake& intake_;
  InboundStore& store_;
  std::function<void(bool, const std::string&)> log_;
  std::unique_ptr<base::PeriodicWorker> worker_;
  bool failing_ = false;
};

}  // namespace tawasul::app
