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
                          "TAWASUL_TRACK_RATE", "TAWASUL_WEB_ROOT"}) {
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
