// The transport's listener: binds the address, accepts connections and hands each to an HTTP
// session (http_session.cpp), runs the I/O threads and the worker pool, and stops gracefully on
// SIGINT/SIGTERM: no new connections, idle ones cut, requests in flight finished, live sockets
// closed (live_session.cpp). The only parts that include Beast and Asio are these three files
// and http/transport.hpp.
#include "http/transport.hpp"

namespace tawasul::http {

namespace transport {

namespace {

LiveFeedOptions FeedOptions(const ServerOptions& options) {
  LiveFeedOptions o;
  o.interval = std::chrono::milliseconds(options.live_poll_ms);
  return o;
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

}  // namespace

Server::Server(const ServerOptions& options, Services& services)
    : options_(options),
      api_(services, options),
      ioc_(std::max(1, options.io_threads)),
      pool_(static_cast<std::size_t>(std::max(1, options.worker_threads))),
      strand_(asio::make_strand(ioc_)),
      acceptor_(strand_),
      signals_(strand_, SIGINT, SIGTERM),
      feed_(services.live, FeedOptions(options)) {
  // A call event written here reaches the consoles at once, not at the next poll.
  api_.OnCallChange([this] { feed_.Nudge(); });
}

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
    asio::co_spawn(ex, HttpSession(std::move(socket)), asio::detached);
  }
}

}  // namespace transport

int RunServer(const ServerOptions& options, Services& services) {
  transport::Server server(options, services);
  return server.Run();
}

}  // namespace tawasul::http
