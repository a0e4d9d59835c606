#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "app/installation/installation.hpp"
#include "app/sla/sla_store.hpp"
#include "app/sla/escalation_worker_store.hpp"
#include "base/periodic_worker.hpp"
#include "base/time.hpp"

namespace tawasul::app {

/// The template of the message staff get when a clock breaches (sms and/or email).
inline constexpr const char* kBreachTemplate = "sla_breach";

struct EscalationWorkerOptions {
  std::chrono::milliseconds poll_interval{std::chrono::seconds(15)};
  int batch = 100;  ///< clocks looked at per round
  /// Where the worker reports trouble (cli/ wires spdlog); `error` false for notices.
  std::function<void(bool error, const std::string& line)> log;
};

/// The durable SLA timer. Every clock carries its next check time in the store (set in the
/// transaction of each change that moves it); a round looks at the clocks due now and, in one
/// transaction per clock, records what is due (a "warning" timeline event at the warning share;
/// on a breach an "sla" event and messages to the supervisors and the unit's manager through
/// the outbox) and the clock's next check.
///
/// Nothing lives in memory between rounds, so a restart misses nothing: what was due while the
/// process was down is due at the first round. Nothing is reported twice: a mark is unique per
/// (request, clock, kind) in the store, and the write is conditional on the clock's version, so
/// a crash after a commit, a second node, or an action in between cannot repeat it.
class EscalationWorker {
 public:
  /// `sla_store` is normally `store` itself (tests put a faulty one in between).
  EscalationWorker(EscalationWorkerStore& store, SlaStore& sla_store, const base::Clock& clock,
                   InstallationRef& installation, EscalationWorkerOptions options = {});
  ~EscalationWorker();
  EscalationWorker(const EscalationWorker&) = delete;
  EscalationWorker& operator=(const EscalationWorker&) = delete;

  /// One round on the calling thread at the clock's now: returns the marks reported.
  int RunOnce();

  /// Runs rounds on a thread every poll_interval until Stop() (or destruction).
  void Start();
  void Stop();

 private:
  /// Looks at one due clock; true when it reported a mark.
  bool Check(const StoredClock& clock, base::Time now);
  /// The breach messages to staff, and the timeline's account of who was reached.
  std::vector<d::OutboxMessage> BreachMessages(const Installation& inst, const d::Case& c,
                                               d::ClockName clock, base::Time due, base::Time now,
                                               std::string& note);
  void Log(bool error, const std::string& line) const;

  EscalationWorkerStore& store_;
  SlaStore& sla_store_;
  const base::Clock& clock_;
  InstallationRef& installation_;
  EscalationWorkerOptions options_;

  base::PeriodicWorker loop_;  ///< last: stopped before the members its rounds use go
};

}  // namespace tawasul::app
