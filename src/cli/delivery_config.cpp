#include "cli/delivery_config.hpp"

#include <toml++/toml.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace tawasul::cli {
namespace {

const char* Env(const char* name) {
  const char* v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? v : nullptr;
}

void Text(const toml::table& t, const char* section, const char* key, std::string& out) {
  if (auto v = t[section][key].value<std::string>()) out = *v;
}

/// A positive integer key; anything else is an error naming it.
template <class Out>
void Positive(const std::string& path, const toml::table& t, const char* section, const char* key,
              Out& out) {
  const auto node = t[section][key];
  if (!node) return;
  const auto v = node.value<std::int64_t>();
  if (!v || *v <= 0) {
    throw std::runtime_error(path + ": [" + section + "] " + key + ": want a positive integer");
  }
  out = Out(*v);
}

bool StartsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

DeliveryConfig LoadDeliveryConfig(const std::string& path, bool explicit_path) {
  DeliveryConfig c;
  if (!path.empty() && std::filesystem::exists(path)) {
    toml::table t;
    try {
      t = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
      throw std::runtime_error(path + ":" + std::to_string(e.source().begin.line) + ": " +
                               std::string(e.description()));
    }
    Text(t, "sms", "sendsms_url", c.sms.sendsms_url);
    Text(t, "sms", "username", c.sms.username);
    Text(t, "sms", "password", c.sms.password);
    Text(t, "sms", "dlr_base_url", c.sms.dlr_base_url);
    Text(t, "sms", "sender", c.sms.default_sender);
    Text(t, "sms", "smsc", c.sms.smsc);
    Positive(path, t, "sms", "timeout_seconds", c.sms.timeout);

    Text(t, "email", "smtp_url", c.email.url);
    Text(t, "email", "username", c.email.username);
    Text(t, "email", "password", c.email.password);
    Text(t, "email", "from", c.email.from);
    Text(t, "email", "from_name", c.email.from_name);
    if (auto v = t["email"]["require_tls"].value<bool>()) c.email.require_tls = *v;
    Positive(path, t, "email", "timeout_seconds", c.email.timeout);

    Positive(path, t, "outbox", "poll_interval_ms", c.outbox.poll_interval);
    Positive(path, t, "outbox", "lease_seconds", c.outbox.lease);
    Positive(path, t, "outbox", "max_attempts", c.outbox.max_attempts);
    Positive(path, t, "outbox", "batch", c.outbox.batch);
    if (const auto* backoff = t["outbox"]["backoff_seconds"].as_array()) {
      c.outbox.backoff.clear();
      for (const auto& v : *backoff) {
        const auto s = v.value<std::int64_t>();
        if (!s || *s <= 0) {
          throw std::runtime_error(path + ": [outbox] backoff_seconds: want positive integers");
        }
        c.outbox.backoff.emplace_back(*s);
      }
    }
  } else if (explicit_path) {
    throw std::runtime_error(path + ": no such config file");
  }
  if (auto v = Env("TAWASUL_SMS_PASSWORD")) c.sms.password = v;
  if (auto v = Env("TAWASUL_SMTP_PASSWORD")) c.email.password = v;

  if (c.sms_enabled() && !StartsWith(c.sms.sendsms_url, "http://") &&
      !StartsWith(c.sms.sendsms_url, "https://")) {
    throw std::runtime_error(path + ": [sms] sendsms_url: want an http:// or https:// URL");
  }
  if (!c.email.url.empty() && !StartsWith(c.email.url, "smtp://") &&
      !StartsWith(c.email.url, "smtps://")) {
    throw std::runtime_error(path + ": [email] smtp_url: want an smtp:// or smtps:// URL");
  }
  if (!c.email.url.empty() && !channels::IsPlainEmailAddress(c.email.from)) {
    throw std::runtime_error(path +
                             ": [email] from: want a plain address such as "
                             "noreply@center.example");
  }
  // Every claim must outlast the sends it may hold, or a slow batch could lose its lease.
  const auto longest = std::max(c.sms.timeout, c.email.timeout) + std::chrono::seconds(1);
  if (c.outbox.lease <= longest * c.outbox.batch) {
    throw std::runtime_error(path +
                             ": [outbox] lease_seconds must exceed batch × the longest "
                             "send timeout (" +
                             std::to_string((longest * c.outbox.batch).count()) + " s)");
  }
  return c;
}

}  // namespace tawasul::cli
