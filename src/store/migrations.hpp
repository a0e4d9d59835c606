#pragma once

#include <span>
#include <string_view>

#include "store/db.hpp"

namespace tawasul::store {

/// One schema step, from src/store/migrations/<engine>/NNNN_name.sql (embedded at build time).
struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

/// The engine's migrations in ascending version order.
std::span<const Migration> Migrations(Engine engine);

}  // namespace tawasul::store
