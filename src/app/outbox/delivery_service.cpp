#include "app/outbox/delivery_service.hpp"

#include <charconv>
#include <cstring>
#include <optional>
#include <stdexcept>

namespace tawasul::app {
namespace {

std::optional<std::int64_t> ParsePositive(std::string_view s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

}  // namespace

DeliveryService::DeliveryService(OutboxStore& store, const base::Clock& clock, const ReportSigner& signer)
    : store_(store), clock_(clock), signer_(signer) {}

Status DeliveryService::KannelReport(std::string_view id_text, std::string_view type_text,
                                     std::string_view token, std::string_view answer) {
  const auto id = ParsePositive(id_text);
  if (!id) return base::Invalid("id", "want a message id");
  const auto type = ParsePositive(type_text);
  if (!type) return base::Invalid("type", "want Kannel's DLR type (1, 2, 4, 8 or 16)");
  if (!signer_.Verify(d::MessageId{*id}, token)) {
    return base::Error{base::ErrorCode::kForbidden, "the secret does not match", "secret"};
  }
  DeliveryReport report;
  report.id = d::MessageId{*id};
  report.at = clock_.Now();
  report.detail = std::string(answer);
  switch (*type) {
    case 1:
      report.status = DeliveryStatus::kDelivered;
      break;
    case 2:
    case 16:
      report.status = DeliveryStatus::kUndeliverable;
      if (report.detail.empty()) {
        report.detail = *type == 2 ? "the network could not deliver it" : "the SMSC rejected it";
      }
      break;
    case 8:
      report.status = DeliveryStatus::kAccepted;
      break;
    case 4:
      return base::Ok{};  // buffered at the SMSC: nothing a citizen or agent needs to see
    default:
      return base::Invalid("type", "want Kannel's DLR type (1, 2, 4, 8 or 16)");
  }
  auto r = store_.RecordDelivery(report);
  if (!r) return r.error();
  return base::Ok{};
}

}  // namespace tawasul::app
