#include "http/problem.hpp"

#include <nlohmann/json.hpp>

namespace tawasul::http {

namespace {

/// A stable, non-dereferenceable identifier per kind of problem.
std::string TypeFor(int status) {
  const char* slug = "error";
  switch (status) {
    case 400:
      slug = "bad-request";
      break;
    case 401:
      slug = "unauthenticated";
      break;
    case 403:
      slug = "forbidden";
      break;
    case 404:
      slug = "not-found";
      break;
    case 405:
      slug = "method-not-allowed";
      break;
    case 409:
      slug = "conflict";
      break;
    case 412:
      slug = "precondition-failed";
      break;
    case 413:
      slug = "too-large";
      break;
    case 415:
      slug = "unsupported-media-type";
      break;
    case 422:
      slug = "invalid";
      break;
    case 428:
      slug = "precondition-required";
      break;
    case 429:
      slug = "rate-limited";
      break;
    case 431:
      slug = "header-too-large";
      break;
    case 500:
      slug = "internal";
      break;
    case 503:
      slug = "unavailable";
      break;
    default:
      break;
  }
  return std::string("urn:tawasul:problem:") + slug;
}

}  // namespace

int StatusFor(base::ErrorCode code) {
  switch (code) {
    case base::ErrorCode::kInvalid:
      return 422;
    case base::ErrorCode::kNotFound:
      return 404;
    case base::ErrorCode::kConflict:
      return 409;
    case base::ErrorCode::kPreconditionFailed:
      return 412;
    case base::ErrorCode::kUnauthenticated:
      return 401;
    case base::ErrorCode::kForbidden:
      return 403;
    case base::ErrorCode::kTooLarge:
      return 413;
    case base::ErrorCode::kUnsupportedMedia:
      return 415;
    case base::ErrorCode::kRateLimited:
      return 429;
    case base::ErrorCode::kUnavailable:
      return 503;
  }
  return 500;
}

Response Problem(int status, const std::string& detail, const std::string& field,
                 const std::vector<FieldError>& errors) {
  return Problem(status, detail, field, errors, nlohmann::json::object());
}

Response Problem(int status, const std::string& detail, const std::string& field,
                 const std::vector<FieldError>& errors, const nlohmann::json& extensions) {
  nlohmann::json body = nlohmann::json::object();
  if (extensions.is_object()) body = extensions;
  body["type"] = TypeFor(status);
  body["title"] = std::string(ReasonPhrase(status));
  body["status"] = status;
  body["detail"] = detail;
  if (!field.empty()) body["field"] = field;
  if (!errors.empty()) {
    nlohmann::json list = nlohmann::json::array();
    for (const FieldError& e : errors) list.push_back({{"field", e.field}, {"detail", e.detail}});
    body["errors"] = std::move(list);
  }
  Response res;
  res.status = status;
  res.Set("Content-Type", "application/problem+json");
  // Messages may quote client input; never let a stray byte turn the error into a crash.
  res.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (status == 401) res.Set("WWW-Authenticate", "Bearer");
  return res;
}

Response ErrorResponse(const base::Error& error, int retry_after_seconds) {
  const int status = StatusFor(error.code);
  std::string detail = error.message;
  if (!error.field.empty() && detail.rfind(error.field, 0) != 0 &&
      error.code == base::ErrorCode::kInvalid) {
    detail = error.field + ": " + detail;
  }
  Response res = Problem(status, detail, error.field);
  if (status == 429) res.Set("Retry-After", std::to_string(retry_after_seconds));
  return res;
}

Response BadRequest(const base::Error& error) { return BadRequest(error.field, error.message); }

Response BadRequest(const std::string& field, const std::string& detail) {
  std::string text = detail;
  if (!field.empty() && text.rfind(field, 0) != 0) text = field + ": " + text;
  return Problem(400, text, field);
}

}  // namespace tawasul::http
