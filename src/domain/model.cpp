#include "domain/model.hpp"

namespace tawasul::domain {
namespace {

/// Finds the enumerator whose wire name is `s`. The ToString switches are the only list of
/// names, so a new enumerator needs one edit, and the compiler points at it (no `default`).
/// Relies on the enumerators being 0, 1, 2, ... in declaration order; ToString answers "" for
/// a value past the last, which ends the scan.
template <class E>
std::optional<E> ParseByName(std::string_view s) {
  if (s.empty()) return std::nullopt;
  for (int i = 0;; ++i) {
    const auto v = static_cast<E>(i);
    const std::string_view name = ToString(v);
    if (name.empty()) return std::nullopt;
    if (name == s) return v;
  }
}

}  // namespace

// Each switch lists every enumerator and returns inside; the trailing return is reached only
// for a value cast from an out-of-range integer (a bug elsewhere, or the scan above).

std::string_view ToString(Channel v) {
  switch (v) {
    case Channel::kPhone:
      return "phone";
    case Channel::kWalkIn:
      return "walk_in";
    case Channel::kPortal:
      return "portal";
    case Channel::kEmail:
      return "email";
    case Channel::kChat:
      return "chat";
    case Channel::kSms:
      return "sms";
    case Channel::kFax:
      return "fax";
    case Channel::kSocial:
      return "social";
  }
  return {};
}

std::string_view ToString(CaseType v) {
  switch (v) {
    case CaseType::kComplaint:
      return "complaint";
    case CaseType::kSuggestion:
      return "suggestion";
    case CaseType::kCriticism:
      return "criticism";
    case CaseType::kReport:
      return "report";
    case CaseType::kViolationReport:
      return "violation_report";
    case CaseType::kServiceRequest:
      return "service_request";
    case CaseType::kInquiry:
      return "inquiry";
    case CaseType::kMeetingRequest:
      return "meeting_request";
  }
  return {};
}

std::string_view ToString(Priority v) {
  switch (v) {
    case Priority::kLow:
      return "low";
    case Priority::kNormal:
      return "normal";
    case Priority::kHigh:
      return "high";
    case Priority::kUrgent:
      return "urgent";
  }
  return {};
}

std::string_view ToString(CaseStatus v) {
  switch (v) {
    case CaseStatus::kNew:
      return "new";
    case CaseStatus::kDispatched:
      return "dispatched";
    case CaseStatus::kReferred:
      return "referred";
    case CaseStatus::kAnswered:
      return "answered";
    case CaseStatus::kCallback:
      return "callback";
    case CaseStatus::kOnHold:
      return "on_hold";
    case CaseStatus::kClosed:
      return "closed";
  }
  return {};
}

std::string_view ToString(Role v) {
  switch (v) {
    case Role::kAgent:
      return "agent";
    case Role::kDispatcher:
      return "dispatcher";
    case Role::kUnitStaff:
      return "unit_staff";
    case Role::kHead:
      return "head";
    case Role::kSupervisor:
      return "supervisor";
    case Role::kAnalyst:
      return "analyst";
    case Role::kAdmin:
      return "admin";
  }
  return {};
}

std::string_view ToString(ContactDirection v) {
  switch (v) {
    case ContactDirection::kInbound:
      return "inbound";
    case ContactDirection::kOutbound:
      return "outbound";
  }
  return {};
}

std::string_view ToString(ContactOutcome v) {
  switch (v) {
    case ContactOutcome::kGuidance:
      return "guidance";
    case ContactOutcome::kCaseCreated:
      return "case_created";
    case ContactOutcome::kCaseUpdated:
      return "case_updated";
    case ContactOutcome::kTransferred:
      return "transferred";
    case ContactOutcome::kNoAnswer:
      return "no_answer";
    case ContactOutcome::kBusy:
      return "busy";
    case ContactOutcome::kWrongNumber:
      return "wrong_number";
    case ContactOutcome::kAbandoned:
      return "abandoned";
    case ContactOutcome::kRinging:
      return "ringing";
    case ContactOutcome::kAnswered:
      return "answered";
    case ContactOutcome::kMissed:
      return "missed";
    case ContactOutcome::kRejected:
      return "rejected";
    case ContactOutcome::kForwarded:
      return "forwarded";
    case ContactOutcome::kVoicemail:
      return "voicemail";
  }
  return {};
}

std::string_view ToString(UnitKind v) {
  switch (v) {
    case UnitKind::kCenter:
      return "center";
    case UnitKind::kDirectorate:
      return "directorate";
    case UnitKind::kDepartment:
      return "department";
    case UnitKind::kDeputy:
      return "deputy";
    case UnitKind::kBranch:
      return "branch";
    case UnitKind::kAffiliate:
      return "affiliate";
  }
  return {};
}

std::string_view ToString(SiteKind v) {
  switch (v) {
    case SiteKind::kMosque:
      return "mosque";
    case SiteKind::kFacility:
      return "facility";
    case SiteKind::kArea:
      return "area";
    case SiteKind::kBranch:
      return "branch";
    case SiteKind::kOther:
      return "other";
  }
  return {};
}

std::string_view ToString(TokenKind v) {
  switch (v) {
    case TokenKind::kSession:
      return "session";
    case TokenKind::kApi:
      return "api";
  }
  return {};
}

std::optional<Channel> ParseChannel(std::string_view s) { return ParseByName<Channel>(s); }
std::optional<CaseType> ParseCaseType(std::string_view s) { return ParseByName<CaseType>(s); }
std::optional<Priority> ParsePriority(std::string_view s) { return ParseByName<Priority>(s); }
std::optional<CaseStatus> ParseCaseStatus(std::string_view s) { return ParseByName<CaseStatus>(s); }
std::optional<Role> ParseRole(std::string_view s) { return ParseByName<Role>(s); }
std::optional<ContactDirection> ParseContactDirection(std::string_view s) {
  return ParseByName<ContactDirection>(s);
}
std::optional<ContactOutcome> ParseContactOutcome(std::string_view s) {
  return ParseByName<ContactOutcome>(s);
}
std::optional<UnitKind> ParseUnitKind(std::string_view s) { return ParseByName<UnitKind>(s); }
std::optional<SiteKind> ParseSiteKind(std::string_view s) { return ParseByName<SiteKind>(s); }
std::optional<TokenKind> ParseTokenKind(std::string_view s) { return ParseByName<TokenKind>(s); }

}  // namespace tawasul::domain
