// Calls from a PBX under load, against a running `tawasul serve` (bench/run starts one):
//
// 1. A peak day of 1933: 10,000 calls in an hour's work, posted as fast as the server takes them
//    (85% answered, 10% abandoned while ringing, 5% missed), each call newCall, [answer], hangup.
//    Then the contacts report is read back and must count exactly those calls on their queue.
// 2. Screen-pop latency: background CTI load paced at --rate events/s (calls that ring someone
//    else), while a probe posts one newCall at a time that rings the agent; the time from just
//    before the POST to the agent's WebSocket message is measured, --probes times.
//
// Usage: call_bench --port N --password P [--rate 2500] [--probes 400] [--calls 10000]
#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "support/http_client.hpp"
#include "support/live_socket.hpp"

using nlohmann::json;
using Clock = std::chrono::steady_clock;
using tawasul::testing::HttpClient;

namespace {

/// One keep-alive connection posting form bodies.
class Poster {
 public:
  Poster(const std::string& url) : url_(url), curl_(curl_easy_init()) {
    headers_ = curl_slist_append(nullptr, "Content-Type: application/x-www-form-urlencoded");
    curl_easy_setopt(curl_, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers_);
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, &Poster::Sink);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &body_);
  }
  ~Poster() {
    curl_slist_free_all(headers_);
    curl_easy_cleanup(curl_);
  }
  long Post(const std::string& form) {
    body_.clear();
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, form.c_str());
    if (curl_easy_perform(curl_) != CURLE_OK) return 0;
    long status = 0;
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
    return status;
  }

 private:
  static size_t Sink(char* data, size_t size, size_t n, void* user) {
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
  }
  std::string url_;
  CURL* curl_;
  curl_slist* headers_ = nullptr;
  std::string body_;
};

std::string Arg(int argc, char** argv, const std::string& name, const std::string& fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (argv[i] == name) return argv[i + 1];
  }
  return fallback;
}

std::string Login(const HttpClient& http, const std::string& user, const std::string& password) {
  auto r = http.PostJson("/api/v1/auth/login",
                         json{{"username", user}, {"password", password}}.dump());
  if (r.status != 200) throw std::runtime_error("login " + user + ": " + r.body);
  return json::parse(r.body).at("token").get<std::string>();
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  const int port = std::atoi(Arg(argc, argv, "--port", "0").c_str());
  const std::string password = Arg(argc, argv, "--password", "bench-password");
  const int rate = std::atoi(Arg(argc, argv, "--rate", "2500").c_str());
  const int probes = std::atoi(Arg(argc, argv, "--probes", "400").c_str());
  const int calls = std::atoi(Arg(argc, argv, "--calls", "10000").c_str());
  if (port <= 0) {
    std::cerr << "usage: call_bench --port N [--password P] [--rate R] [--probes N] [--calls N]\n";
    return 2;
  }
  curl_global_init(CURL_GLOBAL_DEFAULT);
  const std::string base = "http://127.0.0.1:" + std::to_string(port);
  HttpClient http(base);
  const std::string admin = Login(http, "admin", password);
  const std::string agent = Login(http, "agent", password);
  auto made = http.PostJson("/api/v1/admin/cti-sources",
                            json{{"name", "call bench " + std::to_string(::time(nullptr))}}.dump(),
                            admin);
  if (made.status != 201) throw std::runtime_error("cti source: " + made.body);
  const std::string url = base + "/api/v1/cti/" + json::parse(made.body).at("token").get<std::string>();
  const std::string run = std::to_string(::time(nullptr));

  // ---- 1. The peak day -------------------------------------------------------------------
  const std::string queue = "peak-" + run;
  std::atomic<int> next{0}, failed{0};
  const int workers = 8;
  const auto peak_start = Clock::now();
  {
    std::vector<std::thread> threads;
    for (int w = 0; w < workers; ++w) {
      threads.emplace_back([&] {
        Poster p(url);
        for (int i = next++; i < calls; i = next++) {
          const std::string id = "peak-" + run + "-" + std::to_string(i);
          char from[16];
          std::snprintf(from, sizeof from, "05%08d", (i * 7919) % 100000000);
          if (p.Post("event=newCall&direction=in&to=1933&queue=" + queue + "&from=" + from +
                     "&callId=" + id + "&user%5B%5D=dispatcher") != 200)
            ++failed;
          const int kind = i % 20;  // 0..16 answered, 17..18 abandoned, 19 missed
          if (kind < 17) {
            if (p.Post("event=answer&callId=" + id + "&answeringNumber=dispatcher") != 200) ++failed;
            if (p.Post("event=hangup&cause=normalClearing&callId=" + id) != 200) ++failed;
          } else if (kind < 19) {
            if (p.Post("event=hangup&cause=cancel&callId=" + id) != 200) ++failed;
          } else {
            if (p.Post("event=hangup&cause=noAnswer&callId=" + id) != 200) ++failed;
          }
        }
      });
    }
    for (auto& t : threads) t.join();
  }
  const double peak_s = std::chrono::duration<double>(Clock::now() - peak_start).count();
  const int want_answered = calls / 20 * 17 + std::min(calls % 20, 17);
  const int want_missed = calls / 20;
  const int want_abandoned = calls - want_answered - want_missed;
  const auto events = static_cast<double>(want_answered * 3 + (calls - want_answered) * 2);
  const std::string analyst = Login(http, "analyst", password);
  const auto report = http.Get("/api/v1/reports/contacts?by=queue", analyst);
  json row;
  if (report.status == 200) {
    const json all = json::parse(report.body);  // kept: the loop below walks into it
    for (const auto& r : all.at("rows")) {
      if (r.value("key", "") == queue) row = r.at("figures");
    }
  }
  const bool exact = !row.is_null() && row.value("offered", -1) == calls &&
                     row.value("answered", -1) == want_answered &&
                     row.value("abandoned", -1) == want_abandoned &&
                     row.value("missed", -1) == want_missed;
  std::printf("peak day: %d calls (%.0f events) in %.2f s = %.0f events/s, %d failed posts\n",
              calls, events, peak_s, events / peak_s, failed.load());
  std::printf("report read back (queue %s): offered %d answered %d abandoned %d missed %d -> %s\n",
              queue.c_str(), row.is_null() ? -1 : row.value("offered", -1),
              row.is_null() ? -1 : row.value("answered", -1),
              row.is_null() ? -1 : row.value("abandoned", -1),
              row.is_null() ? -1 : row.value("missed", -1), exact ? "EXACT" : "MISMATCH");

  // ---- 2. Screen-pop latency under paced background load -----------------------------------
  tawasul::testing::LiveSocket socket(port, {{"Authorization", "Bearer " + agent}});
  if (!socket.open()) throw std::runtime_error("websocket: " + socket.error());
  socket.Until([](const json& m) { return m.value("type", "") == "ready"; });
  std::atomic<bool> stop{false};
  std::atomic<long> background{0};
  const int load_threads = 6;
  std::vector<std::thread> load;
  const auto load_start = Clock::now();
  for (int w = 0; w < load_threads; ++w) {
    load.emplace_back([&, w] {
      Poster p(url);
      const auto gap = std::chrono::nanoseconds(1'000'000'000LL * load_threads / std::max(rate, 1));
      auto due = Clock::now();
      for (long n = 0; !stop; ++n) {
        const std::string id = "bg-" + run + "-" + std::to_string(w) + "-" + std::to_string(n / 3);
        const int step = static_cast<int>(n % 3);
        if (step == 0) {
          p.Post("event=newCall&direction=in&to=1933&queue=bg&from=0501112233&callId=" + id +
                 "&user%5B%5D=dispatcher");
        } else if (step == 1) {
          p.Post("event=answer&callId=" + id + "&answeringNumber=dispatcher");
        } else {
          p.Post("event=hangup&cause=normalClearing&callId=" + id);
        }
        ++background;
        due += gap;
        std::this_thread::sleep_until(due);
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));  // the load settles
  std::vector<double> ms;
  Poster probe(url);
  for (int i = 0; i < probes; ++i) {
    const std::string id = "probe-" + run + "-" + std::to_string(i);
    const auto t0 = Clock::now();
    if (probe.Post("event=newCall&direction=in&to=1933&queue=probe&from=0509998877&callId=" + id +
                   "&user%5B%5D=agent") != 200) {
      continue;
    }
    json m = socket.Until([](const json& x) {
      return x.value("type", "") == "call" && x.value("event", "") == "ringing";
    });
    if (m.is_null()) break;
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    probe.Post("event=hangup&cause=cancel&callId=" + id);
    socket.Until([](const json& x) {
      return x.value("type", "") == "call" && x.value("event", "") == "ended";
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  stop = true;
  for (auto& t : load) t.join();
  const double load_s = std::chrono::duration<double>(Clock::now() - load_start).count();
  std::printf("screen-pop under %.0f background events/s (target %d): %zu probes, p50 %.2f ms, "
              "p95 %.2f ms, p99 %.2f ms, max %.2f ms\n",
              static_cast<double>(background.load()) / load_s, rate, ms.size(),
              Percentile(ms, 0.5), Percentile(ms, 0.95), Percentile(ms, 0.99),
              ms.empty() ? 0.0 : *std::max_element(ms.begin(), ms.end()));
  curl_global_cleanup();
  return exact && static_cast<int>(ms.size()) == probes ? 0 : 1;
}
