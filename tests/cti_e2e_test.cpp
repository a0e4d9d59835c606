// Calls from a telephone system end to end: a real `tawasul serve` (SQLite and PostgreSQL), the
// CTI endpoint posted to as a Zammad-style PBX script posts (form and JSON), the screen-pop over
// a real WebSocket, callback tasks, blocked callers and bad input. The PBX itself is this test:
// Kamailio and SIPp are not wired into the suite yet (see issue 12's notes).
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <string>

#include "support/demo_server_fixture.hpp"
#include "support/live_socket.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;


class CtiE2E : public DemoServerTest {
 protected:
  CtiE2E() : DemoServerTest({.password = "cti-password"}) {}

  /// A new telephone system; its token.
  std::string NewSource(const std::string& name) {
    json made = PostJson("/api/v1/admin/cti-sources", json{{"name", name}}, Token("admin"), 201);
    EXPECT_TRUE(made.contains("token")) << made.dump();
    return made.value("token", "");
  }

  HttpResponse Form(const std::string& token, const std::string& form) {
    return http_->Send("POST", "/api/v1/cti/" + token, form,
                       {{"Content-Type", "application/x-www-form-urlencoded"}});
  }
  HttpResponse Json(const std::string& token, const json& body) {
    return http_->Send("POST", "/api/v1/cti/" + token, body.dump(),
                       {{"Content-Type", "application/json"}});
  }

  std::int64_t CategoryId(const std::string& token, const std::string& code) {
    const json all = GetJson("/api/v1/categories", token);
    for (const auto& c : all.is_array() ? all : all.at("items")) {
      if (c.value("code", "") == code) return c.at("id").get<std::int64_t>();
    }
    ADD_FAILURE() << "no category " << code;
    return 0;
  }

  std::unique_ptr<LiveSocket> Open(const std::string& token) {
    auto s = std::make_unique<LiveSocket>(server_->port(),
                                          std::map<std::string, std::string>{
                                              {"Authorization", "Bearer " + token}});
    EXPECT_TRUE(s->open()) << s->error();
    return s;
  }
};

TEST_P(CtiE2E, TelephoneSystemsAreAdminsToManageAndTheirTokensAreChecked) {
  EXPECT_EQ(Send("GET", "/api/v1/admin/cti-sources", nullptr, Token("agent")).status, 403);
  EXPECT_EQ(Send("POST", "/api/v1/admin/cti-sources", json{{"name", "x"}}, Token("supervisor"))
                .status,
            403);
  const std::string token = NewSource("main PBX");
  EXPECT_EQ(Send("POST", "/api/v1/admin/cti-sources", json{{"name", "main PBX"}}, Token("admin"))
                .status,
            409)
      << "names are unique";
  const std::string ev = "event=newCall&from=0501112222&to=1933&direction=in&callId=c-1";
  EXPECT_EQ(Form("not-a-token", ev).status, 401);
  EXPECT_EQ(Form(token, ev).status, 200);

  json list = GetJson("/api/v1/admin/cti-sources", Token("admin"));
  ASSERT_EQ(list.at("items").size(), 1u);
  EXPECT_FALSE(list["items"][0].contains("token")) << "a token is shown only once";
  const std::int64_t id = list["items"][0].at("id").get<std::int64_t>();

  json rotated = PostJson("/api/v1/admin/cti-sources/" + std::to_string(id) + "/rotate",
                          json::object(), Token("admin"), 200);
  const std::string fresh = rotated.value("token", "");
  ASSERT_FALSE(fresh.empty());
  EXPECT_EQ(Form(token, ev).status, 401) << "the old token stops at once";
  EXPECT_EQ(Form(fresh, ev).status, 200);

  EXPECT_EQ(Send("DELETE", "/api/v1/admin/cti-sources/" + std::to_string(id), nullptr,
                 Token("admin"))
                .status,
            200);
  EXPECT_EQ(Form(fresh, ev).status, 401) << "revoked";
}

TEST_P(CtiE2E, AnAnsweredCallPopsUpOnTheAgentsConsoleAndKeepsItsTimes) {
  const std::string agent = Token("agent");
  // A known caller: a request registered earlier from 0501234567.
  json earlier = PostJson("/api/v1/cases",
                          json{{"type", "complaint"},
                               {"category_id", CategoryId(agent, "SPK-FAULT")},
                               {"channel", "phone"},
                               {"description", "مكبر الصوت لا يعمل"},
                               {"requester", {{"name", "عبدالله"}, {"phone", "0501234567"}}}},
                          agent, 201);
  const std::string pbx = NewSource("pbx");
  auto socket = Open(agent);
  ASSERT_TRUE(IsReady(socket->Until(IsReady)));

  // The PBX says the number without its trunk prefix, as many do.
  auto r = Form(pbx, "event=newCall&from=501234567&to=1933&direction=in&callId=call-7"
                     "&user%5B%5D=agent&user%5B%5D=nobody&queue=1933");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body), json::object());
  json ringing = socket->Until(CallMessage("ringing"));
  const std::int64_t contact = ringing.value("contact_id", 0);
  ASSERT_GT(contact, 0);

  json pop = GetJson("/api/v1/contacts/" + std::to_string(contact) + "/pop", agent);
  EXPECT_EQ(pop["contact"].value("from", ""), "+966501234567");
  EXPECT_EQ(pop["contact"].value("outcome", ""), "ringing");
  EXPECT_EQ(pop["contact"].value("queue", ""), "1933");
  ASSERT_EQ(pop["requesters"].size(), 1u) << pop.dump();
  EXPECT_EQ(pop["requesters"][0].value("name", ""), "عبدالله");
  ASSERT_EQ(pop["open_requests"].size(), 1u);
  EXPECT_EQ(pop["open_requests"][0].value("id", 0), earlier.value("id", 0));
  EXPECT_EQ(Send("GET", "/api/v1/contacts/" + std::to_string(contact) + "/pop", nullptr,
                 Token("analyst"))
                .status,
            403)
      << "analysts see no callers";

  r = Json(pbx, json{{"event", "answer"}, {"callId", "call-7"}, {"answeringNumber", "agent"},
                     {"user", json::array({"agent"})}, {"direction", "in"},
                     {"from", "501234567"}, {"to", "1933"}});
  ASSERT_EQ(r.status, 200) << r.body;
  socket->Until(CallMessage("answered"));

  // The agent registers a request during the call and links it.
  json during = PostJson("/api/v1/cases",
                         json{{"type", "complaint"},
                              {"category_id", CategoryId(agent, "SPK-FAULT")},
                              {"channel", "phone"},
                              {"description", "الإضاءة معطلة"},
                              {"contact_id", contact},
                              {"requester", {{"name", "عبدالله"}, {"phone", "0501234567"}}}},
                         agent, 201);
  // And looks up the earlier one.
  EXPECT_EQ(Send("POST", "/api/v1/contacts/" + std::to_string(contact) + "/links",
                 json{{"case_id", earlier.at("id")}, {"link", "looked_up"}}, agent)
                .status,
            204);
  EXPECT_EQ(Send("PATCH", "/api/v1/contacts/" + std::to_string(contact), json{{"end", true}},
                 agent)
                .status,
            409)
      << "the PBX ends its calls";

  r = Form(pbx, "event=hangup&callId=call-7&cause=normalClearing&direction=in"
                "&from=501234567&to=1933");
  ASSERT_EQ(r.status, 200) << r.body;
  socket->Until(CallMessage("ended"));
  pop = GetJson("/api/v1/contacts/" + std::to_string(contact) + "/pop", agent);
  const json& call = pop["contact"];
  EXPECT_EQ(call.value("outcome", ""), "case_created") << "what came of it outlives the hangup";
  EXPECT_EQ(call.value("cause", ""), "normalClearing");
  EXPECT_FALSE(call["answered_at"].is_null());
  EXPECT_FALSE(call["ended_at"].is_null());
  EXPECT_TRUE(call["wait_seconds"].is_number_integer());
  EXPECT_TRUE(call["talk_seconds"].is_number_integer());
  EXPECT_EQ(call.value("case_id", 0), during.value("id", 0));
  ASSERT_EQ(pop["links"].size(), 2u);
  EXPECT_EQ(pop["links"][0].value("link", ""), "registered");
  EXPECT_EQ(pop["links"][1].value("link", ""), "looked_up");
  EXPECT_TRUE(GetJson("/api/v1/callbacks", agent).at("items").empty()) << "answered: no callback";
}

TEST_P(CtiE2E, MissedCallsBecomeOneCallbackTaskPerNumberPerDay) {
  const std::string pbx = NewSource("pbx");
  const std::string agent = Token("agent");
  for (const char* id : {"m-1", "m-2"}) {
    ASSERT_EQ(Form(pbx, std::string("event=newCall&from=0559876543&to=1933&direction=in&callId=") +
                            id)
                  .status,
              200);
  }
  ASSERT_EQ(Form(pbx, "event=hangup&callId=m-1&cause=cancel").status, 200);
  ASSERT_EQ(Form(pbx, "event=hangup&callId=m-2&cause=noAnswer").status, 200);
  ASSERT_EQ(Form(pbx, "event=hangup&callId=m-2&cause=noAnswer").status, 200) << "a repeat";
  // An anonymous caller cannot be called back.
  ASSERT_EQ(Form(pbx, "event=newCall&from=anonymous&to=1933&direction=in&callId=a-1").status, 200);
  ASSERT_EQ(Form(pbx, "event=hangup&callId=a-1&cause=cancel").status, 200);

  json tasks = GetJson("/api/v1/callbacks?status=open", agent).at("items");
  ASSERT_EQ(tasks.size(), 1u) << tasks.dump();
  const std::string missed = "/api/v1/contacts/" + std::to_string(tasks[0].value("first_contact_id", 0));
  auto refused = Send("PATCH", missed, json{{"outcome", "guidance"}}, agent);
  EXPECT_EQ(refused.status, 409) << "nobody answered: it stays abandoned";
  EXPECT_EQ(GetJson(missed + "/pop", agent)["contact"].value("outcome", ""), "abandoned");
  EXPECT_EQ(tasks[0].value("number", ""), "+966559876543");
  EXPECT_EQ(tasks[0].value("missed", 0), 2);
  const std::string path = "/api/v1/callbacks/" + std::to_string(tasks[0].value("id", 0)) +
                           "/attempts";
  EXPECT_EQ(Send("GET", "/api/v1/callbacks", nullptr, Token("unit_staff")).status, 403);
  EXPECT_EQ(Send("POST", path, json{{"outcome", "ringing"}}, agent).status, 422);
  json after = PostJson(path, json{{"outcome", "no_answer"}}, agent, 200);
  EXPECT_EQ(after.value("status", ""), "open");
  EXPECT_EQ(after.value("attempts", 0), 1);
  after = PostJson(path, json{{"outcome", "answered"}, {"note", "أُبلغ بالموعد"}}, agent, 200);
  EXPECT_EQ(after.value("status", ""), "done");
  EXPECT_EQ(Send("POST", path, json{{"outcome", "answered"}}, agent).status, 409);
  EXPECT_TRUE(GetJson("/api/v1/callbacks?status=open", agent).at("items").empty());
  EXPECT_EQ(Send("GET", "/api/v1/callbacks?status=later", nullptr, agent).status, 400);

  // The same number missed again the same day reopens its task rather than adding one.
  ASSERT_EQ(Form(pbx, "event=hangup&callId=m-3&direction=in&from=0559876543&cause=busy").status,
            200);
  tasks = GetJson("/api/v1/callbacks", agent).at("items");
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].value("status", ""), "open");
  EXPECT_EQ(tasks[0].value("missed", 0), 3);
}

TEST_P(CtiE2E, BlockedCallersAreRejectedAndCounted) {
  const std::string pbx = NewSource("pbx");
  const std::string admin = Token("admin");
  EXPECT_EQ(Send("PUT", "/api/v1/admin/blocked-numbers/0501112233",
                 json{{"reason", "بلاغات كيدية متكررة"}}, Token("agent"))
                .status,
            403);
  auto b = Send("PUT", "/api/v1/admin/blocked-numbers/0501112233",
                json{{"reason", "بلاغات كيدية متكررة"}}, admin);
  ASSERT_EQ(b.status, 200) << b.body;
  EXPECT_EQ(json::parse(b.body).value("number", ""), "+966501112233");
  EXPECT_EQ(Send("PUT", "/api/v1/admin/blocked-numbers/0501112244",
                 json{{"reason", "x"}, {"expires_at", "2001-01-01T00:00:00Z"}}, admin)
                .status,
            422);

  auto r = Form(pbx, "event=newCall&from=%2B966501112233&to=1933&direction=in&callId=b-1");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body), (json{{"action", "reject"}, {"reason", "busy"}}));
  r = Form(pbx, "event=newCall&from=0501112299&to=1933&direction=in&callId=b-2");
  EXPECT_EQ(json::parse(r.body), json::object()) << "others ring as usual";
  ASSERT_EQ(Form(pbx, "event=hangup&callId=b-1&cause=normalClearing").status, 200);
  json list = GetJson("/api/v1/admin/blocked-numbers", admin).at("items");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].value("rejected", 0), 1);
  EXPECT_TRUE(GetJson("/api/v1/callbacks", Token("agent")).at("items").empty())
      << "a rejected caller is no missed call";

  EXPECT_EQ(Send("DELETE", "/api/v1/admin/blocked-numbers/%2B966501112233", nullptr, admin).status,
            204);
  r = Form(pbx, "event=newCall&from=0501112233&to=1933&direction=in&callId=b-3");
  EXPECT_EQ(json::parse(r.body), json::object());
}

TEST_P(CtiE2E, OutboundCallsAreToldWhichCallerIdToShow) {
  const std::string admin = Token("admin");
  json made = PostJson("/api/v1/admin/cti-sources", json{{"name", "trunk"}}, admin, 201);
  const std::string pbx = made.value("token", "");
  const std::string path = "/api/v1/admin/cti-sources/" + std::to_string(made.value("id", 0)) +
                           "/caller-ids";
  EXPECT_TRUE(made.at("caller_ids").empty());
  // Before any routing, an outbound call is answered with nothing to change.
  auto r = Form(pbx, "event=newCall&direction=out&from=201&to=0501234567&callId=o-0&user%5B%5D=agent");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body), json::object());

  EXPECT_EQ(Send("PUT", path, json{{"items", json::array()}}, Token("agent")).status, 403);
  auto bad = Send("PUT", path,
                  json{{"items", json::array({json{{"prefix", "+9665"}, {"caller_id", "1933"}},
                                              json{{"prefix", "05x"}, {"caller_id", "1"}}})}},
                  admin);
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find("items[1].prefix"), std::string::npos) << bad.body;
  bad = Send("PUT", path,
             json{{"items", json::array({json{{"prefix", "+9665"}, {"caller_id", "1933"}},
                                         json{{"prefix", "+9665"}, {"caller_id", "1934"}}})}},
             admin);
  EXPECT_EQ(bad.status, 422) << "a prefix appears once";
  EXPECT_EQ(Send("PUT", path, json{{"items", json::array({json{{"prefix", "+9665"}, {"to", "1"}}})}},
                 admin)
                .status,
            400);
  EXPECT_TRUE(GetJson("/api/v1/admin/cti-sources", admin)["items"][0].at("caller_ids").empty())
      << "a refused table changes nothing";

  auto put = Send("PUT", path,
                  json{{"items", json::array({json{{"prefix", ""}, {"caller_id", "1933"}},
                                              json{{"prefix", "+9665"}, {"caller_id", "+966112345678"}},
                                              json{{"prefix", "+968"}, {"caller_id", "+96824000000"}}})}},
                  admin);
  ASSERT_EQ(put.status, 200) << put.body;
  json rules = json::parse(put.body).at("caller_ids");
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[0].value("prefix", ""), "+9665") << "longest prefix first";

  // A mobile said in its local form: its E.164 starts with +9665.
  r = Form(pbx, "event=newCall&direction=out&from=201&to=0501234567&callId=o-1&user%5B%5D=agent");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body), (json{{"action", "dial"}, {"caller_id", "+966112345678"},
                                       {"number", "+966501234567"}}));
  r = Form(pbx, "event=newCall&direction=out&from=201&to=%2B96824123456&callId=o-2");
  EXPECT_EQ(json::parse(r.body).value("caller_id", ""), "+96824000000");
  r = Form(pbx, "event=newCall&direction=out&from=201&to=0112345678&callId=o-3");
  EXPECT_EQ(json::parse(r.body).value("caller_id", ""), "1933") << "the default";
  r = Form(pbx, "event=newCall&direction=in&from=0501234567&to=1933&callId=i-1");
  EXPECT_EQ(json::parse(r.body), json::object()) << "inbound calls are not dialled";
  r = Form(pbx, "event=answer&direction=out&callId=o-1&answeringNumber=agent");
  EXPECT_EQ(json::parse(r.body), json::object()) << "only the newCall is answered with a dial";

  // The outbound call was recorded as a contact of the agent who dialled.
  const json calls = GetJson("/api/v1/contacts?number=0501234567", Token("agent"));
  bool found = false;
  for (const auto& c : calls.at("items")) {
    if (c.value("direction", "") == "outbound" && c.value("call_id", "") == "o-1") found = true;
  }
  EXPECT_TRUE(found) << calls.dump();
}

TEST_P(CtiE2E, BadEventsGetAClearProblemAndNothingIsHalfWritten) {
  const std::string pbx = NewSource("pbx");
  auto problem_field = [](const HttpResponse& r) {
    return json::parse(r.body).value("detail", "");
  };
  auto r = Form(pbx, "event=ring&callId=x-1");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(problem_field(r).find("event"), std::string::npos) << r.body;
  r = Form(pbx, "event=newCall&from=0501234567");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(problem_field(r).find("callId"), std::string::npos) << r.body;
  r = Form(pbx, "event=newCall&callId=x-2&from=" + std::string(10 * 1024, '5'));
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(problem_field(r).find("from"), std::string::npos) << r.body;
  r = Form(pbx, "event=newCall&callId=%FF%FE");
  EXPECT_EQ(r.status, 422) << "invalid UTF-8";
  r = Form(pbx, "event=newCall&callId=x-3&direction=sideways");
  EXPECT_EQ(r.status, 422);
  r = Form(pbx, "event=hangup&callId=x-3&cause=hungUp");
  EXPECT_EQ(r.status, 422);
  r = Json(pbx, json{{"event", "newCall"}, {"callId", json::object()}});
  EXPECT_EQ(r.status, 400);
  r = http_->Send("POST", "/api/v1/cti/" + pbx, "{\"event\":\"newCall\"}",
                  {{"Content-Type", "text/plain"}});
  EXPECT_EQ(r.status, 415);
  r = http_->Send("POST", "/api/v1/cti/" + pbx, "{not json", {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(GetJson("/api/v1/callbacks", Token("agent")).at("items").empty())
      << "no refused event wrote a call";

  // Out of order: the hangup before its newCall still makes the call (and its callback).
  EXPECT_EQ(Form(pbx, "event=hangup&callId=o-1&direction=in&from=0501230000&cause=noAnswer")
                .status,
            200);
  EXPECT_EQ(Form(pbx, "event=newCall&callId=o-1&direction=in&from=0501230000").status, 200);
  EXPECT_EQ(Form(pbx, "event=answer&callId=o-1&answeringNumber=agent").status, 200);
  json tasks = GetJson("/api/v1/callbacks", Token("agent")).at("items");
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].value("missed", 0), 1) << "the late events changed nothing";
  // A numeric callId in JSON, as some PBXs send it.
  EXPECT_EQ(Json(pbx, json{{"event", "newCall"}, {"callId", 12345}, {"direction", "out"},
                           {"from", "201"}, {"to", "0501234567"}, {"user", "agent"}})
                .status,
            200);
}

TEST_P(CtiE2E, ACallerIsFoundHoweverTheNumberIsSaid) {
  const std::string agent = Token("agent");
  PostJson("/api/v1/cases",
           json{{"type", "inquiry"},
                {"category_id", CategoryId(agent, "SPK-FAULT")},
                {"channel", "phone"},
                {"description", "استفسار"},
                {"requester", {{"name", "سارة"}, {"phone", "0507654321"}}}},
           agent, 201);
  for (const char* said : {"0507654321", "507654321", "+966507654321", "00966507654321",
                           "7654321", "٠٥٠٧٦٥٤٣٢١"}) {
    json found = GetJson(std::string("/api/v1/requesters?phone=") + said, agent);
    ASSERT_EQ(found.at("items").size(), 1u) << said;
    EXPECT_EQ(found["items"][0].value("phone", ""), "+966507654321") << said;
  }
  EXPECT_TRUE(GetJson("/api/v1/requesters?phone=7654329", agent).at("items").empty());
}

TEST_P(CtiE2E, AnAgentIsNamedByTheirExtensionAndAnExtensionNamesOneAgent) {
  const std::string admin = Token("admin");
  std::int64_t agent_id = 0, dispatcher_id = 0;
  const json users = GetJson("/api/v1/users", admin);
  for (const auto& u : users.at("items")) {
    if (u.value("username", "") == "agent") agent_id = u.at("id").get<std::int64_t>();
    if (u.value("username", "") == "dispatcher") dispatcher_id = u.at("id").get<std::int64_t>();
  }
  ASSERT_GT(agent_id, 0);
  ASSERT_GT(dispatcher_id, 0);
  auto patched = Send("PATCH", "/api/v1/users/" + std::to_string(agent_id),
                      json{{"extension", "201"}}, admin);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(json::parse(patched.body).value("extension", ""), "201");
  EXPECT_EQ(Send("PATCH", "/api/v1/users/" + std::to_string(dispatcher_id),
                 json{{"extension", "201"}}, admin)
                .status,
            409)
      << "one extension, one agent";
  auto bad = Send("PATCH", "/api/v1/users/" + std::to_string(dispatcher_id),
                  json{{"extension", "20a"}}, admin);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("extension"), std::string::npos) << bad.body;
  EXPECT_EQ(Send("PATCH", "/api/v1/auth/me", json{{"extension", "202"}}, Token("agent")).status, 400)
      << "agents do not pick their own extension";

  const std::string pbx = NewSource("pbx");
  auto socket = Open(Token("agent"));
  ASSERT_TRUE(IsReady(socket->Until(IsReady)));
  ASSERT_EQ(Form(pbx, "event=newCall&from=0501112222&to=1933&direction=in&callId=x-1").status,
            200);
  const std::int64_t contact = socket->Until(CallMessage("ringing")).value("contact_id", 0);
  ASSERT_GT(contact, 0);
  ASSERT_EQ(Form(pbx, "event=answer&callId=x-1&answeringNumber=201").status, 200);
  socket->Until(CallMessage("answered"));
  json pop = GetJson("/api/v1/contacts/" + std::to_string(contact) + "/pop", Token("agent"));
  EXPECT_EQ(pop["contact"].value("agent_id", 0), agent_id) << pop.dump();
}

TEST_P(CtiE2E, TheContactReportAndTheWallboardCountWhatTheLinesDid) {
  // Only what this test does: from this instant (the demo data is older).
  const std::string since = [] {
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            now.time_since_epoch()).count() % 1000000;
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buf[48];
    const std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(buf + n, sizeof buf - n, ".%06lldZ", static_cast<long long>(micros));
    return std::string(buf);
  }();
  const std::string pbx = NewSource("pbx");
  const std::string agent = Token("agent");
  auto call = [&](const std::string& id, const std::string& number) {
    ASSERT_EQ(Form(pbx, "event=newCall&direction=in&to=1933&queue=1933&callId=" + id +
                            "&from=" + number)
                  .status,
              200);
  };
  call("r-a", "0501000001");
  ASSERT_EQ(Form(pbx, "event=answer&callId=r-a&answeringNumber=agent").status, 200);
  ASSERT_EQ(Form(pbx, "event=hangup&callId=r-a&cause=normalClearing").status, 200);
  call("r-b", "0501000002");
  ASSERT_EQ(Form(pbx, "event=hangup&callId=r-b&cause=cancel").status, 200);
  call("r-c", "0501000003");
  ASSERT_EQ(Form(pbx, "event=hangup&callId=r-c&cause=noAnswer").status, 200);
  call("r-d", "0501000004");  // still ringing
  // A request registered by hand (its call logged with it) and a guidance-only call.
  PostJson("/api/v1/cases",
           json{{"type", "complaint"}, {"category_id", CategoryId(agent, "SPK-FAULT")},
                {"channel", "phone"}, {"description", "عطل"},
                {"requester", {{"name", "سالم"}, {"phone", "0501000005"}}}},
           agent, 201);
  PostJson("/api/v1/contacts", json{{"channel", "phone"}, {"outcome", "guidance"},
                                    {"phone", "0501000006"}},
           agent, 201);

  json board = GetJson("/api/v1/wallboard", Token("supervisor"));
  EXPECT_EQ(board.value("calls_waiting", -1), 1) << board.dump();
  EXPECT_GE(board.value("longest_wait_seconds", -1), 0);
  EXPECT_GE(board["today"].value("abandoned", 0), 1);
  EXPECT_EQ(board.value("agents_on_calls", -1), 0) << "the one answered call has ended";

  const std::string analyst = Token("analyst");
  json report = GetJson("/api/v1/reports/contacts?from=" + since, analyst);
  const json& t = report["total"];
  EXPECT_EQ(t.value("offered", 0), 6) << report.dump();
  EXPECT_EQ(t.value("answered", 0), 3);
  EXPECT_EQ(t.value("answered_within", 0), 1);
  EXPECT_EQ(t.value("abandoned", 0), 1);
  EXPECT_EQ(t.value("missed", 0), 1);
  EXPECT_EQ(t.value("guidance", 0), 1);
  EXPECT_EQ(t.value("registered", 0), 1);
  EXPECT_DOUBLE_EQ(t.value("service_level", 0.0), 1.0 / 3.0) << "answered in time of A, B, C";
  EXPECT_DOUBLE_EQ(t.value("abandon_rate", 0.0), 1.0 / 6.0);
  EXPECT_DOUBLE_EQ(t.value("first_contact_resolution", 0.0), 0.5);
  EXPECT_EQ(t["wait"].value("count", 0), 1);
  EXPECT_EQ(t["handle"].value("count", 0), 1);
  EXPECT_EQ(report.value("service_level_seconds", 0), 20);
  EXPECT_TRUE(report["rows"].empty());

  json by_queue = GetJson("/api/v1/reports/contacts?by=queue&from=" + since, analyst);
  ASSERT_EQ(by_queue["rows"].size(), 2u) << by_queue.dump();
  EXPECT_EQ(by_queue["rows"][0].value("key", ""), "1933");
  EXPECT_EQ(by_queue["rows"][0]["figures"].value("offered", 0), 4);
  json by_hour = GetJson("/api/v1/reports/contacts?by=hour&from=" + since, analyst);
  EXPECT_EQ(by_hour["rows"].size(), 24u);
  std::int64_t sum = 0;
  for (const auto& r : by_hour["rows"]) sum += r["figures"].value("offered", 0);
  EXPECT_EQ(sum, 6);
  json by_day = GetJson("/api/v1/reports/contacts?by=day&calendar=jalali&from=" + since, analyst);
  ASSERT_FALSE(by_day["rows"].empty());

  // The call still ringing is answered: one agent is on a call until it ends.
  ASSERT_EQ(Form(pbx, "event=answer&callId=r-d&answeringNumber=agent").status, 200);
  board = GetJson("/api/v1/wallboard", Token("supervisor"));
  EXPECT_EQ(board.value("agents_on_calls", -1), 1) << board.dump();
  EXPECT_EQ(board.value("calls_waiting", -1), 0);
  ASSERT_EQ(Form(pbx, "event=hangup&callId=r-d&cause=normalClearing").status, 200);
  EXPECT_EQ(GetJson("/api/v1/wallboard", Token("supervisor")).value("agents_on_calls", -1), 0);
  EXPECT_EQ(by_day["rows"][0]["key"].get<std::string>().substr(0, 2), "14") << "a Jalali day";

  auto csv = Send("GET", "/api/v1/reports/contacts?by=agent&format=csv&from=" + since, nullptr,
                  analyst);
  EXPECT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("\ntotal,"), std::string::npos) << csv.body;

  EXPECT_EQ(Send("GET", "/api/v1/reports/contacts", nullptr, agent).status, 403);
  for (const char* bad : {"by=year", "service_level_seconds=0", "unit=1"}) {
    auto r = Send("GET", std::string("/api/v1/reports/contacts?") + bad, nullptr, analyst);
    EXPECT_EQ(r.status / 100, 4) << bad;
    EXPECT_NE(r.status, 403) << bad;
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, CtiE2E, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tawasul::testing
