#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "app/installation/installation.hpp"
#include "app/auth/principal.hpp"
#include "app/cases/case_service.hpp"
#include "app/sla/sla_store.hpp"
#include "app/surveys/survey_service_store.hpp"
#include "base/result.hpp"
#include "base/time.hpp"

namespace tawasul::app {

/// The template of the SMS that carries the survey link ({survey_link}).
inline constexpr const char* kSurveyTemplate = "survey";

/// A survey for a request just closed: the message with the link, and the row to store (the
/// token's hash only). No message, and why, when the template cannot be sent.
struct SurveyInvite {
  std::optional<d::OutboxMessage> message;
  NewSurvey survey;
  std::string skipped;
};
/// Draws the token and composes the "survey" SMS with `values` plus {survey_link}.
SurveyInvite MakeSurveyInvite(const Installation& installation, Crypto& crypto,
                              const d::Requester& to, std::map<std::string, std::string> values,
                              base::Time now);

/// `body` with the token of any survey link ("/s/TOKEN") replaced by "…": staff never need it,
/// and whoever holds it can answer in the citizen's name.
std::string MaskSurveyLink(std::string_view body);

/// True when the request has an open review whose rating came within the reopen window.
bool ReviewAllowsReopen(SlaStore& store, d::CaseId id);

/// What the survey page shows: what is being rated, never who asked.
struct SurveyPage {
  std::string tracking_code;
  d::CaseType type = d::CaseType::kComplaint;
  d::LocalizedName category;
  std::string public_answer;
  std::optional<base::Time> closed_at;
  base::Time expires_at{};
  std::string language;  ///< the citizen's
  d::LocalizedName center_name;
  bool answered = false;
};

struct CallRatingInput {
  std::optional<d::ContactId> contact_id;
  std::string phone;  ///< when no contact id: the caller's number
  std::optional<d::UserId> agent_id;
  int rating = 0;
};

struct CallRatingOutcome {
  CallRating rating;
  bool flagged_for_review = false;
};

/// Satisfaction: the survey page behind the SMS link (no login), post-call ratings from the
/// IVR, and the review flag low ratings raise.
class SurveyService {
 public:
  SurveyService(SurveyServiceStore& store, Crypto& crypto, const base::Clock& clock, const Settings& settings,
                InstallationRef& installation);

  /// NotFound for an unknown or expired link (they look the same).
  Result<SurveyPage> Open(const std::string& token);
  /// Rating 1–5 and an optional comment, once: Conflict on a second answer, NotFound for an
  /// unknown or expired link. A rating at or below the profile's low_rating flags the request
  /// for review.
  Result<Survey> Answer(const std::string& token, int rating, const std::string& comment);
  /// The same answer for the request's latest survey, from the portal once the citizen proved
  /// tracking code and phone (PublicService::Match): NotFound when no survey was sent or it has
  /// expired, Conflict when already answered (by the link or here), Invalid while not closed.
  Result<Survey> AnswerLatest(d::CaseId id, int rating, const std::string& comment);
  /// A rating the IVR collected after a call: only integrations (API tokens) may post it.
  Result<CallRatingOutcome> RateCall(const Principal& who, const CallRatingInput& input);
  /// Clears a review flag without reopening (dispatchers, supervisors, heads, admins).
  Status DismissReview(const Principal& who, d::CaseId id, const std::string& note);

 private:
  Result<Survey> AnswerHash(const std::string& hash, int rating, const std::string& comment);
  std::optional<CaseReview> FlagFor(const d::Case& c, const std::string& source, int rating,
                                    const std::string& comment, base::Time now);

  SurveyServiceStore& store_;
  Crypto& crypto_;
  const base::Clock& clock_;
  const Settings& settings_;
  InstallationRef& installation_;
};

}  // namespace tawasul::app
