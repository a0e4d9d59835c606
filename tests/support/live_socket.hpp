#pragma once
// A blocking WebSocket client of /api/v1/ws for end-to-end tests (live updates, screen-pops).
#include <chrono>
#include <gtest/gtest.h>
#include <sys/socket.h>

// clang-format off
#include <utility>  // first, before Asio: a Boost 1.74 header misses it under g++ 12
// clang-format on
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tawasul::testing {

/// The feed's first message, once the socket listens.
inline bool IsReady(const nlohmann::json& m) { return m.value("type", "") == "ready"; }
/// A predicate for a call notice ("ringing", "answered", "ended").
inline auto CallMessage(const std::string& event) {
  return [event](const nlohmann::json& m) {
    return m.value("type", "") == "call" && m.value("event", "") == event;
  };
}

/// A blocking WebSocket client of /api/v1/ws.
class LiveSocket {
  using json = nlohmann::json;
  using error_code = boost::beast::error_code;

 public:
  /// `receive_buffer`: a small kernel receive buffer (set before connecting), for a slow client.
  LiveSocket(int port, const std::map<std::string, std::string>& headers, int receive_buffer = 0)
      : ws_(ioc_) {
    boost::asio::ip::tcp::endpoint ep(boost::asio::ip::make_address("127.0.0.1"),
                                      static_cast<unsigned short>(port));
    auto& socket = boost::beast::get_lowest_layer(ws_).socket();
    socket.open(ep.protocol());
    if (receive_buffer > 0)
      socket.set_option(boost::asio::socket_base::receive_buffer_size(receive_buffer));
    socket.connect(ep);
    // A server that never sends fails the test instead of hanging it.
    timeval tv{30, 0};
    ::setsockopt(boost::beast::get_lowest_layer(ws_).socket().native_handle(), SOL_SOCKET,
                 SO_RCVTIMEO, &tv, sizeof tv);
    ws_.set_option(boost::beast::websocket::stream_base::decorator(
        [headers](boost::beast::websocket::request_type& req) {
          for (const auto& [name, value] : headers) req.set(name, value);
        }));
    ws_.handshake("127.0.0.1:" + std::to_string(port), "/api/v1/ws", ec_);
  }
  bool open() const { return !ec_; }
  std::string error() const { return ec_.message(); }

  /// The next message, or null when the socket failed or closed.
  json Next() {
    boost::beast::flat_buffer buffer;
    ws_.read(buffer, ec_);
    if (ec_) return nullptr;
    return json::parse(boost::beast::buffers_to_string(buffer.data()));
  }

  /// Reads until a message satisfies `want`; the ones before go to `skipped`. Fails (null) when
  /// none has come after `limit`, even if other messages keep coming.
  json Until(const std::function<bool(const json&)>& want, std::vector<json>* skipped = nullptr,
             std::chrono::seconds limit = std::chrono::seconds(60)) {
    const auto until = std::chrono::steady_clock::now() + limit;
    for (;;) {
      if (std::chrono::steady_clock::now() > until) {
        ADD_FAILURE() << "no expected message within " << limit.count() << " s";
        return nullptr;
      }
      json m = Next();
      if (m.is_null()) {
        ADD_FAILURE() << "the socket ended before the expected message: " << ec_.message();
        return m;
      }
      if (want(m)) return m;
      if (skipped) skipped->push_back(m);
    }
  }

  void Close() { ws_.close(boost::beast::websocket::close_code::normal, ec_); }
  /// The code of the server's close frame, once Next() reported the close.
  int CloseCode() const { return ws_.reason().code; }
  bool ClosedCleanly() const { return ec_ == boost::beast::websocket::error::closed; }

 private:
  boost::asio::io_context ioc_;
  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::error_code ec_;
};

}  // namespace tawasul::testing
