// The change feed: one polling thread per process, asleep while no socket is open. Polling the
// store (rather than notifying within the process) is what lets every node of an installation
// hear of every change, whichever node made it.
#include "http/live_feed.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <utility>
#include <vector>

#include "domain/permissions.hpp"

#include "http/json_mapping.hpp"

namespace tawasul::http {

std::int64_t IdWindow::ReadFrom() const {
  if (gaps_.empty()) return last_;
  return std::min(last_, gaps_.begin()->first - 1);
}

bool IdWindow::Take(std::int64_t id, TimePoint now) {
  if (id > last_) {
    // Ids between the last one and this one may still commit (or have rolled back).
    const std::int64_t first_gap =
        std::max(last_ + 1, id - static_cast<std::int64_t>(kMaxGaps));
    for (std::int64_t g = first_gap; g < id; ++g) gaps_.emplace(g, now);
    while (gaps_.size() > kMaxGaps) gaps_.erase(gaps_.begin());
    last_ = id;
    return true;
  }
  return gaps_.erase(id) > 0;
}

void IdWindow::Expire(TimePoint now, std::chrono::steady_clock::duration wait) {
  std::erase_if(gaps_, [&](const auto& g) { return now - g.second > wait; });
}

LiveFeed::LiveFeed(app::LiveStore& store, LiveFeedOptions options)
    : store_(store), options_(options) {}

LiveFeed::~LiveFeed() { Stop(); }

std::uint64_t LiveFeed::Subscribe(const app::Principal& who, std::shared_ptr<LiveSink> sink) {
  std::lock_guard lock(mu_);
  if (stop_) return 0;
  const std::uint64_t id = ++next_id_;
  subscribers_.emplace(id, Subscriber{who, std::move(sink), false});
  waiting_ = true;
  if (!thread_.joinable()) thread_ = std::thread([this] { Run(); });
  cv_.notify_all();
  return id;
}

void LiveFeed::Unsubscribe(std::uint64_t id) {
  std::lock_guard lock(mu_);
  subscribers_.erase(id);
}

void LiveFeed::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
    subscribers_.clear();
    cv_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
}

bool LiveFeed::Wants(const app::Principal& who, const app::CaseChange& c) {
  return app::MaySeeCase(who, c.unit_id);
}

bool LiveFeed::Wants(const app::Principal& who, const app::ContactChange&) {
  return who.user.role != domain::Role::kUnitStaff;
}

std::string LiveFeed::Message(const app::CaseChange& c) {
  return Json{{"type", "case"},
              {"id", c.case_id.value},
              {"event", c.event},
              {"status", std::string(domain::ToString(c.status))},
              {"unit_id", c.unit_id ? Json(c.unit_id->value) : Json(nullptr)}}
      .dump();
}

std::string LiveFeed::Message(const app::ContactChange& c) {
  return Json{{"type", "contact"}, {"channel", std::string(domain::ToString(c.channel))}}.dump();
}

bool LiveFeed::Wants(const app::Principal& who, const app::CallChange& c) {
  if (!domain::Allows(who.user.role, domain::Permission::kTakeCalls)) return false;
  if (c.users.empty()) return true;
  return std::find(c.users.begin(), c.users.end(), who.user.id) != c.users.end();
}

std::string LiveFeed::Message(const app::CallChange& c) {
  return Json{{"type", "call"}, {"event", c.kind}, {"contact_id", c.contact_id.value}}.dump();
}

void LiveFeed::Nudge() {
  std::lock_guard lock(mu_);
  waiting_ = true;
  cv_.notify_all();
}

std::string LiveFeed::ReadyMessage() { return R"({"type":"ready"})"; }

std::string LiveFeed::ResyncMessage() { return R"({"type":"resync"})"; }

void LiveFeed::Run() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    if (subscribers_.empty()) {
      // Nobody listens: forget the position, so the next listener starts from now.
      events_.reset();
      contacts_.reset();
      calls_.reset();
      cv_.wait(lock, [this] { return stop_ || !subscribers_.empty(); });
      continue;
    }
    waiting_ = false;
    lock.unlock();
    try {
      Poll();
    } catch (const std::exception& e) {
      // The store is unreachable for now: the sockets stay open and the next read catches up.
      spdlog::warn("live feed: reading changes failed: {}", e.what());
    }
    lock.lock();
    cv_.wait_for(lock, options_.interval, [this] { return stop_ || waiting_; });
  }
}

void LiveFeed::Poll() {
  // Who listens now; the ones not yet ready are told so after this read.
  std::vector<std::pair<std::uint64_t, Subscriber>> listeners;
  {
    std::lock_guard lock(mu_);
    listeners.assign(subscribers_.begin(), subscribers_.end());
  }
  if (!events_ || !contacts_ || !calls_) {
    const app::ChangeCursor now = store_.LatestChange();
    events_.emplace(now.event_id);
    contacts_.emplace(now.contact_id);
    calls_.emplace(now.call_id);
  }
  const auto now = std::chrono::steady_clock::now();
  events_->Expire(now, options_.gap_wait);
  contacts_->Expire(now, options_.gap_wait);
  calls_->Expire(now, options_.gap_wait);

  // New rows first (so a burst always makes progress), then the gaps, if any, read again.
  std::vector<app::Changes> reads;
  reads.push_back(store_.ChangesSince({events_->last(), contacts_->last(), calls_->last()},
                                      options_.batch));
  if (events_->gaps() > 0 || contacts_->gaps() > 0 || calls_->gaps() > 0) {
    reads.push_back(store_.ChangesSince(
        {events_->ReadFrom(), contacts_->ReadFrom(), calls_->ReadFrom()}, options_.batch));
  }
  // One message per request per read (an action writes several events at once), and one per
  // channel for contacts: a message only says "refetch".
  std::vector<app::CaseChange> cases;
  std::map<std::int64_t, std::size_t> case_index;
  std::vector<app::ContactChange> contacts;
  std::map<domain::Channel, bool> channels;
  std::vector<app::CallChange> calls;  // every one: each is a screen-pop or its end
  for (const app::Changes& read : reads) {
    for (const app::CallChange& c : read.calls) {
      if (calls_->Take(c.id, now)) calls.push_back(c);
    }
    for (const app::CaseChange& c : read.cases) {
      if (!events_->Take(c.event_id, now)) continue;
      if (case_index.emplace(c.case_id.value, cases.size()).second) cases.push_back(c);
    }
    for (const app::ContactChange& c : read.contacts) {
      if (contacts_->Take(c.contact_id, now) && channels.emplace(c.channel, true).second) {
        contacts.push_back(c);
      }
    }
  }

  std::vector<std::pair<const app::CaseChange*, std::shared_ptr<const std::string>>> case_msgs;
  for (const auto& c : cases) {
    case_msgs.emplace_back(&c, std::make_shared<const std::string>(Message(c)));
  }
  std::vector<std::pair<const app::ContactChange*, std::shared_ptr<const std::string>>>
      contact_msgs;
  for (const auto& c : contacts) {
    contact_msgs.emplace_back(&c, std::make_shared<const std::string>(Message(c)));
  }
  std::vector<std::pair<const app::CallChange*, std::shared_ptr<const std::string>>> call_msgs;
  for (const auto& c : calls) {
    call_msgs.emplace_back(&c, std::make_shared<const std::string>(Message(c)));
  }
  const auto ready = std::make_shared<const std::string>(ReadyMessage());
  const auto resync = std::make_shared<const std::string>(ResyncMessage());
  std::vector<std::uint64_t> made_ready;
  std::vector<std::shared_ptr<const std::string>> out;
  for (auto& [id, sub] : listeners) {
    if (!sub.ready) {
      sub.sink->Send(ready);
      made_ready.push_back(id);
      continue;
    }
    out.clear();
    for (const auto& [c, msg] : case_msgs) {
      if (Wants(sub.who, *c)) out.push_back(msg);
    }
    for (const auto& [c, msg] : contact_msgs) {
      if (Wants(sub.who, *c)) out.push_back(msg);
    }
    if (out.size() > options_.max_messages_per_read) {
      sub.sink->Send(resync);
      out.clear();
    }
    // Call notices are never folded into a resync: a missed screen-pop is a missed caller.
    for (const auto& [c, msg] : call_msgs) {
      if (Wants(sub.who, *c)) out.push_back(msg);
    }
    for (const auto& msg : out) sub.sink->Send(msg);
  }
  std::lock_guard lock(mu_);
  for (std::uint64_t id : made_ready) {
    if (auto it = subscribers_.find(id); it != subscribers_.end()) it->second.ready = true;
  }
}

}  // namespace tawasul::http
