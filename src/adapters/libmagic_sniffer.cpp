#include "adapters/libmagic_sniffer.hpp"

#include <magic.h>

#include <mutex>
#include <stdexcept>

namespace tawasul::adapters {
namespace {

class LibmagicSniffer final : public app::MediaSniffer {
 public:
  LibmagicSniffer() : cookie_(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)) {
    if (cookie_ == nullptr || magic_load(cookie_, nullptr) != 0) {
      throw std::runtime_error("libmagic: cannot load the magic database");
    }
  }
  ~LibmagicSniffer() override { magic_close(cookie_); }
  LibmagicSniffer(const LibmagicSniffer&) = delete;
  LibmagicSniffer& operator=(const LibmagicSniffer&) = delete;

  std::string Sniff(const std::string& content) override {
    std::lock_guard lock(mu_);
    const char* type = magic_buffer(cookie_, content.data(), content.size());
    return type != nullptr ? type : "application/octet-stream";
  }

 private:
  std::mutex mu_;
  magic_t cookie_;
};

}  // namespace

std::unique_ptr<app::MediaSniffer> MakeLibmagicSniffer() { return std::make_unique<LibmagicSniffer>(); }

}  // namespace tawasul::adapters
