#include "base/periodic_worker.hpp"

#include <exception>
#include <utility>

namespace tawasul::base {

PeriodicWorker::PeriodicWorker(std::chrono::milliseconds interval, Round round,
                               std::function<void(const std::string&)> on_error)
    : interval_(interval), round_(std::move(round)), on_error_(std::move(on_error)) {}

PeriodicWorker::~PeriodicWorker() { Stop(); }

void PeriodicWorker::Start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!stopping_) {
      lock.unlock();
      bool more = false;
      try {
        more = round_();
      } catch (const std::exception& e) {
        if (on_error_) on_error_(e.what());
      } catch (...) {
        if (on_error_) on_error_("a non-standard exception");
      }
      lock.lock();
      if (more) continue;
      cv_.wait_for(lock, interval_, [&] { return stopping_ || woken_; });
      woken_ = false;
    }
  });
}

void PeriodicWorker::Stop() {
  std::thread thread;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    thread = std::move(thread_);
  }
  cv_.notify_all();
  if (thread.joinable()) thread.join();
}

void PeriodicWorker::Wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

bool PeriodicWorker::running() {
  std::lock_guard lock(mu_);
  return thread_.joinable();
}

}  // namespace tawasul::base
