#pragma once

#include <condition_variable>
#include <mutex>
#include <optional>

namespace tawasul::app {

/// Bounds password hashing (argon2id, 64 MiB and ~80 ms each): at most `slots` at once, at most
/// `queue` more waiting, and anyone past that is turned away at once (a 503), so a flood of
/// log-ins ties up a few workers and a bounded amount of memory, never the whole server.
class HashGate {
 public:
  HashGate(int slots, int queue) : slots_(slots < 1 ? 1 : slots), queue_(queue < 0 ? 0 : queue) {}

  /// Held while hashing; releases its slot when destroyed.
  class Pass {
   public:
    explicit Pass(HashGate* gate) : gate_(gate) {}
    Pass(Pass&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
    Pass& operator=(Pass&&) = delete;
    Pass(const Pass&) = delete;
    ~Pass() {
      if (gate_ != nullptr) gate_->Leave();
    }

   private:
    HashGate* gate_;
  };

  /// Callers waiting for a slot now.
  int waiting() {
    std::lock_guard lock(mu_);
    return waiting_;
  }

  /// A slot, after waiting for one if the queue has room; nullopt when it has none.
  std::optional<Pass> Enter() {
    std::unique_lock lock(mu_);
    if (active_ >= slots_) {
      if (waiting_ >= queue_) return std::nullopt;
      ++waiting_;
      freed_.wait(lock, [this] { return active_ < slots_; });
      --waiting_;
    }
    ++active_;
    return Pass(this);
  }

 private:
  void Leave() {
    {
      std::lock_guard lock(mu_);
      --active_;
    }
    freed_.notify_one();
  }
  std::mutex mu_;
  std::condition_variable freed_;
  int slots_;
  int queue_;
  int active_ = 0;
  int waiting_ = 0;
};

}  // namespace tawasul::app
