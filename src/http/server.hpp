#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "app/outbox/delivery_service.hpp"
#include "app/reports/export_table.hpp"
#include "app/services.hpp"
#include "app/live/live_store.hpp"
#include "app/store_health.hpp"
#include "app/reports/wallboard_service.hpp"
#include "app/installation/installation_admin.hpp"
#include "app/audit/audit_service.hpp"
#include "app/contacts/call_service.hpp"
#include "app/reports/report_schedule.hpp"
#include "app/surveys/survey_service.hpp"

namespace tawasul::app {
class ReportService;  // app/report_service.hpp
class SmsIntake;      // app/inbound/sms_intake.hpp
class Open311Service; // app/open311/open311_service.hpp
class EmailIntake;    // app/inbound/email_intake.hpp
}  // namespace tawasul::app

namespace tawasul::http {

/// The scheme and host of an http(s) URL template ("https://a.tile.example:8443"); "" for a
/// path on this server or anything else.
std::string OriginOf(const std::string& url);
/// Empty, or why `url` cannot be a tile server's template (needs {z}, {x} and {y}; an http(s)
/// URL or a path starting with "/"; no quotes, spaces or semicolons, which would break the CSP).
std::string MapTilesProblem(const std::string& url);

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;        ///< 0: pick a free port (written to port_file)
  std::string port_file;            ///< when set, the bound port is written here once listening
  std::string web_root;             ///< static files (the built web app); empty: none
  /// The tile server the request view's map reads ("https://tiles.example/{z}/{x}/{y}.png" or a
  /// path on this server); empty: no map, and nothing is loaded from outside. Its origin is
  /// added to the pages' img-src.
  std::string map_tiles;
  int io_threads = 2;
  int worker_threads = 64;          ///< blocking use cases (store, argon2) run here, not on I/O
  std::size_t body_limit = 12 * 1024 * 1024;
  std::size_t json_body_limit = 256 * 1024;
  std::size_t header_limit = 16 * 1024;
  int read_timeout_seconds = 30;    ///< a slow client is cut off after this
  bool trust_forwarded_for = false; ///< behind a load balancer: take the client from X-Forwarded-For
  /// /metrics: when set, only with "Authorization: Bearer <metrics_token>"; when empty, only to
  /// clients on the loopback (the series name routes and counts, not for the public).
  std::string metrics_token;
  /// The live feed (/api/v1/ws, decisions/0015): how often it reads the store while a socket
  /// is open, and how many messages a socket may fall behind before it is cut off.
  int live_poll_ms = 500;
  int live_queue_limit = 256;
  /// Called once listening, with the bound port (e.g. to start workers that need it).
  std::function<void(std::uint16_t port)> on_listening;
};

/// Everything the handlers call; owned by cli/ (the composition root).
struct Services {
  app::StoreHealth& store;  ///< /health and /metrics only: handlers reach data through use cases
  app::LiveStore& live;     ///< the change feed behind /api/v1/ws
  app::AuthService& auth;
  app::AdminService& admin;
  app::CaseService& cases;
  app::PublicService& pub;
  app::ActionService& actions;
  app::InstallationRef& installation;
  const base::Clock& clock;
  const app::Settings& settings;
  app::DeliveryService* delivery = nullptr;  ///< delivery reports; null: the hooks answer 503
  app::SurveyService* surveys = nullptr;     ///< surveys, call ratings, reviews; null: 503
  app::ReportService* reports = nullptr;     ///< reports; null: 503
  app::XlsxWriter xlsx = nullptr;            ///< spreadsheet exports; null: XLSX answers 503
  app::InstallationAdmin* installation_admin = nullptr;  ///< /admin settings and workflows; null: 503
  app::AuditService* audit = nullptr;        ///< access logs and resends; null: 503
  app::WallboardService* wallboard = nullptr;  ///< the wallboard; null: 503
  app::CallService* calls = nullptr;  ///< the CTI endpoint, callbacks, screen-pops; null: 503
  app::ReportScheduleService* schedules = nullptr;  ///< scheduled reports; null: 503
  app::SmsIntake* sms_intake = nullptr;  ///< SMS from citizens (Kannel MO); null: 503
  app::Open311Service* open311 = nullptr;  ///< Open311 GeoReport v2; null: 503
  app::EmailIntake* email_intake = nullptr;  ///< mailboxes read over IMAP (counters on /metrics)
};

/// Serves until SIGINT or SIGTERM, then finishes in-flight requests and returns 0.
int RunServer(const ServerOptions& options, Services& services);

}  // namespace tawasul::http
