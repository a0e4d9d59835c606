#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/sla/sla_config.hpp"
#include "app/installation/installation_store.hpp"
#include "base/result.hpp"
#include "domain/requester_attributes.hpp"
#include "domain/workflow.hpp"

namespace tawasul::app {

/// The center's settings from its profile (stored in the installation table).
struct CenterSettings {
  std::string profile;
  std::string country = "SA";
  std::string time_zone = "Asia/Riyadh";
  std::string calendar = "gregorian";  ///< gregorian | islamic-umalqura | persian
  std::vector<std::string> languages{"ar", "en"};
  std::string sms_sender;
  d::LocalizedName center_name;
  std::string default_workflow = "basic";
  std::map<std::string, std::string> workflow_by_type;  ///< case type wire name → workflow
  int reopen_window_days = 14;
  int callback_max_attempts = 3;
  int malicious_flag_threshold = 2;
  /// What a portal submission's messages do when no message ever went to its phone number:
  /// "send" (at once, within the per-destination limits) or "hold" (queued once staff accept the
  /// request with any action but closing it as malicious), so that nobody can make the center
  /// message a stranger's phone.
  std::string portal_unknown_numbers = "send";
  /// SMS that citizens send in (the profile's [sms_intake]): the category and type of the
  /// requests they open (category empty: the first top-level category), and the words that stop
  /// and restart SMS to the sender's number (compared folded, whole message).
  std::string sms_category;
  std::string sms_type = "complaint";
  std::vector<std::string> sms_stop_words{"STOP"};
  std::vector<std::string> sms_start_words{"START"};
  /// What the center records about requesters beyond name and contact details (a caller's
  /// role...): the profile's [[requester_attributes]], kept as their TOML source.
  std::vector<d::RequesterAttribute> requester_attributes;
  std::string requester_attributes_source;

  /// To and from the store's key/value rows.
  std::map<std::string, std::string> ToKeyValues() const;
  static base::Result<CenterSettings> FromKeyValues(const std::map<std::string, std::string>& kv);
};

/// Parses one workflow file (TOML). Errors read "FILE:LINE: problem"; for a TOML syntax error
/// `column`, when given, gets the column too (else it is left alone).
base::Result<d::Workflow> ParseWorkflowToml(const std::string& file, const std::string& text,
                                            int* column = nullptr);

/// The built-in workflow used when a store has no profile: new → in progress → closed.
const std::string& BasicWorkflowToml();

/// What a running installation follows: its settings, workflows and templates. Immutable once
/// loaded; replaced whole (InstallationRef) when a profile is loaded.
class Installation {
 public:
  /// Reads settings, workflows and templates from the store and validates them.
  static base::Result<std::shared_ptr<const Installation>> Load(InstallationStore& store);
  static std::shared_ptr<const Installation> Make(CenterSettings settings,
                                                  std::map<std::string, d::Workflow> workflows,
                                                  std::vector<InstallationStore::TemplateText> templates,
                                                  SlaConfig sla = {});

  const CenterSettings& settings() const { return settings_; }
  const d::Workflow* FindWorkflow(const std::string& name) const;
  /// The workflow for a request: the nearest category (walking up `category_chain`, nearest
  /// first) that names one, else the type's, else the default, else the built-in one.
  const d::Workflow& WorkflowFor(const std::vector<d::Category>& category_chain,
                                 d::CaseType type) const;
  /// A template's text in `language`, else in the center's first language that has it; empty
  /// when the template has no such kind.
  std::string TemplateText(const std::string& name, const std::string& kind,
                           const std::string& language) const;
  const std::map<std::string, d::Workflow>& workflows() const { return workflows_; }
  /// Business calendars, SLA policies and the survey (app/sla_config.hpp).
  const SlaConfig& sla() const { return sla_; }

  /// The language to write to a requester in: theirs when the center speaks it, else the
  /// center's first.
  std::string LanguageFor(const d::Requester* requester) const;
  /// A message from template `name` to `to` over `channel` (sms | email), with `values` for its
  /// placeholders ({center_name} is filled here). No message, and why, when it cannot be sent.
  struct Composed {
    std::optional<d::OutboxMessage> message;
    std::string skipped;
  };
  Composed Compose(const std::string& name, const std::string& channel, const d::Requester* to,
                   std::map<std::string, std::string> values, base::Time now) const;

 private:
  CenterSettings settings_;
  std::map<std::string, d::Workflow> workflows_;
  std::map<std::string, std::string> templates_;  ///< "name|kind|lang" → text
  SlaConfig sla_;
};

/// The current installation, swapped whole when a profile is loaded; readers keep the one they
/// took for the length of a request.
class InstallationRef {
 public:
  explicit InstallationRef(std::shared_ptr<const Installation> inst) : inst_(std::move(inst)) {}
  std::shared_ptr<const Installation> Get() const {
    std::lock_guard lock(mu_);
    return inst_;
  }
  void Set(std::shared_ptr<const Installation> inst) {
    std::lock_guard lock(mu_);
    inst_ = std::move(inst);
  }

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const Installation> inst_;
};

}  // namespace tawasul::app
