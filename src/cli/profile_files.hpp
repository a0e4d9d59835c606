#pragma once

#include <string>

#include "app/profile.hpp"

namespace tawasul::cli {

/// Reads profiles/NAME/profile.toml and the workflow files (profiles/_shared/workflows/*.toml,
/// then profiles/NAME/workflows/*.toml, each in name order, so a center's own file overrides a
/// shared one of the same workflow name) and parses them.
base::Result<app::Profile> ReadProfile(const std::string& profiles_dir, const std::string& name);

}  // namespace tawasul::cli
