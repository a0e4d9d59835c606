#pragma once

#include <string>
#include <vector>

namespace tawasul::testing {

/// Runs `tawasul` subcommands and a `tawasul serve` child process on a free loopback port.
class ServerProcess {
 public:
  /// `store_url`: sqlite:PATH or postgresql://...; `extra_env`: NAME=VALUE pairs.
  ServerProcess(std::string binary, std::string store_url, std::vector<std::string> extra_env = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  /// Runs `tawasul --store URL args...` to completion, feeding `stdin_text`; returns the exit
  /// status and fills `output` with stdout and stderr.
  int RunCommand(const std::vector<std::string>& args, const std::string& stdin_text,
                 std::string* output) const;

  /// Starts `serve` and waits until it listens. `serve_args` are added to the command line.
  void Start(const std::vector<std::string>& serve_args = {});
  /// Listens on `port` instead of one the kernel picks (a gateway configured before the server
  /// starts must know where to call it back); FreeLoopbackPort() finds one.
  void UsePort(int port) { fixed_port_ = port; }
  /// Sends SIGTERM and waits; returns the exit status.
  int Stop();
  bool running() const { return pid_ > 0; }
  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  /// What `serve` wrote to stdout and stderr.
  std::string log_path() const { return dir_ + "/server.log"; }

 private:
  std::string binary_;
  std::string store_url_;
  std::vector<std::string> env_;
  std::string dir_;
  int pid_ = -1;
  int port_ = 0;
  int fixed_port_ = 0;
};

/// A loopback TCP port free at the time of asking.
int FreeLoopbackPort();

/// A PostgreSQL database made for one test on the cluster named by TAWASUL_TEST_PG; dropped
/// on destruction. Empty url() when the variable is unset.
class ScratchPgDatabase {
 public:
  ScratchPgDatabase();
  ~ScratchPgDatabase();
  const std::string& url() const { return url_; }

 private:
  std::string admin_url_;
  std::string name_;
  std::string url_;
};

}  // namespace tawasul::testing
