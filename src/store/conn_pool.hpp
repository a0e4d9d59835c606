#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "store/db.hpp"

namespace tawasul::store {

/// Connections for reads, opened lazily up to `max_size`; callers wait when all are busy, and
/// are served first come, first served, so no reader starves under load (a plain condition
/// variable lets late arrivals overtake and gave p99s of seconds at 64 workers on 16 connections).
class ConnPool {
 public:
  using Factory = std::function<std::unique_ptr<Conn>()>;

  ConnPool(Factory factory, std::size_t max_size);

  /// A borrowed connection, returned to the pool on destruction (dropped when unhealthy).
  class Lease {
   public:
    Lease(ConnPool& pool, std::unique_ptr<Conn> conn) : pool_(&pool), conn_(std::move(conn)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Conn& operator*() const { return *conn_; }
    Conn* operator->() const { return conn_.get(); }

   private:
    ConnPool* pool_;
    std::unique_ptr<Conn> conn_;
  };

  Lease Acquire();

 private:
  void Return(std::unique_ptr<Conn> conn);

  Factory factory_;
  const std::size_t max_size_;
  bool Available() const { return !idle_.empty() || open_ < max_size_; }

  std::mutex mu_;
  std::deque<std::condition_variable*> waiters_;  ///< front is served next
  std::vector<std::unique_ptr<Conn>> idle_;
  std::size_t open_ = 0;
};

}  // namespace tawasul::store
