// The composition root: parses the command line and wires store, use cases and server.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "app/admin/admin_audit.hpp"
#include "app/installation/demo_history.hpp"
#include "app/installation/installation.hpp"
#include "adapters/libmagic_sniffer.hpp"
#include "adapters/sodium_crypto.hpp"
#include "adapters/xlsx_writer.hpp"
#include "app/cases/media_sniffer.hpp"
#include "app/inbound/email_intake.hpp"
#include "app/inbound/sms_intake.hpp"
#include "app/open311/open311_service.hpp"
#include "channels/imap_mailbox.hpp"
#include "channels/mime_email.hpp"
#include "app/services.hpp"
#include "app/sla/escalation_worker.hpp"
#include "app/installation/installation_admin.hpp"
#include "app/reports/report_schedule.hpp"
#include "base/periodic_worker.hpp"
#include "app/reports/report_service.hpp"
#include "app/surveys/survey_service.hpp"
#include "cli/config.hpp"
#include "cli/delivery_wiring.hpp"
#include "cli/profile_files.hpp"
#include "domain/model.hpp"
#include "http/server.hpp"
#include "store/open_store.hpp"

namespace {

using namespace tawasul;

/// Everything a subcommand may need, built from the configuration.
struct Wiring {
  explicit Wiring(const cli::Config& config)
      : config(config),
        store(store::OpenStore(config.store_url)),
        sniffer(adapters::MakeLibmagicSniffer()),
        installation(app::Installation::Make({}, {}, {})),
        auth(*store, crypto, clock, this->config.settings),
        admin(*store, crypto, installation),
        cases(*store, crypto, *sniffer, clock, this->config.settings, installation),
        pub(*store, cases, clock, this->config.settings),
        actions(*store, cases, crypto, clock, installation),
        surveys(*store, crypto, clock, this->config.settings, installation),
        reports(*store, *store, installation, clock),
        installation_admin(*store, installation),
        audit(*store, cases, clock),
        wallboard(*store, installation, clock),
        calls(*store, cases, crypto, clock, this->config.settings),
        sms_intake(*store, *store, cases, crypto, clock, this->config.settings, installation),
        open311(*store, *store, cases, crypto, clock, this->config.settings, installation),
        schedules(*store, reports, installation, clock, &adapters::ToXlsx) {}

  /// Reads the installation the store was made with; its country and time zone win over the
  /// configuration's, which only serve a store made without a profile.
  void LoadInstallation() {
    auto inst = app::Installation::Load(*store);
    if (!inst) throw std::runtime_error(inst.error().message);
    if (!(*inst)->settings().profile.empty()) {
      config.settings.country = (*inst)->settings().country;
      config.settings.time_zone = (*inst)->settings().time_zone;
    }
    installation.Set(*inst);
    // Reports' daily totals bucket by this installation's time zone (recounted if it changed).
    if (auto synced = reports.SyncDailyTotals(); !synced) {
      throw std::runtime_error(synced.error().message);
    }
    // Tags from before the registry, keyed by lower case only, get the full fold; those that
    // then name one topic become one (the oldest keeps every request and contact).
    if (auto merged = reports.RekeyTags(); !merged) {
      throw std::runtime_error(merged.error().message);
    } else if (*merged > 0) {
      spdlog::info("tags: {} merged into tags of the same topic", *merged);
    }
  }

  cli::Config config;
  base::SystemClock clock;
  adapters::SodiumCrypto crypto;
  std::unique_ptr<app::Store> store;
  std::unique_ptr<app::MediaSniffer> sniffer;
  app::InstallationRef installation;
  app::AuthService auth;
  app::AdminService admin;
  app::CaseService cases;
  app::PublicService pub;
  app::ActionService actions;
  app::SurveyService surveys;
  app::ReportService reports;
  app::InstallationAdmin installation_admin;
  app::AuditService audit;
  app::WallboardService wallboard;
  app::CallService calls;
  app::SmsIntake sms_intake;
  app::Open311Service open311;
  app::ReportScheduleService schedules;
};

std::string ReadPasswordFromStdin() {
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"tawasul: a public contact center (requests, tracking codes, follow-up)"};
  cli.require_subcommand(1);
  std::string config_path = "tawasul.toml";
  std::string store_url;
  auto* config_opt = cli.add_option("--config", config_path, "TOML configuration file")
                         ->envname("TAWASUL_CONFIG");
  cli.add_option("--store", store_url,
                 "store URL: sqlite:PATH (default sqlite:var/tawasul.db) or postgresql://...");

  auto* serve = cli.add_subcommand("serve", "serve the HTTP API and the web app");
  std::string listen;
  std::string port_file;
  std::string web_root;
  serve->add_option("--listen", listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
  serve->add_option("--port-file", port_file, "write the bound port here once listening");
  serve->add_option("--web-root", web_root, "folder of the built web app");
  std::string map_tiles;
  serve->add_option("--map-tiles", map_tiles,
                    "tile server URL template for the request view's map ({z}/{x}/{y}); none by default");
  bool demo_delivery = false;
  serve->add_flag("--demo-delivery", demo_delivery,
                  "a channel with no gateway marks its messages sent without sending them (demos)");
  int read_timeout = 0;
  serve->add_option("--read-timeout", read_timeout,
                    "seconds a client may take to send a request before it is cut off");

  auto* migrate = cli.add_subcommand("migrate", "create or upgrade the store's schema");

  auto* user = cli.add_subcommand("user", "manage users");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "add a user; the password is read from stdin");
  app::NewUserInput new_user;
  std::string role_name;
  std::string unit_code;
  user_add->add_option("--username", new_user.username, "login name")->required();
  user_add->add_option("--role", role_name,
                       "agent, dispatcher, unit_staff, head, supervisor, analyst or admin")
      ->required();
  user_add->add_option("--display-name", new_user.display_name, "name shown to others")->required();
  user_add->add_option("--unit", unit_code, "code of the user's unit (required for unit_staff)");
  user_add->add_option("--language", new_user.language, "ar, fa or en")->default_val("ar");

  auto* audit = cli.add_subcommand("audit", "the audit trail of administrative changes");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand(
      "verify", "check the trail's hash chain; exits 1 and names the first broken entry");

  auto* demo = cli.add_subcommand("demo", "load a center's profile and demo data into an empty store");
  std::string demo_password = "tawasul-demo";
  std::string profile_name = "moia-1933";
  std::string profiles_dir = "profiles";
  bool if_empty = false;
  demo->add_option("--password", demo_password, "password of every demo user")
      ->default_val("tawasul-demo");
  demo->add_option("--profile", profile_name,
                   "mosques-8940, moia-1933, iacad-dubai, muscat-1111 or pr-center")
      ->default_val("moia-1933");
  demo->add_option("--profiles-dir", profiles_dir, "folder holding the profiles")
      ->default_val("profiles")
      ->envname("TAWASUL_PROFILES_DIR");
  demo->add_flag("--if-empty", if_empty, "do nothing (and succeed) when the store has data");
  int history_days = 0;
  demo->add_option("--history", history_days,
                   "also load DAYS of plausible past requests and contacts (0: none; `make run` "
                   "loads 180 so the dashboards have shapes)")
      ->default_val(0)
      ->check(CLI::Range(0, 3660));

  auto* profile = cli.add_subcommand("profile", "center profiles");
  profile->require_subcommand(1);
  auto* profile_check = profile->add_subcommand(
      "check", "load profiles as `demo` would, without a store: FILE:LINE errors and warnings");
  std::vector<std::string> check_names;
  std::string check_dir = "profiles";
  profile_check->add_option("names", check_names, "profiles to check (default: every one)");
  profile_check->add_option("--profiles-dir", check_dir, "folder holding the profiles")
      ->default_val("profiles")
      ->envname("TAWASUL_PROFILES_DIR");

  CLI11_PARSE(cli, argc, argv);

  if (*profile_check) return cli::CheckProfiles(check_dir, check_names, std::cout);

  try {
    cli::Config config = cli::LoadConfig(config_path, config_opt->count() > 0);
    if (!store_url.empty()) config.store_url = store_url;
    if (!listen.empty()) cli::ParseListen(listen, config.server);
    if (!port_file.empty()) config.server.port_file = port_file;
    if (!web_root.empty()) config.server.web_root = web_root;
    if (!map_tiles.empty()) config.server.map_tiles = map_tiles;
    if (const std::string why = http::MapTilesProblem(config.server.map_tiles); !why.empty()) {
      std::cerr << "map_tiles: " << why << "\n";
      return 2;
    }
    if (read_timeout > 0) config.server.read_timeout_seconds = read_timeout;

    Wiring w(config);

    if (*migrate) {
      const int version = w.store->Migrate();
      w.LoadInstallation();  // recounts the report totals now rather than at the next start
      std::cout << "schema version " << version << "\n";
      return 0;
    }
    w.store->Migrate();
    w.LoadInstallation();

    if (*user_add) {
      auto role = domain::ParseRole(role_name);
      if (!role) {
        std::cerr << "tawasul: unknown role '" << role_name << "'\n";
        return 2;
      }
      new_user.role = *role;
      if (!unit_code.empty()) {
        for (const auto& u : w.store->ListUnits()) {
          if (u.code == unit_code) new_user.unit_id = u.id;
        }
        if (!new_user.unit_id) {
          std::cerr << "tawasul: no unit with code '" << unit_code << "'\n";
          return 2;
        }
      }
      new_user.password = ReadPasswordFromStdin();
      auto created = w.admin.CreateUserUnchecked(new_user);
      if (!created) {
        std::cerr << "tawasul: " << created.error().field << ": " << created.error().message
                  << "\n";
        return 1;
      }
      // From the console: on the audit trail with no actor.
      app::AdminAuditEntry entry;
      entry.entity = "user";
      entry.key = std::to_string(created->id.value);
      entry.action = "create";
      entry.new_value = app::Describe(*created) + "; by=tawasul user add";
      (void)w.store->AppendAdminAudit(entry);
      std::cout << "user " << created->username << " (id " << created->id.value << ") added\n";
      return 0;
    }

    if (*audit_verify) {
      const app::AdminAuditCheck check = w.store->VerifyAdminAudit();
      if (check.broken_at) {
        std::cout << "audit: the chain is broken at entry " << *check.broken_at << ": "
                  << check.why << " (" << check.checked << " entries read)\n";
        return 1;
      }
      std::cout << "audit: " << check.checked << " entries, the chain is intact\n";
      return 0;
    }

    if (*demo) {
      if (if_empty && !w.store->IsEmpty()) {
        std::cout << "demo: the store already holds data; nothing loaded\n";
        return 0;
      }
      auto profile = cli::ReadProfile(profiles_dir, profile_name);
      if (!profile) {
        std::cerr << "tawasul: " << profile.error().message << "\n";
        return 1;
      }
      w.config.settings.country = profile->settings.country;  // sample phones are local numbers
      w.config.settings.time_zone = profile->settings.time_zone;
      auto loaded = app::LoadProfile(*profile, *w.store, w.admin, w.cases, w.installation,
                                     demo_password);
      if (!loaded) {
        std::cerr << "tawasul: " << loaded.error().message << "\n";
        return 1;
      }
      if (history_days > 0) {
        app::DemoHistoryOptions history;
        history.days = history_days;
        auto made = app::LoadDemoHistory(*w.store, w.installation, history, w.clock.Now());
        if (!made) {
          std::cerr << "tawasul: " << made.error().message << "\n";
          return 1;
        }
        std::cout << *made << "\n";
      }
      if (auto synced = w.reports.SyncDailyTotals(); !synced) {  // the profile's time zone
        std::cerr << "tawasul: " << synced.error().message << "\n";
        return 1;
      }
      std::cout << *loaded << "\n";
      return 0;
    }

    if (*serve) {
      // The outbox's workers start once the server listens (Kannel's reports come back to it).
      cli::DeliveryConfig delivery_config =
          cli::LoadDeliveryConfig(config_path, config_opt->count() > 0);
      delivery_config.demo_sink = demo_delivery;
      cli::Delivery delivery(std::move(delivery_config), *w.store, w.clock, w.installation);
      w.config.server.on_listening = [&](std::uint16_t port) {
        delivery.Start(w.config.server.host, port);
      };
      http::Services services{*w.store,   *w.store,       w.auth,  w.admin,
                              w.cases,    w.pub,          w.actions, w.installation,
                              w.clock,    w.config.settings, &delivery.service()};
      services.surveys = &w.surveys;
      services.reports = &w.reports;
      services.xlsx = &adapters::ToXlsx;
      services.installation_admin = &w.installation_admin;
      services.audit = &w.audit;
      services.wallboard = &w.wallboard;
      services.calls = &w.calls;
      w.sms_intake.SetToken(delivery.config().sms_inbound_token);
      services.sms_intake = &w.sms_intake;
      services.open311 = &w.open311;
      // Email and fax by email: each [[mailboxes]] entry read over IMAP (decision 0028).
      app::EmailIntake email_intake(*w.store, *w.store, w.cases, w.clock, w.config.settings,
                                    w.installation, [](const std::string& raw) {
                                      return channels::ParseEmail(raw);
                                    });
      {
        std::vector<std::string> own;
        auto lower = [](std::string a) {
          for (char& ch : a) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
          return a;
        };
        if (!delivery.config().email.from.empty()) own.push_back(lower(delivery.config().email.from));
        for (const auto& b : delivery.config().mailboxes) {
          if (!b.settings.address.empty()) own.push_back(lower(b.settings.address));
        }
        email_intake.SetOwnAddresses(std::move(own));
      }
      services.email_intake = &email_intake;
      std::vector<std::unique_ptr<app::MailPoller>> mail_pollers;
      for (const auto& b : delivery.config().mailboxes) {
        mail_pollers.push_back(std::make_unique<app::MailPoller>(
            b.settings, std::make_unique<channels::ImapMailbox>(b.imap), email_intake, *w.store,
            [](bool error, const std::string& line) {
              if (error) {
                spdlog::error("{}", line);
              } else {
                spdlog::info("{}", line);
              }
            }));
        mail_pollers.back()->Start();
        spdlog::info("mailbox {}: reading {}", b.settings.name, b.imap.url);
      }
      services.schedules = &w.schedules;
      // The SLA timer: warnings and breaches, from each clock's next check kept in the store.
      app::EscalationWorker escalation(
          *w.store, *w.store, w.clock, w.installation,
          {std::chrono::seconds(15), 100, [](bool error, const std::string& line) {
             if (error) {
               spdlog::error("{}", line);
             } else {
               spdlog::info("{}", line);
             }
           }});
      escalation.Start();
      // Another node's admin edit (templates, holidays) reaches this one within a few seconds.
      app::InstallationWatcher watcher(*w.store, w.installation, std::chrono::seconds(2),
                                       [](const std::string& line) { spdlog::error("{}", line); });
      watcher.Start();
      // Scheduled reports: each unit's last month, once it is over, through the outbox.
      base::PeriodicWorker monthly(
          std::chrono::seconds(w.config.report_schedule_poll_seconds),
          [&w] {
            if (const int n = w.schedules.RunOnce(); n > 0) {
              spdlog::info("scheduled reports: {} queued", n);
            }
            return false;
          },
          [](const std::string& line) { spdlog::error("scheduled reports: {}", line); });
      monthly.Start();
      spdlog::info("tawasul: store {}, listening on {}:{}", w.config.store_url,
                   w.config.server.host, w.config.server.port);
      const int rc = http::RunServer(w.config.server, services);
      for (auto& p : mail_pollers) p->Stop();
      delivery.Stop();
      return rc;
    }
  } catch (const std::exception& e) {
    std::cerr << "tawasul: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
