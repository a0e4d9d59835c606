#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "app/cases/inputs.hpp"
#include "app/installation/installation.hpp"
#include "app/reports/report_service.hpp"
#include "app/services.hpp"
#include "app/surveys/survey_service.hpp"
#include "base/result.hpp"
#include "domain/model.hpp"
#include "domain/requester_attributes.hpp"
#include "domain/workflow.hpp"

/// JSON ⇄ domain and app types for the HTTP API. Parsing is strict: a wrong JSON type, an unknown
/// field or an unknown enum name is an error naming the field ("requester.phone"); the caller
/// answers 400. Rules (lengths, formats, existence) are the use cases' business.
namespace tawasul::http {

using Json = nlohmann::json;
namespace d = tawasul::domain;

// ---- Output -------------------------------------------------------------------------------

Json ToJson(const d::LocalizedName& v);
Json ToJson(const d::Unit& v);
Json ToJson(const d::Category& v);
Json ToJson(const d::Site& v);
Json ToJson(const d::RequesterAttribute& v);
Json ToJson(const d::User& v);
Json ToJson(const d::Requester& v);
Json ToJson(const d::Contact& v);
Json ToJson(const d::Attachment& v);
Json ToJson(const d::TimelineEvent& v);
/// A request with its state's label from `installation` (null when the workflow or state is
/// not installed) and, when visible, its requester with `flagged`.
Json ToJson(const app::CaseView& v, const app::Installation& installation);
/// {items, next_cursor}.
Json ToJson(const app::CasePage& v, const app::Installation& installation);
Json ToJson(const app::PublicTrackView& v);

/// An action as a user may take it now: {name, label, to, inputs}.
Json ToJson(const d::WorkflowAction& v);
/// A whole workflow, for administrators: states, actions with roles and effects.
Json ToJson(const d::Workflow& v);
Json ToJson(const d::Meeting& v);
Json ToJson(const d::CallbackAttempt& v);
/// A stored message (the extras): id, status and time included.
Json ToJson(const d::OutboxMessage& v);
/// What taking an action did: {case, follow_up_id, queued}.
Json ToJson(const app::ActionOutcome& v, const app::Installation& installation);
Json ToJson(const app::CaseExtras& v);
/// The installation facts the web app needs (no workflow internals).
Json ToJson(const app::CenterSettings& v);

// SLA clocks, reviews, surveys and call ratings (json_sla.cpp)
/// {first_response: {...}, resolution: {...}} with the clocks a request has; null for none.
Json ToJson(const std::vector<app::SlaClockView>& clocks);
Json ToJson(const app::CaseReview& v);
/// What the survey page shows (no requester, no unit).
Json ToJson(const app::SurveyPage& v);
Json ToJson(const app::CallRatingOutcome& v);

/// Serializes compactly; bytes that are not UTF-8 become U+FFFD instead of throwing.
std::string Dump(const Json& j);

// ---- Input --------------------------------------------------------------------------------

/// Parses a request body that must be one JSON object. Invalid UTF-8, malformed JSON and any
/// other top-level value are errors (code kInvalid, field empty).
base::Result<Json> ParseJsonObject(std::string_view body);

struct LoginInput {
  std::string username;
  std::string password;
};

struct TokenInput {
  d::UserId user_id;
  std::string name;
};

base::Result<LoginInput> ParseLogin(const Json& body);
base::Result<TokenInput> ParseTokenInput(const Json& body);
base::Result<app::CaseInput> ParseCaseInput(const Json& body);
base::Result<app::CasePatch> ParseCasePatch(const Json& body);
/// A tag of the registry as administrators write it (POST adds, PATCH changes).
base::Result<app::TagInput> ParseTagInput(const Json& body);
Json TagJson(const domain::Tag& t);
base::Result<app::ContactInput> ParseContactInput(const Json& body);
base::Result<app::ContactPatch> ParseContactPatch(const Json& body);
base::Result<app::PublicRequestInput> ParsePublicRequest(const Json& body);

/// The body of POST /cases/{id}/actions/{action}: {"inputs": {name: value}}. Values may be
/// strings, integers (their decimal text) or booleans ("true"/"false"); null omits the input.
/// Anything else is an error naming "inputs.NAME"; an absent or null "inputs" is no inputs.
base::Result<d::ActionInputs> ParseActionInputs(const Json& body);

/// {rating: 1..5 (integer), comment?: string}: types only (the range is the use case's).
struct SurveyAnswerInput {
  int rating = 0;
  std::string comment;
};
base::Result<SurveyAnswerInput> ParseSurveyAnswer(const Json& body);
/// The portal's rating: {code, phone, rating: 1..5 (integer), comment?}.
struct PublicRatingInput {
  std::string code;
  std::string phone;
  SurveyAnswerInput answer;
};
base::Result<PublicRatingInput> ParsePublicRating(const Json& body);
/// {contact_id?, phone?, agent_id?, rating}.
base::Result<app::CallRatingInput> ParseCallRating(const Json& body);
/// {note?: string}.
base::Result<std::string> ParseReviewNote(const Json& body);

/// Creation reads every writable member (required ones must be present); a patch changes
/// `current` member by member and may clear nullable ones with null.
base::Result<d::Unit> ParseNewUnit(const Json& body);
base::Status ApplyUnitPatch(const Json& body, d::Unit& current);
base::Result<d::Category> ParseNewCategory(const Json& body);
base::Status ApplyCategoryPatch(const Json& body, d::Category& current);
base::Result<d::Site> ParseNewSite(const Json& body);
base::Status ApplySitePatch(const Json& body, d::Site& current);
base::Result<app::NewUserInput> ParseNewUser(const Json& body);
base::Status ApplyUserPatch(const Json& body, d::User& current);
/// As above, also accepting the administrator's password reset (`password`).
base::Status ApplyUserPatch(const Json& body, d::User& current,
                            std::optional<std::string>& password);
struct PasswordChange {
  std::string current;
  std::string next;  ///< the body's `new`
};
base::Result<PasswordChange> ParsePasswordChange(const Json& body);

/// PATCH /auth/me: what a user may change about themself (only present members change).
struct MePatch {
  std::optional<std::string> language;
  std::optional<std::string> calendar;  ///< "" (the center's), gregorian, islamic-umalqura, persian
  std::optional<std::string> digits;    ///< "" (the language's usual), latn, native
};
base::Result<MePatch> ParseMePatch(const Json& body);

}  // namespace tawasul::http
