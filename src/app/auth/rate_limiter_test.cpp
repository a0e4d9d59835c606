#include "app/auth/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace tawasul::app {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, AllowsTheBurstThenRefillsAtTheRate) {
  RateLimiter limiter(2.0, 3);
  base::Time t0 = base::FromMicros(1'000'000'000);
  EXPECT_TRUE(limiter.Allow("10.0.0.1", t0));
  EXPECT_TRUE(limiter.Allow("10.0.0.1", t0));
  EXPECT_TRUE(limiter.Allow("10.0.0.1", t0));
  EXPECT_FALSE(limiter.Allow("10.0.0.1", t0));
  EXPECT_TRUE(limiter.Allow("10.0.0.2", t0)) << "buckets are per client";
  EXPECT_TRUE(limiter.Allow("10.0.0.1", t0 + 500ms)) << "one token after half a second at 2/s";
  EXPECT_FALSE(limiter.Allow("10.0.0.1", t0 + 500ms));
}

TEST(RateLimiter, NeverHoldsMoreThanTheBurst) {
  RateLimiter limiter(1.0, 2);
  base::Time t0 = base::FromMicros(5'000'000);
  EXPECT_TRUE(limiter.Allow("a", t0));
  base::Time later = t0 + 1h;
  EXPECT_TRUE(limiter.Allow("a", later));
  EXPECT_TRUE(limiter.Allow("a", later));
  EXPECT_FALSE(limiter.Allow("a", later));
}

TEST(RateLimiter, ClockGoingBackwardsDoesNotMintTokens) {
  RateLimiter limiter(1.0, 1);
  base::Time t0 = base::FromMicros(50'000'000);
  EXPECT_TRUE(limiter.Allow("a", t0));
  EXPECT_FALSE(limiter.Allow("a", t0 - 10s));
  EXPECT_FALSE(limiter.Allow("a", t0));
}

}  // namespace
}  // namespace tawasul::app
