// The store contract for data-driven workflows: request states and links, ApplyAction's one
// transaction, inbox filters, the installation, and the migration from schema version 1.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <latch>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/store.hpp"
#include "store/db.hpp"
#include "store/migrations.hpp"
#include "store_contract_fixture.hpp"

namespace tawasul::store_contract {
namespace {

template <class Engine>
class StoreWorkflowContract : public StoreContract<Engine> {
 protected:
  /// An action on `c` from its state to `to` at the clock's now, checked against c.version.
  app::ActionWrite Action(const d::Case& c, const std::string& name, const std::string& to,
                          std::optional<d::UserId> actor) {
    app::ActionWrite w;
    w.action = name;
    w.from_state = c.state;
    w.update.id = c.id;
    w.update.expected_version = c.version;
    w.update.after = c;
    w.update.after.state = to;
    w.update.after.updated_at = this->clock_.Now();
    w.update.changes = {{"state", c.state, to}};
    w.update.actor = actor;
    return w;
  }

  static d::OutboxMessage Sms(const std::string& phone, const std::string& template_name) {
    d::OutboxMessage m;
    m.channel = "sms";
    m.template_name = template_name;
    m.recipient = phone;
    m.language = "ar";
    m.body = "تم تسجيل بلاغكم";
    return m;
  }

  /// An action that writes one of everything ApplyAction can write.
  app::ActionWrite FullAction(const d::Case& c, const std::string& follow_up_code,
                              std::optional<d::UserId> actor) {
    auto w = Action(c, "schedule", "scheduled", actor);
    w.inputs_text = "date=2025-07-01; time=10:30";
    w.messages = {Sms("+966501234567", "scheduled")};
    w.meeting = d::Meeting{c.id, "2025-07-01", "10:30", "Majlis", "", {}};
    w.callback = d::CallbackAttempt{c.id, {}, actor, "no_answer"};
    w.follow_up = this->MakeCase(follow_up_code, c.category_id);
    w.count_malicious = true;
    w.notes = {{"clock", "first_response", "start", ""}};
    return w;
  }

  std::int64_t CountRows(const std::string& table) {
    auto conn = Engine::Connect(this->url_);
    return store::AsInt(conn->Query("SELECT COUNT(*) FROM " + table).at(0).at(0));
  }

  /// Everything an action on `c` could have written, to compare before and after.
  struct Snapshot {
    std::optional<d::Case> c;
    std::size_t timeline;
    std::int64_t cases, outbox, meetings, callbacks, requesters;
    int malicious;
    bool operator==(const Snapshot&) const = default;
  };
  Snapshot Take(const d::Case& c) {
    auto& s = this->S();
    return Snapshot{s.GetCase(c.id),         s.Timeline(c.id).size(),
                    CountRows("cases"),      CountRows("outbox"),
                    CountRows("meetings"),   CountRows("callback_attempts"),
                    CountRows("requesters"), s.GetRequester(*c.requester_id)->malicious_count};
  }
};

TYPED_TEST_SUITE(StoreWorkflowContract, Engines, EngineNames);

TYPED_TEST(StoreWorkflowContract, CaseWorkflowFieldsRoundTrip) {
  auto& s = this->S();
  d::Category cat;
  cat.code = "meetings";
  cat.name = {"لقاءات", "", "Meetings"};
  cat.workflow = "public_meeting";
  auto created_cat = s.CreateCategory(cat);
  ASSERT_TRUE(created_cat.ok());
  EXPECT_EQ(s.GetCategory(created_cat->id), *created_cat);
  d::Category changed_cat = *created_cat;
  changed_cat.workflow = "three_line";
  ASSERT_TRUE(s.UpdateCategory(changed_cat).ok());
  EXPECT_EQ(s.GetCategory(created_cat->id)->workflow, "three_line");
  EXPECT_EQ(s.ListCategories(), (std::vector<d::Category>{changed_cat}));

  cat.id = created_cat->id;
  auto parent_nc = this->MakeCase("1100000001", cat.id, "+966501234567");
  parent_nc.fields.workflow = "three_line";
  parent_nc.fields.state = "new";
  auto parent = s.CreateCase(parent_nc);
  ASSERT_TRUE(parent.ok()) << parent.error().message;
  EXPECT_EQ(s.GetCase(parent->id), *parent);
  EXPECT_EQ(s.GetCase(parent->id)->state, "new");

  auto child_nc = this->MakeCase("1100000002", cat.id);
  child_nc.fields.workflow = "inquiry";
  child_nc.fields.state = "answered";
  child_nc.fields.status = d::CaseStatus::kClosed;
  child_nc.fields.parent_id = parent->id;
  child_nc.fields.duplicate_of = parent->id;
  child_nc.fields.closed_at = this->clock_.Now() + std::chrono::hours(1);
  auto child = s.CreateCase(child_nc);
  ASSERT_TRUE(child.ok()) << child.error().message;
  EXPECT_EQ(child->parent_id, parent->id);
  EXPECT_EQ(s.GetCase(child->id), *child);
  EXPECT_EQ(s.FindCaseByTrackingCode("1100000002"), *child);
  EXPECT_EQ(s.ListCases({}), (std::vector<d::Case>{*child, *parent}));

  app::CaseUpdate u;
  u.id = child->id;
  u.expected_version = 1;
  u.after = *child;
  u.after.workflow = "three_line";
  u.after.state = "reopened";
  u.after.parent_id.reset();
  u.after.duplicate_of.reset();
  u.after.closed_at.reset();
  u.after.updated_at = this->clock_.Now();
  auto reopened = s.UpdateCase(u);
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  EXPECT_EQ(reopened->state, "reopened");
  EXPECT_FALSE(reopened->parent_id.has_value());
  EXPECT_FALSE(reopened->closed_at.has_value());
  EXPECT_EQ(s.GetCase(child->id), *reopened);
  u.expected_version = 2;
  u.after.closed_at = this->clock_.Now();
  u.after.duplicate_of = parent->id;
  auto closed = s.UpdateCase(u);
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(s.GetCase(child->id)->closed_at, this->clock_.Now());
  EXPECT_EQ(s.GetCase(child->id)->duplicate_of, parent->id);

  auto orphan = this->MakeCase("1100000003", cat.id);
  orphan.fields.parent_id = d::CaseId{parent->id.value + 100};
  EXPECT_EQ(s.CreateCase(orphan).error().code, ErrorCode::kInvalid);

  // The malicious count is read back, stored on insert, and left alone by UpdateRequester.
  EXPECT_EQ(s.GetRequester(*parent->requester_id)->malicious_count, 0);
  d::Requester flagged;
  flagged.name = "flagged";
  flagged.phone = "+966509999999";
  flagged.malicious_count = 3;
  auto q = s.CreateRequester(flagged);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(s.GetRequester(q->id), *q);
  d::Requester edit = *q;
  edit.name = "renamed";
  edit.malicious_count = 0;
  auto edited = s.UpdateRequester(edit);
  ASSERT_TRUE(edited.ok());
  EXPECT_EQ(edited->name, "renamed");
  EXPECT_EQ(edited->malicious_count, 3);
}

TYPED_TEST(StoreWorkflowContract, ListCasesByStatesAndCreator) {
  auto& s = this->S();
  const auto cat = this->SeedCategory();
  const auto a = this->SeedUser("a");
  const auto b = this->SeedUser("b");
  struct Spec {
    const char* state;
    std::optional<d::UserId> by;
  };
  const std::vector<Spec> specs = {
      {"new", a.id}, {"triage", b.id}, {"referred", a.id}, {"new", std::nullopt}, {"closed", b.id}};
  std::vector<d::Case> cases;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    auto nc = this->MakeCase("120000000" + std::to_string(i), cat.id);
    nc.fields.workflow = "three_line";
    nc.fields.state = specs[i].state;
    nc.actor = specs[i].by;
    auto r = s.CreateCase(nc);
    ASSERT_TRUE(r.ok()) << r.error().message;
    cases.push_back(*r);
  }
  auto ids = [&](const app::CaseFilter& f) {
    std::vector<std::size_t> out;
    for (const auto& c : s.ListCases(f)) {
      const auto it = std::find(cases.begin(), cases.end(), c);
      out.push_back(it == cases.end() ? 999 : static_cast<std::size_t>(it - cases.begin()));
    }
    return out;
  };
  using V = std::vector<std::size_t>;
  app::CaseFilter f;
  f.states = {{"three_line", "new"}};
  EXPECT_EQ(ids(f), (V{3, 0}));
  f.states = {{"three_line", "new"}, {"three_line", "referred"}};
  EXPECT_EQ(ids(f), (V{3, 2, 0}));
  f.states = {{"three_line", "referred"}, {"three_line", "triage"}, {"three_line", "closed"}};
  EXPECT_EQ(ids(f), (V{4, 2, 1}));
  f.states = {{"three_line", "nope"}};
  EXPECT_TRUE(ids(f).empty());
  f.states = {{"other_flow", "new"}};
  EXPECT_TRUE(ids(f).empty()) << "a state name only counts in its own workflow";
  f = {};
  f.created_by = a.id;
  EXPECT_EQ(ids(f), (V{2, 0}));
  f.created_by = b.id;
  f.states = {{"three_line", "closed"}, {"three_line", "new"}};
  EXPECT_EQ(ids(f), (V{4}));
  f = {};
  f.states = {{"three_line", "new"}, {"three_line", "triage"}, {"three_line", "referred"}};
  f.before_id = cases[3].id.value;
  f.limit = 2;
  EXPECT_EQ(ids(f), (V{2, 1}));
  f.status = d::CaseStatus::kClosed;  // combines with the other filters
  EXPECT_TRUE(ids(f).empty());
}

TYPED_TEST(StoreWorkflowContract, ApplyActionWritesEverythingInOneTransaction) {
  auto& s = this->S();
  const auto cat = this->SeedCategory();
  const auto unit = this->SeedUnit("roads");
  const auto dispatcher = this->SeedUser("dispatcher");
  auto nc = this->MakeCase("1300000001", cat.id, "+966501234567");
  nc.fields.workflow = "three_line";
  nc.fields.state = "new";
  auto created = s.CreateCase(nc);
  ASSERT_TRUE(created.ok());

  this->clock_.Advance(std::chrono::minutes(5));
  const base::Time at = this->clock_.Now();
  auto w = this->Action(*created, "refer", "referred", dispatcher.id);
  w.update.after.status = d::CaseStatus::kReferred;
  w.update.after.unit_id = unit.id;
  w.update.changes.push_back({"unit_id", "", std::to_string(unit.id.value)});
  w.update.note = "عاجل";
  w.inputs_text = "unit_id=" + std::to_string(unit.id.value);
  auto email = this->Sms("citizen@example.om", "referred");
  email.channel = "email";
  email.subject = "Your request";
  w.messages = {this->Sms("+966501234567", "referred"), email};
  w.meeting = d::Meeting{created->id, "2025-07-01", "10:30", "قاعة الاستقبال", "", {}};
  w.callback = d::CallbackAttempt{created->id, {}, dispatcher.id, "no_answer"};
  d::Requester same;
  same.id = *created->requester_id;
  w.follow_up = this->MakeCase("1300000002", cat.id);
  w.follow_up->requester = same;
  w.follow_up->actor = dispatcher.id;
  w.follow_up->fields.type = d::CaseType::kInquiry;
  w.follow_up->fields.workflow = "inquiry";
  w.follow_up->fields.state = "new";
  w.count_malicious = true;
  w.notes = {{"clock", "first_response", "start", "SLA 24h"}};
  std::optional<d::CaseId> follow_up;
  auto after = s.ApplyAction(w, &follow_up);
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(after->version, 2);
  EXPECT_EQ(after->state, "referred");
  EXPECT_EQ(after->unit_id, unit.id);
  EXPECT_EQ(after->updated_at, at);
  EXPECT_EQ(s.GetCase(created->id), *after);

  struct Line {
    std::string kind, field, from, to, note;
    bool operator==(const Line&) const = default;
  };
  std::vector<Line> lines;
  const auto timeline = s.Timeline(created->id);
  for (std::size_t i = 1; i < timeline.size(); ++i) {
    const auto& e = timeline[i];
    lines.push_back({e.kind, e.field, e.from, e.to, e.note});
    EXPECT_EQ(e.at, at) << e.kind;
    EXPECT_EQ(e.actor_id, dispatcher.id) << e.kind;
    // The recipient is personal data: it never reaches the timeline.
    for (const auto* text : {&e.field, &e.from, &e.to, &e.note}) {
      EXPECT_EQ(text->find("+966501234567"), std::string::npos) << e.kind;
      EXPECT_EQ(text->find("citizen@example.om"), std::string::npos) << e.kind;
    }
  }
  EXPECT_EQ(lines, (std::vector<Line>{
                       {"changed", "state", "new", "referred", ""},
                       {"changed", "unit_id", "", std::to_string(unit.id.value), ""},
                       {"note", "", "", "", "عاجل"},
                       {"action", "refer", "new", "referred", w.inputs_text},
                       {"notification", "sms", "", "referred", ""},
                       {"notification", "email", "", "referred", ""},
                       {"clock", "first_response", "", "start", "SLA 24h"},
                   }));

  const auto messages = s.Messages(created->id);
  ASSERT_EQ(messages.size(), 2U);
  for (std::size_t i = 0; i < 2; ++i) {
    d::OutboxMessage expected = w.messages[i];
    expected.id = messages[i].id;
    expected.case_id = created->id;
    expected.created_at = at;
    expected.segments = expected.channel == "sms" ? 1 : 0;  // the store counts an SMS's parts
    EXPECT_TRUE(messages[i].id.valid());
    EXPECT_EQ(messages[i], expected);
  }
  {  // What the senders will claim: due now, never tried.
    auto conn = TypeParam::Connect(this->url_);
    const auto r = conn->Query(
        "SELECT status, attempts, next_attempt_at, sent_at, last_error FROM outbox ORDER BY id");
    ASSERT_EQ(r.size(), 2U);
    EXPECT_EQ(store::AsText(r[0][0]), "queued");
    EXPECT_EQ(store::AsInt(r[0][1]), 0);
    EXPECT_EQ(store::AsTime(r[0][2]), at);
    EXPECT_TRUE(store::IsNull(r[0][3]));
    EXPECT_EQ(store::AsText(r[0][4]), "");
  }
  EXPECT_EQ(s.GetMeeting(created->id),
            (d::Meeting{created->id, "2025-07-01", "10:30", "قاعة الاستقبال", "", at}));
  EXPECT_EQ(s.CallbackAttempts(created->id),
            (std::vector<d::CallbackAttempt>{{created->id, at, dispatcher.id, "no_answer"}}));
  EXPECT_EQ(s.GetRequester(*created->requester_id)->malicious_count, 1);

  ASSERT_TRUE(follow_up.has_value());
  const auto fu = s.GetCase(*follow_up);
  ASSERT_TRUE(fu.has_value());
  EXPECT_EQ(fu->parent_id, created->id);
  EXPECT_EQ(fu->requester_id, created->requester_id);
  EXPECT_EQ(fu->type, d::CaseType::kInquiry);
  EXPECT_EQ(fu->state, "new");
  EXPECT_EQ(fu->version, 1);
  EXPECT_EQ(fu->created_at, at);
  EXPECT_EQ(fu->created_by, dispatcher.id);
  const auto fu_timeline = s.Timeline(*follow_up);
  ASSERT_EQ(fu_timeline.size(), 1U);
  EXPECT_EQ(fu_timeline[0].kind, "created");
  EXPECT_EQ(fu_timeline[0].at, at);

  // A second action: the meeting is replaced, the attempt appended, the count grows again.
  this->clock_.Advance(std::chrono::minutes(1));
  auto w2 = this->Action(*after, "meeting_held", "held", dispatcher.id);
  w2.meeting = d::Meeting{created->id, "2025-07-02", "11:00", "Majlis", "agreed", {}};
  w2.callback = d::CallbackAttempt{created->id, {}, std::nullopt, "reached"};
  w2.count_malicious = true;
  std::optional<d::CaseId> none = d::CaseId{12345};
  auto after2 = s.ApplyAction(w2, &none);
  ASSERT_TRUE(after2.ok()) << after2.error().message;
  EXPECT_FALSE(none.has_value());
  EXPECT_EQ(after2->version, 3);
  EXPECT_EQ(s.GetMeeting(created->id), (d::Meeting{created->id, "2025-07-02", "11:00", "Majlis",
                                                   "agreed", this->clock_.Now()}));
  EXPECT_EQ(this->CountRows("meetings"), 1);
  const auto attempts = s.CallbackAttempts(created->id);
  ASSERT_EQ(attempts.size(), 2U);
  EXPECT_EQ(attempts[1].outcome, "reached");
  EXPECT_FALSE(attempts[1].user_id.has_value());
  EXPECT_EQ(s.GetRequester(*created->requester_id)->malicious_count, 2);
  EXPECT_EQ(s.Messages(created->id).size(), 2U);
  EXPECT_TRUE(s.Messages(*follow_up).empty());
  EXPECT_FALSE(s.GetMeeting(*follow_up).has_value());
  EXPECT_EQ(s.Timeline(created->id).back().kind, "action");
  // A null out-pointer is allowed.
  auto w3 = this->Action(*after2, "close", "closed", dispatcher.id);
  EXPECT_TRUE(s.ApplyAction(w3, nullptr).ok());
}

TYPED_TEST(StoreWorkflowContract, ApplyActionWithAStaleVersionWritesNothing) {
  auto& s = this->S();
  const auto cat = this->SeedCategory();
  const auto agent = this->SeedUser("agent");
  auto created = s.CreateCase(this->MakeCase("1400000001", cat.id, "+966501234567"));
  ASSERT_TRUE(created.ok());
  app::CaseUpdate bump;
  bump.id = created->id;
  bump.after = *created;
  bump.after.description = "edited meanwhile";
  ASSERT_TRUE(s.UpdateCase(bump).ok());  // now at version 2

  const auto before = this->Take(*created);
  std::optional<d::CaseId> follow_up;
  auto stale = s.ApplyAction(this->FullAction(*created, "1400000002", agent.id), &follow_up);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
  EXPECT_EQ(stale.error().field, "version");
  EXPECT_FALSE(follow_up.has_value());
  EXPECT_EQ(this->Take(*created), before);
  EXPECT_FALSE(s.FindCaseByTrackingCode("1400000002").has_value());
  EXPECT_TRUE(s.Messages(created->id).empty());
  EXPECT_FALSE(s.GetMeeting(created->id).has_value());
  EXPECT_TRUE(s.CallbackAttempts(created->id).empty());

  auto ghost = this->FullAction(*created, "1400000003", agent.id);
  ghost.update.id = d::CaseId{created->id.value + 100};
  EXPECT_EQ(s.ApplyAction(ghost, &follow_up).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->Take(*created), before);
}

TYPED_TEST(StoreWorkflowContract, ApplyActionRollsBackWhollyWhenALaterWriteFails) {
  auto& s = this->S();
  const auto cat = this->SeedCategory();
  const auto agent = this->SeedUser("agent");
  auto created = s.CreateCase(this->MakeCase("1500000001", cat.id, "+966501234567"));
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(s.CreateCase(this->MakeCase("1500000009", cat.id)).ok());
  const auto before = this->Take(*created);

  // The follow-up's tracking code is taken: its new requester, the request's row, the events,
  // the message, the meeting, the attempt and the count all go with it.
  auto w = this->FullAction(*created, "1500000009", agent.id);
  w.follow_up->requester = d::Requester{};
  w.follow_up->requester->phone = "+966507777777";
  std::optional<d::CaseId> follow_up;
  auto conflict = s.ApplyAction(w, &follow_up);
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.error().code, ErrorCode::kConflict);
  EXPECT_EQ(conflict.error().field, "tracking_code");
  EXPECT_FALSE(follow_up.has_value());
  EXPECT_EQ(this->Take(*created), before);
  EXPECT_FALSE(s.FindRequesterByPhone("+966507777777").has_value());

  // A dangling reference (the attempt's user) is Invalid and undoes the action as a whole.
  auto dangling = this->FullAction(*created, "1500000002", agent.id);
  dangling.callback->user_id = d::UserId{agent.id.value + 100};
  EXPECT_EQ(s.ApplyAction(dangling, &follow_up).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(this->Take(*created), before);
  EXPECT_FALSE(s.FindCaseByTrackingCode("1500000002").has_value());

  // The caller draws another code and the same action goes through.
  w.follow_up->fields.tracking_code = "1500000003";
  auto retry = s.ApplyAction(w, &follow_up);
  ASSERT_TRUE(retry.ok()) << retry.error().message;
  ASSERT_TRUE(follow_up.has_value());
  EXPECT_EQ(s.GetCase(*follow_up)->requester_id, s.FindRequesterByPhone("+966507777777")->id);
  EXPECT_EQ(s.Messages(created->id).size(), 1U);
  EXPECT_EQ(s.CallbackAttempts(created->id).size(), 1U);
  EXPECT_EQ(s.GetRequester(*created->requester_id)->malicious_count, 1);
}

TYPED_TEST(StoreWorkflowContract, ApplyActionOnAnAnonymousRequestCountsNothing) {
  auto& s = this->S();
  const auto cat = this->SeedCategory();
  auto created = s.CreateCase(this->MakeCase("1600000001", cat.id));
  ASSERT_TRUE(created.ok());
  auto w = this->Action(*created, "close_malicious", "closed", std::nullopt);
  w.update.expected_version = 0;  // no precondition
  w.update.after.closed_at = this->clock_.Now();
  w.count_malicious = true;
  auto after = s.ApplyAction(w, nullptr);
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(after->closed_at, this->clock_.Now());
  EXPECT_EQ(this->CountRows("requesters"), 0);
  EXPECT_EQ(s.Timeline(created->id).back().kind, "action");
  EXPECT_FALSE(s.Timeline(created->id).back().actor_id.has_value());
}

// Two users act on the same version at once (likely in one group commit): one wins.
TYPED_TEST(StoreWorkflowContract, ConcurrentActionsOnOneVersionOneWins) {
  auto& s = this->S();
  const auto cat = this->SeedCategory();
  auto created = s.CreateCase(this->MakeCase("1700000001", cat.id, "+966501234567"));
  ASSERT_TRUE(created.ok());
  constexpr int kThreads = 8;
  std::vector<std::optional<base::Result<d::Case>>> results(kThreads);
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      auto w = this->Action(*created, "answer", "answered", std::nullopt);
      w.messages = {this->Sms("+966501234567", "answered")};
      w.count_malicious = true;
      start.arrive_and_wait();
      results[static_cast<std::size_t>(i)].emplace(s.ApplyAction(w, nullptr));
    });
  }
  for (auto& t : threads) t.join();
  int won = 0;
  for (const auto& r : results) {
    if (r->ok()) {
      ++won;
    } else {
      EXPECT_EQ(r->error().code, ErrorCode::kPreconditionFailed);
    }
  }
  EXPECT_EQ(won, 1);
  EXPECT_EQ(s.GetCase(created->id)->version, 2);
  EXPECT_EQ(s.Messages(created->id).size(), 1U);
  EXPECT_EQ(s.Timeline(created->id).size(), 4U);  // created, changed, action, notification
  EXPECT_EQ(s.GetRequester(*created->requester_id)->malicious_count, 1);
}

TYPED_TEST(StoreWorkflowContract, InstallationWorkflowsAndTemplatesRoundTripAndReplace) {
  auto& s = this->S();
  EXPECT_TRUE(s.Installation().empty());
  EXPECT_TRUE(s.ListWorkflows().empty());
  EXPECT_TRUE(s.ListTemplates().empty());

  using Settings = std::map<std::string, std::string>;
  const Settings om = {{"country", "OM"}, {"time_zone", "Asia/Muscat"}, {"languages", "ar,en"}};
  ASSERT_TRUE(s.SaveInstallation(om).ok());
  EXPECT_EQ(s.Installation(), om);
  const Settings sa = {{"country", "SA"}, {"calendar", "islamic-umalqura"}};
  ASSERT_TRUE(s.SaveInstallation(sa).ok());
  EXPECT_EQ(s.Installation(), sa);  // the whole set is replaced: time_zone is gone

  using W = Store::WorkflowSource;
  const W three{"three_line", "profiles/muscat-1111/workflows/three_line.toml", "name = \"x\"\n"};
  const W inquiry{"inquiry", "profiles/_shared/workflows/inquiry.toml", "initial = \"new\"\n"};
  ASSERT_TRUE(s.SaveWorkflow(three).ok());
  ASSERT_TRUE(s.SaveWorkflow(inquiry).ok());
  auto names = [&] {
    std::vector<std::string> out;
    for (const auto& w : this->S().ListWorkflows())
      out.push_back(w.name + "|" + w.file + "|" + w.source);
    return out;
  };
  EXPECT_EQ(names(),
            (std::vector<std::string>{inquiry.name + "|" + inquiry.file + "|" + inquiry.source,
                                      three.name + "|" + three.file + "|" + three.source}));
  const W three_v2{"three_line", "profiles/muscat-1111/workflows/three_line_v2.toml", "v = 2\n"};
  ASSERT_TRUE(s.SaveWorkflow(three_v2).ok());
  EXPECT_EQ(names()[1], "three_line|profiles/muscat-1111/workflows/three_line_v2.toml|v = 2\n");
  EXPECT_EQ(names().size(), 2U);

  using T = Store::TemplateText;
  for (const T& t : {T{"registered", "sms", "en", "Your report {tracking_code} is registered"},
                     T{"registered", "sms", "ar", "تم تسجيل بلاغكم برقم {tracking_code}"},
                     T{"answered", "sms", "ar", "تمت الإجابة"},
                     T{"registered", "email_subject", "en", "Registered"}}) {
    ASSERT_TRUE(s.SaveTemplate(t).ok());
  }
  ASSERT_TRUE(s.SaveTemplate({"answered", "sms", "ar", "تمت الإجابة: {answer}"}).ok());
  auto texts = [&] {
    std::vector<std::string> out;
    for (const auto& t : this->S().ListTemplates()) {  // S(): the store is reopened below
      out.push_back(t.name + "/" + t.kind + "/" + t.language + "=" + t.text);
    }
    return out;
  };
  const std::vector<std::string> expected = {
      "answered/sms/ar=تمت الإجابة: {answer}",
      "registered/email_subject/en=Registered",
      "registered/sms/ar=تم تسجيل بلاغكم برقم {tracking_code}",
      "registered/sms/en=Your report {tracking_code} is registered",
  };
  EXPECT_EQ(texts(), expected);

  this->Reopen();
  EXPECT_EQ(this->S().Installation(), sa);
  EXPECT_EQ(names().size(), 2U);
  EXPECT_EQ(texts(), expected);
  ASSERT_TRUE(this->S().SaveInstallation({}).ok());
  EXPECT_TRUE(this->S().Installation().empty());
}

// A database written by schema version 1 migrates in place and keeps its rows.
TYPED_TEST(StoreWorkflowContract, MigratesAVersion1DatabaseInPlace) {
  this->RecreateEmpty();
  if constexpr (TypeParam::kEngine == store::Engine::kSqlite) {
    std::filesystem::create_directories(std::filesystem::path(this->url_.substr(7)).parent_path());
  }
  const auto migrations = store::Migrations(TypeParam::kEngine);
  ASSERT_GE(migrations.size(), 2U);
  ASSERT_EQ(migrations[0].version, 1);
  std::int64_t case_id = 0;
  std::int64_t category_id = 0;
  std::int64_t requester_id = 0;
  {
    using store::Int;
    using store::Text;
    auto c = TypeParam::Connect(this->url_);
    c->Begin();
    c->ExecScript(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT "
        "NULL)");
    c->ExecScript(migrations[0].sql);
    c->Exec("INSERT INTO schema_migrations (version, applied_at) VALUES (1, 0)");
    auto id = [&](const std::string& sql, const store::Params& p = {}) {
      return store::AsInt(c->Query(sql + " RETURNING id", p).at(0).at(0));
    };
    category_id =
        id("INSERT INTO categories (code, name_ar, name_fa, name_en, active) "
           "VALUES ('roads', 'طرق', '', 'Roads', 1)");
    requester_id =
        id("INSERT INTO requesters (name, phone, email, national_id, language, created_at) "
           "VALUES ('old', '+966501111111', '', '', 'ar', 5)");
    case_id =
        id("INSERT INTO cases (tracking_code, type, category_id, channel, requester_id, "
           "description, priority, status, public_answer, created_at, updated_at, version) "
           "VALUES ('1800000001', 'complaint', $1, 'phone', $2, 'old request', 'normal', "
           "'referred', '', 7, 8, 3)",
           {Int(category_id), Int(requester_id)});
    c->Exec(
        "INSERT INTO case_events (case_id, at, kind, field, from_value, to_value, note) "
        "VALUES ($1, 7, 'created', '', '', 'new', '')",
        {Int(case_id)});
    c->Commit();
  }
  this->Reopen();
  auto& s = this->S();
  EXPECT_EQ(s.SchemaVersion(), 1);
  EXPECT_EQ(s.Migrate(), kSchemaVersion);
  EXPECT_EQ(s.SchemaVersion(), kSchemaVersion);
  EXPECT_EQ(s.Migrate(), kSchemaVersion);

  const auto old = s.GetCase(d::CaseId{case_id});
  ASSERT_TRUE(old.has_value());
  EXPECT_EQ(old->tracking_code, "1800000001");
  EXPECT_EQ(old->status, d::CaseStatus::kReferred);
  EXPECT_EQ(old->version, 3);
  EXPECT_EQ(old->updated_at, base::FromMicros(8));
  EXPECT_EQ(old->workflow, "");
  EXPECT_EQ(old->state, "");
  EXPECT_FALSE(old->parent_id.has_value());
  EXPECT_FALSE(old->duplicate_of.has_value());
  EXPECT_FALSE(old->closed_at.has_value());
  EXPECT_EQ(s.GetCategory(d::CategoryId{category_id})->workflow, "");
  EXPECT_EQ(s.GetRequester(d::RequesterId{requester_id})->malicious_count, 0);
  EXPECT_EQ(s.Timeline(old->id).size(), 1U);

  // The old request takes part in workflows, and new ids follow the old ones.
  auto w = this->Action(*old, "refer", "referred", std::nullopt);
  w.messages = {this->Sms("+966501111111", "referred")};
  w.follow_up = this->MakeCase("1800000002", d::CategoryId{category_id});
  w.count_malicious = true;
  std::optional<d::CaseId> follow_up;
  auto after = s.ApplyAction(w, &follow_up);
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(after->state, "referred");
  ASSERT_TRUE(follow_up.has_value());
  EXPECT_GT(*follow_up, old->id);
  EXPECT_EQ(s.GetRequester(d::RequesterId{requester_id})->malicious_count, 1);
  ASSERT_TRUE(s.SaveInstallation({{"country", "SA"}}).ok());
}

}  // namespace
}  // namespace tawasul::store_contract
