#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "store/db.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace tawasul::store::sqlite {

struct SqliteClose {
  void operator()(sqlite3* db) const;
};
struct SqliteFinalize {
  void operator()(sqlite3_stmt* stmt) const;
};

/// A libsqlite3 connection. The writer opens read-write with WAL, synchronous=FULL and foreign
/// keys on; readers open read-only. `$1`-style placeholders are SQLite named parameters.
class SqliteConn final : public Conn {
 public:
  enum class Mode { kWriter, kReader };
  SqliteConn(const std::string& path, Mode mode);

  Engine engine() const override { return Engine::kSqlite; }
  Rows Query(std::string_view sql, const Params& params) override;
  std::int64_t Exec(std::string_view sql, const Params& params) override;
  void ExecScript(std::string_view sql) override;
  void Begin() override;
  void Commit() override;
  void Rollback() override;
  void Savepoint(std::string_view name) override;
  void Release(std::string_view name) override;
  void RollbackTo(std::string_view name) override;
  bool Healthy() const override { return true; }

 private:
  sqlite3_stmt* Prepare(std::string_view sql);
  void Bind(sqlite3_stmt* stmt, const Params& params);
  /// Steps to completion, collecting rows when `rows` is given; resets the statement.
  void Run(sqlite3_stmt* stmt, Rows* rows);
  [[noreturn]] void Fail(int rc, std::string_view context);

  std::unique_ptr<sqlite3, SqliteClose> db_;
  std::unordered_map<std::string, std::unique_ptr<sqlite3_stmt, SqliteFinalize>> cache_;
};

}  // namespace tawasul::store::sqlite
