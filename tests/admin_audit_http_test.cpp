// The audit trail of administrative changes (issue 10), on SQLite and PostgreSQL: an admin's
// change of a user's role, a category, a template and a workflow are each on the trail with who
// and the old and new values; other roles may not read it; `tawasul audit verify` passes on the
// untouched chain and names the first broken entry after an offline edit of the database.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <string>

#include "support/demo_server_fixture.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;

class AdminAuditHttp : public DemoServerTest {
 protected:
  AdminAuditHttp() : DemoServerTest({.password = "audit-password", .profile = "moia-1933", .env = {}}) {}

  /// Runs one SQL statement on the server's store behind its back, as someone with the database
  /// file or a database login would.
  void EditOffline(const std::string& sql) {
    const std::string& url = store_url();
    if (url.rfind("sqlite:", 0) == 0) {
      sqlite3* db = nullptr;
      ASSERT_EQ(sqlite3_open(url.substr(7).c_str(), &db), SQLITE_OK);
      char* error = nullptr;
      const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
      const std::string message = error != nullptr ? error : "";
      sqlite3_free(error);
      sqlite3_close(db);
      ASSERT_EQ(rc, SQLITE_OK) << message;
    } else {
      PGconn* conn = PQconnectdb(url.c_str());
      ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
      PGresult* r = PQexec(conn, sql.c_str());
      const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
      const std::string message = PQerrorMessage(conn);
      PQclear(r);
      PQfinish(conn);
      ASSERT_TRUE(ok) << message;
    }
  }

  std::pair<int, std::string> Verify() {
    std::string out;
    const int rc = server_->RunCommand({"audit", "verify"}, "", &out);
    return {rc, out};
  }

  json Trail() { return GetJson("/api/v1/admin/audit?limit=500", Token("admin")).at("items"); }

  /// The newest entry about `entity` `key`.
  static json Newest(const json& items, const std::string& entity, const std::string& key = "") {
    for (const auto& e : items) {
      if (e.value("entity", "") == entity && (key.empty() || e.value("key", "") == key)) return e;
    }
    return nullptr;
  }
};

TEST_P(AdminAuditHttp, AdministrativeChangesAreOnATamperEvidentTrail) {
  const std::string admin = Token("admin");
  const auto admin_id = GetJson("/api/v1/auth/me", admin).at("id").get<std::int64_t>();
  // A user's role.
  const json users = GetJson("/api/v1/users", admin);
  std::int64_t agent_id = 0;
  for (const auto& u : users.at("items")) {
    if (u.value("username", "") == "agent") agent_id = u.at("id").get<std::int64_t>();
  }
  ASSERT_NE(agent_id, 0);
  auto r = Send("PATCH", "/api/v1/users/" + std::to_string(agent_id), {{"role", "dispatcher"}},
                admin);
  ASSERT_EQ(r.status, 200) << r.body;
  // A category, a template and a workflow.
  r = Send("POST", "/api/v1/categories",
           {{"code", "AUDIT-CAT"}, {"name", {{"ar", "فئة"}, {"fa", "دسته"}, {"en", "Audit"}}}}, admin);
  ASSERT_EQ(r.status, 201) << r.body;
  const auto category_id = json::parse(r.body).at("id").get<std::int64_t>();
  r = Send("PUT", "/api/v1/admin/templates/registered",
           {{"sms", {{"ar", "سجلنا طلبك {tracking_code}"}}}}, admin);
  ASSERT_EQ(r.status, 200) << r.body;
  const json workflows = GetJson("/api/v1/admin/workflows", admin);
  const json& first = workflows.at("items").at(0);
  const std::string code = first.at("code");
  const std::string source = first.at("source");
  r = Send("PUT", "/api/v1/admin/workflows/" + code, {{"source", source + "\n# audited\n"}}, admin);
  ASSERT_EQ(r.status, 200) << r.body;

  const json trail = Trail();
  const json role = Newest(trail, "user", std::to_string(agent_id));
  ASSERT_TRUE(role.is_object()) << trail.dump();
  EXPECT_EQ(role.at("action"), "update");
  EXPECT_EQ(role.at("actor_id"), admin_id);
  EXPECT_NE(role.at("old_value").get<std::string>().find("role=agent"), std::string::npos);
  EXPECT_NE(role.at("new_value").get<std::string>().find("role=dispatcher"), std::string::npos);
  const json category = Newest(trail, "category", std::to_string(category_id));
  ASSERT_TRUE(category.is_object());
  EXPECT_EQ(category.at("action"), "create");
  EXPECT_NE(category.at("new_value").get<std::string>().find("code=AUDIT-CAT"), std::string::npos);
  const json tmpl = Newest(trail, "template", "registered");
  ASSERT_TRUE(tmpl.is_object());
  EXPECT_NE(tmpl.at("new_value").get<std::string>().find("سجلنا طلبك"), std::string::npos);
  EXPECT_NE(tmpl.at("old_value"), tmpl.at("new_value"));
  const json wf = Newest(trail, "workflow", code);
  ASSERT_TRUE(wf.is_object());
  EXPECT_EQ(wf.at("old_value"), source);
  EXPECT_NE(wf.at("new_value").get<std::string>().find("# audited"), std::string::npos);

  // Only admins read it.
  for (const std::string user : {"supervisor", "analyst", "dispatcher"}) {
    EXPECT_EQ(Send("GET", "/api/v1/admin/audit", nullptr, Token(user)).status, 403) << user;
  }

  // The untouched chain verifies; an offline edit of one entry breaks it there.
  auto [ok_rc, ok_out] = Verify();
  EXPECT_EQ(ok_rc, 0) << ok_out;
  EXPECT_NE(ok_out.find("intact"), std::string::npos) << ok_out;
  const auto edited = role.at("id").get<std::int64_t>();
  EditOffline("UPDATE admin_audit SET new_value = replace(new_value, 'role=dispatcher', "
              "'role=agent') WHERE id = " + std::to_string(edited));
  auto [bad_rc, bad_out] = Verify();
  EXPECT_EQ(bad_rc, 1) << bad_out;
  EXPECT_NE(bad_out.find("broken at entry " + std::to_string(edited)), std::string::npos)
      << bad_out;
}

TEST_P(AdminAuditHttp, ADeletedOrRehashedEntryBreaksTheChainToo) {
  const std::string admin = Token("admin");
  for (const std::string c : {"AUDIT-A", "AUDIT-B", "AUDIT-C"}) {
    auto r = Send("POST", "/api/v1/categories",
                  {{"code", c}, {"name", {{"ar", c}, {"fa", c}, {"en", c}}}}, admin);
    ASSERT_EQ(r.status, 201) << r.body;
  }
  const json trail = Trail();
  ASSERT_GE(trail.size(), 3u);
  const auto newest = trail.at(0).at("id").get<std::int64_t>();
  // Deleting an entry in the middle: the next one names the gap.
  EditOffline("DELETE FROM admin_audit WHERE id = " + std::to_string(newest - 1));
  auto [rc, out] = Verify();
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("broken at entry " + std::to_string(newest)), std::string::npos) << out;
}

INSTANTIATE_TEST_SUITE_P(Stores, AdminAuditHttp, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
