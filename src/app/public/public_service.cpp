#include "app/public/public_service.hpp"
#include "domain/identity.hpp"
#include "domain/tracking_code.hpp"

namespace tawasul::app {

using base::Error;
using base::ErrorCode;
namespace dom = tawasul::domain;

namespace {
constexpr double kSubmitRatePerSecond = 0.2;  // a citizen files a handful, not hundreds
constexpr double kSubmitBurst = 5;

Error NoMatch() {
  return base::NotFound("No request matches this tracking code and phone number");
}
Error TooMany() {
  return Error{ErrorCode::kRateLimited, "Too many attempts; wait a little and try again", {}};
}
}  // namespace

PublicService::PublicService(PublicServiceStore& store, CaseService& cases, const base::Clock& clock,
                             const Settings& settings)
    : store_(store),
      cases_(cases),
      clock_(clock),
      settings_(settings),
      submit_limiter_(kSubmitRatePerSecond, kSubmitBurst),
      track_limiter_(settings.track_rate_per_second, settings.track_burst) {}

Result<dom::Case> PublicService::Submit(const PublicRequestInput& input,
                                        const std::string& client) {
  if (!submit_limiter_.Allow(ClientBucket(client), clock_.Now())) return TooMany();
  if (input.requester.phone.empty()) {
    return base::Invalid("requester.phone", "is required to track the request and hear back");
  }
  CaseInput in;
  in.type = input.type;
  in.category_id = input.category_id;
  in.channel = dom::Channel::kPortal;
  in.description = input.description;
  in.requester = input.requester;
  in.site_id = input.site_id;
  in.priority = dom::Priority::kNormal;
  return cases_.Register(in, std::nullopt);
}

Result<dom::Case> PublicService::Matching(const std::string& code, const std::string& phone) {
  // Every miss answers the same, so a guessed code never reveals that it exists.
  auto canonical = dom::NormalizeTrackingCode(code);
  auto e164 = dom::NormalizePhone(phone, settings_.country);
  if (!canonical || !e164) return NoMatch();
  auto c = store_.FindCaseByTrackingCode(*canonical);
  if (!c || !c->requester_id) return NoMatch();
  auto r = store_.GetRequester(*c->requester_id);
  if (!r || r->phone != *e164) return NoMatch();
  return *c;
}

Result<dom::Case> PublicService::Match(const std::string& code, const std::string& phone,
                                       const std::string& client) {
  if (!track_limiter_.Allow(ClientBucket(client), clock_.Now())) return TooMany();
  return Matching(code, phone);
}

Result<PublicTrackView> PublicService::Track(const std::string& code, const std::string& phone,
                                             const std::string& client) {
  auto c = Match(code, phone, client);
  if (!c) return c.error();
  PublicTrackView view{c->tracking_code, c->status,     c->type,
                       c->public_answer, c->created_at, c->updated_at, std::nullopt};
  if (auto latest = store_.LatestSurveyOf(c->id)) {
    const Survey& s = latest->first;
    view.rating = PublicTrackView::Rating{
        !s.answered_at && s.expires_at > clock_.Now() && c->status == dom::CaseStatus::kClosed,
        s.rating};
  }
  return view;
}

Result<dom::Attachment> PublicService::AddAttachment(const std::string& code,
                                                     const std::string& phone,
                                                     const std::string& filename,
                                                     const std::string& content,
                                                     const std::string& client) {
  // The tracking limit: like a lookup, each try tests a code and phone pair.
  auto c = Match(code, phone, client);
  if (!c) return c.error();
  if (c->status == dom::CaseStatus::kClosed) {
    return base::Conflict("code", "the request is closed; files can no longer be added");
  }
  int mine = 0;
  for (const dom::Attachment& a : store_.ListAttachments(c->id)) {
    if (!a.uploaded_by) ++mine;
  }
  if (mine >= kCitizenAttachmentsMax) {
    return base::Invalid("body", "at most " + std::to_string(kCitizenAttachmentsMax) +
                                     " files can be added from the portal");
  }
  return cases_.AddCitizenAttachment(c->id, filename, content);
}

}  // namespace tawasul::app
