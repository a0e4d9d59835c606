// Many requests' meetings, callback attempts and messages in one read: an inbox that embeds its
// rows' extras (GET /api/v1/inbox/{name}?include=extras) asks once, not three times a row.
#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"

namespace tawasul::store {

using namespace rows;  // NOLINT(google-build-using-namespace): column lists and mappers

app::Store::ExtrasRows SqlStore::ExtrasOf(const std::vector<d::CaseId>& ids) {
  if (ids.empty()) return {};
  Params params;
  const std::string where = "WHERE case_id IN (" + InList(ids, params) + ")";
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
