#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

#include "store/db.hpp"

namespace tawasul::store {

/// Counters the store exposes in Prometheus text format.
class StoreMetrics {
 public:
  explicit StoreMetrics(Engine engine) : engine_(engine) {}

  /// One committed transaction of `jobs` write jobs (`failed` of them rolled back alone).
  void RecordCommit(std::size_t jobs, std::size_t failed, std::chrono::nanoseconds took);
  /// A batch whose transaction could not commit.
  void RecordAbortedBatch(std::size_t jobs);
  void RecordRead(std::chrono::nanoseconds took);
  void Append(std::string& out) const;

 private:
  static constexpr std::array<double, 11> kSecondsBounds = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0};
  static constexpr std::array<double, 9> kBatchBounds = {1, 2, 4, 8, 16, 32, 64, 128, 256};

  Engine engine_;
  mutable std::mutex mu_;
  std::uint64_t commits_ = 0;
  std::uint64_t jobs_ = 0;
  std::uint64_t failed_jobs_ = 0;
  std::uint64_t aborted_batches_ = 0;
  std::array<std::uint64_t, kSecondsBounds.size()> commit_buckets_{};
  double commit_seconds_sum_ = 0;
  std::array<std::uint64_t, kBatchBounds.size()> batch_buckets_{};
  std::atomic<std::uint64_t> reads_{0};
  std::atomic<std::uint64_t> read_nanos_{0};
};

}  // namespace tawasul::store
