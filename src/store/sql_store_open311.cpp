// Open311 (app/open311): client applications with hashed keys, and where each report filed
// through one was made.
#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"

namespace tawasul::store {

using namespace rows;  // NOLINT(google-build-using-namespace): column lists and mappers

namespace {

constexpr std::string_view kClientCols = "id, name, created_at, revoked_at";

app::Open311Client ClientFrom(const Row& r) {
  app::Open311Client c;
  c.id = AsInt(r[0]);
  c.name = AsText(r[1]);
  c.created_at = AsTime(r[2]);
  c.revoked_at = AsOptTime(r[3]);
  return c;
}

}  // namespace

Result<app::Open311Client> SqlStore::CreateOpen311Client(const std::string& name,
                                                         const std::string& key_hash, base::Time at) {
  return Write<app::Open311Client>([&](Conn& c) -> Result<app::Open311Client> {
    if (!c.Query("SELECT 1 FROM open311_clients WHERE name = $1", {Text(name)}).empty()) {
      return base::Conflict("name", "a client with this name exists");
    }
    const auto r = c.Query("INSERT INTO open311_clients (name, key_hash, created_at) VALUES ($1, $2, $3) "
                           "RETURNING " + std::string(kClientCols),
                           {Text(name), Text(key_hash), Micros(Stamp(at))});
    return ClientFrom(r.at(0));
  });
}

std::vector<app::Open311Client> SqlStore::ListOpen311Clients() {
  return Read([&](Conn& c) {
    std::vector<app::Open311Client> out;
    for (const Row& r : c.Query(Select(kClientCols, "open311_clients", "ORDER BY id"))) out.push_back(ClientFrom(r));
    return out;
  });
}

std::optional<app::Open311Client> SqlStore::FindOpen311Client(const std::string& key_hash) {
  return Read([&](Conn& c) -> std::optional<app::Open311Client> {
    const auto r = c.Query(Select(kClientCols, "open311_clients", "WHERE key_hash = $1"), {Text(key_hash)});
    if (r.empty()) return std::nullopt;
    return ClientFrom(r[0]);
  });
}

Result<app::Open311Client> SqlStore::RevokeOpen311Client(std::int64_t id, base::Time at) {
  return Write<app::Open311Client>([&](Conn& c) -> Result<app::Open311Client> {
    const auto r = c.Query("UPDATE open311_clients SET revoked_at = COALESCE(revoked_at, $2) "
                           "WHERE id = $1 RETURNING " + std::string(kClientCols),
                           {Int(id), Micros(Stamp(at))});
    if (r.empty()) return base::NotFound("No such Open311 client");
    return ClientFrom(r[0]);
  });
}

Status SqlStore::SaveOpen311Location(const app::Open311Location& l) {
  return Write<base::Ok>([&](Conn& c) -> Status {
    c.Exec("INSERT INTO open311_requests (case_id, client_id, latitude, longitude, address, "
           "device_id, media_url) VALUES ($1, $2, $3, $4, $5, $6, $7)",
           {IdValue(l.case_id), Int(l.client_id), RealOrNull(l.latitude), RealOrNull(l.longitude),
            Text(l.address), Text(l.device_id), Text(l.media_url)});
    return base::Ok{};
  });
}

std::vector<app::Open311Location> SqlStore::Open311Locations(const std::vector<d::CaseId>& ids) {
  std::vector<app::Open311Location> out;
  for (std::size_t from = 0; from < ids.size(); from += 500) {
    Params params;
    std::string list;
    for (std::size_t i = from; i < ids.size() && i < from + 500; ++i) {
      params.push_back(IdValue(ids[i]));
      list += (list.empty() ? "$" : ", $") + std::to_string(params.size());
    }
    Read([&](Conn& c) {
      for (const Row& r : c.Query("SELECT case_id, client_id, latitude, longitude, address, device_id, "
                                  "media_url FROM open311_requests WHERE case_id IN (" + list + ")",
                                  params)) {
        out.push_back({AsId<d::CaseId>(r[0]), AsInt(r[1]), AsOptReal(r[2]), AsOptReal(r[3]),
                       AsText(r[4]), AsText(r[5]), AsText(r[6])});
      }
      return 0;
    });
  }
  return out;
}

}  // namespace tawasul::store
