#pragma once
// The audit module's store port: who was shown whose identity.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "domain/model.hpp"

namespace tawasul::app {

using base::Result;
using base::Status;
namespace d = tawasul::domain;

/// The identity-access log.
class AccessStore {
 public:
  virtual ~AccessStore() = default;

  /// The audit of identity access: one row per requester a user was shown (anonymized referral
  /// keeps identities from unit staff; everyone else who sees one is recorded).
  struct IdentityAccess {
    d::UserId user_id;
    d::RequesterId requester_id;
    std::optional<d::CaseId> case_id;
    std::string via;  ///< "case", "case_list", "inbox", "requester", "requester_search", "action"
    base::Time at{};
    std::int64_t id = 0;  ///< the row's id when read back (the access log's cursor)
  };
  virtual Status LogIdentityAccess(const std::vector<IdentityAccess>& rows) = 0;
  virtual std::vector<IdentityAccess> IdentityAccessLog(d::RequesterId requester_id) = 0;
  /// One page of a requester's access log, newest first (sql_store_audit.cpp): rows below
  /// `before_id` when set, only those about `case_id` when set, at most `limit`.
  struct IdentityAccessQuery {
    d::RequesterId requester_id;
    std::optional<d::CaseId> case_id;
    std::optional<std::int64_t> before_id;
    int limit = 100;
  };
  virtual std::vector<IdentityAccess> IdentityAccessPage(const IdentityAccessQuery& q) = 0;
};

}  // namespace tawasul::app
