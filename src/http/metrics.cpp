#include "http/metrics.hpp"

#include <cstdio>

namespace tawasul::http {

namespace {

/// Escapes a label value (backslash, quote, newline) per the exposition format.
std::string Label(const std::string& v) {
  std::string out;
  out.reserve(v.size());
  for (const char c : v) {
    if (c == '\\' || c == '"') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

void HttpMetrics::Record(const std::string& route, const std::string& method, int status,
                         std::chrono::steady_clock::duration elapsed) {
  const double seconds = std::chrono::duration<double>(elapsed).count();
  std::lock_guard lock(mu_);
  ++requests_[{route, method, status}];
  Histogram& h = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.counts[i];
  }
  ++h.count;
  h.sum += seconds;
}

void HttpMetrics::Append(std::string& out) const {
  std::lock_guard lock(mu_);
  out += "# HELP tawasul_http_requests_total HTTP requests by route template, method and status.\n";
  out += "# TYPE tawasul_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, status] = key;
    out += "tawasul_http_requests_total{route=\"" + Label(route) + "\",method=\"" + Label(method) +
           "\",status=\"" + std::to_string(status) + "\"} " + std::to_string(n) + "\n";
  }
  out +=
      "# HELP tawasul_http_request_duration_seconds Time from a parsed request to its "
      "response, by route template.\n";
  out += "# TYPE tawasul_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    const std::string r = Label(route);
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out += "tawasul_http_request_duration_seconds_bucket{route=\"" + r + "\",le=\"" +
             Number(kBuckets[i]) + "\"} " + std::to_string(h.counts[i]) + "\n";
    }
    out += "tawasul_http_request_duration_seconds_bucket{route=\"" + r + "\",le=\"+Inf\"} " +
           std::to_string(h.count) + "\n";
    out += "tawasul_http_request_duration_seconds_sum{route=\"" + r + "\"} " + Number(h.sum) + "\n";
    out += "tawasul_http_request_duration_seconds_count{route=\"" + r + "\"} " +
           std::to_string(h.count) + "\n";
  }
}

}  // namespace tawasul::http
