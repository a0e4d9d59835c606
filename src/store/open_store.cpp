#include "store/open_store.hpp"

#include <filesystem>
#include <stdexcept>
#include <string_view>

#include "store/postgres/pg_conn.hpp"
#include "store/sql_store.hpp"
#include "store/sqlite/sqlite_conn.hpp"

namespace tawasul::store {
namespace {

// SQLite readers are cheap (a file handle and a page cache each), so there is one for each
// HTTP worker thread and reads never queue. PostgreSQL readers are server processes shared by
// every node, so each node keeps a smaller pool and queues fairly (see ConnPool).
constexpr std::size_t kSqliteReaders = 64;
constexpr std::size_t kPostgresReaders = 16;

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::unique_ptr<app::Store> OpenSqlite(std::string path, const base::Clock& clock) {
  if (StartsWith(path, "//")) path.erase(0, 2);  // sqlite://x and sqlite:///abs/x
  if (path.empty()) throw std::invalid_argument("store URL sqlite: needs a file path");
  if (path == ":memory:" || StartsWith(path, "file:")) {
    // Readers open their own connections to the same file; an in-memory database has none.
    throw std::invalid_argument("store URL sqlite:" + path + ": give a file path");
  }
  const std::filesystem::path file(path);
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  // The writer first: it creates the file and switches it to WAL before readers open it.
  auto writer = std::make_unique<sqlite::SqliteConn>(path, sqlite::SqliteConn::Mode::kWriter);
  auto readers = [path]() -> std::unique_ptr<Conn> {
    return std::make_unique<sqlite::SqliteConn>(path, sqlite::SqliteConn::Mode::kReader);
  };
  return std::make_unique<SqlStore>(Engine::kSqlite, std::move(writer), std::move(readers),
                                    kSqliteReaders, clock);
}

std::unique_ptr<app::Store> OpenPostgres(const std::string& url, const base::Clock& clock) {
  auto writer = std::make_unique<postgres::PgConn>(url);
  auto readers = [url]() -> std::unique_ptr<Conn> {
    return std::make_unique<postgres::PgConn>(url);
  };
  return std::make_unique<SqlStore>(Engine::kPostgres, std::move(writer), std::move(readers),
                                    kPostgresReaders, clock);
}

const base::SystemClock& DefaultClock() {
  static const base::SystemClock clock;  // stateless; safe to share
  return clock;
}

}  // namespace

std::unique_ptr<app::Store> OpenStore(const std::string& url, const base::Clock& clock) {
  if (StartsWith(url, "sqlite:")) return OpenSqlite(url.substr(7), clock);
  if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://")) {
    return OpenPostgres(url, clock);
  }
  // Only the scheme is echoed: the rest may hold a password.
  throw std::invalid_argument("unsupported store URL scheme '" + url.substr(0, url.find(':')) +
                              "': use sqlite:PATH or postgresql://USER@HOST:PORT/DB");
}

std::unique_ptr<app::Store> OpenStore(const std::string& url) {
  return OpenStore(url, DefaultClock());
}

}  // namespace tawasul::store
