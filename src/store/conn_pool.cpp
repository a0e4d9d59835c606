#include "store/conn_pool.hpp"

namespace tawasul::store {

ConnPool::ConnPool(Factory factory, std::size_t max_size)
    : factory_(std::move(factory)), max_size_(max_size == 0 ? 1 : max_size) {}

ConnPool::Lease::~Lease() {
  if (conn_) pool_->Return(std::move(conn_));
}

ConnPool::Lease ConnPool::Acquire() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !idle_.empty() || open_ < max_size_; });
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(conn));
  }
  ++open_;
  lock.unlock();
  try {
    return Lease(*this, factory_());
  } catch (...) {
    lock.lock();
    --open_;
    cv_.notify_one();
    throw;
  }
}

void ConnPool::Return(std::unique_ptr<Conn> conn) {
  {
    std::lock_guard lock(mu_);
    if (conn->Healthy()) {
      idle_.push_back(std::move(conn));
    } else {
      --open_;  // a lost connection is dropped; the next Acquire opens a fresh one
    }
  }
  cv_.notify_one();
}

}  // namespace tawasul::store
