#pragma once

#include <string>
#include <vector>

#include "app/installation/profile.hpp"

namespace tawasul::app {

/// What loads but is probably a mistake in a profile (the loader refuses the rest, with its
/// FILE:LINE): an SMS template longer than one part, a workflow state no action reaches, an
/// action input that no effect or template reads. `tawasul profile check` prints them.
struct ProfileWarning {
  std::string file;
  int line = 1;
  std::string message;
};

/// The warnings of a parsed profile; `profile_file` and `profile_text` are its profile.toml (for
/// line numbers), the workflow files come with the profile.
std::vector<ProfileWarning> LintProfile(const Profile& profile, const std::string& profile_file,
                                        const std::string& profile_text);

}  // namespace tawasul::app
