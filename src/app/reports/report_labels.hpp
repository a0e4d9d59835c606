#pragma once

// Labels that the reports and the wallboard show alike.
#include <string>

#include "domain/model.hpp"

namespace tawasul::app {

/// A name in the reader's language (ar, fa or en); when that one is empty, the first of ar, en,
/// fa that is not, so a row is never unlabelled.
std::string LocalizedLabel(const domain::LocalizedName& n, const std::string& language);

}  // namespace tawasul::app
