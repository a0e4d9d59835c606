#include "app/open311/open311_service.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "domain/identity.hpp"
#include "domain/permissions.hpp"
#include "domain/validation.hpp"

namespace tawasul::app {
namespace dom = tawasul::domain;
using base::Error;
using base::ErrorCode;

namespace {

constexpr std::size_t kDescriptionMax = 4000;  ///< the spec's limit on description
constexpr double kNearestSiteMeters = 1000;    ///< a report this close to a site is about it

std::optional<double> Coordinate(const std::string& s, double limit) {
  if (s.empty()) return std::nullopt;
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v) || std::abs(v) > limit) {
    return std::nullopt;
  }
  return v;
}

double Meters(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kR = 6371000;
  constexpr double kRad = 3.14159265358979323846 / 180;
  const double dlat = (lat2 - lat1) * kRad;
  const double dlon = (lon2 - lon1) * kRad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kR * std::asin(std::sqrt(std::min(1.0, a)));
}

}  // namespace

Open311Service::Open311Service(CaseServiceStore& cases_store, Open311Store& store,
                               CaseService& cases, Crypto& crypto, const base::Clock& clock,
                               const Settings& settings, InstallationRef& installation)
    : cases_store_(cases_store),
      store_(store),
      cases_(cases),
      crypto_(crypto),
      clock_(clock),
      settings_(settings),
      installation_(installation) {}

std::string Open311Service::Name(const dom::LocalizedName& n) const {
  const auto inst = installation_.Get();
  for (const auto& lang : inst->settings().languages) {
    const std::string& v = lang == "fa" ? n.fa : lang == "en" ? n.en : n.ar;
    if (!v.empty()) return v;
  }
  return !n.ar.empty() ? n.ar : !n.fa.empty() ? n.fa : n.en;
}

std::vector<Open311ServiceInfo> Open311Service::Services() {
  const auto cats = cases_store_.ListCategories();
  std::map<std::int64_t, const dom::Category*> by_id;
  for (const auto& c : cats) by_id[c.id.value] = &c;
  std::vector<Open311ServiceInfo> out;
  for (const auto& c : cats) {
    if (!c.active) continue;
    Open311ServiceInfo s{c.code, Name(c.name), "", ""};
    if (c.parent_id) {
      if (auto it = by_id.find(c.parent_id->value); it != by_id.end()) s.group = Name(it->second->name);
    }
    out.push_back(std::move(s));
  }
  return out;
}

Result<Open311ServiceInfo> Open311Service::Service(const std::string& code) {
  for (auto& s : Services()) {
    if (s.code == code) return s;
  }
  return base::NotFound("no such service_code");
}

Result<std::string> Open311Service::Submit(const Open311Submission& in) {
  if (in.api_key.empty()) return Error{ErrorCode::kForbidden, "api_key is required", "api_key"};
  const auto client = store_.FindOpen311Client(crypto_.HashToken(in.api_key));
  if (!client || client->revoked_at) return Error{ErrorCode::kForbidden, "api_key is not valid", "api_key"};
  if (in.service_code.empty()) return base::Invalid("service_code", "is required");
  std::optional<dom::Category> category;
  for (const auto& c : cases_store_.ListCategories()) {
    if (c.code == in.service_code && c.active) category = c;
  }
  if (!category) return base::Invalid("service_code", "is not a service of this server");
  const auto lat = Coordinate(in.lat, 90);
  const auto lon = Coordinate(in.lon, 180);
  if (!in.lat.empty() && !lat) return base::Invalid("lat", "must be a latitude in decimal degrees");
  if (!in.lon.empty() && !lon) return base::Invalid("long", "must be a longitude in decimal degrees");
  if (lat.has_value() != lon.has_value()) return base::Invalid(lat ? "long" : "lat", "lat and long go together");
  auto address = dom::CleanText(in.address_string, "address_string", 500, false);
  if (!address) return address.error();
  if (!lat && address->empty()) return base::Invalid("lat", "a location is required: lat and long, or address_string");
  auto description = dom::CleanText(in.description, "description", kDescriptionMax, false);
  if (!description) return description.error();
  if (description->empty()) return base::Invalid("description", "is required");
  auto device = dom::CleanText(in.device_id, "device_id", 200, false);
  if (!device) return device.error();
  auto media = dom::CleanText(in.media_url, "media_url", 2000, false);
  if (!media) return media.error();
  if (!media->empty() && !media->starts_with("https://") && !media->starts_with("http://")) {
    return base::Invalid("media_url", "must be an http(s) URL");
  }

  CaseInput input;
  input.type = dom::CaseType::kReport;
  input.category_id = category->id;
  input.channel = dom::Channel::kPortal;
  input.description = *description;
  // The nearest site within a kilometre: a report at a mosque or a park is about it.
  if (lat) {
    double best = kNearestSiteMeters;
    for (const auto& s : cases_store_.ListSites()) {
      if (!s.active || !s.latitude || !s.longitude) continue;
      const double m = Meters(*lat, *lon, *s.latitude, *s.longitude);
      if (m <= best) {
        best = m;
        input.site_id = s.id;
      }
    }
  }
  std::string name = in.first_name;
  if (!in.last_name.empty()) name += (name.empty() ? "" : " ") + in.last_name;
  if (!name.empty() || !in.phone.empty() || !in.email.empty()) {
    RequesterInput r;
    r.name = name;
    r.phone = in.phone;
    r.email = in.email;
    input.requester = r;
  }
  auto created = cases_.Register(input, std::nullopt);
  if (!created) {
    // Our field names are the spec's, but for the requester's.
    Error e = created.error();
    if (e.field == "requester.phone") e.field = "phone";
    if (e.field == "requester.email") e.field = "email";
    if (e.field == "requester.name") e.field = "first_name";
    if (e.field == "requester") e.field = "first_name";
    return e;
  }
  Open311Location where{created->id, client->id, lat, lon, *address, *device, *media};
  if (auto kept = store_.SaveOpen311Location(where); !kept) return kept.error();
  return created->tracking_code;
}

Result<std::vector<Open311Report>> Open311Service::Requests(const Open311Query& q) {
  if (q.status != "" && q.status != "open" && q.status != "closed") {
    return base::Invalid("status", "must be open or closed");
  }
  std::vector<dom::Case> found;
  const auto cats = cases_store_.ListCategories();
  std::map<std::int64_t, const dom::Category*> cat_by_id;
  for (const auto& c : cats) cat_by_id[c.id.value] = &c;
  if (!q.ids.empty()) {
    if (q.ids.size() > 100) return base::Invalid("service_request_id", "at most 100 ids");
    for (const auto& id : q.ids) {
      if (auto c = cases_store_.FindCaseByTrackingCode(id)) found.push_back(*c);
    }
  } else {
    CaseFilter f;
    f.limit = 1000;
    const base::Time now = clock_.Now();
    f.created_to = q.end ? *q.end : now + std::chrono::hours(24);
    f.created_from = q.start ? *q.start : *f.created_to - std::chrono::hours(24 * 90);
    if (!q.service_code.empty()) {
      bool known = false;
      for (const auto& c : cats) {
        if (c.code == q.service_code) {
          f.category_id = c.id;
          known = true;
        }
      }
      if (!known) return base::Invalid("service_code", "is not a service of this server");
    }
    found = cases_store_.ListCases(f);
  }
  std::vector<dom::CaseId> ids;
  std::vector<dom::RequesterId> requester_ids;
  for (const auto& c : found) {
    ids.push_back(c.id);
    if (c.requester_id) requester_ids.push_back(*c.requester_id);
  }
  std::map<std::int64_t, Open311Location> where;
  for (auto& l : store_.Open311Locations(ids)) where[l.case_id.value] = std::move(l);
  std::map<std::int64_t, dom::Requester> requesters;
  for (auto& r : cases_store_.GetRequesters(requester_ids)) requesters[r.id.value] = std::move(r);
  std::map<std::int64_t, dom::Site> sites;
  for (auto& s : cases_store_.ListSites()) sites[s.id.value] = std::move(s);
  std::map<std::int64_t, dom::Unit> units;
  for (auto& u : cases_store_.ListUnits()) units[u.id.value] = std::move(u);

  std::vector<Open311Report> out;
  for (const auto& c : found) {
    if (c.duplicate_of) continue;  // merged into another report
    const std::string status = c.status == dom::CaseStatus::kClosed ? "closed" : "open";
    if (!q.status.empty() && status != q.status) continue;
    if (!q.ids.empty() && !q.service_code.empty()) {
      auto it = cat_by_id.find(c.category_id.value);
      if (it == cat_by_id.end() || it->second->code != q.service_code) continue;
    }
    const dom::Requester* who = nullptr;
    if (c.requester_id) {
      if (auto it = requesters.find(c.requester_id->value); it != requesters.end()) who = &it->second;
    }
    // Published to anyone: identity masked as for a unit (name, numbers, addresses written in).
    const dom::Anonymizer mask = AnonymizerOf(who);
    Open311Report r;
    r.service_request_id = c.tracking_code;
    r.status = status;
    r.status_notes = mask.Mask(c.public_answer);
    r.description = mask.Mask(c.description);
    if (auto it = cat_by_id.find(c.category_id.value); it != cat_by_id.end()) {
      r.service_code = it->second->code;
      r.service_name = Name(it->second->name);
    }
    if (c.unit_id) {
      if (auto it = units.find(c.unit_id->value); it != units.end()) r.agency_responsible = Name(it->second.name);
    }
    r.requested_datetime = c.created_at;
    r.updated_datetime = c.updated_at;
    if (auto it = where.find(c.id.value); it != where.end()) {
      r.latitude = it->second.latitude;
      r.longitude = it->second.longitude;
      r.address = mask.Mask(it->second.address);
      r.media_url = it->second.media_url;
    }
    if (!r.latitude && c.site_id) {
      if (auto it = sites.find(c.site_id->value); it != sites.end()) {
        r.latitude = it->second.latitude;
        r.longitude = it->second.longitude;
        if (r.address.empty()) r.address = Name(it->second.name);
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<Open311Client>> Open311Service::Clients(const Principal& who) {
  if (!May(who, dom::Permission::kAdminister)) {
    return Error{ErrorCode::kForbidden, "Only administrators manage Open311 clients", {}};
  }
  return store_.ListOpen311Clients();
}

Result<std::pair<Open311Client, std::string>> Open311Service::CreateClient(const Principal& who,
                                                                           const std::string& name) {
  if (!May(who, dom::Permission::kAdminister)) {
    return Error{ErrorCode::kForbidden, "Only administrators manage Open311 clients", {}};
  }
  auto clean = dom::CleanName(name, "name", 100, true);
  if (!clean) return clean.error();
  const std::string key = crypto_.RandomToken();
  auto made = store_.CreateOpen311Client(*clean, crypto_.HashToken(key), clock_.Now());
  if (!made) {
    if (made.error().code == ErrorCode::kConflict) return base::Conflict("name", "A client with this name exists");
    return made.error();
  }
  return std::make_pair(*made, key);
}

Result<Open311Client> Open311Service::RevokeClient(const Principal& who, std::int64_t id) {
  if (!May(who, dom::Permission::kAdminister)) {
    return Error{ErrorCode::kForbidden, "Only administrators manage Open311 clients", {}};
  }
  return store_.RevokeOpen311Client(id, clock_.Now());
}

}  // namespace tawasul::app
