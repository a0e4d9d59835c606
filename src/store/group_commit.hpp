#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "store/db.hpp"
#include "store/metrics.hpp"

namespace tawasul::store {

/// The single writer. A thread owns the write connection; callers submit a job and block.
/// The thread takes every queued job (up to `max_batch`), runs them in ONE transaction, each
/// inside its own SAVEPOINT, then COMMITs (one fsync for the batch) and only then wakes the
/// callers. A job that throws or returns false is rolled back to its savepoint alone; the
/// others still commit.
class GroupCommitter {
 public:
  /// Runs inside the batch transaction; returns false to undo its own writes (an expected
  /// failure such as a conflict). May run more than once if its batch must be retried, so it
  /// must only write through `conn` and its captured output.
  using Job = std::function<bool(Conn&)>;

  GroupCommitter(std::unique_ptr<Conn> conn, StoreMetrics& metrics, std::size_t max_batch = 256);
  /// Finishes every queued job, then stops the thread.
  ~GroupCommitter();
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  /// Blocks until the job's transaction is durable; rethrows the job's exception, or the
  /// commit's when the batch could not commit.
  void Run(const Job& job);
  /// Retries of a job alone after a deadlock or serialization failure (see RunBatch).
  static constexpr int kMaxRetries = 5;

  /// Jobs waiting for the writer (not counting the batch it is running).
  std::size_t Queued();

 private:
  struct Pending {
    const Job* job;
    std::exception_ptr error;
    bool wrote = false;  ///< its writes were kept in the batch transaction
    bool done = false;
  };

  void Loop();
  /// Runs `batch` in one transaction; fills each Pending's error.
  /// A job that meets a deadlock or serialization failure (another node's transaction held
  /// what it needed) makes the batch run again one job at a time; a job alone is retried up to
  /// kMaxRetries times (`attempt` counts them) before its caller gets the error.
  void RunBatch(const std::vector<Pending*>& batch, int attempt = 0);

  std::unique_ptr<Conn> conn_;
  StoreMetrics& metrics_;
  const std::size_t max_batch_;
  std::mutex mu_;
  std::condition_variable work_cv_;
  std::condition_variable done_cv_;
  std::deque<Pending*> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tawasul::store
