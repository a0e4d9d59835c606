#include "cli/config.hpp"

#include <toml++/toml.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <cctype>
#include <charconv>
#include <memory>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace tawasul::cli {
namespace {

const char* Env(const char* name) {
  const char* v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? v : nullptr;
}

double ToDouble(const std::string& s, const char* what) {
  try {
    std::size_t used = 0;
    double d = std::stod(s, &used);
    if (used != s.size()) throw std::invalid_argument(s);
    return d;
  } catch (const std::exception&) {
    throw std::runtime_error(std::string(what) + ": not a number: " + s);
  }
}

int ToInt(const std::string& s, const char* what) {
  int value = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || p != s.data() + s.size()) {
    throw std::runtime_error(std::string(what) + ": not a whole number: " + s);
  }
  return value;
}

void CheckRange(int value, int min, int max, const char* option, const char* unit) {
  if (value < min || value > max) {
    throw std::runtime_error(std::string(option) + ": must be from " + std::to_string(min) +
                             " to " + std::to_string(max) + unit + ", got " +
                             std::to_string(value));
  }
}

}  // namespace

void ParseListen(const std::string& listen, http::ServerOptions& out) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    throw std::invalid_argument("--listen wants HOST:PORT, got '" + listen + "'");
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string port = listen.substr(colon + 1);
  unsigned value = 0;
  auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || p != port.data() + port.size() || value > 65535) {
    throw std::invalid_argument("--listen: bad port in '" + listen + "'");
  }
  out.host = host;
  out.port = static_cast<std::uint16_t>(value);
}

Config LoadConfig(const std::string& path, bool explicit_path) {
  Config c;
  if (!path.empty() && std::filesystem::exists(path)) {
    toml::table t;
    try {
      t = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
      throw std::runtime_error(path + ":" + std::to_string(e.source().begin.line) + ": " +
                               std::string(e.description()));
    }
    if (auto v = t["store"]["url"].value<std::string>()) c.store_url = *v;
    if (auto v = t["server"]["listen"].value<std::string>()) ParseListen(*v, c.server);
    if (auto v = t["server"]["web_root"].value<std::string>()) c.server.web_root = *v;
    if (auto v = t["server"]["map_tiles"].value<std::string>()) c.server.map_tiles = *v;
    if (auto v = t["server"]["io_threads"].value<int>()) c.server.io_threads = *v;
    if (auto v = t["server"]["worker_threads"].value<int>()) c.server.worker_threads = *v;
    if (auto v = t["server"]["trust_forwarded_for"].value<bool>()) c.server.trust_forwarded_for = *v;
    if (auto v = t["server"]["live_poll_ms"].value<int>()) c.server.live_poll_ms = *v;
    if (auto v = t["reports"]["schedule_poll_seconds"].value<int>()) c.report_schedule_poll_seconds = *v;
    if (auto v = t["server"]["live_queue_limit"].value<int>()) c.server.live_queue_limit = *v;
    if (auto v = t["center"]["country"].value<std::string>()) c.settings.country = *v;
    if (auto v = t["center"]["time_zone"].value<std::string>()) c.settings.time_zone = *v;
    if (auto v = t["limits"]["max_attachment_bytes"].value<std::int64_t>()) {
      c.settings.max_attachment_bytes = *v;
    }
    if (auto v = t["limits"]["track_rate_per_second"].value<double>()) {
      c.settings.track_rate_per_second = *v;
    }
    if (auto v = t["limits"]["track_burst"].value<double>()) c.settings.track_burst = *v;
    if (auto v = t["limits"]["portal_messages_per_hour"].value<int>()) {
      c.settings.portal_messages_per_hour = *v;
    }
    if (auto v = t["limits"]["portal_messages_per_day"].value<int>()) {
      c.settings.portal_messages_per_day = *v;
    }
    if (auto v = t["limits"]["inbound_sms_per_hour"].value<int>()) {
      c.settings.inbound_sms_per_hour = *v;
    }
    if (auto v = t["limits"]["inbound_email_per_hour"].value<int>()) {
      c.settings.inbound_email_per_hour = *v;
    }
    if (auto v = t["server"]["metrics_token"].value<std::string>()) c.server.metrics_token = *v;
  } else if (explicit_path) {
    throw std::runtime_error(path + ": no such config file");
  }
  if (auto v = Env("TAWASUL_STORE")) c.store_url = v;
  if (auto v = Env("TAWASUL_LISTEN")) ParseListen(v, c.server);
  if (auto v = Env("TAWASUL_WEB_ROOT")) c.server.web_root = v;
  if (auto v = Env("TAWASUL_MAP_TILES")) c.server.map_tiles = v;
  if (auto v = Env("TAWASUL_COUNTRY")) c.settings.country = v;
  if (auto v = Env("TAWASUL_TIME_ZONE")) c.settings.time_zone = v;
  if (auto v = Env("TAWASUL_TRACK_RATE")) {
    c.settings.track_rate_per_second = ToDouble(v, "TAWASUL_TRACK_RATE");
    c.settings.track_burst = std::max(c.settings.track_burst, c.settings.track_rate_per_second);
  }
  if (auto v = Env("TAWASUL_METRICS_TOKEN")) c.server.metrics_token = v;
  if (auto v = Env("TAWASUL_PORTAL_MESSAGES_PER_HOUR")) {
    c.settings.portal_messages_per_hour = ToInt(v, "TAWASUL_PORTAL_MESSAGES_PER_HOUR");
  }
  if (auto v = Env("TAWASUL_INBOUND_SMS_PER_HOUR")) {
    c.settings.inbound_sms_per_hour = ToInt(v, "TAWASUL_INBOUND_SMS_PER_HOUR");
  }
  if (auto v = Env("TAWASUL_PORTAL_MESSAGES_PER_DAY")) {
    c.settings.portal_messages_per_day = ToInt(v, "TAWASUL_PORTAL_MESSAGES_PER_DAY");
  }
  if (auto v = Env("TAWASUL_LIVE_POLL_MS")) {
    c.server.live_poll_ms = ToInt(v, "TAWASUL_LIVE_POLL_MS");
  }
  if (auto v = Env("TAWASUL_LIVE_QUEUE_LIMIT")) {
    c.server.live_queue_limit = ToInt(v, "TAWASUL_LIVE_QUEUE_LIMIT");
  }
  if (auto v = Env("TAWASUL_REPORT_SCHEDULE_POLL_SECONDS")) {
    c.report_schedule_poll_seconds = ToInt(v, "TAWASUL_REPORT_SCHEDULE_POLL_SECONDS");
  }
  ValidateSettings(c.settings);
  ValidateServer(c.server);
  CheckRange(c.report_schedule_poll_seconds, 1, 86400,
             "schedule_poll_seconds ([reports] or TAWASUL_REPORT_SCHEDULE_POLL_SECONDS)", " s");
  return c;
}

void ValidateServer(const http::ServerOptions& s) {
  // Faster than 50 ms is a busy loop on the store for every node; slower than a minute is no
  // longer "live". A queue under 16 cuts off clients on an ordinary burst; over 65536 lets one
  // stuck client hold megabytes.
  CheckRange(s.live_poll_ms, 50, 60000, "live_poll_ms ([server] or TAWASUL_LIVE_POLL_MS)", " ms");
  CheckRange(s.live_queue_limit, 16, 65536,
             "live_queue_limit ([server] or TAWASUL_LIVE_QUEUE_LIMIT)", " messages");
}

void ValidateSettings(const app::Settings& s) {
  // ICU knows the IANA zones; an unknown id comes back as the "Etc/Unknown" zone.
  std::unique_ptr<icu::TimeZone> zone(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(s.time_zone)));
  if (!zone || *zone == icu::TimeZone::getUnknown()) {
    throw std::runtime_error("time_zone: unknown time zone '" + s.time_zone +
                             "' (use an IANA name such as Asia/Riyadh or Asia/Tehran)");
  }
  if (s.country.size() != 2 || !std::isupper(static_cast<unsigned char>(s.country[0])) ||
      !std::isupper(static_cast<unsigned char>(s.country[1]))) {
    throw std::runtime_error("country: want an ISO 3166 alpha-2 code such as SA, AE, OM or IR");
  }
}

}  // namespace tawasul::cli
