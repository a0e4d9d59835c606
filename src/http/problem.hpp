#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "http/message.hpp"

namespace tawasul::http {

/// The HTTP status for an expected failure of a use case.
int StatusFor(base::ErrorCode code);

/// One offending input of a problem response.
struct FieldError {
  std::string field;
  std::string detail;
};

/// An RFC 9457 `application/problem+json` response:
/// {type, title, status, detail, field?, errors?: [{field, detail}]}.
Response Problem(int status, const std::string& detail, const std::string& field = {},
                 const std::vector<FieldError>& errors = {});

/// The same with extension members (an object) added to the problem, e.g. {"allowed": [...]}.
Response Problem(int status, const std::string& detail, const std::string& field,
                 const std::vector<FieldError>& errors, const nlohmann::json& extensions);

/// A use case's failure: status from StatusFor, plus WWW-Authenticate on 401 and Retry-After on
/// 429 (`retry_after_seconds`).
Response ErrorResponse(const base::Error& error, int retry_after_seconds = 1);

/// A malformed request (bad JSON, wrong type, unknown field, bad query value): always 400, naming
/// the field when there is one.
Response BadRequest(const base::Error& error);
Response BadRequest(const std::string& field, const std::string& detail);

}  // namespace tawasul::http
