// The request use cases over a real SQLite store, with a scripted random source so that a
// tracking-code clash can be forced.
#include <gtest/gtest.h>

#include <deque>
#include <filesystem>

#include "adapters/libmagic_sniffer.hpp"
#include "app/cases/media_sniffer.hpp"
#include "app/services.hpp"
#include "domain/tracking_code.hpp"
#include "store/open_store.hpp"

namespace tawasul::app {
namespace {

namespace d = tawasul::domain;

/// Random values come from a script when one is queued; passwords are stored as-is (tests only).
class ScriptedCrypto final : public Crypto {
 public:
  std::deque<std::uint64_t> script;
  std::uint64_t next = 1000;
  std::uint64_t Random64() override {
    if (script.empty()) return next++;
    auto v = script.front();
    script.pop_front();
    return v;
  }
  std::string RandomToken() override { return "token-" + std::to_string(next++); }
  std::string HashPassword(const std::string& p) override { return "plain:" + p; }
  bool VerifyPassword(const std::string& e, const std::string& p) override { return e == "plain:" + p; }
  std::string HashToken(const std::string& t) override { return "h:" + t; }
};

class CaseServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tawasul-cases-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    store_ = store::OpenStore("sqlite:" + (dir_ / "t.db").string(), clock_);
    store_->Migrate();
    sniffer_ = adapters::MakeLibmagicSniffer();
    admin_ = std::make_unique<AdminService>(*store_, crypto_, installation_);
    cases_ = std::make_unique<CaseService>(*store_, crypto_, *sniffer_, clock_, settings_,
                                           installation_);

    root_ = User("root", d::Role::kAdmin, std::nullopt);
    d::Unit unit;
    unit.code = "DEP-A";
    unit.name.en = "A";
    unit_a_ = admin_->CreateUnit(root_, unit)->id;
    unit.code = "DEP-B";
    unit_b_ = admin_->CreateUnit(root_, unit)->id;
    d::Category cat;
    cat.code = "LOUD";
    cat.name.ar = "مكبرات الصوت";
    category_ = admin_->CreateCategory(root_, cat)->id;
    agent_ = User("agent", d::Role::kAgent, std::nullopt);
    dispatcher_ = User("dispatcher", d::Role::kDispatcher, std::nullopt);
    staff_a_ = User("staff_a", d::Role::kUnitStaff, unit_a_);
    staff_b_ = User("staff_b", d::Role::kUnitStaff, unit_b_);
    analyst_ = User("analyst", d::Role::kAnalyst, std::nullopt);
  }
  void TearDown() override {
    cases_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  Principal User(const std::string& name, d::Role role, std::optional<d::UnitId> unit) {
    auto u = admin_->CreateUserUnchecked({name, name, role, unit, "ar", "long-password"});
    EXPECT_TRUE(u.ok()) << (u.ok() ? "" : u.error().message);
    return Principal{*u, d::TokenKind::kSession};
  }

  CaseInput Input() {
    CaseInput in;
    in.type = d::CaseType::kComplaint;
    in.category_id = category_;
    in.channel = d::Channel::kPhone;
    in.description = "مكبر الصوت معطل — call 0501234567 after Maghrib";
    in.requester = RequesterInput{"فاطمة", "0501234567", "f@example.sa", "", "ar"};
    return in;
  }

  base::FakeClock clock_{base::FromMicros(1'790'000'000'000'000)};
  Settings settings_;
  InstallationRef installation_{Installation::Make({}, {}, {})};
  ScriptedCrypto crypto_;
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<MediaSniffer> sniffer_;
  std::unique_ptr<AdminService> admin_;
  std::unique_ptr<CaseService> cases_;
  Principal root_, agent_, dispatcher_, staff_a_, staff_b_, analyst_;
  d::UnitId unit_a_, unit_b_;
  d::CategoryId category_;
};

TEST_F(CaseServiceTest, ATakenTrackingCodeIsDrawnAgain) {
  crypto_.script = {42, 42, 43};
  auto first = cases_->Create(agent_, Input());
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->c.tracking_code, d::MakeTrackingCode(42));
  auto second = cases_->Create(agent_, Input());
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->c.tracking_code, d::MakeTrackingCode(43)) << "42 was taken; drawn again";
  EXPECT_EQ(second->c.requester_id, first->c.requester_id) << "same phone, same requester";
}

TEST_F(CaseServiceTest, RulesNameTheFieldAndWriteNothing) {
  auto in = Input();
  in.requester->phone = "050";
  auto r = cases_->Create(agent_, in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "requester.phone");
  in = Input();
  in.requester->national_id = "1000000000";
  EXPECT_EQ(cases_->Create(agent_, in).error().field, "requester.national_id");
  in = Input();
  in.category_id = d::CategoryId{9999};
  EXPECT_EQ(cases_->Create(agent_, in).error().field, "category_id");
  in = Input();
  in.requester = RequesterInput{};
  EXPECT_EQ(cases_->Create(agent_, in).error().field, "requester");
  EXPECT_TRUE(store_->ListCases({}).empty());
  EXPECT_FALSE(store_->FindRequesterByPhone("+966501234567").has_value());
}

TEST_F(CaseServiceTest, UnitStaffSeeOnlyReferralsToTheirUnitAndNoIdentity) {
  auto c = cases_->Create(agent_, Input());
  ASSERT_TRUE(c.ok());
  const auto id = c->c.id;
  EXPECT_EQ(cases_->Get(staff_a_, id).error().code, base::ErrorCode::kNotFound);

  // A referral is a workflow action, never a PATCH (issue 10: PATCH went around the workflow).
  CasePatch refer;
  refer.unit_id = std::optional<d::UnitId>(unit_a_);
  const auto by_patch = cases_->Patch(dispatcher_, id, refer, c->c.version);
  ASSERT_FALSE(by_patch.ok());
  EXPECT_EQ(by_patch.error().code, base::ErrorCode::kConflict);
  EXPECT_EQ(by_patch.error().field, "unit_id");
  CasePatch answer;
  answer.public_answer = "done";
  EXPECT_EQ(cases_->Patch(dispatcher_, id, answer, c->c.version).error().field, "public_answer");
  d::Case referred = c->c;
  referred.unit_id = unit_a_;
  ASSERT_TRUE(store_->UpdateCase(CaseUpdate{id, c->c.version, referred, {}, {}, "", {}}).ok());

  auto seen = cases_->Get(staff_a_, id);
  ASSERT_TRUE(seen.ok());
  EXPECT_FALSE(seen->requester.has_value());
  EXPECT_TRUE(seen->requester_hidden);
  EXPECT_EQ(cases_->Get(staff_b_, id).error().code, base::ErrorCode::kNotFound);

  auto listed = cases_->List(staff_b_, CaseFilter{}, "");
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->items.empty()) << "another unit's list is empty";
  CaseFilter by_requester;
  by_requester.requester_id = c->c.requester_id;
  EXPECT_EQ(cases_->List(staff_a_, by_requester, "").error().code, base::ErrorCode::kForbidden);
  EXPECT_EQ(cases_->SearchRequesters(staff_a_, "0501234567").error().code,
            base::ErrorCode::kForbidden);
}

TEST_F(CaseServiceTest, PatchChecksVersionRolesAndRecordsTheTimeline) {
  auto c = cases_->Create(agent_, Input());
  ASSERT_TRUE(c.ok());
  const auto id = c->c.id;
  CasePatch p;
  p.priority = d::Priority::kUrgent;
  p.note = "caller rang twice";
  clock_.Advance(std::chrono::minutes(5));
  auto after = cases_->Patch(agent_, id, p, c->c.version);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->c.version, c->c.version + 1);
  EXPECT_EQ(after->c.updated_at, clock_.Now());
  EXPECT_EQ(cases_->Patch(agent_, id, p, c->c.version).error().code,
            base::ErrorCode::kPreconditionFailed);

  CasePatch status;
  status.status = d::CaseStatus::kClosed;
  auto by_patch = cases_->Patch(dispatcher_, id, status, after->c.version);
  ASSERT_FALSE(by_patch.ok());
  EXPECT_EQ(by_patch.error().field, "status") << "the status moves only through workflow actions";
  EXPECT_EQ(cases_->Patch(analyst_, id, p, after->c.version).error().code,
            base::ErrorCode::kForbidden);

  auto t = cases_->Timeline(dispatcher_, id);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->size(), 3u);  // created, changed priority, note
  EXPECT_EQ((*t)[1].field, "priority");
  EXPECT_EQ((*t)[1].from, "normal");
  EXPECT_EQ((*t)[1].to, "urgent");
  EXPECT_EQ((*t)[2].note, "caller rang twice");
  EXPECT_EQ((*t)[2].actor_id, agent_.user.id);
}

TEST_F(CaseServiceTest, CursorPagesCoverEveryRequestOnce) {
  for (int i = 0; i < 7; ++i) ASSERT_TRUE(cases_->Create(agent_, Input()).ok());
  CaseFilter f;
  f.limit = 3;
  std::set<std::int64_t> ids;
  std::string cursor;
  int pages = 0;
  do {
    auto page = cases_->List(dispatcher_, f, cursor);
    ASSERT_TRUE(page.ok());
    for (const auto& v : page->items) EXPECT_TRUE(ids.insert(v.c.id.value).second);
    cursor = page->next_cursor.value_or("");
    ++pages;
  } while (!cursor.empty());
  EXPECT_EQ(ids.size(), 7u);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(cases_->List(dispatcher_, f, "c-1").error().field, "cursor");
}

TEST_F(CaseServiceTest, AttachmentsAreSniffedAndLimited) {
  auto c = cases_->Create(agent_, Input());
  ASSERT_TRUE(c.ok());
  const std::string pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";
  auto a = cases_->AddAttachment(agent_, c->c.id, "../../etc/letter.pdf", pdf);
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->media_type, "application/pdf");
  EXPECT_EQ(a->filename, "letter.pdf") << "path parts are dropped";
  settings_.max_attachment_bytes = 16;
  EXPECT_EQ(cases_->AddAttachment(agent_, c->c.id, "big.pdf", pdf).error().code,
            base::ErrorCode::kTooLarge);
  settings_.max_attachment_bytes = 1 << 20;
  EXPECT_EQ(cases_->AddAttachment(agent_, c->c.id, "x.sh", "#!/bin/sh\nrm -rf /\n").error().code,
            base::ErrorCode::kUnsupportedMedia);
  EXPECT_EQ(cases_->GetAttachment(staff_a_, c->c.id, a->id).error().code,
            base::ErrorCode::kNotFound);
}

TEST_F(CaseServiceTest, PublicTrackingNeedsTheMatchingPhoneAndIsRateLimited) {
  settings_.track_rate_per_second = 1;
  settings_.track_burst = 2;
  PublicService pub(*store_, *cases_, clock_, settings_);
  PublicRequestInput in;
  in.category_id = category_;
  in.description = "نور المئذنة مطفأ";
  in.requester = RequesterInput{"علي", "+966 50 765 4321", "", "", "ar"};
  auto c = pub.Submit(in, "10.1.1.1");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->channel, d::Channel::kPortal);
  EXPECT_FALSE(c->created_by.has_value());

  auto ok = pub.Track(d::FormatTrackingCode(c->tracking_code), "٠٥٠٧٦٥٤٣٢١", "10.1.1.1");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->status, d::CaseStatus::kNew);
  auto wrong = pub.Track(c->tracking_code, "0500000000", "10.1.1.1");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, base::ErrorCode::kNotFound);
  auto limited = pub.Track(c->tracking_code, "0507654321", "10.1.1.1");
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().code, base::ErrorCode::kRateLimited);
  EXPECT_TRUE(pub.Track(c->tracking_code, "0507654321", "10.1.1.2").ok()) << "per client";
  clock_.Advance(std::chrono::seconds(2));
  EXPECT_TRUE(pub.Track(c->tracking_code, "0507654321", "10.1.1.1").ok()) << "refilled";
}

}  // namespace
}  // namespace tawasul::app
