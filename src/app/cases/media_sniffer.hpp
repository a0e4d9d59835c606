#pragma once

#include <memory>
#include <string>

namespace tawasul::app {

/// Tells a file's media type from its bytes (never from what the client claims). The adapter:
/// adapters/libmagic_sniffer.
class MediaSniffer {
 public:
  virtual ~MediaSniffer() = default;
  virtual std::string Sniff(const std::string& content) = 0;
};

}  // namespace tawasul::app
