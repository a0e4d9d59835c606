// Times a monthly breakdown by category and by unit over N generated requests, read from the
// daily totals (migration 0007, decision 0011), and checks it once against a raw recount.
//
// Usage: report_bench [--pg URL] [--load-cost N] N [N...]
//   each N in a fresh store: SQLite in a temporary directory (deleted afterwards), or with --pg a
//   fresh database on the PostgreSQL server URL names (dropped afterwards).
//   --load-cost N: loads N requests with the totals' triggers off, then on, and prints both rates.
//
// Requests are bulk-loaded through a second write connection in transactions of 100,000 rows,
// as plain INSERTs so the triggers keep the totals as in production (loading is not what is
// measured). On SQLite the loader alone runs with synchronous=OFF (a crash would lose the
// benchmark's store, nothing else). Requests spread evenly over 24 months from 2024-01-01 UTC,
// so the month asked for (March 2025 in Asia/Riyadh) holds about N/24.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <tuple>

#include "app/installation/installation.hpp"
#include "app/reports/report_service.hpp"
#include "store/open_store.hpp"
#include "store/postgres/pg_conn.hpp"
#include "store/sqlite/sqlite_conn.hpp"

using namespace tawasul;
namespace d = tawasul::domain;
using Clock = std::chrono::steady_clock;

namespace {

double Ms(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

/// A fresh store for one run: its URL, a second connection for loading, and its removal.
struct BenchStore {
  std::string pg_admin;  // empty: SQLite
  std::string url;
  std::filesystem::path dir;
  std::string database;

  BenchStore(const std::string& pg, const std::string& what) : pg_admin(pg) {
    const std::string tag = std::to_string(::getpid()) + "_" + what;
    if (pg_admin.empty()) {
      dir = std::filesystem::temp_directory_path() / ("tawasul-report-bench-" + tag);
      std::filesystem::create_directories(dir);
      url = "sqlite:" + (dir / "bench.db").string();
      return;
    }
    database = "tawasul_bench_" + tag;
    store::postgres::PgConn admin(pg_admin);
    admin.ExecScript("DROP DATABASE IF EXISTS " + database);
    admin.ExecScript("CREATE DATABASE " + database);
    const auto slash = pg_admin.rfind('/');
    const auto query = pg_admin.find('?');
    url = pg_admin.substr(0, slash + 1) + database +
          (query == std::string::npos ? "" : pg_admin.substr(query));
  }
  std::unique_ptr<store::Conn> Loader() const {
    if (pg_admin.empty()) {
      auto c = std::make_unique<store::sqlite::SqliteConn>(url.substr(7),
                                                           store::sqlite::SqliteConn::Mode::kWriter);
      c->ExecScript("PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;");
      return c;
    }
    auto c = std::make_unique<store::postgres::PgConn>(url);
    c->ExecScript("SET synchronous_commit = off");
    return c;
  }
  ~BenchStore() {
    if (pg_admin.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    } else {
      store::postgres::PgConn admin(pg_admin);
      admin.ExecScript("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }
};

struct Seeded {
  std::vector<d::CategoryId> cats;  ///< the leaves requests are filed under
  std::vector<d::UnitId> units;     ///< the departments requests are referred to
  std::vector<d::UnitId> branches;  ///< where requests are taken
};

/// An organization as the centers have one: 4 directorates of 10 departments, 4 branches; a
/// taxonomy of 12 top-level categories of 10 each (the requests are filed under the leaves).
Seeded Seed(app::Store& store) {
  Seeded s;
  for (int g = 0; g < 4; ++g) {
    d::Unit dir;
    dir.code = "dir" + std::to_string(g);
    dir.kind = d::UnitKind::kDirectorate;
    dir.name = {"مديرية", "", dir.code};
    const auto top = store.CreateUnit(dir)->id;
    for (int i = 0; i < 10; ++i) {
      d::Unit u;
      u.code = dir.code + "u" + std::to_string(i);
      u.kind = d::UnitKind::kDepartment;
      u.parent_id = top;
      u.name = {"قسم", "", u.code};
      s.units.push_back(store.CreateUnit(u)->id);
    }
    d::Unit b;
    b.code = "br" + std::to_string(g);
    b.kind = d::UnitKind::kBranch;
    b.name = {"فرع", "", b.code};
    s.branches.push_back(store.CreateUnit(b)->id);
  }
  for (int t = 0; t < 12; ++t) {
    d::Category top;
    top.code = "top" + std::to_string(t);
    top.name = {"فئة رئيسية", "", top.code};
    const auto parent = store.CreateCategory(top)->id;
    for (int i = 0; i < 10; ++i) {
      d::Category c;
      c.code = top.code + "c" + std::to_string(i);
      c.parent_id = parent;
      c.name = {"فئة", "", c.code};
      s.cats.push_back(store.CreateCategory(c)->id);
    }
  }
  return s;
}

/// This process's CPU time (user + system) in seconds: on SQLite the whole cost of a load, and
/// unlike wall time not inflated by other work on the machine.
double CpuSeconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/// Inserts requests [first, first + n) and answers the rate (rows per second of wall time);
/// `per_cpu_second`, when given, gets the rate per second of this process's CPU time.
double Load(store::Conn& w, const Seeded& seeded, long first, long n,
            double* per_cpu_second = nullptr) {
  const double cpu0 = CpuSeconds();
  std::mt19937_64 rng(42 + static_cast<std::uint64_t>(first));
  const std::int64_t start = 1'704'067'200'000'000;  // 2024-01-01
  const std::int64_t span = 24LL * 30 * 86'400'000'000;
  const char* channels[] = {"phone", "portal", "email", "walk_in"};
  const char* types[] = {"complaint", "inquiry", "suggestion", "report"};
  const char* statuses[] = {"new", "referred", "answered", "closed"};
  const auto t0 = Clock::now();
  constexpr long kBatch = 100'000;
  for (long i = 0; i < n; ++i) {
    if (i % kBatch == 0) w.Begin();
    const std::int64_t at = start + static_cast<std::int64_t>(rng() % span);
    // A quarter are new and not referred yet: no unit, a suggested one; most are taken at a
    // branch.
    const char* status = statuses[rng() % 4];
    const auto unit = seeded.units[rng() % seeded.units.size()].value;
    const bool unreferred = std::string_view(status) == "new";
    const auto branch = rng() % 5;
    w.Exec(
        "INSERT INTO cases (tracking_code, type, category_id, channel, description, priority, "
        "status, unit_id, public_answer, created_at, updated_at, version, workflow, state, "
        "suggested_unit_id, branch_id) "
        "VALUES ($1, $2, $3, $4, '', 'normal', $5, $6, '', $7, $7, 1, 'basic', 'new', $8, $9)",
        {store::Text(std::to_string(100000000 + first + i)), store::Text(types[rng() % 4]),
         store::Int(seeded.cats[rng() % seeded.cats.size()].value),
         store::Text(channels[rng() % 4]), store::Text(status),
         unreferred ? store::Null() : store::Int(unit), store::Int(at), store::Int(unit),
         branch < 4 ? store::Int(seeded.branches[branch].value) : store::Null()});
    if (i % kBatch == kBatch - 1 || i == n - 1) w.Commit();
  }
  if (per_cpu_second != nullptr) *per_cpu_second = static_cast<double>(n) / (CpuSeconds() - cpu0);
  return static_cast<double>(n) / (Ms(t0) / 1000.0);
}

app::Principal Analyst() {
  app::Principal analyst;
  analyst.user.role = d::Role::kAnalyst;
  return analyst;
}

void Run(const std::string& pg, long n) {
  BenchStore bs(pg, std::to_string(n));
  base::FakeClock clock(base::FromMicros(1'767'225'600'000'000));  // 2026-01-01
  auto store = store::OpenStore(bs.url, clock);
  store->Migrate();
  const Seeded seeded = Seed(*store);
  app::CenterSettings settings;
  settings.time_zone = "Asia/Riyadh";
  app::InstallationRef inst(app::Installation::Make(settings, {}, {}));
  app::ReportService reports(*store, *store, inst, clock);
  app::ReportService raw(*store, *store, inst, clock);
  raw.UseDailyTotals(false);
  if (!reports.SyncDailyTotals().ok()) std::abort();  // the totals follow Riyadh from the start

  double rate = 0;
  {
    auto w = bs.Loader();
    rate = Load(*w, seeded, 0, n);
    // PostgreSQL plans from statistics, which autovacuum refreshes some time after a bulk load;
    // the benchmark does not wait for it.
    if (!pg.empty()) w->ExecScript("ANALYZE");
  }
  app::ReportQuery q;
  q.from = "2025-03-01";
  q.to = "2025-03-31";
  double best = 1e18;
  for (int rep = 0; rep < 20; ++rep) {
    const auto t0 = Clock::now();
    auto a = reports.Breakdown(Analyst(), q, app::BreakdownBy::kCategory);
    auto b = reports.Breakdown(Analyst(), q, app::BreakdownBy::kUnit);
    if (!a.ok() || !b.ok()) std::abort();
    best = std::min(best, Ms(t0));
  }
  // Exactness, once: the same breakdowns from raw rows.
  const auto t0 = Clock::now();
  auto ra = raw.Breakdown(Analyst(), q, app::BreakdownBy::kCategory);
  auto rb = raw.Breakdown(Analyst(), q, app::BreakdownBy::kUnit);
  const double raw_ms = Ms(t0);
  auto ta = reports.Breakdown(Analyst(), q, app::BreakdownBy::kCategory);
  auto tb = reports.Breakdown(Analyst(), q, app::BreakdownBy::kUnit);
  const bool exact = ra.ok() && rb.ok() && *ra == *ta && *rb == *tb;
  std::int64_t in_month = 0;
  for (const auto& r : *ta) in_month += r.count;
  app::ReportQuery years;
  years.from = "2024-01-01";
  years.to = "2025-12-31";
  double trend_ms = 1e18;
  base::Result<std::vector<app::TrendRow>> trend = std::vector<app::TrendRow>();
  for (int rep = 0; rep < 20; ++rep) {
    const auto t1 = Clock::now();
    trend = reports.Trend(Analyst(), years, d::PeriodUnit::kMonth);
    trend_ms = std::min(trend_ms, Ms(t1));
  }
  auto raw_trend = raw.Trend(Analyst(), years, d::PeriodUnit::kMonth);
  const bool trend_exact = trend.ok() && raw_trend.ok() && *trend == *raw_trend;

  // Roll-ups (issue 13): the month by top-level category, by directorate (unreferred requests
  // under the unit routing suggested, apart), and by branch; from the totals, against raw rows.
  const app::RollUp top{app::RollUp::Kind::kDepth, 1, d::UnitKind::kDirectorate};
  const app::RollUp directorate{app::RollUp::Kind::kUnitKind, 0, d::UnitKind::kDirectorate};
  auto rolled = [&](app::ReportService& svc) {
    auto a = svc.Breakdown(Analyst(), q, app::BreakdownBy::kCategory, top);
    auto b = svc.Breakdown(Analyst(), q, app::BreakdownBy::kUnit, directorate);
    auto c = svc.Breakdown(Analyst(), q, app::BreakdownBy::kBranch);
    if (!a.ok() || !b.ok() || !c.ok()) std::abort();
    return std::make_tuple(*a, *b, *c);
  };
  double roll_ms = 1e18;
  for (int rep = 0; rep < 20; ++rep) {
    const auto t2 = Clock::now();
    rolled(reports);
    roll_ms = std::min(roll_ms, Ms(t2));
  }
  const auto t3 = Clock::now();
  const auto roll_raw = rolled(raw);
  const double roll_raw_ms = Ms(t3);
  const auto roll_totals = rolled(reports);
  const bool roll_exact = roll_raw == roll_totals;
  std::int64_t waiting = 0;
  for (const auto& r : std::get<1>(roll_totals)) waiting += r.not_yet_referred;
  std::printf(
      "%s %ld requests: the month rolled up to 12 top categories + 4 directorates (%lld not yet "
      "referred, under their suggested units) + 5 branch rows: from the totals %.2f ms (best of "
      "20), from raw rows %.1f ms; exact: %s\n",
      pg.empty() ? "sqlite" : "postgres", n, static_cast<long long>(waiting), roll_ms, roll_raw_ms,
      roll_exact ? "yes" : "NO");
  std::printf(
      "%s %ld requests (loaded at %.0f/s; %lld in the month): monthly breakdown by category + by "
      "unit from the totals %.2f ms (best of 20), from raw rows %.1f ms; exact: %s; 24-month "
      "trend from the totals %.2f ms (best of 20), exact: %s\n",
      pg.empty() ? "sqlite" : "postgres", n, rate, static_cast<long long>(in_month), best, raw_ms,
      exact ? "yes" : "NO", trend_ms, trend_exact ? "yes" : "NO");
  std::fflush(stdout);
  store.reset();
  if (!exact || !trend_exact || !roll_exact) std::exit(1);
}

/// Bulk-load rate without and with the totals' triggers (no report_zone row: they do nothing).
void LoadCost(const std::string& pg, long n) {
  BenchStore bs(pg, "load_" + std::to_string(n));
  base::FakeClock clock(base::FromMicros(1'767'225'600'000'000));
  auto store = store::OpenStore(bs.url, clock);
  store->Migrate();
  const Seeded seeded = Seed(*store);
  auto w = bs.Loader();
  double off_cpu = 0, on_cpu = 0;
  const double off = Load(*w, seeded, 0, n, &off_cpu);
  app::CenterSettings settings;
  settings.time_zone = "Asia/Riyadh";
  app::InstallationRef inst(app::Installation::Make(settings, {}, {}));
  app::ReportService reports(*store, *store, inst, clock);
  const auto t0 = Clock::now();
  if (!reports.SyncDailyTotals().ok()) std::abort();
  const double recount_ms = Ms(t0);
  const double on = Load(*w, seeded, n, n, &on_cpu);
  std::printf(
      "%s bulk load of %ld requests: %.0f/s without the totals' triggers, %.0f/s with them "
      "(wall time)",
      pg.empty() ? "sqlite" : "postgres", n, off, on);
  if (pg.empty()) {
    std::printf("; per CPU second of the process: %.0f/s without, %.0f/s with", off_cpu, on_cpu);
  }
  std::printf("; recounting the totals of %ld requests: %.0f ms\n", n, recount_ms);
  std::fflush(stdout);
  w.reset();
  store.reset();
}

}  // namespace

int main(int argc, char** argv) {
  std::string pg;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--pg") == 0 && i + 1 < argc) {
      pg = argv[++i];
    } else if (std::strcmp(argv[i], "--load-cost") == 0 && i + 1 < argc) {
      LoadCost(pg, std::atol(argv[++i]));
    } else {
      Run(pg, std::atol(argv[i]));
    }
  }
  return 0;
}
