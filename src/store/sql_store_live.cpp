// The live feed's reads: new timeline events (with where their request stands now) and new
// contacts, by id. Both are index scans on the primary keys, cheap enough to poll every second.

#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"

namespace tawasul::store {

using namespace rows;  // NOLINT(google-build-using-namespace): column lists and mappers

namespace {

std::vector<d::UserId> SplitIds(const std::string& text) {
  std::vector<d::UserId> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(d::UserId{std::stoll(text.substr(start, end - start))});
    start = end + 1;
  }
  return out;
}

}  // namespace

app::ChangeCursor SqlStore::LatestChange() {
  return Read([&](Conn& c) {
    app::ChangeCursor out;
    const Rows r = c.Query(
        "SELECT (SELECT COALESCE(MAX(id), 0) FROM case_events), "
        "(SELECT COALESCE(MAX(id), 0) FROM contacts), "
        "(SELECT COALESCE(MAX(id), 0) FROM call_events)");
    if (!r.empty()) {
      out.event_id = AsInt(r[0][0]);
      out.contact_id = AsInt(r[0][1]);
      out.call_id = AsInt(r[0][2]);
    }
    return out;
  });
}

app::Changes SqlStore::ChangesSince(const app::ChangeCursor& after, int limit) {
  return Read([&](Conn& c) {
    app::Changes out;
    for (const Row& r : c.Query("SELECT e.id, e.case_id, e.kind, cs.status, cs.unit_id "
                                "FROM case_events e JOIN cases cs ON cs.id = e.case_id "
                                "WHERE e.id > $1 ORDER BY e.id LIMIT $2",
                                {Int(after.event_id), Int(limit)})) {
      app::CaseChange ch;
      ch.event_id = AsInt(r[0]);
      ch.case_id = AsId<d::CaseId>(r[1]);
      ch.event = AsText(r[2]);
      ch.status = Parsed(d::ParseCaseStatus, r[3], "case status");
      ch.unit_id = AsOptId<d::UnitId>(r[4]);
      out.cases.push_back(std::move(ch));
    }
    for (const Row& r : c.Query("SELECT id, channel, case_id FROM contacts WHERE id > $1 "
                                "ORDER BY id LIMIT $2",
                                {Int(after.contact_id), Int(limit)})) {
      app::ContactChange ch;
      ch.contact_id = AsInt(r[0]);
      ch.channel = Parsed(d::ParseChannel, r[1], "channel");
      ch.case_id = AsOptId<d::CaseId>(r[2]);
      out.contacts.push_back(ch);
    }
    for (const Row& r : c.Query("SELECT id, contact_id, kind, user_ids FROM call_events "
                                "WHERE id > $1 ORDER BY id LIMIT $2",
                                {Int(after.call_id), Int(limit)})) {
      out.calls.push_back(app::CallChange{AsInt(r[0]), AsId<d::ContactId>(r[1]), AsText(r[2]),
                                          SplitIds(AsText(r[3]))});
    }
    return out;
  });
}

}  // namespace tawasul::store
