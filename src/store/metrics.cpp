#include "store/metrics.hpp"

#include <cstdio>

namespace tawasul::store {
namespace {

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

template <std::size_t N>
void AppendHistogram(std::string& out, const std::string& name, const std::string& label,
                     const std::array<double, N>& bounds,
                     const std::array<std::uint64_t, N>& buckets, std::uint64_t count, double sum) {
  out += "# TYPE " + name + " histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < N; ++i) {
    cumulative += buckets[i];
    out += name + "_bucket{" + label + ",le=\"" + Number(bounds[i]) + "\"} " +
           std::to_string(cumulative) + "\n";
  }
  out += name + "_bucket{" + label + ",le=\"+Inf\"} " + std::to_string(count) + "\n";
  out += name + "_sum{" + label + "} " + Number(sum) + "\n";
  out += name + "_count{" + label + "} " + std::to_string(count) + "\n";
}

}  // namespace

void StoreMetrics::RecordCommit(std::size_t jobs, std::size_t failed,
                                std::chrono::nanoseconds took) {
  const double seconds = std::chrono::duration<double>(took).count();
  std::lock_guard lock(mu_);
  ++commits_;
  jobs_ += jobs;
  failed_jobs_ += failed;
  commit_seconds_sum_ += seconds;
  for (std::size_t i = 0; i < kSecondsBounds.size(); ++i) {
    if (seconds <= kSecondsBounds[i]) {
      ++commit_buckets_[i];
      break;
    }
  }
  for (std::size_t i = 0; i < kBatchBounds.size(); ++i) {
    if (static_cast<double>(jobs) <= kBatchBounds[i]) {
      ++batch_buckets_[i];
      break;
    }
  }
}

void StoreMetrics::RecordAbortedBatch(std::size_t jobs) {
  std::lock_guard lock(mu_);
  ++aborted_batches_;
  failed_jobs_ += jobs;
}

void StoreMetrics::RecordRead(std::chrono::nanoseconds took) {
  reads_.fetch_add(1, std::memory_order_relaxed);
  read_nanos_.fetch_add(static_cast<std::uint64_t>(took.count()), std::memory_order_relaxed);
}

void StoreMetrics::Append(std::string& out) const {
  const std::string label = "engine=\"" + std::string(EngineName(engine_)) + "\"";
  std::lock_guard lock(mu_);
  out += "# HELP tawasul_store_commits_total Transactions committed by the group-commit writer.\n";
  out += "# TYPE tawasul_store_commits_total counter\n";
  out += "tawasul_store_commits_total{" + label + "} " + std::to_string(commits_) + "\n";
  out += "# HELP tawasul_store_commit_jobs_total Write jobs run in committed transactions.\n";
  out += "# TYPE tawasul_store_commit_jobs_total counter\n";
  out += "tawasul_store_commit_jobs_total{" + label + "} " + std::to_string(jobs_) + "\n";
  out += "# HELP tawasul_store_failed_jobs_total Write jobs rolled back (conflicts, faults).\n";
  out += "# TYPE tawasul_store_failed_jobs_total counter\n";
  out += "tawasul_store_failed_jobs_total{" + label + "} " + std::to_string(failed_jobs_) + "\n";
  out += "# HELP tawasul_store_aborted_batches_total Batches whose transaction failed.\n";
  out += "# TYPE tawasul_store_aborted_batches_total counter\n";
  out += "tawasul_store_aborted_batches_total{" + label + "} " + std::to_string(aborted_batches_) +
         "\n";
  out += "# HELP tawasul_store_commit_seconds Time from BEGIN to durable COMMIT of one batch.\n";
  AppendHistogram(out, "tawasul_store_commit_seconds", label, kSecondsBounds, commit_buckets_,
                  commits_, commit_seconds_sum_);
  out += "# HELP tawasul_store_commit_batch_jobs Write jobs per committed transaction.\n";
  AppendHistogram(out, "tawasul_store_commit_batch_jobs", label, kBatchBounds, batch_buckets_,
                  commits_, static_cast<double>(jobs_));
  out += "# HELP tawasul_store_read_seconds Time spent in read queries.\n";
  out += "# TYPE tawasul_store_read_seconds summary\n";
  out += "tawasul_store_read_seconds_sum{" + label + "} " +
         Number(static_cast<double>(read_nanos_.load(std::memory_order_relaxed)) / 1e9) + "\n";
  out += "tawasul_store_read_seconds_count{" + label + "} " +
         std::to_string(reads_.load(std::memory_order_relaxed)) + "\n";
}

}  // namespace tawasul::store
