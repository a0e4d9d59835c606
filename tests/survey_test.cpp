// Satisfaction at the service level: the survey SMS sent with a closing (single-use link whose
// token is stored only hashed, expiring), low ratings flagging the request for review and
// letting a dispatcher reopen it, and post-call ratings from the IVR. muscat-1111's profile and
// three-line workflow over a real SQLite store with a FakeClock.
#include <gtest/gtest.h>

#include <chrono>

#include "support/service_center.hpp"

namespace tawasul::testing {
namespace {

using namespace std::chrono_literals;
using base::ErrorCode;

class SurveyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    c_ = std::make_unique<ServiceCenter>("muscat-1111", base::Time{});
    ASSERT_TRUE(c_->error().empty()) << c_->error();
    c_->clock().Set(c_->AtG(2025, 1, 12, 8h));
  }

  /// A report taken through the three lines to its closing callback; returns the closing.
  app::ActionOutcome Close(d::Case& r) {
    r = c_->Register("WASTE", d::CaseType::kComplaint, d::Priority::kNormal, "99123456");
    EXPECT_TRUE(c_->Act("dispatcher", r.id, "refer").ok());
    EXPECT_TRUE(c_->Act("unit_staff", r.id, "answer", {{"answer", "تم رفع النفايات"}}).ok());
    EXPECT_TRUE(c_->Act("dispatcher", r.id, "start_callback").ok());
    auto closed = c_->Act("dispatcher", r.id, "call_back_reached", {{"outcome", "reached"}});
    EXPECT_TRUE(closed.ok()) << (closed.ok() ? "" : closed.error().message);
    return closed.ok() ? *closed : app::ActionOutcome{};
  }

  /// The token in the survey SMS as queued in the outbox (only the citizen's phone gets it).
  std::string TokenSent(d::CaseId id) {
    for (const auto& m : c_->store().Messages(id)) {
      if (m.template_name != "survey") continue;
      const auto at = m.body.find("https://1111.tawasul.example/s/");
      EXPECT_NE(at, std::string::npos) << m.body;
      if (at == std::string::npos) return {};
      std::string token = m.body.substr(at + 31);
      return token.substr(0, token.find_first_not_of(
                                 "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"));
    }
    ADD_FAILURE() << "no survey SMS";
    return {};
  }

  std::set<std::int64_t> ReviewInbox() {
    std::set<std::int64_t> ids;
    auto page = c_->actions().Inbox(c_->User("dispatcher"), "review", "", 200);
    EXPECT_TRUE(page.ok());
    if (page.ok()) {
      for (const auto& v : page->items) ids.insert(v.c.id.value);
    }
    return ids;
  }

  std::unique_ptr<ServiceCenter> c_;
};

TEST_F(SurveyTest, ClosingQueuesASurveyLinkWhoseTokenIsStoredOnlyHashed) {
  d::Case r;
  const auto closed = Close(r);
  ASSERT_EQ(closed.view.c.status, d::CaseStatus::kClosed);
  std::set<std::string> templates;
  for (const auto& m : closed.queued) {
    templates.insert(m.template_name);
    if (m.template_name == "survey") {
      EXPECT_EQ(m.recipient, "+96899123456");
      EXPECT_NE(m.body.find("/s/…"), std::string::npos) << "staff see the link masked: " << m.body;
    }
  }
  EXPECT_EQ(templates, (std::set<std::string>{"resolved", "survey"}));
  const auto extras = c_->actions().Extras(c_->User("dispatcher"), r.id);
  ASSERT_TRUE(extras.ok());
  for (const auto& m : extras->messages) {
    EXPECT_EQ(m.body.find(TokenSent(r.id)), std::string::npos) << "extras mask the token too";
  }

  const std::string token = TokenSent(r.id);
  ASSERT_EQ(token.size(), 43u);
  EXPECT_FALSE(c_->store().FindSurvey(token).has_value()) << "the token itself is not stored";
  auto stored = c_->store().FindSurvey(c_->crypto().HashToken(token));
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->expires_at, c_->clock().Now() + 7 * 24h) << "valid_days = 7";

  auto page = c_->surveys().Open(token);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->tracking_code, r.tracking_code);
  EXPECT_EQ(page->public_answer, "تم رفع النفايات");
  EXPECT_EQ(page->language, "ar");
  EXPECT_FALSE(page->answered);

  // The closing stopped both clocks.
  for (const auto& clock : c_->store().SlaClocks({r.id})) {
    EXPECT_EQ(clock.clock.run, d::ClockRun::kStopped) << d::ToString(clock.clock.name);
  }
}

TEST_F(SurveyTest, ASurveyIsAnsweredOnceAndExpires) {
  d::Case r;
  Close(r);
  const std::string token = TokenSent(r.id);
  EXPECT_EQ(c_->surveys().Answer(token, 6, "").error().field, "rating");
  EXPECT_EQ(c_->surveys().Answer(token, 0, "").error().field, "rating");
  auto first = c_->surveys().Answer(token, 5, "خدمة ممتازة");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->rating, 5);
  auto second = c_->surveys().Answer(token, 1, "غيرت رأيي");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(c_->surveys().Open(token)->answered);
  EXPECT_EQ(c_->Events(r.id, "survey", "5"), 1);
  EXPECT_TRUE(ReviewInbox().empty()) << "a good rating flags nothing";

  std::string wrong = token;
  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  EXPECT_EQ(c_->surveys().Open(wrong).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(c_->surveys().Answer(wrong, 3, "").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(c_->surveys().Open("short").error().code, ErrorCode::kNotFound);

  d::Case other;
  Close(other);
  const std::string late = TokenSent(other.id);
  c_->clock().Advance(7 * 24h + 1s);
  EXPECT_EQ(c_->surveys().Open(late).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(c_->surveys().Answer(late, 4, "").error().code, ErrorCode::kNotFound)
      << "an expired link looks like an unknown one";
}

TEST_F(SurveyTest, ALowRatingInTheWindowFlagsForReviewAndLetsADispatcherReopenLater) {
  d::Case r;
  Close(r);
  c_->clock().Advance(2 * 24h);
  ASSERT_TRUE(c_->surveys().Answer(TokenSent(r.id), 1, "لم تُرفع النفايات، اتصلوا على 99123456").ok());
  EXPECT_EQ(ReviewInbox(), (std::set<std::int64_t>{r.id.value}));
  auto view = c_->cases().Get(c_->User("dispatcher"), r.id);
  ASSERT_TRUE(view->review.has_value());
  EXPECT_EQ(view->review->rating, 1);
  EXPECT_TRUE(view->review->reopenable);
  EXPECT_EQ(c_->Events(r.id, "review", "flagged"), 1);
  // Unit staff see the flag on their unit's request, with identifiers masked; not the inbox.
  auto staff = c_->cases().Get(c_->User("unit_staff"), r.id);
  ASSERT_TRUE(staff.ok());
  ASSERT_TRUE(staff->review.has_value());
  EXPECT_EQ(staff->review->comment.find("99123456"), std::string::npos);
  EXPECT_EQ(c_->actions().Inbox(c_->User("unit_staff"), "review", "", 50).error().code,
            ErrorCode::kForbidden);

  // The dispatcher acts after the 14-day window: the citizen asked in time, so it reopens.
  c_->clock().Advance(20 * 24h);
  auto reopened = c_->Act("dispatcher", r.id, "reopen", {{"reason", "تقييم المواطن: لم تُرفع"}});
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  EXPECT_EQ(reopened->view.c.status, d::CaseStatus::kDispatched);
  EXPECT_TRUE(ReviewInbox().empty());
  EXPECT_EQ(c_->Events(r.id, "review", "reopened"), 1);
  EXPECT_EQ(c_->Clock(r.id, d::ClockName::kResolution).clock.run, d::ClockRun::kRunning)
      << "the reopen's start_clock runs the resolution clock again";
}

TEST_F(SurveyTest, ALateLowRatingIsFlaggedButCannotReopenAndCanBeDismissed) {
  d::Case r;
  Close(r);
  c_->clock().Advance(6 * 24h);  // the link lasts 7 days, the reopen window 14: still in it
  d::Case late;
  Close(late);
  c_->clock().Advance(6 * 24h + 23h);
  ASSERT_TRUE(c_->surveys().Answer(TokenSent(late.id), 2, "").ok());
  EXPECT_TRUE(c_->cases().Get(c_->User("dispatcher"), late.id)->review->reopenable);

  // `r` closed almost 23 days ago, past its 14-day reopen window: a low call rating flags it
  // for review without the right to reopen.
  c_->clock().Advance(10 * 24h);
  auto ivr = c_->store().CreateUser({d::UserId{}, "ivr", "IVR", d::Role::kAgent, std::nullopt, "ar",
                                     "", "", "", true, {}},
                                    "x");
  ASSERT_TRUE(ivr.ok());
  const app::Principal api{*ivr, d::TokenKind::kApi};
  app::ContactInput call;
  call.phone = "99123456";
  call.case_id = r.id;
  call.outcome = d::ContactOutcome::kCaseUpdated;
  auto contact = c_->cases().LogContact(c_->User("agent"), call);
  ASSERT_TRUE(contact.ok());
  auto rated = c_->surveys().RateCall(api, {contact->id, "", std::nullopt, 1});
  ASSERT_TRUE(rated.ok()) << rated.error().message;
  EXPECT_TRUE(rated->flagged_for_review);
  auto review = c_->cases().Get(c_->User("dispatcher"), r.id)->review;
  ASSERT_TRUE(review.has_value());
  EXPECT_EQ(review->source, "call");
  EXPECT_FALSE(review->reopenable);
  auto refused = c_->Act("dispatcher", r.id, "reopen", {{"reason", "x"}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);

  EXPECT_EQ(c_->surveys().DismissReview(c_->User("agent"), r.id, "").error().code,
            ErrorCode::kForbidden);
  ASSERT_TRUE(c_->surveys().DismissReview(c_->User("supervisor"), r.id, "اتصلنا بالمواطن").ok());
  EXPECT_EQ(c_->surveys().DismissReview(c_->User("supervisor"), r.id, "").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(ReviewInbox(), (std::set<std::int64_t>{late.id.value}));
  EXPECT_EQ(c_->Events(r.id, "review", "dismissed"), 1);
}

TEST_F(SurveyTest, CallRatingsComeFromIntegrationsAndLinkTheLatestCall) {
  auto ivr = c_->store().CreateUser({d::UserId{}, "ivr", "IVR", d::Role::kAgent, std::nullopt, "ar",
                                     "", "", "", true, {}},
                                    "x");
  ASSERT_TRUE(ivr.ok());
  const app::Principal api{*ivr, d::TokenKind::kApi};
  const d::Case r = c_->Register("WASTE", d::CaseType::kComplaint, d::Priority::kNormal, "99123456");
  app::ContactInput call;
  call.phone = "٩٩١٢٣٤٥٦";
  call.case_id = r.id;
  call.outcome = d::ContactOutcome::kCaseCreated;
  auto contact = c_->cases().LogContact(c_->User("agent"), call);
  ASSERT_TRUE(contact.ok());

  EXPECT_EQ(c_->surveys().RateCall(c_->User("agent"), {std::nullopt, "99123456", std::nullopt, 4})
                .error()
                .code,
            ErrorCode::kForbidden)
      << "a logged-in user cannot rate their own calls";
  EXPECT_EQ(c_->surveys().RateCall(api, {std::nullopt, "99123456", std::nullopt, 9}).error().field,
            "rating");
  EXPECT_EQ(c_->surveys().RateCall(api, {std::nullopt, "", std::nullopt, 4}).error().field, "phone");
  EXPECT_EQ(c_->surveys().RateCall(api, {d::ContactId{999}, "", std::nullopt, 4}).error().field,
            "contact_id");

  c_->clock().Advance(5min);
  auto good = c_->surveys().RateCall(api, {std::nullopt, "99123456", c_->User("agent").user.id, 4});
  ASSERT_TRUE(good.ok()) << good.error().message;
  EXPECT_EQ(good->rating.contact_id, contact->id);
  EXPECT_EQ(good->rating.case_id, r.id);
  EXPECT_EQ(good->rating.phone, "+96899123456");
  EXPECT_FALSE(good->flagged_for_review);
  EXPECT_EQ(c_->Events(r.id, "rating", "4"), 1);

  auto low = c_->surveys().RateCall(api, {std::nullopt, "99123456", std::nullopt, 2});
  ASSERT_TRUE(low.ok());
  EXPECT_TRUE(low->flagged_for_review);
  EXPECT_EQ(ReviewInbox(), (std::set<std::int64_t>{r.id.value}));
  EXPECT_FALSE(c_->cases().Get(c_->User("dispatcher"), r.id)->review->reopenable)
      << "an open request has nothing to reopen";

  // A call a day old or more is not "the call just rated".
  c_->clock().Advance(25h);
  auto orphan = c_->surveys().RateCall(api, {std::nullopt, "99123456", std::nullopt, 5});
  ASSERT_TRUE(orphan.ok());
  EXPECT_FALSE(orphan->rating.contact_id.has_value());
  EXPECT_FALSE(orphan->rating.case_id.has_value());
}

TEST_F(SurveyTest, MergedOrMaliciousClosingsAskNobody) {
  const d::Case a = c_->Register("WASTE", d::CaseType::kComplaint, d::Priority::kNormal, "99123456");
  const d::Case b = c_->Register("WASTE", d::CaseType::kComplaint, d::Priority::kNormal, "99123456");
  auto merged = c_->Act("dispatcher", b.id, "merge", {{"case_id", std::to_string(a.id.value)}});
  ASSERT_TRUE(merged.ok()) << merged.error().message;
  auto malicious = c_->Act("dispatcher", a.id, "malicious", {{"reason", "بلاغ كيدي"}});
  ASSERT_TRUE(malicious.ok()) << malicious.error().message;
  for (const auto& id : {a.id, b.id}) {
    for (const auto& m : c_->store().Messages(id)) EXPECT_NE(m.template_name, "survey");
  }
}

}  // namespace
}  // namespace tawasul::testing
