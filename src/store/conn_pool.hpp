#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "store/db.hpp"

namespace tawasul::store {

/// Connections for reads, opened lazily up to `max_size`; callers wait when all are busy.
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
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Conn>> idle_;
  std::size_t open_ = 0;
};

}  // namespace tawasul::store
