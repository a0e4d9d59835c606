// The identity-access log and resending messages over HTTP: a real `tawasul serve` on SQLite and
// on PostgreSQL. Messages are put in the states the outbox gives up in (failed, unknown) through
// the store's own outbox calls, as a worker would, since the demo server sends nothing.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>

#include "app/store.hpp"
#include "base/time.hpp"
#include "store/open_store.hpp"
#include "support/demo_server_fixture.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;
namespace d = tawasul::domain;

const std::string kName = "عبدالله الحربي";
const std::string kPhone = "0501234567";
const std::string kPhoneDigits = "501234567";

class AuditHttp : public DemoServerTest {
 protected:
  AuditHttp() : DemoServerTest({.password = "audit-password"}) {}

  void SetUp() override {
    DemoServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store_ = store::OpenStore(store_url(), clock_);  // the server's store (an absolute path)
  }

  void TearDown() override {
    store_.reset();
    DemoServerTest::TearDown();
  }

  /// A request with a named requester, registered and dispatched by the agent (which queues
  /// the "registered" SMS); its id.
  std::int64_t NewCase(const std::string& agent) {
    std::int64_t category = 0;
    const json categories = GetJson("/api/v1/categories", agent);  // outlives the loop
    for (const auto& c : categories.at("items")) {
      if (c.value("code", "") == "SPK-FAULT") category = c.at("id").get<std::int64_t>();
    }
    json body{
        {"type", "complaint"},
        {"category_id", category},
        {"channel", "phone"},
        {"description", "مكبر الصوت لا يعمل"},
        {"requester", {{"name", kName}, {"phone", kPhone}, {"email", ""}, {"national_id", ""}}},
        {"site_id", nullptr},
        {"priority", "high"}};
    auto r = http_->PostJson("/api/v1/cases", body.dump(), agent);
    EXPECT_EQ(r.status, 201) << r.body;
    const std::int64_t id = json::parse(r.body).at("id").get<std::int64_t>();
    auto dispatched =
        http_->Send("POST", "/api/v1/cases/" + std::to_string(id) + "/actions/dispatch", "{}",
                    {{"Authorization", "Bearer " + agent},
                     {"Content-Type", "application/json"},
                     {"If-Match", r.header("etag")}});
    EXPECT_EQ(dispatched.status, 200) << dispatched.body;
    return id;
  }

  static void ExpectProblem(const HttpResponse& r, long status, const std::string& field = "") {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_NE(r.header("content-type").find("application/problem+json"), std::string::npos)
        << r.header("content-type");
    if (!field.empty()) {
      auto j = json::parse(r.body, nullptr, false);
      EXPECT_EQ(j.value("field", ""), field) << r.body;
    }
  }

  HttpResponse Resend(std::int64_t id, const std::string& token) {
    return http_->Send("POST", "/api/v1/messages/" + std::to_string(id) + "/resend", "",
                       {{"Authorization", "Bearer " + token}});
  }

  /// The request's SMS, as the extras show it to `token`'s user.
  json Messages(std::int64_t case_id, const std::string& token) {
    return GetJson("/api/v1/cases/" + std::to_string(case_id) + "/extras", token).at("messages");
  }

  /// Claims every due SMS as a worker would and leaves `id` claimed with a lease of `lease`;
  /// the others go back to the queue. Returns the claim's attempt number.
  int Claim(std::int64_t id, std::chrono::microseconds lease) {
    int attempt = 0;
    const auto now = clock_.Now();
    for (const auto& c : store_->ClaimMessages("audit-test", now, 500, lease, {"sms"})) {
      if (c.message.id.value == id) {
        attempt = c.message.attempts;
      } else {
        EXPECT_TRUE(store_->MarkFailed(c.message.id, c.message.attempts, "not now", now, now).ok());
      }
    }
    EXPECT_GT(attempt, 0) << "message " << id << " was not due";
    return attempt;
  }

  void ForceFailed(std::int64_t id) {
    const int attempt = Claim(id, std::chrono::minutes(5));
    ASSERT_TRUE(store_
                    ->MarkFailed(d::MessageId{id}, attempt, "rejected by the SMSC", std::nullopt,
                                 clock_.Now())
                    .ok());
    ASSERT_EQ(store_->GetMessage(d::MessageId{id})->status, "failed");
  }

  /// A claim whose lease ran out: the next claim round turns it 'unknown' (decision 0008).
  void ForceUnknown(std::int64_t id) {
    Claim(id, std::chrono::microseconds(1));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // past the 1 µs lease, not a wait
    for (const auto& c :
         store_->ClaimMessages("audit-test", clock_.Now(), 500, std::chrono::minutes(5), {"sms"})) {
      EXPECT_TRUE(
          store_
              ->MarkFailed(c.message.id, c.message.attempts, "not now", clock_.Now(), clock_.Now())
              .ok());
    }
    ASSERT_EQ(store_->GetMessage(d::MessageId{id})->status, "unknown");
  }

  base::SystemClock clock_;
  std::unique_ptr<app::Store> store_;
};

TEST_P(AuditHttp, TheAccessLogNamesWhoSawTheRequesterButNotTheRequester) {
  const std::string agent = Login("agent");
  const std::string dispatcher = Login("dispatcher");
  const std::string supervisor = Login("supervisor");
  const std::int64_t id = NewCase(agent);
  const std::string path = "/api/v1/cases/" + std::to_string(id);
  GetJson(path, agent);       // shows the identity: logged
  GetJson(path, dispatcher);  // logged, after the agent's

  const json log = GetJson(path + "/access-log", supervisor);
  ASSERT_TRUE(log.at("entries").is_array()) << log.dump();
  ASSERT_GE(log["entries"].size(), 2u) << log.dump();
  // Newest first: the dispatcher's view, then the agent's.
  EXPECT_EQ(log["entries"][0].value("username", ""), "dispatcher") << log.dump();
  std::set<std::string> who;
  std::int64_t previous = INT64_MAX;
  for (const auto& e : log["entries"]) {
    who.insert(e.value("username", ""));
    EXPECT_EQ(e.value("case_id", 0), id);
    EXPECT_FALSE(e.value("display_name", "").empty());
    EXPECT_FALSE(e.value("via", "").empty());
    EXPECT_TRUE(base::ParseRfc3339(e.value("at", "")).has_value()) << e.dump();
    EXPECT_LT(e.value("id", INT64_MAX), previous);
    previous = e.value("id", INT64_MAX);
  }
  EXPECT_TRUE(who.count("agent")) << log.dump();
  EXPECT_TRUE(log.at("next_cursor").is_null());
  // Reading the log shows no identity, so it is no disclosure (and logs none).
  const std::string raw = http_->Get(path + "/access-log", supervisor).body;
  EXPECT_EQ(raw.find(kName), std::string::npos) << raw;
  EXPECT_EQ(raw.find(kPhoneDigits), std::string::npos) << raw;
  EXPECT_EQ(GetJson(path + "/access-log", supervisor)["entries"].size(), log["entries"].size());

  // The requester's whole log, one page at a time.
  const json c = GetJson(path, supervisor);  // the supervisor sees the identity too: logged
  const std::string rpath = "/api/v1/requesters/" +
                            std::to_string(c.at("requester").at("id").get<std::int64_t>()) +
                            "/access-log";
  const json first = GetJson(rpath + "?limit=1", supervisor);
  ASSERT_EQ(first.at("entries").size(), 1u) << first.dump();
  EXPECT_EQ(first["entries"][0].value("username", ""), "supervisor");
  ASSERT_TRUE(first.at("next_cursor").is_string()) << first.dump();
  const json second =
      GetJson(rpath + "?limit=1&cursor=" + first["next_cursor"].get<std::string>(), supervisor);
  ASSERT_EQ(second.at("entries").size(), 1u) << second.dump();
  EXPECT_EQ(second["entries"][0].value("username", ""), "dispatcher");
  EXPECT_LT(second["entries"][0].value("id", 0), first["entries"][0].value("id", 0));
  const json all = GetJson(rpath + "?limit=500", supervisor);
  EXPECT_GE(all["entries"].size(), 3u);
  const std::string raw_all = http_->Get(rpath, supervisor).body;
  EXPECT_EQ(raw_all.find(kName), std::string::npos) << raw_all;
  EXPECT_EQ(raw_all.find(kPhoneDigits), std::string::npos) << raw_all;

  for (const std::string user : {"head", "admin"}) {
    EXPECT_EQ(http_->Get(path + "/access-log", Login(user)).status, 200) << user;
    EXPECT_EQ(http_->Get(rpath, Login(user)).status, 200) << user;
  }
}

TEST_P(AuditHttp, TheAccessLogRefusesOtherRolesUnknownIdsAndBadPaging) {
  const std::string agent = Login("agent");
  const std::int64_t id = NewCase(agent);
  const std::string path = "/api/v1/cases/" + std::to_string(id) + "/access-log";
  const json c = GetJson("/api/v1/cases/" + std::to_string(id), agent);
  const std::string rpath = "/api/v1/requesters/" +
                            std::to_string(c.at("requester").at("id").get<std::int64_t>()) +
                            "/access-log";
  for (const std::string user : {"agent", "dispatcher", "unit_staff", "analyst"}) {
    ExpectProblem(http_->Get(path, Login(user)), 403);
    ExpectProblem(http_->Get(rpath, Login(user)), 403);
  }
  ExpectProblem(http_->Get(path), 401);

  const std::string supervisor = Login("supervisor");
  ExpectProblem(http_->Get("/api/v1/cases/999999/access-log", supervisor), 404);
  ExpectProblem(http_->Get("/api/v1/requesters/999999/access-log", supervisor), 404);
  ExpectProblem(http_->Get("/api/v1/requesters/abc/access-log", supervisor), 404);
  for (const std::string bad : {"0", "501", "-1", "ten", "99999999999"}) {
    ExpectProblem(http_->Get(path + "?limit=" + bad, supervisor), 400, "limit");
    ExpectProblem(http_->Get(rpath + "?limit=" + bad, supervisor), 400, "limit");
  }
  EXPECT_EQ(http_->Get(path + "?limit=500", supervisor).status, 200);
  ExpectProblem(http_->Get(path + "?cursor=abc", supervisor), 400, "cursor");
  ExpectProblem(http_->Get(rpath + "?cursor=-3", supervisor), 400, "cursor");
  ExpectProblem(http_->Get(path + "?page=2", supervisor), 400, "page");
}

TEST_P(AuditHttp, AFailedMessageIsResentOnceAsANewLinkedMessage) {
  const std::string agent = Login("agent");
  const std::string dispatcher = Login("dispatcher");
  const std::int64_t id = NewCase(agent);
  const json before = Messages(id, dispatcher);
  ASSERT_FALSE(before.empty()) << "dispatching queues the registered SMS";
  const json original = before[0];
  const std::int64_t mid = original.at("id").get<std::int64_t>();

  // Queued (and later sent or delivered) messages are not resent.
  ExpectProblem(Resend(mid, dispatcher), 409, "status");

  ForceFailed(mid);
  auto r = Resend(mid, dispatcher);
  ASSERT_EQ(r.status, 201) << r.body;
  const json copy = json::parse(r.body);
  EXPECT_NE(copy.at("id").get<std::int64_t>(), mid);
  EXPECT_EQ(copy.value("status", ""), "queued");
  EXPECT_EQ(copy.value("attempts", -1), 0);
  for (const char* same : {"channel", "template", "recipient", "language", "subject", "body"}) {
    EXPECT_EQ(copy.at(same), original.at(same)) << same;
  }
  EXPECT_FALSE(copy.value("recipient", "").empty());

  // Both are on the request: the original stays failed, the copy is queued.
  const json after = Messages(id, dispatcher);
  ASSERT_EQ(after.size(), before.size() + 1) << after.dump();
  for (const auto& m : after) {
    if (m.at("id") == original.at("id")) {
      EXPECT_EQ(m.value("status", ""), "failed");
    }
    if (m.at("id") == copy.at("id")) {
      EXPECT_EQ(m.value("status", ""), "queued");
    }
  }
  // The timeline links them and names who resent it, never the recipient.
  bool found = false;
  const json timeline = GetJson("/api/v1/cases/" + std::to_string(id) + "/timeline", dispatcher);
  for (const auto& e : timeline.at("items")) {
    if (e.value("kind", "") != "resend") continue;
    found = true;
    EXPECT_EQ(e.value("from", ""), std::to_string(mid)) << e.dump();
    EXPECT_EQ(e.value("to", ""), std::to_string(copy["id"].get<std::int64_t>())) << e.dump();
    EXPECT_NE(e.value("note", "").find("resent by"), std::string::npos) << e.dump();
    EXPECT_NE(e.value("note", "").find("dispatcher"), std::string::npos) << e.dump();
    EXPECT_EQ(e.dump().find(kPhoneDigits), std::string::npos) << e.dump();
  }
  EXPECT_TRUE(found);

  // Once only: a second click does not make a second SMS.
  ExpectProblem(Resend(mid, Login("supervisor")), 409, "status");
  EXPECT_EQ(Messages(id, dispatcher).size(), after.size());
}

TEST_P(AuditHttp, AnUnknownMessageIsResentBySupervisorsHeadsAndAdmins) {
  const std::string agent = Login("agent");
  const std::int64_t id = NewCase(agent);
  std::int64_t mid = Messages(id, agent)[0].at("id").get<std::int64_t>();
  for (const std::string user : {"supervisor", "head", "admin"}) {
    ForceUnknown(mid);
    auto r = Resend(mid, Login(user));
    ASSERT_EQ(r.status, 201) << user << ": " << r.body;
    mid = json::parse(r.body).at("id").get<std::int64_t>();
  }
  EXPECT_EQ(store_->GetMessage(d::MessageId{mid})->status, "queued");
}

TEST_P(AuditHttp, ResendRefusesOtherRolesAndUnknownMessages) {
  const std::string agent = Login("agent");
  const std::int64_t id = NewCase(agent);
  const std::int64_t mid = Messages(id, agent)[0].at("id").get<std::int64_t>();
  ForceFailed(mid);
  // Unit staff work on anonymized referrals; agents and analysts do not run the outbox.
  for (const std::string user : {"unit_staff", "agent", "analyst"}) {
    ExpectProblem(Resend(mid, Login(user)), 403);
  }
  ExpectProblem(Resend(mid, ""), 401);
  const std::string dispatcher = Login("dispatcher");
  ExpectProblem(Resend(999999, dispatcher), 404);
  auto bad = http_->Send("POST", "/api/v1/messages/abc/resend", "",
                         {{"Authorization", "Bearer " + dispatcher}});
  ExpectProblem(bad, 404);
  EXPECT_EQ(http_
                ->Send("GET", "/api/v1/messages/1/resend", "",
                       {{"Authorization", "Bearer " + dispatcher}})
                .status,
            405);
  // Nothing was queued by the refusals.
  EXPECT_EQ(store_->GetMessage(d::MessageId{mid})->status, "failed");
  EXPECT_EQ(Messages(id, dispatcher).size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Stores, AuditHttp, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
