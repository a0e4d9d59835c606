// The store contract for SLA clocks, escalation marks, surveys, call ratings and reviews, and the
// escalation timer's durability over a real store: a worker that crashes mid-round (after a
// commit, or before one) and restarts misses no breach and reports none twice; two nodes that
// look at the same clocks at once report each mark once. Same cases on SQLite and PostgreSQL,
// with a FakeClock; nothing sleeps.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <latch>
#include <thread>

#include "app/sla/escalation_worker.hpp"
#include "app/installation/installation.hpp"
#include "app/sla/sla_service.hpp"
#include "store_contract_fixture.hpp"

namespace tawasul::store_contract {
namespace {

using namespace std::chrono_literals;
using d::ClockName;
using d::ClockRun;
using base::Result;
using base::Status;

/// Forwards to a real store; can "crash" (throw) around the Nth RecordSlaCheck, and run a hook
/// right after reading the due clocks (another node acting in between).
class FaultySlaStore final : public app::SlaStore {
 public:
  explicit FaultySlaStore(app::SlaStore& inner) : inner_(inner) {}
  int crash_before_check = 0;  ///< this check (1-based) throws before anything is written
  int crash_after_check = 0;   ///< this check is committed, then throws
  std::function<void()> after_due_read;

  std::vector<app::StoredClock> SlaClocks(const std::vector<d::CaseId>& ids) override {
    return inner_.SlaClocks(ids);
  }
  std::vector<app::StoredClock> DueSlaClocks(base::Time now, int limit) override {
    auto due = inner_.DueSlaClocks(now, limit);
    if (after_due_read) after_due_read();
    return due;
  }
  Status RecordSlaCheck(const app::SlaCheck& check) override {
    ++checks;
    if (checks == crash_before_check) throw std::runtime_error("crash before the commit");
    Status s = inner_.RecordSlaCheck(check);
    if (checks == crash_after_check) throw std::runtime_error("crash after the commit");
    return s;
  }
  Status SaveStaffContact(const app::StaffContact& c) override { return inner_.SaveStaffContact(c); }
  std::vector<app::StaffContact> StaffContacts() override { return inner_.StaffContacts(); }
  std::optional<app::Survey> FindSurvey(const std::string& h) override { return inner_.FindSurvey(h); }
  std::optional<std::pair<app::Survey, std::string>> LatestSurveyOf(d::CaseId id) override {
    return inner_.LatestSurveyOf(id);
  }
  Result<app::Survey> AnswerSurvey(const app::SurveyAnswer& a) override {
    return inner_.AnswerSurvey(a);
  }
  Result<app::CallRating> AddCallRating(const app::CallRating& r,
                                        const std::optional<app::CaseReview>& f) override {
    return inner_.AddCallRating(r, f);
  }
  std::vector<app::CaseReview> OpenReviews(const std::vector<d::CaseId>& ids) override {
    return inner_.OpenReviews(ids);
  }
  Status DismissReview(d::CaseId id, std::optional<d::UserId> actor, const std::string& note,
                       base::Time at) override {
    return inner_.DismissReview(id, actor, note, at);
  }

  int checks = 0;

 private:
  app::SlaStore& inner_;
};

/// A center with one round-the-clock policy (first response 1h, resolution 2h) and a
/// supervisor reachable by SMS.
const char* kSlaToml = R"(
[calendars.contact_center]
always_open = true

[[sla]]
name = "fast"
first_response = "1h"
resolution = "2h"
warning_share = 0.5
)";

// (g++ 12 crashes on this call as a default member initializer inside the class template.)
std::shared_ptr<const app::Installation> EmptyInstallation() {
  return app::Installation::Make({}, {}, {});
}

template <class Engine>
class SlaContract : public StoreContract<Engine> {
 protected:
  Store& S() { return StoreContract<Engine>::S(); }

  static app::StoredClock Running(ClockName name, std::chrono::minutes target, base::Time start) {
    app::StoredClock s;
    s.clock.name = name;
    s.clock.policy = "p";
    s.clock.calendar = "contact_center";
    s.clock.target = target;
    s.clock.warning_share = 0.75;
    s.clock.started_at = start;
    s.next_check_at = start + target;
    return s;
  }

  d::Case CaseWithClocks(const std::string& code, d::CategoryId category,
                         std::vector<app::StoredClock> clocks,
                         std::optional<std::string> phone = std::nullopt) {
    auto nc = this->MakeCase(code, category, phone);
    nc.service.clocks = std::move(clocks);
    auto c = S().CreateCase(nc);
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
    return c.ok() ? *c : d::Case{};
  }

  app::StoredClock Only(d::CaseId id, ClockName name) {
    for (auto& s : S().SlaClocks({id})) {
      if (s.clock.name == name) return s;
    }
    ADD_FAILURE() << "no clock";
    return {};
  }

  int Events(d::CaseId id, const std::string& kind, const std::string& to = "") {
    int n = 0;
    for (const auto& e : S().Timeline(id)) n += e.kind == kind && (to.empty() || e.to == to);
    return n;
  }

  app::ActionWrite Action(const d::Case& c, const std::string& to_state) {
    app::ActionWrite w;
    w.action = "act";
    w.from_state = c.state;
    w.update.id = c.id;
    w.update.expected_version = c.version;
    w.update.after = c;
    w.update.after.state = to_state;
    w.update.after.updated_at = this->clock_.Now();
    return w;
  }

  // ---- The escalation timer's world ----------------------------------------------------------

  /// Installs kSlaToml, a breach template and a supervisor with a phone.
  void SetUpEscalation() {
    auto config = app::ParseSlaConfig("test.toml", kSlaToml, "Asia/Riyadh");
    ASSERT_TRUE(config.ok()) << config.error().message;
    config_ = *config;
    app::CenterSettings settings;
    settings.time_zone = "Asia/Riyadh";
    installation_.Set(app::Installation::Make(
        settings, {}, {{"sla_breach", "sms", "ar", "تجاوز {tracking_code} مهلة {clock} ({due_at})"}},
        config_));
    d::User sup;
    sup.username = "sup";
    sup.display_name = "Supervisor";
    sup.role = d::Role::kSupervisor;
    auto made = S().CreateUser(sup, "x");
    ASSERT_TRUE(made.ok());
    ASSERT_TRUE(S().SaveStaffContact({made->id, "", "+966500000001", false}).ok());
    category_ = this->SeedCategory().id;
  }

  /// A request registered now with the policy's two clocks.
  d::Case Registered(int n) {
    auto clocks = app::ClocksForNewCase(config_, {}, d::CaseType::kComplaint,
                                        d::Priority::kNormal, this->clock_.Now());
    EXPECT_EQ(clocks.size(), 2u);
    return CaseWithClocks("10000000" + std::to_string(10 + n), category_, clocks);
  }

  app::SlaConfig config_;
  app::InstallationRef installation_{EmptyInstallation()};
  d::CategoryId category_;
};

TYPED_TEST_SUITE(SlaContract, Engines, EngineNames);

TYPED_TEST(SlaContract, ClocksAreWrittenWithTheRequestAndReadBackExactly) {
  const base::Time t0 = this->clock_.Now();
  auto fr = this->Running(ClockName::kFirstResponse, 90min, t0);
  auto res = this->Running(ClockName::kResolution, 35h, t0);
  res.clock.run = ClockRun::kPaused;
  res.clock.pauses = {{t0 + 10min, t0 + 20min}, {t0 + 30min, std::nullopt}};
  res.next_check_at.reset();
  const auto cat = this->SeedCategory();
  const d::Case c = this->CaseWithClocks("1000000001", cat.id, {fr, res});
  const d::Case other = this->CaseWithClocks("1000000002", cat.id, {});

  auto read = this->S().SlaClocks({c.id, other.id, d::CaseId{999999}});
  ASSERT_EQ(read.size(), 2u);
  fr.case_id = res.case_id = c.id;
  fr.version = res.version = 1;
  EXPECT_EQ(read[0], fr);
  EXPECT_EQ(read[1], res);
  EXPECT_EQ(read[1].clock.warning_share, 0.75);
  EXPECT_TRUE(this->S().SlaClocks({}).empty());
  EXPECT_TRUE(this->S().SlaClocks({other.id}).empty());
}

TYPED_TEST(SlaContract, AnActionReplacesItsClocksInItsTransaction) {
  const base::Time t0 = this->clock_.Now();
  const auto cat = this->SeedCategory();
  const d::Case c =
      this->CaseWithClocks("1000000003", cat.id, {this->Running(ClockName::kResolution, 2h, t0)});
  this->clock_.Advance(30min);
  auto stopped = this->Only(c.id, ClockName::kResolution);
  stopped.clock.run = ClockRun::kStopped;
  stopped.clock.stopped_at = this->clock_.Now();
  stopped.next_check_at.reset();

  auto stale = this->Action(c, "done");
  stale.update.expected_version = c.version + 5;
  stale.update.service.clocks = {stopped};
  EXPECT_EQ(this->S().ApplyAction(stale, nullptr).error().code, ErrorCode::kPreconditionFailed);
  EXPECT_EQ(this->Only(c.id, ClockName::kResolution).clock.run, ClockRun::kRunning)
      << "a refused action writes no clock";

  auto w = this->Action(c, "done");
  w.update.service.clocks = {stopped};
  ASSERT_TRUE(this->S().ApplyAction(w, nullptr).ok());
  const auto after = this->Only(c.id, ClockName::kResolution);
  EXPECT_EQ(after.clock.run, ClockRun::kStopped);
  EXPECT_EQ(after.clock.stopped_at, this->clock_.Now());
  EXPECT_FALSE(after.next_check_at.has_value());
  EXPECT_EQ(after.version, 2);
}

TYPED_TEST(SlaContract, DueClocksComeSoonestFirstUpToTheLimit) {
  const base::Time t0 = this->clock_.Now();
  const auto cat = this->SeedCategory();
  auto a = this->Running(ClockName::kResolution, 3h, t0);
  auto b = this->Running(ClockName::kResolution, 1h, t0);
  auto idle = this->Running(ClockName::kResolution, 1h, t0);
  idle.next_check_at.reset();
  const d::Case ca = this->CaseWithClocks("1000000004", cat.id, {a});
  const d::Case cb = this->CaseWithClocks("1000000005", cat.id, {b});
  this->CaseWithClocks("1000000006", cat.id, {idle});
  EXPECT_TRUE(this->S().DueSlaClocks(t0 + 59min, 10).empty());
  auto due = this->S().DueSlaClocks(t0 + 5h, 10);
  ASSERT_EQ(due.size(), 2u) << "a clock with nothing to wait for is never due";
  EXPECT_EQ(due[0].case_id, cb.id);
  EXPECT_EQ(due[1].case_id, ca.id);
  ASSERT_EQ(this->S().DueSlaClocks(t0 + 5h, 1).size(), 1u);
}

TYPED_TEST(SlaContract, ACheckIsVersionCheckedAndAMarkIsReportedOnlyOnce) {
  const base::Time t0 = this->clock_.Now();
  const auto cat = this->SeedCategory();
  const d::Case c =
      this->CaseWithClocks("1000000007", cat.id, {this->Running(ClockName::kResolution, 1h, t0)});
  this->clock_.Advance(2h);
  const auto before = this->Only(c.id, ClockName::kResolution);
  const auto events = this->S().Timeline(c.id).size();

  app::SlaCheck check;
  check.case_id = c.id;
  check.clock = ClockName::kResolution;
  check.expected_version = before.version + 1;  // someone changed it since
  check.escalation = d::Escalation::kBreach;
  check.at = this->clock_.Now();
  check.due = t0 + 1h;
  check.note = "due then";
  d::OutboxMessage m;
  m.channel = "sms";
  m.template_name = "sla_breach";
  m.recipient = "+966500000001";
  m.language = "ar";
  m.body = "تجاوز";
  check.messages = {m};
  EXPECT_EQ(this->S().RecordSlaCheck(check).error().code, ErrorCode::kPreconditionFailed);
  EXPECT_EQ(this->S().Timeline(c.id).size(), events);

  check.expected_version = before.version;
  ASSERT_TRUE(this->S().RecordSlaCheck(check).ok());
  const auto after = this->Only(c.id, ClockName::kResolution);
  EXPECT_TRUE(after.breach_reported);
  EXPECT_FALSE(after.warning_reported);
  EXPECT_FALSE(after.next_check_at.has_value());
  EXPECT_EQ(after.version, before.version + 1);
  EXPECT_EQ(this->Events(c.id, "sla", "breach"), 1);
  EXPECT_EQ(this->Events(c.id, "notification", "sla_breach"), 1);
  EXPECT_EQ(this->S().Messages(c.id).size(), 1u);

  // The same mark again, even on the current version (another node, a replay after a crash):
  // a Conflict, and nothing of it is written.
  check.expected_version = after.version;
  check.next_check_at = this->clock_.Now() + 1h;
  EXPECT_EQ(this->S().RecordSlaCheck(check).error().code, ErrorCode::kConflict);
  EXPECT_EQ(this->Events(c.id, "sla", "breach"), 1);
  EXPECT_EQ(this->S().Messages(c.id).size(), 1u);
  EXPECT_EQ(this->Only(c.id, ClockName::kResolution).version, after.version);

  // A check with nothing to report only moves the next look.
  check.escalation = d::Escalation::kNone;
  check.messages.clear();
  ASSERT_TRUE(this->S().RecordSlaCheck(check).ok());
  EXPECT_EQ(this->Only(c.id, ClockName::kResolution).next_check_at, this->clock_.Now() + 1h);
}

TYPED_TEST(SlaContract, TheLatestSurveyOfARequestCarriesItsTokenHash) {
  // The portal answers a request's survey without the token: by its latest survey's hash.
  const auto cat = this->SeedCategory();
  const d::Case c = *this->S().CreateCase(this->MakeCase("1000000018", cat.id, "+966501234568"));
  EXPECT_FALSE(this->S().LatestSurveyOf(c.id).has_value());
  auto w = this->Action(c, "closed");
  w.update.service.survey = app::NewSurvey{"hash-first", "ar", this->clock_.Now() + 24h};
  ASSERT_TRUE(this->S().ApplyAction(w, nullptr).ok());
  this->clock_.Advance(2h);
  auto w2 = this->Action(*this->S().GetCase(c.id), "closed");
  w2.update.service.survey = app::NewSurvey{"hash-second", "fa", this->clock_.Now() + 24h};
  ASSERT_TRUE(this->S().ApplyAction(w2, nullptr).ok());
  auto latest = this->S().LatestSurveyOf(c.id);
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->second, "hash-second");
  EXPECT_EQ(latest->first, *this->S().FindSurvey("hash-second"));
  EXPECT_EQ(latest->first.language, "fa");
}

TYPED_TEST(SlaContract, ASurveyIsStoredWithTheClosingAndAnsweredOnce) {
  const auto cat = this->SeedCategory();
  auto nc = this->MakeCase("1000000008", cat.id, "+966501234567");
  const d::Case c = *this->S().CreateCase(nc);
  auto w = this->Action(c, "closed");
  w.update.service.survey = app::NewSurvey{"hash-1", "ar", this->clock_.Now() + 24h};
  ASSERT_TRUE(this->S().ApplyAction(w, nullptr).ok());
  auto s = this->S().FindSurvey("hash-1");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->case_id, c.id);
  EXPECT_FALSE(s->answered_at.has_value());
  EXPECT_FALSE(this->S().FindSurvey("hash-2").has_value());

  // Two answers at once: exactly one wins.
  std::atomic<int> ok{0}, conflict{0};
  std::latch go(2);
  auto answer = [&](int rating) {
    go.arrive_and_wait();
    app::CaseReview flag;
    flag.source = "survey";
    flag.rating = rating;
    flag.comment = "x";
    flag.reopenable = true;
    auto r = this->S().AnswerSurvey({"hash-1", rating, "تعليق", this->clock_.Now(), flag});
    if (r.ok()) ++ok;
    if (!r.ok() && r.error().code == ErrorCode::kConflict) ++conflict;
  };
  std::thread t1(answer, 1), t2(answer, 2);
  t1.join();
  t2.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(conflict.load(), 1);
  EXPECT_EQ(this->Events(c.id, "survey"), 1);
  EXPECT_EQ(this->Events(c.id, "review", "flagged"), 1);
  auto reviews = this->S().OpenReviews({c.id});
  ASSERT_EQ(reviews.size(), 1u);
  EXPECT_TRUE(reviews[0].reopenable);
  EXPECT_EQ(reviews[0].source, "survey");
  app::CaseFilter f;
  f.needs_review = true;
  auto listed = this->S().ListCases(f);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, c.id);

  EXPECT_EQ(this->S().AnswerSurvey({"nope", 3, "", this->clock_.Now(), {}}).error().code,
            ErrorCode::kNotFound);
  // Expired: NotFound, and it stays unanswered.
  auto w2 = this->Action(*this->S().GetCase(c.id), "closed");
  w2.update.service.survey = app::NewSurvey{"hash-3", "ar", this->clock_.Now() + 1h};
  ASSERT_TRUE(this->S().ApplyAction(w2, nullptr).ok());
  this->clock_.Advance(2h);
  EXPECT_EQ(this->S().AnswerSurvey({"hash-3", 3, "", this->clock_.Now(), {}}).error().code,
            ErrorCode::kNotFound);
  EXPECT_FALSE(this->S().FindSurvey("hash-3")->answered_at.has_value());
}

TYPED_TEST(SlaContract, CallRatingsFlagReviewsThatAReopenOrADismissalCloses) {
  const auto cat = this->SeedCategory();
  const auto agent = this->SeedUser("agent1");
  const d::Case c = *this->S().CreateCase(this->MakeCase("1000000009", cat.id, "+966501234567"));
  app::CallRating r;
  r.agent_id = agent.id;
  r.phone = "+966501234567";
  r.case_id = c.id;
  r.rating = 2;
  app::CaseReview flag;
  flag.source = "call";
  flag.rating = 2;
  auto stored = this->S().AddCallRating(r, flag);
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  EXPECT_GT(stored->id, 0);
  EXPECT_EQ(stored->created_at, this->clock_.Now());
  EXPECT_EQ(this->Events(c.id, "rating", "2"), 1);
  ASSERT_EQ(this->S().OpenReviews({c.id}).size(), 1u);

  // A reopening action resolves it, on the timeline.
  auto w = this->Action(c, "reopened");
  w.update.service.review_reopened = true;
  ASSERT_TRUE(this->S().ApplyAction(w, nullptr).ok());
  EXPECT_TRUE(this->S().OpenReviews({c.id}).empty());
  EXPECT_EQ(this->Events(c.id, "review", "reopened"), 1);

  // Flagged again later (the same row comes back), then dismissed once.
  ASSERT_TRUE(this->S().AddCallRating(r, flag).ok());
  ASSERT_EQ(this->S().OpenReviews({c.id}).size(), 1u);
  ASSERT_TRUE(this->S().DismissReview(c.id, agent.id, "تم التواصل", this->clock_.Now()).ok());
  EXPECT_EQ(this->S().DismissReview(c.id, agent.id, "", this->clock_.Now()).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(this->Events(c.id, "review", "dismissed"), 1);

  // A rating without a request is kept too.
  r.case_id.reset();
  auto bare = this->S().AddCallRating(r, std::nullopt);
  ASSERT_TRUE(bare.ok());
  EXPECT_FALSE(bare->case_id.has_value());
}

TYPED_TEST(SlaContract, StaffContactsAreReplacedWhole) {
  const auto u = this->SeedUser("staff1");
  ASSERT_TRUE(this->S().SaveStaffContact({u.id, "a@x.example", "", true}).ok());
  ASSERT_TRUE(this->S().SaveStaffContact({u.id, "b@x.example", "+966500000002", false}).ok());
  auto all = this->S().StaffContacts();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0], (app::StaffContact{u.id, "b@x.example", "+966500000002", false}));
}

// ---- The escalation timer over a real store ---------------------------------------------------

TYPED_TEST(SlaContract, AWorkerThatCrashesMidRoundAndRestartsMissesNoBreachAndRepeatsNone) {
  this->SetUpEscalation();
  constexpr int kRequests = 5;
  std::vector<d::Case> cases;
  for (int i = 0; i < kRequests; ++i) cases.push_back(this->Registered(i));
  // Three hours later both clocks of every request are past due (1h and 2h); no warning was
  // reported while the node was down, and none is now: the breach says it.
  this->clock_.Advance(3h);

  {  // The first process dies right after the commit of its third report.
    FaultySlaStore faulty(this->S());
    faulty.crash_after_check = 3;
    app::EscalationWorker worker(this->S(), faulty, this->clock_, this->installation_, {});
    EXPECT_THROW(worker.RunOnce(), std::runtime_error);
  }
  this->Reopen();
  {  // The second dies before the commit of its second.
    FaultySlaStore faulty(this->S());
    faulty.crash_before_check = 2;
    app::EscalationWorker worker(this->S(), faulty, this->clock_, this->installation_, {});
    EXPECT_THROW(worker.RunOnce(), std::runtime_error);
  }
  this->Reopen();
  app::EscalationWorker worker(this->S(), this->S(), this->clock_, this->installation_, {});
  EXPECT_EQ(worker.RunOnce(), 2 * kRequests - 4) << "the four reported before the crashes stay";
  EXPECT_EQ(worker.RunOnce(), 0);
  this->clock_.Advance(24h);
  EXPECT_EQ(worker.RunOnce(), 0);

  for (const auto& c : cases) {
    EXPECT_EQ(this->Events(c.id, "sla", "breach"), 2) << "one per clock, request " << c.id.value;
    EXPECT_EQ(this->Events(c.id, "sla", "warning"), 0);
    const auto messages = this->S().Messages(c.id);
    ASSERT_EQ(messages.size(), 2u) << "one to the supervisor per clock";
    for (const auto& m : messages) {
      EXPECT_EQ(m.recipient, "+966500000001");
      EXPECT_NE(m.body.find(c.tracking_code), std::string::npos);
    }
    for (const auto& s : this->S().SlaClocks({c.id})) {
      EXPECT_TRUE(s.breach_reported);
      EXPECT_FALSE(s.next_check_at.has_value());
    }
  }
}

TYPED_TEST(SlaContract, TwoNodesLookingAtTheSameClocksReportEachMarkOnce) {
  this->SetUpEscalation();
  std::vector<d::Case> cases;
  for (int i = 0; i < 3; ++i) cases.push_back(this->Registered(i));
  // 61 minutes in: first response (1h) is breached, resolution (2h) past its warning share.
  this->clock_.Advance(61min);

  // Node 2 is a second store on the same database; it runs a whole round between node 1's read
  // of the due clocks and its writes.
  auto node2 = store::OpenStore(this->url_, this->clock_);
  app::EscalationWorker worker2(*node2, *node2, this->clock_, this->installation_, {});
  FaultySlaStore node1(this->S());
  int reported2 = 0;
  node1.after_due_read = [&] { reported2 += worker2.RunOnce(); };
  app::EscalationWorker worker1(this->S(), node1, this->clock_, this->installation_, {});
  const int reported1 = worker1.RunOnce();
  EXPECT_EQ(reported2, 6);
  EXPECT_EQ(reported1, 0) << "node 1's reads were stale: its writes lose";
  for (const auto& c : cases) {
    EXPECT_EQ(this->Events(c.id, "sla", "breach"), 1);
    EXPECT_EQ(this->Events(c.id, "sla", "warning"), 1);
  }

  // Then both run at the resolution's breach, one after the other: still once each.
  this->clock_.Advance(3h);
  node1.after_due_read = nullptr;
  const int a = worker1.RunOnce();
  const int b = worker2.RunOnce();
  EXPECT_EQ(a + b, 3);
  EXPECT_EQ(b, 0);
  for (const auto& c : cases) {
    EXPECT_EQ(this->Events(c.id, "sla", "breach"), 2);
    EXPECT_EQ(this->S().Messages(c.id).size(), 2u);
  }
  node2.reset();
}

}  // namespace
}  // namespace tawasul::store_contract
