// The audit trail of administrative changes (migration 0011): a hash chain. Each entry's hash is
// the SHA-256 of the previous entry's hash and of its own fields, each length-prefixed so that
// no two different entries hash the same text; its id is the last id + 1, taken under a lock.
#include <sodium.h>

#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"

namespace tawasul::store {
namespace {

constexpr std::string_view kCols =
    "id, at, actor_id, entity, entity_key, action, old_value, new_value, prev_hash, hash";

void Field(std::string& out, const std::string& v) {
  out += std::to_string(v.size());
  out += ':';
  out += v;
}

std::string ChainHash(const app::AdminAuditEntry& e) {
  std::string text;
  Field(text, e.prev_hash);
  Field(text, std::to_string(e.id));
  Field(text, std::to_string(base::ToMicros(e.at)));
  Field(text, e.actor ? std::to_string(e.actor->value) : std::string());
  Field(text, e.entity);
  Field(text, e.key);
  Field(text, e.action);
  Field(text, e.old_value);
  Field(text, e.new_value);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

app::AdminAuditEntry EntryFrom(const Row& r) {
  app::AdminAuditEntry e;
  e.id = AsInt(r[0]);
  e.at = AsTime(r[1]);
  e.actor = AsOptId<d::UserId>(r[2]);
  e.entity = AsText(r[3]);
  e.key = AsText(r[4]);
  e.action = AsText(r[5]);
  e.old_value = AsText(r[6]);
  e.new_value = AsText(r[7]);
  e.prev_hash = AsText(r[8]);
  e.hash = AsText(r[9]);
  return e;
}

}  // namespace

Result<app::AdminAuditEntry> SqlStore::AppendAdminAudit(app::AdminAuditEntry e) {
  e.at = Stamp(e.at);
  return Write<app::AdminAuditEntry>([&](Conn& c) -> Result<app::AdminAuditEntry> {
    // Two nodes must not both link to the same last entry: PostgreSQL takes a table lock that
    // readers do not wait for; SQLite has one writer anyway.
    if (engine_ == Engine::kPostgres) c.Exec("LOCK TABLE admin_audit IN EXCLUSIVE MODE", {});
    const auto last = c.Query("SELECT id, hash FROM admin_audit ORDER BY id DESC LIMIT 1", {});
    app::AdminAuditEntry out = e;
    out.id = last.empty() ? 1 : AsInt(last[0][0]) + 1;
    out.prev_hash = last.empty() ? std::string() : AsText(last[0][1]);
    out.hash = ChainHash(out);
    c.Exec("INSERT INTO admin_audit (" + std::string(kCols) +
               ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
           {Int(out.id), Micros(out.at), IdOrNull(out.actor), Text(out.entity), Text(out.key),
            Text(out.action), Text(out.old_value), Text(out.new_value), Text(out.prev_hash),
            Text(out.hash)});
    return out;
  });
}

std::vector<app::AdminAuditEntry> SqlStore::AdminAudit(std::int64_t before_id, int limit) {
  return Read([&](Conn& c) {
    std::vector<app::AdminAuditEntry> out;
    const auto rows =
        before_id > 0
            ? c.Query("SELECT " + std::string(kCols) +
                          " FROM admin_audit WHERE id < $1 ORDER BY id DESC LIMIT $2",
                      {Int(before_id), Int(limit)})
            : c.Query("SELECT " + std::string(kCols) + " FROM admin_audit ORDER BY id DESC LIMIT $1",
                      {Int(limit)});
    for (const Row& r : rows) out.push_back(EntryFrom(r));
    return out;
  });
}

app::AdminAuditCheck SqlStore::VerifyAdminAudit() {
  return Read([&](Conn& c) {
    app::AdminAuditCheck check;
    std::string prev;
    std::int64_t expected_id = 1;
    // In pages, so a long trail never sits in memory whole.
    for (std::int64_t after = 0;;) {
      const auto rows = c.Query("SELECT " + std::string(kCols) +
                                    " FROM admin_audit WHERE id > $1 ORDER BY id LIMIT 1000",
                                {Int(after)});
      if (rows.empty()) break;
      for (const Row& r : rows) {
        const app::AdminAuditEntry e = EntryFrom(r);
        ++check.checked;
        std::string why;
        if (e.id != expected_id) {
          why = "entry " + std::to_string(expected_id) + " is missing";
        } else if (e.prev_hash != prev) {
          why = "its link to the entry before does not match";
        } else if (e.hash != ChainHash(e)) {
          why = "its fields do not match its hash";
        }
        if (!why.empty()) {
          check.broken_at = e.id;
          check.why = why;
          return check;
        }
        prev = e.hash;
        expected_id = e.id + 1;
        after = e.id;
      }
    }
    return check;
  });
}

}  // namespace tawasul::store
