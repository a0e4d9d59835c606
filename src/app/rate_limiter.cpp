#include "app/rate_limiter.hpp"

#include <algorithm>
#include <chrono>

namespace tawasul::app {

RateLimiter::RateLimiter(double rate_per_second, double burst)
    : rate_(rate_per_second), burst_(burst) {}

void RateLimiter::SetRate(double rate_per_second, double burst) {
  std::lock_guard lock(mu_);
  rate_ = rate_per_second;
  burst_ = burst;
}

bool RateLimiter::Allow(const std::string& key, base::Time now) {
  std::lock_guard lock(mu_);
  // Forget buckets idle long enough to be full again, at most once a minute, so a scan of
  // many addresses cannot grow the map without bound.
  if (now - last_sweep_ > std::chrono::minutes(1)) {
    const double refill_seconds = rate_ > 0 ? burst_ / rate_ : 0;
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      const double idle =
          std::chrono::duration<double>(now - it->second.last).count();
      it = idle > refill_seconds ? buckets_.erase(it) : std::next(it);
    }
    last_sweep_ = now;
  }
  auto [it, inserted] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!inserted) {
    const double elapsed = std::chrono::duration<double>(now - b.last).count();
    if (elapsed > 0) b.tokens = std::min(burst_, b.tokens + elapsed * rate_);
    b.last = std::max(b.last, now);
  }
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

}  // namespace tawasul::app
