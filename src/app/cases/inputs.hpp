#pragma once

#include <map>
#include <optional>
#include <string>

#include "domain/inbound.hpp"
#include "domain/model.hpp"

namespace tawasul::app {

namespace d = tawasul::domain;

/// Inputs the HTTP layer has already parsed for types (JSON, enum names); rules are checked by
/// the use cases, which name the offending field in their errors.
struct RequesterInput {
  std::string name;
  std::string phone;
  std::string email;
  std::string national_id;
  std::string language;
  std::map<std::string, std::string> attributes = {};  ///< the profile's requester attributes
};

struct CaseInput {
  d::CaseType type = d::CaseType::kComplaint;
  d::CategoryId category_id;
  d::Channel channel = d::Channel::kPhone;
  std::string description;
  std::optional<RequesterInput> requester;  ///< nullopt: anonymous
  std::optional<d::SiteId> site_id;
  d::Priority priority = d::Priority::kNormal;
  /// The contact (call, visit) it is registered during; none: staff registering a phone or
  /// walk-in request log one with it, so every such request counts as a contact.
  std::optional<d::ContactId> contact_id = {};
  /// Topic tags from the registry to put on it (staff only): open to agents, or any valid tag
  /// for roles that tag requests.
  std::vector<std::string> tags = {};
  /// The branch it is taken at (a unit of kind branch): a walk-in's, chosen at the desk; none:
  /// the registering staff member's own branch, if they work at one.
  std::optional<d::UnitId> branch_id = {};
  /// The written message (an SMS) it comes from: logged with it as its contact and kept in
  /// inbound_messages, in the same transaction (app/inbound).
  std::optional<d::InboundMessage> inbound = {};
  /// A template to answer that message with (its tracking code) when the workflow's own
  /// registration messages send the sender nothing on that channel (email for an email, else
  /// SMS).
  std::string ack_template = {};
};

/// A PATCH: a field is changed only when set; `std::optional<std::optional<X>>` distinguishes
/// "leave" (outer nullopt) from "clear" (inner nullopt).
struct CasePatch {
  std::optional<d::CaseType> type;
  std::optional<d::CategoryId> category_id;
  std::optional<d::Priority> priority;
  std::optional<d::CaseStatus> status;
  std::optional<std::optional<d::SiteId>> site_id;
  std::optional<std::optional<d::UnitId>> unit_id;
  std::optional<std::string> description;
  std::optional<std::string> public_answer;
  std::optional<std::string> note;  ///< a comment recorded on the timeline with the change
};

struct ContactInput {
  d::Channel channel = d::Channel::kPhone;
  d::ContactDirection direction = d::ContactDirection::kInbound;
  std::optional<std::string> phone;       ///< the caller's number; finds or creates the requester
  std::optional<std::string> name;        ///< requester name when a new one is created
  std::optional<d::CaseId> case_id;
  d::ContactOutcome outcome = d::ContactOutcome::kGuidance;
  std::string note;
  std::optional<base::Time> started_at;   ///< defaults to now
  std::optional<base::Time> ended_at;
  std::optional<d::SiteId> site_id = {};          ///< the branch or counter of a visit
  std::optional<d::CategoryId> category_id = {};  ///< the topic
  std::vector<std::string> tags = {};             ///< registry tags (a crisis tag)
};

/// What staff change on a contact: its disposition, topic, branch, note; `end` closes a contact
/// opened by hand (a PBX's calls end when the PBX says so).
struct ContactPatch {
  std::optional<d::ContactOutcome> outcome;
  std::optional<std::optional<d::CategoryId>> category_id;
  std::optional<std::optional<d::SiteId>> site_id;
  std::optional<std::string> note;
  bool end = false;
  std::vector<std::string> tags = {};  ///< registry tags to add (a crisis tag on a call)
};

/// What a portal visitor submits (no login).
struct PublicRequestInput {
  d::CaseType type = d::CaseType::kComplaint;
  d::CategoryId category_id;
  std::string description;
  RequesterInput requester;  ///< phone required so the citizen can track and be told
  std::optional<d::SiteId> site_id;
};

}  // namespace tawasul::app
