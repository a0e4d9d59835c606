#include "cli/delivery_config.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace tawasul::cli {
namespace {

class DeliveryConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::unsetenv("TAWASUL_SMS_PASSWORD");
    ::unsetenv("TAWASUL_SMTP_PASSWORD");
    path_ = (std::filesystem::temp_directory_path() /
             ("tawasul-delivery-" + std::to_string(::getpid()) + ".toml"))
                .string();
  }
  void TearDown() override {
    std::filesystem::remove(path_);
    ::unsetenv("TAWASUL_SMS_PASSWORD");
  }
  void Write(const std::string& text) { std::ofstream(path_) << text; }
  std::string path_;
};

TEST_F(DeliveryConfigTest, WithoutSectionsBothChannelsAreOff) {
  const DeliveryConfig c = LoadDeliveryConfig("/nonexistent/tawasul.toml", false);
  EXPECT_FALSE(c.sms_enabled());
  EXPECT_FALSE(c.email_enabled());
  EXPECT_EQ(c.outbox.max_attempts, 5);
  EXPECT_EQ(c.outbox.backoff.front(), std::chrono::seconds(30));
  EXPECT_THROW(LoadDeliveryConfig("/nonexistent/tawasul.toml", true), std::runtime_error);
}

TEST_F(DeliveryConfigTest, ReadsSmsEmailAndOutboxAndTakesPasswordsFromTheEnvironment) {
  Write(R"([sms]
sendsms_url = "http://127.0.0.1:13013/cgi-bin/sendsms"
username = "tawasul"
password = "in-file"
dlr_base_url = "http://10.0.0.5:8080"
sender = "1933"
timeout_seconds = 10

[email]
smtp_url = "smtp://127.0.0.1:2525"
from = "noreply@center.example"
from_name = "مركز ١٩٣٣"
require_tls = true

[outbox]
poll_interval_ms = 250
lease_seconds = 600
max_attempts = 3
backoff_seconds = [5, 60]
)");
  ::setenv("TAWASUL_SMS_PASSWORD", "from-env", 1);
  const DeliveryConfig c = LoadDeliveryConfig(path_, true);
  EXPECT_TRUE(c.sms_enabled());
  EXPECT_EQ(c.sms.username, "tawasul");
  EXPECT_EQ(c.sms.password, "from-env");
  EXPECT_EQ(c.sms.dlr_base_url, "http://10.0.0.5:8080");
  EXPECT_EQ(c.sms.default_sender, "1933");
  EXPECT_EQ(c.sms.timeout, std::chrono::seconds(10));
  EXPECT_TRUE(c.email_enabled());
  EXPECT_EQ(c.email.from_name, "مركز ١٩٣٣");
  EXPECT_TRUE(c.email.require_tls);
  EXPECT_EQ(c.outbox.poll_interval, std::chrono::milliseconds(250));
  EXPECT_EQ(c.outbox.lease, std::chrono::seconds(600));
  EXPECT_EQ(c.outbox.max_attempts, 3);
  ASSERT_EQ(c.outbox.backoff.size(), 2u);
  EXPECT_EQ(c.outbox.backoff[1], std::chrono::seconds(60));
}

TEST_F(DeliveryConfigTest, RejectsBadValuesNamingTheKey) {
  auto message = [&](const std::string& text) {
    Write(text);
    try {
      LoadDeliveryConfig(path_, true);
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("[sms]\nsendsms_url = \"ftp://x\"\n").find("[sms] sendsms_url"),
            std::string::npos);
  EXPECT_NE(message("[email]\nsmtp_url = \"smtp://x\"\nfrom = \"a b\"\n").find("[email] from"),
            std::string::npos);
  EXPECT_NE(message("[outbox]\nmax_attempts = 0\n").find("[outbox] max_attempts"),
            std::string::npos);
  EXPECT_NE(message("[outbox]\nlease_seconds = 60\n").find("lease_seconds"), std::string::npos);
}

}  // namespace
}  // namespace tawasul::cli
