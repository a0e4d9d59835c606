#pragma once
// The outbox module's store port: claiming, settling and resending messages, and the per-destination counts.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/outbox/outbox.hpp"
#include "base/result.hpp"
#include "base/time.hpp"
#include "domain/model.hpp"

namespace tawasul::app {

using base::Result;
using base::Status;
namespace d = tawasul::domain;

/// Which messages a list shows, newest first.
struct MessageFilter {
  std::optional<std::string> status;   ///< queued | sending | sent | delivered | ...
  std::optional<std::string> channel;  ///< sms | email
  std::optional<std::int64_t> before_id;  ///< cursor: only ids below this
  int limit = 50;
};

/// The outbox as its worker, the delivery reports and the abuse limits use it.
class OutboxStore {
 public:
  virtual ~OutboxStore() = default;

  // Delivering the outbox (app/OutboxWorker, delivery reports). Each outcome also writes a
  // "delivery" timeline event on the message's request: field = channel, to = sent | failed |
  // delivered | undeliverable, note = the template (and why it failed); never the recipient.
  /// Atomically claims up to `limit` messages on `channels` that are due at `now`: queued ones
  /// whose next attempt is due, and 'sending' ones whose claim's lease ran out (their worker
  /// died). Each becomes 'sending', its attempts go up by one (a claim counts as an attempt, so
  /// a message that crashes its worker cannot loop forever), next_attempt_at becomes the lease's
  /// end and claimed_by `worker_id`. Concurrent claims, from threads or nodes, never share a row.
  virtual std::vector<ClaimedMessage> ClaimMessages(const std::string& worker_id, base::Time now,
                                                    int limit, std::chrono::microseconds lease,
                                                    const std::vector<std::string>& channels) = 0;
  /// True when ClaimMessages would find something now: a read, so idle polling writes nothing.
  virtual bool HasDueMessages(base::Time now, const std::vector<std::string>& channels) = 0;
  /// The gateway took the message: 'sending' (or a queued retry) becomes 'sent', with its
  /// reference and sent_at. A message a delivery report already settled keeps its status.
  virtual Status MarkSent(d::MessageId id, const std::string& gateway_ref, base::Time now) = 0;
  /// The attempt failed: back to 'queued' until `retry_at`, or 'failed' for good when it is
  /// unset. Conflict when claim `attempt` is no longer current (re-claimed after its lease,
  /// or settled by a delivery report), and then nothing changes.
  virtual Status MarkFailed(d::MessageId id, int attempt, const std::string& error,
                            std::optional<base::Time> retry_at, base::Time now) = 0;
  /// Applies a gateway's delivery report; a report after the final one (delivered or
  /// undeliverable) changes nothing. NotFound for an unknown message.
  virtual Result<d::OutboxMessage> RecordDelivery(const DeliveryReport& report) = 0;
  virtual std::optional<d::OutboxMessage> GetMessage(d::MessageId id) = 0;
  /// The messages `filter` selects, newest first (the messages page).
  virtual std::vector<d::OutboxMessage> ListMessages(const MessageFilter& filter) = 0;
  /// The installation-wide secret `name`; the first caller's `candidate` becomes it, so every
  /// node of an installation reads the same value.
  virtual std::string InstallationSecret(const std::string& name, const std::string& candidate) = 0;

  /// Queues a copy of a message the outbox gave up on ('failed', or 'unknown' after a lost
  /// claim), with a "resend" timeline event (field = channel, from = the original's id, to =
  /// the copy's id, note = `note`), in one transaction. NotFound for an unknown message or one
  /// of no request; Conflict on "status" for any other state or when it was resent already.
  virtual Result<d::OutboxMessage> ResendMessage(d::MessageId id, std::optional<d::UserId> actor,
                                                 const std::string& note, base::Time now) = 0;
  // Per-destination limits (migration 0010)
  /// Messages queued to `recipient` (E.164 or address) since `since`, on any channel.
  virtual int CountMessagesTo(const std::string& recipient, base::Time since) = 0;
  /// Whether a message to `recipient` was ever let go (any status but held): staff have
  /// accepted a request from this number before.
  virtual bool HasMessaged(const std::string& recipient) = 0;
};

}  // namespace tawasul::app
