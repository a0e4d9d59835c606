// Contacts (calls, visits, messages) and attachments.
#include <algorithm>

#include "store/sql_rows.hpp"
#include "domain/tag.hpp"
#include "store/sql_store.hpp"

namespace tawasul::store {

using namespace rows;  // NOLINT(google-build-using-namespace): column lists and mappers

void SqlStore::InsertContactTags(Conn& c, d::ContactId id, const std::vector<std::string>& names,
                                 std::optional<d::UserId> actor, base::Time at) {
  for (const std::string& name : names) {
    const std::string key = d::TagKey(name);
    c.Exec("INSERT INTO tags (name, tag_key, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
           {Text(name), Text(key), Micros(at)});
    c.Exec("INSERT INTO contact_tags (contact_id, tag_id, added_by, added_at) "
           "SELECT $1, id, $2, $3 FROM tags WHERE tag_key = $4 "
           "ON CONFLICT (contact_id, tag_id) DO NOTHING",
           {IdValue(id), IdOrNull(actor), Micros(at), Text(key)});
  }
}

d::Contact SqlStore::InsertContact(Conn& c, const d::Contact& contact, bool timeline) {
  d::Contact out = contact;
  out.created_at = Stamp(contact.created_at);
  out.started_at =
      contact.started_at.time_since_epoch().count() == 0 ? out.created_at : contact.started_at;
  const auto r = c.Query(
      "INSERT INTO contacts (channel, direction, requester_id, case_id, agent_id, outcome, "
      "note, started_at, ended_at, created_at, from_number, to_number, queue, site_id, "
      "category_id, answered_at, branch_id) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, "
      "COALESCE($17, " + AgentBranchSql(5) + ")) RETURNING id, branch_id",
      {Enum(out.channel), Enum(out.direction), IdOrNull(out.requester_id), IdOrNull(out.case_id),
       IdOrNull(out.agent_id), Enum(out.outcome), Text(out.note), Micros(out.started_at),
       MicrosOrNull(out.ended_at), Micros(out.created_at), Text(out.from_number),
       Text(out.to_number), Text(out.queue), IdOrNull(out.site_id), IdOrNull(out.category_id),
       MicrosOrNull(out.answered_at), IdOrNull(out.branch_id)});
  out.id = AsId<d::ContactId>(r.at(0).at(0));
  out.branch_id = AsOptId<d::UnitId>(r.at(0).at(1));
  out.call_id.reset();
  out.source_id.reset();
  InsertContactTags(c, out.id, contact.tags, out.agent_id, out.created_at);
  out.tags.clear();
  if (out.case_id) {
    c.Exec("INSERT INTO contact_cases (contact_id, case_id, link, at) VALUES ($1, $2, $3, $4)",
           {IdValue(out.id), IdValue(*out.case_id),
            Text(out.outcome == d::ContactOutcome::kCaseCreated ? "registered" : "updated"),
            Micros(out.started_at)});
    if (timeline) {
      AppendEvent(c, *out.case_id, out.started_at, out.agent_id, "contact", "", "",
                  std::string(d::ToString(out.outcome)), out.note);
    }
  }
  return out;
}

Result<d::Contact> SqlStore::CreateContact(const d::Contact& contact) {
  return Write<d::Contact>(
      [&](Conn& c) -> Result<d::Contact> { return InsertContact(c, contact); });
}

std::optional<d::Contact> SqlStore::GetContact(d::ContactId id) {
  return Read([&](Conn& c) -> std::optional<d::Contact> {
    const auto r = c.Query(Select(kContactCols, "contacts", "WHERE id = $1"), {IdValue(id)});
    if (r.empty()) return std::nullopt;
    return ContactFrom(r[0]);
  });
}

std::vector<d::Contact> SqlStore::ListContacts(const app::ContactFilter& f) {
  // Only the filters in use enter the SQL (one prepared statement per shape).
  Params params;
  Where where(params);
  if (f.case_id) {
    params.push_back(IdValue(*f.case_id));
    where.Raw("id IN (SELECT contact_id FROM contact_cases WHERE case_id = $" +
              std::to_string(params.size()) + ")");
  }
  if (f.requester_id) where.Add("requester_id = ", IdValue(*f.requester_id));
  if (f.channel) where.Add("channel = ", Enum(*f.channel));
  if (f.direction) where.Add("direction = ", Enum(*f.direction));
  if (f.outcome) where.Add("outcome = ", Enum(*f.outcome));
  if (f.agent_id) where.Add("agent_id = ", IdValue(*f.agent_id));
  if (f.category_id) where.Add("category_id = ", IdValue(*f.category_id));
  if (f.site_id) where.Add("site_id = ", IdValue(*f.site_id));
  if (f.queue) where.Add("queue = ", Text(*f.queue));
  if (f.number) {
    params.push_back(Text(*f.number));
    const std::string p = "$" + std::to_string(params.size());
    where.Raw("(from_number = " + p + " OR to_number = " + p + ")");
  }
  if (f.started_from) where.Add("started_at >= ", Micros(*f.started_from));
  if (f.started_to) where.Add("started_at < ", Micros(*f.started_to));
  if (f.before_id) where.Add("id < ", Int(*f.before_id));
  params.push_back(Int(f.limit <= 0 ? 50 : std::min(f.limit, 1000)));
  const std::string sql =
      Select(kContactCols, "contacts",
             where.sql() + " ORDER BY id DESC LIMIT $" + std::to_string(params.size()));
  return Read([&](Conn& c) {
    std::vector<d::Contact> out;
    for (const Row& r : c.Query(sql, params)) out.push_back(ContactFrom(r));
    return out;
  });
}

Result<d::Contact> SqlStore::UpdateContact(const app::ContactEdit& ch) {
  // One statement: on PostgreSQL the row lock orders it with a PBX's event on the same call,
  // which reads the row FOR UPDATE, so neither undoes the other.
  std::string set;
  Params params{IdValue(ch.id)};
  auto assign = [&](std::string_view column, Value v) {
    params.push_back(std::move(v));
    if (!set.empty()) set += ", ";
    set += std::string(column) + " = $" + std::to_string(params.size());
  };
  if (ch.outcome) assign("outcome", Enum(*ch.outcome));
  if (ch.category_id) assign("category_id", IdOrNull(*ch.category_id));
  if (ch.site_id) assign("site_id", IdOrNull(*ch.site_id));
  if (ch.note) assign("note", Text(*ch.note));
  std::string sql;
  if (ch.end_at) {
    params.push_back(Micros(Stamp(*ch.end_at)));
    if (!set.empty()) set += ", ";
    const std::string p = "$" + std::to_string(params.size());
    set += "ended_at = CASE WHEN ended_at IS NULL AND source_id IS NULL THEN " + p +
           " ELSE ended_at END";
  }
  if (set.empty() && ch.add_tags.empty()) {
    if (auto found = GetContact(ch.id)) return *found;
    return base::NotFound("No such contact");
  }
  if (set.empty()) set = "id = id";  // only tags: the row is still locked and returned
  sql = "UPDATE contacts SET " + set + " WHERE id = $1 RETURNING " + std::string(kContactCols);
  return Write<d::Contact>([&](Conn& c) -> Result<d::Contact> {
    const auto r = c.Query(sql, params);
    if (r.empty()) return base::NotFound("No such contact");
    InsertContactTags(c, ch.id, ch.add_tags, ch.actor, Stamp(base::Time{}));
    return ContactFrom(r[0]);
  });
}

Result<d::Attachment> SqlStore::AddAttachment(const d::Attachment& meta,
                                              const std::string& content) {
  return Write<d::Attachment>([&](Conn& c) -> Result<d::Attachment> {
    d::Attachment out = meta;
    out.created_at = Stamp(meta.created_at);
    out.size = static_cast<std::int64_t>(content.size());  // the bytes are the truth
    const auto r = c.Query(
        "INSERT INTO attachments (case_id, filename, media_type, size, uploaded_by, created_at, "
        "content) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        {IdValue(out.case_id), Text(out.filename), Text(out.media_type), Int(out.size),
         IdOrNull(out.uploaded_by), Micros(out.created_at), Bytes(content)});
    out.id = AsId<d::AttachmentId>(r.at(0).at(0));
    c.Exec(
        "INSERT INTO case_events (case_id, at, actor_id, kind, field, from_value, to_value, "
        "note) VALUES ($1, $2, $3, 'attachment', '', '', $4, '')",
        {IdValue(out.case_id), Micros(out.created_at), IdOrNull(out.uploaded_by),
         Text(out.filename)});
    return out;
  });
}

std::vector<d::Attachment> SqlStore::ListAttachments(d::CaseId case_id) {
  return Read([&](Conn& c) {
    std::vector<d::Attachment> out;
    for (const Row& r :
         c.Query(Select(kAttachmentCols, "attachments", "WHERE case_id = $1 ORDER BY id"),
                 {IdValue(case_id)})) {
      out.push_back(AttachmentFrom(r));
    }
    return out;
  });
}

std::optional<app::AttachmentBlob> SqlStore::GetAttachment(d::AttachmentId id) {
  return Read([&](Conn& c) -> std::optional<app::AttachmentBlob> {
    const auto r =
        c.Query(Select(std::string(kAttachmentCols) + ", content", "attachments", "WHERE id = $1"),
                {IdValue(id)});
    if (r.empty()) return std::nullopt;
    return app::AttachmentBlob{AttachmentFrom(r[0]), AsText(r[0].back())};
  });
}

Result<d::Attachment> SqlStore::ReleaseAttachment(d::AttachmentId id, d::UserId by, base::Time at) {
  return Write<d::Attachment>([&](Conn& c) -> Result<d::Attachment> {
    const base::Time stamp = Stamp(at);
    const auto released = c.Query(
        "UPDATE attachments SET released_at = $2, released_by = $3 "
        "WHERE id = $1 AND released_at IS NULL RETURNING case_id, filename",
        {IdValue(id), Micros(stamp), IdValue(by)});
    if (!released.empty()) {
      c.Exec(
          "INSERT INTO case_events (case_id, at, actor_id, kind, field, from_value, to_value, "
          "note) VALUES ($1, $2, $3, 'attachment_released', '', '', $4, '')",
          {released[0][0], Micros(stamp), IdValue(by), released[0][1]});
    }
    const auto r =
        c.Query(Select(kAttachmentCols, "attachments", "WHERE id = $1"), {IdValue(id)});
    if (r.empty()) return base::NotFound("No such attachment");
    return AttachmentFrom(r[0]);
  });
}

}  // namespace tawasul::store
