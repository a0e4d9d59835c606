// Times a monthly breakdown by category and by unit over N generated requests on SQLite.
// Usage: report_bench N [N...]   (each size in a fresh temporary store)
// Rows are bulk-loaded through a second write connection in one transaction (the loading is not
// what is measured); requests spread evenly over 24 months, so a month holds about N/24.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "app/installation.hpp"
#include "app/report_service.hpp"
#include "store/open_store.hpp"
#include "store/sqlite/sqlite_conn.hpp"

using namespace tawasul;
namespace d = tawasul::domain;

namespace {

double Run(long n) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("tawasul-report-bench-" + std::to_string(::getpid()) + "-" + std::to_string(n));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "bench.db").string();
  base::FakeClock clock(base::FromMicros(1'767'225'600'000'000));  // 2026-01-01
  auto store = store::OpenStore("sqlite:" + path, clock);
  store->Migrate();
  std::vector<d::CategoryId> cats;
  std::vector<d::UnitId> units;
  for (int i = 0; i < 40; ++i) {
    d::Unit u;
    u.code = "u" + std::to_string(i);
    u.name = {"وحدة", "", u.code};
    units.push_back(store->CreateUnit(u)->id);
  }
  for (int i = 0; i < 120; ++i) {
    d::Category c;
    c.code = "c" + std::to_string(i);
    c.name = {"فئة", "", c.code};
    cats.push_back(store->CreateCategory(c)->id);
  }
  {
    store::sqlite::SqliteConn w(path, store::sqlite::SqliteConn::Mode::kWriter);
    std::mt19937_64 rng(42);
    const std::int64_t start = 1'704'067'200'000'000;  // 2024-01-01
    const std::int64_t span = 24LL * 30 * 86'400'000'000;
    const char* channels[] = {"phone", "portal", "email", "walk_in"};
    const char* types[] = {"complaint", "inquiry", "suggestion", "report"};
    const char* statuses[] = {"new", "referred", "answered", "closed"};
    w.Begin();
    for (long i = 0; i < n; ++i) {
      const std::int64_t at = start + static_cast<std::int64_t>(rng() % span);
      w.Exec(
          "INSERT INTO cases (tracking_code, type, category_id, channel, description, priority, "
          "status, unit_id, public_answer, created_at, updated_at, version, workflow, state) "
          "VALUES ($1, $2, $3, $4, '', 'normal', $5, $6, '', $7, $7, 1, 'basic', 'new')",
          {store::Text(std::to_string(100000000 + i)), store::Text(types[rng() % 4]),
           store::Int(cats[rng() % cats.size()].value), store::Text(channels[rng() % 4]),
           store::Text(statuses[rng() % 4]), store::Int(units[rng() % units.size()].value),
           store::Int(at)});
    }
    w.Commit();
  }
  app::CenterSettings settings;
  settings.time_zone = "Asia/Riyadh";
  app::InstallationRef inst(app::Installation::Make(settings, {}, {}));
  app::ReportService reports(*store, *store, inst, clock);
  app::Principal analyst;
  analyst.user.role = d::Role::kAnalyst;
  app::ReportQuery q;
  q.from = "2025-03-01";
  q.to = "2025-03-31";
  double best = 1e9;
  for (int rep = 0; rep < 5; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
    auto a = reports.Breakdown(analyst, q, app::BreakdownBy::kCategory);
    auto b = reports.Breakdown(analyst, q, app::BreakdownBy::kUnit);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (!a.ok() || !b.ok()) std::abort();
    best = std::min(best, ms);
  }
  store.reset();
  std::filesystem::remove_all(dir);
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const long n = std::atol(argv[i]);
    std::printf("%ld requests: monthly breakdown by category + by unit: %.1f ms (best of 5)\n", n,
                Run(n));
    std::fflush(stdout);
  }
  return 0;
}
