// Live updates and the wallboard end to end: a real `tawasul serve` on a loopback port (SQLite and
// PostgreSQL), WebSocket clients on Beast, changes made over REST. Nothing here waits for a
// duration: a socket's "ready" says the feed reads for it, and every expectation is a message
// that must arrive (a receive timeout only keeps a broken server from hanging the test).
#include <gtest/gtest.h>
#include <sys/socket.h>

// clang-format off
#include <utility>  // first, before Asio: a Boost 1.74 header misses it under g++ 12
// clang-format on
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <fstream>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/time.hpp"
#include "support/demo_server_fixture.hpp"
#include "support/live_socket.hpp"

namespace tawasul::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using nlohmann::json;

auto CaseMessage(std::int64_t id) {
  return [id](const json& m) { return m.value("type", "") == "case" && m.value("id", 0) == id; };
}

/// The status line of a raw upgrade request's answer, e.g. "HTTP/1.1 401 Unauthorized".
std::string UpgradeStatus(int port, const std::string& extra_headers) {
  const std::string req =
      "GET /api/v1/ws HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
      "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
      extra_headers + "\r\n";
  const std::string answer = RawExchange(port, req, 10000);
  return answer.substr(0, answer.find("\r\n"));
}

class LiveE2E : public DemoServerTest {
 protected:
  LiveE2E() : DemoServerTest({.password = "live-password"}) {}

  std::int64_t IdOf(const std::string& path, const std::string& token, const std::string& code) {
    json j = GetJson(path, token);
    const json& items = j.is_array() ? j : j.at("items");
    for (const auto& it : items) {
      if (it.value("code", "") == code) return it.at("id").get<std::int64_t>();
    }
    ADD_FAILURE() << "nothing with code " << code << " in " << path;
    return 0;
  }

  /// Registers a request as the agent; returns {id, etag}.
  std::pair<std::int64_t, std::string> CreateCase(const std::string& agent) {
    json body{{"type", "complaint"},
              {"category_id", IdOf("/api/v1/categories", agent, "SPK-FAULT")},
              {"channel", "phone"},
              {"description", "مكبر الصوت لا يعمل"},
              {"requester", {{"name", "عبدالله"}, {"phone", "0501234567"}}},
              {"priority", "high"}};
    auto r = http_->PostJson("/api/v1/cases", body.dump(), agent);
    EXPECT_EQ(r.status, 201) << r.body;
    return {json::parse(r.body).at("id").get<std::int64_t>(), r.header("etag")};
  }

  HttpResponse Act(const std::string& token, std::int64_t id, const std::string& action,
                   const json& inputs, const std::string& etag) {
    return http_->Send("POST", "/api/v1/cases/" + std::to_string(id) + "/actions/" + action,
                       json{{"inputs", inputs}}.dump(),
                       {{"Authorization", "Bearer " + token},
                        {"Content-Type", "application/json"},
                        {"If-Match", etag}});
  }

  std::unique_ptr<LiveSocket> Open(const std::string& token) {
    auto s = std::make_unique<LiveSocket>(server_->port(),
                                          std::map<std::string, std::string>{
                                              {"Authorization", "Bearer " + token}});
    EXPECT_TRUE(s->open()) << s->error();
    return s;
  }

};

TEST_P(LiveE2E, SupervisorHearsEveryChangeUnitStaffOnlyTheirUnits) {
  const std::string agent = Login("agent");
  const std::string dispatcher = Login("dispatcher");
  const std::string supervisor = Login("supervisor");
  const std::string staff = Login("unit_staff");
  const json me = GetJson("/api/v1/auth/me", staff);
  ASSERT_TRUE(me.at("unit_id").is_number()) << me.dump();
  const std::int64_t staff_unit = me.at("unit_id").get<std::int64_t>();

  auto boss = Open(supervisor);
  auto unit = Open(staff);
  ASSERT_TRUE(IsReady(boss->Until(IsReady)));
  ASSERT_TRUE(IsReady(unit->Until(IsReady)));

  // Two requests; only `referred` goes to the unit, after `other` was registered.
  const auto [other, other_etag] = CreateCase(agent);
  const auto [referred, etag] = CreateCase(agent);
  auto dispatched = Act(dispatcher, referred, "dispatch", json::object(), etag);
  ASSERT_EQ(dispatched.status, 200) << dispatched.body;
  auto r = Act(dispatcher, referred, "refer", {{"unit_id", staff_unit}},
               dispatched.header("etag"));
  ASSERT_EQ(r.status, 200) << r.body;

  // The supervisor hears of both, with their status and unit and nothing else.
  json about_other = boss->Until(CaseMessage(other));
  EXPECT_EQ(about_other.value("status", ""), "new");
  std::set<std::string> keys;
  for (const auto& [k, v] : about_other.items()) keys.insert(k);
  EXPECT_EQ(keys, (std::set<std::string>{"type", "id", "event", "status", "unit_id"}));
  json last;
  do {
    last = boss->Until(CaseMessage(referred));
  } while (!last.is_null() && last.value("status", "") != "referred");
  EXPECT_EQ(last.value("unit_id", 0), staff_unit);

  // The unit hears of the referral, and (before it, in id order) nothing of the other request.
  std::vector<json> before;
  json heard = unit->Until(
      [&](const json& m) { return CaseMessage(referred)(m) && m.value("status", "") == "referred"; },
      &before);
  EXPECT_EQ(heard.value("unit_id", 0), staff_unit);
  for (const json& m : before) {
    EXPECT_EQ(m.value("id", 0), referred) << "unit staff heard of another request: " << m.dump();
    EXPECT_EQ(m.value("type", ""), "case") << m.dump();
  }

  // A contact: the supervisor is told its channel; unit staff are not told of contacts at all,
  // so their next message is the next change of their unit's request.
  auto contact = http_->PostJson(
      "/api/v1/contacts",
      json{{"channel", "walk_in"}, {"direction", "inbound"}, {"outcome", "guidance"}}.dump(),
      agent);
  ASSERT_EQ(contact.status, 201) << contact.body;
  // (The requests registered above by phone were contacts too: their messages come first.)
  json heard_contact = boss->Until([](const json& m) {
    return m.value("type", "") == "contact" && m.value("channel", "") == "walk_in";
  });
  EXPECT_EQ(heard_contact, (json{{"type", "contact"}, {"channel", "walk_in"}}));
  auto other_again = Act(dispatcher, other, "dispatch", json::object(), other_etag);
  ASSERT_EQ(other_again.status, 200) << other_again.body;
  auto tagged = http_->Send("POST", "/api/v1/cases/" + std::to_string(referred) + "/tags/live",
                            "", {{"Authorization", "Bearer " + supervisor}});
  ASSERT_LT(tagged.status, 300) << tagged.body;
  before.clear();
  unit->Until([&](const json& m) { return CaseMessage(referred)(m) && m.value("event", "") == "tag"; },
              &before);
  for (const json& m : before) {
    EXPECT_EQ(m.value("id", 0), referred) << "unit staff heard of something else: " << m.dump();
  }

  boss->Close();
  unit->Close();
}

TEST_P(LiveE2E, UpgradesAreAuthenticatedAndCookiesNeedTheSameOrigin) {
  const int port = server_->port();
  EXPECT_EQ(UpgradeStatus(port, "").substr(9, 3), "401");
  EXPECT_EQ(UpgradeStatus(port, "Authorization: Bearer not-a-token\r\n").substr(9, 3), "401");
  // Without an upgrade the route answers 426 (after authentication, like every route).
  EXPECT_EQ(http_->Get("/api/v1/ws").status, 401);
  const std::string agent = Login("agent");
  auto plain = http_->Get("/api/v1/ws", agent);
  EXPECT_EQ(plain.status, 426);
  EXPECT_EQ(plain.header("upgrade"), "websocket");

  auto login = LoginResponse("supervisor");
  ASSERT_EQ(login.status, 200);
  ASSERT_FALSE(login.set_cookies.empty());
  const std::string cookie = login.set_cookies.front().substr(0, login.set_cookies.front().find(';'));
  const std::string self = "http://127.0.0.1:" + std::to_string(port);
  EXPECT_EQ(UpgradeStatus(port, "Cookie: " + cookie + "\r\nOrigin: https://evil.example\r\n")
                .substr(9, 3),
            "403");
  EXPECT_EQ(UpgradeStatus(port, "Cookie: " + cookie + "\r\n").substr(9, 3), "403");
  LiveSocket by_cookie(port, {{"Cookie", cookie}, {"Origin", self}});
  ASSERT_TRUE(by_cookie.open()) << by_cookie.error();
  EXPECT_TRUE(IsReady(by_cookie.Until(IsReady)));
  by_cookie.Close();
}

// A client that stops reading is cut off once kLiveQueueLimit messages wait for it (after the
// kernel buffers, small for live sockets, fill up), and the server goes on serving the others.
TEST_P(LiveE2E, AClientThatStopsReadingIsCutOff) {
  const std::string agent = Login("agent");
  const std::string supervisor = Login("supervisor");
  LiveSocket slow(server_->port(), {{"Authorization", "Bearer " + supervisor}}, 2048);
  ASSERT_TRUE(slow.open()) << slow.error();
  ASSERT_TRUE(IsReady(slow.Until(IsReady)));
  auto cut_off = [&] {
    std::ifstream log(server_->log_path());
    std::stringstream text;
    text << log.rdbuf();
    return text.str().find("cut off: it fell") != std::string::npos;
  };
  // Requests, one message each (contacts make one per channel per read), in batches paced by a
  // client that reads: each batch is delivered before the next is made, so no read holds more
  // than max_messages_per_read (which would become one "resync").
  auto fast = Open(supervisor);
  ASSERT_TRUE(IsReady(fast->Until(IsReady)));
  json body{{"type", "complaint"},
            {"category_id", IdOf("/api/v1/categories", agent, "SPK-FAULT")},
            {"channel", "phone"},
            {"description", "مكبر الصوت لا يعمل"},
            {"priority", "low"}};
  int registered = 0;
  while (!cut_off()) {
    ASSERT_LT(registered, 6000) << "the slow client was never cut off";
    std::int64_t last = 0;
    for (int i = 0; i < 30; ++i) {
      auto r = http_->PostJson("/api/v1/cases", body.dump(), agent);
      ASSERT_EQ(r.status, 201) << r.body;
      last = json::parse(r.body).at("id").get<std::int64_t>();
    }
    registered += 30;
    ASSERT_FALSE(fast->Until(CaseMessage(last)).is_null());
  }
  // What reached the client's buffer may still be read; then the socket ends without a close.
  int drained = 0;
  while (!slow.Next().is_null()) ++drained;
  EXPECT_FALSE(slow.ClosedCleanly());
  EXPECT_LT(drained, registered);
  RecordProperty("requests_registered", registered);
  RecordProperty("messages_drained", drained);
  // The server goes on: a new socket hears the next contact.
  auto fresh = Open(supervisor);
  ASSERT_TRUE(IsReady(fresh->Until(IsReady)));
  ASSERT_EQ(http_->PostJson("/api/v1/contacts",
                            json{{"channel", "fax"}, {"direction", "inbound"},
                                 {"outcome", "guidance"}}.dump(),
                            agent)
                .status,
            201);
  EXPECT_EQ(fresh->Until([](const json& m) { return m.value("type", "") == "contact"; })["channel"],
            "fax");
}

TEST_P(LiveE2E, SocketsAreClosedOnShutdown) {
  auto s = Open(Login("supervisor"));
  ASSERT_TRUE(IsReady(s->Until(IsReady)));
  // The client reads meanwhile, so it answers the server's close frame.
  auto next = std::async(std::launch::async, [&] { return s->Next(); });
  EXPECT_EQ(server_->Stop(), 0);
  EXPECT_TRUE(next.get().is_null()) << "the server closed the socket";
  EXPECT_TRUE(s->ClosedCleanly()) << "with a close frame, not a cut";
  EXPECT_EQ(s->CloseCode(), 1001) << "going away";
}

TEST_P(LiveE2E, WallboardCountsTheOpenBacklogAndToday) {
  const std::string agent = Login("agent");
  const std::string supervisor = Login("supervisor");
  for (const char* user : {"agent", "unit_staff", "analyst"}) {
    EXPECT_EQ(http_->Get("/api/v1/wallboard", Login(user)).status, 403) << user;
  }
  EXPECT_EQ(http_->Get("/api/v1/wallboard").status, 401);
  for (const char* user : {"dispatcher", "head", "admin"}) {
    EXPECT_EQ(http_->Get("/api/v1/wallboard", Login(user)).status, 200) << user;
  }

  const json before = GetJson("/api/v1/wallboard", supervisor);
  CreateCase(agent);
  CreateCase(agent);
  ASSERT_EQ(http_->PostJson("/api/v1/contacts",
                            json{{"channel", "phone"}, {"direction", "inbound"},
                                 {"outcome", "guidance"}}.dump(),
                            agent)
                .status,
            201);
  const json w = GetJson("/api/v1/wallboard", supervisor);
  EXPECT_EQ(w.at("today").at("requests").get<int>(),
            before.at("today").at("requests").get<int>() + 2);
  // Two phone requests registered by an agent are two calls, and the guidance one a third.
  EXPECT_EQ(w.at("today").at("contacts").get<int>(),
            before.at("today").at("contacts").get<int>() + 3);
  ASSERT_TRUE(w.at("generated_at").is_string());

  // Recount the open requests from the list the REST API gives the same supervisor.
  std::map<std::string, int> by_status, by_unit;
  int due_soon = 0, breached = 0, open = 0, first_due_soon = 0, first_breached = 0;
  std::string cursor;
  for (;;) {
    json page = GetJson("/api/v1/cases?limit=200" + (cursor.empty() ? "" : "&cursor=" + cursor),
                        supervisor);
    for (const json& c : page.at("items")) {
      if (c.at("status") == "closed") continue;
      ++open;
      ++by_status[c.at("status").get<std::string>()];
      ++by_unit[c.at("unit_id").is_null() ? "none" : std::to_string(c.at("unit_id").get<int>())];
      const json& sla = c.value("sla", json());
      const auto soon = *base::ParseRfc3339(w.at("generated_at").get<std::string>()) +
                        std::chrono::hours(4);
      if (sla.is_object() && sla.contains("first_response") &&
          sla.at("first_response").at("run") != "stopped") {
        const json& fr = sla.at("first_response");
        if (fr.at("state") == "breached") {
          ++first_breached;
        } else if (fr.at("run") == "running" &&
                   *base::ParseRfc3339(fr.at("due").get<std::string>()) <= soon) {
          ++first_due_soon;
        }
      }
      if (!sla.is_object() || !sla.contains("resolution")) continue;
      const json& res = sla.at("resolution");
      if (res.at("state") == "breached") {
        ++breached;
      } else if (res.at("run") == "running" &&
                 *base::ParseRfc3339(res.at("due").get<std::string>()) <=
                     *base::ParseRfc3339(w.at("generated_at").get<std::string>()) +
                         std::chrono::hours(4)) {
        ++due_soon;
      }
    }
    if (!page.contains("next_cursor") || page.at("next_cursor").is_null()) break;
    cursor = page.at("next_cursor").get<std::string>();
  }
  ASSERT_GE(open, 2);
  const std::vector<std::string> statuses{"new", "dispatched", "referred",
                                          "answered", "callback", "on_hold"};
  ASSERT_EQ(w.at("open_by_status").size(), statuses.size());
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    const json& row = w.at("open_by_status")[i];
    EXPECT_EQ(row.at("key"), statuses[i]);
    EXPECT_EQ(row.at("count").get<int>(), by_status[statuses[i]]) << statuses[i];
    EXPECT_FALSE(row.at("label").get<std::string>().empty());
  }
  EXPECT_EQ(w.at("open_by_status")[0].at("label"), "جديد") << "the supervisor reads Arabic";
  std::map<std::string, int> wall_units;
  for (const json& row : w.at("open_by_unit")) {
    wall_units[row.at("key").get<std::string>()] = row.at("count").get<int>();
    EXPECT_FALSE(row.at("label").get<std::string>().empty()) << row.dump();
  }
  EXPECT_EQ(wall_units, by_unit);
  EXPECT_EQ(w.at("breached").get<int>(), breached);
  EXPECT_EQ(w.at("due_soon").get<int>(), due_soon);
  EXPECT_EQ(w.at("first_response").at("breached").get<int>(), first_breached);
  EXPECT_EQ(w.at("first_response").at("due_soon").get<int>(), first_due_soon);
  EXPECT_GT(first_breached + first_due_soon, 0) << "the demo's new requests await a first answer";
}

INSTANTIATE_TEST_SUITE_P(Stores, LiveE2E, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
