#include "channels/curl_util.hpp"

#include <mutex>
#include <stdexcept>

namespace tawasul::channels {

CurlEasy NewCurl(long timeout_seconds, long connect_timeout_seconds) {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("libcurl failed to initialize");
    }
  });
  CurlEasy c(curl_easy_init());
  if (!c) throw std::runtime_error("libcurl: no easy handle");
  curl_easy_setopt(c.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c.get(), CURLOPT_TIMEOUT, timeout_seconds);
  curl_easy_setopt(c.get(), CURLOPT_CONNECTTIMEOUT, connect_timeout_seconds);
  return c;
}

std::string UrlEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3);
  for (unsigned char c : s) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0F];
    }
  }
  return out;
}

}  // namespace tawasul::channels
