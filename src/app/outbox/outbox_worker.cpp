#include "app/outbox/outbox_worker.hpp"

#include <algorithm>
#include <exception>

namespace tawasul::app {

OutboxWorker::OutboxWorker(OutboxStore& store, const base::Clock& clock, InstallationRef& installation,
                           const ReportSigner& signer,
                           std::map<std::string, MessageSender*> senders,
                           OutboxWorkerOptions options)
    : store_(store),
      clock_(clock),
      installation_(installation),
      signer_(signer),
      senders_(std::move(senders)),
      options_(std::move(options)),
      loop_(options_.poll_interval,
            // Again at once while rounds come back full: more may be due.
            [this] { return RunOnce() >= options_.batch; },
            // A store fault (e.g. PostgreSQL restarting): wait a round and try again.
            [this](const std::string& e) { Log(true, "outbox: round failed: " + e); }) {
  for (const auto& [channel, sender] : senders_) {
    if (sender != nullptr) channels_.push_back(channel);
  }
}

OutboxWorker::~OutboxWorker() { Stop(); }

std::optional<std::chrono::seconds> OutboxWorker::RetryDelay(int attempt) const {
  if (attempt >= options_.max_attempts || options_.backoff.empty()) return std::nullopt;
  const std::size_t i = static_cast<std::size_t>(std::max(attempt, 1) - 1);
  return options_.backoff[std::min(i, options_.backoff.size() - 1)];
}

int OutboxWorker::RunOnce() {
  if (channels_.empty()) return 0;
  const base::Time now = clock_.Now();
  // Idle rounds only read; a claim is a write (and a commit) only when there is work.
  if (!store_.HasDueMessages(now, channels_)) return 0;
  const auto claims = store_.ClaimMessages(
      options_.worker_id, now, options_.batch,
      std::chrono::duration_cast<std::chrono::microseconds>(options_.lease), channels_);
  for (const ClaimedMessage& claim : claims) Deliver(claim);
  return static_cast<int>(claims.size());
}

void OutboxWorker::Deliver(const ClaimedMessage& claim) {
  const d::OutboxMessage& m = claim.message;
  const int attempt = m.attempts;
  const auto id = std::to_string(m.id.value);
  auto fail = [&](const std::string& error, std::optional<base::Time> retry_at) {
    auto r = store_.MarkFailed(m.id, attempt, error, retry_at, clock_.Now());
    if (!r) Log(false, "outbox: message " + id + ": outcome not recorded: " + r.error().message);
  };

  if (attempt > options_.max_attempts) {
    // Each claim counts as an attempt, including claims put back unsent because their lease ran
    // short: a message that keeps being put back must not circle forever. (A claim whose worker
    // stopped never comes back here: the store marks it unknown, decision 0008.)
    fail("gave up: claimed more than max_attempts times without a send", std::nullopt);
    Log(true, "outbox: message " + id + " failed for good after " + std::to_string(attempt - 1) +
                  " attempts");
    return;
  }
  MessageSender* sender = senders_.at(m.channel);
  if (clock_.Now() + sender->MaxSendTime() >= claim.lease_until) {
    // Sending now could outlast the claim, and another worker could claim it meanwhile.
    fail("not sent: the claim's lease ran short", clock_.Now());
    return;
  }

  Outgoing out{m, "", signer_.Token(m.id)};
  if (m.channel == "sms") {
    if (auto inst = installation_.Get()) out.sender = inst->settings().sms_sender;
  }
  SendResult result;
  try {
    result = sender->Send(out);
  } catch (const std::exception& e) {
    result = SendResult::Temporary(std::string("sender failed: ") + e.what());
  }

  switch (result.kind) {
    case SendResult::Kind::kAccepted: {
      auto r = store_.MarkSent(m.id, result.gateway_ref, clock_.Now());
      if (!r)
        Log(true, "outbox: message " + id + " was sent but not recorded: " + r.error().message);
      return;
    }
    case SendResult::Kind::kTemporaryFailure: {
      const auto delay = RetryDelay(attempt);
      fail(result.error, delay ? std::optional<base::Time>(clock_.Now() + *delay) : std::nullopt);
      Log(!delay,
          "outbox: " + m.channel + " message " + id + " attempt " + std::to_string(attempt) +
              " failed (" + result.error + ")" +
              (delay ? "; retrying in " + std::to_string(delay->count()) + " s" : "; giving up"));
      return;
    }
    case SendResult::Kind::kPermanentFailure:
      fail(result.error, std::nullopt);
      Log(true, "outbox: " + m.channel + " message " + id + " cannot be sent: " + result.error);
      return;
  }
}

void OutboxWorker::Start() {
  if (!channels_.empty()) loop_.Start();
}

void OutboxWorker::Stop() { loop_.Stop(); }

void OutboxWorker::Wake() { loop_.Wake(); }

void OutboxWorker::Log(bool error, const std::string& line) const {
  if (options_.log) options_.log(error, line);
}

}  // namespace tawasul::app
