#include "store/sqlite/sqlite_conn.hpp"

#include <sqlite3.h>

#include <string>

namespace tawasul::store::sqlite {
namespace {

constexpr int kBusyTimeoutMs = 10000;

DbError::Kind KindOf(int extended_rc) {
  switch (extended_rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return DbError::Kind::kUniqueViolation;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return DbError::Kind::kForeignKeyViolation;
    default:
      return DbError::Kind::kOther;
  }
}

/// "UNIQUE constraint failed: cases.tracking_code" → "tracking_code" (first column only).
std::string UniqueColumn(std::string_view message) {
  const auto colon = message.find(": ");
  if (colon == std::string_view::npos) return {};
  auto rest = message.substr(colon + 2);
  rest = rest.substr(0, rest.find(','));
  const auto dot = rest.find('.');
  if (dot != std::string_view::npos) rest = rest.substr(dot + 1);
  return std::string(rest);
}

/// Resets a statement (and drops its bindings) however the step loop ends.
struct ResetGuard {
  sqlite3_stmt* stmt;
  ~ResetGuard() {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
  }
};

}  // namespace

void SqliteClose::operator()(sqlite3* db) const { sqlite3_close_v2(db); }
void SqliteFinalize::operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }

SqliteConn::SqliteConn(const std::string& path, Mode mode) {
  const int flags =
      (mode == Mode::kWriter ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY) |
      SQLITE_OPEN_NOMUTEX;
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  db_.reset(raw);  // a handle is returned even on failure and must be closed
  if (rc != SQLITE_OK) {
    throw DbError(DbError::Kind::kOther, "sqlite: cannot open " + path + ": " +
                                             (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  if (mode == Mode::kWriter) {
    const auto journal = Query("PRAGMA journal_mode=WAL", {});
    if (journal.empty() || AsText(journal[0][0]) != "wal") {
      throw DbError(DbError::Kind::kOther, "sqlite: cannot switch " + path + " to WAL");
    }
    // Durability is a requirement: a returned write is fsync'd (group commit pays for it).
    ExecScript("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
  }
}

void SqliteConn::Fail(int rc, std::string_view context) {
  const int extended = sqlite3_extended_errcode(db_.get());
  std::string message = sqlite3_errmsg(db_.get());
  const auto kind = KindOf(extended != 0 ? extended : rc);
  std::string column;
  if (kind == DbError::Kind::kUniqueViolation) column = UniqueColumn(message);
  throw DbError(kind, "sqlite: " + message + " (in: " + std::string(context.substr(0, 200)) + ")",
                std::move(column));
}

sqlite3_stmt* SqliteConn::Prepare(std::string_view sql) {
  std::string key(sql);
  if (auto it = cache_.find(key); it != cache_.end()) return it->second.get();
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  if (rc != SQLITE_OK) Fail(rc, sql);
  if (raw == nullptr) {
    throw DbError(DbError::Kind::kOther, "sqlite: empty statement");
  }
  std::unique_ptr<sqlite3_stmt, SqliteFinalize> stmt(raw);
  return cache_.emplace(std::move(key), std::move(stmt)).first->second.get();
}

void SqliteConn::Bind(sqlite3_stmt* stmt, const Params& params) {
  const int expected = sqlite3_bind_parameter_count(stmt);
  if (expected != static_cast<int>(params.size())) {
    throw DbError(DbError::Kind::kOther, "sqlite: statement takes " + std::to_string(expected) +
                                             " parameters, got " + std::to_string(params.size()) +
                                             ": " + sqlite3_sql(stmt));
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    const std::string name = "$" + std::to_string(i + 1);
    const int index = sqlite3_bind_parameter_index(stmt, name.c_str());
    if (index == 0) {
      throw DbError(DbError::Kind::kOther,
                    "sqlite: no parameter " + name + " in: " + sqlite3_sql(stmt));
    }
    const Value& v = params[i];
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::monostate>(v)) {
      rc = sqlite3_bind_null(stmt, index);
    } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
      rc = sqlite3_bind_int64(stmt, index, *n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      rc = sqlite3_bind_double(stmt, index, *d);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      // The caller's params outlive the step loop, so SQLite need not copy.
      rc = sqlite3_bind_text64(stmt, index, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
    } else if (const auto* b = std::get_if<Blob>(&v)) {
      // A null pointer would bind NULL; an empty blob must stay an empty blob.
      rc = b->bytes.empty()
               ? sqlite3_bind_zeroblob(stmt, index, 0)
               : sqlite3_bind_blob64(stmt, index, b->bytes.data(), b->bytes.size(), SQLITE_STATIC);
    }
    if (rc != SQLITE_OK) Fail(rc, sqlite3_sql(stmt));
  }
}

void SqliteConn::Run(sqlite3_stmt* stmt, Rows* rows) {
  ResetGuard guard{stmt};
  const int columns = sqlite3_column_count(stmt);
  for (;;) {
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) return;
    if (rc != SQLITE_ROW) Fail(rc, sqlite3_sql(stmt));
    if (rows == nullptr) continue;
    Row row;
    row.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER:
          row.push_back(Int(sqlite3_column_int64(stmt, c)));
          break;
        case SQLITE_FLOAT:
          row.push_back(Real(sqlite3_column_double(stmt, c)));
          break;
        case SQLITE_TEXT: {
          const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          row.push_back(
              Text(std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c)))));
          break;
        }
        case SQLITE_BLOB: {
          const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt, c));
          const auto n = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
          row.push_back(Bytes(p != nullptr ? std::string(p, n) : std::string()));
          break;
        }
        default:
          row.push_back(Null());
          break;
      }
    }
    rows->push_back(std::move(row));
  }
}

Rows SqliteConn::Query(std::string_view sql, const Params& params) {
  sqlite3_stmt* stmt = Prepare(sql);
  Bind(stmt, params);
  Rows rows;
  Run(stmt, &rows);
  return rows;
}

std::int64_t SqliteConn::Exec(std::string_view sql, const Params& params) {
  sqlite3_stmt* stmt = Prepare(sql);
  Bind(stmt, params);
  Run(stmt, nullptr);
  return sqlite3_changes64(db_.get());
}

void SqliteConn::ExecScript(std::string_view sql) {
  const std::string text(sql);
  char* error = nullptr;
  const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = error != nullptr ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    const auto kind = KindOf(sqlite3_extended_errcode(db_.get()));
    throw DbError(kind, "sqlite: " + message,
                  kind == DbError::Kind::kUniqueViolation ? UniqueColumn(message) : "");
  }
}

// IMMEDIATE takes the write lock up front, so a transaction never fails half-way on
// another process's lock (busy_timeout waits for it instead).
void SqliteConn::Begin() { Exec("BEGIN IMMEDIATE", {}); }
void SqliteConn::Commit() { Exec("COMMIT", {}); }
void SqliteConn::Rollback() {
  if (sqlite3_get_autocommit(db_.get()) == 0) ExecScript("ROLLBACK");
}
void SqliteConn::Savepoint(std::string_view name) { Exec("SAVEPOINT " + std::string(name), {}); }
void SqliteConn::Release(std::string_view name) {
  Exec("RELEASE SAVEPOINT " + std::string(name), {});
}
void SqliteConn::RollbackTo(std::string_view name) {
  Exec("ROLLBACK TO SAVEPOINT " + std::string(name), {});
}

}  // namespace tawasul::store::sqlite
