#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "app/store.hpp"
#include "domain/model.hpp"
#include "store/db.hpp"

/// Column lists and row → domain mapping shared by the SqlStore files.
namespace tawasul::store::rows {

namespace d = tawasul::domain;

inline constexpr std::string_view kUnitCols =
    "id, parent_id, code, name_ar, name_fa, name_en, kind, active";
inline constexpr std::string_view kCategoryCols =
    "id, parent_id, code, name_ar, name_fa, name_en, default_unit_id, active, workflow";
inline constexpr std::string_view kSiteCols =
    "id, code, kind, name_ar, name_fa, name_en, region, district, latitude, longitude, active";
inline constexpr std::string_view kUserCols =
    "id, username, display_name, role, unit_id, language, active, created_at, calendar, digits, "
    "extension";
inline constexpr std::string_view kTokenCols = "hash, user_id, kind, name, created_at, expires_at";
inline constexpr std::string_view kRequesterCols =
    "id, name, phone, email, national_id, language, created_at, malicious_count, attributes";
inline constexpr std::string_view kCaseCols =
    "id, tracking_code, type, category_id, channel, requester_id, site_id, description, "
    "priority, status, unit_id, public_answer, created_by, created_at, updated_at, version, "
    "workflow, state, parent_id, duplicate_of, closed_at, branch_id, suggested_unit_id, owner_id";
inline constexpr std::string_view kEventCols =
    "id, case_id, at, actor_id, kind, field, from_value, to_value, note";
inline constexpr std::string_view kContactCols =
    "id, channel, direction, requester_id, case_id, agent_id, outcome, note, started_at, "
    "ended_at, created_at, from_number, to_number, queue, call_id, source_id, site_id, "
    "category_id, answered_at, cause, branch_id";
inline constexpr std::string_view kAttachmentCols =
    "id, case_id, filename, media_type, size, uploaded_by, created_at, released_at, released_by";
inline constexpr std::string_view kMeetingCols = "case_id, date, time, place, outcome, updated_at";
inline constexpr std::string_view kCallbackCols = "case_id, at, user_id, outcome";
inline constexpr std::string_view kOutboxCols =
    "id, case_id, channel, template, recipient, language, subject, body, status, created_at, "
    "segments, attempts, sent_at, gateway_ref, last_error";

/// "SELECT <cols> FROM <table>" + rest.
std::string Select(std::string_view cols, std::string_view table, std::string_view rest = {});

d::Unit UnitFrom(const Row& r);
d::Category CategoryFrom(const Row& r);
d::Site SiteFrom(const Row& r);
d::User UserFrom(const Row& r);
app::StoredToken TokenFrom(const Row& r);
d::Requester RequesterFrom(const Row& r);
d::Case CaseFrom(const Row& r);
d::TimelineEvent EventFrom(const Row& r);
d::Contact ContactFrom(const Row& r);
d::Attachment AttachmentFrom(const Row& r);
d::Meeting MeetingFrom(const Row& r);
d::CallbackAttempt CallbackFrom(const Row& r);
d::OutboxMessage OutboxFrom(const Row& r);

/// A scalar subquery: the branch (a unit of kind branch) at or above the unit of the user whose
/// id is parameter `param`; NULL when there is none (or no user). Both engines.
std::string AgentBranchSql(int param);

/// A WHERE clause of conditions joined by AND, each with its numbered parameter appended to
/// `params` (the list filters build one shape of statement per set of filters in use).
class Where {
 public:
  explicit Where(Params& params) : params_(params) {}
  /// `condition` ends where its parameter goes: Add("status = ", Text(s)) → "status = $3".
  void Add(std::string_view condition, Value v) {
    params_.push_back(std::move(v));
    Raw(std::string(condition) + "$" + std::to_string(params_.size()));
  }
  /// A condition that takes no parameter (or numbers its own).
  void Raw(std::string_view condition) {
    sql_ += sql_.empty() ? "WHERE " : " AND ";
    sql_ += condition;
  }
  const std::string& sql() const { return sql_; }

 private:
  Params& params_;
  std::string sql_;
};

/// A stored enum name the code does not know is corruption (or a newer schema): a fault.
template <class E>
E Parsed(std::optional<E> (*parse)(std::string_view), const Value& v, std::string_view what) {
  const std::string text = AsText(v);
  if (auto parsed = parse(text)) return *parsed;
  throw std::runtime_error("store: unknown " + std::string(what) + " '" + text + "' in database");
}

/// An enum's wire name as a parameter.
template <class E>
Value Enum(E v) {
  return Text(std::string(d::ToString(v)));
}

}  // namespace tawasul::store::rows
