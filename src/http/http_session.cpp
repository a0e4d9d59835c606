// The transport's HTTP session: reads requests on one connection with every limit in one place
// (header size, the route's body limit, read and write timeouts, 100-continue), runs the
// blocking API on the worker pool, writes the responses, and answers what cannot be read with a
// problem and a lingering close. An upgrade of the live path goes to live_session.cpp.
#include "http/transport.hpp"

namespace tawasul::http::transport {

namespace {

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

}  // namespace

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

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

asio::awaitable<void> Server::HttpSession(tcp::socket socket) {
  auto conn = std::make_shared<Conn>();
  beast::tcp_stream stream(std::move(socket));
  conn->stream = &stream;
  Registration registration(*this, conn, stream.get_executor());
  error_code ec;
  const auto remote = stream.socket().remote_endpoint(ec);
  const std::string peer = ec ? std::string("unknown") : remote.address().to_string();
  try {
    co_await ServeRequests(stream, *conn, peer);
  } catch (const std::exception& e) {
    spdlog::warn("connection from {}: {}", peer, e.what());
  }
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  stream.socket().close(ec);
}

asio::awaitable<void> Server::ServeRequests(beast::tcp_stream& stream, Conn& conn,
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

}  // namespace tawasul::http::transport
