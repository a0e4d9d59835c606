#pragma once
// A center's use cases over a real SQLite store, loaded from one of the real profiles (without
// its sample requests) with an injected FakeClock: for service-level tests of SLA clocks,
// escalations and surveys. Nothing sleeps; tests move the clock.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>

#include "app/sla/escalation_worker.hpp"
#include "app/installation/installation.hpp"
#include "adapters/libmagic_sniffer.hpp"
#include "app/cases/media_sniffer.hpp"
#include "app/installation/profile.hpp"
#include "app/services.hpp"
#include "app/surveys/survey_service.hpp"
#include "domain/calendar.hpp"
#include "store/open_store.hpp"

namespace tawasul::testing {

namespace d = tawasul::domain;

/// Real random tokens (URL-safe, 43 characters), a distinct token hash, plain passwords (fast).
class TestCrypto final : public app::Crypto {
 public:
  std::uint64_t Random64() override { return rng_(); }
  std::string RandomToken() override {
    static const char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    for (int i = 0; i < 43; ++i) out += kAlphabet[rng_() % 64];
    return out;
  }
  std::string HashPassword(const std::string& p) override { return "plain:" + p; }
  bool VerifyPassword(const std::string& e, const std::string& p) override {
    return e == "plain:" + p;
  }
  std::string HashToken(const std::string& t) override {
    return "hash:" + std::to_string(std::hash<std::string>{}(t)) + ":" + std::to_string(t.size());
  }

 private:
  std::mt19937_64 rng_{std::random_device{}()};
};

inline std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// profiles/NAME parsed like `tawasul demo` reads it, minus [[sample_cases]] (so that the only
/// requests are the test's own).
inline base::Result<app::Profile> ReadProfileWithoutSamples(const std::string& name) {
  namespace fs = std::filesystem;
  const fs::path root(TAWASUL_PROFILES_DIR);
  std::vector<std::pair<std::string, std::string>> workflows;
  for (const fs::path& dir : {root / "_shared" / "workflows", root / name / "workflows"}) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().extension() == ".toml") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) workflows.emplace_back(f.string(), ReadFile(f));
  }
  std::string text = ReadFile(root / name / "profile.toml");
  text = text.substr(0, text.find("\n[[sample_cases]]"));
  return app::ParseProfile((root / name / "profile.toml").string(), text, workflows);
}

/// One center: store, use cases, the escalation worker, its users by username.
class ServiceCenter {
 public:
  ServiceCenter(const std::string& profile, base::Time start) : clock_(start) {
    dir_ = std::filesystem::temp_directory_path() /
           ("tawasul-svc-" + std::to_string(::getpid()) + "-" + std::to_string(++Counter()));
    std::filesystem::remove_all(dir_);
    url_ = "sqlite:" + (dir_ / "t.db").string();
    store_ = store::OpenStore(url_, clock_);
    store_->Migrate();
    auto p = ReadProfileWithoutSamples(profile);
    if (!p) {
      error_ = p.error().message;
      return;
    }
    settings_.country = p->settings.country;
    settings_.time_zone = p->settings.time_zone;
    zone_ = *d::TimeZone::Make(p->settings.time_zone);
    MakeServices();
    auto loaded = app::LoadProfile(*p, *store_, *admin_, *cases_, inst_, "a-long-password");
    if (!loaded) error_ = loaded.error().message;
    for (const auto& u : store_->ListUsers()) users_[u.username] = {u, d::TokenKind::kSession};
    for (const auto& u : store_->ListUnits()) units_[u.code] = u.id;
    for (const auto& c : store_->ListCategories()) categories_[c.code] = c.id;
  }

  ~ServiceCenter() {
    DropServices();
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  const std::string& error() const { return error_; }

  /// Closes the store and every service ("the process died") and opens them again.
  void Restart() {
    DropServices();
    store_.reset();
    store_ = store::OpenStore(url_, clock_);
    auto inst = app::Installation::Load(*store_);
    ASSERT_TRUE(inst.ok()) << inst.error().message;
    inst_.Set(*inst);
    MakeServices();
  }

  /// The instant of a wall-clock time on a date written in `kind`, in the center's zone.
  base::Time At(d::CalendarKind kind, int y, int m, int day, std::chrono::minutes t) const {
    auto r = d::InstantOf(zone_, kind, {y, m, day}, t);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : base::Time{};
  }
  base::Time AtG(int y, int m, int day, std::chrono::minutes t) const {
    return At(d::CalendarKind::kGregorian, y, m, day, t);
  }

  const app::Principal& User(const std::string& name) { return users_.at(name); }

  /// Registers a request as the agent, at the clock's now.
  d::Case Register(const std::string& category, d::CaseType type = d::CaseType::kComplaint,
                   d::Priority priority = d::Priority::kNormal,
                   const std::string& phone = "") {
    app::CaseInput in;
    in.type = type;
    in.category_id = categories_.at(category);
    in.description = "طلب اختبار";
    in.priority = priority;
    in.requester = app::RequesterInput{"مواطن", phone, "", "", ""};
    if (phone.empty()) in.requester.reset();
    auto c = cases_->Create(User("agent"), in);
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().field + ": " + c.error().message);
    return c.ok() ? c->c : d::Case{};
  }

  base::Result<app::ActionOutcome> Act(const std::string& user, d::CaseId id,
                                       const std::string& action, d::ActionInputs inputs = {}) {
    return actions_->Take(User(user), id, action, inputs, std::nullopt);
  }

  /// The request's stored clock `name`.
  app::StoredClock Clock(d::CaseId id, d::ClockName name) {
    for (auto& c : store_->SlaClocks({id})) {
      if (c.clock.name == name) return c;
    }
    ADD_FAILURE() << "request " << id.value << " has no clock " << d::ToString(name);
    return {};
  }

  /// The clock as the case view shows it now.
  app::SlaClockView View(d::CaseId id, d::ClockName name) {
    auto v = cases_->Get(User("dispatcher"), id);
    EXPECT_TRUE(v.ok());
    if (v.ok()) {
      for (const auto& s : v->sla) {
        if (s.clock.name == name) return s;
      }
    }
    ADD_FAILURE() << "no view of clock " << d::ToString(name);
    return {};
  }

  /// Timeline events of `kind` (and `to`, when given) on a request.
  int Events(d::CaseId id, const std::string& kind, const std::string& to = "") {
    int n = 0;
    for (const auto& e : store_->Timeline(id)) {
      if (e.kind == kind && (to.empty() || e.to == to)) ++n;
    }
    return n;
  }

  base::FakeClock& clock() { return clock_; }
  app::Store& store() { return *store_; }
  app::CaseService& cases() { return *cases_; }
  app::ActionService& actions() { return *actions_; }
  app::SurveyService& surveys() { return *surveys_; }
  app::EscalationWorker& worker() { return *worker_; }
  app::InstallationRef& installation() { return inst_; }
  TestCrypto& crypto() { return crypto_; }
  d::UnitId Unit(const std::string& code) const { return units_.at(code); }
  d::CategoryId Category(const std::string& code) const { return categories_.at(code); }
  const std::string& url() const { return url_; }

 private:
  static int& Counter() {
    static int n = 0;
    return n;
  }
  void MakeServices() {
    sniffer_ = adapters::MakeLibmagicSniffer();
    admin_ = std::make_unique<app::AdminService>(*store_, crypto_, inst_);
    cases_ = std::make_unique<app::CaseService>(*store_, crypto_, *sniffer_, clock_, settings_, inst_);
    actions_ = std::make_unique<app::ActionService>(*store_, *cases_, crypto_, clock_, inst_);
    surveys_ = std::make_unique<app::SurveyService>(*store_, crypto_, clock_, settings_, inst_);
    worker_ = std::make_unique<app::EscalationWorker>(*store_, *store_, clock_, inst_);
  }
  void DropServices() {
    worker_.reset();
    surveys_.reset();
    actions_.reset();
    cases_.reset();
    admin_.reset();
  }

  base::FakeClock clock_;
  std::filesystem::path dir_;
  std::string url_;
  std::string error_;
  app::Settings settings_;
  d::TimeZone zone_;
  TestCrypto crypto_;
  app::InstallationRef inst_{app::Installation::Make({}, {}, {})};
  std::unique_ptr<app::Store> store_;
  std::unique_ptr<app::MediaSniffer> sniffer_;
  std::unique_ptr<app::AdminService> admin_;
  std::unique_ptr<app::CaseService> cases_;
  std::unique_ptr<app::ActionService> actions_;
  std::unique_ptr<app::SurveyService> surveys_;
  std::unique_ptr<app::EscalationWorker> worker_;
  std::map<std::string, app::Principal> users_;
  std::map<std::string, d::UnitId> units_;
  std::map<std::string, d::CategoryId> categories_;
};

}  // namespace tawasul::testing
