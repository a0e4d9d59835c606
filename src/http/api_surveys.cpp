// Satisfaction: the survey link the closing SMS carries (as JSON for clients and as a plain page
// for the citizen's phone), post-call ratings from the IVR, and dismissing a review flag. The
// rules (single use, expiry, low ratings flag for review) live in app/SurveyService.
#include <string_view>

#include "http/api.hpp"
#include "http/api_util.hpp"
#include "http/json_mapping.hpp"
#include "http/problem.hpp"
#include "http/static_files.hpp"
#include "http/survey_page.hpp"

namespace tawasul::http {

namespace {

/// The form body is tiny; anything larger is not our page's.
constexpr std::size_t kFormLimit = 8 * 1024;

std::string TokenOf(const Request& req) {
  auto it = req.params.find("token");
  return it == req.params.end() ? std::string() : it->second;
}

Response Unavailable() { return Problem(503, "Surveys are not available on this server"); }

Response Html(int status, std::string body) {
  Response res;
  res.status = status;
  res.Set("Content-Type", "text/html; charset=utf-8");
  StaticFiles::AddSecurityHeaders(res);
  // The token is in the path: keep it out of other sites' logs.
  res.Set("Referrer-Policy", "no-referrer");
  res.body = std::move(body);
  return res;
}

/// application/x-www-form-urlencoded → name → value (the first one wins); nullopt if malformed.
std::optional<std::map<std::string, std::string>> ParseForm(std::string_view body) {
  std::map<std::string, std::string> out;
  while (!body.empty()) {
    const auto amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto name = PercentDecode(pair.substr(0, eq), true);
    auto value = PercentDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
    if (!name || !value) return std::nullopt;
    out.emplace(std::move(*name), std::move(*value));
  }
  return out;
}

}  // namespace

Response Api::GetPublicSurvey(Request& req) {
  if (services_->surveys == nullptr) return Unavailable();
  auto page = services_->surveys->Open(TokenOf(req));
  if (!page) return ErrorResponse(page.error());
  return JsonResponse(200, ToJson(*page));
}

Response Api::AnswerPublicSurvey(Request& req) {
  if (services_->surveys == nullptr) return Unavailable();
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParseSurveyAnswer(*body);
  if (!in) return BadRequest(in.error());
  auto answered = services_->surveys->Answer(TokenOf(req), in->rating, in->comment);
  if (!answered) return ErrorResponse(answered.error());
  return JsonResponse(200, Json{{"rating", answered->rating.value_or(in->rating)},
                                {"answered_at", base::FormatRfc3339(*answered->answered_at)}});
}

Response Api::SurveyPage(Request& req) {
  const std::string language = services_->installation.Get()->LanguageFor(nullptr);
  if (services_->surveys == nullptr) return Html(503, SurveyNoticeHtml(SurveyNotice::kNotFound, language));
  const std::string token = TokenOf(req);
  auto page = services_->surveys->Open(token);
  if (!page) return Html(404, SurveyNoticeHtml(SurveyNotice::kNotFound, language));
  if (page->answered) return Html(200, SurveyNoticeHtml(SurveyNotice::kAlreadyAnswered, page->language));
  return Html(200, SurveyFormHtml(*page, token));
}

Response Api::SurveyPageSubmit(Request& req) {
  std::string language = services_->installation.Get()->LanguageFor(nullptr);
  if (services_->surveys == nullptr) return Html(503, SurveyNoticeHtml(SurveyNotice::kNotFound, language));
  if (req.body.size() > kFormLimit) return Problem(413, "The form is larger than expected");
  const std::string token = TokenOf(req);
  auto page = services_->surveys->Open(token);
  if (!page) return Html(404, SurveyNoticeHtml(SurveyNotice::kNotFound, language));
  language = page->language;
  auto form = ParseForm(req.body);
  int rating = 0;
  if (form) {
    const std::string& r = (*form)["rating"];
    if (r.size() == 1 && r[0] >= '1' && r[0] <= '5') rating = r[0] - '0';
  }
  if (rating == 0) return Html(422, SurveyNoticeHtml(SurveyNotice::kNeedsRating, language));
  auto answered = services_->surveys->Answer(token, rating, (*form)["comment"]);
  if (!answered) {
    switch (answered.error().code) {
      case base::ErrorCode::kConflict:
        return Html(409, SurveyNoticeHtml(SurveyNotice::kAlreadyAnswered, language));
      case base::ErrorCode::kNotFound:
        return Html(404, SurveyNoticeHtml(SurveyNotice::kNotFound, language));
      default:
        return Html(422, SurveyNoticeHtml(SurveyNotice::kNeedsRating, language));
    }
  }
  return Html(200, SurveyNoticeHtml(SurveyNotice::kThanks, language));
}

Response Api::RateCall(Request& req, const app::Principal& who) {
  if (services_->surveys == nullptr) return Unavailable();
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParseCallRating(*body);
  if (!in) return BadRequest(in.error());
  auto rated = services_->surveys->RateCall(who, *in);
  if (!rated) return ErrorResponse(rated.error());
  return JsonResponse(201, ToJson(*rated));
}

Response Api::DismissReview(Request& req, const app::Principal& who) {
  if (services_->surveys == nullptr) return Unavailable();
  auto id = PathId<d::CaseTag>(req, "id");
  if (!id) return NoSuchCase();
  std::string note;
  if (!req.body.empty()) {
    auto body = ParseJsonObject(req.body);
    if (!body) return BadRequest(body.error());
    auto parsed = ParseReviewNote(*body);
    if (!parsed) return BadRequest(parsed.error());
    note = *parsed;
  }
  // Visibility first: a request this user may not see answers 404 like any other.
  if (auto visible = services_->cases.Visible(who, *id); !visible) return ErrorResponse(visible.error());
  auto done = services_->surveys->DismissReview(who, *id, note);
  if (!done) return ErrorResponse(done.error());
  Response res;
  res.status = 204;
  return res;
}

}  // namespace tawasul::http
