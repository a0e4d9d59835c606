#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "store/db.hpp"

struct pg_conn;
struct pg_result;

namespace tawasul::store::postgres {

struct PgFinish {
  void operator()(pg_conn* conn) const;
};
struct PgClear {
  void operator()(pg_result* result) const;
};
using PgResultPtr = std::unique_ptr<pg_result, PgClear>;

/// A libpq connection: prepared statements (PQprepare/PQexecPrepared) cached per connection,
/// text results converted by column type, bytea sent in binary format.
/// Every connection runs with `synchronous_commit = on`.
class PgConn final : public Conn {
 public:
  explicit PgConn(const std::string& url);

  Engine engine() const override { return Engine::kPostgres; }
  Rows Query(std::string_view sql, const Params& params) override;
  std::int64_t Exec(std::string_view sql, const Params& params) override;
  void ExecScript(std::string_view sql) override;
  void Begin() override;
  void Commit() override;
  void Rollback() override;
  void Savepoint(std::string_view name) override;
  void Release(std::string_view name) override;
  void RollbackTo(std::string_view name) override;
  bool Healthy() const override;

 private:
  PgResultPtr Execute(std::string_view sql, const Params& params);
  const std::string& Prepare(std::string_view sql);
  void Simple(const std::string& sql);
  void EnsureConnected();
  [[noreturn]] void Fail(const pg_result* result, std::string_view context);

  std::unique_ptr<pg_conn, PgFinish> conn_;
  std::unordered_map<std::string, std::string> statements_;  // SQL → prepared name
  bool in_transaction_ = false;                              // between Begin and Commit/Rollback
};

}  // namespace tawasul::store::postgres
