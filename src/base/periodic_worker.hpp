#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace tawasul::base {

/// A background loop on its own thread: a round, then a sleep of `interval` that Wake() or
/// Stop() cuts short. A round that throws is reported to `on_error` and the loop goes on (a store
/// fault, e.g. PostgreSQL restarting, lasts a round). A round returns true when more work is
/// waiting, and the next round starts at once. The SLA timer, the outbox and the installation
/// watcher run on it.
class PeriodicWorker {
 public:
  using Round = std::function<bool()>;
  PeriodicWorker(std::chrono::milliseconds interval, Round round,
                 std::function<void(const std::string&)> on_error);
  ~PeriodicWorker();
  PeriodicWorker(const PeriodicWorker&) = delete;
  PeriodicWorker& operator=(const PeriodicWorker&) = delete;

  /// Starts the thread; does nothing while it runs.
  void Start();
  /// Lets the round in progress finish, then joins. Start() may follow.
  void Stop();
  /// Ends the current sleep: the next round starts now.
  void Wake();
  bool running();

 private:
  const std::chrono::milliseconds interval_;
  const Round round_;
  const std::function<void(const std::string&)> on_error_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace tawasul::base
