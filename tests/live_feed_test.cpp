// The live feed over a real store, on SQLite and PostgreSQL: a feed on one node hears changes
// written through another node's store; unit staff hear only of their unit's requests; ids that
// commit out of order are still delivered (IdWindow). Waits are for messages, not durations.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>

#include "http/live_feed.hpp"
#include "store_contract_fixture.hpp"

namespace tawasul::store_contract {
namespace {

using nlohmann::json;
using http::IdWindow;
using http::LiveFeed;

/// Records what the feed sends one socket.
class RecordingSink final : public http::LiveSink {
 public:
  void Send(std::shared_ptr<const std::string> m) override {
    std::lock_guard lock(mu_);
    messages_.push_back(json::parse(*m));
    cv_.notify_all();
  }
  /// The next message; null after a generous wait (a broken feed fails, not hangs).
  json Next() {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, std::chrono::seconds(30), [&] { return !messages_.empty(); })) {
      return nullptr;
    }
    json m = messages_.front();
    messages_.pop_front();
    return m;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<json> messages_;
};

TEST(IdWindowTest, TakesEachIdOnceAndRereadsSkippedOnes) {
  const auto t0 = std::chrono::steady_clock::now();
  IdWindow w(10);
  EXPECT_EQ(w.ReadFrom(), 10);
  EXPECT_FALSE(w.Take(10, t0)) << "read before the window started";
  EXPECT_TRUE(w.Take(11, t0));
  EXPECT_TRUE(w.Take(14, t0));  // 12 and 13 are not visible yet
  EXPECT_FALSE(w.Take(14, t0));
  EXPECT_EQ(w.last(), 14);
  EXPECT_EQ(w.gaps(), 2u);
  EXPECT_EQ(w.ReadFrom(), 11) << "a read must reach back to the first gap";
  EXPECT_TRUE(w.Take(13, t0)) << "a late commit is delivered";
  EXPECT_FALSE(w.Take(13, t0));
  EXPECT_EQ(w.ReadFrom(), 11);
  w.Expire(t0 + std::chrono::seconds(5), std::chrono::seconds(10));
  EXPECT_EQ(w.gaps(), 1u) << "not yet given up";
  w.Expire(t0 + std::chrono::seconds(11), std::chrono::seconds(10));
  EXPECT_EQ(w.gaps(), 0u) << "12 rolled back: given up on";
  EXPECT_EQ(w.ReadFrom(), 14);
  EXPECT_FALSE(w.Take(12, t0));
}

TEST(IdWindowTest, AHugeJumpKeepsOnlyTheNewestGaps) {
  const auto t0 = std::chrono::steady_clock::now();
  IdWindow w(0);
  EXPECT_TRUE(w.Take(1'000'000, t0));
  EXPECT_EQ(w.gaps(), IdWindow::kMaxGaps);
  EXPECT_TRUE(w.Take(999'999, t0));
  EXPECT_FALSE(w.Take(5, t0));
}

template <class Engine>
class LiveFeedTest : public StoreContract<Engine> {};
TYPED_TEST_SUITE(LiveFeedTest, Engines, EngineNames);

TYPED_TEST(LiveFeedTest, ANodeHearsAnotherNodesChangesAsEachUserMay) {
  auto& node_a = this->S();
  const auto unit = this->SeedUnit("roads");
  const auto cat = this->SeedCategory();
  // The second node: its own store (connections, group commit) on the same database.
  auto node_b = store::OpenStore(this->url_, this->clock_);

  LiveFeed feed(node_a, http::LiveFeedOptions{std::chrono::milliseconds(50), 500,
                                              std::chrono::seconds(10)});
  app::Principal supervisor;
  supervisor.user.role = d::Role::kSupervisor;
  app::Principal staff;
  staff.user.role = d::Role::kUnitStaff;
  staff.user.unit_id = unit.id;
  auto boss = std::make_shared<RecordingSink>();
  auto unit_sink = std::make_shared<RecordingSink>();
  const auto boss_id = feed.Subscribe(supervisor, boss);
  feed.Subscribe(staff, unit_sink);
  EXPECT_EQ(boss->Next(), json({{"type", "ready"}}));
  EXPECT_EQ(unit_sink->Next(), json({{"type", "ready"}}));

  auto other = node_b->CreateCase(this->MakeCase("4000000001", cat.id));
  ASSERT_TRUE(other.ok());
  auto mine = node_b->CreateCase(this->MakeCase("4000000002", cat.id));
  ASSERT_TRUE(mine.ok());
  app::CaseUpdate u;
  u.id = mine->id;
  u.expected_version = 1;
  u.after = *mine;
  u.after.status = d::CaseStatus::kReferred;
  u.after.unit_id = unit.id;
  u.after.updated_at = this->clock_.Now();
  u.changes = {{"status", "new", "referred"}};
  ASSERT_TRUE(node_b->UpdateCase(u).ok());
  d::Contact call;
  call.channel = d::Channel::kSms;
  call.started_at = this->clock_.Now();
  ASSERT_TRUE(node_b->CreateContact(call).ok());

  // The supervisor: both requests (one message per request per read, in id order) and the
  // contact; the unit: only its request, and no contact.
  std::set<std::int64_t> heard;
  bool contact = false;
  while (heard.size() < 2 || !contact) {
    json m = boss->Next();
    ASSERT_FALSE(m.is_null()) << "the feed went quiet";
    if (m["type"] == "contact") {
      EXPECT_EQ(m, json({{"type", "contact"}, {"channel", "sms"}}));
      contact = true;
    } else {
      heard.insert(m["id"].get<std::int64_t>());
    }
  }
  EXPECT_EQ(heard, (std::set<std::int64_t>{other->id.value, mine->id.value}));
  // (Its "created" and "changed" may come in one read or two; before the referral it was not
  // the unit's, so its first message is the one that finds it referred.)
  json m = unit_sink->Next();
  EXPECT_EQ(m["type"], "case");
  EXPECT_EQ(m["id"], mine->id.value);
  EXPECT_EQ(m["status"], "referred");
  EXPECT_EQ(m["unit_id"], unit.id.value);

  // A change of the other request is not the unit's; the next of its own is.
  feed.Unsubscribe(boss_id);
  ASSERT_TRUE(node_b->TagCase(other->id, "x", "x", std::nullopt, this->clock_.Now()).ok());
  ASSERT_TRUE(node_b->TagCase(mine->id, "y", "y", std::nullopt, this->clock_.Now()).ok());
  for (;;) {
    json next = unit_sink->Next();
    ASSERT_FALSE(next.is_null());
    EXPECT_EQ(next["id"], mine->id.value) << next.dump();
    if (next["event"] == "tag") break;
  }
  feed.Stop();
}

// One read with more messages for a socket than max_messages_per_read sends one "resync"; contacts
// make one message per channel per read. The feed reads only when woken (a new subscriber), so
// each read's content is known.
TYPED_TEST(LiveFeedTest, ABurstBecomesOneResyncAndContactsOneMessagePerChannel) {
  auto& s = this->S();
  const auto cat = this->SeedCategory();
  LiveFeed feed(s, http::LiveFeedOptions{std::chrono::hours(1), 500, std::chrono::seconds(10), 5});
  app::Principal supervisor;
  supervisor.user.role = d::Role::kSupervisor;
  auto boss = std::make_shared<RecordingSink>();
  feed.Subscribe(supervisor, boss);
  const json ready{{"type", "ready"}};
  ASSERT_EQ(boss->Next(), ready);
  auto wake = [&] {  // a new subscriber makes the feed read now
    auto other = std::make_shared<RecordingSink>();
    feed.Subscribe(supervisor, other);
    ASSERT_EQ(other->Next(), ready);
  };
  auto contact = [&](d::Channel channel) {
    d::Contact c;
    c.channel = channel;
    c.started_at = this->clock_.Now();
    ASSERT_TRUE(s.CreateContact(c).ok());
  };

  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(s.CreateCase(this->MakeCase("500000000" + std::to_string(i), cat.id)).ok());
  }
  wake();
  EXPECT_EQ(boss->Next(), json({{"type", "resync"}})) << "6 requests in one read: over 5";

  for (int i = 0; i < 10; ++i) contact(i % 2 == 0 ? d::Channel::kPhone : d::Channel::kSms);
  wake();
  EXPECT_EQ(boss->Next(), json({{"type", "contact"}, {"channel", "phone"}}));
  EXPECT_EQ(boss->Next(), json({{"type", "contact"}, {"channel", "sms"}}));
  auto one = s.CreateCase(this->MakeCase("5000000099", cat.id));
  ASSERT_TRUE(one.ok());
  wake();
  // Nothing else came of the ten contacts: the next message is the next read's request.
  EXPECT_EQ(boss->Next()["id"], one->id.value);
  feed.Stop();
}

}  // namespace
}  // namespace tawasul::store_contract
