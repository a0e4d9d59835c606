#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/outbox/delivery_service.hpp"
#include "app/installation/installation.hpp"
#include "app/outbox/outbox.hpp"
#include "app/outbox/outbox_store.hpp"
#include "base/periodic_worker.hpp"
#include "base/time.hpp"

namespace tawasul::app {

struct OutboxWorkerOptions {
  std::string worker_id = "worker";  ///< names its claims (e.g. host:pid:sms), for operators
  std::chrono::milliseconds poll_interval{1000};
  std::chrono::seconds lease{300};  ///< a claim's life; longer than batch × MaxSendTime()
  int batch = 8;                    ///< messages claimed per round
  int max_attempts = 5;             ///< then the message fails for good
  /// Waits after failed attempt 1, 2, ...; the last one repeats.
  std::vector<std::chrono::seconds> backoff{std::chrono::seconds(30), std::chrono::minutes(2),
                                            std::chrono::minutes(10), std::chrono::hours(1)};
  /// Where the worker reports trouble (cli/ wires spdlog); `error` false for notices.
  std::function<void(bool error, const std::string& line)> log;
};

/// Sends the outbox. Each round it claims due messages of its senders' channels (a claim is an
/// attempt with a lease), hands each to its channel's sender once, and records the outcome:
/// sent, a retry after a backoff, or failed for good after `max_attempts`.
///
/// Delivery is at most once per event: a failure the sender reports is retried, but a claim whose
/// worker stopped during the send (its lease ran out with no outcome) leaves the message
/// "unknown", never sent again, because the gateway may have taken it. A late MarkSent or
/// delivery report still settles it. See docs/decisions/0008-outbox-delivery.md.
class OutboxWorker {
 public:
  /// `senders`: channel (sms | email) → its sender; the worker claims only these channels.
  OutboxWorker(OutboxStore& store, const base::Clock& clock, InstallationRef& installation,
               const ReportSigner& signer, std::map<std::string, MessageSender*> senders,
               OutboxWorkerOptions options);
  ~OutboxWorker();
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  /// One round on the calling thread: claims what is due now and sends it. Returns the number
  /// of messages claimed. Tests drive the worker with this and a FakeClock.
  int RunOnce();

  /// Runs rounds on a thread: again at once while rounds come back full, else after
  /// poll_interval or a Wake(). Stop() finishes the send in progress and joins.
  void Start();
  void Stop();
  void Wake();

  /// The wait before the next attempt after attempt `attempt` failed; nullopt: give up.
  std::optional<std::chrono::seconds> RetryDelay(int attempt) const;

 private:
  void Deliver(const ClaimedMessage& claim);
  void Log(bool error, const std::string& line) const;

  OutboxStore& store_;
  const base::Clock& clock_;
  InstallationRef& installation_;
  const ReportSigner& signer_;
  std::map<std::string, MessageSender*> senders_;
  std::vector<std::string> channels_;
  OutboxWorkerOptions options_;

  base::PeriodicWorker loop_;  ///< last: stopped before the members its rounds use go
};

}  // namespace tawasul::app
