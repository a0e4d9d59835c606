#include "store/sql_store.hpp"

#include <stdexcept>

#include "store/migrations.hpp"
#include "store/sql_rows.hpp"

namespace tawasul::store {

using namespace rows;  // NOLINT(google-build-using-namespace): column lists and mappers

namespace {
// Any constant: serializes concurrent `migrate` runs of several nodes on one PostgreSQL.
constexpr std::int64_t kMigrationLockKey = 0x7461776173756c;  // "tawasul"
}  // namespace

SqlStore::SqlStore(Engine engine, std::unique_ptr<Conn> writer, ConnPool::Factory reader_factory,
                   std::size_t max_readers, const base::Clock& clock)
    : engine_(engine),
      clock_(clock),
      metrics_(engine),
      readers_(std::move(reader_factory), max_readers),
      writer_(std::make_unique<GroupCommitter>(std::move(writer), metrics_)) {}

// Queued writes finish (and become durable) before anything else goes.
SqlStore::~SqlStore() { writer_.reset(); }

std::optional<base::Error> SqlStore::MapConstraint(const DbError& e) {
  switch (e.kind()) {
    case DbError::Kind::kUniqueViolation:
      return base::Conflict(e.column(),
                            e.column().empty() ? "already exists" : e.column() + " already exists");
    case DbError::Kind::kForeignKeyViolation:
      return base::Invalid("", "refers to a record that does not exist");
    case DbError::Kind::kRetryable:  // still meeting other nodes' locks after the retries
      return base::Error{base::ErrorCode::kUnavailable,
                         "the store is busy with other nodes' writes; try again", ""};
    case DbError::Kind::kOther:
      return std::nullopt;
  }
  return std::nullopt;
}

base::Time SqlStore::Stamp(base::Time t) const {
  return t.time_since_epoch().count() == 0 ? clock_.Now() : t;
}

int SqlStore::Migrate() {
  auto result = Write<int>([&](Conn& c) -> Result<int> {
    if (engine_ == Engine::kPostgres) {
      c.Query("SELECT pg_advisory_xact_lock($1)", {Int(kMigrationLockKey)});
    }
    c.ExecScript(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
    int current = static_cast<int>(
        AsInt(c.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")[0][0]));
    for (const Migration& m : Migrations(engine_)) {
      if (m.version <= current) continue;
      c.ExecScript(m.sql);
      c.Exec("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
             {Int(m.version), Micros(clock_.Now())});
      current = m.version;
    }
    return current;
  });
  if (!result) throw std::runtime_error("store: migration failed: " + result.error().message);
  return *result;
}

int SqlStore::SchemaVersion() {
  return Read([&](Conn& c) {
    const char* exists =
        engine_ == Engine::kSqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = "
              "'schema_migrations'"
            : "SELECT COUNT(*) FROM (SELECT to_regclass('schema_migrations') AS t) x "
              "WHERE t IS NOT NULL";
    if (AsInt(c.Query(exists)[0][0]) == 0) return 0;
    return static_cast<int>(
        AsInt(c.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")[0][0]));
  });
}

bool SqlStore::IsEmpty() {
  return Read([&](Conn& c) { return c.Query("SELECT 1 FROM users LIMIT 1").empty(); });
}

void SqlStore::AppendMetrics(std::string& out) {
  metrics_.Append(out);
  out += "# HELP tawasul_store_write_queue Write jobs waiting for the writer.\n";
  out += "# TYPE tawasul_store_write_queue gauge\n";
  out += "tawasul_store_write_queue{engine=\"" + std::string(EngineName(engine_)) + "\"} " +
         std::to_string(writer_->Queued()) + "\n";
}

// Users and tokens

Result<d::User> SqlStore::CreateUser(const d::User& user, const std::string& password_hash) {
  return Write<d::User>([&](Conn& c) -> Result<d::User> {
    d::User out = user;
    out.created_at = Stamp(user.created_at);
    const auto r = c.Query(
        "INSERT INTO users (username, display_name, role, unit_id, language, active, "
        "password_hash, created_at, calendar, digits, extension) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        {Text(user.username), Text(user.display_name), Enum(user.role), IdOrNull(user.unit_id),
         Text(user.language), Bool(user.active), Text(password_hash), Micros(out.created_at),
         Text(user.calendar), Text(user.digits), Text(user.extension)});
    out.id = AsId<d::UserId>(r.at(0).at(0));
    return out;
  });
}

namespace {

Result<d::User> WriteUser(Conn& c, const d::User& user) {
  const auto r = c.Query(
      "UPDATE users SET username = $2, display_name = $3, role = $4, unit_id = $5, "
      "language = $6, active = $7, calendar = $8, digits = $9, extension = $10 WHERE id = $1 "
      "RETURNING " +
          std::string(kUserCols),
      {IdValue(user.id), Text(user.username), Text(user.display_name), Enum(user.role),
       IdOrNull(user.unit_id), Text(user.language), Bool(user.active), Text(user.calendar),
       Text(user.digits), Text(user.extension)});
  if (r.empty()) return base::NotFound("no such user");
  return UserFrom(r[0]);
}

Status WritePassword(Conn& c, d::UserId id, const std::string& password_hash,
                     const std::string& keep_session_hash) {
  if (c.Exec("UPDATE users SET password_hash = $2 WHERE id = $1",
             {IdValue(id), Text(password_hash)}) == 0) {
    return base::NotFound("no such user");
  }
  c.Exec("DELETE FROM tokens WHERE user_id = $1 AND hash <> $2",
         {IdValue(id), Text(keep_session_hash)});
  return base::Ok{};
}

}  // namespace

Result<d::User> SqlStore::UpdateUser(const d::User& user) {
  return Write<d::User>([&](Conn& c) -> Result<d::User> { return WriteUser(c, user); });
}

Result<d::User> SqlStore::UpdateUserAndPassword(const d::User& user,
                                                const std::string& password_hash,
                                                const std::string& keep_session_hash) {
  return Write<d::User>([&](Conn& c) -> Result<d::User> {
    auto written = WriteUser(c, user);
    if (!written) return written;
    if (auto s = WritePassword(c, user.id, password_hash, keep_session_hash); !s) return s.error();
    return written;
  });
}

Status SqlStore::SetPassword(d::UserId id, const std::string& password_hash,
                             const std::string& keep_session_hash) {
  return Write<base::Ok>([&](Conn& c) -> Status {
    return WritePassword(c, id, password_hash, keep_session_hash);
  });
}

std::optional<d::User> SqlStore::GetUser(d::UserId id) {
  return Read([&](Conn& c) -> std::optional<d::User> {
    const auto r = c.Query(Select(kUserCols, "users", "WHERE id = $1"), {IdValue(id)});
    if (r.empty()) return std::nullopt;
    return UserFrom(r[0]);
  });
}

std::optional<app::UserWithSecret> SqlStore::FindUserByUsername(const std::string& username) {
  return Read([&](Conn& c) -> std::optional<app::UserWithSecret> {
    const auto r =
        c.Query(Select(std::string(kUserCols) + ", password_hash", "users", "WHERE username = $1"),
                {Text(username)});
    if (r.empty()) return std::nullopt;
    return app::UserWithSecret{UserFrom(r[0]), AsText(r[0].back())};
  });
}

std::vector<d::User> SqlStore::ListUsers() {
  return Read([&](Conn& c) {
    std::vector<d::User> out;
    for (const Row& r : c.Query(Select(kUserCols, "users", "ORDER BY id"))) {
      out.push_back(UserFrom(r));
    }
    return out;
  });
}

Status SqlStore::SaveToken(const app::StoredToken& token) {
  return Write<base::Ok>([&](Conn& c) -> Status {
    c.Exec("INSERT INTO tokens (" + std::string(kTokenCols) + ") VALUES ($1, $2, $3, $4, $5, $6)",
           {Text(token.hash), IdValue(token.user_id), Enum(token.kind), Text(token.name),
            Micros(Stamp(token.created_at)), MicrosOrNull(token.expires_at)});
    return base::Ok{};
  });
}

std::optional<app::StoredToken> SqlStore::FindToken(const std::string& hash) {
  return Read([&](Conn& c) -> std::optional<app::StoredToken> {
    const auto r = c.Query(Select(kTokenCols, "tokens", "WHERE hash = $1"), {Text(hash)});
    if (r.empty()) return std::nullopt;
    return TokenFrom(r[0]);
  });
}

Status SqlStore::DeleteToken(const std::string& hash) {
  return Write<base::Ok>([&](Conn& c) -> Status {
    if (c.Exec("DELETE FROM tokens WHERE hash = $1", {Text(hash)}) == 0) {
      return base::NotFound("no such token");
    }
    return base::Ok{};
  });
}

}  // namespace tawasul::store
