#pragma once

#include <memory>
#include <string>

#include "app/store.hpp"
#include "base/time.hpp"

namespace tawasul::store {

/// Opens the store a URL names; does not migrate (call Store::Migrate()).
///  - `sqlite:PATH` (also `sqlite://PATH`, `sqlite:///abs/path`): one file, created with its
///    parent directories when missing; one writer connection plus read-only connections.
///  - `postgresql://…` or `postgres://…`: any libpq connection URI (user, host, port, db,
///    query parameters such as sslmode); one writer connection plus a pool of readers.
/// Timestamps the caller leaves at the epoch are filled from `clock`, which must outlive the
/// store (the overload without one uses the system clock).
/// Throws std::invalid_argument for any other scheme, store::DbError when the database cannot
/// be opened.
std::unique_ptr<app::Store> OpenStore(const std::string& url, const base::Clock& clock);
std::unique_ptr<app::Store> OpenStore(const std::string& url);

}  // namespace tawasul::store
