#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace tawasul::http {

/// Request counters and latency histograms in the Prometheus text format. Thread-safe; labels
/// are route templates (never raw paths), so the series stay bounded.
class HttpMetrics {
 public:
  void Record(const std::string& route, const std::string& method, int status,
              std::chrono::steady_clock::duration elapsed);
  /// Appends the metric families (text format 0.0.4).
  void Append(std::string& out) const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5,   10.0};
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> counts{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
};

}  // namespace tawasul::http
