#pragma once
// A center for acceptance tests: one `tawasul serve` child process loaded with a profile
// (`tawasul demo --profile NAME`), on SQLite or on PostgreSQL, and the calls a scenario makes
// through the HTTP API as the profile's demo users (named after their roles).
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace tawasul::testing {

using Json = nlohmann::json;

/// The inboxes a workflow state can feed (`mine` lists by creator and is checked apart).
inline const std::vector<std::string>& WorkflowInboxes() {
  static const std::vector<std::string> kNames{"triage", "unit", "callbacks", "meetings"};
  return kNames;
}

/// What a successful workflow action answered.
struct ActionResult {
  HttpResponse http;
  Json body;    ///< {case, follow_up_id, queued}
  Json c;       ///< body["case"]
  Json queued;  ///< body["queued"]
};

class Center {
 public:
  static constexpr const char* kPassword = "acceptance-password";

  /// `store` is "sqlite" or "postgres". With "postgres" and no TAWASUL_TEST_PG, `skipped()`
  /// tells the caller to skip (TAWASUL_ALLOW_NO_PG set) and `error()` says why otherwise.
  Center(const std::string& profile, const std::string& store);
  ~Center();

  bool ready() const { return error_.empty() && !skipped_; }
  bool skipped() const { return skipped_; }
  const std::string& error() const { return error_; }
  const std::string& profile() const { return profile_; }
  const HttpClient& http() const { return *http_; }

  /// A bearer token for a demo user (logged in once, then cached).
  std::string Token(const std::string& user);
  /// A fresh session for `user`, not cached (e.g. to log it out).
  std::string FreshToken(const std::string& user);

  HttpResponse Get(const std::string& user, const std::string& path);
  /// GET that must answer `status`; returns the parsed body (null when not JSON).
  Json GetJson(const std::string& user, const std::string& path, long status = 200);
  /// The id of a unit, category or site (`kind` = "units", "categories", "sites") by code.
  std::int64_t IdOf(const std::string& kind, const std::string& code);
  /// The id of a category as the citizens' portal lists it (no login).
  std::int64_t PublicCategoryId(const std::string& code);
  /// The id of a demo user by username (read as admin).
  std::int64_t UserId(const std::string& username);

  /// POST /api/v1/cases as `user`; must answer 201. Remembers the ETag.
  Json CreateCase(const std::string& user, const Json& body);
  /// POST /api/v1/public/requests (no login); must answer 201. Returns the request's id, found
  /// by its tracking code through the dispatcher's list.
  std::int64_t SubmitPortal(const Json& body, std::string* tracking_code = nullptr);
  /// GET /api/v1/cases/{id} as `user`; must answer `status`. Remembers the ETag on 200.
  Json Case(const std::string& user, std::int64_t id, long status = 200);
  Json Timeline(const std::string& user, std::int64_t id);
  Json Extras(const std::string& user, std::int64_t id);
  /// Names of the actions GET /cases/{id}/actions lists for `user`.
  std::set<std::string> Actions(const std::string& user, std::int64_t id);

  /// POST /cases/{id}/actions/{action} with If-Match of the last ETag seen for the request.
  HttpResponse TryAct(const std::string& user, std::int64_t id, const std::string& action,
                      const Json& inputs = Json::object());
  /// TryAct that must answer 200; remembers the new ETag and returns the parsed answer.
  ActionResult Act(const std::string& user, std::int64_t id, const std::string& action,
                   const Json& inputs = Json::object());
  /// PATCH /cases/{id} with If-Match of the last ETag seen for the request.
  HttpResponse TryPatch(const std::string& user, std::int64_t id, const Json& body);
  /// TryPatch that must answer 200; remembers the new ETag.
  Json Patch(const std::string& user, std::int64_t id, const Json& body);

  /// Which of WorkflowInboxes() list request `id` for `user` (inboxes the role may not open
  /// are left out). Follows cursors.
  std::set<std::string> InboxesOf(const std::string& user, std::int64_t id);
  /// The ids an inbox lists for `user` (all pages); the raw bodies go to `bodies` if given.
  std::set<std::int64_t> InboxIds(const std::string& user, const std::string& inbox,
                                  std::vector<std::string>* bodies = nullptr);

  std::string etag(std::int64_t id) const;

 private:
  std::string profile_;
  std::string error_;
  bool skipped_ = false;
  std::unique_ptr<ScratchPgDatabase> pg_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> http_;
  std::map<std::string, std::string> tokens_;
  std::map<std::int64_t, std::string> etags_;
};

/// A gtest fixture base: `StartCenter(profile, store)` in SetUp.
class CenterTest : public ::testing::Test {
 protected:
  void StartCenter(const std::string& profile, const std::string& store);
  std::unique_ptr<Center> center_;
};

// ---- Expectations -------------------------------------------------------------------------

/// The one message in `queued` (an action's answer) or in extras' `messages` with this
/// template; fails (and returns null) unless there is exactly one.
Json OneMessage(const Json& messages, const std::string& template_name);
/// The messages hold exactly these templates, in this order, leaving aside the satisfaction
/// survey's invitation ("survey"), which a profile may send whenever a request closes and which
/// ExpectSurveyIfAny / ExpectNoSurvey check.
void ExpectTemplates(const Json& messages, const std::vector<std::string>& templates);
/// At most one survey invitation, and if there is one: an SMS to the requester naming the
/// tracking code, its link's token hidden from staff ("/s/…").
void ExpectSurveyIfAny(const Json& messages, const std::string& e164, const std::string& code);
/// No survey invitation (e.g. a request merged or closed as malicious).
void ExpectNoSurvey(const Json& messages);
/// An SMS as a requester gets it: template, E.164 recipient, language, and text fragments.
void ExpectSms(const Json& message, const std::string& template_name, const std::string& e164,
               const std::string& language, const std::vector<std::string>& fragments);
/// The state, coarse status and whether closed_at is set.
void ExpectState(const Json& c, const std::string& state, const std::string& status);
/// The timeline holds an "action" event for `action` whose note contains `note_fragment`.
void ExpectActionOnTimeline(const Json& timeline, const std::string& action,
                            const std::string& note_fragment = "");
/// 409 naming the actions allowed now.
void ExpectNotAllowed(const HttpResponse& r, const std::set<std::string>& allowed);
/// A problem+json with this status naming `field` (when not empty).
void ExpectProblem(const HttpResponse& r, long status, const std::string& field);

// ---- Calendars, computed independently of the server (and of ICU) --------------------------

struct CivilDay {
  int year, month, day;
};
/// Gregorian → Jalali (Solar Hijri) by the Borkowski/jalaali break-year algorithm.
CivilDay GregorianToJalali(int gy, int gm, int gd);
/// "YYYY-MM-DD" (Gregorian) as the Iranian centers print it: "yyyy/mm/dd" in Jalali.
std::string JalaliText(const std::string& iso_date);

}  // namespace tawasul::testing
