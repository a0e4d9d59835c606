#pragma once

// Labels that the reports and the wallboard show alike.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "domain/model.hpp"

namespace tawasul::app {

/// A name in the reader's language (ar, fa or en); when that one is empty, the first of ar, en,
/// fa that is not, so a row is never unlabelled.
std::string LocalizedLabel(const domain::LocalizedName& n, const std::string& language);

/// `root` and every node below it, from (id, parent_id) nodes (units, categories).
template <class IdT, class Node>
std::set<std::int64_t> Subtree(const std::vector<Node>& nodes, IdT root) {
  std::set<std::int64_t> out{root.value};
  for (bool grew = true; grew;) {
    grew = false;
    for (const Node& n : nodes) {
      if (n.parent_id && out.count(n.parent_id->value) != 0 && out.insert(n.id.value).second) {
        grew = true;
      }
    }
  }
  return out;
}

}  // namespace tawasul::app
