#pragma once

#include <map>
#include <string>
#include <vector>

namespace tawasul::testing {

struct HttpResponse {
  long status = 0;
  std::map<std::string, std::string> headers;  ///< names lower-cased; last value wins
  std::vector<std::string> set_cookies;
  std::string body;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

/// A blocking HTTP/1.1 client on libcurl, for end-to-end tests.
class HttpClient {
 public:
  explicit HttpClient(std::string base_url) : base_(std::move(base_url)) {}
  HttpResponse Send(const std::string& method, const std::string& path,
                    const std::string& body = "",
                    const std::map<std::string, std::string>& headers = {}) const;
  HttpResponse Get(const std::string& path, const std::string& token = "") const;
  HttpResponse PostJson(const std::string& path, const std::string& json,
                        const std::string& token = "") const;

 private:
  std::string base_;
};

/// Sends raw bytes on a new TCP connection and returns what the server answered before it
/// closed the connection or `wait_ms` passed.
std::string RawExchange(int port, const std::string& bytes, int wait_ms);

}  // namespace tawasul::testing
