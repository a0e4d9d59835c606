#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>
#include <string_view>

namespace tawasul::channels {

struct CurlEasyClose {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyClose>;

struct CurlSlistFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using CurlSlist = std::unique_ptr<curl_slist, CurlSlistFree>;

/// A new easy handle (libcurl initialized once per process) with the options every channel
/// wants: no signals (worker threads), the given total and connect timeouts.
CurlEasy NewCurl(long timeout_seconds, long connect_timeout_seconds);

/// Percent-encodes everything but RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~).
std::string UrlEncode(std::string_view s);

}  // namespace tawasul::channels
