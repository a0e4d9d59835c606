// The transport's live session: /api/v1/ws upgraded to a WebSocket once the API admits it
// (Api::AdmitLive), subscribed to the live feed (http/live_feed), written from a bounded queue
// and read only for pongs and the close; cut off when its client falls too far behind.
#include "http/transport.hpp"

namespace tawasul::http::transport {

/// True when `target`'s path is the live socket's.
bool IsLiveTarget(std::string_view target) {
  return target.substr(0, target.find('?')) == Api::kLivePath;
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

}  // namespace tawasul::http::transport
