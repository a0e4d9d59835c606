#include "app/admin/admin_audit.hpp"

#include <sstream>

namespace tawasul::app {
namespace {

std::string Names(const d::LocalizedName& n) {
  return "name.ar=" + n.ar + "; name.fa=" + n.fa + "; name.en=" + n.en;
}
template <class Tag>
std::string IdText(const std::optional<base::Id<Tag>>& id) {
  return id ? std::to_string(id->value) : std::string("-");
}

}  // namespace

std::string Describe(const d::User& u) {
  return "username=" + u.username + "; display_name=" + u.display_name +
         "; role=" + std::string(d::ToString(u.role)) + "; unit_id=" + IdText(u.unit_id) +
         "; language=" + u.language + "; active=" + (u.active ? "true" : "false");
}

std::string Describe(const d::Unit& u) {
  return "code=" + u.code + "; " + Names(u.name) + "; parent_id=" + IdText(u.parent_id) +
         "; kind=" + std::string(d::ToString(u.kind)) + "; active=" + (u.active ? "true" : "false");
}

std::string Describe(const d::Category& c) {
  return "code=" + c.code + "; " + Names(c.name) + "; parent_id=" + IdText(c.parent_id) +
         "; default_unit_id=" + IdText(c.default_unit_id) + "; workflow=" + c.workflow +
         "; active=" + (c.active ? "true" : "false");
}

std::string Describe(const d::RoutingRule& r) {
  return "category_id=" + IdText(r.category_id) + "; site_id=" + IdText(r.site_id) +
         "; region=" + r.region + "; branch_id=" + IdText(r.branch_id) +
         "; channel=" + (r.channel ? std::string(d::ToString(*r.channel)) : std::string("-")) +
         "; unit_id=" + std::to_string(r.unit_id.value) + "; active=" + (r.active ? "true" : "false") +
         "; note=" + r.note;
}

std::string Describe(const d::Site& s) {
  std::ostringstream where;
  where.precision(9);
  if (s.latitude && s.longitude) where << *s.latitude << "," << *s.longitude;
  return "code=" + s.code + "; " + Names(s.name) + "; kind=" + std::string(d::ToString(s.kind)) +
         "; region=" + s.region + "; district=" + s.district + "; location=" + where.str() +
         "; active=" + (s.active ? "true" : "false");
}

void RecordAdminChange(AdminAuditStore& store, const Principal& who, std::string entity,
                       std::string key, std::string action, std::string old_value,
                       std::string new_value) {
  AdminAuditEntry e;
  e.actor = who.user.id;
  e.entity = std::move(entity);
  e.key = std::move(key);
  e.action = std::move(action);
  e.old_value = std::move(old_value);
  e.new_value = std::move(new_value);
  (void)store.AppendAdminAudit(std::move(e));
}

}  // namespace tawasul::app
