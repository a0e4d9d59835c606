#include "app/surveys/survey_service.hpp"

#include <chrono>

#include "domain/identity.hpp"
#include "domain/validation.hpp"

namespace tawasul::app {

using base::Error;
using base::ErrorCode;
namespace dom = tawasul::domain;

namespace {

constexpr std::size_t kCommentMax = 2000;
/// A call rating links to the caller's latest call with the agent within this long.
constexpr auto kCallLinkWindow = std::chrono::hours(24);

Error SurveyNotFound() { return base::NotFound("No such survey, or its link has expired"); }

bool TokenChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

/// A token as RandomToken draws it: URL-safe, long; anything else cannot be one of ours.
bool PlausibleToken(const std::string& token) {
  if (token.size() < 20 || token.size() > 128) return false;
  for (char c : token) {
    if (!TokenChar(c)) return false;
  }
  return true;
}

}  // namespace

SurveyInvite MakeSurveyInvite(const Installation& inst, Crypto& crypto, const d::Requester& to,
                              std::map<std::string, std::string> values, base::Time now) {
  const SurveySettings& s = inst.sla().survey;
  const std::string token = crypto.RandomToken();
  values["survey_link"] = s.link_base + "/s/" + token;
  auto composed = inst.Compose(kSurveyTemplate, "sms", &to, std::move(values), now);
  SurveyInvite out;
  out.skipped = composed.skipped;
  if (!composed.message) return out;
  out.message = std::move(composed.message);
  out.survey.token_hash = crypto.HashToken(token);
  out.survey.language = out.message->language;
  out.survey.expires_at = now + std::chrono::hours(24) * s.valid_days;
  return out;
}

std::string MaskSurveyLink(std::string_view body) {
  std::string out;
  std::size_t i = 0;
  while (true) {
    const std::size_t at = body.find("/s/", i);
    if (at == std::string_view::npos) break;
    std::size_t end = at + 3;
    while (end < body.size() && TokenChar(body[end])) ++end;
    out.append(body.substr(i, at + 3 - i));
    if (end - (at + 3) >= 20) {
      out += "…";
    } else {
      out.append(body.substr(at + 3, end - (at + 3)));
    }
    i = end;
  }
  out.append(body.substr(i));
  return out;
}

bool ReviewAllowsReopen(SlaStore& store, d::CaseId id) {
  const auto reviews = store.OpenReviews({id});
  return !reviews.empty() && reviews.front().reopenable;
}

SurveyService::SurveyService(SurveyServiceStore& store, Crypto& crypto, const base::Clock& clock,
                             const Settings& settings, InstallationRef& installation)
    : store_(store),
      crypto_(crypto),
      clock_(clock),
      settings_(settings),
      installation_(installation) {}

Result<SurveyPage> SurveyService::Open(const std::string& token) {
  if (!PlausibleToken(token)) return SurveyNotFound();
  auto survey = store_.FindSurvey(crypto_.HashToken(token));
  if (!survey) return SurveyNotFound();
  if (!survey->answered_at && survey->expires_at <= clock_.Now()) return SurveyNotFound();
  auto c = store_.GetCase(survey->case_id);
  if (!c) return SurveyNotFound();
  const auto inst = installation_.Get();
  SurveyPage page;
  page.tracking_code = c->tracking_code;
  page.type = c->type;
  if (auto cat = store_.GetCategory(c->category_id)) page.category = cat->name;
  page.public_answer = c->public_answer;
  page.closed_at = c->closed_at;
  page.expires_at = survey->expires_at;
  page.language = survey->language;
  page.center_name = inst->settings().center_name;
  page.answered = survey->answered_at.has_value();
  return page;
}

std::optional<CaseReview> SurveyService::FlagFor(const d::Case& c, const std::string& source,
                                                 int rating, const std::string& comment,
                                                 base::Time now) {
  const auto inst = installation_.Get();
  if (rating > inst->sla().survey.low_rating) return std::nullopt;
  CaseReview r;
  r.case_id = c.id;
  r.source = source;
  r.rating = rating;
  r.comment = comment;
  r.flagged_at = now;
  r.reopenable = c.status == dom::CaseStatus::kClosed && c.closed_at &&
                 now - *c.closed_at <= std::chrono::hours(24) * inst->settings().reopen_window_days;
  return r;
}

Result<Survey> SurveyService::Answer(const std::string& token, int rating,
                                     const std::string& comment) {
  if (!PlausibleToken(token)) return SurveyNotFound();
  return AnswerHash(crypto_.HashToken(token), rating, comment);
}

Result<Survey> SurveyService::AnswerLatest(d::CaseId id, int rating, const std::string& comment) {
  auto c = store_.GetCase(id);
  if (!c) return base::NotFound("No such request");
  if (c->status != dom::CaseStatus::kClosed) {
    return base::Invalid("rating", "a request can be rated once it is closed");
  }
  auto latest = store_.LatestSurveyOf(id);
  if (!latest) return base::NotFound("This request has no satisfaction survey to answer");
  return AnswerHash(latest->second, rating, comment);
}

Result<Survey> SurveyService::AnswerHash(const std::string& hash, int rating,
                                         const std::string& comment) {
  if (rating < 1 || rating > 5) return base::Invalid("rating", "must be 1 to 5");
  auto clean = dom::CleanText(comment, "comment", kCommentMax, false);
  if (!clean) return clean.error();
  auto survey = store_.FindSurvey(hash);
  if (!survey) return SurveyNotFound();
  if (survey->answered_at) return base::Conflict("token", "this survey has already been answered");
  const base::Time now = clock_.Now();
  if (survey->expires_at <= now) return SurveyNotFound();
  SurveyAnswer answer{hash, rating, *clean, now, std::nullopt};
  if (auto c = store_.GetCase(survey->case_id)) {
    answer.flag = FlagFor(*c, "survey", rating, *clean, now);
  }
  // The store checks "unanswered and unexpired" again in its transaction: the single use.
  return store_.AnswerSurvey(answer);
}

Result<CallRatingOutcome> SurveyService::RateCall(const Principal& who,
                                                  const CallRatingInput& in) {
  if (who.via != dom::TokenKind::kApi) {
    return Error{ErrorCode::kForbidden, "Call ratings come from integrations: use an API token", {}};
  }
  if (in.rating < 1 || in.rating > 5) return base::Invalid("rating", "must be 1 to 5");
  const base::Time now = clock_.Now();
  CallRating r;
  r.rating = in.rating;
  r.created_at = now;
  r.agent_id = in.agent_id;
  if (in.agent_id && !store_.GetUser(*in.agent_id)) return base::Invalid("agent_id", "no such user");
  std::optional<dom::Contact> contact;
  if (in.contact_id) {
    contact = store_.GetContact(*in.contact_id);
    if (!contact) return base::Invalid("contact_id", "no such contact");
  } else {
    if (in.phone.empty()) return base::Invalid("phone", "give contact_id, or the caller's phone");
    auto phone = dom::NormalizePhone(in.phone, settings_.country);
    if (!phone) return base::Invalid("phone", phone.error().message);
    r.phone = *phone;
    // The caller's latest call (with this agent, when given) of the last day, if any.
    if (auto requester = store_.FindRequesterByPhone(*phone)) {
      ContactFilter theirs;
      theirs.requester_id = requester->id;
      theirs.limit = 20;
      for (const dom::Contact& k : store_.ListContacts(theirs)) {
        if (now - k.started_at > kCallLinkWindow) continue;
        if (in.agent_id && k.agent_id != in.agent_id) continue;
        if (!contact || k.started_at > contact->started_at) contact = k;
      }
    }
  }
  if (contact) {
    r.contact_id = contact->id;
    if (!r.agent_id) r.agent_id = contact->agent_id;
    r.case_id = contact->case_id;
    if (r.phone.empty() && contact->requester_id) {
      if (auto q = store_.GetRequester(*contact->requester_id)) r.phone = q->phone;
    }
  }
  std::optional<CaseReview> flag;
  if (r.case_id) {
    if (auto c = store_.GetCase(*r.case_id)) flag = FlagFor(*c, "call", r.rating, "", now);
  }
  auto stored = store_.AddCallRating(r, flag);
  if (!stored) return stored.error();
  return CallRatingOutcome{*stored, flag.has_value()};
}

Status SurveyService::DismissReview(const Principal& who, d::CaseId id, const std::string& note) {
  if (!May(who, d::Permission::kDismissReviews)) {
    return Error{ErrorCode::kForbidden, "Only dispatchers and supervisors act on reviews", {}};
  }
  if (!store_.GetCase(id)) return base::NotFound("No such request");
  auto clean = dom::CleanText(note, "note", kCommentMax, false);
  if (!clean) return clean.error();
  return store_.DismissReview(id, who.user.id, *clean, clock_.Now());
}

}  // namespace tawasul::app
