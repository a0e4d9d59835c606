#include "store/group_commit.hpp"

#include <chrono>
#include <stdexcept>
#include <thread>

namespace tawasul::store {
namespace {
constexpr std::string_view kSavepoint = "job";

/// Best effort: the error that led here is the one worth reporting.
bool IsRetryable(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const DbError& db) {
    return db.kind() == DbError::Kind::kRetryable;
  } catch (...) {
    return false;
  }
}

void TryRollback(Conn& conn) {
  try {
    conn.Rollback();
  } catch (...) {  // NOLINT(bugprone-empty-catch)
  }
}
}  // namespace

GroupCommitter::GroupCommitter(std::unique_ptr<Conn> conn, StoreMetrics& metrics,
                               std::size_t max_batch)
    : conn_(std::move(conn)), metrics_(metrics), max_batch_(max_batch) {
  thread_ = std::thread([this] { Loop(); });
}

GroupCommitter::~GroupCommitter() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_cv_.notify_one();
  thread_.join();
}

void GroupCommitter::Run(const Job& job) {
  Pending pending{&job, nullptr, false, false};
  std::unique_lock lock(mu_);
  if (stopping_) throw std::logic_error("store: write after the store was closed");
  queue_.push_back(&pending);
  work_cv_.notify_one();
  done_cv_.wait(lock, [&] { return pending.done; });
  if (pending.error) std::rethrow_exception(pending.error);
}

std::size_t GroupCommitter::Queued() {
  std::lock_guard lock(mu_);
  return queue_.size();
}

void GroupCommitter::Loop() {
  std::vector<Pending*> batch;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      work_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to write
      // Everything that queued while the previous batch was fsyncing goes into this one.
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    RunBatch(batch);
    {
      std::lock_guard lock(mu_);
      for (Pending* p : batch) p->done = true;
    }
    done_cv_.notify_all();
    batch.clear();
  }
}

void GroupCommitter::RunBatch(const std::vector<Pending*>& batch, int attempt) {
  const auto started = std::chrono::steady_clock::now();
  try {
    conn_->Begin();
  } catch (...) {
    TryRollback(*conn_);
    for (Pending* p : batch) p->error = std::current_exception();
    metrics_.RecordAbortedBatch(batch.size());
    return;
  }

  std::size_t failed = 0;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    Pending* p = batch[i];
    try {
      conn_->Savepoint(kSavepoint);
      bool keep = false;
      try {
        keep = (*p->job)(*conn_);
      } catch (...) {
        p->error = std::current_exception();
        // Another node's transaction holds what this one needs: this whole transaction is the
        // one to give way; run the batch again, job by job (below).
        if (IsRetryable(p->error)) throw;
      }
      if (!keep) {
        ++failed;
        conn_->RollbackTo(kSavepoint);
      }
      conn_->Release(kSavepoint);
      p->wrote = keep;
    } catch (...) {
      // The savepoint machinery itself failed (e.g. the engine rolled the whole transaction
      // back): the batch's writes so far are gone. Retry every job alone so one bad job
      // cannot fail its neighbours.
      TryRollback(*conn_);
      if (batch.size() == 1) {
        if (!p->error) p->error = std::current_exception();
        if (IsRetryable(p->error) && attempt < kMaxRetries) {
          p->error = nullptr;
          p->wrote = false;
          std::this_thread::sleep_for(std::chrono::milliseconds(5 << attempt));
          RunBatch({p}, attempt + 1);
          return;
        }
        metrics_.RecordAbortedBatch(1);
        return;
      }
      metrics_.RecordAbortedBatch(0);
      for (Pending* q : batch) {
        q->error = nullptr;
        q->wrote = false;
        RunBatch({q});
      }
      return;
    }
  }

  try {
    conn_->Commit();
  } catch (...) {
    const auto error = std::current_exception();
    TryRollback(*conn_);
    if (IsRetryable(error)) {  // a serialization failure at commit: the same, job by job
      metrics_.RecordAbortedBatch(0);
      for (Pending* p : batch) {
        if (!p->wrote) continue;  // a job that undid itself keeps its own answer
        p->error = nullptr;
        p->wrote = false;
        if (attempt < kMaxRetries) {
          RunBatch({p}, attempt + 1);
        } else {
          p->error = error;
        }
      }
      return;
    }
    for (Pending* p : batch) {
      if (p->wrote) p->error = error;  // a job that undid itself keeps its own answer
    }
    metrics_.RecordAbortedBatch(batch.size());
    return;
  }
  metrics_.RecordCommit(batch.size(), failed, std::chrono::steady_clock::now() - started);
}

}  // namespace tawasul::store
