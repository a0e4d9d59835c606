// The store contract for delivering the outbox, on every engine: claims with leases, outcomes
// and their timeline events, delivery reports, shared secrets; and the OutboxWorker over a real
// store: two workers (two nodes) at once, a crash's claim expiring, retries with backoff.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "adapters/report_signer.hpp"
#include "app/outbox/delivery_service.hpp"
#include "app/installation/installation.hpp"
#include "app/outbox/outbox_worker.hpp"
#include "store_contract_fixture.hpp"

namespace tawasul::store_contract {
namespace {

using namespace std::chrono_literals;
using app::ClaimedMessage;

constexpr auto kLease = std::chrono::microseconds(std::chrono::minutes(5));
const std::vector<std::string> kSms{"sms"};
const std::vector<std::string> kAll{"sms", "email"};

template <class Engine>
class OutboxContract : public StoreContract<Engine> {
 protected:
  static d::OutboxMessage Message(const std::string& channel, const std::string& template_name,
                                  const std::string& body = "تم تسجيل بلاغكم برقم 123") {
    d::OutboxMessage m;
    m.channel = channel;
    m.template_name = template_name;
    m.recipient = channel == "sms" ? "+966501234567" : "citizen@example.sa";
    m.language = "ar";
    m.subject = channel == "email" ? "بلاغكم" : "";
    m.body = body;
    return m;
  }

  /// A request with `messages` queued with it, at the clock's now.
  d::Case CaseWith(std::vector<d::OutboxMessage> messages) {
    if (!category_) category_ = this->SeedCategory().id;
    auto nc = this->MakeCase("T" + std::to_string(++cases_), *category_);
    nc.fields.created_at = this->clock_.Now();
    nc.messages = std::move(messages);
    auto c = this->S().CreateCase(nc);
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
    return *c;
  }

  d::OutboxMessage Only(d::CaseId id) {
    auto m = this->S().Messages(id);
    EXPECT_EQ(m.size(), 1u);
    return m.empty() ? d::OutboxMessage{} : m[0];
  }

  /// The request's "delivery" events as "field:to:note".
  std::vector<std::string> Deliveries(d::CaseId id) {
    std::vector<std::string> out;
    for (const auto& e : this->S().Timeline(id)) {
      if (e.kind == "delivery") out.push_back(e.field + ":" + e.to + ":" + e.note);
    }
    return out;
  }

  std::vector<ClaimedMessage> Claim(const std::string& worker, int limit = 10,
                                    const std::vector<std::string>& channels = kAll) {
    return this->S().ClaimMessages(worker, this->clock_.Now(), limit, kLease, channels);
  }

  std::optional<d::CategoryId> category_;
  int cases_ = 0;
};

TYPED_TEST_SUITE(OutboxContract, Engines, EngineNames);

TYPED_TEST(OutboxContract, QueuedSmsCarryTheirSegmentCount) {
  std::string long_arabic;
  for (int i = 0; i < 71; ++i) long_arabic += "م";
  auto c =
      this->CaseWith({this->Message("sms", "registered"), this->Message("sms", "long", long_arabic),
                      this->Message("email", "registered")});
  const auto m = this->S().Messages(c.id);
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].segments, 1);
  EXPECT_EQ(m[1].segments, 2);  // 71 UCS-2 characters: two parts of up to 67
  EXPECT_EQ(m[2].segments, 0);
  for (const auto& x : m) {
    EXPECT_EQ(x.status, "queued");
    EXPECT_EQ(x.attempts, 0);
    EXPECT_FALSE(x.sent_at);
  }
}

TYPED_TEST(OutboxContract, AClaimTakesDueMessagesOfItsChannelsOnceWithALease) {
  auto c = this->CaseWith(
      {this->Message("sms", "a"), this->Message("email", "b"), this->Message("sms", "c")});
  EXPECT_TRUE(this->S().HasDueMessages(this->clock_.Now(), kSms));
  EXPECT_FALSE(this->S().HasDueMessages(this->clock_.Now(), {"fax"}));

  const auto sms = this->Claim("node-1:sms", 10, kSms);
  ASSERT_EQ(sms.size(), 2u);
  EXPECT_EQ(sms[0].message.template_name, "a");
  EXPECT_EQ(sms[1].message.template_name, "c");
  for (const auto& claim : sms) {
    EXPECT_EQ(claim.message.status, "sending");
    EXPECT_EQ(claim.message.attempts, 1);
    EXPECT_EQ(claim.lease_until, this->clock_.Now() + kLease);
    EXPECT_EQ(claim.message.recipient, "+966501234567");  // the sender needs it
  }
  EXPECT_FALSE(this->S().HasDueMessages(this->clock_.Now(), kSms));
  EXPECT_TRUE(this->Claim("node-2:sms", 10, kSms).empty()) << "claimed rows are not due";

  const auto email = this->Claim("node-2:email", 10, kAll);
  ASSERT_EQ(email.size(), 1u);
  EXPECT_EQ(email[0].message.channel, "email");
  EXPECT_TRUE(this->Deliveries(c.id).empty()) << "a claim is not an outcome";
}

TYPED_TEST(OutboxContract, ClaimsTakeTheOldestFirstUpToTheLimit) {
  for (int i = 0; i < 5; ++i) {
    this->CaseWith({this->Message("sms", "m" + std::to_string(i))});
    this->clock_.Advance(1s);
  }
  const auto first = this->Claim("w", 2);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].message.template_name, "m0");
  EXPECT_EQ(first[1].message.template_name, "m1");
  EXPECT_EQ(this->Claim("w", 10).size(), 3u);
}

TYPED_TEST(OutboxContract, SentIsRecordedOnTheRowAndTheTimelineAndNeverClaimedAgain) {
  auto c = this->CaseWith({this->Message("sms", "registered")});
  const auto claim = this->Claim("w");
  ASSERT_EQ(claim.size(), 1u);
  this->clock_.Advance(2s);
  ASSERT_TRUE(this->S().MarkSent(claim[0].message.id, "gw-7", this->clock_.Now()).ok());

  const auto m = this->Only(c.id);
  EXPECT_EQ(m.status, "sent");
  EXPECT_EQ(m.gateway_ref, "gw-7");
  EXPECT_EQ(m.sent_at, this->clock_.Now());
  EXPECT_EQ(m.attempts, 1);
  EXPECT_EQ(this->Deliveries(c.id), (std::vector<std::string>{"sms:sent:registered"}));
  for (const auto& e : this->S().Timeline(c.id)) {
    EXPECT_EQ(e.note.find("966501234567"), std::string::npos) << "never the recipient";
    EXPECT_EQ(e.to.find("966501234567"), std::string::npos);
  }
  // Long after the claim's lease: an acknowledged send is never claimed again.
  this->clock_.Advance(std::chrono::hours(2));
  EXPECT_TRUE(this->Claim("w").empty());
  EXPECT_EQ(this->S().MarkSent(d::MessageId{999999}, "", this->clock_.Now()).error().code,
            ErrorCode::kNotFound);
}

TYPED_TEST(OutboxContract, AFailedAttemptIsRetriedWhenDueThenFailsForGood) {
  auto c = this->CaseWith({this->Message("sms", "registered")});
  const auto first = this->Claim("w");
  ASSERT_EQ(first.size(), 1u);
  const auto id = first[0].message.id;
  const auto retry_at = this->clock_.Now() + 30s;
  ASSERT_TRUE(
      this->S()
          .MarkFailed(id, 1, "550 +966501234567 unknown subscriber", retry_at, this->clock_.Now())
          .ok());
  auto m = this->Only(c.id);
  EXPECT_EQ(m.status, "queued");
  EXPECT_EQ(m.last_error, "550 +966501234567 unknown subscriber");

  EXPECT_TRUE(this->Claim("w").empty()) << "not due before its backoff";
  this->clock_.Advance(30s);
  const auto second = this->Claim("w");
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].message.attempts, 2);
  ASSERT_TRUE(this->S().MarkFailed(id, 2, "rejected", std::nullopt, this->clock_.Now()).ok());
  EXPECT_EQ(this->Only(c.id).status, "failed");
  this->clock_.Advance(std::chrono::hours(24));
  EXPECT_TRUE(this->Claim("w").empty()) << "a failed message stays failed";

  const auto events = this->Deliveries(c.id);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].rfind("sms:failed:registered: attempt 1, next at ", 0), 0u) << events[0];
  EXPECT_NE(events[0].find("unknown subscriber"), std::string::npos) << events[0];
  EXPECT_EQ(events[0].find("966501234567"), std::string::npos)
      << "the error is masked: " << events[0];
  EXPECT_EQ(events[1], "sms:failed:registered: attempt 2, no more attempts: rejected");
}

TYPED_TEST(OutboxContract, AnExpiredClaimMakesTheMessageUnknownAndItIsNeverSentAgain) {
  auto c = this->CaseWith({this->Message("sms", "registered")});
  const auto crashed = this->Claim("node-1");  // ... and node 1 dies before any outcome
  ASSERT_EQ(crashed.size(), 1u);
  const auto id = crashed[0].message.id;

  this->clock_.Advance(std::chrono::minutes(4));
  EXPECT_TRUE(this->Claim("node-2").empty()) << "the lease still holds";
  EXPECT_FALSE(this->S().HasDueMessages(this->clock_.Now(), kAll));
  this->clock_.Advance(std::chrono::minutes(1));
  EXPECT_TRUE(this->S().HasDueMessages(this->clock_.Now(), kAll)) << "the lapsed claim is due";
  EXPECT_TRUE(this->Claim("node-2").empty())
      << "the gateway may have taken it: one event never yields two messages";
  EXPECT_EQ(this->Only(c.id).status, "unknown");
  EXPECT_FALSE(this->S().HasDueMessages(this->clock_.Now(), kAll));
  this->clock_.Advance(std::chrono::hours(24));
  EXPECT_TRUE(this->Claim("node-2").empty()) << "not later either";

  // Node 1 comes back with a late failure of its claim: it cannot get the message resent.
  EXPECT_EQ(
      this->S().MarkFailed(id, 1, "timeout", this->clock_.Now(), this->clock_.Now()).error().code,
      ErrorCode::kConflict);
  EXPECT_EQ(this->Only(c.id).status, "unknown");
  // A late word that it was sent (the worker's own, or a delivery report) settles it.
  ASSERT_TRUE(this->S().MarkSent(id, "", this->clock_.Now()).ok());
  EXPECT_EQ(this->Only(c.id).status, "sent");
  const auto events = this->Deliveries(c.id);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].rfind("sms:unknown:registered", 0), 0u) << events[0];
  EXPECT_EQ(events[1], "sms:sent:registered");
}

TYPED_TEST(OutboxContract, DeliveryReportsSettleTheMessageOnce) {
  auto c = this->CaseWith({this->Message("sms", "registered")});
  const auto claim = this->Claim("w");
  ASSERT_EQ(claim.size(), 1u);
  const auto id = claim[0].message.id;
  ASSERT_TRUE(this->S().MarkSent(id, "", this->clock_.Now()).ok());

  app::DeliveryReport ack{id, "", app::DeliveryStatus::kAccepted, this->clock_.Now(), ""};
  ASSERT_TRUE(this->S().RecordDelivery(ack).ok());  // DLR 8 after MarkSent: nothing new
  this->clock_.Advance(3s);
  app::DeliveryReport delivered{id, "", app::DeliveryStatus::kDelivered, this->clock_.Now(), ""};
  auto r = this->S().RecordDelivery(delivered);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, "delivered");
  app::DeliveryReport late{id, "", app::DeliveryStatus::kUndeliverable, this->clock_.Now(), "x"};
  EXPECT_EQ(this->S().RecordDelivery(late)->status, "delivered") << "the first final report wins";

  EXPECT_EQ(this->Only(c.id).status, "delivered");
  EXPECT_EQ(this->Deliveries(c.id),
            (std::vector<std::string>{"sms:sent:registered", "sms:delivered:registered"}));
  app::DeliveryReport unknown{d::MessageId{999999}, "", app::DeliveryStatus::kDelivered, {}, ""};
  EXPECT_EQ(this->S().RecordDelivery(unknown).error().code, ErrorCode::kNotFound);
}

TYPED_TEST(OutboxContract, AReportBeforeTheWorkerRecordsItsSendWins) {
  // Kannel reports ~20 ms after sendsms answers: often before the worker's MarkSent commits.
  auto c = this->CaseWith({this->Message("sms", "registered")});
  const auto id = this->Claim("w").at(0).message.id;
  app::DeliveryReport delivered{id, "", app::DeliveryStatus::kDelivered, this->clock_.Now(), ""};
  ASSERT_TRUE(this->S().RecordDelivery(delivered).ok());
  ASSERT_TRUE(this->S().MarkSent(id, "", this->clock_.Now()).ok());
  const auto m = this->Only(c.id);
  EXPECT_EQ(m.status, "delivered");
  EXPECT_TRUE(m.sent_at);
  EXPECT_EQ(this->Deliveries(c.id),
            (std::vector<std::string>{"sms:sent:registered", "sms:delivered:registered"}));
  // The claim was settled: the worker's failure (e.g. it timed out reading the answer) is
  // refused rather than scheduling a second SMS.
  EXPECT_EQ(
      this->S().MarkFailed(id, 1, "timeout", this->clock_.Now(), this->clock_.Now()).error().code,
      ErrorCode::kConflict);
}

TYPED_TEST(OutboxContract, AReportCancelsARetryScheduledAfterATimeout) {
  auto c = this->CaseWith({this->Message("sms", "registered")});
  const auto id = this->Claim("w").at(0).message.id;
  // The gateway took it, but its answer never reached the worker.
  ASSERT_TRUE(
      this->S().MarkFailed(id, 1, "timeout", this->clock_.Now() + 30s, this->clock_.Now()).ok());
  app::DeliveryReport ack{id, "", app::DeliveryStatus::kAccepted, this->clock_.Now(), ""};
  ASSERT_TRUE(this->S().RecordDelivery(ack).ok());
  EXPECT_EQ(this->Only(c.id).status, "sent");
  this->clock_.Advance(std::chrono::hours(1));
  EXPECT_TRUE(this->Claim("w").empty()) << "the retry would have been a second SMS";
}

TYPED_TEST(OutboxContract, UndeliverableKeepsTheMaskedReasonAndReportsFindRowsByGatewayRef) {
  auto c = this->CaseWith({this->Message("email", "registered")});
  const auto id = this->Claim("w").at(0).message.id;
  ASSERT_TRUE(this->S().MarkSent(id, "<tawasul.1.ab@center.example>", this->clock_.Now()).ok());
  app::DeliveryReport bounce{std::nullopt, "<tawasul.1.ab@center.example>",
                             app::DeliveryStatus::kUndeliverable, this->clock_.Now(),
                             "550 citizen@example.sa: no such mailbox"};
  auto r = this->S().RecordDelivery(bounce);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->id, id);
  const auto m = this->Only(c.id);
  EXPECT_EQ(m.status, "undeliverable");
  EXPECT_EQ(m.last_error, "550 citizen@example.sa: no such mailbox");
  const auto events = this->Deliveries(c.id);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].rfind("email:undeliverable:registered: 550 ", 0), 0u) << events[1];
  EXPECT_EQ(events[1].find("citizen@example.sa"), std::string::npos) << events[1];
}

TYPED_TEST(OutboxContract, ConcurrentClaimsFromTwoNodesNeverShareARow) {
  constexpr int kMessages = 60;
  std::vector<d::OutboxMessage> batch;
  for (int i = 0; i < kMessages; ++i) batch.push_back(this->Message("sms", std::to_string(i)));
  this->CaseWith(batch);
  // A second store on the same database: another node with its own writer.
  auto other = store::OpenStore(this->url_, this->clock_);
  std::mutex mu;
  std::multiset<std::int64_t> claimed;
  auto worker = [&](app::Store& s, const std::string& name) {
    for (;;) {
      const auto got = s.ClaimMessages(name, this->clock_.Now(), 3, kLease, kSms);
      if (got.empty()) return;
      std::lock_guard lock(mu);
      for (const auto& c : got) claimed.insert(c.message.id.value);
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back(worker, std::ref(this->S()), "node-1:" + std::to_string(i));
    threads.emplace_back(worker, std::ref(*other), "node-2:" + std::to_string(i));
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(claimed.size(), static_cast<std::size_t>(kMessages));
  EXPECT_EQ(std::set<std::int64_t>(claimed.begin(), claimed.end()).size(), claimed.size())
      << "a message was claimed twice";
}

TYPED_TEST(OutboxContract, AnInstallationSecretIsMadeOnceAndSharedByEveryNode) {
  EXPECT_EQ(this->S().InstallationSecret("delivery_reports", "first"), "first");
  EXPECT_EQ(this->S().InstallationSecret("delivery_reports", "second"), "first");
  auto other = store::OpenStore(this->url_, this->clock_);
  EXPECT_EQ(other->InstallationSecret("delivery_reports", "third"), "first");
  EXPECT_EQ(other->InstallationSecret("another", "x"), "x");
}

// --- the worker over a real store ------------------------------------------------------------

/// A gateway that records what it was handed and answers as told.
class FakeSender final : public app::MessageSender {
 public:
  app::SendResult Send(const app::Outgoing& out) override {
    std::lock_guard lock(mu_);
    sent_.push_back(out);
    ++per_message_[out.message.id.value];
    if (!answers_.empty()) {
      auto a = answers_.front();
      answers_.erase(answers_.begin());
      return a;
    }
    return app::SendResult::Accepted("gw-" + std::to_string(out.message.id.value));
  }
  std::chrono::seconds MaxSendTime() const override { return 20s; }

  void Answer(app::SendResult r) {
    std::lock_guard lock(mu_);
    answers_.push_back(std::move(r));
  }
  std::vector<app::Outgoing> sent() {
    std::lock_guard lock(mu_);
    return sent_;
  }
  std::map<std::int64_t, int> per_message() {
    std::lock_guard lock(mu_);
    return per_message_;
  }

 private:
  std::mutex mu_;
  std::vector<app::Outgoing> sent_;
  std::map<std::int64_t, int> per_message_;
  std::vector<app::SendResult> answers_;
};

template <class Engine>
class OutboxWorkerContract : public OutboxContract<Engine> {
 protected:
  std::unique_ptr<app::OutboxWorker> Worker(app::Store& store, FakeSender& sender,
                                            const std::string& id) {
    app::OutboxWorkerOptions o;
    o.worker_id = id;
    o.batch = 4;
    o.max_attempts = 3;
    return std::make_unique<app::OutboxWorker>(
        store, this->clock_, installation_, signer_,
        std::map<std::string, app::MessageSender*>{{"sms", &sender}}, o);
  }

  static app::InstallationRef MakeInstallation() {
    app::CenterSettings s;
    s.sms_sender = "1933";
    return app::InstallationRef(app::Installation::Make(s, {}, {}));
  }

  app::InstallationRef installation_ = MakeInstallation();
  adapters::SodiumReportSigner signer_{"test-key"};
};

TYPED_TEST_SUITE(OutboxWorkerContract, Engines, EngineNames);

TYPED_TEST(OutboxWorkerContract, SendsWithTheProfilesSenderAndASignedToken) {
  auto c = this->CaseWith({this->Message("sms", "registered"), this->Message("email", "x")});
  FakeSender sender;
  auto worker = this->Worker(this->S(), sender, "w");
  EXPECT_EQ(worker->RunOnce(), 1) << "only its own channel";
  ASSERT_EQ(sender.sent().size(), 1u);
  const app::Outgoing out = sender.sent()[0];
  EXPECT_EQ(out.sender, "1933");
  EXPECT_EQ(out.message.body, "تم تسجيل بلاغكم برقم 123");
  EXPECT_TRUE(this->signer_.Verify(out.message.id, out.report_token));
  EXPECT_FALSE(this->signer_.Verify(d::MessageId{out.message.id.value + 1}, out.report_token));
  const auto m = this->S().GetMessage(out.message.id);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->status, "sent");
  EXPECT_EQ(m->gateway_ref, "gw-" + std::to_string(out.message.id.value));
  EXPECT_EQ(worker->RunOnce(), 0);
  EXPECT_EQ(sender.sent().size(), 1u);
}

TYPED_TEST(OutboxWorkerContract, TwoWorkersOnTwoNodesSendEachMessageExactlyOnce) {
  constexpr int kMessages = 40;
  std::vector<d::OutboxMessage> batch;
  for (int i = 0; i < kMessages; ++i) batch.push_back(this->Message("sms", std::to_string(i)));
  auto c = this->CaseWith(batch);
  auto other = store::OpenStore(this->url_, this->clock_);
  FakeSender sender_1, sender_2;
  auto worker_1 = this->Worker(this->S(), sender_1, "node-1:sms");
  auto worker_2 = this->Worker(*other, sender_2, "node-2:sms");
  std::atomic<int> rounds{0};
  auto run = [&](app::OutboxWorker& w) {
    while (w.RunOnce() > 0) ++rounds;
  };
  std::thread t1(run, std::ref(*worker_1));
  std::thread t2(run, std::ref(*worker_2));
  t1.join();
  t2.join();

  std::map<std::int64_t, int> sends = sender_1.per_message();
  for (const auto& [id, n] : sender_2.per_message()) sends[id] += n;
  EXPECT_EQ(sends.size(), static_cast<std::size_t>(kMessages));
  for (const auto& [id, n] : sends)
    EXPECT_EQ(n, 1) << "message " << id << " sent " << n << " times";
  for (const auto& m : this->S().Messages(c.id)) EXPECT_EQ(m.status, "sent");
  EXPECT_GE(rounds.load(), kMessages / 4);
}

TYPED_TEST(OutboxWorkerContract, AWorkerThatDiedMidSendLeavesItsOpenSendUnknownAndAckedSendsStay) {
  auto c = this->CaseWith({this->Message("sms", "acked"), this->Message("sms", "unacked")});
  // Node 1 claims both, sends both, records the first and dies before recording the second.
  const auto claims = this->Claim("node-1");
  ASSERT_EQ(claims.size(), 2u);
  ASSERT_TRUE(this->S().MarkSent(claims[0].message.id, "gw-a", this->clock_.Now()).ok());

  FakeSender sender;
  auto worker = this->Worker(this->S(), sender, "node-2");
  EXPECT_EQ(worker->RunOnce(), 0) << "the dead node's lease still holds";
  this->clock_.Advance(kLease);
  EXPECT_EQ(worker->RunOnce(), 0);
  EXPECT_TRUE(sender.sent().empty())
      << "neither the acknowledged send nor the one whose outcome is unknown is repeated";
  const auto messages = this->S().Messages(c.id);
  EXPECT_EQ(messages[0].status, "sent");
  EXPECT_EQ(messages[1].status, "unknown");
}

TYPED_TEST(OutboxWorkerContract, RetriesWithBackoffAndGivesUpAfterMaxAttempts) {
  auto c = this->CaseWith({this->Message("sms", "registered")});
  FakeSender sender;
  auto worker = this->Worker(this->S(), sender, "w");
  sender.Answer(app::SendResult::Temporary("kannel unreachable"));
  sender.Answer(app::SendResult::Temporary("kannel answered 503"));
  sender.Answer(app::SendResult::Temporary("kannel answered 503"));
  EXPECT_EQ(worker->RunOnce(), 1);
  EXPECT_EQ(this->Only(c.id).status, "queued");

  this->clock_.Advance(29s);
  EXPECT_EQ(worker->RunOnce(), 0) << "30 s after the first failure";
  this->clock_.Advance(1s);
  EXPECT_EQ(worker->RunOnce(), 1);
  this->clock_.Advance(std::chrono::minutes(2) - 1s);
  EXPECT_EQ(worker->RunOnce(), 0) << "2 min after the second";
  this->clock_.Advance(1s);
  EXPECT_EQ(worker->RunOnce(), 1);  // the third and last attempt (max_attempts = 3)
  EXPECT_EQ(this->Only(c.id).status, "failed");
  this->clock_.Advance(std::chrono::hours(24));
  EXPECT_EQ(worker->RunOnce(), 0);
  EXPECT_EQ(sender.sent().size(), 3u);
  const auto events = this->Deliveries(c.id);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_NE(events[2].find("no more attempts"), std::string::npos) << events[2];
}

TYPED_TEST(OutboxWorkerContract, APermanentFailureIsNotRetried) {
  auto c = this->CaseWith({this->Message("sms", "registered")});
  FakeSender sender;
  auto worker = this->Worker(this->S(), sender, "w");
  sender.Answer(app::SendResult::Permanent("kannel answered 400: Missing receiver number"));
  EXPECT_EQ(worker->RunOnce(), 1);
  EXPECT_EQ(this->Only(c.id).status, "failed");
  EXPECT_EQ(this->Only(c.id).last_error, "kannel answered 400: Missing receiver number");
  this->clock_.Advance(std::chrono::hours(24));
  EXPECT_EQ(worker->RunOnce(), 0);
}

TYPED_TEST(OutboxWorkerContract, AMessageWhoseSenderDiedIsNotSentAgain) {
  auto c = this->CaseWith({this->Message("sms", "poison")});
  ASSERT_EQ(this->Claim("doomed").size(), 1u);  // cut short by a crash
  this->clock_.Advance(kLease);
  FakeSender sender;
  auto worker = this->Worker(this->S(), sender, "w");
  EXPECT_EQ(worker->RunOnce(), 0);
  this->clock_.Advance(std::chrono::hours(1));
  EXPECT_EQ(worker->RunOnce(), 0);
  EXPECT_TRUE(sender.sent().empty()) << "not sent a second time";
  EXPECT_EQ(this->Only(c.id).status, "unknown");
}

TYPED_TEST(OutboxWorkerContract, TheThreadDeliversWhatIsQueuedWhileItRuns) {
  FakeSender sender;
  app::OutboxWorkerOptions o;
  o.poll_interval = 10ms;
  app::OutboxWorker worker(this->S(), this->clock_, this->installation_, this->signer_,
                           {{"sms", &sender}}, o);
  worker.Start();
  auto c = this->CaseWith({this->Message("sms", "registered")});
  worker.Wake();
  for (int i = 0; i < 500 && this->Only(c.id).status != "sent"; ++i) {
    std::this_thread::sleep_for(10ms);  // polling for the outcome, not waiting a fixed time
  }
  worker.Stop();
  EXPECT_EQ(this->Only(c.id).status, "sent");
  EXPECT_EQ(sender.sent().size(), 1u);
}

}  // namespace
}  // namespace tawasul::store_contract
