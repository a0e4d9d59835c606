// Anonymized referral over HTTP (issue 10), on SQLite and PostgreSQL, with the pr-center profile:
// every entry of the identity corpus (support/identity_corpus.hpp) is written by its requester's
// request into the description and by the dispatcher into a note, the request is referred to a
// unit, and unit staff read it back through the request, its timeline, its extras and the unit's
// inbox: no needle may be readable in any string they receive. Texts a unit needs come through
// unchanged. Attachments are withheld from the unit until a dispatcher releases them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/center.hpp"
#include "support/tiny_png.hpp"
#include "support/identity_corpus.hpp"
#include "support/identity_reader.hpp"

namespace tawasul::testing {
namespace {

/// Every string value in `j`, each on its own (a needle split across two fields is not a leak).
void Strings(const Json& j, std::vector<std::string>& out) {
  if (j.is_string()) {
    out.push_back(j.get<std::string>());
  } else if (j.is_structured()) {
    for (const auto& v : j) Strings(v, out);
  }
}

class AnonymizedReferral : public CenterTest, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override { StartCenter("pr-center", GetParam()); }

  Json Requester(const CorpusPerson& p) {
    Json r{{"name", p.name}, {"phone", p.phone}, {"email", p.email}};
    if (!p.national_id.empty()) r["national_id"] = p.national_id;
    return r;
  }

  /// A complaint of `person` with `text` as its description and in a dispatcher's note,
  /// referred to the INSPECT unit; its id.
  std::int64_t Referred(const CorpusPerson& person, const std::string& text) {
    Center& c = *center_;
    Json created = c.CreateCase("agent", {{"type", "complaint"},
                                          {"category_id", c.IdOf("categories", "CONDUCT")},
                                          {"channel", "phone"},
                                          {"description", text},
                                          {"requester", Requester(person)}});
    const auto id = created.value("id", std::int64_t{0});
    if (id == 0) return 0;
    c.Act("agent", id, "register");
    c.Patch("dispatcher", id, {{"note", text}});
    c.Act("dispatcher", id, "refer_for_action", {{"unit_id", c.IdOf("units", "INSPECT")}});
    return id;
  }
};

TEST_P(AnonymizedReferral, NoWayOfWritingTheIdentityReachesTheUnit) {
  Center& c = *center_;
  ASSERT_TRUE(c.ready()) << c.error();
  struct Written {
    std::int64_t id;
    const CorpusEntry* entry;
  };
  std::vector<Written> cases;
  for (const CorpusEntry& e : IdentityCorpus()) {
    const auto id = Referred(CorpusPeople()[e.person], e.text);
    ASSERT_NE(id, 0) << e.text;
    cases.push_back({id, &e});
  }
  // The dispatcher, who may see the requester, reads the text as written.
  EXPECT_EQ(c.Case("dispatcher", cases.front().id).value("description", ""),
            cases.front().entry->text);

  int leaks = 0;
  const auto check = [&](const Written& w, const std::string& where, const Json& body) {
    std::vector<std::string> strings;
    Strings(body, strings);
    for (const auto& s : strings) {
      for (const auto& needle : w.entry->needles) {
        if (Readable(s, needle)) {
          ++leaks;
          ADD_FAILURE() << needle << " reaches unit staff in " << where << ": «" << s
                        << "» (written as «" << w.entry->text << "»)";
        }
      }
    }
  };
  std::vector<std::string> inbox_bodies;
  const auto in_inbox = c.InboxIds("unit_staff", "unit", &inbox_bodies);
  for (const Written& w : cases) {
    EXPECT_TRUE(in_inbox.count(w.id)) << "request " << w.id << " is in the unit's inbox";
    const std::string path = "/api/v1/cases/" + std::to_string(w.id);
    check(w, "GET " + path, c.Case("unit_staff", w.id));
    check(w, "GET " + path + "/timeline", c.Timeline("unit_staff", w.id));
    check(w, "GET " + path + "/extras", c.Extras("unit_staff", w.id));
  }
  // The inbox holds every request at once: each row is checked against its own entry.
  for (const auto& body : inbox_bodies) {
    const Json page = Json::parse(body, nullptr, false);
    for (const auto& row : page.value("items", Json::array())) {
      for (const Written& w : cases) {
        if (row.value("id", std::int64_t{0}) == w.id) check(w, "the unit inbox", row);
      }
    }
  }
  EXPECT_EQ(leaks, 0) << "of " << cases.size() << " ways of writing an identity";

  // A crawl as unit staff: every GET route of the served OpenAPI document, with every tenth
  // request's id wherever a path takes an id (and 1 for any other parameter).
  const Json doc = c.GetJson("unit_staff", "/api/v1/openapi.json");
  int crawled = 0;
  for (std::size_t i = 0; i < cases.size(); i += 10) {
    const Written& w = cases[i];
    for (const auto& [tmpl, item] : doc.at("paths").items()) {
      // The API's answers; the document itself holds example numbers, not anyone's, and the
      // survey page (/s/) is the citizens' static form, whose "رضایت" the letter reader would
      // read as the name "رضا".
      if (!item.contains("get") || tmpl == "/api/v1/openapi.json" || tmpl.rfind("/api/", 0) != 0) {
        continue;
      }
      std::string path;
      for (std::size_t k = 0; k < tmpl.size();) {
        if (tmpl[k] != '{') {
          path += tmpl[k++];
          continue;
        }
        const std::size_t close = tmpl.find('}', k);
        const std::string name = tmpl.substr(k + 1, close - k - 1);
        path += name == "id" ? std::to_string(w.id) : std::string("1");
        k = close + 1;
      }
      const auto r = c.Get("unit_staff", path);
      EXPECT_LT(r.status, 500) << path;
      ++crawled;
      const Json body = Json::parse(r.body, nullptr, false);
      check(w, "GET " + path, body.is_discarded() ? Json(r.body) : body);
    }
  }
  EXPECT_GT(crawled, 100) << "the crawl reached the routes";
  EXPECT_EQ(leaks, 0);
}

TEST_P(AnonymizedReferral, TheUnitReadsWhatItNeedsAsWritten) {
  Center& c = *center_;
  ASSERT_TRUE(c.ready()) << c.error();
  for (const std::string& text : KeptTexts()) {
    const auto id = Referred(CorpusPeople()[0], text);
    ASSERT_NE(id, 0);
    EXPECT_EQ(c.Case("unit_staff", id).value("description", ""), text);
  }
}

TEST_P(AnonymizedReferral, AttachmentsReachTheUnitOnlyOnceReleased) {
  Center& c = *center_;
  ASSERT_TRUE(c.ready()) << c.error();
  const CorpusPerson& reza = CorpusPeople()[0];
  const auto id = Referred(reza, "بلندگو خراب است");
  ASSERT_NE(id, 0);
  const std::string base = "/api/v1/cases/" + std::to_string(id) + "/attachments";
  auto up = c.http().Send(
      "POST", base + "?filename=" + "%D8%B1%D8%B6%D8%A7-ID-0791234568.png",  // رضا-ID-….png
      TinyPng(),
      {{"Authorization", "Bearer " + c.Token("agent")}, {"Content-Type", "image/png"}});
  ASSERT_EQ(up.status, 201) << up.body;
  const auto aid = Json::parse(up.body).at("id").get<std::int64_t>();
  const std::string one = base + "/" + std::to_string(aid);
  EXPECT_TRUE(Json::parse(up.body).at("released_at").is_null());

  // Withheld: not listed, not downloadable, and no hint that it exists.
  EXPECT_EQ(c.GetJson("unit_staff", base).at("items").size(), 0u);
  EXPECT_EQ(c.Get("unit_staff", one).status, 404);
  EXPECT_EQ(c.GetJson("dispatcher", base).at("items").size(), 1u);

  // Unit staff cannot release it themselves.
  auto self = c.http().Send("POST", one + "/release", "",
                            {{"Authorization", "Bearer " + c.Token("unit_staff")}});
  EXPECT_EQ(self.status, 403) << self.body;

  auto released = c.http().Send("POST", one + "/release", "",
                                {{"Authorization", "Bearer " + c.Token("dispatcher")}});
  ASSERT_EQ(released.status, 200) << released.body;
  const Json r = Json::parse(released.body);
  EXPECT_TRUE(r.at("released_at").is_string());
  EXPECT_EQ(r.at("released_by").get<std::int64_t>(), c.UserId("dispatcher"));
  bool on_timeline = false;
  for (const auto& e : c.Timeline("dispatcher", id)) {
    on_timeline = on_timeline || e.value("kind", "") == "attachment_released";
  }
  EXPECT_TRUE(on_timeline) << "the release is on the timeline";

  const Json list = c.GetJson("unit_staff", base);
  ASSERT_EQ(list.at("items").size(), 1u);
  const std::string name = list["items"][0].value("filename", "");
  EXPECT_FALSE(Readable(name, "رضا")) << name;
  EXPECT_FALSE(Readable(name, "digits:0791234568")) << name;
  EXPECT_TRUE(list["items"][0].at("uploaded_by").is_null());
  EXPECT_TRUE(list["items"][0].at("released_by").is_null());
  const auto download = c.Get("unit_staff", one);
  EXPECT_EQ(download.status, 200);
  EXPECT_EQ(download.body.size(), TinyPng().size());
  EXPECT_EQ(download.body.find("رضا"), std::string::npos) << "the download's headers";
  for (const auto& [header, value] : download.headers) {
    EXPECT_FALSE(Readable(value, "رضا")) << header << ": " << value;
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, AnonymizedReferral, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tawasul::testing
