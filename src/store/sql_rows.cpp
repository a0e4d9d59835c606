#include "store/sql_rows.hpp"

#include "domain/requester_attributes.hpp"

namespace tawasul::store::rows {
namespace {

d::LocalizedName NameAt(const Row& r, std::size_t i) {
  return d::LocalizedName{AsText(r[i]), AsText(r[i + 1]), AsText(r[i + 2])};
}

}  // namespace

std::string Select(std::string_view cols, std::string_view table, std::string_view rest) {
  std::string sql = "SELECT ";
  sql += cols;
  sql += " FROM ";
  sql += table;
  if (!rest.empty()) {
    sql += ' ';
    sql += rest;
  }
  return sql;
}

d::Unit UnitFrom(const Row& r) {
  d::Unit u;
  u.id = AsId<d::UnitId>(r[0]);
  u.parent_id = AsOptId<d::UnitId>(r[1]);
  u.code = AsText(r[2]);
  u.name = NameAt(r, 3);
  u.kind = Parsed(d::ParseUnitKind, r[6], "unit kind");
  u.active = AsBool(r[7]);
  return u;
}

d::Category CategoryFrom(const Row& r) {
  d::Category c;
  c.id = AsId<d::CategoryId>(r[0]);
  c.parent_id = AsOptId<d::CategoryId>(r[1]);
  c.code = AsText(r[2]);
  c.name = NameAt(r, 3);
  c.default_unit_id = AsOptId<d::UnitId>(r[6]);
  c.active = AsBool(r[7]);
  c.workflow = AsText(r[8]);
  return c;
}

d::Site SiteFrom(const Row& r) {
  d::Site s;
  s.id = AsId<d::SiteId>(r[0]);
  s.code = AsText(r[1]);
  s.kind = Parsed(d::ParseSiteKind, r[2], "site kind");
  s.name = NameAt(r, 3);
  s.region = AsText(r[6]);
  s.district = AsText(r[7]);
  s.latitude = AsOptReal(r[8]);
  s.longitude = AsOptReal(r[9]);
  s.active = AsBool(r[10]);
  return s;
}

d::User UserFrom(const Row& r) {
  d::User u;
  u.id = AsId<d::UserId>(r[0]);
  u.username = AsText(r[1]);
  u.display_name = AsText(r[2]);
  u.role = Parsed(d::ParseRole, r[3], "role");
  u.unit_id = AsOptId<d::UnitId>(r[4]);
  u.language = AsText(r[5]);
  u.active = AsBool(r[6]);
  u.created_at = AsTime(r[7]);
  u.calendar = AsText(r[8]);
  u.digits = AsText(r[9]);
  u.extension = AsText(r[10]);
  return u;
}

app::StoredToken TokenFrom(const Row& r) {
  app::StoredToken t;
  t.hash = AsText(r[0]);
  t.user_id = AsId<d::UserId>(r[1]);
  t.kind = Parsed(d::ParseTokenKind, r[2], "token kind");
  t.name = AsText(r[3]);
  t.created_at = AsTime(r[4]);
  t.expires_at = AsOptTime(r[5]);
  return t;
}

d::Requester RequesterFrom(const Row& r) {
  d::Requester q;
  q.id = AsId<d::RequesterId>(r[0]);
  q.name = AsText(r[1]);
  q.phone = AsText(r[2]);
  q.email = AsText(r[3]);
  q.national_id = AsText(r[4]);
  q.language = AsText(r[5]);
  q.created_at = AsTime(r[6]);
  q.malicious_count = static_cast<int>(AsInt(r[7]));
  q.attributes = d::DecodeAttributes(AsText(r[8]));
  return q;
}

d::Case CaseFrom(const Row& r) {
  d::Case c;
  c.id = AsId<d::CaseId>(r[0]);
  c.tracking_code = AsText(r[1]);
  c.type = Parsed(d::ParseCaseType, r[2], "case type");
  c.category_id = AsId<d::CategoryId>(r[3]);
  c.channel = Parsed(d::ParseChannel, r[4], "channel");
  c.requester_id = AsOptId<d::RequesterId>(r[5]);
  c.site_id = AsOptId<d::SiteId>(r[6]);
  c.description = AsText(r[7]);
  c.priority = Parsed(d::ParsePriority, r[8], "priority");
  c.status = Parsed(d::ParseCaseStatus, r[9], "case status");
  c.unit_id = AsOptId<d::UnitId>(r[10]);
  c.public_answer = AsText(r[11]);
  c.created_by = AsOptId<d::UserId>(r[12]);
  c.created_at = AsTime(r[13]);
  c.updated_at = AsTime(r[14]);
  c.version = AsInt(r[15]);
  c.workflow = AsText(r[16]);
  c.state = AsText(r[17]);
  c.parent_id = AsOptId<d::CaseId>(r[18]);
  c.duplicate_of = AsOptId<d::CaseId>(r[19]);
  c.closed_at = AsOptTime(r[20]);
  c.branch_id = AsOptId<d::UnitId>(r[21]);
  c.suggested_unit_id = AsOptId<d::UnitId>(r[22]);
  c.owner_id = AsOptId<d::UserId>(r[23]);
  return c;
}

d::TimelineEvent EventFrom(const Row& r) {
  d::TimelineEvent e;
  e.id = AsId<d::EventId>(r[0]);
  e.case_id = AsId<d::CaseId>(r[1]);
  e.at = AsTime(r[2]);
  e.actor_id = AsOptId<d::UserId>(r[3]);
  e.kind = AsText(r[4]);
  e.field = AsText(r[5]);
  e.from = AsText(r[6]);
  e.to = AsText(r[7]);
  e.note = AsText(r[8]);
  return e;
}

std::string AgentBranchSql(int param) {
  const std::string p = "$" + std::to_string(param);
  return "(WITH RECURSIVE up(id, parent_id, kind, depth) AS (SELECT u.id, u.parent_id, u.kind, 0 "
         "FROM units u JOIN users s ON s.unit_id = u.id WHERE s.id = " + p +
         " UNION ALL SELECT u.id, u.parent_id, u.kind, up.depth + 1 FROM units u JOIN up ON "
         "u.id = up.parent_id WHERE up.depth < 32) SELECT id FROM up WHERE kind = 'branch' "
         "ORDER BY depth LIMIT 1)";
}

d::Contact ContactFrom(const Row& r) {
  d::Contact c;
  c.id = AsId<d::ContactId>(r[0]);
  c.channel = Parsed(d::ParseChannel, r[1], "channel");
  c.direction = Parsed(d::ParseContactDirection, r[2], "contact direction");
  c.requester_id = AsOptId<d::RequesterId>(r[3]);
  c.case_id = AsOptId<d::CaseId>(r[4]);
  c.agent_id = AsOptId<d::UserId>(r[5]);
  c.outcome = Parsed(d::ParseContactOutcome, r[6], "contact outcome");
  c.note = AsText(r[7]);
  c.started_at = AsTime(r[8]);
  c.ended_at = AsOptTime(r[9]);
  c.created_at = AsTime(r[10]);
  c.from_number = AsText(r[11]);
  c.to_number = AsText(r[12]);
  c.queue = AsText(r[13]);
  if (!IsNull(r[14])) c.call_id = AsText(r[14]);
  if (!IsNull(r[15])) c.source_id = AsInt(r[15]);
  c.site_id = AsOptId<d::SiteId>(r[16]);
  c.category_id = AsOptId<d::CategoryId>(r[17]);
  c.answered_at = AsOptTime(r[18]);
  c.cause = AsText(r[19]);
  c.branch_id = AsOptId<d::UnitId>(r[20]);
  return c;
}

d::Attachment AttachmentFrom(const Row& r) {
  d::Attachment a;
  a.id = AsId<d::AttachmentId>(r[0]);
  a.case_id = AsId<d::CaseId>(r[1]);
  a.filename = AsText(r[2]);
  a.media_type = AsText(r[3]);
  a.size = AsInt(r[4]);
  a.uploaded_by = AsOptId<d::UserId>(r[5]);
  a.created_at = AsTime(r[6]);
  a.released_at = AsOptTime(r[7]);
  a.released_by = AsOptId<d::UserId>(r[8]);
  return a;
}

d::Meeting MeetingFrom(const Row& r) {
  d::Meeting m;
  m.case_id = AsId<d::CaseId>(r[0]);
  m.date = AsText(r[1]);
  m.time = AsText(r[2]);
  m.place = AsText(r[3]);
  m.outcome = AsText(r[4]);
  m.updated_at = AsTime(r[5]);
  return m;
}

d::CallbackAttempt CallbackFrom(const Row& r) {
  d::CallbackAttempt a;
  a.case_id = AsId<d::CaseId>(r[0]);
  a.at = AsTime(r[1]);
  a.user_id = AsOptId<d::UserId>(r[2]);
  a.outcome = AsText(r[3]);
  return a;
}

d::OutboxMessage OutboxFrom(const Row& r) {
  d::OutboxMessage m;
  m.id = AsId<d::MessageId>(r[0]);
  m.case_id = AsOptId<d::CaseId>(r[1]);
  m.channel = AsText(r[2]);
  m.template_name = AsText(r[3]);
  m.recipient = AsText(r[4]);
  m.language = AsText(r[5]);
  m.subject = AsText(r[6]);
  m.body = AsText(r[7]);
  m.status = AsText(r[8]);
  m.created_at = AsTime(r[9]);
  m.segments = static_cast<int>(AsInt(r[10]));
  m.attempts = static_cast<int>(AsInt(r[11]));
  m.sent_at = AsOptTime(r[12]);
  m.gateway_ref = AsText(r[13]);
  m.last_error = AsText(r[14]);
  return m;
}

}  // namespace tawasul::store::rows
