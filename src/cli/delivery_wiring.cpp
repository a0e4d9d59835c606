#include "cli/delivery_wiring.hpp"

#include "adapters/report_signer.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

namespace tawasul::cli {
namespace {

std::string HostName() {
  char name[256] = {0};
  if (::gethostname(name, sizeof name - 1) != 0) return "localhost";
  return name;
}

/// This server as Kannel on the same host reaches it.
std::string OwnBaseUrl(const std::string& host, std::uint16_t port) {
  std::string h = host;
  if (h.empty() || h == "0.0.0.0") h = "127.0.0.1";
  if (h == "::") h = "::1";
  if (h.find(':') != std::string::npos) h = "[" + h + "]";
  return "http://" + h + ":" + std::to_string(port);
}

}  // namespace

Delivery::Delivery(DeliveryConfig config, app::Store& store, const base::Clock& clock,
                   app::InstallationRef& installation)
    : config_(std::move(config)), store_(store), clock_(clock), installation_(installation) {
  signer_ = std::make_unique<adapters::SodiumReportSigner>(
      adapters::SodiumReportSigner::LoadKey(store_));
  service_ = std::make_unique<app::DeliveryService>(store_, clock_, *signer_);
}

Delivery::~Delivery() { Stop(); }

void Delivery::Start(const std::string& host, std::uint16_t port) {
  if (!workers_.empty()) return;
  auto options = config_.outbox;
  options.log = [](bool error, const std::string& line) {
    if (error) {
      spdlog::error("{}", line);
    } else {
      spdlog::warn("{}", line);
    }
  };
  const std::string node = HostName() + ":" + std::to_string(::getpid());
  auto add = [&](const std::string& channel, app::MessageSender* sender) {
    options.worker_id = node + ":" + channel;
    workers_.push_back(std::make_unique<app::OutboxWorker>(
        store_, clock_, installation_, *signer_,
        std::map<std::string, app::MessageSender*>{{channel, sender}}, options));
    workers_.back()->Start();
  };

  if (config_.sms_enabled()) {
    auto sms = config_.sms;
    if (sms.dlr_base_url.empty()) sms.dlr_base_url = OwnBaseUrl(host, port);
    spdlog::info("sms: sending through Kannel; delivery reports to {}", sms.dlr_base_url);
    sms_ = std::make_unique<channels::KannelSmsSender>(sms);
    add("sms", sms_.get());
  } else if (config_.demo_sink) {
    spdlog::warn("sms: not configured; demo sink: SMS are marked sent and never leave (--demo-delivery)");
    add("sms", &demo_);
  } else {
    spdlog::warn("sms: not configured ([sms] sendsms_url): SMS stay queued");
  }
  if (config_.email_enabled()) {
    spdlog::info("email: sending through {}", config_.email.url);
    email_ = std::make_unique<channels::SmtpEmailSender>(config_.email, clock_);
    add("email", email_.get());
  } else if (config_.demo_sink) {
    spdlog::warn("email: not configured; demo sink: email is marked sent and never leaves (--demo-delivery)");
    add("email", &demo_);
  } else {
    spdlog::warn("email: not configured ([email] smtp_url, from): email stays queued");
  }
}

void Delivery::Stop() {
  for (auto& w : workers_) w->Stop();
  workers_.clear();
}

}  // namespace tawasul::cli
