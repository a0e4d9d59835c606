#include "cli/config.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace tawasul::cli {
namespace {

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* v : {"TAWASUL_STORE", "TAWASUL_LISTEN", "TAWASUL_COUNTRY", "TAWASUL_TIME_ZONE",
                          "TAWASUL_TRACK_RATE", "TAWASUL_WEB_ROOT", "TAWASUL_LIVE_POLL_MS",
                          "TAWASUL_LIVE_QUEUE_LIMIT"}) {
      ::unsetenv(v);
    }
    path_ = (std::filesystem::temp_directory_path() /
             ("tawasul-config-" + std::to_string(::getpid()) + ".toml"))
                .string();
  }
  void TearDown() override { std::filesystem::remove(path_); }
  void Write(const std::string& text) { std::ofstream(path_) << text; }
  std::string path_;
};

TEST_F(ConfigTest, DefaultsWithoutAFile) {
  Config c = LoadConfig("/nonexistent/tawasul.toml", false);
  EXPECT_EQ(c.store_url, "sqlite:var/tawasul.db");
  EXPECT_EQ(c.server.port, 8080);
  EXPECT_THROW(LoadConfig("/nonexistent/tawasul.toml", true), std::runtime_error);
}

TEST_F(ConfigTest, FileThenEnvironmentOverrides) {
  Write("[store]\nurl = \"postgresql://db/x\"\n[server]\nlisten = \"0.0.0.0:9000\"\n"
        "[center]\ncountry = \"IR\"\ntime_zone = \"Asia/Tehran\"\n");
  Config c = LoadConfig(path_, true);
  EXPECT_EQ(c.store_url, "postgresql://db/x");
  EXPECT_EQ(c.server.host, "0.0.0.0");
  EXPECT_EQ(c.server.port, 9000);
  EXPECT_EQ(c.settings.country, "IR");
  ::setenv("TAWASUL_STORE", "sqlite:/tmp/other.db", 1);
  ::setenv("TAWASUL_LISTEN", "127.0.0.1:7000", 1);
  c = LoadConfig(path_, true);
  EXPECT_EQ(c.store_url, "sqlite:/tmp/other.db");
  EXPECT_EQ(c.server.port, 7000);
}

TEST_F(ConfigTest, ErrorsNameTheFileLineAndProblem) {
  Write("[store]\nurl = \"x\"\n[server\n");
  try {
    LoadConfig(path_, true);
    FAIL() << "a broken file must not load";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path_ + ":3"), std::string::npos) << e.what();
  }
  Write("[center]\ntime_zone = \"Mars/Olympus\"\n");
  EXPECT_THROW(LoadConfig(path_, true), std::runtime_error);
  Write("[center]\ncountry = \"Saudi\"\n");
  EXPECT_THROW(LoadConfig(path_, true), std::runtime_error);
}

TEST_F(ConfigTest, LiveFeedPollAndQueueAreConfigurableWithinRange) {
  Config c = LoadConfig("/nonexistent/tawasul.toml", false);
  EXPECT_EQ(c.server.live_poll_ms, 500);  // the defaults are unchanged
  EXPECT_EQ(c.server.live_queue_limit, 256);
  Write("[server]\nlive_poll_ms = 250\nlive_queue_limit = 1024\n");
  c = LoadConfig(path_, true);
  EXPECT_EQ(c.server.live_poll_ms, 250);
  EXPECT_EQ(c.server.live_queue_limit, 1024);
  ::setenv("TAWASUL_LIVE_POLL_MS", "2000", 1);
  ::setenv("TAWASUL_LIVE_QUEUE_LIMIT", "64", 1);
  c = LoadConfig(path_, true);
  EXPECT_EQ(c.server.live_poll_ms, 2000);
  EXPECT_EQ(c.server.live_queue_limit, 64);
  ::unsetenv("TAWASUL_LIVE_POLL_MS");
  ::unsetenv("TAWASUL_LIVE_QUEUE_LIMIT");

  // Out of range or not a number: refused at start, naming the option.
  auto expect_refused = [&](const std::string& option) {
    try {
      LoadConfig(path_, true);
      ADD_FAILURE() << option << " out of range must not load";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(option), std::string::npos) << e.what();
    }
  };
  for (const char* bad : {"live_poll_ms = 0", "live_poll_ms = 49", "live_poll_ms = 60001"}) {
    Write(std::string("[server]\n") + bad + "\n");
    expect_refused("live_poll_ms");
  }
  for (const char* bad : {"live_queue_limit = 0", "live_queue_limit = 15",
                          "live_queue_limit = 65537"}) {
    Write(std::string("[server]\n") + bad + "\n");
    expect_refused("live_queue_limit");
  }
  Write("[server]\nlive_poll_ms = 50\nlive_queue_limit = 65536\n");  // the bounds themselves
  EXPECT_NO_THROW(LoadConfig(path_, true));
  for (const char* bad : {"-5", "fast", "100ms"}) {
    ::setenv("TAWASUL_LIVE_POLL_MS", bad, 1);
    expect_refused("TAWASUL_LIVE_POLL_MS");
  }
  ::unsetenv("TAWASUL_LIVE_POLL_MS");
  ::setenv("TAWASUL_LIVE_QUEUE_LIMIT", "100000", 1);
  expect_refused("live_queue_limit");
}

TEST(ParseListen, AcceptsHostPortAndRejectsTheRest) {
  http::ServerOptions o;
  ParseListen("[::1]:8081", o);
  EXPECT_EQ(o.host, "::1");
  EXPECT_EQ(o.port, 8081);
  EXPECT_THROW(ParseListen("8080", o), std::invalid_argument);
  EXPECT_THROW(ParseListen("host:99999", o), std::invalid_argument);
  EXPECT_THROW(ParseListen("host:80x", o), std::invalid_argument);
}

}  // namespace
}  // namespace tawasul::cli
