#pragma once

#include <mutex>
#include <string>
#include <unordered_map>

#include "base/time.hpp"

namespace tawasul::app {

/// The key a client address is limited by: the address itself, or for IPv6 its /64 (one
/// subscriber's prefix: every address in it is theirs to use).
std::string ClientBucket(const std::string& address);

/// A token bucket per key (a client address). Thread-safe; forgets idle keys.
class RateLimiter {
 public:
  RateLimiter(double rate_per_second, double burst);
  /// Takes one token for `key` at `now`; false when the bucket is empty.
  bool Allow(const std::string& key, base::Time now);
  void SetRate(double rate_per_second, double burst);

 private:
  struct Bucket {
    double tokens;
    base::Time last;
  };
  std::mutex mu_;
  double rate_;
  double burst_;
  std::unordered_map<std::string, Bucket> buckets_;
  base::Time last_sweep_{};
};

}  // namespace tawasul::app
