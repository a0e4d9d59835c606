#include "http/message.hpp"

#include <gtest/gtest.h>

#include "http/api_util.hpp"
#include "http/problem.hpp"

namespace tawasul::http {
namespace {

TEST(ParseTarget, SplitsPathAndDecodesQuery) {
  Request req;
  req.target = "/api/v1/requesters?phone=%2B966%20501&name=a+b&empty=&flag";
  ASSERT_TRUE(ParseTarget(req));
  EXPECT_EQ(req.path, "/api/v1/requesters");
  EXPECT_EQ(*req.Query("phone"), "+966 501");
  EXPECT_EQ(*req.Query("name"), "a b");
  EXPECT_EQ(*req.Query("empty"), "");
  EXPECT_EQ(*req.Query("flag"), "");
  EXPECT_EQ(req.Query("missing"), nullptr);
}

TEST(ParseTarget, FirstValueWins) {
  Request req;
  req.target = "/x?a=1&a=2";
  ASSERT_TRUE(ParseTarget(req));
  EXPECT_EQ(*req.Query("a"), "1");
}

TEST(ParseTarget, DecodesUtf8AndRejectsMalformed) {
  Request req;
  req.target = "/x?q=%D8%B3%D9%84%D8%A7%D9%85";
  ASSERT_TRUE(ParseTarget(req));
  EXPECT_EQ(*req.Query("q"), "سلام");
  for (const char* bad : {"/x?q=%zz", "/x?q=%4", "/x?q=%FF", "http://host/x", "", "x"}) {
    Request r;
    r.target = bad;
    EXPECT_FALSE(ParseTarget(r)) << bad;
  }
}

TEST(Headers, AreCaseInsensitive) {
  Request req;
  req.headers.emplace("Content-Type", "application/json");
  ASSERT_NE(req.Header("content-type"), nullptr);
  EXPECT_EQ(*req.Header("CONTENT-TYPE"), "application/json");
  Response res;
  res.Set("ETag", "\"1\"");
  res.Set("etag", "\"2\"");
  ASSERT_EQ(res.headers.size(), 1u);
  EXPECT_EQ(*res.Header("ETAG"), "\"2\"");
}

TEST(Cookies, FindsByName) {
  Request req;
  req.headers.emplace("Cookie", "a=1; tawasul_session=abc.def ; other=\"q\"");
  EXPECT_EQ(req.Cookie("tawasul_session"), "abc.def");
  EXPECT_EQ(req.Cookie("other"), "q");
  EXPECT_EQ(req.Cookie("tawasul"), std::nullopt);
}

TEST(PercentCoding, RoundTrips) {
  const std::string s = "ملف 1/2.pdf";
  EXPECT_EQ(PercentDecode(PercentEncode(s), false), s);
  EXPECT_EQ(PercentEncode("a b"), "a%20b");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
}

TEST(IfMatch, ReadsStrongWeakAndStar) {
  const std::string strong = "\"7\"";
  const std::string weak = "W/\"12\"";
  const std::string star = "*";
  const std::string junk = "abc";
  EXPECT_FALSE(ParseIfMatch(nullptr).present);
  EXPECT_EQ(ParseIfMatch(&strong).version, 7);
  EXPECT_EQ(ParseIfMatch(&weak).version, 12);
  EXPECT_TRUE(ParseIfMatch(&star).any);
  EXPECT_TRUE(ParseIfMatch(&junk).present);
  EXPECT_FALSE(ParseIfMatch(&junk).version.has_value());
  EXPECT_EQ(ETagFor(7), strong);
}

TEST(ContentType, RecognizesJson) {
  const std::string a = "application/json; charset=utf-8";
  const std::string b = "Application/Merge-Patch+JSON";
  const std::string c = "text/plain";
  const std::string d = "application/x-www-form-urlencoded";
  EXPECT_TRUE(IsJsonContentType(&a));
  EXPECT_TRUE(IsJsonContentType(&b));
  EXPECT_FALSE(IsJsonContentType(&c));
  EXPECT_FALSE(IsJsonContentType(&d));
  EXPECT_FALSE(IsJsonContentType(nullptr));
}

TEST(ContentDisposition, PrefersTheExtendedFilename) {
  EXPECT_EQ(FilenameFromContentDisposition("attachment; filename=\"a;b.pdf\""), "a;b.pdf");
  EXPECT_EQ(FilenameFromContentDisposition("attachment; filename=plain.txt"), "plain.txt");
  EXPECT_EQ(FilenameFromContentDisposition(
                "attachment; filename=\"x.jpg\"; filename*=UTF-8''%D8%B5%D9%88%D8%B1%D8%A9.jpg"),
            "صورة.jpg");
  EXPECT_EQ(FilenameFromContentDisposition("inline"), "");
}

TEST(Ids, AcceptOnlyPositiveDecimals) {
  EXPECT_EQ(ParseId("42"), 42);
  for (const char* bad : {"", "0", "-1", "01", "1x", "1.0", "99999999999999999999"}) {
    EXPECT_FALSE(ParseId(bad).has_value()) << bad;
  }
}

TEST(Problems, MapEveryErrorCode) {
  using base::ErrorCode;
  EXPECT_EQ(StatusFor(ErrorCode::kInvalid), 422);
  EXPECT_EQ(StatusFor(ErrorCode::kNotFound), 404);
  EXPECT_EQ(StatusFor(ErrorCode::kConflict), 409);
  EXPECT_EQ(StatusFor(ErrorCode::kPreconditionFailed), 412);
  EXPECT_EQ(StatusFor(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(StatusFor(ErrorCode::kForbidden), 403);
  EXPECT_EQ(StatusFor(ErrorCode::kTooLarge), 413);
  EXPECT_EQ(StatusFor(ErrorCode::kUnsupportedMedia), 415);
  EXPECT_EQ(StatusFor(ErrorCode::kRateLimited), 429);
  EXPECT_EQ(StatusFor(ErrorCode::kUnavailable), 503);
}

TEST(Problems, CarryHeadersAndFields) {
  Response unauth = ErrorResponse(base::Error{base::ErrorCode::kUnauthenticated, "log in", {}});
  EXPECT_EQ(unauth.status, 401);
  ASSERT_NE(unauth.Header("WWW-Authenticate"), nullptr);
  EXPECT_EQ(*unauth.Header("Content-Type"), "application/problem+json");
  Response limited = ErrorResponse(base::Error{base::ErrorCode::kRateLimited, "slow down", {}}, 3);
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(*limited.Header("Retry-After"), "3");
  Response invalid = ErrorResponse(base::Invalid("requester.phone", "is not a phone number"));
  EXPECT_EQ(invalid.status, 422);
  EXPECT_NE(invalid.body.find("\"field\":\"requester.phone\""), std::string::npos);
  EXPECT_NE(invalid.body.find("\"status\":422"), std::string::npos);
  EXPECT_NE(invalid.body.find("\"type\":\"urn:tawasul:problem:invalid\""), std::string::npos);
}

}  // namespace
}  // namespace tawasul::http
