#pragma once
// Installation facts every use case reads (country, time zone, limits).

#include <cstdint>
#include <string>

namespace tawasul::app {

/// Installation facts the use cases need.
struct Settings {
  std::string country = "SA";        ///< default region for phones and national IDs
  std::string time_zone = "Asia/Riyadh";
  std::int64_t max_attachment_bytes = 10 * 1024 * 1024;
  std::int64_t session_ttl_seconds = 12 * 3600;
  double track_rate_per_second = 1.0;   ///< public tracking lookups per client address
  double track_burst = 10;
  /// Messages a portal submission may cause to one recipient (per hour, per day), counting every
  /// message queued to it; past that the request is registered without its message.
  int portal_messages_per_hour = 3;
  int portal_messages_per_day = 6;
  /// SMS one number may send in an hour before more are kept as a flood (throttled: counted and
  /// listed for admins, opening and joining nothing, answered with nothing).
  int inbound_sms_per_hour = 10;
  /// The same for email (and fax by email), per sender address.
  int inbound_email_per_hour = 20;
};

}  // namespace tawasul::app
