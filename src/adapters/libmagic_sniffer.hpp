#pragma once

#include <memory>

#include "app/cases/media_sniffer.hpp"

namespace tawasul::adapters {

/// libmagic behind a mutex (a magic_t is not thread-safe).
std::unique_ptr<app::MediaSniffer> MakeLibmagicSniffer();

}  // namespace tawasul::adapters
