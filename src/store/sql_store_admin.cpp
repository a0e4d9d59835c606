// Organization units, the category taxonomy and sites.
#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"

namespace tawasul::store {

using namespace rows;  // NOLINT(google-build-using-namespace): column lists and mappers

namespace {

Params NameParams(const d::LocalizedName& n) { return {Text(n.ar), Text(n.fa), Text(n.en)}; }

Params Concat(Params a, const Params& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

Result<d::Unit> SqlStore::CreateUnit(const d::Unit& unit) {
  return Write<d::Unit>([&](Conn& c) -> Result<d::Unit> {
    const auto r = c.Query(
        "INSERT INTO units (parent_id, code, name_ar, name_fa, name_en, kind, active) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        Concat(Concat({IdOrNull(unit.parent_id), Text(unit.code)}, NameParams(unit.name)),
               {Enum(unit.kind), Bool(unit.active)}));
    d::Unit out = unit;
    out.id = AsId<d::UnitId>(r.at(0).at(0));
    return out;
  });
}

Result<d::Unit> SqlStore::UpdateUnit(const d::Unit& unit) {
  return Write<d::Unit>([&](Conn& c) -> Result<d::Unit> {
    const auto r = c.Query(
        "UPDATE units SET parent_id = $2, code = $3, name_ar = $4, name_fa = $5, name_en = $6, "
        "kind = $7, active = $8 WHERE id = $1 RETURNING " +
            std::string(kUnitCols),
        Concat(Concat({IdValue(unit.id), IdOrNull(unit.parent_id), Text(unit.code)},
                      NameParams(unit.name)),
               {Enum(unit.kind), Bool(unit.active)}));
    if (r.empty()) return base::NotFound("no such unit");
    return UnitFrom(r[0]);
  });
}

std::optional<d::Unit> SqlStore::GetUnit(d::UnitId id) {
  return Read([&](Conn& c) -> std::optional<d::Unit> {
    const auto r = c.Query(Select(kUnitCols, "units", "WHERE id = $1"), {IdValue(id)});
    if (r.empty()) return std::nullopt;
    return UnitFrom(r[0]);
  });
}

std::vector<d::Unit> SqlStore::ListUnits() {
  return Read([&](Conn& c) {
    std::vector<d::Unit> out;
    for (const Row& r : c.Query(Select(kUnitCols, "units", "ORDER BY id"))) {
      out.push_back(UnitFrom(r));
    }
    return out;
  });
}

Result<d::Category> SqlStore::CreateCategory(const d::Category& category) {
  return Write<d::Category>([&](Conn& c) -> Result<d::Category> {
    const auto r = c.Query(
        "INSERT INTO categories (parent_id, code, name_ar, name_fa, name_en, default_unit_id, "
        "active, workflow) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        Concat(
            Concat({IdOrNull(category.parent_id), Text(category.code)}, NameParams(category.name)),
            {IdOrNull(category.default_unit_id), Bool(category.active), Text(category.workflow)}));
    d::Category out = category;
    out.id = AsId<d::CategoryId>(r.at(0).at(0));
    return out;
  });
}

Result<d::Category> SqlStore::UpdateCategory(const d::Category& category) {
  return Write<d::Category>([&](Conn& c) -> Result<d::Category> {
    const auto r = c.Query(
        "UPDATE categories SET parent_id = $2, code = $3, name_ar = $4, name_fa = $5, "
        "name_en = $6, default_unit_id = $7, active = $8, workflow = $9 WHERE id = $1 "
        "RETURNING " +
            std::string(kCategoryCols),
        Concat(
            Concat({IdValue(category.id), IdOrNull(category.parent_id), Text(category.code)},
                   NameParams(category.name)),
            {IdOrNull(category.default_unit_id), Bool(category.active), Text(category.workflow)}));
    if (r.empty()) return base::NotFound("no such category");
    return CategoryFrom(r[0]);
  });
}

std::optional<d::Category> SqlStore::GetCategory(d::CategoryId id) {
  return Read([&](Conn& c) -> std::optional<d::Category> {
    const auto r = c.Query(Select(kCategoryCols, "categories", "WHERE id = $1"), {IdValue(id)});
    if (r.empty()) return std::nullopt;
    return CategoryFrom(r[0]);
  });
}

std::vector<d::Category> SqlStore::ListCategories() {
  return Read([&](Conn& c) {
    std::vector<d::Category> out;
    for (const Row& r : c.Query(Select(kCategoryCols, "categories", "ORDER BY id"))) {
      out.push_back(CategoryFrom(r));
    }
    return out;
  });
}

Result<d::Site> SqlStore::CreateSite(const d::Site& site) {
  return Write<d::Site>([&](Conn& c) -> Result<d::Site> {
    const auto r = c.Query(
        "INSERT INTO sites (code, kind, name_ar, name_fa, name_en, region, district, latitude, "
        "longitude, active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        Concat(Concat({Text(site.code), Enum(site.kind)}, NameParams(site.name)),
               {Text(site.region), Text(site.district), RealOrNull(site.latitude),
                RealOrNull(site.longitude), Bool(site.active)}));
    d::Site out = site;
    out.id = AsId<d::SiteId>(r.at(0).at(0));
    return out;
  });
}

Result<d::Site> SqlStore::UpdateSite(const d::Site& site) {
  return Write<d::Site>([&](Conn& c) -> Result<d::Site> {
    const auto r = c.Query(
        "UPDATE sites SET code = $2, kind = $3, name_ar = $4, name_fa = $5, name_en = $6, "
        "region = $7, district = $8, latitude = $9, longitude = $10, active = $11 "
        "WHERE id = $1 RETURNING " +
            std::string(kSiteCols),
        Concat(Concat({IdValue(site.id), Text(site.code), Enum(site.kind)}, NameParams(site.name)),
               {Text(site.region), Text(site.district), RealOrNull(site.latitude),
                RealOrNull(site.longitude), Bool(site.active)}));
    if (r.empty()) return base::NotFound("no such site");
    return SiteFrom(r[0]);
  });
}

std::optional<d::Site> SqlStore::GetSite(d::SiteId id) {
  return Read([&](Conn& c) -> std::optional<d::Site> {
    const auto r = c.Query(Select(kSiteCols, "sites", "WHERE id = $1"), {IdValue(id)});
    if (r.empty()) return std::nullopt;
    return SiteFrom(r[0]);
  });
}

std::vector<d::Site> SqlStore::ListSites() {
  return Read([&](Conn& c) {
    std::vector<d::Site> out;
    for (const Row& r : c.Query(Select(kSiteCols, "sites", "ORDER BY id"))) {
      out.push_back(SiteFrom(r));
    }
    return out;
  });
}

}  // namespace tawasul::store
