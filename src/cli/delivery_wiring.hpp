#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/outbox/delivery_service.hpp"
#include "app/outbox/demo_sender.hpp"
#include "app/installation/installation.hpp"
#include "app/outbox/outbox_worker.hpp"
#include "app/store.hpp"
#include "channels/kannel_sms.hpp"
#include "channels/smtp_email.hpp"
#include "cli/delivery_config.hpp"

namespace tawasul::cli {

/// What `serve` runs to deliver the outbox: the report signer and service (for the hook
/// routes), a sender and a worker thread per configured channel.
class Delivery {
 public:
  Delivery(DeliveryConfig config, app::Store& store, const base::Clock& clock,
           app::InstallationRef& installation);
  ~Delivery();

  app::DeliveryService& service() { return *service_; }
  const DeliveryConfig& config() const { return config_; }
  /// Starts the workers once the server listens: without a configured dlr_base_url, Kannel
  /// reports back to this server's own address (`host`, `port`).
  void Start(const std::string& host, std::uint16_t port);
  /// Finishes the sends in progress and stops the workers.
  void Stop();

 private:
  DeliveryConfig config_;
  app::Store& store_;
  const base::Clock& clock_;
  app::InstallationRef& installation_;
  std::unique_ptr<app::ReportSigner> signer_;
  std::unique_ptr<app::DeliveryService> service_;
  std::unique_ptr<channels::KannelSmsSender> sms_;
  app::DemoSender demo_;
  std::unique_ptr<channels::SmtpEmailSender> email_;
  std::vector<std::unique_ptr<app::OutboxWorker>> workers_;
};

}  // namespace tawasul::cli
