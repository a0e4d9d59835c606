#include "support/server_process.hpp"

#include <arpa/inet.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace tawasul::testing {
namespace {

std::vector<char*> Argv(std::vector<std::string>& args) {
  std::vector<char*> out;
  for (auto& a : args) out.push_back(a.data());
  out.push_back(nullptr);
  return out;
}

std::vector<std::string> Environment(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string kv = *e;
    if (kv.rfind("TAWASUL_", 0) == 0 && kv.rfind("TAWASUL_TEST_", 0) != 0) continue;
    env.push_back(kv);
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

std::string RandomSuffix() {
  std::random_device rd;
  return std::to_string(rd()) + std::to_string(::getpid());
}

}  // namespace

ServerProcess::ServerProcess(std::string binary, std::string store_url,
                             std::vector<std::string> extra_env)
    : binary_(std::move(binary)), store_url_(std::move(store_url)), env_(std::move(extra_env)) {
  dir_ = (std::filesystem::temp_directory_path() / ("tawasul-e2e-" + RandomSuffix())).string();
  std::filesystem::create_directories(dir_);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Stop();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

int ServerProcess::RunCommand(const std::vector<std::string>& args, const std::string& stdin_text,
                              std::string* output) const {
  int in[2], out[2];
  if (::pipe(in) != 0 || ::pipe(out) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> argv{binary_, "--store", store_url_};
  argv.insert(argv.end(), args.begin(), args.end());
  auto env = Environment(env_);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(out[1], 2);
    ::close(in[1]);
    ::close(out[0]);
    ::chdir(dir_.c_str());
    auto a = Argv(argv);
    auto e = Argv(env);
    ::execve(a[0], a.data(), e.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  if (!stdin_text.empty()) {
    ssize_t n = ::write(in[1], stdin_text.data(), stdin_text.size());
    (void)n;
  }
  ::close(in[1]);
  std::string text;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(out[0], buf, sizeof buf)) > 0) text.append(buf, static_cast<std::size_t>(n));
  ::close(out[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (output != nullptr) *output = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void ServerProcess::Start(const std::vector<std::string>& serve_args) {
  const std::string port_file = dir_ + "/port";
  std::filesystem::remove(port_file);
  std::vector<std::string> argv{binary_, "--store", store_url_, "serve", "--listen",
                                "127.0.0.1:" + std::to_string(fixed_port_), "--port-file",
                                port_file};
  argv.insert(argv.end(), serve_args.begin(), serve_args.end());
  auto env = Environment(env_);
  const std::string log = dir_ + "/server.log";
  pid_t pid = ::fork();
  if (pid == 0) {
    FILE* f = std::fopen(log.c_str(), "a");
    if (f != nullptr) {
      ::dup2(::fileno(f), 1);
      ::dup2(::fileno(f), 2);
    }
    ::chdir(dir_.c_str());
    auto a = Argv(argv);
    auto e = Argv(env);
    ::execve(a[0], a.data(), e.data());
    ::_exit(127);
  }
  pid_ = pid;
  for (int i = 0; i < 600; ++i) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      std::ifstream in(log);
      std::string text((std::istreambuf_iterator<char>(in)), {});
      throw std::runtime_error("tawasul serve exited early:\n" + text);
    }
    std::ifstream in(port_file);
    int port = 0;
    if (in >> port && port > 0) {
      port_ = port;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("tawasul serve did not start listening within 30 s");
}

int ServerProcess::Stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

ScratchPgDatabase::ScratchPgDatabase() {
  const char* url = std::getenv("TAWASUL_TEST_PG");
  if (url == nullptr || *url == '\0') return;
  admin_url_ = url;
  name_ = "tawasul_e2e_" + RandomSuffix();
  PGconn* c = PQconnectdb(admin_url_.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c);
    PQfinish(c);
    throw std::runtime_error("PostgreSQL: " + msg);
  }
  PGresult* r = PQexec(c, ("CREATE DATABASE " + name_).c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  std::string msg = PQerrorMessage(c);
  PQclear(r);
  PQfinish(c);
  if (!ok) throw std::runtime_error("CREATE DATABASE failed: " + msg);
  // Replace the database name (the path after the last '/', before any '?').
  auto q = admin_url_.find('?');
  std::string base = admin_url_.substr(0, q);
  std::string params = q == std::string::npos ? "" : admin_url_.substr(q);
  url_ = base.substr(0, base.rfind('/') + 1) + name_ + params;
}

ScratchPgDatabase::~ScratchPgDatabase() {
  if (name_.empty()) return;
  PGconn* c = PQconnectdb(admin_url_.c_str());
  if (PQstatus(c) == CONNECTION_OK) {
    PQclear(PQexec(c, ("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)").c_str()));
  }
  PQfinish(c);
}

int FreeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

}  // namespace tawasul::testing
