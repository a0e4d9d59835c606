// The store contract's fixture, shared by its test files: the same cases on every engine
// (SQLite on a temp file; PostgreSQL on a fresh database per test under TAWASUL_TEST_PG).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <string>

#include "app/store.hpp"
#include "base/time.hpp"
#include "store/open_store.hpp"
#include "store/postgres/pg_conn.hpp"
#include "store/sqlite/sqlite_conn.hpp"

// A named namespace: the fixture is one type in every test file of the binary.
namespace tawasul::store_contract {

namespace d = domain;
using app::Store;
using base::ErrorCode;

/// The schema version the embedded migrations end at.
inline constexpr int kSchemaVersion = 25;

/// Unique across processes too: pids are reused (a CI run starts hundreds of test processes and
/// pid_max may be 32768), and a store left behind by a crashed test must never be picked up, so a
/// random part goes with the pid and the counter.
inline std::string UniqueSuffix() {
  static std::atomic<int> counter{0};
  static const std::string random = [] {
    std::random_device device;
    return std::to_string(std::uniform_int_distribution<std::uint32_t>()(device));
  }();
  return std::to_string(::getpid()) + "_" + random + "_" + std::to_string(++counter);
}

inline bool EnvIs(const char* name, const char* value) {
  const char* v = std::getenv(name);
  return v != nullptr && std::string(v) == value;
}

class SqliteEngine {
 public:
  static constexpr const char* kLabel = "sqlite";
  static std::optional<std::string> Unavailable() { return std::nullopt; }

  std::string Create() {
    dir_ = std::filesystem::temp_directory_path() / ("tawasul-store-test-" + UniqueSuffix());
    // A nested path: OpenStore creates missing parent directories.
    return "sqlite:" + (dir_ / "data" / "store.db").string();
  }
  /// A second write connection to the store's database.
  static std::unique_ptr<store::Conn> Connect(const std::string& url) {
    return std::make_unique<store::sqlite::SqliteConn>(url.substr(7),
                                                       store::sqlite::SqliteConn::Mode::kWriter);
  }
  static constexpr store::Engine kEngine = store::Engine::kSqlite;

  void Destroy() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

 private:
  std::filesystem::path dir_;
};

/// One database per test, created and dropped through a maintenance connection to the
/// database TAWASUL_TEST_PG names.
class PostgresEngine {
 public:
  static constexpr const char* kLabel = "postgres";
  static std::optional<std::string> Unavailable() {
    const char* url = std::getenv("TAWASUL_TEST_PG");
    if (url != nullptr && *url != '\0') return std::nullopt;
    return std::string(
        "TAWASUL_TEST_PG is not set: the store contract must pass on PostgreSQL too. Start a "
        "cluster with `scripts/pg-test-cluster start DIR` and export the URL it prints as "
        "TAWASUL_TEST_PG, or set TAWASUL_ALLOW_NO_PG=1 to skip the PostgreSQL cases.");
  }

  std::string Create() {
    admin_url_ = std::getenv("TAWASUL_TEST_PG");
    database_ = "tawasul_test_" + UniqueSuffix();
    store::postgres::PgConn admin(admin_url_);
    admin.ExecScript("DROP DATABASE IF EXISTS " + database_);
    admin.ExecScript("CREATE DATABASE " + database_);
    return WithDatabase(admin_url_, database_);
  }
  static std::unique_ptr<store::Conn> Connect(const std::string& url) {
    return std::make_unique<store::postgres::PgConn>(url);
  }
  static constexpr store::Engine kEngine = store::Engine::kPostgres;

  void Destroy() {
    if (database_.empty()) return;
    store::postgres::PgConn admin(admin_url_);
    admin.ExecScript("DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
  }

 private:
  /// postgresql://user@host:port/db?x=y with the database replaced.
  static std::string WithDatabase(const std::string& url, const std::string& db) {
    const auto scheme = url.find("://");
    const auto authority = scheme == std::string::npos ? 0 : scheme + 3;
    const auto query = url.find('?', authority);
    const auto slash = url.find('/', authority);
    const std::string tail = query == std::string::npos ? "" : url.substr(query);
    const auto host_end = std::min(slash, query == std::string::npos ? url.size() : query);
    return url.substr(0, host_end) + "/" + db + tail;
  }

  std::string admin_url_;
  std::string database_;
};

template <class Engine>
class StoreContract : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = Engine::Unavailable()) {
      if (EnvIs("TAWASUL_ALLOW_NO_PG", "1")) GTEST_SKIP() << *why;
      FAIL() << *why;
    }
    url_ = engine_.Create();
    store_ = store::OpenStore(url_, clock_);
    ASSERT_EQ(store_->Migrate(), kSchemaVersion);
  }

  void TearDown() override {
    store_.reset();
    if (!url_.empty()) engine_.Destroy();
  }

  /// Drops the store's database and makes a new, empty one that is not migrated (the store is
  /// closed; Reopen() opens it).
  void RecreateEmpty() {
    store_.reset();
    engine_.Destroy();
    url_ = engine_.Create();
  }

  /// Closes the store (all connections) and opens it again from its URL.
  void Reopen() {
    store_.reset();
    store_ = store::OpenStore(url_, clock_);
  }

  Store& S() { return *store_; }

  d::Category SeedCategory(const std::string& code = "roads",
                           std::optional<d::UnitId> unit = std::nullopt) {
    d::Category c;
    c.code = code;
    c.name = {"طرق", "راه‌ها", "Roads"};
    c.default_unit_id = unit;
    auto r = S().CreateCategory(c);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : c;
  }

  d::Unit SeedUnit(const std::string& code) {
    d::Unit u;
    u.code = code;
    u.name = {"وحدة " + code, "", code};
    auto r = S().CreateUnit(u);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : u;
  }

  d::User SeedUser(const std::string& username) {
    d::User u;
    u.username = username;
    u.display_name = "Agent " + username;
    auto r = S().CreateUser(u, "$argon2id$v=19$fake");
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : u;
  }

  static app::NewCase MakeCase(const std::string& code, d::CategoryId category,
                               std::optional<std::string> phone = std::nullopt) {
    app::NewCase nc;
    nc.fields.tracking_code = code;
    nc.fields.category_id = category;
    nc.fields.description = "حفرة في الطريق أمام المسجد";
    if (phone) {
      d::Requester q;
      q.name = "مواطن";
      q.phone = *phone;
      q.language = "ar";
      nc.requester = q;
    }
    return nc;
  }

  Engine engine_;
  std::string url_;
  base::FakeClock clock_{base::FromMicros(1'750'000'000'123'456)};
  std::unique_ptr<Store> store_;
};

using Engines = ::testing::Types<SqliteEngine, PostgresEngine>;
struct EngineNames {
  template <class T>
  static std::string GetName(int) {
    return T::kLabel;
  }
};

}  // namespace tawasul::store_contract
