#pragma once
// aiosmtpd (Debian's python3-aiosmtpd) with support/smtp_sink.py on a free loopback port: a real
// SMTP server for tests, each accepted message written as JSON that Python's email package
// decoded (an independent reading of what was sent). Needs TAWASUL_SOURCE_DIR.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/server_process.hpp"

namespace tawasul::testing {

inline constexpr const char* kPython = "/usr/bin/python3";

inline int FreePort() { return FreeLoopbackPort(); }

inline bool Accepts(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

inline bool AiosmtpdInstalled() {
  return std::system("/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1") == 0;
}

/// aiosmtpd on a free loopback port; each message it accepts becomes DIR/N.json.
class SmtpSink {
 public:
  explicit SmtpSink(std::filesystem::path dir) : dir_(std::move(dir)) {
    std::filesystem::create_directories(dir_ / "mail");
    port_ = FreePort();
    const std::string listen = "127.0.0.1:" + std::to_string(port_);
    const std::string mail = (dir_ / "mail").string();
    const std::string log = (dir_ / "aiosmtpd.log").string();
    std::string pythonpath = std::string("PYTHONPATH=") + TAWASUL_SOURCE_DIR + "/tests/support";
    std::string lang = "LANG=C.UTF-8";
    std::string no_pyc = "PYTHONDONTWRITEBYTECODE=1";  // nothing written into the source tree
    char* const envp[] = {pythonpath.data(), lang.data(), no_pyc.data(), nullptr};
    pid_ = ::fork();
    if (pid_ == 0) {
      FILE* f = std::fopen(log.c_str(), "w");
      if (f != nullptr) {
        ::dup2(::fileno(f), 1);
        ::dup2(::fileno(f), 2);
      }
      // -n: stay the calling user (as root, aiosmtpd would switch to nobody).
      ::execle(kPython, kPython, "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c",
               "smtp_sink.JsonFiles", mail.c_str(), static_cast<char*>(nullptr), envp);
      ::_exit(127);
    }
    using namespace std::chrono_literals;
    for (auto until = std::chrono::steady_clock::now() + 15s;
         std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(20ms)) {
      if (Accepts(port_)) return;
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) break;
    }
    std::ifstream in(log);
    throw std::runtime_error("aiosmtpd did not start:\n" +
                             std::string((std::istreambuf_iterator<char>(in)), {}));
  }
  ~SmtpSink() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }

  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  /// The messages received so far, in order.
  std::vector<nlohmann::json> Messages() const {
    std::vector<nlohmann::json> out;
    for (int i = 1;; ++i) {
      std::ifstream in(dir_ / "mail" / (std::to_string(i) + ".json"));
      if (!in) return out;
      out.push_back(nlohmann::json::parse(in));
    }
  }

  std::vector<nlohmann::json> WaitFor(std::size_t n) const {
    std::vector<nlohmann::json> got;
    using namespace std::chrono_literals;
    for (auto until = std::chrono::steady_clock::now() + 15s;
         std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(20ms)) {
      got = Messages();
      if (got.size() >= n) break;
    }
    return got;
  }

 private:
  std::filesystem::path dir_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace tawasul::testing
