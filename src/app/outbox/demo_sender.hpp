#pragma once
// The sink `serve --demo-delivery` puts on a channel that has no gateway (`make run`): it takes
// every message and sends nothing, recording it as "demo:not-sent", so a newcomer sees each SMS
// and email a citizen would get move through the outbox (the messages page marks them "demo:
// not sent") instead of a queue that never moves. Never for a real center: a real gateway
// configured for a channel always wins.
#include <chrono>

#include "app/outbox/outbox.hpp"

namespace tawasul::app {

class DemoSender final : public MessageSender {
 public:
  static constexpr const char* kRef = "demo:not-sent";
  SendResult Send(const Outgoing&) override { return SendResult::Accepted(kRef); }
  std::chrono::seconds MaxSendTime() const override { return std::chrono::seconds(1); }
};

}  // namespace tawasul::app
