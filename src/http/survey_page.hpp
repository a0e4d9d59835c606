#pragma once

#include <string>

#include "app/surveys/survey_service.hpp"

/// The page the survey SMS links to (/s/{token}): server-rendered HTML in the citizen's
/// language with a plain form, so it works on any phone without script (the CSP allows none).
namespace tawasul::http {

/// What is being rated and the form (rating 1–5, comment) posting back to /s/{token}.
std::string SurveyFormHtml(const app::SurveyPage& page, const std::string& token);

enum class SurveyNotice { kThanks, kAlreadyAnswered, kNotFound, kNeedsRating };
/// A short page telling the citizen how it went, in `language` (ar, fa or en).
std::string SurveyNoticeHtml(SurveyNotice notice, const std::string& language);

/// Escapes text for HTML element content and attribute values.
std::string HtmlEscape(std::string_view text);

}  // namespace tawasul::http
