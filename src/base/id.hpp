#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace tawasul::base {

/// A strong id: an Id<CaseTag> cannot be passed where an Id<UserTag> is wanted.
template <class Tag>
struct Id {
  std::int64_t value = 0;
  auto operator<=>(const Id&) const = default;
  bool valid() const { return value > 0; }
};

}  // namespace tawasul::base

template <class Tag>
struct std::hash<tawasul::base::Id<Tag>> {
  std::size_t operator()(const tawasul::base::Id<Tag>& id) const noexcept {
    return std::hash<std::int64_t>{}(id.value);
  }
};
