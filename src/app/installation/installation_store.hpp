#pragma once
// The installation module's store port: settings, workflows and templates every node reads.

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

/// The installation (the profile it was made from).
class InstallationStore {
 public:
  virtual ~InstallationStore() = default;

  // The installation (the profile it was made from): settings, workflows and templates
  /// Key/value settings (country, time_zone, calendar, languages, ...); empty when none.
  virtual std::map<std::string, std::string> Installation() = 0;
  virtual Status SaveInstallation(const std::map<std::string, std::string>& settings) = 0;
  /// Workflow sources (TOML text) by name, with the file they came from for error messages.
  struct WorkflowSource {
    std::string name;
    std::string file;
    std::string source;
  };
  virtual Status SaveWorkflow(const WorkflowSource& w) = 0;  ///< insert or replace
  virtual std::vector<WorkflowSource> ListWorkflows() = 0;
  /// Requests not closed, counted by (workflow, state): what a workflow edit must not strand.
  virtual std::map<std::pair<std::string, std::string>, int> CountOpenCasesByState() = 0;
  /// Templates: name × kind (sms | email_subject | email_body) × language → text.
  struct TemplateText {
    std::string name;
    std::string kind;
    std::string language;
    std::string text;
  };
  virtual Status SaveTemplate(const TemplateText& t) = 0;  ///< insert or replace

  virtual std::vector<TemplateText> ListTemplates() = 0;
};

}  // namespace tawasul::app
