// Many requests' meetings, callback attempts and messages in one read: an inbox that embeds its
// rows' extras (GET /api/v1/inbox/{name}?include=extras) asks once, not three times a row.
#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"

namespace tawasul::store {

using namespace rows;  // NOLINT(google-build-using-namespace): column lists and mappers

namespace {

/// "case_id IN ($1, $2, ...)" with the ids as its parameters.
std::string CaseIdIn(const std::vector<d::CaseId>& ids, Params& params) {
  std::string in;
  for (const d::CaseId id : ids) {
    params.push_back(IdValue(id));
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  return "case_id IN (" + in + ")";
}

}  // namespace

app::Store::ExtrasRows SqlStore::ExtrasOf(const std::vector<d::CaseId>& ids) {
  if (ids.empty()) return {};
  Params params;
  const std::string where = "WHERE " + CaseIdIn(ids, params);
  // Within a request, the same order as CallbackAttempts and Messages (by id).
  return Read([&](Conn& c) {
    ExtrasRows out;
    for (const Row& r : c.Query(Select(kMeetingCols, "meetings", where), params)) {
      out.meetings.push_back(MeetingFrom(r));
    }
    for (const Row& r :
         c.Query(Select(kCallbackCols, "callback_attempts", where + " ORDER BY case_id, id"),
                 params)) {
      out.callbacks.push_back(CallbackFrom(r));
    }
    for (const Row& r : c.Query(Select(kOutboxCols, "outbox", where + " ORDER BY case_id, id"),
                                params)) {
      out.messages.push_back(OutboxFrom(r));
    }
    return out;
  });
}

}  // namespace tawasul::store
