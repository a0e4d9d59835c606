#include "cli/delivery_config.hpp"

#include <toml++/toml.h>

#include <cctype>
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
    Text(t, "sms", "inbound_token", c.sms_inbound_token);
    Positive(path, t, "sms", "timeout_seconds", c.sms.timeout);

    Text(t, "email", "smtp_url", c.email.url);
    Text(t, "email", "username", c.email.username);
    Text(t, "email", "password", c.email.password);
    Text(t, "email", "from", c.email.from);
    Text(t, "email", "from_name", c.email.from_name);
    if (auto v = t["email"]["require_tls"].value<bool>()) c.email.require_tls = *v;
    Positive(path, t, "email", "timeout_seconds", c.email.timeout);

    if (const auto* boxes = t["mailboxes"].as_array()) {
      for (std::size_t i = 0; i < boxes->size(); ++i) {
        const auto* b = (*boxes)[i].as_table();
        const std::string where = path + ": [[mailboxes]] #" + std::to_string(i + 1);
        if (b == nullptr) throw std::runtime_error(where + ": want a table");
        DeliveryConfig::Mailbox m;
        auto text = [&](const char* key, std::string& out) {
          if (auto v = (*b)[key].value<std::string>()) out = *v;
        };
        text("name", m.settings.name);
        text("address", m.settings.address);
        text("category", m.settings.category);
        text("type", m.settings.type);
        text("fax_number_from", m.settings.fax_number_from);
        text("url", m.imap.url);
        text("username", m.imap.username);
        text("password", m.imap.password);
        text("ca_file", m.imap.ca_file);
        if (auto v = (*b)["fax"].value<bool>()) m.settings.fax = *v;
        if (auto v = (*b)["require_tls"].value<bool>()) m.imap.require_tls = *v;
        if (auto v = (*b)["poll_seconds"].value<std::int64_t>()) {
          if (*v <= 0) throw std::runtime_error(where + ": poll_seconds: want a positive integer");
          m.settings.poll = std::chrono::seconds(*v);
        }
        if (auto v = (*b)["poll_interval_ms"].value<std::int64_t>()) {
          if (*v <= 0) throw std::runtime_error(where + ": poll_interval_ms: want a positive integer");
          m.settings.poll = std::chrono::milliseconds(*v);
        }
        if (m.settings.name.empty()) throw std::runtime_error(where + ": name is required");
        for (const auto& other : c.mailboxes) {
          if (other.settings.name == m.settings.name) {
            throw std::runtime_error(where + ": name \"" + m.settings.name + "\" is used twice");
          }
        }
        if (!StartsWith(m.imap.url, "imap://") && !StartsWith(m.imap.url, "imaps://")) {
          throw std::runtime_error(where + ": url: want an imap:// or imaps:// URL");
        }
        if (m.settings.fax_number_from != "subject" && !StartsWith(m.settings.fax_number_from, "header:")) {
          throw std::runtime_error(where + ": fax_number_from: want \"subject\" or \"header:NAME\"");
        }
        std::string env = "TAWASUL_MAILBOX_PASSWORD_";
        for (const char ch : m.settings.name) {
          env += std::isalnum(static_cast<unsigned char>(ch))
                     ? static_cast<char>(std::toupper(static_cast<unsigned char>(ch)))
                     : '_';
        }
        if (auto v = Env(env.c_str())) m.imap.password = v;
        c.mailboxes.push_back(std::move(m));
      }
    }

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
  if (auto v = Env("TAWASUL_SMS_INBOUND_TOKEN")) c.sms_inbound_token = v;
  if (!c.sms_inbound_token.empty() && c.sms_inbound_token.size() < 16) {
    throw std::runtime_error(path + ": [sms] inbound_token: want at least 16 characters");
  }

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
