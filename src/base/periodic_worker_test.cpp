#include "base/periodic_worker.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

namespace tawasul::base {
namespace {

using namespace std::chrono_literals;

/// Waits (bounded) until `done` holds; the loop runs on its own thread.
template <class F>
bool Eventually(F done) {
  for (int i = 0; i < 2000 && !done(); ++i) std::this_thread::sleep_for(1ms);
  return done();
}

TEST(PeriodicWorker, RunsRoundsUntilStoppedAndMayRestart) {
  std::atomic<int> rounds{0};
  PeriodicWorker w(1ms, [&] { ++rounds; return false; }, nullptr);
  EXPECT_FALSE(w.running());
  w.Start();
  w.Start();  // already running: no second thread
  EXPECT_TRUE(Eventually([&] { return rounds >= 3; }));
  w.Stop();
  EXPECT_FALSE(w.running());
  const int stopped_at = rounds;
  std::this_thread::sleep_for(10ms);
  EXPECT_EQ(rounds, stopped_at);
  w.Start();
  EXPECT_TRUE(Eventually([&] { return rounds > stopped_at; }));
}

TEST(PeriodicWorker, AThrowingRoundIsReportedAndTheLoopGoesOn) {
  std::atomic<int> rounds{0};
  std::vector<std::string> errors;
  std::mutex mu;
  PeriodicWorker w(
      1ms,
      [&]() -> bool {
        if (++rounds == 1) throw std::runtime_error("store down");
        return false;
      },
      [&](const std::string& e) {
        std::lock_guard lock(mu);
        errors.push_back(e);
      });
  w.Start();
  EXPECT_TRUE(Eventually([&] { return rounds >= 3; }));
  w.Stop();
  std::lock_guard lock(mu);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "store down");
}

TEST(PeriodicWorker, WakeCutsTheSleepShortAndMoreWorkSkipsIt) {
  std::atomic<int> rounds{0};
  std::atomic<bool> more{false};
  PeriodicWorker w(1h, [&] { ++rounds; return more.load(); }, nullptr);
  w.Start();
  EXPECT_TRUE(Eventually([&] { return rounds == 1; }));
  w.Wake();  // an hour's sleep ends now
  EXPECT_TRUE(Eventually([&] { return rounds == 2; }));
  more = true;  // rounds follow each other while work waits
  w.Wake();
  EXPECT_TRUE(Eventually([&] { return rounds >= 6; }));
  more = false;
  w.Stop();  // ends the hour's sleep too: no hang
}

}  // namespace
}  // namespace tawasul::base
