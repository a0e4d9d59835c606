// Workflows edited in place and the survey's settings, over HTTP: real `tawasul serve` processes
// (moia-1933 demo) on SQLite and PostgreSQL; a second node on the same store shows that a
// workflow edit reaches every node.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "support/demo_server_fixture.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;

/// A small workflow of our own: new → closed.
const char* const kQuick = R"(name = "wf_quick"
label = { ar = "مسار سريع", fa = "مسیر سریع", en = "Quick path" }
initial = "new"

[states.new]
status = "new"
label = { ar = "جديد", fa = "جدید", en = "New" }
inbox = "triage"

[states.closed]
status = "closed"
label = { ar = "مغلق", fa = "بسته", en = "Closed" }
final = true

[[actions]]
name = "close"
label = { ar = "إغلاق", fa = "بستن", en = "Close" }
from = ["new"]
to = "closed"
roles = ["dispatcher", "supervisor"]
)";

/// The same with "new" renamed "start": drops the state "new".
std::string QuickWithoutNew() {
  std::string s = kQuick;
  for (std::size_t at; (at = s.find("\"new\"")) != std::string::npos;) s.replace(at, 5, "\"start\"");
  s.replace(s.find("[states.new]"), 12, "[states.start]");
  s.replace(s.find("status = \"start\""), 16, "status = \"new\"");
  return s;
}

void ReplaceOnce(std::string& s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  s.replace(at, from.size(), to);
}

/// The 1-based line of the first line that starts with `prefix`; 0 when none does.
int LineStarting(const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.rfind(prefix, 0) == 0) return n;
  }
  return 0;
}

class AdminWorkflowsHttp : public DemoServerTest {
 protected:
  AdminWorkflowsHttp() : DemoServerTest({.password = "admin-workflows-password", .profile = "moia-1933"}) {}

  void SetUp() override {
    DemoServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    admin_ = Login("admin");
  }

  void TearDown() override {
    second_.reset();
    DemoServerTest::TearDown();
  }

  static json Problem(const HttpResponse& r) {
    EXPECT_EQ(r.header("content-type"), "application/problem+json") << r.body;
    return json::parse(r.body, nullptr, false);
  }

  /// The workflow `code` as GET /api/v1/admin/workflows lists it (null when absent).
  json Workflow(const std::string& code) {
    auto r = Send("GET", "/api/v1/admin/workflows", nullptr, admin_);
    EXPECT_EQ(r.status, 200) << r.body;
    const json list = json::parse(r.body);
    for (const auto& w : list.at("items")) {
      if (w.at("code") == code) return w;
    }
    return json();
  }

  HttpResponse PutWorkflow(const std::string& code, const std::string& source,
                           const std::string& token) {
    return Send("PUT", "/api/v1/admin/workflows/" + code, json{{"source", source}}, token);
  }

  std::int64_t CategoryId(const std::string& code) {
    const json list = GetJson("/api/v1/categories", Token("agent"));
    for (const auto& c : list.at("items")) {
      if (c.at("code") == code) return c.at("id").get<std::int64_t>();
    }
    ADD_FAILURE() << "no category " << code;
    return 0;
  }

  /// A new complaint in category `code`, registered by the agent.
  json NewCase(const std::string& category) {
    return PostJson("/api/v1/cases",
                    json{{"type", "complaint"},
                         {"category_id", CategoryId(category)},
                         {"channel", "phone"},
                         {"description", "مكبر الصوت لا يعمل في المسجد"},
                         {"requester", {{"name", "عبدالله"}, {"phone", "0501234567"}}}},
                    Token("agent"), 201);
  }

  /// The actions `user` is offered on request `id`, by name.
  std::map<std::string, json> Actions(std::int64_t id, const std::string& token,
                                      const HttpClient* via = nullptr) {
    auto r = Send("GET", "/api/v1/cases/" + std::to_string(id) + "/actions", nullptr, token, via);
    EXPECT_EQ(r.status, 200) << r.body;
    std::map<std::string, json> out;
    if (r.status != 200) return out;
    const json list = json::parse(r.body);
    for (const auto& a : list.at("items")) out[a.at("name")] = a;
    return out;
  }

  std::unique_ptr<ServerProcess> second_;
  std::string admin_;
};

TEST_P(AdminWorkflowsHttp, ListsEachWorkflowWithItsSourceCategoriesAndOpenRequests) {
  const json created = NewCase("SPK-FAULT");
  const std::string code = created.at("workflow");
  const json w = Workflow(code);
  ASSERT_TRUE(w.is_object()) << code;
  EXPECT_NE(w.at("source").get<std::string>().find("name = \"" + code + "\""), std::string::npos);
  EXPECT_GE(w.at("open_by_state").value(created.at("state").get<std::string>(), 0), 1);
  bool listed = false;
  for (const auto& s : w.at("states")) listed |= s.at("name") == created.at("state");
  EXPECT_TRUE(listed);
  // The built-in workflow is there too, with its TOML.
  const json basic = Workflow("basic");
  ASSERT_TRUE(basic.is_object());
  EXPECT_NE(basic.at("source").get<std::string>().find("[states.new]"), std::string::npos);
  // inquiry is named by a moia-1933 category.
  const json inquiry = Workflow("inquiry");
  ASSERT_TRUE(inquiry.is_object());
  EXPECT_GE(inquiry.at("categories").get<int>(), 1);
}

TEST_P(AdminWorkflowsHttp, OnlyAdministratorsMayReadOrChangeWorkflows) {
  const std::string before = Workflow("report_followup").at("source");
  for (const char* user : {"agent", "dispatcher", "supervisor"}) {
    const std::string token = Token(user);
    EXPECT_EQ(Send("GET", "/api/v1/admin/workflows", nullptr, token).status, 403) << user;
    EXPECT_EQ(PutWorkflow("report_followup", before + "\n# edited\n", token).status, 403) << user;
    EXPECT_EQ(PutWorkflow("wf_quick", kQuick, token).status, 403) << user;
  }
  EXPECT_EQ(Workflow("report_followup").at("source"), before);
  EXPECT_TRUE(Workflow("wf_quick").is_null());
}

TEST_P(AdminWorkflowsHttp, AReplacedWorkflowTakesEffectOnEveryNode) {
  second_ = StartNode(false);
  HttpClient other(second_->base_url());
  const std::string dispatcher = Login(other, "dispatcher");
  const json created = NewCase("SPK-FAULT");
  const std::int64_t id = created.at("id").get<std::int64_t>();
  const std::string code = created.at("workflow");
  ASSERT_EQ(code, "report_followup");
  ASSERT_EQ(created.at("state"), "new");
  ASSERT_FALSE(Actions(id, Token("dispatcher")).count("ask_details"));

  // A renamed action and a new one.
  std::string source = Workflow(code).at("source");
  ReplaceOnce(source, "en = \"Register and send for follow-up\"", "en = \"Send to the follow-up desk\"");
  source += R"(
[[actions]]
name = "ask_details"
label = { ar = "طلب تفاصيل إضافية", fa = "درخواست جزئیات بیشتر", en = "Ask for more details" }
from = ["new"]
to = "on_hold"
roles = ["dispatcher", "supervisor"]
)";
  auto put = PutWorkflow(code, source, admin_);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(json::parse(put.body).at("source"), source);
  EXPECT_EQ(Workflow(code).at("source"), source);

  // This node at once.
  auto here = Actions(id, Token("dispatcher"));
  ASSERT_TRUE(here.count("ask_details"));
  EXPECT_EQ(here["ask_details"]["label"]["en"], "Ask for more details");
  EXPECT_EQ(here["dispatch"]["label"]["en"], "Send to the follow-up desk");
  // The other node once it sees the store's new revision (it polls every 2 s).
  bool seen = false;
  for (int i = 0; i < 100 && !seen; ++i) {
    seen = Actions(id, dispatcher, &other).count("ask_details") > 0;
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_TRUE(seen) << "the second node never reloaded its workflows";
  // The new action works like any other.
  auto take = other.Send("POST", "/api/v1/cases/" + std::to_string(id) + "/actions/ask_details",
                         "{}",
                         {{"Authorization", "Bearer " + dispatcher},
                          {"Content-Type", "application/json"},
                          {"If-Match", "*"}});
  ASSERT_EQ(take.status, 200) << take.body;
  EXPECT_EQ(json::parse(take.body).at("case").at("state"), "on_hold");
}

TEST_P(AdminWorkflowsHttp, ABadDefinitionIs422WithItsLineAndChangesNothing) {
  const std::string code = "report_followup";
  const std::string before = Workflow(code).at("source");

  // A TOML syntax error: an unterminated string on the `initial` line.
  std::string broken = before;
  const int initial_line = LineStarting(before, "initial = ");
  ASSERT_GT(initial_line, 0);
  ReplaceOnce(broken, "initial = \"new\"", "initial = \"new");
  auto r = PutWorkflow(code, broken, admin_);
  ASSERT_EQ(r.status, 422) << r.body;
  json p = Problem(r);
  EXPECT_EQ(p.value("field", ""), "source");
  EXPECT_EQ(p.value("line", 0), initial_line) << r.body;
  EXPECT_GT(p.value("column", 0), 1) << r.body;  // the parser knows where on the line
  EXPECT_FALSE(p.value("detail", "").empty());

  // A workflow rule: an unknown role, reported on its action's line.
  std::string bad_role = before;
  ReplaceOnce(bad_role, "roles = [\"agent\", \"dispatcher\", \"supervisor\"]",
              "roles = [\"agent\", \"janitor\"]");
  r = PutWorkflow(code, bad_role, admin_);
  ASSERT_EQ(r.status, 422) << r.body;
  p = Problem(r);
  EXPECT_EQ(p.value("field", ""), "source");
  EXPECT_NE(p.value("detail", "").find("janitor"), std::string::npos) << r.body;
  EXPECT_EQ(p.value("line", 0), LineStarting(before, "[[actions]]")) << r.body;
  EXPECT_FALSE(p.contains("column")) << r.body;

  // An action to a state that does not exist.
  std::string bad_target = before;
  ReplaceOnce(bad_target, "to = \"dispatched\"", "to = \"nowhere\"");
  r = PutWorkflow(code, bad_target, admin_);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_GT(Problem(r).value("line", 0), 1) << r.body;

  // The name must be the code.
  r = PutWorkflow("wf_other", kQuick, admin_);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(Problem(r).value("line", 0), 1) << r.body;

  // Malformed bodies and codes.
  EXPECT_EQ(Send("PUT", "/api/v1/admin/workflows/" + code, json{{"source", 5}}, admin_).status, 400);
  EXPECT_EQ(Send("PUT", "/api/v1/admin/workflows/" + code, json{{"text", before}}, admin_).status,
            400);
  EXPECT_EQ(PutWorkflow("Bad-Code", kQuick, admin_).status, 422);

  EXPECT_EQ(Workflow(code).at("source"), before);
  EXPECT_TRUE(Workflow("wf_other").is_null());
}

TEST_P(AdminWorkflowsHttp, ANewWorkflowIsAssignedToACategoryAndCannotStrandItsRequests) {
  // Unknown codes cannot be assigned yet.
  const std::int64_t category = CategoryId("SPK-FAULT");
  const std::string path = "/api/v1/categories/" + std::to_string(category);
  EXPECT_EQ(Send("PATCH", path, json{{"workflow", "wf_quick"}}, admin_).status, 422);

  auto put = PutWorkflow("wf_quick", kQuick, admin_);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(json::parse(put.body).at("categories"), 0);
  auto patch = Send("PATCH", path, json{{"workflow", "wf_quick"}}, admin_);
  ASSERT_EQ(patch.status, 200) << patch.body;
  EXPECT_EQ(Workflow("wf_quick").at("categories"), 1);

  const json created = NewCase("SPK-FAULT");
  EXPECT_EQ(created.at("workflow"), "wf_quick");
  EXPECT_EQ(created.at("state"), "new");
  const std::int64_t id = created.at("id").get<std::int64_t>();
  EXPECT_TRUE(Actions(id, Token("dispatcher")).count("close"));

  // Dropping "new", where that request is, is refused and writes nothing.
  auto r = PutWorkflow("wf_quick", QuickWithoutNew(), admin_);
  ASSERT_EQ(r.status, 409) << r.body;
  const json p = Problem(r);
  ASSERT_TRUE(p.contains("states")) << r.body;
  ASSERT_EQ(p["states"].size(), 1u) << r.body;
  EXPECT_EQ(p["states"][0]["state"], "new");
  EXPECT_GE(p["states"][0]["open"].get<int>(), 1);
  EXPECT_EQ(Workflow("wf_quick").at("source"), kQuick);
  EXPECT_EQ(Actions(id, Token("dispatcher")).count("close"), 1u);

  // Once the request is closed, the state may go.
  auto close = http_->Send("POST", "/api/v1/cases/" + std::to_string(id) + "/actions/close", "{}",
                           {{"Authorization", "Bearer " + Token("dispatcher")},
                            {"Content-Type", "application/json"},
                            {"If-Match", "*"}});
  ASSERT_EQ(close.status, 200) << close.body;
  r = PutWorkflow("wf_quick", QuickWithoutNew(), admin_);
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_P(AdminWorkflowsHttp, SurveySettingsAreEditedCheckedAndOnlyByAdministrators) {
  auto survey = [&] {
    return json::parse(Send("GET", "/api/v1/admin/sla", nullptr, admin_).body).at("survey");
  };
  ASSERT_TRUE(survey().at("enabled").get<bool>());
  const json body{{"enabled", true},
                  {"link_base", "https://survey.example.sa"},
                  {"valid_days", 10},
                  {"low_rating", 3}};
  EXPECT_EQ(Send("PUT", "/api/v1/admin/survey", body, Token("supervisor")).status, 403);

  // Checked as the profile's [survey]: 422 naming the member; malformed: 400.
  const std::vector<std::pair<json, std::string>> invalid = {
      {{{"enabled", true}, {"link_base", "ftp://x"}}, "link_base"},
      {{{"enabled", true}, {"link_base", "https://a.example"}, {"valid_days", 0}}, "valid_days"},
      {{{"enabled", true}, {"link_base", "https://a.example"}, {"low_rating", 5}}, "low_rating"},
  };
  for (const auto& [b, field] : invalid) {
    auto r = Send("PUT", "/api/v1/admin/survey", b, admin_);
    EXPECT_EQ(r.status, 422) << b.dump() << ": " << r.body;
    EXPECT_EQ(Problem(r).value("field", ""), field) << b.dump();
  }
  const std::vector<std::pair<json, std::string>> malformed = {
      {{{"enabled", "yes"}}, "enabled"},
      {{{"enabled", true}, {"link_base", "https://a.example"}, {"valid_days", "ten"}}, "valid_days"},
      {{{"enabled", true}, {"link_base", "https://a.example"}, {"colour", 1}}, "colour"},
      {{{"link_base", "https://a.example"}}, "enabled"},
  };
  for (const auto& [b, field] : malformed) {
    auto r = Send("PUT", "/api/v1/admin/survey", b, admin_);
    EXPECT_EQ(r.status, 400) << b.dump() << ": " << r.body;
    EXPECT_EQ(Problem(r).value("field", ""), field) << b.dump();
  }
  EXPECT_EQ(survey().at("link_base"), "https://1933.tawasul.example");

  auto r = Send("PUT", "/api/v1/admin/survey", body, admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(survey(), body);
  r = Send("PUT", "/api/v1/admin/survey", json{{"enabled", false}}, admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(survey().at("enabled").get<bool>());
  r = Send("PUT", "/api/v1/admin/survey", body, admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(survey(), body);
}

INSTANTIATE_TEST_SUITE_P(Stores, AdminWorkflowsHttp, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
