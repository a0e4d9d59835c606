#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/id.hpp"
#include "base/time.hpp"

namespace tawasul::store {

/// Raw bytes, kept apart from text so drivers bind them as BLOB / BYTEA.
struct Blob {
  std::string bytes;
  bool operator==(const Blob&) const = default;
};

/// One SQL value: NULL, integer, real, text or blob.
using Value = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;
using Row = std::vector<Value>;
using Rows = std::vector<Row>;
using Params = std::vector<Value>;

enum class Engine { kSqlite, kPostgres };
std::string_view EngineName(Engine e);

/// A database failure. Constraint violations are told apart so the store can answer Conflict
/// (unique) or Invalid (foreign key) instead of a fault; a deadlock or serialization failure
/// between nodes (kRetryable) means the same transaction may simply be run again.
class DbError : public std::runtime_error {
 public:
  enum class Kind { kUniqueViolation, kForeignKeyViolation, kRetryable, kOther };
  DbError(Kind kind, const std::string& message, std::string column = {})
      : std::runtime_error(message), kind_(kind), column_(std::move(column)) {}
  Kind kind() const { return kind_; }
  /// For a unique violation: the offending column when the engine tells it (best effort).
  const std::string& column() const { return column_; }

 private:
  Kind kind_;
  std::string column_;
};

/// One database connection, used by one thread at a time. SQL uses `$1..$n` placeholders on
/// both engines; statements are prepared once and cached per connection.
class Conn {
 public:
  virtual ~Conn() = default;
  virtual Engine engine() const = 0;
  /// Runs a statement and returns its rows (empty for statements without a result).
  virtual Rows Query(std::string_view sql, const Params& params = {}) = 0;
  /// Runs a statement and returns the number of rows it changed.
  virtual std::int64_t Exec(std::string_view sql, const Params& params = {}) = 0;
  /// Runs several `;`-separated statements without parameters (migrations).
  virtual void ExecScript(std::string_view sql) = 0;
  virtual void Begin() = 0;
  virtual void Commit() = 0;
  virtual void Rollback() = 0;
  virtual void Savepoint(std::string_view name) = 0;
  virtual void Release(std::string_view name) = 0;
  virtual void RollbackTo(std::string_view name) = 0;
  /// False when the connection is lost and must not go back to a pool.
  virtual bool Healthy() const = 0;
};

// Building parameters without variant ambiguity.
inline Value Null() { return Value{}; }
inline Value Int(std::int64_t v) { return Value{std::in_place_type<std::int64_t>, v}; }
inline Value Real(double v) { return Value{std::in_place_type<double>, v}; }
inline Value Text(std::string v) { return Value{std::in_place_type<std::string>, std::move(v)}; }
inline Value Bytes(std::string v) { return Value{Blob{std::move(v)}}; }
inline Value Bool(bool v) { return Int(v ? 1 : 0); }
inline Value Micros(base::Time t) { return Int(base::ToMicros(t)); }
/// Empty text is stored as NULL (e.g. a requester without a phone, so UNIQUE ignores it).
inline Value TextOrNull(const std::string& v) { return v.empty() ? Null() : Text(v); }
template <class Tag>
Value IdValue(base::Id<Tag> id) {
  return Int(id.value);
}
/// "$k, $k+1, ..." for an IN list, with the ids appended to `params` (callers bound the list).
template <class Tag>
std::string InList(const std::vector<base::Id<Tag>>& ids, Params& params) {
  std::string in;
  for (const base::Id<Tag> id : ids) {
    params.push_back(IdValue(id));
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  return in;
}
template <class Tag>
Value IdOrNull(const std::optional<base::Id<Tag>>& id) {
  return id ? Int(id->value) : Null();
}
inline Value RealOrNull(const std::optional<double>& v) { return v ? Real(*v) : Null(); }
inline Value MicrosOrNull(const std::optional<base::Time>& t) { return t ? Micros(*t) : Null(); }

// Reading columns; a type mismatch is a bug (or a corrupt row) and throws.
bool IsNull(const Value& v);
std::int64_t AsInt(const Value& v);
double AsReal(const Value& v);
/// Text or blob bytes; NULL reads as "".
std::string AsText(const Value& v);
inline bool AsBool(const Value& v) { return AsInt(v) != 0; }
inline base::Time AsTime(const Value& v) { return base::FromMicros(AsInt(v)); }
inline std::optional<base::Time> AsOptTime(const Value& v) {
  if (IsNull(v)) return std::nullopt;
  return AsTime(v);
}
inline std::optional<double> AsOptReal(const Value& v) {
  if (IsNull(v)) return std::nullopt;
  return AsReal(v);
}
template <class IdT>
IdT AsId(const Value& v) {
  return IdT{AsInt(v)};
}
template <class IdT>
std::optional<IdT> AsOptId(const Value& v) {
  if (IsNull(v)) return std::nullopt;
  return IdT{AsInt(v)};
}

}  // namespace tawasul::store
