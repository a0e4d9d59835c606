// End to end: the citizen portal's additions over a real `tawasul serve` loaded with
// muscat-1111, on SQLite and PostgreSQL: the public site list for the location picker, a file
// attached to one's own open request (code and phone, sniffed type, size and count limits), and
// rating a closed request from the tracking screen (the closing's survey, answered once, shared
// with the SMS link; the tracking rate limit).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <memory>

#include "store/open_store.hpp"
#include "support/demo_server_fixture.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;

constexpr const char* kPhone = "99123456";

/// A 1x1 PNG: the sniffer reads its signature and header.
std::string TinyPng() {
  static const unsigned char kBytes[] = {
      0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
      0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F,
      0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60,
      0x00, 0x00, 0x00, 0x02, 0x00, 0x01, 0x54, 0xA2, 0x4F, 0x5D, 0x00, 0x00, 0x00, 0x00, 0x49,
      0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};
  return std::string(reinterpret_cast<const char*>(kBytes), sizeof kBytes);
}

class PortalE2E : public DemoServerTest {
 protected:
  PortalE2E()
      : DemoServerTest({.password = "portal-e2e-password", .profile = "muscat-1111", .env = {}}) {}

  std::int64_t FirstCategory() {
    auto r = http_->Get("/api/v1/public/categories");
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).at("items").at(0).at("id").get<std::int64_t>();
  }

  /// A portal submission; its tracking code.
  std::string Submit(const json& extra = json::object()) {
    json body{{"type", "complaint"},
              {"category_id", FirstCategory()},
              {"description", "حفرة في الطريق"},
              {"requester", {{"name", "مريم"}, {"phone", kPhone}}}};
    body.update(extra);
    auto r = http_->PostJson("/api/v1/public/requests", body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body).at("tracking_code").get<std::string>();
  }

  std::int64_t CaseId(const std::string& code) {
    auto r = http_->Get("/api/v1/cases?code=" + code, Token("dispatcher"));
    const json page = json::parse(r.body);  // kept alive: the loop walks a member of it
    for (const auto& it : page.at("items")) {
      if (it.at("tracking_code") == code) return it.at("id").get<std::int64_t>();
    }
    ADD_FAILURE() << "no request " << code << ": " << r.body;
    return 0;
  }

  HttpResponse Attach(const std::string& code, const std::string& phone, const std::string& bytes,
                      const std::string& filename = "photo.png") {
    return http_->Send("POST",
                       "/api/v1/public/requests/" + code + "/attachments?phone=" + phone +
                           "&filename=" + filename,
                       bytes, {{"Content-Type", "application/octet-stream"}});
  }

  HttpResponse Rate(const std::string& code, const std::string& phone, int rating) {
    return http_->PostJson("/api/v1/public/rating",
                           json{{"code", code}, {"phone", phone}, {"rating", rating}}.dump());
  }

  json Track(const std::string& code) {
    auto r = http_->Get("/api/v1/public/track?code=" + code + "&phone=" + kPhone);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  }

  /// Takes an action on the request as `user`, with the ETag read just before.
  void Act(const std::string& user, std::int64_t id, const std::string& action,
           const json& inputs = json::object()) {
    const std::string path = "/api/v1/cases/" + std::to_string(id);
    const std::string etag = http_->Get(path, Token(user)).header("etag");
    auto r = http_->Send("POST", path + "/actions/" + action, json{{"inputs", inputs}}.dump(),
                         {{"Authorization", "Bearer " + Token(user)},
                          {"Content-Type", "application/json"},
                          {"If-Match", etag}});
    EXPECT_EQ(r.status, 200) << action << ": " << r.body;
  }

  void CloseThroughTheThreeLines(std::int64_t id) {
    // To the unit_staff user's own unit, so that they may answer it.
    auto me = json::parse(http_->Get("/api/v1/auth/me", Token("unit_staff")).body);
    Act("dispatcher", id, "refer", {{"unit_id", me.at("unit_id")}});
    Act("unit_staff", id, "answer", {{"answer", "تم إصلاح الحفرة"}});
    Act("dispatcher", id, "start_callback");
    Act("dispatcher", id, "call_back_reached", {{"outcome", "reached"}});
  }

};

TEST_P(PortalE2E, SitesForTheLocationPickerWithoutLogin) {
  auto r = http_->Get("/api/v1/public/sites");
  ASSERT_EQ(r.status, 200) << r.body;
  const json items = json::parse(r.body).at("items");
  ASSERT_FALSE(items.empty());
  for (const auto& s : items) {
    EXPECT_TRUE(s.at("id").is_number_integer());
    EXPECT_TRUE(s.at("name").is_object());
    EXPECT_FALSE(s.contains("active")) << "the public list says only what the picker needs";
  }
  // A portal submission with one of them keeps it.
  const std::string code = Submit({{"site_id", items.at(0).at("id")}});
  auto c = json::parse(http_->Get("/api/v1/cases/" + std::to_string(CaseId(code)),
                                  Token("dispatcher")).body);
  EXPECT_EQ(c.at("site_id"), items.at(0).at("id"));
  auto bad = http_->PostJson(
      "/api/v1/public/requests",
      json{{"type", "complaint"}, {"category_id", FirstCategory()}, {"description", "x"},
           {"site_id", "north"}, {"requester", {{"phone", kPhone}}}}.dump());
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(json::parse(bad.body).value("field", ""), "site_id");
}

TEST_P(PortalE2E, ACitizenAttachesFilesToTheirOwnOpenRequest) {
  const std::string code = Submit();
  const std::int64_t id = CaseId(code);

  // Someone else's phone, or a made-up code: the same 404 as tracking.
  EXPECT_EQ(Attach(code, "99000000", TinyPng()).status, 404);
  EXPECT_EQ(Attach("ZZZZ-9999", kPhone, TinyPng()).status, 404);
  EXPECT_EQ(http_->Send("POST", "/api/v1/public/requests/" + code + "/attachments", TinyPng())
                .status,
            400)
      << "the phone is required";

  auto added = Attach(code, kPhone, TinyPng(), "hole.png");
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(json::parse(added.body).at("media_type"), "image/png");

  // The type is sniffed from the bytes, whatever the name says; empty files are refused.
  std::string elf("\x7f" "ELF\x02\x01\x01", 7);
  elf.resize(512, '\0');
  auto exe = Attach(code, kPhone, elf, "photo.png");
  EXPECT_EQ(exe.status, 415) << exe.body;
  EXPECT_EQ(json::parse(exe.body).value("field", ""), "body");
  EXPECT_EQ(Attach(code, kPhone, "").status, 422);

  // Staff see it, with no uploader: it came from the citizen.
  auto list = http_->Get("/api/v1/cases/" + std::to_string(id) + "/attachments",
                         Token("dispatcher"));
  const json items = json::parse(list.body).at("items");
  ASSERT_EQ(items.size(), 1u) << list.body;
  EXPECT_EQ(items.at(0).at("filename"), "hole.png");
  EXPECT_TRUE(items.at(0).at("uploaded_by").is_null());

  // At most three from the portal.
  EXPECT_EQ(Attach(code, kPhone, TinyPng()).status, 201);
  EXPECT_EQ(Attach(code, kPhone, TinyPng()).status, 201);
  auto fourth = Attach(code, kPhone, TinyPng());
  EXPECT_EQ(fourth.status, 422) << fourth.body;
  EXPECT_EQ(json::parse(fourth.body).value("field", ""), "body");

  // Once closed, no more files.
  const std::string closed = Submit();
  CloseThroughTheThreeLines(CaseId(closed));
  EXPECT_EQ(Attach(closed, kPhone, TinyPng()).status, 409);
}

TEST_P(PortalE2E, AClosedRequestIsRatedOnceFromTheTrackingScreen) {
  const std::string code = Submit();
  const std::int64_t id = CaseId(code);
  // Open: nothing to rate yet.
  EXPECT_TRUE(Track(code).at("rating").is_null());
  auto early = Rate(code, kPhone, 5);
  EXPECT_EQ(early.status, 422) << early.body;
  EXPECT_EQ(json::parse(early.body).value("field", ""), "rating");

  CloseThroughTheThreeLines(id);
  const json open = Track(code).at("rating");
  EXPECT_TRUE(open.at("open").get<bool>()) << open.dump();
  EXPECT_TRUE(open.at("value").is_null());

  EXPECT_EQ(Rate(code, "99000000", 4).status, 404) << "the phone must match";
  auto out_of_range = Rate(code, kPhone, 9);
  EXPECT_EQ(out_of_range.status, 422);
  EXPECT_EQ(json::parse(out_of_range.body).value("field", ""), "rating");
  EXPECT_EQ(http_->PostJson("/api/v1/public/rating",
                            json{{"code", code}, {"phone", kPhone}, {"rating", "four"}}.dump())
                .status,
            400);
  auto missing = http_->PostJson("/api/v1/public/rating", json{{"code", code}, {"rating", 4}}.dump());
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(json::parse(missing.body).value("field", ""), "phone");

  auto rated = Rate(code, kPhone, 2);
  ASSERT_EQ(rated.status, 200) << rated.body;
  EXPECT_EQ(json::parse(rated.body).at("rating"), 2);
  EXPECT_EQ(Rate(code, kPhone, 5).status, 409) << "once";
  const json after = Track(code).at("rating");
  EXPECT_FALSE(after.at("open").get<bool>());
  EXPECT_EQ(after.at("value"), 2);

  // It is the closing's survey: a low rating flags the request for review like the SMS link.
  auto c = json::parse(http_->Get("/api/v1/cases/" + std::to_string(id), Token("dispatcher")).body);
  EXPECT_EQ(c.at("review").value("rating", 0), 2) << c.dump();
}

TEST_P(PortalE2E, RatingSharesTheTrackingRateLimit) {
  const std::string code = Submit();
  int limited = 0;
  std::string retry;
  for (int i = 0; i < 15 && limited == 0; ++i) {
    auto r = Rate(code, "99000000", 3);
    if (r.status == 429) {
      ++limited;
      retry = r.header("retry-after");
    } else {
      EXPECT_EQ(r.status, 404);
    }
  }
  EXPECT_EQ(limited, 1) << "wrong guesses run out like tracking lookups";
  EXPECT_FALSE(retry.empty());
  EXPECT_EQ(http_->Get("/api/v1/public/track?code=" + code + "&phone=" + kPhone).status, 429)
      << "one budget for tracking, uploads and ratings";
}

INSTANTIATE_TEST_SUITE_P(Stores, PortalE2E, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
