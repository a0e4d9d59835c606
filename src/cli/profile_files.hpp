#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "app/installation/profile.hpp"

namespace tawasul::cli {

/// Reads profiles/NAME/profile.toml and the workflow files (profiles/_shared/workflows/*.toml,
/// then profiles/NAME/workflows/*.toml, each in name order, so a center's own file overrides a
/// shared one of the same workflow name) and parses them.
base::Result<app::Profile> ReadProfile(const std::string& profiles_dir, const std::string& name);

/// `tawasul profile check`: loads each named profile (all under `profiles_dir` when `names` is
/// empty) as `tawasul demo` would and prints `FILE:LINE: problem` for what the loader refuses
/// and `FILE:LINE: warning: ...` for what loads but is probably a mistake (app/profile_lint).
/// Returns 0, or 1 when a profile has an error.
int CheckProfiles(const std::string& profiles_dir, const std::vector<std::string>& names,
                  std::ostream& out);

}  // namespace tawasul::cli
