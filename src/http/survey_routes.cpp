// Satisfaction: the survey link the closing SMS carries (as JSON for clients and as a plain page
// for the citizen's phone), post-call ratings from the IVR, and dismissing a review flag. The
// rules (single use, expiry, low ratings flag for review) live in app/SurveyService.
#include <string_view>

#include "http/survey_routes.hpp"
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
std::optional<std::map<std::string, std::string>> ParseFormMap(std::string_view body) {
  auto pairs = ParseForm(body);
  if (!pairs) return std::nullopt;
  std::map<std::string, std::string> out;
  for (auto& [name, value] : *pairs) out.emplace(std::move(name), std::move(value));
  return out;
}

}  // namespace

Response SurveyRoutes::GetPublicSurvey(Request& req) {
  if (surveys_ == nullptr) return Unavailable();
  auto page = surveys_->Open(TokenOf(req));
  if (!page) return ErrorResponse(page.error());
  return JsonResponse(200, ToJson(*page));
}

Response SurveyRoutes::AnswerPublicSurvey(Request& req) {
  if (surveys_ == nullptr) return Unavailable();
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParseSurveyAnswer(*body);
  if (!in) return BadRequest(in.error());
  auto answered = surveys_->Answer(TokenOf(req), in->rating, in->comment);
  if (!answered) return ErrorResponse(answered.error());
  return JsonResponse(200, Json{{"rating", answered->rating.value_or(in->rating)},
                                {"answered_at", base::FormatRfc3339(*answered->answered_at)}});
}

Response SurveyRoutes::SurveyPage(Request& req) {
  const std::string language = installation_->Get()->LanguageFor(nullptr);
  if (surveys_ == nullptr) return Html(503, SurveyNoticeHtml(SurveyNotice::kNotFound, language));
  const std::string token = TokenOf(req);
  auto page = surveys_->Open(token);
  if (!page) return Html(404, SurveyNoticeHtml(SurveyNotice::kNotFound, language));
  if (page->answered) return Html(200, SurveyNoticeHtml(SurveyNotice::kAlreadyAnswered, page->language));
  return Html(200, SurveyFormHtml(*page, token));
}

Response SurveyRoutes::SurveyPageSubmit(Request& req) {
  std::string language = installation_->Get()->LanguageFor(nullptr);
  if (surveys_ == nullptr) return Html(503, SurveyNoticeHtml(SurveyNotice::kNotFound, language));
  if (req.body.size() > kFormLimit) return Problem(413, "The form is larger than expected");
  const std::string token = TokenOf(req);
  auto page = surveys_->Open(token);
  if (!page) return Html(404, SurveyNoticeHtml(SurveyNotice::kNotFound, language));
  language = page->language;
  auto form = ParseFormMap(req.body);
  int rating = 0;
  if (form) {
    const std::string& r = (*form)["rating"];
    if (r.size() == 1 && r[0] >= '1' && r[0] <= '5') rating = r[0] - '0';
  }
  if (rating == 0) return Html(422, SurveyNoticeHtml(SurveyNotice::kNeedsRating, language));
  auto answered = surveys_->Answer(token, rating, (*form)["comment"]);
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

Response SurveyRoutes::RateCall(Request& req, const app::Principal& who) {
  if (surveys_ == nullptr) return Unavailable();
  auto body = ParseJsonObject(req.body);
  if (!body) return BadRequest(body.error());
  auto in = ParseCallRating(*body);
  if (!in) return BadRequest(in.error());
  auto rated = surveys_->RateCall(who, *in);
  if (!rated) return ErrorResponse(rated.error());
  return JsonResponse(201, ToJson(*rated));
}

Response SurveyRoutes::DismissReview(Request& req, const app::Principal& who) {
  if (surveys_ == nullptr) return Unavailable();
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
  if (auto visible = cases_->Visible(who, *id); !visible) return ErrorResponse(visible.error());
  auto done = surveys_->DismissReview(who, *id, note);
  if (!done) return ErrorResponse(done.error());
  Response res;
  res.status = 204;
  return res;
}

void SurveyRoutes::Register(RouteRegistrar& r, SurveyRoutes* self) {
  r.Public("GET", "/api/v1/public/surveys/{token}", BodyKind::kNone, self, &SurveyRoutes::GetPublicSurvey);
  r.Public("POST", "/api/v1/public/surveys/{token}", BodyKind::kJson, self, &SurveyRoutes::AnswerPublicSurvey);
  // The page the survey SMS links to: plain HTML and a form, no script, no login.
  r.Public("GET", "/s/{token}", BodyKind::kNone, self, &SurveyRoutes::SurveyPage);
  r.Public("POST", "/s/{token}", BodyKind::kRaw, self, &SurveyRoutes::SurveyPageSubmit);
  r.User("POST", "/api/v1/ratings/calls", BodyKind::kJson, self, &SurveyRoutes::RateCall);
  r.User("POST", "/api/v1/cases/{id}/review/dismiss", BodyKind::kJson, self, &SurveyRoutes::DismissReview);
}

}  // namespace tawasul::http
