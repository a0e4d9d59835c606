#include "app/auth/rate_limiter.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <chrono>

namespace tawasul::app {

std::string ClientBucket(const std::string& address) {
  // "[2001:db8::1]:443", "2001:db8::1%eth0" and "::ffff:192.0.2.1" are accepted as written.
  std::string host = address;
  if (!host.empty() && host.front() == '[') host = host.substr(1, host.find(']') - 1);
  host = host.substr(0, host.find('%'));
  in6_addr v6{};
  if (host.find(':') == std::string::npos || inet_pton(AF_INET6, host.c_str(), &v6) != 1) {
    return address;
  }
  static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::equal(kMapped, kMapped + 12, v6.s6_addr)) return address;  // an IPv4 client
  std::fill(v6.s6_addr + 8, v6.s6_addr + 16, 0);
  char text[INET6_ADDRSTRLEN] = {};
  if (inet_ntop(AF_INET6, &v6, text, sizeof text) == nullptr) return address;
  return std::string(text) + "/64";
}

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
