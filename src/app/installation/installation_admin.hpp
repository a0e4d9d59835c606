#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/installation/installation.hpp"
#include "app/auth/principal.hpp"
#include "app/installation/installation_admin_store.hpp"
#include "base/periodic_worker.hpp"
#include "base/result.hpp"

namespace tawasul::app {

/// The installation key changed with every administrative edit of the installation, so each
/// node's InstallationWatcher knows to reload.
inline constexpr const char* kInstallationRevisionKey = "revision";

/// One notification template as administrators edit it: kind (sms | email_subject |
/// email_body) → language (ar | fa | en) → text.
struct TemplateView {
  std::string name;
  std::map<std::string, std::map<std::string, std::string>> texts;
};

/// A one-off holiday for a business calendar: `from`..`to` ("MM-DD", inclusive) of `year` in
/// `calendar` (gregorian | hijri | jalali), written like a profile's holiday.
struct HolidayInput {
  std::string name;
  std::string calendar = "gregorian";
  int year = 0;
  bool every_year = false;  ///< a recurring holiday: `year` unused
  std::string from;
  std::string to;  ///< empty: the same day as `from`
};

/// New targets for an SLA policy, as a profile's [[sla]] writes them. Unset members keep the
/// stored value; `clear_*` removes a target (a policy keeps at least one).
struct SlaTargetsInput {
  std::optional<std::string> first_response;  ///< a duration, e.g. "4h", "2d"
  std::optional<std::string> resolution;
  bool clear_first_response = false;
  bool clear_resolution = false;
  std::optional<std::string> first_response_calendar;
  std::optional<std::string> resolution_calendar;
  std::optional<double> warning_share;
};

/// An installed workflow as administrators edit it: its TOML, how many categories name it and
/// how many open requests are in each of its states.
struct WorkflowView {
  std::string code;
  std::string source;
  const d::Workflow* workflow = nullptr;  ///< owned by `installation`
  std::shared_ptr<const Installation> installation;
  int categories = 0;
  std::map<std::string, int> open_by_state;
};

/// Why PutWorkflow refused: the error (Invalid on field "source", Conflict when states that
/// hold open requests would go), the source line it is about (0: none) and, for a Conflict,
/// the removed states with their open requests.
struct WorkflowRejection {
  int line = 0;
  int column = 0;  ///< set for TOML syntax errors
  std::map<std::string, int> occupied;
};

/// The survey's settings as a profile's [survey] writes them; disabled removes the table.
struct SurveyInput {
  bool enabled = false;
  std::string link_base;
  int valid_days = 14;
  int low_rating = 2;
};

/// A calendar as administrators see it: the installation's, and whether the service-level
/// tables declare it (an undeclared contact_center is round the clock).
struct CalendarView {
  std::string name;
  bool declared = false;
  const d::BusinessCalendar* calendar = nullptr;  ///< owned by `installation`
  std::shared_ptr<const Installation> installation;
};

/// What an administrator changes in the installation itself (the profile's templates and the
/// business calendars' holidays) after it was loaded. Each change is written to the store with
/// a new revision; this node reloads at once and every other node when its InstallationWatcher
/// sees the revision. Every call needs the admin role.
class InstallationAdmin {
 public:
  InstallationAdmin(InstallationAdminStore& store, InstallationRef& installation);

  /// Every installed workflow (the built-in "basic" too), by code.
  Result<std::vector<WorkflowView>> Workflows(const Principal& who);
  /// Creates or replaces workflow `code` from its TOML, parsed by ParseWorkflowToml like a
  /// profile's file (its `name` must be `code`). Conflict, and nothing written, when the new
  /// definition drops states that open requests of this workflow are in; `why` says which.
  Result<WorkflowView> PutWorkflow(const Principal& who, const std::string& code,
                                   const std::string& source, WorkflowRejection& why);

  Result<std::vector<TemplateView>> Templates(const Principal& who);
  /// Replaces the given texts of template `name` (new names allowed: a-z, 0-9, _); an empty text
  /// removes that language. Errors name the text, e.g. "sms.fa": an unknown placeholder.
  Result<TemplateView> PutTemplate(const Principal& who, const std::string& name,
                                   const TemplateView& texts);

  /// The installation whose sla() (policies, calendars, survey) the caller reads.
  Result<std::shared_ptr<const Installation>> ServiceLevels(const Principal& who);
  /// Replaces the targets of SLA policy `name`, checked by ParseSlaConfig like the profile's;
  /// errors name the member (e.g. "resolution"). Clocks already started keep their due times.
  Status PutSlaPolicy(const Principal& who, const std::string& name, const SlaTargetsInput& in);
  /// Replaces the [survey] table (or removes it when disabled), checked by ParseSlaConfig;
  /// errors name the member (link_base, valid_days, low_rating, enabled).
  Status PutSurvey(const Principal& who, const SurveyInput& in);
  Result<std::vector<CalendarView>> Calendars(const Principal& who);
  /// Adds a holiday, one-off or every year; Conflict when the calendar already has one of that
  /// name and year (or that name every year).
  Result<CalendarView> AddHoliday(const Principal& who, const std::string& calendar,
                                  const HolidayInput& holiday);
  /// Removes the holiday `name` of `year` (0: the one every year); NotFound when there is none.
  Result<CalendarView> RemoveHoliday(const Principal& who, const std::string& calendar,
                                     const std::string& name, int year);

 private:
  /// Writes the service-level tables (TOML) after checking them, with a new revision, and
  /// reloads this node's installation.
  /// Saves the service levels' TOML and records the change (`action` on `key`) in the audit trail.
  Status SaveServiceLevels(const Principal& who, const char* action, const std::string& key,
                           const std::string& toml_text);
  Status BumpRevisionAndReload();
  Result<CalendarView> ViewOf(const std::string& calendar);

  InstallationAdminStore& store_;
  InstallationRef& installation_;
};

/// Reloads a node's installation when the store's revision changes (another node's admin
/// edit). Poll() is one check; Start() polls on a thread every `interval` until Stop().
class InstallationWatcher {
 public:
  InstallationWatcher(InstallationStore& store, InstallationRef& installation,
                      std::chrono::milliseconds interval,
                      std::function<void(const std::string&)> log_error = {});
  ~InstallationWatcher();
  InstallationWatcher(const InstallationWatcher&) = delete;
  InstallationWatcher& operator=(const InstallationWatcher&) = delete;

  /// True when the revision changed and the installation was reloaded.
  bool Poll();
  void Start();
  void Stop();

 private:
  InstallationStore& store_;
  InstallationRef& installation_;
  std::chrono::milliseconds interval_;
  std::function<void(const std::string&)> log_error_;
  std::string seen_;
  base::PeriodicWorker loop_;  ///< last: stopped before the members its rounds use go
};

}  // namespace tawasul::app
