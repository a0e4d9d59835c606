// Abuse limits shared by every node (migration 0010): failed log-ins per account and address,
// and messages per destination.
#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"

namespace tawasul::store {

base::Time SqlStore::LoginAllowedAt(const std::vector<std::string>& keys) {
  if (keys.empty()) return base::Time{};
  Params params;
  std::string in;
  for (const auto& k : keys) {
    params.push_back(Text(k));
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  return Read([&](Conn& c) {
    const auto r = c.Query(
        "SELECT COALESCE(MAX(next_at), 0) FROM login_throttle WHERE key IN (" + in + ")", params);
    return base::FromMicros(r.empty() ? 0 : AsInt(r[0][0]));
  });
}

int SqlStore::RecordLoginFailure(const std::vector<std::string>& keys, base::Time now,
                                 std::chrono::seconds (*delay)(int failures),
                                 std::chrono::seconds forget) {
  auto written = Write<int>([&](Conn& c) -> Result<int> {
    const std::int64_t at = base::ToMicros(now);
    const std::int64_t stale =
        at - std::chrono::duration_cast<std::chrono::microseconds>(forget).count();
    c.Exec("DELETE FROM login_throttle WHERE updated_at < $1",
           {Int(at - std::int64_t{86400} * 1000000)});
    int most = 0;
    for (const std::string& key : keys) {
      const auto r = c.Query(
          "INSERT INTO login_throttle (key, failures, next_at, updated_at) VALUES ($1, 1, $2, $2) "
          "ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN login_throttle.updated_at < $3 "
          "THEN 1 ELSE login_throttle.failures + 1 END, updated_at = $2 RETURNING failures",
          {Text(key), Int(at), Int(stale)});
      const int failures = r.empty() ? 1 : static_cast<int>(AsInt(r[0][0]));
      const std::int64_t wait =
          std::chrono::duration_cast<std::chrono::microseconds>(delay(failures)).count();
      c.Exec("UPDATE login_throttle SET next_at = $2 WHERE key = $1", {Text(key), Int(at + wait)});
      most = std::max(most, failures);
    }
    return most;
  });
  return written ? *written : 0;
}

void SqlStore::ClearLoginFailures(const std::string& key) {
  (void)Write<base::Ok>([&](Conn& c) -> Status {
    c.Exec("DELETE FROM login_throttle WHERE key = $1", {Text(key)});
    return base::Ok{};
  });
}

int SqlStore::CountMessagesTo(const std::string& recipient, base::Time since) {
  return Read([&](Conn& c) {
    const auto r = c.Query("SELECT COUNT(*) FROM outbox WHERE recipient = $1 AND created_at >= $2",
                           {Text(recipient), Micros(since)});
    return r.empty() ? 0 : static_cast<int>(AsInt(r[0][0]));
  });
}

bool SqlStore::HasMessaged(const std::string& recipient) {
  return Read([&](Conn& c) {
    return !c.Query("SELECT 1 FROM outbox WHERE recipient = $1 AND status <> 'held' LIMIT 1",
                    {Text(recipient)})
                .empty();
  });
}

}  // namespace tawasul::store
