#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app/live/live_store.hpp"
#include "app/auth/principal.hpp"

namespace tawasul::http {

/// Where one live socket's messages go: the transport's side of a connection (server.cpp).
class LiveSink {
 public:
  virtual ~LiveSink() = default;
  /// Called on the feed's thread: queues and returns at once, never blocks.
  virtual void Send(std::shared_ptr<const std::string> message) = 0;
};

/// The ids taken so far from one id sequence (timeline events, contacts). On PostgreSQL, nodes
/// commit concurrently, so an id may become visible after a higher one was read: the ids
/// skipped over are kept as gaps for a while, read again, and taken when they show up.
class IdWindow {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  /// Gaps tracked at most; past this a burst's oldest holes are given up on.
  static constexpr std::size_t kMaxGaps = 4096;

  explicit IdWindow(std::int64_t start) : last_(start) {}
  /// The highest id taken.
  std::int64_t last() const { return last_; }
  /// Where a read must start ("id > ReadFrom()") to see the gaps too.
  std::int64_t ReadFrom() const;
  std::size_t gaps() const { return gaps_.size(); }
  /// True when `id` was not taken before (and takes it now).
  bool Take(std::int64_t id, TimePoint now);
  /// Gives up on gaps older than `wait`: their transaction rolled back (ids are never reused).
  void Expire(TimePoint now, std::chrono::steady_clock::duration wait);

 private:
  std::int64_t last_;
  std::map<std::int64_t, TimePoint> gaps_;
};

struct LiveFeedOptions {
  std::chrono::milliseconds interval{500};  ///< between two reads of the store
  int batch = 500;                          ///< rows per read of each sequence
  std::chrono::seconds gap_wait{10};        ///< how long a skipped id may still commit
  /// More messages than this for one socket from one read become a single {"type":"resync"}
  /// (a bulk change): the client refetches all the same, and a burst does not fill its queue.
  std::size_t max_messages_per_read = 64;
};

/// The change feed behind /api/v1/ws. One per process: while at least one socket is open, a
/// thread reads the timeline events and contacts committed since its last read (by any node
/// of the installation) and sends each socket the compact messages its user may see:
///   {"type":"case","id":N,"event":"<kind>","status":"<status>","unit_id":N|null}
///   {"type":"contact","channel":"<channel>"}      (one per channel per read)
///   {"type":"call","event":"ringing|answered|ended","contact_id":N}   (to the agents it names,
///                                                 or every agent; the pop is read over REST)
///   {"type":"resync"}                             (instead of too many of the above at once)
/// A new socket gets {"type":"ready"} once the feed reads for it; a client refetches then
/// (changes made before may have been missed) and on every message. Messages name no one:
/// the REST API, which enforces permissions, says the rest.
class LiveFeed {
 public:
  explicit LiveFeed(app::LiveStore& store, LiveFeedOptions options = {});
  ~LiveFeed();
  LiveFeed(const LiveFeed&) = delete;
  LiveFeed& operator=(const LiveFeed&) = delete;

  /// Starts sending to `sink` as `who`; the id is for Unsubscribe. 0 once stopped.
  std::uint64_t Subscribe(const app::Principal& who, std::shared_ptr<LiveSink> sink);
  void Unsubscribe(std::uint64_t id);
  /// Ends the thread; nothing is sent afterwards.
  void Stop();

  /// The visibility rule (CaseService's): unit staff hear only of requests referred to their
  /// unit now, and nothing of contacts.
  static bool Wants(const app::Principal& who, const app::CaseChange& c);
  static bool Wants(const app::Principal& who, const app::ContactChange& c);
  static bool Wants(const app::Principal& who, const app::CallChange& c);
  static std::string Message(const app::CaseChange& c);
  static std::string Message(const app::ContactChange& c);
  static std::string Message(const app::CallChange& c);
  /// Reads at once instead of at the next interval (a call event was written on this node).
  void Nudge();
  static std::string ReadyMessage();
  static std::string ResyncMessage();

 private:
  struct Subscriber {
    app::Principal who;
    std::shared_ptr<LiveSink> sink;
    bool ready = false;
  };

  void Run();
  /// One read of the store and the messages it makes. Runs on the thread, without mu_.
  void Poll();

  app::LiveStore& store_;
  LiveFeedOptions options_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::uint64_t, Subscriber> subscribers_;
  std::uint64_t next_id_ = 0;
  bool waiting_ = false;  ///< a subscriber waits for its first read, or a nudge came
  bool stop_ = false;
  std::thread thread_;
  // The thread's own: where the feed stands (unset while nobody listens).
  std::optional<IdWindow> events_;
  std::optional<IdWindow> contacts_;
  std::optional<IdWindow> calls_;
};

}  // namespace tawasul::http
