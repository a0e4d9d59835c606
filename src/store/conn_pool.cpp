#include "store/conn_pool.hpp"

namespace tawasul::store {

ConnPool::ConnPool(Factory factory, std::size_t max_size)
    : factory_(std::move(factory)), max_size_(max_size == 0 ? 1 : max_size) {}

ConnPool::Lease::~Lease() {
  if (conn_) pool_->Return(std::move(conn_));
}

ConnPool::Lease ConnPool::Acquire() {
  std::unique_lock lock(mu_);
  if (!waiters_.empty() || !Available()) {
    std::condition_variable cv;
    waiters_.push_back(&cv);
    cv.wait(lock, [&] { return waiters_.front() == &cv && Available(); });
    waiters_.pop_front();
    // Whoever is next may go too when more than one connection came free.
    if (!waiters_.empty() && Available()) waiters_.front()->notify_one();
  }
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
    if (!waiters_.empty()) waiters_.front()->notify_one();
    throw;
  }
}

void ConnPool::Return(std::unique_ptr<Conn> conn) {
  std::lock_guard lock(mu_);
  if (conn->Healthy()) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;  // a lost connection is dropped; the next Acquire opens a fresh one
  }
  if (!waiters_.empty()) waiters_.front()->notify_one();
}

}  // namespace tawasul::store
