#include "store/postgres/pg_conn.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string_view>
#include <vector>

namespace tawasul::store::postgres {
namespace {

// Type OIDs from pg_type.h (server headers are not part of libpq-dev's public API).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

// Durability is a requirement; never inherit a weakened setting from the server config.
constexpr const char* kSessionSetup = "SET synchronous_commit = on; SET client_encoding = 'UTF8'";

void IgnoreNotice(void*, const char*) {}

std::int64_t ParseInt(const char* text, int length) {
  std::int64_t v = 0;
  const auto r = std::from_chars(text, text + length, v);
  if (r.ec != std::errc()) throw DbError(DbError::Kind::kOther, "postgres: bad integer");
  return v;
}

double ParseReal(const char* text, int length) {
  double v = 0;
  const auto r = std::from_chars(text, text + length, v);
  if (r.ec != std::errc()) {
    const std::string_view s(text, static_cast<std::size_t>(length));
    if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (s == "Infinity") return std::numeric_limits<double>::infinity();
    if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
    throw DbError(DbError::Kind::kOther, "postgres: bad number");
  }
  return v;
}

Value Convert(const PGresult* res, int row, int col) {
  if (PQgetisnull(res, row, col)) return Null();
  const char* text = PQgetvalue(res, row, col);
  const int length = PQgetlength(res, row, col);
  switch (PQftype(res, col)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid:
      return Int(ParseInt(text, length));
    case kBoolOid:
      return Int(text[0] == 't' ? 1 : 0);
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid:
      return Real(ParseReal(text, length));
    case kByteaOid: {
      std::size_t n = 0;
      unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &n);
      if (raw == nullptr) throw DbError(DbError::Kind::kOther, "postgres: bad bytea");
      std::string bytes(reinterpret_cast<const char*>(raw), n);
      PQfreemem(raw);
      return Bytes(std::move(bytes));
    }
    default:
      return Text(std::string(text, static_cast<std::size_t>(length)));
  }
}

/// "cases_tracking_code_key" on table "cases" → "tracking_code".
std::string UniqueColumn(const char* table, const char* constraint) {
  if (constraint == nullptr) return {};
  std::string_view c(constraint);
  if (table != nullptr) {
    const std::string prefix = std::string(table) + "_";
    if (c.substr(0, prefix.size()) == prefix) c.remove_prefix(prefix.size());
  }
  for (std::string_view suffix : {"_key", "_pkey", "_idx"}) {
    if (c.size() > suffix.size() && c.substr(c.size() - suffix.size()) == suffix) {
      c.remove_suffix(suffix.size());
      break;
    }
  }
  return std::string(c);
}

}  // namespace

void PgFinish::operator()(pg_conn* conn) const { PQfinish(conn); }
void PgClear::operator()(pg_result* result) const { PQclear(result); }

PgConn::PgConn(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
  if (!conn_) throw DbError(DbError::Kind::kOther, "postgres: out of memory");
  if (PQstatus(conn_.get()) != CONNECTION_OK) {
    throw DbError(DbError::Kind::kOther,
                  std::string("postgres: cannot connect: ") + PQerrorMessage(conn_.get()));
  }
  PQsetNoticeProcessor(conn_.get(), IgnoreNotice, nullptr);
  Simple(kSessionSetup);
}

bool PgConn::Healthy() const { return PQstatus(conn_.get()) == CONNECTION_OK; }

void PgConn::Fail(const pg_result* result, std::string_view context) {
  std::string message = result != nullptr ? PQresultErrorMessage(result) : "";
  if (message.empty()) message = PQerrorMessage(conn_.get());
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  DbError::Kind kind = DbError::Kind::kOther;
  std::string column;
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  if (state != nullptr && std::strcmp(state, "23505") == 0) {
    kind = DbError::Kind::kUniqueViolation;
    column = UniqueColumn(PQresultErrorField(result, PG_DIAG_TABLE_NAME),
                          PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME));
  } else if (state != nullptr && std::strcmp(state, "23503") == 0) {
    kind = DbError::Kind::kForeignKeyViolation;
  } else if (state != nullptr &&
             (std::strcmp(state, "40P01") == 0 || std::strcmp(state, "40001") == 0)) {
    kind = DbError::Kind::kRetryable;  // deadlock_detected, serialization_failure
  }
  if (!Healthy()) statements_.clear();  // prepared statements die with the session
  throw DbError(kind, "postgres: " + message + " (in: " + std::string(context.substr(0, 200)) + ")",
                std::move(column));
}

void PgConn::Simple(const std::string& sql) {
  PgResultPtr res(PQexec(conn_.get(), sql.c_str()));
  const auto status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Fail(res.get(), sql);
}

const std::string& PgConn::Prepare(std::string_view sql) {
  std::string key(sql);
  if (auto it = statements_.find(key); it != statements_.end()) return it->second;
  std::string name = "s" + std::to_string(statements_.size() + 1);
  // Parameter types are left to the server to infer from the statement.
  PgResultPtr res(PQprepare(conn_.get(), name.c_str(), key.c_str(), 0, nullptr));
  if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) Fail(res.get(), sql);
  return statements_.emplace(std::move(key), std::move(name)).first->second;
}

void PgConn::EnsureConnected() {
  if (Healthy()) return;
  if (in_transaction_) {
    // Reconnecting here would run the rest of the transaction's statements in autocommit.
    throw DbError(DbError::Kind::kOther, "postgres: connection lost inside a transaction");
  }
  // A lost session between transactions: reconnect once.
  statements_.clear();
  PQreset(conn_.get());
  if (!Healthy()) {
    throw DbError(DbError::Kind::kOther,
                  std::string("postgres: connection lost: ") + PQerrorMessage(conn_.get()));
  }
  Simple(kSessionSetup);
}

PgResultPtr PgConn::Execute(std::string_view sql, const Params& params) {
  EnsureConnected();
  const std::string& name = Prepare(sql);
  const std::size_t n = params.size();
  std::vector<std::string> texts(n);
  std::vector<const char*> values(n, nullptr);
  std::vector<int> lengths(n, 0);
  std::vector<int> formats(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const Value& v = params[i];
    if (const auto* num = std::get_if<std::int64_t>(&v)) {
      texts[i] = std::to_string(*num);
      values[i] = texts[i].c_str();
    } else if (const auto* d = std::get_if<double>(&v)) {
      char buf[64];
      const auto r = std::to_chars(buf, buf + sizeof buf, *d);  // shortest round-trip form
      texts[i].assign(buf, r.ptr);
      values[i] = texts[i].c_str();
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      values[i] = s->c_str();
    } else if (const auto* b = std::get_if<Blob>(&v)) {
      values[i] = b->bytes.data();
      lengths[i] = static_cast<int>(b->bytes.size());
      formats[i] = 1;  // binary: bytea travels as raw bytes, NULs included
    }
  }
  PgResultPtr res(PQexecPrepared(conn_.get(), name.c_str(), static_cast<int>(n), values.data(),
                                 lengths.data(), formats.data(), 0));
  const auto status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Fail(res.get(), sql);
  return res;
}

Rows PgConn::Query(std::string_view sql, const Params& params) {
  PgResultPtr res = Execute(sql, params);
  const int nrows = PQntuples(res.get());
  const int ncols = PQnfields(res.get());
  Rows rows;
  rows.reserve(static_cast<std::size_t>(nrows));
  for (int r = 0; r < nrows; ++r) {
    Row row;
    row.reserve(static_cast<std::size_t>(ncols));
    for (int c = 0; c < ncols; ++c) row.push_back(Convert(res.get(), r, c));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::int64_t PgConn::Exec(std::string_view sql, const Params& params) {
  PgResultPtr res = Execute(sql, params);
  const char* affected = PQcmdTuples(res.get());
  if (affected == nullptr || *affected == '\0') return 0;
  return ParseInt(affected, static_cast<int>(std::strlen(affected)));
}

void PgConn::ExecScript(std::string_view sql) { Simple(std::string(sql)); }

void PgConn::Begin() {
  EnsureConnected();
  try {
    Simple("BEGIN");
  } catch (const DbError&) {
    // A session lost while idle (e.g. a server restart) shows only now; nothing has run yet,
    // so reconnecting and beginning again is safe.
    if (Healthy()) throw;
    EnsureConnected();
    Simple("BEGIN");
  }
  in_transaction_ = true;
}
void PgConn::Commit() {
  in_transaction_ = false;  // whatever COMMIT answers, the transaction is over
  PgResultPtr res(PQexec(conn_.get(), "COMMIT"));
  if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) Fail(res.get(), "COMMIT");
  // COMMIT of an aborted transaction answers "ROLLBACK" without an error.
  if (std::strcmp(PQcmdStatus(res.get()), "ROLLBACK") == 0) {
    throw DbError(DbError::Kind::kOther, "postgres: transaction was aborted and rolled back");
  }
}
void PgConn::Rollback() {
  in_transaction_ = false;
  if (PQtransactionStatus(conn_.get()) != PQTRANS_IDLE && Healthy()) Simple("ROLLBACK");
}
void PgConn::Savepoint(std::string_view name) { Simple("SAVEPOINT " + std::string(name)); }
void PgConn::Release(std::string_view name) { Simple("RELEASE SAVEPOINT " + std::string(name)); }
void PgConn::RollbackTo(std::string_view name) {
  Simple("ROLLBACK TO SAVEPOINT " + std::string(name));
}

}  // namespace tawasul::store::postgres
