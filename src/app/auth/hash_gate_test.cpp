#include "app/auth/hash_gate.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "app/auth/rate_limiter.hpp"

namespace tawasul::app {
namespace {

TEST(HashGate, TurnsAwayWhoeverFindsSlotsAndQueueFull) {
  HashGate gate(1, 0);
  auto first = gate.Enter();
  ASSERT_TRUE(first.has_value());
  EXPECT_FALSE(gate.Enter().has_value()) << "one slot, no queue: the second is refused";
  first.reset();
  EXPECT_TRUE(gate.Enter().has_value()) << "the slot is free again";
}

TEST(HashGate, AQueuedCallerGetsTheSlotWhenItFrees) {
  HashGate gate(1, 1);
  auto held = gate.Enter();
  ASSERT_TRUE(held.has_value());
  std::atomic<bool> entered{false};
  std::thread waiter([&] {
    auto pass = gate.Enter();
    entered = pass.has_value();
  });
  while (gate.waiting() == 0) std::this_thread::yield();
  EXPECT_FALSE(gate.Enter().has_value()) << "the slot is held and the queue holds the waiter";
  EXPECT_FALSE(entered);
  held.reset();
  waiter.join();
  EXPECT_TRUE(entered);
}

TEST(ClientBucket, AnIpv6ClientCountsAsItsSlash64) {
  EXPECT_EQ(ClientBucket("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(ClientBucket("2001:db8:1:2::99"), ClientBucket("2001:db8:1:2:ffff::1"));
  EXPECT_NE(ClientBucket("2001:db8:1:2::1"), ClientBucket("2001:db8:1:3::1"));
  EXPECT_EQ(ClientBucket("[2001:db8:1:2::5]"), "2001:db8:1:2::/64");
  EXPECT_EQ(ClientBucket("192.0.2.7"), "192.0.2.7") << "IPv4 stays per address";
  EXPECT_EQ(ClientBucket("::ffff:192.0.2.7"), "::ffff:192.0.2.7");
  EXPECT_EQ(ClientBucket("not an address"), "not an address");
}

}  // namespace
}  // namespace tawasul::app
