#pragma once

#include <memory>
#include <string>

namespace tawasul::app {

/// Tells a file's media type from its bytes (never from what the client claims).
class MediaSniffer {
 public:
  virtual ~MediaSniffer() = default;
  virtual std::string Sniff(const std::string& content) = 0;
};

/// libmagic behind a mutex (a magic_t is not thread-safe).
std::unique_ptr<MediaSniffer> MakeLibmagicSniffer();

}  // namespace tawasul::app
