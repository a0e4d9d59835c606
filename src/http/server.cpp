// The transport: the only file that includes Beast and Asio. It accepts connections, reads
// requests with every limit in one place, runs the (blocking) API on a worker pool, writes the
// responses, and stops gracefully on SIGINT/SIGTERM. It also carries the live sockets of
// /api/v1/ws (Beast WebSocket): the API admits them, http/live_feed fills them.
// clang-format off
#include <utility>  // first, before Asio: a Boost 1.74 header misses it under g++ 12
// clang-format on

#include "http/server.hpp"

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

namespace tawasul::http {

namespace {

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

LiveFeedOptions FeedOptions(const ServerOptions& options) {
  LiveFeedOptions o;
  o.interval = std::chrono::milliseconds(options.live_poll_ms);
  return o;
}

/// True when `target`'s path is the live socket's.
bool IsLiveTarget(std::string_view target) {
  return target.substr(0, target.find('?')) == Api::kLivePath;
}

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

std::string_view Sv(beast::string_view s) { return {s.data(), s.size()}; }

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

/// The status for a request that could not be read, or 0 when the connection just ends
/// (closed, reset, timed out, cancelled) and nothing should be written.
int StatusForReadError(const error_code& ec) {
  if (ec == bhttp::error::header_limit) return 431;
  if (ec == bhttp::error::body_limit) return 413;
  if (ec == bhttp::error::buffer_overflow) return 431;
  if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) return 0;
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) return 400;
  return 0;
}

std::string DetailFor(int status) {
  switch (status) {
    case 413:
      return "The request body is larger than this route accepts";
    case 431:
      return "The request headers are too large";
    default:
      return "The request is not valid HTTP/1.1";
  }
}

/// The client as rate limits see it: the peer, or behind a trusted proxy the last
/// X-Forwarded-For entry (the one the proxy itself appended; earlier ones are client-supplied).
std::string ClientAddress(const std::string& peer, const Request& req, bool trust_forwarded_for) {
  if (trust_forwarded_for) {
    if (const std::string* xff = req.Header("X-Forwarded-For")) {
      std::string_view v = *xff;
      const std::size_t comma = v.rfind(',');
      if (comma != std::string_view::npos) v.remove_prefix(comma + 1);
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
      while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
      if (!v.empty()) return std::string(v);
    }
  }
  return peer;
}

Request ToRequest(bhttp::request<bhttp::string_body>&& msg) {
  Request req;
  req.method = std::string(msg.method_string());
  req.target = std::string(msg.target());
  for (const auto& field : msg) {
    std::string name(field.name_string());
    std::string value(field.value());
    auto [it, inserted] = req.headers.emplace(name, value);
    if (!inserted) it->second += (IEquals(name, "Cookie") ? "; " : ", ") + value;
  }
  req.body = std::move(msg.body());
  return req;
}

bhttp::response<bhttp::string_body> ToBeast(Response&& res, unsigned version, bool keep_alive,
                                            bool head) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
  out.set(bhttp::field::server, "tawasul");
  for (auto& [name, value] : res.headers) out.insert(name, value);
  if (res.status == 204 || res.status == 304 || res.status / 100 == 1) res.body.clear();
  out.body() = std::move(res.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  if (head) out.body().clear();  // HEAD: the headers of a GET, Content-Length included
  return out;
}

bool WritePortFile(const std::string& path, std::uint16_t port) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << port << "\n";
    if (!out.flush()) return false;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);  // atomic: readers never see a half-written file
  return !ec;
}

class Server {
 public:
  Server(const ServerOptions& options, Services& services)
      : options_(options),
        api_(services, options),
        ioc_(std::max(1, options.io_threads)),
        pool_(static_cast<std::size_t>(std::max(1, options.worker_threads))),
        strand_(asio::make_strand(ioc_)),
        acceptor_(strand_),
        signals_(strand_, SIGINT, SIGTERM),
        feed_(services.store, FeedOptions(options)) {}

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
  asio::awaitable<void> Session(tcp::socket socket);
  asio::awaitable<void> Session2(beast::tcp_stream& stream, Conn& conn, const std::string& peer);
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

bool Server::Listen() {
  error_code ec;
  tcp::endpoint endpoint;
  const auto address = asio::ip::make_address(options_.host, ec);
  if (!ec) {
    endpoint = tcp::endpoint(address, options_.port);
  } else {
    tcp::resolver resolver(ioc_);
    auto results = resolver.resolve(options_.host, std::to_string(options_.port), ec);
    if (ec || results.empty()) {
      spdlog::error("cannot resolve host {}: {}", options_.host, ec.message());
      return false;
    }
    endpoint = results.begin()->endpoint();
  }
  if (acceptor_.open(endpoint.protocol(), ec); ec) {
    spdlog::error("cannot open a socket: {}", ec.message());
    return false;
  }
  acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (acceptor_.bind(endpoint, ec); ec) {
    spdlog::error("cannot bind {}:{}: {}", options_.host, options_.port, ec.message());
    return false;
  }
  if (acceptor_.listen(asio::socket_base::max_listen_connections, ec); ec) {
    spdlog::error("cannot listen on {}:{}: {}", options_.host, options_.port, ec.message());
    return false;
  }
  const std::uint16_t port = acceptor_.local_endpoint(ec).port();
  if (!options_.port_file.empty() && !WritePortFile(options_.port_file, port)) {
    spdlog::error("cannot write the port file {}", options_.port_file);
    return false;
  }
  spdlog::info("listening on http://{}:{} ({} I/O threads, {} workers)", options_.host, port,
               std::max(1, options_.io_threads), std::max(1, options_.worker_threads));
  if (options_.on_listening) options_.on_listening(port);
  return true;
}

int Server::Run() {
  if (!Listen()) return 1;
  signals_.async_wait([this](const error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("signal {}: no new connections; finishing requests in flight", signal);
    Stop();
  });
  asio::co_spawn(strand_, Accept(), asio::detached);

  auto run = [this] {
    for (;;) {
      try {
        ioc_.run();
        return;
      } catch (const std::exception& e) {
        spdlog::error("I/O thread: {}", e.what());
      }
    }
  };
  std::vector<std::thread> threads;
  for (int i = 1; i < options_.io_threads; ++i) threads.emplace_back(run);
  run();
  for (auto& t : threads) t.join();
  feed_.Stop();
  pool_.join();
  spdlog::info("stopped");
  return 0;
}

void Server::Stop() {
  stopping_ = true;
  error_code ec;
  acceptor_.close(ec);
  std::lock_guard lock(conns_mu_);
  for (auto& [id, entry] : conns_) {
    asio::post(entry.first, [conn = entry.second] {
      // Only connections waiting for a new request are cut; busy ones finish their response
      // and then close because stopping_ is set.
      if (conn->stream != nullptr && conn->idle) conn->stream->cancel();
    });
  }
  std::lock_guard live_lock(live_mu_);
  for (auto& [id, weak] : lives_) {
    if (auto live = weak.lock()) {
      asio::post(live->ws.get_executor(), [live] { live->Shutdown(); });
    }
  }
}

asio::awaitable<void> Server::Accept() {
  for (;;) {
    tcp::socket socket(asio::make_strand(ioc_));
    error_code ec;
    co_await acceptor_.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (stopping_ || !acceptor_.is_open()) co_return;
    if (ec) {
      // E.g. out of file descriptors: wait a little instead of spinning.
      spdlog::warn("accept: {}", ec.message());
      asio::steady_timer timer(strand_, kAcceptRetryDelay);
      co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    auto ex = socket.get_executor();
    asio::co_spawn(ex, Session(std::move(socket)), asio::detached);
  }
}

asio::awaitable<void> Server::Session(tcp::socket socket) {
  auto conn = std::make_shared<Conn>();
  beast::tcp_stream stream(std::move(socket));
  conn->stream = &stream;
  Registration registration(*this, conn, stream.get_executor());
  error_code ec;
  const auto remote = stream.socket().remote_endpoint(ec);
  const std::string peer = ec ? std::string("unknown") : remote.address().to_string();
  try {
    co_await Session2(stream, *conn, peer);
  } catch (const std::exception& e) {
    spdlog::warn("connection from {}: {}", peer, e.what());
  }
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  stream.socket().close(ec);
}

asio::awaitable<void> Server::Session2(beast::tcp_stream& stream, Conn& conn,
                                       const std::string& peer) {
  const auto read_timeout = std::chrono::seconds(std::max(1, options_.read_timeout_seconds));
  // Holds at most one request's header (plus what arrived with it): requests are handled one
  // at a time, so pipelined requests wait in the socket, not in memory.
  beast::flat_buffer buffer(options_.header_limit + 64 * 1024);
  error_code ec;
  while (!stopping_) {
    bhttp::request_parser<bhttp::empty_body> header_parser;
    header_parser.header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(options_.header_limit, std::numeric_limits<std::uint32_t>::max())));
    // The real limit is applied below, once the route is known.
    header_parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    conn.idle = buffer.size() == 0;
    stream.expires_after(read_timeout);
    co_await bhttp::async_read_header(stream, buffer, header_parser,
                                      asio::redirect_error(asio::use_awaitable, ec));
    conn.idle = false;
    if (ec) {
      if (const int status = StatusForReadError(ec)) {
        co_await CloseWithError(stream, buffer, status, "-");
      }
      co_return;
    }

    const auto& header = header_parser.get();
    const std::string method(header.method_string());
    const std::size_t limit = api_.BodyLimit(method, Sv(header.target()));
    if (const auto length = header_parser.content_length(); length && *length > limit) {
      co_await CloseWithError(stream, buffer, 413, method);
      co_return;
    }
    bhttp::request_parser<bhttp::string_body> parser(std::move(header_parser));
    parser.body_limit(limit);
    if (!parser.is_done()) {
      if (auto expect = parser.get().find(bhttp::field::expect);
          expect != parser.get().end() && IEquals(Sv(expect->value()), "100-continue")) {
        bhttp::response<bhttp::empty_body> proceed{bhttp::status::continue_,
                                                   parser.get().version()};
        stream.expires_after(kWriteTimeout);
        co_await bhttp::async_write(stream, proceed, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return;
      }
      stream.expires_after(read_timeout);
      co_await bhttp::async_read(stream, buffer, parser,
                                 asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (const int status = StatusForReadError(ec)) {
          co_await CloseWithError(stream, buffer, status, method);
        }
        co_return;
      }
    }

    bhttp::request<bhttp::string_body> msg = parser.release();
    if (websocket::is_upgrade(msg) && IsLiveTarget(Sv(msg.target()))) {
      co_await Live(stream, std::move(msg), peer);
      co_return;
    }
    const unsigned version = msg.version();
    const bool keep_alive = msg.keep_alive();
    Request req = ToRequest(std::move(msg));
    req.client = ClientAddress(peer, req, options_.trust_forwarded_for);
    req.peer = peer;

    stream.expires_never();  // the handler may take its time; no I/O is pending meanwhile
    Response res = co_await RunOnPool(
        pool_, [this, &req] { return api_.Handle(req); }, asio::use_awaitable);

    const bool close = !keep_alive || res.close || stopping_;
    auto out = ToBeast(std::move(res), version, !close, method == "HEAD");
    stream.expires_after(kWriteTimeout);
    co_await bhttp::async_write(stream, out, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || close) co_return;
  }
}

asio::awaitable<void> Server::CloseWithError(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                             int status, const std::string& method) {
  api_.RecordTransportError(method, status);
  Response res = Problem(status, DetailFor(status));
  res.Set("X-Content-Type-Options", "nosniff");
  res.Set("Cache-Control", "no-store");
  auto out = ToBeast(std::move(res), 11, false, false);
  error_code ec;
  stream.expires_after(kWriteTimeout);
  co_await bhttp::async_write(stream, out, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return;
  // Lingering close: stop sending, then swallow what the client is still sending for a moment,
  // so its unread upload does not turn our response into a connection reset.
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  buffer.clear();
  std::size_t drained = 0;
  stream.expires_after(kLingerTimeout);
  while (!ec && drained < options_.body_limit) {
    const std::size_t n = co_await stream.async_read_some(
        buffer.prepare(64 * 1024), asio::redirect_error(asio::use_awaitable, ec));
    drained += n;
    buffer.clear();
  }
}

asio::awaitable<void> Server::Live(beast::tcp_stream& stream,
                                  bhttp::request<bhttp::string_body> msg,
                                  const std::string& peer) {
  Request req = ToRequest(bhttp::request<bhttp::string_body>(msg));
  req.client = ClientAddress(peer, req, options_.trust_forwarded_for);
  req.peer = peer;
  std::optional<app::Principal> who;
  stream.expires_never();
  // The coroutine waits while the pool authenticates, so `who` is not shared meanwhile.
  Response refusal = co_await RunOnPool(
      pool_,
      [this, &req, &who] {
        Api::LiveAdmission a = api_.AdmitLive(req);
        who = std::move(a.who);
        return std::move(a.refusal);
      },
      asio::use_awaitable);
  error_code ec;
  if (!who || stopping_) {
    if (who) refusal = Problem(503, "The server is shutting down");
    auto out = ToBeast(std::move(refusal), msg.version(), false, false);
    stream.expires_after(kWriteTimeout);
    co_await bhttp::async_write(stream, out, asio::redirect_error(asio::use_awaitable, ec));
    co_return;
  }

  auto conn = std::make_shared<LiveConnection>(
      std::move(stream), static_cast<std::size_t>(std::max(1, options_.live_queue_limit)));
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = kLiveHandshakeTimeout;  // also bounds the closing handshake
  timeouts.idle_timeout = kLiveIdleTimeout;
  timeouts.keep_alive_pings = true;  // ping when idle for half of it; no pong: closed
  conn->ws.set_option(timeouts);
  conn->ws.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(bhttp::field::server, "tawasul"); }));
  conn->ws.read_message_max(kLiveReadLimit);
  conn->ws.text(true);
  co_await conn->ws.async_accept(msg, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return;
  beast::get_lowest_layer(conn->ws).socket().set_option(
      asio::socket_base::send_buffer_size(kLiveSendBuffer), ec);

  std::uint64_t live_id = 0;
  {
    std::lock_guard lock(live_mu_);
    live_id = ++next_live_id_;
    lives_.emplace(live_id, conn);
  }
  if (stopping_) conn->Shutdown();  // Stop() ran before this socket was listed
  const std::uint64_t subscription = feed_.Subscribe(*who, conn);
  asio::co_spawn(conn->ws.get_executor(), LiveRead(conn), asio::detached);
  co_await LiveWrite(conn);
  feed_.Unsubscribe(subscription);
  if (conn->overflowed) {
    spdlog::warn("live socket of {} cut off: it fell {} messages behind", peer,
                 options_.live_queue_limit);
  }
  // The reader ends with the close handshake (or the cut); wait for it before leaving.
  while (conn->reading) {
    conn->wake.expires_at(asio::steady_timer::time_point::max());
    co_await conn->wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  std::lock_guard lock(live_mu_);
  lives_.erase(live_id);
}

asio::awaitable<void> Server::LiveWrite(std::shared_ptr<LiveConnection> conn) {
  error_code ec;
  for (;;) {
    while (!conn->queue.empty() && !conn->closing) {
      auto message = std::move(conn->queue.front());
      conn->queue.pop_front();
      conn->writing = true;
      co_await conn->ws.async_write(asio::buffer(*message),
                                    asio::redirect_error(asio::use_awaitable, ec));
      conn->writing = false;
      if (ec) {
        beast::get_lowest_layer(conn->ws).close();  // ends the reader too
        co_return;
      }
    }
    if (!conn->reading) co_return;  // the client closed, or the socket failed
    if (conn->closing) {
      if (!conn->overflowed) {
        co_await conn->ws.async_close(websocket::close_code::going_away,
                                      asio::redirect_error(asio::use_awaitable, ec));
      }
      if (ec || conn->overflowed) beast::get_lowest_layer(conn->ws).close();
      co_return;
    }
    conn->wake.expires_at(asio::steady_timer::time_point::max());
    co_await conn->wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

asio::awaitable<void> Server::LiveRead(std::shared_ptr<LiveConnection> conn) {
  beast::flat_buffer buffer;
  error_code ec;
  for (;;) {
    co_await conn->ws.async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    buffer.consume(buffer.size());
  }
  conn->reading = false;
  conn->wake.cancel();
}

}  // namespace

int RunServer(const ServerOptions& options, Services& services) {
  Server server(options, services);
  return server.Run();
}

}  // namespace tawasul::http
