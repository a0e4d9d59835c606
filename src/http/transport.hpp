// The transport's inside, shared by its three parts: the listener (server.cpp), the HTTP
// session (http_session.cpp) and the live WebSocket session (live_session.cpp). Only these files
// include it: Beast and Asio stay inside http/ and out of every other translation unit.
#pragma once

// clang-format off
#include <utility>  // first, before Asio: a Boost 1.74 header misses it under g++ 12
// clang-format on

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <csignal>
#include <cstdint>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http/api.hpp"
#include "http/live_feed.hpp"
#include "http/problem.hpp"
#include "http/server.hpp"

namespace tawasul::http::transport {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using boost::system::error_code;

constexpr auto kWriteTimeout = std::chrono::seconds(30);
/// After an error response the connection is closed; unread request bytes are drained for at
/// most this long first, so the client reads the response instead of a reset.
constexpr auto kLingerTimeout = std::chrono::seconds(2);
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};
/// A silent live socket is pinged after half of this and closed after all of it.
constexpr auto kLiveIdleTimeout = std::chrono::seconds(60);
constexpr auto kLiveHandshakeTimeout = std::chrono::seconds(10);
constexpr std::size_t kLiveReadLimit = 4096;  ///< clients send nothing we act on
/// The kernel's send buffer of a live socket, fixed (no autotuning): messages are tiny, and a
/// client that stops reading should reach its queue limit after kilobytes, not megabytes.
constexpr int kLiveSendBuffer = 16 * 1024;

/// One live socket. The feed's thread hands it messages (Send); everything else happens on the
/// socket's strand: a coroutine writes the queue, another reads (pongs, the close).
class LiveConnection final : public LiveSink,
                             public std::enable_shared_from_this<LiveConnection> {
 public:
  LiveConnection(beast::tcp_stream&& stream, std::size_t queue_limit)
      : ws(std::move(stream)), wake(ws.get_executor()), queue_limit_(queue_limit) {}

  void Send(std::shared_ptr<const std::string> message) override {
    asio::post(ws.get_executor(), [self = shared_from_this(), m = std::move(message)]() mutable {
      self->Enqueue(std::move(m));
    });
  }

  /// On the strand: a graceful close (server shutdown). A write stuck on a client that does
  /// not read cannot be followed by a close frame, so that socket is cut.
  void Shutdown() {
    closing = true;
    if (writing) beast::get_lowest_layer(ws).close();
    wake.cancel();
  }

  websocket::stream<beast::tcp_stream> ws;
  asio::steady_timer wake;  ///< the writer sleeps on it; cancel() wakes it
  std::deque<std::shared_ptr<const std::string>> queue;
  bool closing = false;     ///< stop writing and close
  bool overflowed = false;  ///< the client fell queue_limit_ messages behind
  bool writing = false;
  bool reading = true;      ///< the reader coroutine still runs

 private:
  void Enqueue(std::shared_ptr<const std::string> m) {
    if (closing) return;
    if (queue.size() >= queue_limit_) {
      overflowed = true;
      closing = true;
      beast::get_lowest_layer(ws).close();  // fails the stuck write and the read at once
      wake.cancel();
      return;
    }
    queue.push_back(std::move(m));
    wake.cancel();
  }

  /// Messages waiting for a client that does not read are bounded (ServerOptions::
  /// live_queue_limit); past this the client is cut off (it reconnects and refetches) rather
  /// than growing the server's memory.
  const std::size_t queue_limit_;
};

/// Runs `fn` (blocking) on `pool` and completes on the caller's executor with its Response.
template <class Fn, class Token>
auto RunOnPool(asio::thread_pool& pool, Fn fn, Token&& token) {
  return asio::async_initiate<Token, void(Response)>(
      [&pool](auto handler, Fn f) {
        // Keeps the caller's io_context running while the work is away on the pool.
        auto home = asio::prefer(asio::get_associated_executor(handler),
                                 asio::execution::outstanding_work.tracked);
        asio::post(pool, [handler = std::move(handler), f = std::move(f),
                          home = std::move(home)]() mutable {
          Response res;
          try {
            res = f();
          } catch (const std::exception& e) {
            spdlog::error("request handler threw: {}", e.what());
            res = Problem(500, "An internal error occurred; it has been logged");
          } catch (...) {
            spdlog::error("request handler threw a non-standard exception");
            res = Problem(500, "An internal error occurred; it has been logged");
          }
          asio::dispatch(home, [handler = std::move(handler), res = std::move(res)]() mutable {
            std::move(handler)(std::move(res));
          });
        });
      },
      token, std::move(fn));
}

/// The path of a target, compared with the live socket's.
bool IsLiveTarget(std::string_view target);
inline std::string_view Sv(beast::string_view s) { return {s.data(), s.size()}; }
/// ASCII case-insensitive equality (header names and tokens).
bool IEquals(std::string_view a, std::string_view b);
/// The client as rate limits see it: the peer, or behind a trusted proxy the last
/// X-Forwarded-For entry (the one the proxy itself appended; earlier ones are client-supplied).
std::string ClientAddress(const std::string& peer, const Request& req, bool trust_forwarded_for);
/// A Beast request as the API reads it (repeated headers joined).
Request ToRequest(bhttp::request<bhttp::string_body>&& msg);
/// The API's response as Beast writes it; `head`: the headers of a GET without its body.
bhttp::response<bhttp::string_body> ToBeast(Response&& res, unsigned version, bool keep_alive,
                                            bool head);

class Server {
 public:
  Server(const ServerOptions& options, Services& services);

  int Run();

 private:
  /// Per-connection state the stopper needs; touched only on the connection's strand.
  struct Conn {
    beast::tcp_stream* stream = nullptr;
    bool idle = false;  ///< waiting for the next request with nothing buffered
  };

  /// Registers a live connection and forgets it when the session ends.
  class Registration {
   public:
    Registration(Server& s, std::shared_ptr<Conn> conn, asio::any_io_executor ex)
        : s_(s), conn_(std::move(conn)) {
      std::lock_guard lock(s_.conns_mu_);
      id_ = ++s_.next_conn_id_;
      s_.conns_.emplace(id_, std::make_pair(std::move(ex), conn_));
    }
    ~Registration() {
      conn_->stream = nullptr;
      std::lock_guard lock(s_.conns_mu_);
      s_.conns_.erase(id_);
    }
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;

   private:
    Server& s_;
    std::shared_ptr<Conn> conn_;
    std::uint64_t id_ = 0;
  };

  bool Listen();
  void Stop();
  asio::awaitable<void> Accept();
  /// One accepted connection (http_session.cpp): registered for Stop(), closed at the end.
  asio::awaitable<void> HttpSession(tcp::socket socket);
  /// Its requests, one at a time, until the client or the server ends it (or it upgrades to
  /// a live socket).
  asio::awaitable<void> ServeRequests(beast::tcp_stream& stream, Conn& conn,
                                      const std::string& peer);
  asio::awaitable<void> CloseWithError(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                       int status, const std::string& method);
  /// An upgrade of /api/v1/ws: admitted by the API, then a live socket until either side
  /// closes it or the server stops.
  asio::awaitable<void> Live(beast::tcp_stream& stream, bhttp::request<bhttp::string_body> msg,
                             const std::string& peer);
  asio::awaitable<void> LiveWrite(std::shared_ptr<LiveConnection> conn);
  static asio::awaitable<void> LiveRead(std::shared_ptr<LiveConnection> conn);

  ServerOptions options_;
  Api api_;
  asio::io_context ioc_;
  asio::thread_pool pool_;
  asio::strand<asio::io_context::executor_type> strand_;  ///< acceptor and signals
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  std::atomic<bool> stopping_{false};
  std::mutex conns_mu_;
  std::uint64_t next_conn_id_ = 0;
  std::unordered_map<std::uint64_t, std::pair<asio::any_io_executor, std::shared_ptr<Conn>>> conns_;
  LiveFeed feed_;
  std::mutex live_mu_;
  std::uint64_t next_live_id_ = 0;
  std::map<std::uint64_t, std::weak_ptr<LiveConnection>> lives_;  ///< for Stop()
};

}  // namespace tawasul::http::transport
