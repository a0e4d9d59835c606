#pragma once

#include <string>

#include "app/services.hpp"

namespace tawasul::cli {

/// Loads the demo data set into an empty store: an organization tree, the 1933 center's seven
/// top categories, mosques, one user per role named after the role (password `password`),
/// and sample requests and contacts. Returns a one-line summary; throws on failure.
std::string LoadDemo(app::Store& store, app::AdminService& admin, app::CaseService& cases,
                     const app::Settings& settings, const std::string& password);

}  // namespace tawasul::cli
