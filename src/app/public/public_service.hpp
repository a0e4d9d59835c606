#pragma once
// The citizens' portal: submission, tracking, attachments; no login.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/public/public_service_store.hpp"
#include "app/auth/rate_limiter.hpp"
#include "app/cases/case_service.hpp"

namespace tawasul::app {

/// What the public tracking page shows: status and the public answer only.
struct PublicTrackView {
  std::string tracking_code;
  d::CaseStatus status = d::CaseStatus::kNew;
  d::CaseType type = d::CaseType::kComplaint;
  std::string public_answer;
  base::Time created_at{};
  base::Time updated_at{};
  /// The satisfaction survey of its last closing, when one was sent: whether it can still be
  /// answered here, and the rating once given.
  struct Rating {
    bool open = false;
    std::optional<int> value;
  };
  std::optional<Rating> rating;
};

/// The portal: no login.
class PublicService {
 public:
  PublicService(PublicServiceStore& store, CaseService& cases, const base::Clock& clock,
                const Settings& settings);
  Result<d::Case> Submit(const PublicRequestInput& input, const std::string& client);
  /// A wrong code/phone pair answers NotFound whether or not the code exists.
  Result<PublicTrackView> Track(const std::string& code, const std::string& phone,
                                const std::string& client);
  /// The request this code and phone name, under the tracking rate limit (NotFound for any
  /// mismatch, like Track); the portal's rating checks this before answering the survey.
  Result<d::Case> Match(const std::string& code, const std::string& phone,
                        const std::string& client);
  /// A photo or document added from the portal right after submitting: code and phone as for
  /// tracking, under the tracking rate limit, only while the request is open and at most
  /// kCitizenAttachmentsMax citizen files per request.
  Result<d::Attachment> AddAttachment(const std::string& code, const std::string& phone,
                                      const std::string& filename, const std::string& content,
                                      const std::string& client);
  static constexpr int kCitizenAttachmentsMax = 3;

 private:
  Result<d::Case> Matching(const std::string& code, const std::string& phone);
  PublicServiceStore& store_;
  CaseService& cases_;
  const base::Clock& clock_;
  const Settings& settings_;
  RateLimiter submit_limiter_;
  RateLimiter track_limiter_;
};

}  // namespace tawasul::app
