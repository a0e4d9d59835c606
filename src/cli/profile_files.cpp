#include "cli/profile_files.hpp"

#include "app/installation/profile_lint.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tawasul::cli {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void AddTomlFiles(const fs::path& dir, std::vector<std::pair<std::string, std::string>>& out) {
  if (!fs::is_directory(dir)) return;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".toml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) out.emplace_back(f.string(), ReadAll(f));
}

}  // namespace

base::Result<app::Profile> ReadProfile(const std::string& profiles_dir, const std::string& name) {
  const fs::path root(profiles_dir);
  const fs::path profile_file = root / name / "profile.toml";
  if (name.empty() || name.find('/') != std::string::npos || !fs::is_regular_file(profile_file)) {
    std::string known;
    if (fs::is_directory(root)) {
      for (const auto& e : fs::directory_iterator(root)) {
        if (e.is_directory() && fs::exists(e.path() / "profile.toml")) {
          known += (known.empty() ? "" : ", ") + e.path().filename().string();
        }
      }
    }
    return base::Invalid("profile", "no profile \"" + name + "\" in " + profiles_dir +
                                        (known.empty() ? "" : " (known: " + known + ")"));
  }
  std::vector<std::pair<std::string, std::string>> workflows;
  AddTomlFiles(root / "_shared" / "workflows", workflows);
  AddTomlFiles(root / name / "workflows", workflows);
  return app::ParseProfile(profile_file.string(), ReadAll(profile_file), workflows);
}

int CheckProfiles(const std::string& profiles_dir, const std::vector<std::string>& names,
                  std::ostream& out) {
  std::vector<std::string> profiles = names;
  if (profiles.empty() && fs::is_directory(profiles_dir)) {
    for (const auto& e : fs::directory_iterator(profiles_dir)) {
      if (e.is_directory() && fs::exists(e.path() / "profile.toml")) {
        profiles.push_back(e.path().filename().string());
      }
    }
    std::sort(profiles.begin(), profiles.end());
  }
  int errors = 0;
  int warnings = 0;
  for (const auto& name : profiles) {
    auto profile = ReadProfile(profiles_dir, name);
    if (!profile) {
      // The loader's message names FILE:LINE already; its "profile: " prefix is the field.
      out << profile.error().message << "\n";
      ++errors;
      continue;
    }
    const fs::path file = fs::path(profiles_dir) / name / "profile.toml";
    for (const auto& w : app::LintProfile(*profile, file.string(), ReadAll(file))) {
      out << w.file << ":" << w.line << ": warning: " << w.message << "\n";
      ++warnings;
    }
  }
  out << profiles.size() << " profile(s): " << errors << " error(s), " << warnings << " warning(s)\n";
  return errors > 0 ? 1 : 0;
}

}  // namespace tawasul::cli
