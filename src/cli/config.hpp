#pragma once

#include <string>

#include "app/settings.hpp"
#include "http/server.hpp"

namespace tawasul::cli {

/// The installation's configuration: defaults, then the TOML file, then TAWASUL_* environment
/// variables, then command-line flags (applied by main).
struct Config {
  std::string store_url = "sqlite:var/tawasul.db";
  http::ServerOptions server;
  app::Settings settings;
  /// How often the scheduled reports' worker looks for a month to send ([reports]
  /// schedule_poll_seconds or TAWASUL_REPORT_SCHEDULE_POLL_SECONDS).
  int report_schedule_poll_seconds = 300;
};

/// Reads `path` when it names a file (a missing default file is fine; a missing explicit one
/// throws), then the environment. Throws std::runtime_error with the file and problem.
Config LoadConfig(const std::string& path, bool explicit_path);

/// Rejects an unknown time zone or a malformed country code (std::runtime_error).
void ValidateSettings(const app::Settings& settings);

/// Rejects server settings out of range, naming the option (std::runtime_error).
void ValidateServer(const http::ServerOptions& server);

/// "HOST:PORT" → host and port; throws std::invalid_argument on anything else.
void ParseListen(const std::string& listen, http::ServerOptions& out);

}  // namespace tawasul::cli
