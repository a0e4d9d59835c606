#pragma once

#include <string>
#include <utility>
#include <variant>

namespace tawasul::base {

/// Expected failures; one function in http/ maps each to an HTTP status.
enum class ErrorCode {
  kInvalid,             ///< the input breaks a rule (400/422)
  kNotFound,            ///< no such thing, or not visible to this user
  kConflict,            ///< a uniqueness or state conflict (409)
  kPreconditionFailed,  ///< stale version (412)
  kUnauthenticated,     ///< no or bad credentials (401)
  kForbidden,           ///< authenticated, not allowed (403)
  kTooLarge,            ///< body or file over the limit (413)
  kUnsupportedMedia,    ///< content type not accepted (415)
  kRateLimited,         ///< too many requests (429)
  kUnavailable,         ///< a dependency is down (503)
};

/// One expected failure: what went wrong and, where it applies, which input field.
struct Error {
  ErrorCode code = ErrorCode::kInvalid;
  std::string message;
  std::string field;  ///< JSON pointer-ish name of the offending field, e.g. "requester.phone"

  bool operator==(const Error&) const = default;
};

inline Error Invalid(std::string field, std::string message) {
  return Error{ErrorCode::kInvalid, std::move(message), std::move(field)};
}
inline Error NotFound(std::string message) {
  return Error{ErrorCode::kNotFound, std::move(message), {}};
}
inline Error Conflict(std::string field, std::string message) {
  return Error{ErrorCode::kConflict, std::move(message), std::move(field)};
}

struct Ok {
  bool operator==(const Ok&) const = default;
};

/// A value or an Error. Expected failures are values; bugs are exceptions.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}      // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& operator*() & { return std::get<0>(v_); }
  const T& operator*() const& { return std::get<0>(v_); }

  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

using Status = Result<Ok>;

}  // namespace tawasul::base
