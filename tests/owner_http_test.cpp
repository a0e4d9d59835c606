// Who works a request, over HTTP on a real `tawasul serve` (muscat-1111, SQLite and PostgreSQL):
// claiming, letting go, assigning (cases.assign) and the refusals around them; the timeline's
// record of each change of hands; and the worklists' filters by owner ("mine", unclaimed, a
// colleague), by a category with those below it, and by channel.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <map>
#include <set>
#include <string>

#include "support/demo_server_fixture.hpp"

namespace tawasul::testing {
namespace {

using nlohmann::json;

class Owner : public DemoServerTest {
 protected:
  Owner() : DemoServerTest({.password = "owner-password", .profile = "muscat-1111", .env = {}}) {}

  std::int64_t Id(const std::string& user) {
    return GetJson("/api/v1/auth/me", Token(user)).at("id").get<std::int64_t>();
  }

  /// A child category and its parent, from the profile's tree.
  std::pair<std::int64_t, std::int64_t> ChildAndParent() {
    const json cats = GetJson("/api/v1/categories", Token("admin")).at("items");
    for (const auto& c : cats) {
      if (c.contains("parent_id") && c["parent_id"].is_number()) {
        return {c["id"].get<std::int64_t>(), c["parent_id"].get<std::int64_t>()};
      }
    }
    ADD_FAILURE() << "the profile has no category with a parent";
    return {0, 0};
  }

  std::int64_t NewCase(std::int64_t category, const std::string& channel = "phone") {
    json body{{"type", "complaint"},
              {"category_id", category},
              {"channel", channel},
              {"description", "تراكم النفايات أمام المنزل"},
              {"requester", {{"name", "خالد بن سعيد"}, {"phone", "92345678"}}}};
    return PostJson("/api/v1/cases", body, Token("agent"), 201).at("id").get<std::int64_t>();
  }

  HttpResponse SetOwner(std::int64_t id, const json& body, const std::string& user,
                        const std::string& if_match = "") {
    std::map<std::string, std::string> headers{
        {"Authorization", "Bearer " + Token(user)}, {"Content-Type", "application/json"}};
    if (!if_match.empty()) headers["If-Match"] = if_match;
    return http_->Send("PUT", "/api/v1/cases/" + std::to_string(id) + "/owner", body.dump(),
                       headers);
  }

  /// The ids an inbox shows `user` with `query` (e.g. "owner=me").
  std::set<std::int64_t> Inbox(const std::string& user, const std::string& inbox,
                               const std::string& query = "") {
    std::set<std::int64_t> out;
    const json page = GetJson("/api/v1/inbox/" + inbox + "?limit=200&" + query, Token(user));
    for (const auto& r : page.at("items")) out.insert(r.at("id").get<std::int64_t>());
    return out;
  }

  static std::string Field(const HttpResponse& r) {
    const json b = json::parse(r.body, nullptr, false);
    return b.is_object() ? b.value("field", "") : "";
  }
};

TEST_P(Owner, ClaimLetGoAndAssignWithTheirRefusals) {
  const auto [child, parent] = ChildAndParent();
  const std::int64_t id = NewCase(child);
  const std::int64_t agent = Id("agent"), dispatcher = Id("dispatcher");

  // Registered by the agent and taken by no one: "mine" for the agent, unclaimed for everyone.
  EXPECT_TRUE(Inbox("agent", "mine").count(id));
  EXPECT_TRUE(GetJson("/api/v1/cases/" + std::to_string(id), Token("agent")).at("owner_id").is_null());

  auto r = SetOwner(id, {{"user_id", agent}}, "agent");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body).at("owner_id"), agent);
  EXPECT_FALSE(r.header("etag").empty());

  // The dispatcher (cases.assign) takes it over; the agent cannot take it back, nor let it go.
  ASSERT_EQ(SetOwner(id, {{"user_id", dispatcher}}, "dispatcher").status, 200);
  r = SetOwner(id, {{"user_id", agent}}, "agent");
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(Field(r), "user_id");
  EXPECT_EQ(SetOwner(id, {{"user_id", nullptr}}, "agent").status, 403);
  EXPECT_FALSE(Inbox("agent", "mine").count(id)) << "someone else owns it now";
  EXPECT_TRUE(Inbox("dispatcher", "mine").count(id));

  // The new owner must be able to work it: unit staff only once it is their unit's; analysts never.
  EXPECT_EQ(Field(SetOwner(id, {{"user_id", Id("unit_staff")}}, "dispatcher")), "user_id");
  r = SetOwner(id, {{"user_id", Id("analyst")}}, "dispatcher");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(Field(r), "user_id");
  EXPECT_EQ(SetOwner(id, {{"user_id", 999999}}, "dispatcher").status, 422);
  // Unit staff do not learn that a request outside their unit exists.
  EXPECT_EQ(SetOwner(id, {{"user_id", Id("unit_staff")}}, "unit_staff").status, 404);

  // Bad bodies name the field; a stale version is 412; nothing changed meanwhile.
  for (const json& bad : {json::object(), json{{"user_id", "x"}}, json{{"user_id", -3}}}) {
    r = SetOwner(id, bad, "dispatcher");
    EXPECT_EQ(r.status, 400) << bad.dump() << " " << r.body;
    EXPECT_EQ(Field(r), "user_id") << bad.dump();
  }
  EXPECT_EQ(SetOwner(id, {{"user_id", agent}}, "dispatcher", "\"1\"").status, 412);
  EXPECT_EQ(GetJson("/api/v1/cases/" + std::to_string(id), Token("agent")).at("owner_id"), dispatcher);

  // The dispatcher lets it go; then the agent may claim it again.
  ASSERT_EQ(SetOwner(id, {{"user_id", nullptr}}, "dispatcher").status, 200);
  EXPECT_EQ(SetOwner(id, {{"user_id", agent}}, "agent").status, 200);

  // The timeline names the hands it passed through, by name, in order.
  const json events = GetJson("/api/v1/cases/" + std::to_string(id) + "/timeline", Token("supervisor")).at("items");
  std::vector<std::string> hands;
  for (const auto& e : events) {
    if (e.value("kind", "") == "changed" && e.value("field", "") == "owner_id") {
      hands.push_back(e.at("to_name").is_null() ? "-" : e.at("to_name").get<std::string>());
    }
  }
  const std::string a = "شيماء بنت سالم الحارثية", d = "سالم بن حمد الرواحي";
  EXPECT_EQ(hands, (std::vector<std::string>{a, d, "-", a}));
}

TEST_P(Owner, WorklistsFilterByOwnerCategoryAndChannel) {
  const auto [child, parent] = ChildAndParent();
  const std::int64_t mine = NewCase(child);
  const std::int64_t other = NewCase(child, "walk_in");
  ASSERT_EQ(SetOwner(mine, {{"user_id", Id("dispatcher")}}, "dispatcher").status, 200);
  // Find the worklist the new requests sit in for the dispatcher.
  std::string inbox;
  for (const char* name : {"triage", "unit", "callbacks"}) {
    if (Inbox("dispatcher", name).count(mine)) inbox = name;
  }
  ASSERT_FALSE(inbox.empty()) << "a new request is on one of the dispatcher's worklists";
  const auto all = Inbox("dispatcher", inbox);
  ASSERT_TRUE(all.count(other));

  EXPECT_EQ(Inbox("dispatcher", inbox, "owner=me").count(mine), 1u);
  EXPECT_EQ(Inbox("dispatcher", inbox, "owner=me").count(other), 0u);
  EXPECT_EQ(Inbox("dispatcher", inbox, "owner=none").count(mine), 0u);
  EXPECT_EQ(Inbox("dispatcher", inbox, "owner=none").count(other), 1u);
  EXPECT_EQ(Inbox("dispatcher", inbox, "owner=" + std::to_string(Id("dispatcher"))).count(mine), 1u);
  // A category selects those below it; another top category none of these.
  const auto by_parent = Inbox("dispatcher", inbox, "category_id=" + std::to_string(parent));
  EXPECT_TRUE(by_parent.count(mine) && by_parent.count(other));
  const json cats = GetJson("/api/v1/categories", Token("admin")).at("items");
  for (const auto& c : cats) {
    const std::int64_t cid = c.at("id").get<std::int64_t>();
    if (cid == parent || cid == child || !c["parent_id"].is_null()) continue;
    EXPECT_FALSE(Inbox("dispatcher", inbox, "category_id=" + std::to_string(cid)).count(mine)) << cid;
    break;
  }
  EXPECT_EQ(Inbox("dispatcher", inbox, "channel=walk_in").count(other), 1u);
  EXPECT_EQ(Inbox("dispatcher", inbox, "channel=walk_in").count(mine), 0u);
  // Filters never widen: unit staff see nothing of these whatever they ask.
  EXPECT_TRUE(Inbox("unit_staff", "unit", "owner=none").count(other) == 0);

  for (const char* q : {"owner=somebody", "channel=pigeon", "category_id=x"}) {
    auto r = http_->Get("/api/v1/inbox/" + inbox + "?" + q, Token("dispatcher"));
    EXPECT_EQ(r.status, 400) << q << " " << r.body;
    const std::string field = std::string(q).substr(0, std::string(q).find('='));
    EXPECT_EQ(json::parse(r.body).value("field", ""), field) << q;
  }
}

TEST_P(Owner, ColleaguesAreTheStaffWhoMayWorkRequests) {
  const json items = GetJson("/api/v1/colleagues", Token("agent")).at("items");
  std::set<std::string> roles;
  for (const auto& p : items) roles.insert(p.at("role").get<std::string>());
  EXPECT_TRUE(roles.count("dispatcher") && roles.count("unit_staff") && roles.count("agent"));
  EXPECT_FALSE(roles.count("analyst")) << "analysts change nothing";
  EXPECT_EQ(http_->Get("/api/v1/colleagues", Token("analyst")).status, 403);
}

TEST_P(Owner, NotesNameColleaguesWhoSeeTheirMentionsUntilTheyOpenTheRequest) {
  const auto [child, parent] = ChildAndParent();
  const std::int64_t id = NewCase(child);
  const std::string path = "/api/v1/cases/" + std::to_string(id);
  const auto mention_count = [&](const std::string& user) {
    const json counts = GetJson("/api/v1/inbox", Token(user));
    for (const auto& x : counts.at("items")) {
      if (x.value("name", "") == "mentions") return x.at("count").get<std::int64_t>();
    }
    return std::int64_t{-1};
  };
  ASSERT_EQ(mention_count("dispatcher"), 0);

  // "@dispatcher" names a colleague; an address and an unknown name are just text.
  json note = PostJson(path + "/notes",
                       {{"text", "@dispatcher please check the site; mail a@b.om or @nobody"}},
                       Token("agent"), 201);
  EXPECT_EQ(note.value("kind", ""), "note");
  EXPECT_EQ(mention_count("dispatcher"), 1);
  const json unseen = GetJson("/api/v1/mentions?unseen=true", Token("dispatcher")).at("items");
  ASSERT_EQ(unseen.size(), 1u);
  EXPECT_EQ(unseen[0].at("case_id"), id);
  EXPECT_EQ(unseen[0].value("by_name", ""), "شيماء بنت سالم الحارثية");
  EXPECT_NE(unseen[0].value("note", "").find("please check"), std::string::npos);
  EXPECT_TRUE(GetJson("/api/v1/mentions?unseen=true", Token("agent")).at("items").empty());

  // Unit staff cannot be told of a request their unit does not have.
  auto r = Send("POST", path + "/notes", {{"text", "@unit_staff look"}}, Token("dispatcher"));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(Field(r), "text");

  // Opening it: seen once.
  const auto see = [&] {
    auto res = Send("POST", path + "/mentions/seen", nullptr, Token("dispatcher"));
    EXPECT_EQ(res.status, 200) << res.body;
    return json::parse(res.body, nullptr, false).value("seen", -1);
  };
  EXPECT_EQ(see(), 1);
  EXPECT_EQ(mention_count("dispatcher"), 0);
  EXPECT_EQ(see(), 0);
  EXPECT_EQ(GetJson("/api/v1/mentions", Token("dispatcher")).at("items").size(), 1u) << "kept, seen";

  // Referred to the unit: its staff may be told, and read the note masked like the timeline.
  const std::int64_t unit = GetJson("/api/v1/auth/me", Token("unit_staff")).at("unit_id").get<std::int64_t>();
  auto read = http_->Get(path, Token("dispatcher"));
  auto acted = http_->Send("POST", path + "/actions/refer", json{{"inputs", {{"unit_id", std::to_string(unit)}}}}.dump(),
                           {{"Authorization", "Bearer " + Token("dispatcher")}, {"Content-Type", "application/json"},
                            {"If-Match", read.header("etag")}});
  ASSERT_EQ(acted.status, 200) << acted.body;
  PostJson(path + "/notes", {{"text", "@unit_staff the caller 92345678 says it is urgent"}}, Token("dispatcher"), 201);
  const json theirs = GetJson("/api/v1/mentions?unseen=true", Token("unit_staff")).at("items");
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_EQ(theirs[0].value("note", "").find("92345678"), std::string::npos) << theirs.dump();

  // Refusals name the field; roles that write nothing write no notes.
  for (const json& bad : {json::object(), json{{"text", ""}}, json{{"text", 7}}}) {
    r = Send("POST", path + "/notes", bad, Token("dispatcher"));
    EXPECT_TRUE(r.status == 400 || r.status == 422) << bad.dump() << " " << r.body;
    EXPECT_EQ(Field(r), "text") << bad.dump();
  }
  EXPECT_EQ(Send("POST", path + "/notes", {{"text", "x"}}, Token("analyst")).status, 403);
  EXPECT_EQ(http_->Get("/api/v1/mentions?unseen=maybe", Token("agent")).status, 400);
  // On the timeline, by its writer.
  bool found = false;
  const json timeline = GetJson(path + "/timeline", Token("supervisor"));
  for (const auto& e : timeline.at("items")) {
    found |= e.value("kind", "") == "note" && e.value("actor_name", "") == "شيماء بنت سالم الحارثية";
  }
  EXPECT_TRUE(found);
}

INSTANTIATE_TEST_SUITE_P(Stores, Owner, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
