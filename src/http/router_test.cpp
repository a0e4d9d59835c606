#include "http/router.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace tawasul::http {
namespace {

Handler Answer(int status) {
  return [status](Request&) {
    Response r;
    r.status = status;
    return r;
  };
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add({"GET", "/api/v1/cases", BodyKind::kNone, Access::kUser}, Answer(1));
    router_.Add({"POST", "/api/v1/cases", BodyKind::kJson, Access::kUser}, Answer(2));
    router_.Add({"GET", "/api/v1/cases/{id}", BodyKind::kNone, Access::kUser}, Answer(3));
    router_.Add({"PATCH", "/api/v1/cases/{id}", BodyKind::kJson, Access::kUser}, Answer(4));
    router_.Add(
        {"GET", "/api/v1/cases/{id}/attachments/{attachment_id}", BodyKind::kNone, Access::kUser},
        Answer(5));
    router_.Add({"GET", "/api/v1/cases/{id}/timeline", BodyKind::kNone, Access::kUser}, Answer(6));
    router_.Add({"GET", "/api/v1/cases/{id}/{what}", BodyKind::kNone, Access::kUser}, Answer(7));
  }
  int Call(const Router::Match& m) {
    Request req;
    return m.route->handler(req).status;
  }
  Router router_;
};

TEST_F(RouterTest, MatchesLiteralPaths) {
  auto m = router_.Find("GET", "/api/v1/cases");
  ASSERT_EQ(m.outcome, Router::Outcome::kFound);
  EXPECT_EQ(Call(m), 1);
  EXPECT_EQ(m.route->info.path, "/api/v1/cases");
  EXPECT_TRUE(m.params.empty());
  EXPECT_EQ(Call(router_.Find("POST", "/api/v1/cases")), 2);
}

TEST_F(RouterTest, ExtractsAndDecodesParameters) {
  auto m = router_.Find("GET", "/api/v1/cases/42/attachments/7");
  ASSERT_EQ(m.outcome, Router::Outcome::kFound);
  EXPECT_EQ(Call(m), 5);
  EXPECT_EQ(m.params.at("id"), "42");
  EXPECT_EQ(m.params.at("attachment_id"), "7");
  auto encoded = router_.Find("GET", "/api/v1/cases/a%20b");
  ASSERT_EQ(encoded.outcome, Router::Outcome::kFound);
  EXPECT_EQ(encoded.params.at("id"), "a b");
}

TEST_F(RouterTest, PrefersTheMostLiteralTemplate) {
  auto m = router_.Find("GET", "/api/v1/cases/42/timeline");
  ASSERT_EQ(m.outcome, Router::Outcome::kFound);
  EXPECT_EQ(Call(m), 6);
  auto other = router_.Find("GET", "/api/v1/cases/42/history");
  ASSERT_EQ(other.outcome, Router::Outcome::kFound);
  EXPECT_EQ(Call(other), 7);
  EXPECT_EQ(other.params.at("what"), "history");
}

TEST_F(RouterTest, UnknownPathsAreNotFound) {
  EXPECT_EQ(router_.Find("GET", "/api/v1/nothing").outcome, Router::Outcome::kNotFound);
  EXPECT_EQ(router_.Find("GET", "/api/v1/cases/").outcome, Router::Outcome::kNotFound);
  EXPECT_EQ(router_.Find("GET", "/api/v1/cases/1/2/3/4").outcome, Router::Outcome::kNotFound);
  EXPECT_EQ(router_.Find("GET", "").outcome, Router::Outcome::kNotFound);
  EXPECT_EQ(router_.Find("GET", "/api/v1/cases/%zz").outcome, Router::Outcome::kNotFound);
}

TEST_F(RouterTest, WrongMethodIsMethodNotAllowedWithAllow) {
  auto m = router_.Find("DELETE", "/api/v1/cases/9");
  EXPECT_EQ(m.outcome, Router::Outcome::kMethodNotAllowed);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allow, (std::vector<std::string>{"GET", "PATCH"}));
  auto list = router_.Find("PUT", "/api/v1/cases");
  EXPECT_EQ(list.outcome, Router::Outcome::kMethodNotAllowed);
  EXPECT_EQ(list.allow, (std::vector<std::string>{"GET", "POST"}));
}

TEST_F(RouterTest, MethodsAreCaseSensitive) {
  EXPECT_EQ(router_.Find("get", "/api/v1/cases").outcome, Router::Outcome::kMethodNotAllowed);
}

TEST_F(RouterTest, TableIsEnumerableInOrder) {
  auto table = router_.Table();
  ASSERT_EQ(table.size(), 7u);
  EXPECT_EQ(table[0].method, "GET");
  EXPECT_EQ(table[0].path, "/api/v1/cases");
  EXPECT_EQ(table[1].body, BodyKind::kJson);
  EXPECT_EQ(table[4].path, "/api/v1/cases/{id}/attachments/{attachment_id}");
}

TEST_F(RouterTest, RejectsBadTemplatesAndDuplicates) {
  EXPECT_THROW(router_.Add({"GET", "api/v1/x", BodyKind::kNone, Access::kUser}, Answer(0)),
               std::invalid_argument);
  EXPECT_THROW(router_.Add({"GET", "/api/v1/x{id}", BodyKind::kNone, Access::kUser}, Answer(0)),
               std::invalid_argument);
  EXPECT_THROW(router_.Add({"GET", "/api/v1/cases", BodyKind::kNone, Access::kUser}, Answer(0)),
               std::invalid_argument);
  // Same shape with another parameter name is still a duplicate.
  EXPECT_THROW(
      router_.Add({"GET", "/api/v1/cases/{case}", BodyKind::kNone, Access::kUser}, Answer(0)),
      std::invalid_argument);
}

}  // namespace
}  // namespace tawasul::http
