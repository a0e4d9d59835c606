#pragma once
// Checks the registry tags a user puts on a request or a contact as it is written.

#include <string>
#include <utility>
#include <vector>

#include "app/reports/tag_store.hpp"
#include "base/result.hpp"
#include "base/time.hpp"
#include "domain/model.hpp"

namespace tawasul::app {

/// The tags named in `names` as (name, key), without repeats: each must be in the registry and
/// usable at `now`, and for roles that do not tag requests, open to agents. Invalid names
/// `field[i]`; at most 10.
base::Result<std::vector<std::pair<std::string, std::string>>> CheckRegistryTags(
    TagStore& store, domain::Role role, const std::vector<std::string>& names, base::Time now,
    const std::string& field);

}  // namespace tawasul::app
